package data

import (
	"context"
	"database/sql"
	"slices"
	"time"
)

// The audit log (table audit_log) records every staff action: sign-ins and
// their failures, PIN changes, and every step taken on a request. It is
// append-only: triggers refuse UPDATE and DELETE, so not even the program
// can rewrite it. Request steps are also on the request's own timeline
// (request_events); the audit log is the one place to read what a person
// did, across requests.

// Audit actions.
const (
	AuditLogin       = "login"
	AuditLoginFailed = "login_failed"
	AuditLockout     = "lockout"
	AuditLogout      = "logout"
	AuditPINSet      = "pin_set"
	AuditFirstAdmin  = "first_admin"

	AuditAccept      = "accept"
	AuditSupplement  = "supplement"
	AuditComplete    = "complete"
	AuditRefuse      = "refuse"
	AuditEscalate    = "escalate"
	AuditUpperResult = "upper_result"
	AuditHandOver    = "handover"
	AuditJointPart   = "joint_part"
	AuditFinish      = "finish"
	AuditPause       = "pause"
	AuditResume      = "resume"
	AuditNote        = "note"
	AuditWithdraw    = "withdraw"
)

// auditActions lists every audit action in the order a filter offers them:
// sign-in and handling, duty, content, complaints, data, then the areas
// with a label function of their own (calendar, catalog, disclosures,
// items, organisation, notices, proxy batches, refusal reasons). A new
// action goes here and in its area's label function; TestEveryAuditActionIsListed
// checks that none is forgotten.
var auditActions = []string{
	AuditLogin, AuditLoginFailed, AuditLockout, AuditLogout, AuditPINSet, AuditFirstAdmin,
	AuditAccept, AuditSupplement, AuditComplete, AuditRefuse, AuditEscalate, AuditUpperResult, AuditHandOver,
	AuditJointPart, AuditFinish, AuditPause, AuditResume, AuditNote, AuditWithdraw,
	AuditSignIn, AuditSignOut, AuditWhereabouts,
	AuditDisclosureDraft, AuditDisclosurePreview, AuditDisclosurePublish,
	AuditComplaintEnter, AuditComplaintAssign, AuditComplaintInvestigate, AuditComplaintDecide,
	AuditComplaintReply, AuditComplaintPublish, AuditAccountability, AuditAccountabilityResult, AuditFollowUp,
	AuditDataBackup, AuditDataRestore, AuditDataExport,
	AuditStudySession, AuditRollCall, AuditReprint,
	AuditCalendarSet, AuditCalendarImport,
	AuditCatalogImport,
	AuditDisclosureNew,
	AuditItemAdd, AuditItemEdit, AuditItemStop, AuditItemRestart, AuditItemDelete,
	AuditCenterEdit, AuditWindowAdd, AuditWindowEdit, AuditWindowPosts,
	AuditWindowStop, AuditWindowDelete, AuditWindowRestart, AuditStaffAdd, AuditStaffEdit, AuditStaffUnlock,
	AuditNoticeReprint,
	AuditProxyBatch, AuditProxyPrint,
	AuditRefusalReasonAdd, AuditRefusalReasonEdit, AuditRefusalReasonDelete, AuditRefusalReasonMove,
}

// AuditActions returns every audit action in the order a filter offers
// them (a copy: the list itself is not to be changed).
func AuditActions() []string { return slices.Clone(auditActions) }

// auditLabels are the label functions of the areas, tried in turn for an
// action AuditLabel does not name itself.
var auditLabels = []func(string) string{
	DutyAuditLabel, ContentAuditLabel, ComplaintAuditLabel, StudyAuditLabel, ReprintAuditLabel,
	CalendarAuditLabel, CatalogAuditLabel, DisclosureAuditLabel, ItemAuditLabel, OrgAuditLabel,
	NoticeAuditLabel, ProxyAuditLabel, RefusalAuditLabel,
}

// AuditLabel is an action's Chinese name (the action itself if unknown).
func AuditLabel(action string) string {
	switch action {
	case AuditLogin:
		return "登录"
	case AuditLoginFailed:
		return "登录失败"
	case AuditLockout:
		return "账号锁定"
	case AuditLogout:
		return "退出登录"
	case AuditPINSet:
		return "设置密码"
	case AuditFirstAdmin:
		return "设置首位管理员"
	case AuditAccept:
		return "受理"
	case AuditSupplement:
		return "补正告知"
	case AuditComplete:
		return "材料补齐"
	case AuditRefuse:
		return "不予受理/不予办理"
	case AuditEscalate:
		return "上报"
	case AuditUpperResult:
		return "登记上级审批结果"
	case AuditHandOver:
		return "转交"
	case AuditJointPart:
		return "联合办理分项完成"
	case AuditFinish:
		return "办结"
	case AuditPause:
		return "暂停计时"
	case AuditResume:
		return "恢复计时"
	case AuditNote:
		return "办理记录"
	case AuditWithdraw:
		return "撤回"
	}
	for _, label := range auditLabels {
		if l := label(action); l != "" {
			return l
		}
	}
	return action
}

// audit appends one row to the audit log inside the caller's transaction.
// staffID is the acting staff member's id, or nil when nobody is known
// (an unknown staff code at sign-in).
func audit(ctx context.Context, tx *sql.Tx, at string, staffID any, action, target, detail string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, staff_id, action, target, detail) VALUES (?, ?, ?, ?, ?)`,
		at, staffID, action, target, detail)
	return err
}

// AuditFilter selects audit entries. Zero fields do not filter. From and To
// bound the time: From ≤ at < To.
type AuditFilter struct {
	Staff    int64
	Action   string
	From, To time.Time
	Page     int // 1 is the first page; 0 is taken as 1
	PageSize int // default 50, at most 500
}

// AuditEntry is one row of the audit log as browsed.
type AuditEntry struct {
	ID        int64
	At        time.Time
	StaffID   int64 // 0 when nobody is known
	StaffName string
	Action    string
	Label     string // AuditLabel(Action)
	Target    string
	Detail    string
}

// AuditPage is one page of the audit log, newest first.
type AuditPage struct {
	Entries []AuditEntry
	More    bool // a further page exists
}

// Audit browses the audit log, newest first.
func (s *Store) Audit(ctx context.Context, f AuditFilter) (AuditPage, error) {
	size := f.PageSize
	if size <= 0 {
		size = 50
	}
	size = min(size, 500)
	page := max(f.Page, 1)
	q := `SELECT a.id, a.at, coalesce(a.staff_id, 0), coalesce(s.name, ''), a.action, a.target, a.detail
		FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id WHERE 1 = 1`
	var args []any
	if f.Staff != 0 {
		q += ` AND a.staff_id = ?`
		args = append(args, f.Staff)
	}
	if f.Action != "" {
		q += ` AND a.action = ?`
		args = append(args, f.Action)
	}
	q, args = timeBetween(q, args, "a.at", f.From, f.To)
	q += ` ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?`
	args = append(args, size+1, (page-1)*size)
	var out AuditPage
	err := s.read(ctx, "audit", func(tx *sql.Tx) error {
		return collectRows(ctx, tx, &out.Entries, func(e *AuditEntry) []any {
			return []any{&e.ID, timeText(&e.At), &e.StaffID, &e.StaffName, &e.Action, &e.Target, &e.Detail}
		}, q, args...)
	})
	for i := range out.Entries {
		out.Entries[i].Label = AuditLabel(out.Entries[i].Action)
	}
	if len(out.Entries) > size {
		out.Entries, out.More = out.Entries[:size], true
	}
	return out, err
}

// timeBetween adds to the conditions q and their args that the time in
// column col is in [from, to); a zero from or to does not bound.
func timeBetween(q string, args []any, col string, from, to time.Time) (string, []any) {
	if !from.IsZero() {
		q += ` AND ` + col + ` >= ?`
		args = append(args, formatTime(from))
	}
	if !to.IsZero() {
		q += ` AND ` + col + ` < ?`
		args = append(args, formatTime(to))
	}
	return q, args
}
