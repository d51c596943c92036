package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"slices"
	"strings"
)

// Materials at the desk (§六 一次性告知, §三 事项办理): staff tick each of
// the item's materials 已收 or 未收 as the resident hands them in
// (requests.brought, which registration fills from the resident's own
// checklist). What is still required and not received is what the receipt,
// the kiosk's tracking and the phone page list. 受理 with required
// materials not received needs the member of staff to confirm it, and the
// confirmation is recorded on the request; 上报办理 is finished only after
// it was 上报 and the upper department's result came back.

// MissingField is the InvalidError field of a 受理 refused for materials
// not received: the desk asks to confirm, then accepts with confirm set.
const MissingField = "missing_materials"

// AcceptMissingRule is the rule of 受理 with materials: nothing required
// missing, or the member of staff confirmed accepting without them.
func AcceptMissingRule(missing []Material, confirmed bool) error {
	if len(missing) == 0 || confirmed {
		return nil
	}
	list := materialList(missing)
	return Invalid(MissingField, "以下必需材料尚未收到："+list+
		"。请核对：如确需先行受理，请勾选“确认受理”后再提交。").keyed("data.materials.missing", map[string]any{"Materials": list})
}

// UpperFinishRule is the rule of 办结 for 上报办理 (§三): the request was
// sent to the upper department (上报) and its result recorded before it is
// finished. Other modes are not concerned.
func UpperFinishRule(mode Mode, escalated, answered bool) error {
	switch {
	case mode != ModeUpper:
		return nil
	case !escalated:
		return Invalid("upper", "上报办理的事项须先上报上级部门，登记审批结果后才能办结。")
	case !answered:
		return Invalid("upper", "上级部门的审批结果尚未登记，请先登记审批结果再办结。")
	}
	return nil
}

func materialList(ms []Material) string {
	names := make([]string, len(ms))
	for i, m := range ms {
		names[i] = m.Name
	}
	return strings.Join(names, "、")
}

// SetReceived ticks one of the request's materials 已收 (received) or
// 未收 at the desk; the tick is an internal entry on the timeline. A
// closed request's materials no longer change.
func (s *Store) SetReceived(ctx context.Context, by Session, requestID, materialID int64, received bool) error {
	return s.apply(ctx, "material received", by, requestID, ActNote, func(st *step) error {
		if st.req.Status.Closed() {
			return Invalid("material", "该办件已经结束，材料情况不能再更改。")
		}
		var name string
		err := st.tx.QueryRowContext(st.ctx, `SELECT name FROM materials WHERE id = ? AND item_id = ?`,
			materialID, st.req.ItemID).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return Invalid("material", "该材料不属于本事项，请刷新后重试。")
		}
		if err != nil {
			return err
		}
		have, err := st.received()
		if err != nil {
			return err
		}
		if slices.Contains(have, materialID) == received {
			return nil // already so
		}
		if received {
			have = append(have, materialID)
			slices.Sort(have)
		} else {
			have = slices.DeleteFunc(have, func(id int64) bool { return id == materialID })
		}
		raw, err := json.Marshal(append([]int64{}, have...))
		if err != nil {
			return err
		}
		if err := st.exec(`UPDATE requests SET brought = ? WHERE id = ?`, string(raw), st.req.ID); err != nil {
			return err
		}
		note := "材料已收：" + name
		if !received {
			note = "材料改为未收：" + name
		}
		return st.event(EventNote, false, note, map[string]any{"material": materialID, "received": received})
	})
}

// received is the request's received materials (requests.brought).
func (st *step) received() ([]int64, error) {
	var ids []int64
	if st.req.BroughtJSON == "" {
		return nil, nil
	}
	err := json.Unmarshal([]byte(st.req.BroughtJSON), &ids)
	return ids, err
}

// missingNow is the request's required materials not received.
func (st *step) missingNow() ([]Material, error) {
	have, err := st.received()
	if err != nil {
		return nil, err
	}
	ms, err := itemMaterials(st.ctx, st.tx, st.req.ItemID)
	if err != nil {
		return nil, err
	}
	return MissingRequired(ms, have), nil
}

// itemMaterials is an item's materials in the guide's order: id, name and
// whether it is required.
func itemMaterials(ctx context.Context, tx *sql.Tx, itemID int64) ([]Material, error) {
	return queryRows(ctx, tx, func(m *Material) []any { return []any{&m.ID, &m.Name, &m.Required} },
		`SELECT id, name, required FROM materials WHERE item_id = ? ORDER BY ord`, itemID)
}

// checkUpperFinish applies UpperFinishRule to the request's timeline.
func (st *step) checkUpperFinish() error {
	if st.req.Mode != ModeUpper {
		return nil
	}
	var escalated, answered bool
	err := st.tx.QueryRowContext(st.ctx, `SELECT
		EXISTS (SELECT 1 FROM request_events WHERE request_id = ? AND kind = ?),
		EXISTS (SELECT 1 FROM request_events WHERE request_id = ? AND kind = ?)`,
		st.req.ID, EventEscalated, st.req.ID, EventUpperResult).Scan(&escalated, &answered)
	if err != nil {
		return err
	}
	return UpperFinishRule(st.req.Mode, escalated, answered)
}
