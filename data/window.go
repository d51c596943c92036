package data

import (
	"context"
	"database/sql"
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
	switch {
	case !codePattern.MatchString(w.Code):
		return Invalid("code", "窗口编号应为1至32位英文字母或数字。")
	case strings.TrimSpace(w.Name) == "":
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
	rows, err := tx.QueryContext(ctx, `SELECT id, code, name, duties, active FROM windows ORDER BY ord, code`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Window
	for rows.Next() {
		var w Window
		if err := rows.Scan(&w.ID, &w.Code, &w.Name, &w.Duties, &w.Active); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}
