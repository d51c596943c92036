package data

import (
	"context"
	"database/sql"
	"errors"
)

// Handing a request over (首问负责, §五1): to a person or to a window.

// HandOver passes an open request to another staff member (toStaffID) or to
// a window (toWindowID: its staff member on duty, A post before B, becomes
// the owner), with a note for the receiver. Exactly one of the two is
// given. The request keeps an owner throughout; its first owner never
// changes.
func (s *Store) HandOver(ctx context.Context, by Session, requestID, toStaffID, toWindowID int64, note string) error {
	note, err := need("note", "转交说明", note, MaxNoteRunes, "请写明转交原因或需要交代的事项。")
	if err != nil {
		return err
	}
	if (toStaffID == 0) == (toWindowID == 0) {
		return Invalid("to", "请选择接收的工作人员或窗口（二者选一）。")
	}
	return s.apply(ctx, "handover", by, requestID, ActHandOver, func(st *step) error {
		return st.handOver(toStaffID, toWindowID, note)
	})
}

// handOver is the step of HandOver inside its transaction.
func (st *step) handOver(to, window int64, note string) error {
	routed := ""
	if window != 0 {
		var err error
		if to, routed, err = st.windowReceiver(window); err != nil {
			return err
		}
	}
	receiver, err := activeStaff(st.ctx, st.tx, to, "to", "找不到接收的工作人员，或其已停用。")
	if err != nil {
		return err
	}
	name := receiver.Name
	if to == st.req.Owner {
		return Invalid("to", "该办件已由"+name+"负责，无需转交。").keyed("data.handling_handover.already", map[string]any{"Name": name})
	}
	if window == 0 {
		window = receiver.WindowID
	}
	if window == 0 {
		window = st.req.Window
	}
	var windowName string
	if window != 0 {
		if err := st.tx.QueryRowContext(st.ctx, `SELECT name FROM windows WHERE id = ?`, window).Scan(&windowName); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return Invalid("to", "找不到该窗口。")
			}
			return err
		}
	}
	if err := st.exec(`UPDATE requests SET owner_id = ?, window_id = ? WHERE id = ?`, to, nullID(window), st.req.ID); err != nil {
		return err
	}
	pub := "转交" + name + "办理"
	if windowName != "" {
		pub = "转交" + windowName + name + "办理"
	}
	if err := st.event(EventHandover, true, pub, map[string]any{"from": st.req.Owner, "to": to, "window": window}); err != nil {
		return err
	}
	if err := st.internalNote(note); err != nil {
		return err
	}
	detail := pub + "。说明：" + note
	if routed != "" {
		detail += "（" + routed + "）"
	}
	return st.audit(AuditHandOver, detail)
}

// windowReceiver is who takes a request handed over to window now, by
// WindowReceiverRule on the duty board. A window unknown or out of service
// is refused.
func (st *step) windowReceiver(window int64) (to int64, note string, err error) {
	b, err := dutyBoard(st.ctx, st.tx, st.now)
	if err != nil {
		return 0, "", err
	}
	for _, w := range b.Windows {
		if w.WindowID == window {
			return WindowReceiverRule(w, b.Staff, st.req.Owner)
		}
	}
	return 0, "", Invalid("to", "找不到该窗口。")
}
