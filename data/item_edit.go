package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// Service items as administrators keep them in staff mode
// (§一(一)3 办理事项、政策依据、申报条件、办事程序、承诺期限、收费标准、申报材料、
// 样表格式文本、办理结果): every guide field, the materials with their sample
// forms, the intake fields and the windows.
//
// An edit is checked by exactly the rules of the catalog import
// (Item.Validate, Item.ValidateWindows, unique codes) and written by the
// same code (writeItem): a changed guide becomes a new version, the old one
// stays on record for the requests registered under it (RequestGuide), the
// search keys and index follow at once, materials keep their ids, and the
// registration's cache of parsed guides forgets the item. An item that
// requests refer to is never deleted; it is taken out of service and can
// be brought back.

// Audit actions of service items. ItemAuditLabel names them.
const (
	AuditItemAdd     = "item_add"
	AuditItemEdit    = "item_edit"
	AuditItemStop    = "item_stop"
	AuditItemRestart = "item_restart"
	AuditItemDelete  = "item_delete"
)

// ItemAuditLabel is the Chinese name of a service item audit action, ""
// for others.
func ItemAuditLabel(action string) string {
	switch action {
	case AuditItemAdd:
		return "新增办事事项"
	case AuditItemEdit:
		return "修改办事指南"
	case AuditItemStop:
		return "停用办事事项"
	case AuditItemRestart:
		return "恢复启用办事事项"
	case AuditItemDelete:
		return "删除办事事项"
	}
	return ""
}

const msgItemsAdminOnly = "只有管理员可以编辑办事事项。"

// itemsAdmin is adminOnly for the service items.
func itemsAdmin(ctx context.Context, tx *sql.Tx, by Session) (Session, error) {
	return adminOnly(ctx, tx, by, msgItemsAdminOnly)
}

// ItemEntry is a row of the administrators' list of items: every item,
// in service or not.
type ItemEntry struct {
	ItemSummary
	Active   bool
	Sample   bool
	Version  int
	Requests int // requests registered under the item
}

// AllItems lists every item, in service or not, by category (in the order
// the kiosk shows them) and then in display order.
func (s *Store) AllItems(ctx context.Context) ([]ItemEntry, error) {
	var out []ItemEntry
	err := s.read(ctx, "all items", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT i.id, i.code, i.name, i.category, i.summary, i.promised_days, i.mode,
			i.active, i.sample, i.version, (SELECT count(*) FROM requests r WHERE r.item_id = i.id)
			FROM items i JOIN (SELECT category, min(ord) AS cord FROM items GROUP BY category) c USING (category)
			ORDER BY c.cord, i.category, i.ord, i.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e ItemEntry
			if err := rows.Scan(&e.ID, &e.Code, &e.Name, &e.Category, &e.Summary, &e.PromisedDays, &e.Mode,
				&e.Active, &e.Sample, &e.Version, &e.Requests); err != nil {
				return err
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

// SaveItem creates (it.ID 0) or updates (the item it.ID) a service item
// for an administrator, with every guide field, its materials, intake
// fields and windows, in one transaction and audited. The rules are those
// of the catalog import, with the same messages; the windows must exist
// in the store. A material carrying its id keeps it (renaming included);
// new materials get new ids. A changed guide becomes a new version; the
// requests registered before keep theirs. It returns the item as stored.
// On any error nothing is written.
func (s *Store) SaveItem(ctx context.Context, by Session, it Item) (Item, error) {
	var out Item
	err := s.txAs(ctx, "save item", by, itemsAdmin, func(tx *sql.Tx, actor Session) error {
		if err := it.Validate(); err != nil {
			return err
		}
		known := func(code string) bool {
			var n int
			err := tx.QueryRowContext(ctx, `SELECT count(*) FROM windows WHERE code = ?`, code).Scan(&n)
			return err == nil && n > 0
		}
		if err := it.ValidateWindows(known); err != nil {
			return err
		}
		var old Item
		var ord int
		var err error
		action := AuditItemAdd
		if it.ID != 0 {
			if old, err = getItem(ctx, tx, it.ID); err != nil {
				return err
			}
			if err := tx.QueryRowContext(ctx, `SELECT ord FROM items WHERE id = ?`, it.ID).Scan(&ord); err != nil {
				return err
			}
			action = AuditItemEdit
		} else if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(ord), -1) + 1 FROM items`).Scan(&ord); err != nil {
			return err
		}
		if err := codeFree(ctx, tx, itemCode, it.Code, it.ID); err != nil {
			return err
		}
		window := func(code string) (any, error) {
			var id int64
			err := tx.QueryRowContext(ctx, `SELECT id FROM windows WHERE code = ?`, code).Scan(&id)
			return id, err
		}
		if err := writeItem(ctx, tx, &it, ord, s.stamp(), window); err != nil {
			return err
		}
		if out, err = getItem(ctx, tx, it.ID); err != nil {
			return err
		}
		var detail string
		if action == AuditItemAdd {
			detail = fmt.Sprintf("第%d版", out.Version)
		} else {
			changes := ItemChanges(old, out)
			if len(changes) == 0 {
				return nil // nothing changed: nothing to record
			}
			detail = fmt.Sprintf("第%d版；修改：%s", out.Version, strings.Join(changes, "、"))
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, action, itemTarget(out.Code, out.Name), detail)
	})
	if it.ID != 0 {
		s.guides.Delete(it.ID) // registration reads the guide again
	}
	if err != nil {
		return Item{}, err
	}
	return out, nil
}

func itemTarget(code, name string) string { return "事项 " + code + " " + name }

// ItemChanges names, in Chinese, the parts of a guide that differ between
// two readings of an item (for the audit log and the editor's notice).
func ItemChanges(old, cur Item) []string {
	mats := func(it Item) []Material {
		out := append([]Material(nil), it.Materials...)
		for i := range out {
			out[i].ID = 0
		}
		return out
	}
	parts := []struct {
		label string
		a, b  any
	}{
		{"事项名称", old.Name, cur.Name},
		{"事项编码", old.Code, cur.Code},
		{"分类", old.Category, cur.Category},
		{"其他名称", strings.Join(old.Keywords, " "), strings.Join(cur.Keywords, " ")},
		{"简介", old.Summary, cur.Summary},
		{"政策依据", old.Basis, cur.Basis},
		{"申报条件", old.Conditions, cur.Conditions},
		{"办事程序", strings.Join(old.Procedure, "\n"), strings.Join(cur.Procedure, "\n")},
		{"承诺期限", old.PromisedDays, cur.PromisedDays},
		{"法定期限", old.LegalDays, cur.LegalDays},
		{"收费标准", old.Fee + "\n" + old.FeeBasis, cur.Fee + "\n" + cur.FeeBasis},
		{"特别程序", fmt.Sprint(old.SpecialSteps, old.SpecialCounts), fmt.Sprint(cur.SpecialSteps, cur.SpecialCounts)},
		{"到现场次数", old.Trips, cur.Trips},
		{"办理方式", old.Mode, cur.Mode},
		{"上级部门", old.UpperDepartment, cur.UpperDepartment},
		{"办理窗口", old.LeadWindow + "|" + strings.Join(old.JointWindows, ","), cur.LeadWindow + "|" + strings.Join(cur.JointWindows, ",")},
		{"咨询电话", old.Phone, cur.Phone},
		{"办理结果", old.Result, cur.Result},
		{"身份证号登记", old.NoID, cur.NoID},
		{"示例标注", old.Sample, cur.Sample},
		{"申报材料", mats(old), mats(cur)},
		{"登记字段", old.Fields, cur.Fields},
		{"启用状态", old.Active, cur.Active},
	}
	var out []string
	for _, p := range parts {
		if !reflect.DeepEqual(p.a, p.b) {
			out = append(out, p.label)
		}
	}
	return out
}

// SetItemActive takes an item out of service (its guide leaves the kiosk
// and it takes no new requests; the requests under it keep it) or brings
// it back, for an administrator, audited. Setting the state it already has
// changes nothing.
func (s *Store) SetItemActive(ctx context.Context, by Session, id int64, active bool) error {
	defer s.guides.Delete(id)
	return s.txAs(ctx, "set item active", by, itemsAdmin, func(tx *sql.Tx, actor Session) error {
		var was bool
		target, err := itemAnd(ctx, tx, id, "active", &was)
		if err != nil || was == active {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE items SET active = ? WHERE id = ?`, boolInt(active), id); err != nil {
			return err
		}
		action := AuditItemStop
		if active {
			action = AuditItemRestart
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, action, target, "")
	})
}

// DeleteItem removes an item that no request refers to (one added by
// mistake), with its versions, materials, fields and windows, for an
// administrator, audited. An item with requests is refused: take it out of
// service instead (SetItemActive).
func (s *Store) DeleteItem(ctx context.Context, by Session, id int64) error {
	defer s.guides.Delete(id)
	return s.txAs(ctx, "delete item", by, itemsAdmin, func(tx *sql.Tx, actor Session) error {
		var n int
		target, err := itemAnd(ctx, tx, id, "(SELECT count(*) FROM requests WHERE item_id = items.id)", &n)
		if err != nil {
			return err
		}
		if n > 0 {
			return Invalid("item", fmt.Sprintf("该事项已有%d件办件记录，不能删除；如不再办理，请停用。", n)).
				keyed("data.item_edit.hasRequests", map[string]any{"Count": n})
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM items WHERE id = ?`, id); err != nil {
			return err
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditItemDelete, target, "")
	})
}

// itemAnd reads, in tx, item id's audit target (itemTarget) and the column
// col into dest: ErrNotFound when there is no such item.
func itemAnd(ctx context.Context, tx *sql.Tx, id int64, col string, dest any) (string, error) {
	var code, name string
	err := tx.QueryRowContext(ctx, `SELECT code, name, `+col+` FROM items WHERE id = ?`, id).Scan(&code, &name, dest)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return itemTarget(code, name), err
}

// putItem inserts or updates an item of an import by code and makes it
// active. A changed guide becomes a new version (see writeItem).
func putItem(ctx context.Context, tx queryer, it *Item, ord int, now string, window func(string) (any, error)) error {
	err := tx.QueryRowContext(ctx, `SELECT id FROM items WHERE code = ?`, it.Code).Scan(&it.ID)
	if errors.Is(err, sql.ErrNoRows) {
		it.ID = 0
	} else if err != nil {
		return err
	}
	it.Active = true
	return writeItem(ctx, tx, it, ord, now, window)
}

// writeItem writes a validated item, the one way both catalog import and
// SaveItem store a guide: a new row when it.ID is 0, else the row it.ID
// (its code may change). A guide whose snapshot differs from the version
// in force becomes a new version, its snapshot kept in item_versions for
// the requests registered under it; the search keys (and through the
// triggers of migration 002 the search index) follow the text. Windows,
// materials (keeping their ids, see putMaterials) and intake fields are
// written afresh. it.ID and it.Version are set.
func writeItem(ctx context.Context, tx queryer, it *Item, ord int, now string, window func(string) (any, error)) error {
	snap, err := json.Marshal(itemSnapshot(it))
	if err != nil {
		return err
	}
	keys := SearchKeysFor(it)
	args := []any{it.Code, it.Name, it.Category, strings.Join(it.Keywords, " "), it.Summary, it.Basis, it.Conditions,
		strings.Join(it.Procedure, "\n"), it.PromisedDays, it.LegalDays, it.Fee, it.FeeBasis, it.SpecialSteps,
		boolInt(it.SpecialCounts), it.Trips, string(it.Mode), it.UpperDepartment, it.Phone, it.Result, boolInt(it.NoID), ord,
		boolInt(it.Active), boolInt(it.Sample)}
	id, version := it.ID, 1
	if id == 0 {
		id, err = upsertID(ctx, tx, `INSERT INTO items (code, name, category, keywords, summary, basis, conditions,
			procedure, promised_days, legal_days, fee, fee_basis, special_steps, special_counts, trips, mode,
			upper_department, phone, result, no_id, ord, active, sample, version, search_text, pinyin, initials,
			search_chars, search_firsts)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			RETURNING id`, append(args, version, keys.Text, keys.Pinyin, keys.Initials, keys.Chars, keys.Firsts)...)
		if err != nil {
			return err
		}
	} else {
		var old string
		if err := tx.QueryRowContext(ctx, `SELECT version, coalesce((SELECT snapshot FROM item_versions v
			WHERE v.item_id = items.id AND v.version = items.version), '') FROM items WHERE id = ?`, id).
			Scan(&version, &old); errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if old != string(snap) {
			version++
		}
		if _, err := tx.ExecContext(ctx, `UPDATE items SET code = ?, name = ?, category = ?, keywords = ?, summary = ?,
			basis = ?, conditions = ?, procedure = ?, promised_days = ?, legal_days = ?, fee = ?, fee_basis = ?,
			special_steps = ?, special_counts = ?, trips = ?, mode = ?, upper_department = ?, phone = ?, result = ?,
			no_id = ?, ord = ?, active = ?, sample = ?, version = ?, search_text = ?, pinyin = ?, initials = ?,
			search_chars = ?, search_firsts = ? WHERE id = ?`,
			append(args, version, keys.Text, keys.Pinyin, keys.Initials, keys.Chars, keys.Firsts, id)...); err != nil {
			return err
		}
	}
	it.ID, it.Version = id, version
	if _, err := tx.ExecContext(ctx, `INSERT INTO item_versions (item_id, version, snapshot, at)
		VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`, id, version, string(snap), now); err != nil {
		return err
	}
	for _, q := range []string{`DELETE FROM item_windows WHERE item_id = ?`, `DELETE FROM item_fields WHERE item_id = ?`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return err
		}
	}
	addWindow := func(code, role string) error {
		wid, err := window(code)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO item_windows (item_id, window_id, role) VALUES (?, ?, ?)`, id, wid, role)
		return err
	}
	if it.LeadWindow != "" {
		if err := addWindow(it.LeadWindow, "lead"); err != nil {
			return err
		}
	}
	for _, w := range it.JointWindows {
		if err := addWindow(w, "joint"); err != nil {
			return err
		}
	}
	if err := putMaterials(ctx, tx, id, it.Materials); err != nil {
		return err
	}
	for i, f := range it.Fields {
		opts, err := json.Marshal(f.Options)
		if err != nil {
			return err
		}
		if f.Options == nil {
			opts = []byte("[]")
		}
		rule, err := json.Marshal(f.Rule)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO item_fields (item_id, ord, key, label, kind, required, options, help,
			rule) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, id, i, f.Key, f.Label, string(f.Kind), boolInt(f.Required),
			string(opts), f.Help, string(rule)); err != nil {
			return err
		}
	}
	return nil
}

// putMaterials writes an item's materials so that a material keeps its id
// (requests record the ids of the materials brought and 补正 notices the ids
// of those missing): a material that carries the id of one of the item's
// rows (an administrator's edit, which may rename it) updates that row;
// otherwise it is matched by name (an import, whose file has no ids).
// Materials no longer in the guide are deleted; old requests then show
// only the materials that still exist.
func putMaterials(ctx context.Context, tx queryer, itemID int64, ms []Material) error {
	own := map[int64]bool{}
	byName := map[string]int64{}
	rows, err := tx.QueryContext(ctx, `SELECT id, name FROM materials WHERE item_id = ? ORDER BY ord`, itemID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return err
		}
		own[id] = true
		if _, dup := byName[name]; !dup {
			byName[name] = id
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	ids := make([]int64, len(ms))
	taken := map[int64]bool{}
	for i, m := range ms {
		if own[m.ID] && !taken[m.ID] {
			ids[i], taken[m.ID] = m.ID, true
		}
	}
	for i, m := range ms {
		if mid, ok := byName[m.Name]; ok && ids[i] == 0 && !taken[mid] {
			ids[i], taken[mid] = mid, true
		}
	}
	// Move every row out of the way of UNIQUE (item_id, ord) first.
	if _, err := tx.ExecContext(ctx, `UPDATE materials SET ord = -id WHERE item_id = ?`, itemID); err != nil {
		return err
	}
	for i, m := range ms {
		if ids[i] != 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE materials SET ord = ?, name = ?, required = ?, form = ?, copies = ?,
				note = ?, sample_name = ?, sample_data = ? WHERE id = ?`, i, m.Name, boolInt(m.Required), string(m.Form),
				m.Copies, m.Note, m.SampleName, m.SampleData, ids[i]); err != nil {
				return err
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO materials (item_id, ord, name, required, form, copies, note,
			sample_name, sample_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, itemID, i, m.Name, boolInt(m.Required),
			string(m.Form), m.Copies, m.Note, m.SampleName, m.SampleData); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM materials WHERE item_id = ? AND ord < 0`, itemID)
	return err
}

// itemSnapshot is the item as recorded for a version: everything but ids.
func itemSnapshot(it *Item) Item {
	c := *it
	c.ID, c.Version, c.Active = 0, 0, false
	c.Materials = append([]Material(nil), it.Materials...)
	for i := range c.Materials {
		c.Materials[i].ID = 0
	}
	return c
}
