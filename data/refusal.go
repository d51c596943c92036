package data

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
)

// Common refusal reasons (§三6, §七4; "administrators keep common reasons as
// editable texts"). The refuse dialog offers them as quick picks that fill
// the written reason, which staff may then adjust; the request keeps the
// text as written, so editing or deleting a common reason never changes a
// refusal already made. Any signed-in staff member reads the list; only
// administrators change it, and every change is audited.

// Audit actions of the common refusal reasons.
const (
	AuditRefusalReasonAdd    = "refusal_reason_add"
	AuditRefusalReasonEdit   = "refusal_reason_edit"
	AuditRefusalReasonDelete = "refusal_reason_delete"
	AuditRefusalReasonMove   = "refusal_reason_move"
)

// RefusalAuditLabel is the Chinese name of a refusal-reason audit action, ""
// for others.
func RefusalAuditLabel(action string) string {
	switch action {
	case AuditRefusalReasonAdd:
		return "新增常用理由"
	case AuditRefusalReasonEdit:
		return "修改常用理由"
	case AuditRefusalReasonDelete:
		return "删除常用理由"
	case AuditRefusalReasonMove:
		return "调整常用理由顺序"
	}
	return ""
}

// MaxRefusalReasons is how many common reasons the list holds: a quick pick,
// not a catalogue.
const MaxRefusalReasons = 30

// RefusalReason is one common reason for a refusal.
type RefusalReason struct {
	ID   int64
	Text string
	Ord  int
}

// RefusalReasons lists the common reasons in their order.
func (s *Store) RefusalReasons(ctx context.Context) ([]RefusalReason, error) {
	return readValue(ctx, s, "refusal reasons", func(tx *sql.Tx) ([]RefusalReason, error) {
		return refusalReasons(ctx, tx)
	})
}

func refusalReasons(ctx context.Context, tx *sql.Tx) ([]RefusalReason, error) {
	return queryRows(ctx, tx, func(r *RefusalReason) []any { return []any{&r.ID, &r.Text, &r.Ord} },
		`SELECT id, text, ord FROM refusal_reasons ORDER BY ord, id`)
}

// reasonAdmin is the signed-in administrator acting, or the polite refusal.
func reasonAdmin(ctx context.Context, tx *sql.Tx, by Session) (Session, error) {
	return adminOnly(ctx, tx, by, "只有管理员可以维护常用理由。")
}

// reasonText checks the text of a common reason.
func reasonText(v string) (string, error) {
	return need("text", "常用理由", v, MaxReasonRunes, "请填写理由的内容。")
}

// duplicateReason is the message for a text the list already holds.
func duplicateReason(ctx context.Context, tx *sql.Tx, text string, except int64) error {
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM refusal_reasons WHERE text = ? AND id != ?`, text, except).
		Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return Invalid("text", "常用理由中已有相同的内容，无需重复添加。")
	}
	return nil
}

// AddRefusalReason adds a common reason at the end of the list
// (administrators only).
func (s *Store) AddRefusalReason(ctx context.Context, by Session, text string) (RefusalReason, error) {
	var r RefusalReason
	text, err := reasonText(text)
	if err != nil {
		return r, err
	}
	err = s.tx(ctx, "add refusal reason", func(tx *sql.Tx) error {
		actor, err := reasonAdmin(ctx, tx, by)
		if err != nil {
			return err
		}
		if err := duplicateReason(ctx, tx, text, 0); err != nil {
			return err
		}
		var n, last int
		if err := tx.QueryRowContext(ctx, `SELECT count(*), coalesce(max(ord), 0) FROM refusal_reasons`).
			Scan(&n, &last); err != nil {
			return err
		}
		if n >= MaxRefusalReasons {
			return Invalid("text", "常用理由最多保存"+strconv.Itoa(MaxRefusalReasons)+"条，请先删除不常用的理由。").
				keyed("data.refusal.max", map[string]any{"Max": MaxRefusalReasons})
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO refusal_reasons (text, ord) VALUES (?, ?)`, text, last+1)
		if err != nil {
			return err
		}
		if r.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		r.Text, r.Ord = text, last+1
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditRefusalReasonAdd, "常用理由", text)
	})
	if err != nil {
		return RefusalReason{}, err
	}
	return r, nil
}

// reasonByID reads one common reason, or the polite not-found message.
func reasonByID(ctx context.Context, tx *sql.Tx, id int64) (RefusalReason, error) {
	r := RefusalReason{ID: id}
	err := tx.QueryRowContext(ctx, `SELECT text, ord FROM refusal_reasons WHERE id = ?`, id).Scan(&r.Text, &r.Ord)
	if errors.Is(err, sql.ErrNoRows) {
		return r, Invalid("id", "该常用理由已被删除，请刷新后重试。")
	}
	return r, err
}

// reasonToChange is the administrator by and the common reason id they
// are to change.
func reasonToChange(ctx context.Context, tx *sql.Tx, by Session, id int64) (Session, RefusalReason, error) {
	actor, err := reasonAdmin(ctx, tx, by)
	if err != nil {
		return actor, RefusalReason{}, err
	}
	old, err := reasonByID(ctx, tx, id)
	return actor, old, err
}

// EditRefusalReason changes the text of a common reason (administrators
// only). Refusals already made keep their own text.
func (s *Store) EditRefusalReason(ctx context.Context, by Session, id int64, text string) error {
	text, err := reasonText(text)
	if err != nil {
		return err
	}
	return s.tx(ctx, "edit refusal reason", func(tx *sql.Tx) error {
		actor, old, err := reasonToChange(ctx, tx, by, id)
		if err != nil {
			return err
		}
		if old.Text == text {
			return nil
		}
		if err := duplicateReason(ctx, tx, text, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE refusal_reasons SET text = ? WHERE id = ?`, text, id); err != nil {
			return err
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditRefusalReasonEdit, "常用理由",
			"原为："+old.Text+"；改为："+text)
	})
}

// DeleteRefusalReason removes a common reason (administrators only).
func (s *Store) DeleteRefusalReason(ctx context.Context, by Session, id int64) error {
	return s.tx(ctx, "delete refusal reason", func(tx *sql.Tx) error {
		actor, old, err := reasonToChange(ctx, tx, by, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM refusal_reasons WHERE id = ?`, id); err != nil {
			return err
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditRefusalReasonDelete, "常用理由", old.Text)
	})
}

// MoveRefusalReason moves a common reason one place up (delta < 0) or down
// (delta > 0) in the list (administrators only); at either end it stays.
// The list is renumbered 1, 2, 3 … as it goes.
func (s *Store) MoveRefusalReason(ctx context.Context, by Session, id int64, delta int) error {
	return s.tx(ctx, "move refusal reason", func(tx *sql.Tx) error {
		actor, err := reasonAdmin(ctx, tx, by)
		if err != nil {
			return err
		}
		list, err := refusalReasons(ctx, tx)
		if err != nil {
			return err
		}
		i := -1
		for k, r := range list {
			if r.ID == id {
				i = k
			}
		}
		if i < 0 {
			return Invalid("id", "该常用理由已被删除，请刷新后重试。")
		}
		j := i + 1
		if delta < 0 {
			j = i - 1
		}
		if delta == 0 || j < 0 || j >= len(list) {
			return nil
		}
		list[i], list[j] = list[j], list[i]
		for k, r := range list {
			if _, err := tx.ExecContext(ctx, `UPDATE refusal_reasons SET ord = ? WHERE id = ?`, k+1, r.ID); err != nil {
				return err
			}
		}
		where := "下移"
		if delta < 0 {
			where = "上移"
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditRefusalReasonMove, "常用理由",
			where+"："+list[j].Text)
	})
}
