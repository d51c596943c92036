package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
)

// Reprinting a receipt (staff can reprint any receipt later).
// The receipt is rebuilt from the stored request: the same receipt number,
// query code and tracking token, the materials as registered (against the
// item's current list of materials, as the staff screen shows them), and
// the request's status and promised day as they are now. Each reprint is
// audited, since the receipt carries the query code.

// AuditReprint is the audit action of a receipt reprint.
const AuditReprint = "reprint"

// ReprintAuditLabel is the Chinese name of the reprint audit action, "" for
// others.
func ReprintAuditLabel(action string) string {
	if action == AuditReprint {
		return "补打回执"
	}
	return ""
}

// ReceiptFor rebuilds the receipt of request requestID for a reprint by a
// signed-in staff member, and writes one audit row. Personal data in it is
// masked, as on the first receipt. An unknown request gives ErrNotFound.
func (s *Store) ReceiptFor(ctx context.Context, by Session, requestID int64) (Receipt, error) {
	var rc Receipt
	err := s.txAs(ctx, "reprint receipt", by, actorOf, func(tx *sql.Tx, actor Session) error {
		var err error
		if rc, err = readReceipt(ctx, tx, `r.id = ?`, requestID); err != nil {
			return err
		}
		return audit(ctx, tx, formatTime(s.now()), actor.StaffID, AuditReprint, "办件 "+rc.ReceiptNo, "")
	})
	if err != nil {
		return Receipt{}, err
	}
	return rc, nil
}

// sortMaterials names the materials brought, the required ones missing and
// the optional ones not brought, in the item's order: a receipt's three
// lists, from the guide's materials and the ones the applicant ticked.
func sortMaterials(ms []Material, brought []int64) (have, missing, optional []string) {
	in := map[int64]bool{}
	for _, id := range brought {
		in[id] = true
	}
	for _, m := range ms {
		switch {
		case in[m.ID]:
			have = append(have, m.Name)
		case m.Required:
			missing = append(missing, m.Name)
		default:
			optional = append(optional, m.Name)
		}
	}
	return have, missing, optional
}

// readReceipt rebuilds, in tx, the receipt of the request where says
// (a condition on requests r): ErrNotFound when there is none.
func readReceipt(ctx context.Context, tx *sql.Tx, where string, args ...any) (Receipt, error) {
	var rc Receipt
	var itemID int64
	var created, brought, name, idNumber string
	err := tx.QueryRowContext(ctx, `SELECT r.id, r.receipt_no, r.query_code, r.token, r.created_at, r.item_id,
		i.name, r.mode, r.status, r.due_day, r.brought, r.applicant_name, r.applicant_id, r.needs_help, r.proxy,
		c.name, c.complaint_phone
		FROM requests r JOIN items i ON i.id = r.item_id, center c
		WHERE `+where+` AND c.id = 1`, args...).Scan(&rc.RequestID, &rc.ReceiptNo, &rc.QueryCode, &rc.Token,
		&created, &itemID, &rc.ItemName, &rc.Mode, &rc.Status, &rc.DueDay, &brought, &name, &idNumber,
		&rc.NeedsHelp, &rc.Proxy, &rc.CenterName, &rc.ComplaintPhone)
	if errors.Is(err, sql.ErrNoRows) {
		return rc, ErrNotFound
	}
	if err != nil {
		return rc, err
	}
	rc.Created = parseTime(created)
	rc.ApplicantMask, rc.IDMask = MaskName(name), MaskID(idNumber)
	var ids []int64
	_ = json.Unmarshal([]byte(brought), &ids) // stored by Register from a slice
	it, err := getItem(ctx, tx, itemID)
	if err != nil {
		return rc, err
	}
	rc.Brought, rc.Missing, rc.Optional = sortMaterials(it.Materials, ids)
	return rc, nil
}
