package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// Window is a service window (窗口).
type Window struct {
	ID     int64  `json:"-"`
	Code   string `json:"code"`
	Name   string `json:"name"`
	Duties string `json:"duties,omitempty"`
	// Active is false for a window taken out of service (StopWindow): it
	// keeps its requests and reports but takes no new ones. Not in the
	// catalog file.
	Active bool `json:"-"`
}

// Validate checks a window.
func (w *Window) Validate() error {
	if err := checkCode(windowCode, w.Code); err != nil {
		return err
	}
	if strings.TrimSpace(w.Name) == "" {
		return Invalid("name", "请填写窗口名称。")
	}
	return nil
}

// Windows lists the windows in service, in display order.
func (s *Store) Windows(ctx context.Context) ([]Window, error) {
	var out []Window
	err := s.read(ctx, "windows", func(tx *sql.Tx) error {
		all, err := listWindows(ctx, tx)
		for _, w := range all {
			if w.Active {
				out = append(out, w)
			}
		}
		return err
	})
	return out, err
}

// listWindows lists every window, in service or not (reports and the
// catalog export name them all).
func listWindows(ctx context.Context, tx *sql.Tx) ([]Window, error) {
	return queryRows(ctx, tx, func(w *Window) []any { return []any{&w.ID, &w.Code, &w.Name, &w.Duties, &w.Active} },
		`SELECT id, code, name, duties, active FROM windows ORDER BY ord, code`)
}

// Windows as administrators keep them: add, edit, A and B posts (AB岗, §三1),
// out of service and back.

// OrgWindow is a window as the administration lists it: in service or not,
// its A and B posts, and what refers to it.
type OrgWindow struct {
	Window
	AID, BID     int64 // 0 when the post is not set
	AName, BName string
	Staff        int // active staff posted at the window (A, B or neither)
	Items        int // active service items it leads or joins
	Requests     int // requests that name it, ever
}

// OrgWindows lists every window, those out of service last.
func (s *Store) OrgWindows(ctx context.Context) ([]OrgWindow, error) {
	var out []OrgWindow
	err := s.read(ctx, "org windows", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT w.id, w.code, w.name, w.duties, w.active,
			coalesce((SELECT id FROM staff WHERE window_id = w.id AND ab = 'A' AND active = 1 ORDER BY ord, id LIMIT 1), 0),
			coalesce((SELECT name FROM staff WHERE window_id = w.id AND ab = 'A' AND active = 1 ORDER BY ord, id LIMIT 1), ''),
			coalesce((SELECT id FROM staff WHERE window_id = w.id AND ab = 'B' AND active = 1 ORDER BY ord, id LIMIT 1), 0),
			coalesce((SELECT name FROM staff WHERE window_id = w.id AND ab = 'B' AND active = 1 ORDER BY ord, id LIMIT 1), ''),
			(SELECT count(*) FROM staff WHERE window_id = w.id AND active = 1),
			(SELECT count(*) FROM item_windows iw JOIN items i ON i.id = iw.item_id WHERE iw.window_id = w.id AND i.active = 1),
			(SELECT count(*) FROM requests WHERE window_id = w.id)
			FROM windows w ORDER BY w.active DESC, w.ord, w.code`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var w OrgWindow
			if err := rows.Scan(&w.ID, &w.Code, &w.Name, &w.Duties, &w.Active, &w.AID, &w.AName, &w.BID, &w.BName,
				&w.Staff, &w.Items, &w.Requests); err != nil {
				return err
			}
			out = append(out, w)
		}
		return rows.Err()
	})
	return out, err
}

// cleanWindow cleans a window's texts and applies Window.Validate.
func cleanWindow(w Window) (Window, error) {
	w.Code = strings.TrimSpace(foldWidth(w.Code, true))
	var err error
	if w.Name, err = Text("name", "窗口名称", w.Name, MaxWindowNameRunes, true, false); err != nil {
		return w, err
	}
	if w.Duties, err = Text("duties", "服务内容", w.Duties, MaxWindowDutiesRunes, false, true); err != nil {
		return w, err
	}
	return w, w.Validate()
}

// PutWindow adds a window (w.ID 0, placed last) or changes one's number,
// name and services. The number must not be another window's. It returns
// the window's id.
func (s *Store) PutWindow(ctx context.Context, by Session, w Window) (int64, error) {
	w, err := cleanWindow(w)
	if err != nil {
		return 0, err
	}
	err = s.txAs(ctx, "put window", by, adminOf, func(tx *sql.Tx, actor Session) error {
		if err := codeFree(ctx, tx, windowCode, w.Code, w.ID); err != nil {
			return err
		}
		at := s.stamp()
		if w.ID == 0 {
			var err error
			w.ID, err = upsertID(ctx, tx, `INSERT INTO windows (code, name, duties, ord, active)
				VALUES (?, ?, ?, (SELECT coalesce(max(ord), -1) + 1 FROM windows), 1) RETURNING id`, w.Code, w.Name, w.Duties)
			if err != nil {
				return err
			}
			return audit(ctx, tx, at, actor.StaffID, AuditWindowAdd, windowTarget(w.Code, w.Name), w.Duties)
		}
		changed, err := updateWindow(ctx, tx, w)
		if err != nil || len(changed) == 0 {
			return err
		}
		return audit(ctx, tx, at, actor.StaffID, AuditWindowEdit, windowTarget(w.Code, w.Name),
			"修改了："+strings.Join(changed, "；"))
	})
	return w.ID, err
}

// updateWindow changes an existing window to w and returns what changed,
// in words for the audit; nothing is written when nothing changed.
func updateWindow(ctx context.Context, tx *sql.Tx, w Window) ([]string, error) {
	var old Window
	err := tx.QueryRowContext(ctx, `SELECT code, name, duties FROM windows WHERE id = ?`, w.ID).
		Scan(&old.Code, &old.Name, &old.Duties)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Invalid("window", "找不到该窗口，可能已被删除，请刷新后重试。")
	}
	if err != nil {
		return nil, err
	}
	changed := changeWords(
		fieldChange{old.Code != w.Code, "编号 " + old.Code + " → " + w.Code},
		fieldChange{old.Name != w.Name, "名称 " + old.Name + " → " + w.Name},
		fieldChange{old.Duties != w.Duties, "服务内容"},
	)
	if len(changed) == 0 {
		return nil, nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE windows SET code = ?, name = ?, duties = ? WHERE id = ?`,
		w.Code, w.Name, w.Duties, w.ID)
	return changed, err
}

func windowTarget(code, name string) string { return "窗口 " + code + " " + name }

// windowToChange is the administrator by (adminOf) and the number, name
// and state of the window id they are to change; a window gone is the
// message to refresh.
func windowToChange(ctx context.Context, tx *sql.Tx, by Session, id int64) (actor Session, code, name string, active bool, err error) {
	if actor, err = adminOf(ctx, tx, by); err != nil {
		return actor, "", "", false, err
	}
	err = tx.QueryRowContext(ctx, `SELECT code, name, active FROM windows WHERE id = ?`, id).Scan(&code, &name, &active)
	if errors.Is(err, sql.ErrNoRows) {
		err = Invalid("window", "找不到该窗口，可能已被删除，请刷新后重试。")
	}
	return actor, code, name, active, err
}

// SetWindowPosts puts staff aID at the window's A post and bID at its B
// post (0: the post stays empty). A person chosen moves to this window if
// they were at another; whoever held the post before stays at the window
// without a post. A and B are two different active people; the window
// must be in service (WindowPostsRule).
func (s *Store) SetWindowPosts(ctx context.Context, by Session, windowID, aID, bID int64) error {
	if err := WindowPostsRule(true, aID, bID); err != nil {
		return err
	}
	return s.tx(ctx, "window posts", func(tx *sql.Tx) error {
		actor, code, name, active, err := windowToChange(ctx, tx, by, windowID)
		if err != nil {
			return err
		}
		if err := WindowPostsRule(active, aID, bID); err != nil {
			return err
		}
		var detail []string
		for _, p := range []struct {
			post string
			id   int64
		}{{"A", aID}, {"B", bID}} {
			d, err := setPost(ctx, tx, windowID, p.post, p.id)
			if err != nil {
				return err
			}
			if d != "" {
				detail = append(detail, d)
			}
		}
		if len(detail) == 0 {
			return nil
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditWindowPosts, windowTarget(code, name), strings.Join(detail, "；"))
	})
}

// WindowPostsRule is AB岗 (§三1 AB岗轮流担任窗口工作人员) as the posts are
// set: A (aID) and B (bID) are two different people (0: the post stays
// empty), at a window in service (active).
func WindowPostsRule(active bool, aID, bID int64) error {
	switch {
	case aID != 0 && aID == bID:
		return Invalid("b", "A岗和B岗不能是同一个人，请为B岗另选一位工作人员。")
	case !active:
		return Invalid("window", "该窗口已停用，不能设置AB岗。如需使用，请先恢复启用。")
	}
	return nil
}

// setPost puts staff id at the window's post ("A" or "B"; id 0 leaves it
// empty) and returns the change in words for the audit, "" when the post
// already was theirs.
func setPost(ctx context.Context, tx *sql.Tx, windowID int64, post string, id int64) (string, error) {
	var holder int64
	var holderName string
	err := tx.QueryRowContext(ctx, `SELECT id, name FROM staff WHERE window_id = ? AND ab = ? AND active = 1
		ORDER BY ord, id LIMIT 1`, windowID, post).Scan(&holder, &holderName)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	if holder == id {
		return "", nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE staff SET ab = '' WHERE window_id = ? AND ab = ?`, windowID, post); err != nil {
		return "", err
	}
	if id == 0 {
		return post + "岗：" + holderName + " → 空缺", nil
	}
	var who string
	var wasWindow sql.NullInt64
	var wasAB string
	err = tx.QueryRowContext(ctx, `SELECT name, window_id, ab FROM staff WHERE id = ? AND active = 1`, id).
		Scan(&who, &wasWindow, &wasAB)
	if errors.Is(err, sql.ErrNoRows) {
		return "", Invalid(strings.ToLower(post), "找不到所选的工作人员，或其已停用，请重新选择。")
	}
	if err != nil {
		return "", err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE staff SET window_id = ?, ab = ? WHERE id = ?`, windowID, post, id); err != nil {
		return "", err
	}
	d := post + "岗：" + orNone(holderName) + " → " + who
	if wasWindow.Valid && wasWindow.Int64 != windowID {
		var from string
		_ = tx.QueryRowContext(ctx, `SELECT name FROM windows WHERE id = ?`, wasWindow.Int64).Scan(&from)
		d += "（由" + from + "调入）"
	}
	return d, nil
}

func orNone(name string) string {
	if name == "" {
		return "空缺"
	}
	return name
}

// StopWindow takes a window out of service. A window that no request,
// complaint or request step ever named is deleted instead (deleted true);
// otherwise it stays on record, inactive, so that its requests and reports
// keep its name. Either way it must first lose its staff and its service
// items: the message says which.
func (s *Store) StopWindow(ctx context.Context, by Session, windowID int64) (deleted bool, err error) {
	err = s.tx(ctx, "stop window", func(tx *sql.Tx) error {
		actor, code, name, active, err := windowToChange(ctx, tx, by, windowID)
		if err != nil {
			return err
		}
		if !active {
			return nil
		}
		if err := windowMayStop(ctx, tx, windowID); err != nil {
			return err
		}
		var refs int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM requests WHERE window_id = ?)
			+ (SELECT count(*) FROM request_events WHERE window_id = ?) + (SELECT count(*) FROM request_parts WHERE window_id = ?)
			+ (SELECT count(*) FROM complaints WHERE window_id = ?) + (SELECT count(*) FROM item_windows WHERE window_id = ?)`,
			windowID, windowID, windowID, windowID, windowID).Scan(&refs); err != nil {
			return err
		}
		at := s.stamp()
		if refs == 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE staff SET window_id = NULL, ab = '' WHERE window_id = ?`, windowID); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM windows WHERE id = ?`, windowID); err != nil {
				return err
			}
			deleted = true
			return audit(ctx, tx, at, actor.StaffID, AuditWindowDelete, windowTarget(code, name), "未办理过业务，直接删除")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE windows SET active = 0 WHERE id = ?`, windowID); err != nil {
			return err
		}
		return audit(ctx, tx, at, actor.StaffID, AuditWindowStop, windowTarget(code, name),
			fmt.Sprintf("有%d条办件、投诉或办理记录涉及该窗口，停用后记录保留", refs))
	})
	return deleted, err
}

// windowMayStop applies StopWindowRule to the window's active staff and
// items in use.
func windowMayStop(ctx context.Context, tx *sql.Tx, windowID int64) error {
	var staff, items []string
	if err := collect(ctx, tx, &staff, `SELECT name FROM staff WHERE window_id = ? AND active = 1 ORDER BY ord, id`,
		windowID); err != nil {
		return err
	}
	if err := collect(ctx, tx, &items, `SELECT i.name FROM item_windows iw JOIN items i ON i.id = iw.item_id
		WHERE iw.window_id = ? AND i.active = 1 ORDER BY i.ord, i.id`, windowID); err != nil {
		return err
	}
	return StopWindowRule(staff, items)
}

// StopWindowRule is when a window may go out of service: no active staff
// member is at it (staff, by name) and no service item in use is handled
// there (items), so that no request is routed to a window nobody serves
// (首问负责 §五1 直到有人办理为止). The message says what to move first.
func StopWindowRule(staff, items []string) error {
	if len(staff) > 0 {
		return Invalid("window", "该窗口还有工作人员："+strings.Join(staff, "、")+"。请先把他们调到其他窗口，再停用本窗口。").
			keyed("data.window.staffLeft", map[string]any{"Staff": strings.Join(staff, "、")})
	}
	if len(items) > 0 {
		shown := items[:min(len(items), 3)]
		more := ""
		if len(items) > 3 {
			more = fmt.Sprintf("等%d项", len(items))
		}
		return Invalid("window", "该窗口还负责“"+strings.Join(shown, "”“")+"”"+more+
			"事项。请先在“服务事项”中把这些事项改由其他窗口办理，再停用本窗口。").
			keyed("data.window.items", map[string]any{"Items": strings.Join(shown, "、"), "Count": len(items)})
	}
	return nil
}

// RestartWindow puts a window out of service back in service.
func (s *Store) RestartWindow(ctx context.Context, by Session, windowID int64) error {
	return s.tx(ctx, "restart window", func(tx *sql.Tx) error {
		actor, code, name, active, err := windowToChange(ctx, tx, by, windowID)
		if err != nil || active {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE windows SET active = 1 WHERE id = ?`, windowID); err != nil {
			return err
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditWindowRestart, windowTarget(code, name), "")
	})
}
