package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a staff member may do in staff mode.
type Role string

// Roles.
const (
	RoleStaff Role = "staff"
	RoleAdmin Role = "admin"
)

// Roles lists the roles in the order staff mode offers them.
var Roles = []Role{RoleStaff, RoleAdmin}

// Staff is a member of the service room's staff, as disclosed under §一(一)1
// (name, photo, post, duties) with their window and A/B post (§三1).
type Staff struct {
	ID        int64  `json:"-"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	Photo     []byte `json:"photo,omitempty"`      // PNG or JPEG
	PhotoFile string `json:"photo_file,omitempty"` // import only: a file next to the catalog
	Post      string `json:"post"`
	Duties    string `json:"duties"`
	Window    string `json:"window,omitempty"` // window code
	AB        string `json:"ab,omitempty"`     // "A", "B" or ""
	Role      Role   `json:"role"`
	Phone     string `json:"-"` // internal; not in the catalog file (see org.go)
	Active    bool   `json:"active"`
	Sample    bool   `json:"sample,omitempty"`
}

// Validate checks a staff record.
func (st *Staff) Validate() error {
	if err := checkCode(staffCode, st.Code); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(st.Name) == "" || utf8.RuneCountInString(st.Name) > 20:
		return Invalid("name", "请填写工作人员姓名（不超过20个字）。")
	case strings.TrimSpace(st.Post) == "":
		return Invalid("post", "请填写职务。")
	case st.AB != "" && st.AB != "A" && st.AB != "B":
		return Invalid("ab", "AB岗应为 A 或 B。")
	case st.AB != "" && st.Window == "":
		return Invalid("window", "设置了AB岗的工作人员需要指定窗口。")
	case !slices.Contains(Roles, st.Role):
		return Invalid("role", "角色应为 staff 或 admin。")
	case len(st.Photo) > 2<<20:
		return Invalid("photo", "照片不能超过2MB。")
	}
	return nil
}

// StaffCard is a staff member as the public disclosure shows them.
type StaffCard struct {
	ID         int64
	Name       string
	Photo      []byte
	Post       string
	Duties     string
	WindowCode string
	WindowName string
	AB         string
}

// StaffCards lists active staff for the disclosure pages, by window then A/B.
func (s *Store) StaffCards(ctx context.Context) ([]StaffCard, error) {
	return readRows(ctx, s, "staff cards", func(c *StaffCard) []any {
		return []any{&c.ID, &c.Name, &c.Photo, &c.Post, &c.Duties, &c.WindowCode, &c.WindowName, &c.AB}
	}, `SELECT s.id, s.name, s.photo, s.post, s.duties,
		coalesce(w.code, ''), coalesce(w.name, ''), s.ab
		FROM staff s LEFT JOIN windows w ON w.id = s.window_id
		WHERE s.active = 1 ORDER BY s.ord, coalesce(w.ord, 999), s.ab, s.id`)
}

// Staff as administrators keep them: the list, add and edit, unlock.

// StaffRecord is a staff member as the administration lists them.
type StaffRecord struct {
	Staff
	WindowName  string
	HasPIN      bool
	LockedUntil time.Time // zero unless locked out now
	OpenOwned   int       // open requests in their name
}

// OrgStaff lists every staff member, active first, by window and post. The
// lockout is as of the store's clock.
func (s *Store) OrgStaff(ctx context.Context) ([]StaffRecord, error) {
	var out []StaffRecord
	now := s.now()
	err := s.read(ctx, "org staff", func(tx *sql.Tx) error {
		err := collectRows(ctx, tx, &out, func(r *StaffRecord) []any {
			return []any{&r.ID, &r.Code, &r.Name, &r.Photo, &r.Post, &r.Duties, &r.Window, &r.WindowName, &r.AB,
				&r.Role, &r.Active, &r.Sample, &r.Phone, &r.HasPIN, timeText(&r.LockedUntil), &r.OpenOwned}
		}, `SELECT s.id, s.code, s.name, s.photo, s.post, s.duties, coalesce(w.code, ''),
			coalesce(w.name, ''), s.ab, s.role, s.active, s.sample, s.phone, s.pin_hash != '',
			coalesce(l.locked_until, ''),
			(SELECT count(*) FROM requests r WHERE r.owner_id = s.id AND r.status NOT IN ('finished', 'refused', 'withdrawn'))
			FROM staff s LEFT JOIN windows w ON w.id = s.window_id LEFT JOIN staff_lockouts l ON l.staff_id = s.id
			ORDER BY s.active DESC, w.id IS NULL, coalesce(w.ord, 0), w.id, s.ord, s.id`)
		if err != nil {
			return err
		}
		for i := range out {
			if !now.Before(out[i].LockedUntil) {
				out[i].LockedUntil = time.Time{} // a lockout over is none
			}
		}
		type group struct {
			active bool
			window string
		}
		sortByPost(out, func(r StaffRecord) group { return group{r.Active, r.Window} },
			func(r StaffRecord) string { return r.AB })
		return nil
	})
	return out, err
}

// StaffEdit is an administrator's change to a staff member: the record
// (ID 0 adds one; its Photo is ignored) and what to do with the photo.
// NewPhoto nil keeps the photo (none for a new one); a non-nil NewPhoto
// replaces it and goes through PreparePhoto unless it already is a prepared
// photo; RemovePhoto clears it.
type StaffEdit struct {
	Staff
	NewPhoto    []byte
	RemovePhoto bool
}

// cleanStaff cleans the texts of a staff record and applies Staff.Validate.
func cleanStaff(st Staff) (Staff, error) {
	st.Code = strings.TrimSpace(foldWidth(st.Code, true))
	var err error
	if st.Name, err = Text("name", "姓名", st.Name, 20, true, false); err != nil {
		return st, err
	}
	if st.Post, err = Text("post", "职务", st.Post, MaxStaffPostRunes, true, false); err != nil {
		return st, err
	}
	if st.Duties, err = Text("duties", "岗位职责", st.Duties, MaxStaffDutiesRunes, false, true); err != nil {
		return st, err
	}
	if st.Phone, err = phoneText("phone", "联系电话", st.Phone); err != nil {
		return st, err
	}
	if st.Window == "" {
		st.AB = ""
	}
	return st, st.Validate()
}

// PutStaff adds a staff member (ID 0) or changes one: name, 工号, post,
// duties, phone, window and A/B post, role, active, photo. The rules:
// those of the import; a unique 工号; an active window; one A and one B per
// window (OnePersonPerPostRule); the last administrator who can sign in
// stays an active administrator (LastAdminRule); nobody leaves (is made
// inactive) with open requests in their name (NoLeavingWithOpenRequestsRule).
// A new staff member has no PIN: set one with SetPIN. It returns the staff
// member's id.
func (s *Store) PutStaff(ctx context.Context, by Session, e StaffEdit) (int64, error) {
	st, err := cleanStaff(e.Staff)
	if err != nil {
		return 0, err
	}
	photoChanged := e.RemovePhoto || e.NewPhoto != nil
	st.Photo = nil
	if !e.RemovePhoto && e.NewPhoto != nil {
		st.Photo = e.NewPhoto
		if !IsPreparedPhoto(st.Photo) {
			if st.Photo, err = PreparePhoto(st.Photo); err != nil {
				return 0, err
			}
		}
	}
	err = s.txAs(ctx, "put staff", by, adminOf, func(tx *sql.Tx, actor Session) error {
		if err := codeFree(ctx, tx, staffCode, st.Code, st.ID); err != nil {
			return err
		}
		windowID, windowName, err := staffWindow(ctx, tx, st)
		if err != nil {
			return err
		}
		at := s.stamp()
		if st.ID == 0 {
			st.ID, err = upsertID(ctx, tx, `INSERT INTO staff (code, name, photo, post, duties, window_id, ab, role, active,
				phone, ord) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, (SELECT coalesce(max(ord), -1) + 1 FROM staff)) RETURNING id`,
				st.Code, st.Name, st.Photo, st.Post, st.Duties, windowID, st.AB, string(st.Role), boolInt(st.Active), st.Phone)
			if err != nil {
				return err
			}
			return audit(ctx, tx, at, actor.StaffID, AuditStaffAdd, staffTarget(st.Code, st.Name), staffSummary(st, windowName))
		}
		changes, err := updateStaff(ctx, tx, st, windowID, windowName, photoChanged, e.RemovePhoto)
		if err != nil || len(changes) == 0 {
			return err
		}
		return audit(ctx, tx, at, actor.StaffID, AuditStaffEdit, staffTarget(st.Code, st.Name), "修改了："+strings.Join(changes, "；"))
	})
	return st.ID, err
}

// OnePersonPerPostRule is AB岗 (§三1) as staff records keep it: a window has
// one A post and one B post. holder is who already holds the post st.AB at
// windowName ("" when free); an active staff member cannot take a post
// someone else holds.
func OnePersonPerPostRule(st Staff, windowName, holder string) error {
	if st.AB == "" || !st.Active || holder == "" {
		return nil
	}
	return Invalid("ab", fmt.Sprintf("%s的%s岗已由%s担任。每个窗口只设一名%s岗；请先在“窗口”中更换%s岗人员，或为本人选择其他岗位。",
		windowName, st.AB, holder, st.AB, st.AB)).keyed("data.staff.abTaken", map[string]any{"Window": windowName, "Post": st.AB, "Holder": holder})
}

// LastAdminRule keeps the program manageable: an active administrator who
// can sign in (old, with a PIN: hasPIN) stays one unless otherAdmins other
// active administrators with a PIN remain.
func LastAdminRule(old Staff, hasPIN bool, next Staff, otherAdmins int) error {
	if old.Role != RoleAdmin || !old.Active || !hasPIN || (next.Role == RoleAdmin && next.Active) || otherAdmins > 0 {
		return nil
	}
	field := "role"
	if next.Role == RoleAdmin {
		field = "active"
	}
	return Invalid(field, "至少要保留一位可以登录的管理员。请先把另一位工作人员设为管理员并为其设置密码，再取消本账号的管理员身份或停用本账号。")
}

// NoLeavingWithOpenRequestsRule is 首问负责 (§五1 直到有人办理为止) when
// someone leaves: a staff member made inactive has no open requests in
// their name (open), or they would be left without an owner.
func NoLeavingWithOpenRequestsRule(old, next Staff, open int) error {
	if !old.Active || next.Active || open == 0 {
		return nil
	}
	return Invalid("active", fmt.Sprintf("%s名下还有%d件未办结的办件。请先把这些办件转交给其他工作人员，再停用本账号。",
		old.Name, open)).keyed("data.staff.openRequests", map[string]any{"Name": old.Name, "Count": open})
}

// staffWindow is the id (nil for none) and name of the window st is put
// at, which must be in service, with OnePersonPerPostRule checked.
func staffWindow(ctx context.Context, tx *sql.Tx, st Staff) (id any, name string, err error) {
	if st.Window == "" {
		return nil, "", nil
	}
	var wid int64
	var active bool
	err = tx.QueryRowContext(ctx, `SELECT id, name, active FROM windows WHERE code = ?`, st.Window).Scan(&wid, &name, &active)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !active) {
		return nil, "", Invalid("window", "没有编号为 "+st.Window+" 的在用窗口，请重新选择窗口。").
			keyed("data.staff.noWindow", map[string]any{"Code": st.Window})
	}
	if err != nil {
		return nil, "", err
	}
	var holder string
	if st.AB != "" && st.Active {
		err = tx.QueryRowContext(ctx, `SELECT name FROM staff WHERE window_id = ? AND ab = ? AND active = 1 AND id != ?
			LIMIT 1`, wid, st.AB, st.ID).Scan(&holder)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, "", err
		}
	}
	return wid, name, OnePersonPerPostRule(st, name, holder)
}

// updateStaff changes an existing staff member to st (LastAdminRule,
// NoLeavingWithOpenRequestsRule) and returns what changed, in words for the
// audit; nothing is written when nothing changed.
func updateStaff(ctx context.Context, tx *sql.Tx, st Staff, windowID any, windowName string, photoChanged,
	removePhoto bool) ([]string, error) {
	var old Staff
	var oldWindow, oldWindowName string
	var hasPIN bool
	err := tx.QueryRowContext(ctx, `SELECT s.code, s.name, s.post, s.duties, coalesce(w.code, ''), coalesce(w.name, ''),
		s.ab, s.role, s.active, s.phone, s.pin_hash != '' FROM staff s LEFT JOIN windows w ON w.id = s.window_id
		WHERE s.id = ?`, st.ID).Scan(&old.Code, &old.Name, &old.Post, &old.Duties, &oldWindow, &oldWindowName, &old.AB,
		&old.Role, &old.Active, &old.Phone, &hasPIN)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Invalid("staff", "找不到该工作人员，请刷新后重试。")
	}
	if err != nil {
		return nil, err
	}
	var others, open int
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1
		AND pin_hash != '' AND id != ?), (SELECT count(*) FROM requests WHERE owner_id = ?
		AND status NOT IN ('finished', 'refused', 'withdrawn'))`, st.ID, st.ID).Scan(&others, &open); err != nil {
		return nil, err
	}
	if err := LastAdminRule(old, hasPIN, st, others); err != nil {
		return nil, err
	}
	if err := NoLeavingWithOpenRequestsRule(old, st, open); err != nil {
		return nil, err
	}
	changes := staffChanges(old, oldWindowName, st, windowName)
	if photoChanged {
		changes = append(changes, map[bool]string{true: "删除照片", false: "更换照片"}[removePhoto])
	}
	if len(changes) == 0 {
		return nil, nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE staff SET code = ?, name = ?, post = ?, duties = ?, window_id = ?, ab = ?,
		role = ?, active = ?, phone = ? WHERE id = ?`, st.Code, st.Name, st.Post, st.Duties, windowID, st.AB,
		string(st.Role), boolInt(st.Active), st.Phone, st.ID); err != nil {
		return nil, err
	}
	if photoChanged {
		if _, err := tx.ExecContext(ctx, `UPDATE staff SET photo = ? WHERE id = ?`, st.Photo, st.ID); err != nil {
			return nil, err
		}
	}
	return changes, nil
}

// roleLabel is 管理员 or 工作人员.
func roleLabel(r Role) string {
	if r == RoleAdmin {
		return "管理员"
	}
	return "工作人员"
}

// postText is "社会保障窗口A岗", "社会保障窗口" or "未分配窗口".
func postText(windowName, ab string) string {
	if windowName == "" {
		return "未分配窗口"
	}
	if ab != "" {
		return windowName + ab + "岗"
	}
	return windowName
}

func staffSummary(st Staff, windowName string) string {
	parts := []string{st.Post, postText(windowName, st.AB), roleLabel(st.Role)}
	if !st.Active {
		parts = append(parts, "停用")
	}
	if st.Photo != nil {
		parts = append(parts, "有照片")
	}
	return strings.Join(parts, "，")
}

func staffChanges(a Staff, aWindow string, b Staff, bWindow string) []string {
	return changeWords(
		fieldChange{a.Code != b.Code, "工号 " + a.Code + " → " + b.Code},
		fieldChange{a.Name != b.Name, "姓名 " + a.Name + " → " + b.Name},
		fieldChange{a.Post != b.Post, "职务 " + a.Post + " → " + b.Post},
		fieldChange{a.Duties != b.Duties, "岗位职责"},
		fieldChange{a.Phone != b.Phone, "联系电话"},
		fieldChange{aWindow != bWindow || a.AB != b.AB, "岗位 " + postText(aWindow, a.AB) + " → " + postText(bWindow, b.AB)},
		fieldChange{a.Role != b.Role, "角色 " + roleLabel(a.Role) + " → " + roleLabel(b.Role)},
		fieldChange{a.Active != b.Active, map[bool]string{true: "恢复启用", false: "停用"}[b.Active]},
	)
}

// fieldChange is a part of a record an edit may change, and its words in
// the audit ("姓名 张三 → 张珊", or the part's name for a long text).
type fieldChange struct {
	changed bool
	words   string
}

// changeWords is the words of the parts that changed, in order (nil when
// none did).
func changeWords(parts ...fieldChange) []string {
	var out []string
	for _, p := range parts {
		if p.changed {
			out = append(out, p.words)
		}
	}
	return out
}

// UnlockStaff lifts a lockout after wrong PINs (and forgets the count of
// wrong PINs), for an administrator.
func (s *Store) UnlockStaff(ctx context.Context, by Session, staffID int64) error {
	return s.txAs(ctx, "unlock staff", by, adminOf, func(tx *sql.Tx, actor Session) error {
		var code, name string
		err := tx.QueryRowContext(ctx, `SELECT code, name FROM staff WHERE id = ?`, staffID).Scan(&code, &name)
		if errors.Is(err, sql.ErrNoRows) {
			return Invalid("staff", "找不到该工作人员，请刷新后重试。")
		}
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM staff_lockouts WHERE staff_id = ?`, staffID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditStaffUnlock, staffTarget(code, name), "管理员解除锁定")
	})
}
