package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"time"
)

// Status is where a request is in its life.
type Status string

// Request statuses. The transitions between them are staff actions (§三);
// a request from the kiosk starts as StatusSubmitted.
const (
	StatusSubmitted Status = "submitted" // 已登记，等待受理
	StatusAccepted  Status = "accepted"  // 已受理，正在办理
	StatusWaiting   Status = "waiting"   // 等待补正材料 (clock paused)
	StatusEscalated Status = "escalated" // 已上报上级部门
	StatusFinished  Status = "finished"  // 已办结
	StatusRefused   Status = "refused"   // 不予受理/不予办理
	StatusWithdrawn Status = "withdrawn" // 已撤回
)

// Label is the status as a resident reads it, in Chinese: for paper (receipts,
// notices) and stored text, which are Chinese in every UI language. Screens
// show the word from the translations, keyed by the status.
func (s Status) Label() string {
	switch s {
	case StatusSubmitted:
		return "已登记，等待受理"
	case StatusAccepted:
		return "已受理，正在办理"
	case StatusWaiting:
		return "等待补充材料"
	case StatusEscalated:
		return "已报送上级部门审批"
	case StatusFinished:
		return "已办结"
	case StatusRefused:
		return "不予受理"
	case StatusWithdrawn:
		return "已撤回"
	}
	return string(s)
}

// Explain says in plain words what the status means for the resident and
// what to do next.
func (s Status) Explain() string {
	switch s {
	case StatusSubmitted:
		return "您的申请已经登记。工作人员会尽快审核，如需补充材料会一次性告知您。"
	case StatusAccepted:
		return "工作人员已经受理，正在办理。请在承诺办结日期后查询或留意电话通知。"
	case StatusWaiting:
		return "还缺少下面列出的材料。请带齐后到窗口提交，材料齐全之日起重新计算办理时限。"
	case StatusEscalated:
		return "您的申请已报送上级部门审批，工作人员会跟进并及时告知结果。"
	case StatusFinished:
		return "已经办结。欢迎您对本次服务进行评价。"
	case StatusRefused:
		return "您的申请不符合受理条件，理由已书面告知。如有疑问可咨询窗口或拨打投诉电话。"
	case StatusWithdrawn:
		return "该申请已撤回。"
	}
	return ""
}

// Closed reports whether the request has ended.
func (s Status) Closed() bool {
	return s == StatusFinished || s == StatusRefused || s == StatusWithdrawn
}

// Channel is how a request reached the service room.
type Channel string

// Channels.
const (
	ChannelKiosk  Channel = "kiosk"
	ChannelWindow Channel = "window"
	ChannelPhone  Channel = "phone"
)

// Label is the channel's Chinese name, for stored text (the timeline's
// 通过…登记), its code for an unknown one; screens show the word from the
// translations.
func (c Channel) Label() string { return labelIn(channelLabels, c) }

var channelLabels = map[Channel]string{
	ChannelKiosk:  "自助终端",
	ChannelWindow: "窗口",
	ChannelPhone:  "电话",
}

// Event kinds on a request's timeline.
const (
	EventSubmitted  = "submitted"
	EventAccepted   = "accepted"
	EventSupplement = "supplement" // 补正通知
	EventComplete   = "complete"   // materials complete, clock restarts
	EventEscalated  = "escalated"
	EventHandover   = "handover"
	EventPartDone   = "part_done"
	EventFinished   = "finished"
	EventRefused    = "refused"
	EventNote       = "note"
	EventRated      = "rated"
	EventPrinted    = "printed"
)

// EventLabel is an event kind as the resident's timeline shows it.
func EventLabel(kind string) string {
	switch kind {
	case EventSubmitted:
		return "登记申请"
	case EventAccepted:
		return "受理"
	case EventSupplement:
		return "一次性告知需补充的材料"
	case EventComplete:
		return "材料已补齐"
	case EventEscalated:
		return "报送上级部门"
	case EventHandover:
		return "转交经办人员"
	case EventPartDone:
		return "配合窗口办理完成"
	case EventFinished:
		return "办结"
	case EventRefused:
		return "不予受理（已书面告知）"
	case EventNote:
		return "办理进展"
	case EventRated:
		return "服务评价"
	case EventPrinted:
		return "打印回执"
	case EventPaused:
		return "暂停计时"
	case EventResumed:
		return "恢复计时"
	case EventUpperResult:
		return "上级部门反馈审批结果"
	case EventWithdrawn:
		return "撤回申请"
	case EventFollowUp:
		return "差评回访"
	}
	return kind
}

// Event is one entry on a request's timeline. Events are append-only.
type Event struct {
	At         time.Time
	Kind       string
	StaffName  string
	WindowName string
	Public     bool
	Note       string
}

// Tracking is what a resident sees when they look a request up: no personal
// data beyond the masked name.
type Tracking struct {
	RequestID     int64
	ReceiptNo     string
	Token         string
	ItemName      string
	Mode          Mode
	Status        Status
	ApplicantMask string
	Channel       Channel
	Created       time.Time
	DueDay        string // '' until a date is promised
	Missing       []string
	Events        []Event // public events only, oldest first
	Rated         bool
	CenterName    string
	CenterPhone   string
	Complaint     string // complaint phone
}

// CanRate reports whether the resident may rate the service now.
func (t *Tracking) CanRate() bool { return t.Status == StatusFinished && !t.Rated }

// Explain is Status.Explain for this request: a finished request already
// rated thanks the resident instead of inviting a rating, so no page says
// 欢迎您评价 and 您已评价 at once.
func (t *Tracking) Explain() string {
	if t.Status == StatusFinished && t.Rated {
		return "已经办结。您已评价过本次服务，感谢您的反馈。"
	}
	return t.Status.Explain()
}

// TrackByToken looks a request up by the tracking token of its QR code.
func (s *Store) TrackByToken(ctx context.Context, token string) (Tracking, error) {
	if !ValidToken(token) {
		return Tracking{}, ErrNotFound
	}
	return s.track(ctx, `token = ?`, token)
}

// TrackByCode looks a request up by its receipt number and query code, as
// typed on the kiosk's keypad. A wrong pair is ErrNotFound, whichever half
// is wrong.
func (s *Store) TrackByCode(ctx context.Context, receiptNo, queryCode string) (Tracking, error) {
	rn, err1 := CleanReceiptNo("receipt_no", receiptNo)
	qc, err2 := CleanQueryCode("query_code", queryCode)
	if err1 != nil || err2 != nil {
		return Tracking{}, ErrNotFound
	}
	return s.track(ctx, `receipt_no = ? AND query_code = ?`, rn, qc)
}

func (s *Store) track(ctx context.Context, where string, args ...any) (Tracking, error) {
	var t Tracking
	err := s.read(ctx, "track", func(tx *sql.Tx) error {
		var name, missing, created, brought string
		var rated int
		var itemID int64
		err := tx.QueryRowContext(ctx, `SELECT r.id, r.receipt_no, r.token, i.name, r.mode, r.status, r.applicant_name,
			r.channel, r.created_at, r.due_day, coalesce((SELECT s.materials FROM supplements s WHERE s.request_id = r.id
			AND s.complete_day = '' ORDER BY s.id DESC LIMIT 1), ''),
			EXISTS (SELECT 1 FROM ratings WHERE request_id = r.id), r.item_id, r.brought
			FROM requests r JOIN items i ON i.id = r.item_id WHERE `+where, args...).Scan(
			&t.RequestID, &t.ReceiptNo, &t.Token, &t.ItemName, &t.Mode, &t.Status, &name, &t.Channel, &created,
			&t.DueDay, &missing, &rated, &itemID, &brought)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		t.ApplicantMask = MaskName(name)
		t.Created = parseTime(created)
		t.Rated = rated == 1
		switch {
		case missing != "": // the 补正通知单 open now lists them all
			t.Missing, err = materialNames(ctx, tx, missing)
		case !t.Status.Closed(): // what the receipt listed, less what staff have ticked as received since
			t.Missing, err = missingRequired(ctx, tx, itemID, brought)
		}
		if err != nil {
			return err
		}
		if t.Events, err = events(ctx, tx, t.RequestID, true); err != nil {
			return err
		}
		c, err := getCenter(ctx, tx)
		if err != nil {
			return err
		}
		t.CenterName, t.CenterPhone, t.Complaint = c.Name, c.Phone, c.ComplaintPhone
		return nil
	})
	return t, err
}

// missingRequired names the item's required materials that are not among
// the received ones (a JSON array of material ids, requests.brought), in
// the guide's order: the receipt's 一次性告知 list, as it stands.
func missingRequired(ctx context.Context, tx *sql.Tx, itemID int64, receivedJSON string) ([]string, error) {
	var received []int64
	if err := json.Unmarshal([]byte(receivedJSON), &received); err != nil {
		return nil, err
	}
	ms, err := itemMaterials(ctx, tx, itemID)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, m := range MissingRequired(ms, received) {
		out = append(out, m.Name)
	}
	return out, nil
}

// MissingRequired is the 一次性告知 rule (§六): the required materials of
// ms that are not among received, all of them at once, in order.
func MissingRequired(ms []Material, received []int64) []Material {
	var out []Material
	for _, m := range ms {
		if m.Required && !slices.Contains(received, m.ID) {
			out = append(out, m)
		}
	}
	return out
}

// materialNames turns a JSON array of material ids into their names.
func materialNames(ctx context.Context, tx *sql.Tx, idsJSON string) ([]string, error) {
	var ids []int64
	if err := json.Unmarshal([]byte(idsJSON), &ids); err != nil {
		return nil, err
	}
	var out []string
	for _, id := range ids {
		var name string
		err := tx.QueryRowContext(ctx, `SELECT name FROM materials WHERE id = ?`, id).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return nil, err
		}
		out = append(out, name)
	}
	return out, nil
}

// events reads a request's timeline, oldest first.
func events(ctx context.Context, tx *sql.Tx, requestID int64, publicOnly bool) ([]Event, error) {
	return queryRows(ctx, tx, func(e *Event) []any {
		return []any{timeText(&e.At), &e.Kind, &e.StaffName, &e.WindowName, &e.Public, &e.Note}
	}, `SELECT e.at, e.kind, coalesce(s.name, ''), coalesce(w.name, ''), e.public, e.note
		FROM request_events e LEFT JOIN staff s ON s.id = e.staff_id LEFT JOIN windows w ON w.id = e.window_id
		WHERE e.request_id = ? AND (e.public = 1 OR ? = 0) ORDER BY e.id`, requestID, boolInt(publicOnly))
}

// addEvent appends an event to a request's timeline.
func addEvent(ctx context.Context, tx queryer, requestID int64, at, kind string, staffID, windowID any, public bool, note string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO request_events (request_id, at, kind, staff_id, window_id, public, note)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, requestID, at, kind, staffID, windowID, boolInt(public), note)
	return err
}
