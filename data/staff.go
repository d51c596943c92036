package data

import (
	"context"
	"database/sql"
	"strings"
	"unicode/utf8"
)

// Role is what a staff member may do in staff mode.
type Role string

// Roles.
const (
	RoleStaff Role = "staff"
	RoleAdmin Role = "admin"
)

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
	Phone     string `json:"-"` // internal; not in the catalog file (see content_org.go)
	Active    bool   `json:"active"`
	Sample    bool   `json:"sample,omitempty"`
}

// Validate checks a staff record.
func (st *Staff) Validate() error {
	switch {
	case !codePattern.MatchString(st.Code):
		return Invalid("code", "工号应为1至32位英文字母或数字。")
	case strings.TrimSpace(st.Name) == "" || utf8.RuneCountInString(st.Name) > 20:
		return Invalid("name", "请填写工作人员姓名（不超过20个字）。")
	case strings.TrimSpace(st.Post) == "":
		return Invalid("post", "请填写职务。")
	case st.AB != "" && st.AB != "A" && st.AB != "B":
		return Invalid("ab", "AB岗应为 A 或 B。")
	case st.AB != "" && st.Window == "":
		return Invalid("window", "设置了AB岗的工作人员需要指定窗口。")
	case st.Role != RoleStaff && st.Role != RoleAdmin:
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
	var out []StaffCard
	err := s.read(ctx, "staff cards", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT s.id, s.name, s.photo, s.post, s.duties,
			coalesce(w.code, ''), coalesce(w.name, ''), s.ab
			FROM staff s LEFT JOIN windows w ON w.id = s.window_id
			WHERE s.active = 1 ORDER BY s.ord, coalesce(w.ord, 999), s.ab, s.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c StaffCard
			if err := rows.Scan(&c.ID, &c.Name, &c.Photo, &c.Post, &c.Duties, &c.WindowCode, &c.WindowName, &c.AB); err != nil {
				return err
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}
