package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"
)

// Registration is what a resident (at the kiosk) or a clerk (at the window)
// enters to register a request.
type Registration struct {
	ItemID      int64
	Channel     Channel
	Name        string
	Phone       string
	IDNumber    string            // asked unless the item says no_id
	Description string            // 简要说明, optional
	Fields      map[string]string // intake field key → value as typed
	Brought     []int64           // ids of the materials the applicant has with them
	NeedsHelp   bool              // 需要工作人员协助 (协助办理)
	Proxy       bool              // 委托工作人员代办 (代为办理)
	Consent     bool              // agreed to the personal-information notice
	StaffID     int64             // the clerk who registers it at a window (首问), 0 at the kiosk
	// Token, when not "", is the request's tracking token, made by the
	// terminal (NewToken) before it first sends the registration and sent
	// again with every retry of it: a registration whose token is already
	// stored is not made again, Register returns the receipt of the one
	// saved (after a connection lost while saving, ErrCommitUnknown, the
	// resident gets their receipt, never a second request). "": the store
	// makes one.
	Token string
}

// Clean validates the registration against the item, in the order the
// registration screens ask (the item's fields, then the applicant, then the
// description and the consent), and returns it normalised: spaces trimmed,
// ID number and phone in canonical form, field values in their stored form.
// The first problem is returned as an *InvalidError whose Field is
// "fields.<key>", "name", "phone", "id_number", "description", "brought" or
// "consent".
func (r Registration) Clean(it *Item, today time.Time) (Registration, error) {
	out := r
	out.Fields = map[string]string{}
	for _, f := range it.Fields {
		v, err := f.CleanValue(r.Fields[f.Key], today)
		if err != nil {
			return out, asInvalid(err).Prefix("fields." + f.Key)
		}
		if v != "" {
			out.Fields[f.Key] = v
		}
	}
	for k := range r.Fields {
		if !hasField(it, k) {
			return out, Invalid("fields."+k, "该事项没有这一登记项，请返回重新选择。")
		}
	}
	var err error
	if out.Name, err = PersonName("name", r.Name); err != nil {
		return out, err
	}
	if out.Phone, err = ContactPhone("phone", r.Phone); err != nil {
		return out, err
	}
	if it.NoID {
		out.IDNumber = ""
	} else if out.IDNumber, err = IDNumber("id_number", r.IDNumber, today); err != nil {
		return out, err
	}
	if out.Description, err = Text("description", "情况说明", r.Description, MaxDescriptionRunes, false, true); err != nil {
		return out, err
	}
	seen := map[int64]bool{}
	out.Brought = nil
	for _, id := range r.Brought {
		if !hasMaterial(it, id) {
			return out, Invalid("brought", "所选材料不属于该事项，请重新勾选。")
		}
		if !seen[id] {
			seen[id] = true
			out.Brought = append(out.Brought, id)
		}
	}
	sort.Slice(out.Brought, func(i, j int) bool { return out.Brought[i] < out.Brought[j] })
	if !r.Consent {
		return out, Invalid("consent", "请阅读个人信息保护告知，并点击“同意”后再提交。")
	}
	switch r.Channel {
	case ChannelKiosk, ChannelWindow, ChannelPhone:
	default:
		return out, Invalid("channel", "登记渠道不正确。")
	}
	return out, nil
}

func asInvalid(err error) *InvalidError {
	var ie *InvalidError
	if errors.As(err, &ie) {
		return ie
	}
	return Invalid("", err.Error()).keyed("data.register.unexpected", map[string]any{"Error": err.Error()})
}

func hasField(it *Item, key string) bool {
	for _, f := range it.Fields {
		if f.Key == key {
			return true
		}
	}
	return false
}

func hasMaterial(it *Item, id int64) bool {
	for _, m := range it.Materials {
		if m.ID == id {
			return true
		}
	}
	return false
}

// Receipt is what a registration gives back: the numbers for the receipt
// and the screen, and the materials picture of 一次性告知. Personal data in
// it is already masked; it is safe to print and show.
type Receipt struct {
	RequestID      int64
	ReceiptNo      string
	QueryCode      string
	Token          string
	Created        time.Time
	CenterName     string
	ComplaintPhone string
	ItemName       string
	Mode           Mode
	Status         Status
	DueDay         string   // '' until a date is promised
	Brought        []string // materials the applicant has
	Missing        []string // required materials still missing, all of them at once
	Optional       []string // optional materials not brought (如有)
	ApplicantMask  string
	IDMask         string
	NeedsHelp      bool
	Proxy          bool
}

// Register validates and stores a request with its first timeline event in
// one transaction, allocating the receipt number from the day's counter (so
// numbers stay unique under concurrent intake), a fresh query code and a
// fresh tracking token. On any error nothing is stored.
func (s *Store) Register(ctx context.Context, reg Registration) (Receipt, error) {
	for attempt := 0; ; attempt++ {
		rc, err := s.register(ctx, reg)
		if (errors.Is(err, errStaleGuide) || errors.Is(err, ErrInvalid)) && attempt < 1 {
			// The cached guide may be older than the one the resident saw
			// (another process imported a new version): read it again and
			// check once more before telling anyone their input is wrong.
			s.guides.Delete(reg.ItemID)
			continue
		}
		if errors.Is(err, errStaleGuide) {
			err = fmt.Errorf("data: register: %w", ErrConflict)
		}
		return rc, err
	}
}

var errStaleGuide = errors.New("data: guide changed")

// guide returns the item from the cache of parsed guides, reading it when
// absent. A guide never changes within a version, so an entry is right as
// long as its version is the item's current one; register checks that
// inside its write transaction.
func (s *Store) guide(ctx context.Context, id int64) (*Item, error) {
	if v, ok := s.guides.Load(id); ok {
		return v.(*Item), nil
	}
	it, err := s.Item(ctx, id)
	if err != nil {
		return nil, err
	}
	s.guides.Store(id, &it)
	return &it, nil
}

func (s *Store) register(ctx context.Context, reg Registration) (Receipt, error) {
	now := s.now()
	var rc Receipt
	it, err := s.guide(ctx, reg.ItemID)
	if errors.Is(err, ErrNotFound) {
		return rc, Invalid("item", "找不到该事项，请返回重新选择。")
	}
	if err != nil {
		return rc, err
	}
	clean, err := reg.Clean(it, now)
	if err != nil {
		return rc, err
	}
	token, err := tokenOrNew("register", clean.Token)
	if err != nil {
		return rc, err
	}
	again := false // the token's registration was saved before: rc is its receipt
	err = s.tx(ctx, "register", func(tx *sql.Tx) error {
		if clean.Token != "" {
			var err error
			if rc, again, err = savedRegistration(ctx, tx, clean, it.ID); again || err != nil {
				return err
			}
		}
		var err error
		rc, err = s.insertRegistration(ctx, tx, clean, it, token, now)
		return err
	})
	if err != nil {
		return Receipt{}, err
	}
	if again {
		return rc, nil
	}
	rc.Brought, rc.Missing, rc.Optional = sortMaterials(it.Materials, clean.Brought)
	return rc, nil
}

// insertRegistration stores a new request for clean under token, with its
// receipt number, query code and first event, in tx.
func (s *Store) insertRegistration(ctx context.Context, tx *sql.Tx, clean Registration, it *Item, token string,
	now time.Time) (Receipt, error) {
	var rc Receipt
	fields, err := json.Marshal(clean.Fields)
	if err != nil {
		return rc, fmt.Errorf("data: register: %w", err)
	}
	brought, err := json.Marshal(append([]int64{}, clean.Brought...))
	if err != nil {
		return rc, fmt.Errorf("data: register: %w", err)
	}
	// The guide may have changed since it was read: the request records
	// the version in force now, and the materials it was checked against.
	var version, active int
	var prefix, center, complaint string
	var window sql.NullInt64 // the item's lead window: where the request is handled
	if err := tx.QueryRowContext(ctx, `SELECT i.version, i.active, c.receipt_prefix, c.name, c.complaint_phone,
		(SELECT window_id FROM item_windows WHERE item_id = i.id AND role = 'lead')
		FROM items i, center c WHERE i.id = ? AND c.id = 1`, it.ID).Scan(&version, &active, &prefix, &center,
		&complaint, &window); err != nil {
		return rc, err
	}
	if active != 1 {
		return rc, Invalid("item", "该事项已暂停自助登记，请到窗口咨询。")
	}
	if version != it.Version {
		s.guides.Delete(it.ID)
		return rc, errStaleGuide
	}
	day := Day(now)
	seq, err := s.nextSeq(ctx, tx, day)
	if err != nil {
		return rc, err
	}
	rc = Receipt{
		ReceiptNo: FormatReceiptNo(prefix, now, seq), QueryCode: NewQueryCode(), Token: token,
		Created: now, CenterName: center, ComplaintPhone: complaint, ItemName: it.Name, Mode: it.Mode,
		Status: StatusSubmitted, ApplicantMask: MaskName(clean.Name), IDMask: MaskID(clean.IDNumber),
		NeedsHelp: clean.NeedsHelp, Proxy: clean.Proxy,
	}
	var staff any
	if clean.StaffID != 0 {
		staff = clean.StaffID
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO requests (receipt_no, query_code, token, item_id, item_version,
		channel, status, mode, applicant_name, applicant_phone, applicant_id, description, fields, brought,
		needs_help, proxy, consent_at, owner_id, first_owner_id, created_at, window_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		rc.ReceiptNo, rc.QueryCode, rc.Token, it.ID, version, string(clean.Channel), string(StatusSubmitted),
		string(it.Mode), clean.Name, clean.Phone, clean.IDNumber, clean.Description, string(fields),
		string(brought), boolInt(clean.NeedsHelp), boolInt(clean.Proxy), formatTime(now), staff, staff,
		formatTime(now), window)
	if err != nil {
		return rc, err
	}
	if rc.RequestID, err = res.LastInsertId(); err != nil {
		return rc, err
	}
	return rc, addEvent(ctx, tx, rc.RequestID, formatTime(now), EventSubmitted, staff, nil, true,
		"通过"+clean.Channel.Label()+"登记")
}

// savedRegistration is the receipt of the request registered before with
// reg's token (a retry, see Registration.Token); found false when there is
// none. A token stored for another item or applicant is a conflict (it
// cannot happen with NewToken's tokens, but a receipt is never handed to
// the wrong person).
func savedRegistration(ctx context.Context, tx *sql.Tx, reg Registration, itemID int64) (rc Receipt, found bool, err error) {
	var item int64
	var idNumber, name string
	err = tx.QueryRowContext(ctx, `SELECT item_id, applicant_id, applicant_name FROM requests WHERE token = ?`,
		reg.Token).Scan(&item, &idNumber, &name)
	if errors.Is(err, sql.ErrNoRows) {
		return rc, false, nil
	}
	if err != nil {
		return rc, false, err
	}
	if item != itemID || idNumber != reg.IDNumber || name != reg.Name {
		return rc, false, fmt.Errorf("data: register: token already used by another registration: %w", ErrConflict)
	}
	rc, err = readReceipt(ctx, tx, `r.token = ?`, reg.Token)
	return rc, err == nil, err
}
