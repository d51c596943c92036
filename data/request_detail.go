package data

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"time"
)

// RequestDetail is everything staff see of one request: the applicant in
// full, the handling state, the 补正 notices, the joint parts, the clock
// pauses and the whole timeline (internal entries too).
type RequestDetail struct {
	ID               int64
	ReceiptNo        string
	QueryCode        string
	Token            string
	ItemID           int64
	ItemName         string
	ItemVersion      int
	PromisedDays     int
	Channel          Channel
	Status           Status
	Mode             Mode
	ApplicantName    string
	ApplicantPhone   string
	ApplicantID      string
	Description      string
	Fields           map[string]string
	Brought          []int64
	NeedsHelp        bool
	Proxy            bool
	WindowID         int64
	WindowName       string
	OwnerID          int64
	OwnerName        string
	FirstOwnerID     int64
	FirstOwnerName   string
	Created          time.Time
	Accepted         time.Time
	Finished         time.Time
	ClockStartDay    string
	DueDay           string
	NoticeDeadline   string // last day for a first 补正 notice
	Result           string
	ReplyMethod      ReplyMethod
	UpperDepartment  string
	UpperSentDay     string
	UpperExpectedDay string
	Supplements      []SupplementNotice
	Parts            []JointPartState
	Pauses           []ClockPause
	Events           []Event
	Allowed          []Action // what the status allows now (AllowedActions)
}

// JointPartState is one window's part of a 联合办理 request.
type JointPartState struct {
	WindowID   int64
	WindowName string
	Lead       bool
	Done       time.Time // zero while pending
	StaffName  string
	Note       string
}

// ClockPause is a span the request's clock stood still.
type ClockPause struct {
	FromDay, ToDay string
	Reason         string
	StaffName      string
}

// RequestDetail reads one request for the staff screen (and the notices
// that print from it).
func (s *Store) RequestDetail(ctx context.Context, id int64) (RequestDetail, error) {
	var d RequestDetail
	err := s.read(ctx, "request detail", func(tx *sql.Tx) error {
		var fields, brought, created, accepted, finished string
		var window, owner, first sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT r.id, r.receipt_no, r.query_code, r.token, r.item_id, i.name,
			r.item_version, coalesce(CAST(json_extract(v.snapshot, '$.promised_days') AS INTEGER), i.promised_days), r.channel, r.status,
			r.mode, r.applicant_name, r.applicant_phone, r.applicant_id, r.description, r.fields, r.brought,
			r.needs_help, r.proxy, r.window_id, coalesce(w.name, ''), r.owner_id, coalesce(o.name, ''),
			r.first_owner_id, coalesce(f.name, ''), r.created_at, r.accepted_at, r.finished_at, r.clock_start_day,
			r.due_day, r.result, r.reply_method, r.upper_department, r.upper_sent_day, r.upper_expected_day
			FROM requests r JOIN items i ON i.id = r.item_id
			LEFT JOIN item_versions v ON v.item_id = r.item_id AND v.version = r.item_version
			LEFT JOIN windows w ON w.id = r.window_id LEFT JOIN staff o ON o.id = r.owner_id
			LEFT JOIN staff f ON f.id = r.first_owner_id WHERE r.id = ?`, id).Scan(&d.ID, &d.ReceiptNo,
			&d.QueryCode, &d.Token, &d.ItemID, &d.ItemName, &d.ItemVersion, &d.PromisedDays, &d.Channel, &d.Status,
			&d.Mode, &d.ApplicantName, &d.ApplicantPhone, &d.ApplicantID, &d.Description, &fields, &brought,
			&d.NeedsHelp, &d.Proxy, &window, &d.WindowName, &owner, &d.OwnerName, &first, &d.FirstOwnerName,
			&created, &accepted, &finished, &d.ClockStartDay, &d.DueDay, &d.Result, &d.ReplyMethod,
			&d.UpperDepartment, &d.UpperSentDay, &d.UpperExpectedDay)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		d.WindowID, d.OwnerID, d.FirstOwnerID = window.Int64, owner.Int64, first.Int64
		d.Created, d.Accepted, d.Finished = parseTime(created), parseTime(accepted), parseTime(finished)
		_ = json.Unmarshal([]byte(fields), &d.Fields)   // stored by Register from a map
		_ = json.Unmarshal([]byte(brought), &d.Brought) // stored by Register from a slice
		cal, err := calendarOf(ctx, tx)
		if err != nil {
			return err
		}
		d.NoticeDeadline = Day(cal.SupplementNoticeDeadline(d.Created))
		if d.Supplements, err = supplementsOf(ctx, tx, &d); err != nil {
			return err
		}
		if d.Parts, err = partsOf(ctx, tx, id); err != nil {
			return err
		}
		if d.Pauses, err = pausesOf(ctx, tx, id); err != nil {
			return err
		}
		if d.Events, err = events(ctx, tx, id, false); err != nil {
			return err
		}
		d.Allowed = AllowedActions(d.Status, d.Mode)
		return nil
	})
	if err != nil {
		return RequestDetail{}, err
	}
	return d, nil
}

func supplementsOf(ctx context.Context, tx *sql.Tx, d *RequestDetail) ([]SupplementNotice, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, at, materials, note, second_reason FROM supplements
		WHERE request_id = ? ORDER BY id`, d.ID)
	if err != nil {
		return nil, err
	}
	type row struct {
		n    SupplementNotice
		mats string
	}
	var rs []row
	for rows.Next() {
		var r row
		var at string
		if err := rows.Scan(&r.n.ID, &at, &r.mats, &r.n.Note, &r.n.SecondReason); err != nil {
			rows.Close()
			return nil, err
		}
		r.n.At, r.n.Second = parseTime(at), r.n.SecondReason != ""
		r.n.RequestID, r.n.ReceiptNo, r.n.ItemName, r.n.Deadline = d.ID, d.ReceiptNo, d.ItemName, d.NoticeDeadline
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]SupplementNotice, 0, len(rs))
	for _, r := range rs {
		var err error
		if r.n.Materials, err = materialNames(ctx, tx, r.mats); err != nil {
			return nil, err
		}
		out = append(out, r.n)
	}
	return out, nil
}

func partsOf(ctx context.Context, tx *sql.Tx, id int64) ([]JointPartState, error) {
	return queryRows(ctx, tx, func(p *JointPartState) []any {
		return []any{&p.WindowID, &p.WindowName, &p.Lead, timeText(&p.Done), &p.StaffName, &p.Note}
	}, `SELECT p.window_id, w.name, p.role = 'lead', p.done_at, coalesce(s.name, ''), p.note
		FROM request_parts p JOIN windows w ON w.id = p.window_id LEFT JOIN staff s ON s.id = p.staff_id
		WHERE p.request_id = ? ORDER BY p.role DESC, w.ord, w.id`, id)
}

func pausesOf(ctx context.Context, tx *sql.Tx, id int64) ([]ClockPause, error) {
	return queryRows(ctx, tx, func(p *ClockPause) []any { return []any{&p.FromDay, &p.ToDay, &p.Reason, &p.StaffName} },
		`SELECT p.from_day, p.to_day, p.reason, coalesce(s.name, '')
		FROM clock_pauses p LEFT JOIN staff s ON s.id = p.staff_id WHERE p.request_id = ? ORDER BY p.id`, id)
}
