package data

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// 代为办理 batches (§三; assets/regulation/map.md §3): staff collect the proxy
// requests, take those going to one upper department there together with
// a 代办清单, and report each result back to its applicant.
//
// A request is ready for a batch when it is accepted, handled as 代为办理
// (requests.mode = 'proxy') and in no batch yet. Sending a batch is, for
// every request in it, the 上报 step of the state machine (accepted →
// escalated) with the batch's department and day sent, all in one
// transaction: either every request goes or none does. The result that
// comes back is recorded per request through the ordinary steps: the upper
// department's reply (UpperResult, escalated → accepted), then Finish with
// how the applicant was told (回复反馈). The batch views read the requests'
// states; the batch itself stores only who sent what, where and when.

// Audit actions of proxy batches.
const (
	AuditProxyBatch = "proxy_batch" // 报送代办清单
	AuditProxyPrint = "proxy_print" // 打印/补打代办清单
)

// ProxyAuditLabel is the Chinese name of a proxy-batch audit action, "" for
// others.
func ProxyAuditLabel(action string) string {
	switch action {
	case AuditProxyBatch:
		return "报送代办清单"
	case AuditProxyPrint:
		return "打印代办清单"
	}
	return ""
}

// Limits of a batch.
const (
	MaxProxyBatchRequests = 200 // requests on one 代办清单
	MaxDepartmentRunes    = 60
	maxProxyBatchesListed = 300
)

// ProxyCandidate is a request waiting to be sent in a batch. The applicant
// is given in full: the 代办清单 goes to the upper department, which must
// know whose file it receives.
type ProxyCandidate struct {
	RequestID     int64
	ReceiptNo     string
	ItemName      string
	ApplicantName string
	IDTail        string // last four characters of the ID number, "" if none
	Department    string // where it goes: the request's, else its item's upper department; "" if neither says
	Accepted      time.Time
	DueDay        string
	OwnerName     string
	Materials     []string // the materials handed in, which travel with it
}

// ProxyDepartment is the requests waiting for one upper department.
type ProxyDepartment struct {
	Department string // "" for requests whose item names no upper department
	Requests   []ProxyCandidate
}

// ProxyPending lists the requests ready for a batch, grouped by upper
// department (departments in name order, requests by due day).
func (s *Store) ProxyPending(ctx context.Context) ([]ProxyDepartment, error) {
	var out []ProxyDepartment
	err := s.read(ctx, "proxy pending", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT r.id, r.receipt_no, i.name, r.applicant_name, r.applicant_id,
			coalesce(nullif(r.upper_department, ''), i.upper_department) AS dept, r.accepted_at, r.due_day,
			coalesce(o.name, ''), r.brought
			FROM requests r JOIN items i ON i.id = r.item_id LEFT JOIN staff o ON o.id = r.owner_id
			WHERE r.status = ? AND r.mode = ? AND r.batch_id IS NULL
			ORDER BY coalesce(nullif(r.upper_department, ''), i.upper_department) = '',
				coalesce(nullif(r.upper_department, ''), i.upper_department), r.due_day = '', r.due_day, r.id`,
			StatusAccepted, ModeProxy)
		if err != nil {
			return err
		}
		var cs []ProxyCandidate
		var brought []string
		for rows.Next() {
			var c ProxyCandidate
			var id, accepted, b string
			if err := rows.Scan(&c.RequestID, &c.ReceiptNo, &c.ItemName, &c.ApplicantName, &id, &c.Department,
				&accepted, &c.DueDay, &c.OwnerName, &b); err != nil {
				rows.Close()
				return err
			}
			c.IDTail, c.Accepted = idTail(id), parseTime(accepted)
			cs = append(cs, c)
			brought = append(brought, b)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for i := range cs {
			if cs[i].Materials, err = materialNames(ctx, tx, brought[i]); err != nil {
				return err
			}
			if n := len(out); n == 0 || out[n-1].Department != cs[i].Department {
				out = append(out, ProxyDepartment{Department: cs[i].Department})
			}
			out[len(out)-1].Requests = append(out[len(out)-1].Requests, cs[i])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// idTail is the last four characters of an ID number.
func idTail(id string) string {
	rs := []rune(strings.TrimSpace(id))
	if len(rs) <= 4 {
		return string(rs)
	}
	return string(rs[len(rs)-4:])
}

// ProxyBatchSummary is one batch as the list of batches shows it.
type ProxyBatchSummary struct {
	ID         int64
	No         string // e.g. DB-20260305-01: the day it was made and its order that day
	Department string
	SentDay    string
	Created    time.Time
	StaffName  string // who made it (代办人)
	Note       string
	Count      int // requests in the batch
	ResultsIn  int // requests whose result has come back (no longer waiting on the department)
	Closed     int // requests finished, refused or withdrawn
	Told       int // requests finished with the applicant told (回复反馈)
}

// Done reports whether every request of the batch is closed.
func (b ProxyBatchSummary) Done() bool { return b.Count > 0 && b.Closed == b.Count }

// ProxyBatchRow is one request of a batch and how far it got.
type ProxyBatchRow struct {
	RequestID     int64
	ReceiptNo     string
	ItemName      string
	ApplicantName string
	IDTail        string
	Materials     []string
	Status        Status
	UpperResult   string // the department's reply as recorded, "" while none
	ResultIn      bool   // the reply is in (or the request closed without one)
	Told          bool   // finished, and the applicant told how (ReplyMethod)
	Result        string // the result told to the applicant (or of the refusal, withdrawal)
	ReplyMethod   ReplyMethod
	Finished      time.Time
}

// ProxyBatchDetail is a batch with its requests, in the order of the list.
type ProxyBatchDetail struct {
	ProxyBatchSummary
	Rows []ProxyBatchRow
}

const proxyBatchColumns = `b.id, b.department, b.sent_day, b.created_at, coalesce(s.name, ''), b.note,
	(SELECT count(*) FROM proxy_batches p WHERE p.id <= b.id
		AND date(p.created_at, '+8 hours') = date(b.created_at, '+8 hours')),
	(SELECT count(*) FROM requests r WHERE r.batch_id = b.id),
	(SELECT count(*) FROM requests r WHERE r.batch_id = b.id AND r.status != 'escalated'),
	(SELECT count(*) FROM requests r WHERE r.batch_id = b.id AND r.status IN ('finished', 'refused', 'withdrawn')),
	(SELECT count(*) FROM requests r WHERE r.batch_id = b.id AND r.status = 'finished')`

func scanProxyBatch(sc interface{ Scan(...any) error }) (ProxyBatchSummary, error) {
	var b ProxyBatchSummary
	var created string
	var seq int
	err := sc.Scan(&b.ID, &b.Department, &b.SentDay, &created, &b.StaffName, &b.Note, &seq, &b.Count, &b.ResultsIn,
		&b.Closed, &b.Told)
	b.Created = parseTime(created)
	b.No = ProxyBatchNo(b.Created, seq)
	return b, err
}

// ProxyBatchNo is the number of the seq-th batch made on the day of created
// (China time).
func ProxyBatchNo(created time.Time, seq int) string {
	return fmt.Sprintf("DB-%s-%02d", created.In(China).Format("20060102"), seq)
}

// ProxyBatches lists the batches: those with requests still open first,
// then the rest, newest first within each (at most the latest 300).
func (s *Store) ProxyBatches(ctx context.Context) ([]ProxyBatchSummary, error) {
	var out []ProxyBatchSummary
	err := s.read(ctx, "proxy batches", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+proxyBatchColumns+` FROM proxy_batches b
			LEFT JOIN staff s ON s.id = b.staff_id ORDER BY b.id DESC LIMIT ?`, maxProxyBatchesListed)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			b, err := scanProxyBatch(rows)
			if err != nil {
				return err
			}
			out = append(out, b)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(out, func(a, b ProxyBatchSummary) int {
		if a.Done() != b.Done() {
			if a.Done() {
				return 1
			}
			return -1
		}
		return 0
	})
	return out, nil
}

// ProxyBatch reads one batch with its requests (ErrNotFound if none).
func (s *Store) ProxyBatch(ctx context.Context, id int64) (ProxyBatchDetail, error) {
	return readValue(ctx, s, "proxy batch", func(tx *sql.Tx) (ProxyBatchDetail, error) {
		return proxyBatchIn(ctx, tx, id)
	})
}

func proxyBatchIn(ctx context.Context, tx *sql.Tx, id int64) (ProxyBatchDetail, error) {
	var d ProxyBatchDetail
	var err error
	d.ProxyBatchSummary, err = scanProxyBatch(tx.QueryRowContext(ctx, `SELECT `+proxyBatchColumns+`
		FROM proxy_batches b LEFT JOIN staff s ON s.id = b.staff_id WHERE b.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, ErrNotFound
	}
	if err != nil {
		return d, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT r.id, r.receipt_no, i.name, r.applicant_name, r.applicant_id, r.brought,
		r.status, coalesce((SELECT json_extract(e.data, '$.result') FROM request_events e
			WHERE e.request_id = r.id AND e.kind = ? ORDER BY e.id DESC LIMIT 1), ''),
		r.result, r.reply_method, r.finished_at
		FROM requests r JOIN items i ON i.id = r.item_id WHERE r.batch_id = ? ORDER BY r.id`, EventUpperResult, id)
	if err != nil {
		return d, err
	}
	var brought []string
	for rows.Next() {
		var r ProxyBatchRow
		var idn, b, finished string
		if err := rows.Scan(&r.RequestID, &r.ReceiptNo, &r.ItemName, &r.ApplicantName, &idn, &b, &r.Status,
			&r.UpperResult, &r.Result, &r.ReplyMethod, &finished); err != nil {
			rows.Close()
			return d, err
		}
		r.IDTail, r.Finished = idTail(idn), parseTime(finished)
		r.ResultIn = r.Status != StatusEscalated
		r.Told = r.Status == StatusFinished && r.ReplyMethod != ""
		d.Rows = append(d.Rows, r)
		brought = append(brought, b)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return d, err
	}
	for i := range d.Rows {
		if d.Rows[i].Materials, err = materialNames(ctx, tx, brought[i]); err != nil {
			return d, err
		}
	}
	return d, nil
}

// CreateProxyBatch sends the requests requestIDs to the upper department
// dept in one batch, on sentDay (zero: today; not in the future, not before
// a request was accepted), with an optional note printed on the list. Every
// request must be accepted, handled as 代为办理, in no batch yet and bound
// for dept (or for no department in particular); otherwise nothing is
// sent and the message names the request. Each request is escalated (上报)
// with the department and day, gets a public timeline entry and an audit
// row; the batch gets one audit row too. It returns the batch as stored.
func (s *Store) CreateProxyBatch(ctx context.Context, by Session, dept string, requestIDs []int64, sentDay time.Time,
	note string) (ProxyBatchDetail, error) {
	var out ProxyBatchDetail
	dept, errDept := need("department", "报送部门", dept, MaxDepartmentRunes, "请填写报送的上级部门。")
	note, errNote := text("note", "备注", note, MaxNoteRunes, false)
	ids, errIDs := chosenIDs("requests", requestIDs, "请勾选要列入代办清单的办件。")
	if err := cmp.Or(errDept, errNote, errIDs); err != nil {
		return out, err
	}
	if len(ids) > MaxProxyBatchRequests {
		return out, Invalid("requests", fmt.Sprintf("一份代办清单最多列%d件，请分批报送。", MaxProxyBatchRequests)).
			keyed("data.proxy.max", map[string]any{"Max": MaxProxyBatchRequests})
	}
	err := s.txAs(ctx, "create proxy batch", by, actorOf, func(tx *sql.Tx, actor Session) error {
		cal, err := calendarOf(ctx, tx)
		if err != nil {
			return err
		}
		now := s.now()
		at := formatTime(now)
		sent := dayTime(dayNum(now))
		if !sentDay.IsZero() {
			sent = dayTime(dayNum(sentDay))
		}
		if dayNum(sent) > dayNum(now) {
			return Invalid("sent_day", "报送日期不能晚于今天。")
		}
		steps := make([]*step, 0, len(ids))
		for _, id := range ids {
			st, err := proxyStep(ctx, tx, actor, cal, now, id, dept, sent)
			if err != nil {
				return err
			}
			steps = append(steps, st)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO proxy_batches (department, created_at, staff_id, sent_day, note)
			VALUES (?, ?, ?, ?, ?)`, dept, at, actor.StaffID, Day(sent), note)
		if err != nil {
			return err
		}
		batchID, err := res.LastInsertId()
		if err != nil {
			return err
		}
		out, err = proxyBatchIn(ctx, tx, batchID)
		if err != nil {
			return err
		}
		pub := cnDay(Day(sent)) + "已由服务室统一报送" + dept + "（代为办理）"
		nos := make([]string, 0, len(steps))
		for _, st := range steps {
			if err := st.takeUp(); err != nil {
				return err
			}
			if err := st.exec(`UPDATE requests SET status = ?, upper_department = ?, upper_sent_day = ?,
				upper_expected_day = '', batch_id = ? WHERE id = ?`, st.next, dept, Day(sent), batchID, st.req.ID); err != nil {
				return err
			}
			if err := st.event(EventEscalated, true, pub, map[string]any{"department": dept, "sent_day": Day(sent),
				"batch_id": batchID, "batch_no": out.No}); err != nil {
				return err
			}
			if note != "" {
				if err := st.event(EventNote, false, "代办清单"+out.No+"备注："+note, nil); err != nil {
					return err
				}
			}
			if err := st.audit(AuditEscalate, pub+"，代办清单"+out.No); err != nil {
				return err
			}
			nos = append(nos, st.req.ReceiptNo)
		}
		detail := fmt.Sprintf("%s报送%s，共%d件：%s", cnDay(Day(sent)), dept, len(nos), strings.Join(nos, "、"))
		if note != "" {
			detail += "。备注：" + note
		}
		if err := audit(ctx, tx, at, actor.StaffID, AuditProxyBatch, "代办清单 "+out.No, detail); err != nil {
			return err
		}
		out, err = proxyBatchIn(ctx, tx, batchID)
		return err
	})
	if err != nil {
		return ProxyBatchDetail{}, err
	}
	return out, nil
}

// proxyStep checks that request id may go to dept in a batch sent on sent,
// and returns its 上报 step (not yet applied).
func proxyStep(ctx context.Context, tx *sql.Tx, actor Session, cal *Calendar, now time.Time, id int64, dept string,
	sent time.Time) (*step, error) {
	req, err := loadReq(ctx, tx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, Invalid("requests", "所勾选的办件已不存在，请刷新后重新勾选。")
	}
	if err != nil {
		return nil, err
	}
	var batch sql.NullInt64
	var own, created string
	if err := tx.QueryRowContext(ctx, `SELECT r.batch_id, r.upper_department, coalesce(b.created_at, '')
		FROM requests r LEFT JOIN proxy_batches b ON b.id = r.batch_id WHERE r.id = ?`, id).
		Scan(&batch, &own, &created); err != nil {
		return nil, err
	}
	no := "办件" + req.ReceiptNo
	if batch.Valid {
		var seq int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM proxy_batches p WHERE p.id <= ?
			AND date(p.created_at, '+8 hours') = date(?, '+8 hours')`, batch.Int64, created).Scan(&seq); err != nil {
			return nil, err
		}
		return nil, conflictOf(Invalid("status", no+"已列入代办清单"+ProxyBatchNo(parseTime(created), seq)+"，不能重复报送。").
			keyed("data.proxy.listed", map[string]any{"Receipt": no, "Batch": ProxyBatchNo(parseTime(created), seq)}))
	}
	switch req.Status {
	case StatusFinished:
		return nil, conflictOf(Invalid("status", no+"已办结，不能再列入代办清单。").keyed("data.proxy.finished", map[string]any{"Receipt": no}))
	case StatusRefused:
		return nil, conflictOf(Invalid("status", no+"已作不予受理（不予办理）处理，不能再列入代办清单。").
			keyed("data.proxy.refused", map[string]any{"Receipt": no}))
	case StatusWithdrawn:
		return nil, conflictOf(Invalid("status", no+"已撤回，不能再列入代办清单。").keyed("data.proxy.withdrawn", map[string]any{"Receipt": no}))
	}
	next, err := Transition(req.Status, ActEscalate)
	if err != nil {
		return nil, conflictOf(Invalid("status", no+"："+Message(err)).keyed("data.proxy.state", map[string]any{"Receipt": no, "Msg": err}))
	}
	if req.Mode != ModeProxy {
		return nil, Invalid("requests", no+"的办理方式是“"+req.Mode.Label()+"”，不是代为办理，不能列入代办清单。").
			keyed("data.proxy.mode", map[string]any{"Receipt": no, "Mode": modeTerm(req.Mode)})
	}
	target := own
	if target == "" {
		target = req.ItemUpper
	}
	if target != "" && target != dept {
		return nil, Invalid("department", no+"应报送"+target+"，与本清单的报送部门（"+dept+"）不一致，请分开报送。").
			keyed("data.proxy.department", map[string]any{"Receipt": no, "Department": target, "Batch": dept})
	}
	if acc := parseTime(req.AcceptedAt); !acc.IsZero() && dayNum(sent) < dayNum(acc) {
		return nil, Invalid("sent_day", no+"于"+cnDay(Day(acc))+"受理，报送日期不能早于受理日期。").
			keyed("data.proxy.sentDay", map[string]any{"Receipt": no, "Date": Day(acc)})
	}
	return &step{ctx: ctx, tx: tx, by: actor, req: req, next: next, now: now, at: formatTime(now),
		today: dayTime(dayNum(now)), cal: cal}, nil
}

// inProxyBatch refuses a request that is in no batch.
func (s *Store) inProxyBatch(ctx context.Context, requestID int64) error {
	return s.read(ctx, "proxy request", func(tx *sql.Tx) error {
		var batch sql.NullInt64
		var no string
		err := tx.QueryRowContext(ctx, `SELECT batch_id, receipt_no FROM requests WHERE id = ?`, requestID).Scan(&batch, &no)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if !batch.Valid {
			return Invalid("request", "办件"+no+"不在任何代办清单中。").keyed("data.proxy.noBatch", map[string]any{"Receipt": no})
		}
		return nil
	})
}

// ProxyResult records the upper department's reply to a request of a batch
// (the 上报 step's result: UpperResult).
func (s *Store) ProxyResult(ctx context.Context, by Session, requestID int64, result string) error {
	if strings.TrimSpace(result) == "" {
		return Invalid("result", "请填写上级部门的办理结果。")
	}
	if err := s.inProxyBatch(ctx, requestID); err != nil {
		return err
	}
	return s.UpperResult(ctx, by, requestID, result)
}

// ProxyReportBack finishes a request of a batch once its applicant has been
// told the result (回复反馈, Finish): result is what they were told (empty:
// the department's reply as recorded), reply how.
func (s *Store) ProxyReportBack(ctx context.Context, by Session, requestID int64, result string, reply ReplyMethod) error {
	if err := s.inProxyBatch(ctx, requestID); err != nil {
		return err
	}
	if strings.TrimSpace(result) == "" {
		err := s.read(ctx, "proxy upper result", func(tx *sql.Tx) error {
			return tx.QueryRowContext(ctx, `SELECT coalesce((SELECT json_extract(data, '$.result') FROM request_events
				WHERE request_id = ? AND kind = ? ORDER BY id DESC LIMIT 1), '')`, requestID, EventUpperResult).Scan(&result)
		})
		if err != nil {
			return err
		}
		if result == "" {
			return Invalid("result", "上级部门的办理结果尚未登记，请先登记结果，或写明告知申请人的办理结果。")
		}
	}
	return s.Finish(ctx, by, requestID, result, reply)
}

// ProxyListPrinted records that a batch's 代办清单 (with the applicants'
// names) was printed, or printed again.
func (s *Store) ProxyListPrinted(ctx context.Context, by Session, batchID int64, again bool) error {
	return s.txAs(ctx, "proxy list printed", by, actorOf, func(tx *sql.Tx, actor Session) error {
		b, err := proxyBatchIn(ctx, tx, batchID)
		if err != nil {
			return err
		}
		detail := "打印代办清单"
		if again {
			detail = "补打代办清单"
		}
		return audit(ctx, tx, s.stamp(), actor.StaffID, AuditProxyPrint, "代办清单 "+b.No,
			fmt.Sprintf("%s（%s，%d件）", detail, b.Department, b.Count))
	})
}
