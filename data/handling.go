package data

// Handling a request by the regulation (事项办理制度 §三, 首问负责 §五, 一次性
// 告知 §六, 限时办结 §七). Every staff step is an Action; Transition says, as a
// table, which statuses it may start from and where it leads. The Store
// methods in the handling_*.go files apply one step each, in one
// transaction (Store.apply, handling_step.go): they check the table and
// the step's own rules, update the request, append to its timeline (public
// or internal) and write one audit row.
//
// First-inquiry responsibility (首问负责): the first staff member who takes a
// request up by any step other than a note is recorded as its first owner
// (first_owner_id, which a trigger keeps from ever changing) and, if it has
// none, its current owner. Accepting makes the acceptor the owner; handing
// over names the receiver. Once taken up, a request always has an owner.
//
// The rules of the regulation that the steps apply are plain functions,
// each with a table test named for it: FirstInquiryRule (§五1–2),
// AcceptMissingRule and UpperFinishRule (materials.go), OneTimeNoticeRule
// and FirstNoticeDeadlineRule (§六2), EffectiveClockStart, RequestDueDay
// and ClockPauseRule (§七), JointWindowsRule, JointPartRule and
// JointFinishRule (§三5 3), EscalationDaysRule (§三5 4), WrittenRefusalRule
// (§三6, §七4), and for a hand-over to a window WindowReceiverRule with
// ABPostRule (duty.go, §三1).

// Action is a staff step on a request.
type Action string

// Actions.
const (
	ActAccept      Action = "accept"       // 受理 (直接办理: and finish at once)
	ActSupplement  Action = "supplement"   // 一次性告知补正材料
	ActComplete    Action = "complete"     // 材料补齐, the clock restarts
	ActRefuse      Action = "refuse"       // 不予受理/不予办理, in writing
	ActEscalate    Action = "escalate"     // 上报上级部门
	ActUpperResult Action = "upper_result" // 上级部门审批结果
	ActHandOver    Action = "handover"     // 转交
	ActJointPart   Action = "joint_part"   // 联合办理: a participating window's part
	ActFinish      Action = "finish"       // 办结
	ActPause       Action = "pause"        // 暂停计时 (written reason, restart day)
	ActResume      Action = "resume"       // 恢复计时
	ActNote        Action = "note"         // 办理记录 / 跟进记录
	ActWithdraw    Action = "withdraw"     // 申请人撤回
)

// Actions lists every action, in the order the staff screen offers them.
var Actions = []Action{ActAccept, ActSupplement, ActComplete, ActEscalate, ActUpperResult, ActJointPart,
	ActFinish, ActHandOver, ActPause, ActResume, ActNote, ActRefuse, ActWithdraw}

// actionVerbs are each action's Chinese words as the object of "不能…",
// as data's messages say them (actionTerm; the translations have the
// English under data.term.action.*). The staff screen names the actions
// with its own words (staff.action.* in the translations).
var actionVerbs = map[Action]string{
	ActAccept:      "受理",
	ActSupplement:  "要求补正材料",
	ActComplete:    "登记材料补齐",
	ActRefuse:      "作不予受理处理",
	ActEscalate:    "上报",
	ActUpperResult: "登记上级部门的审批结果",
	ActHandOver:    "转交",
	ActJointPart:   "登记配合窗口的办理情况",
	ActFinish:      "办结",
	ActPause:       "暂停计时",
	ActResume:      "恢复计时",
	ActNote:        "添加办理记录",
	ActWithdraw:    "撤回",
}

// verb is the action as the object of "不能…".
func (a Action) verb() string {
	if v, ok := actionVerbs[a]; ok {
		return v
	}
	return string(a)
}

var open4 = []Status{StatusSubmitted, StatusAccepted, StatusWaiting, StatusEscalated}

// transitions is the state machine: for each action, the statuses it may
// start from and the status it leads to. Accepting in 直接办理 leads on to
// finished in the same step (Store.Accept); the table lists the acceptance.
var transitions = map[Action]map[Status]Status{
	ActAccept:      {StatusSubmitted: StatusAccepted},
	ActSupplement:  {StatusSubmitted: StatusWaiting, StatusAccepted: StatusWaiting, StatusWaiting: StatusWaiting},
	ActComplete:    {StatusWaiting: StatusAccepted},
	ActRefuse:      to(open4, StatusRefused),
	ActEscalate:    {StatusAccepted: StatusEscalated},
	ActUpperResult: {StatusEscalated: StatusAccepted},
	ActHandOver:    same(open4),
	ActJointPart:   {StatusAccepted: StatusAccepted},
	ActFinish:      {StatusAccepted: StatusFinished},
	ActPause:       {StatusAccepted: StatusAccepted, StatusEscalated: StatusEscalated},
	ActResume:      {StatusAccepted: StatusAccepted, StatusEscalated: StatusEscalated},
	ActNote:        same(Statuses),
	ActWithdraw:    to(open4, StatusWithdrawn),
}

// Statuses lists every status, open ones first.
var Statuses = []Status{StatusSubmitted, StatusAccepted, StatusWaiting, StatusEscalated, StatusFinished,
	StatusRefused, StatusWithdrawn}

func to(from []Status, s Status) map[Status]Status {
	m := map[Status]Status{}
	for _, f := range from {
		m[f] = s
	}
	return m
}

func same(from []Status) map[Status]Status {
	m := map[Status]Status{}
	for _, f := range from {
		m[f] = f
	}
	return m
}

// Transition says where action a leads from status from, or why it may
// not be taken (an error that is both an *InvalidError with a Chinese
// message and ErrConflict). It checks only the status; each Store method
// adds the rules of its step (materials, joint parts, reasons …).
func Transition(from Status, a Action) (Status, error) {
	next, ok := transitions[a][from]
	if ok {
		return next, nil
	}
	return from, stateError{illegalStep(from, a)}
}

// AllowedActions lists the actions the status allows for a request handled
// in mode, for the staff screen's buttons.
func AllowedActions(st Status, mode Mode) []Action {
	var out []Action
	for _, a := range Actions {
		if _, ok := transitions[a][st]; !ok {
			continue
		}
		if a == ActJointPart && mode != ModeJoint {
			continue
		}
		out = append(out, a)
	}
	return out
}

// The formats of a step refused by the request's status, with the step
// (actionTerm) and, for msgStepStatus, first the status (statusTerm).
const (
	msgStepFinished    = "该办件已办结，不能再%s。"
	msgStepRefused     = "该办件已作不予受理（不予办理）处理并结束，不能再%s。"
	msgStepWithdrawn   = "该办件已撤回，不能再%s。"
	msgStepAcceptFirst = "请先受理该办件，再%s。"
	msgStepWaiting     = "该办件正在等待补正材料，材料补齐后才能%s。"
	msgStepEscalated   = "该办件已上报上级部门，不能%s。"
	msgStepNotRunning  = "只有已受理、正在计时的办件才能%s。"
	msgStepStatus      = "该办件当前状态为“%s”，不能%s。"
)

// statusRefusals say, by where the request stands, why a step may not be
// taken: on a closed request any step; on an open one a step it is not
// ready for, unless the step has its own message (illegalStep).
var statusRefusals = map[Status]string{
	StatusFinished:  msgStepFinished,
	StatusRefused:   msgStepRefused,
	StatusWithdrawn: msgStepWithdrawn,
	StatusSubmitted: msgStepAcceptFirst,
	StatusWaiting:   msgStepWaiting,
	StatusEscalated: msgStepEscalated,
}

// illegalStep is why action a may not be taken from status from.
func illegalStep(from Status, a Action) *InvalidError {
	step := actionTerm(a)
	if from.Closed() {
		return invalidf("status", statusRefusals[from], step)
	}
	switch a {
	case ActAccept:
		return Invalid("status", "该办件已经受理，不能重复受理。")
	case ActComplete:
		return Invalid("status", "该办件没有在等待补正材料，无需登记材料补齐。")
	case ActUpperResult:
		return Invalid("status", "该办件没有上报上级部门，不能登记审批结果。")
	case ActJointPart:
		return Invalid("status", "只有已受理、正在办理中的联合办理事项才能登记配合窗口的办理情况。")
	case ActPause, ActResume:
		return invalidf("status", msgStepNotRunning, step)
	case ActFinish:
		if from == StatusEscalated {
			return Invalid("status", "该办件已上报，请先登记上级部门的审批结果，再办结。")
		}
	case ActEscalate:
		if from == StatusEscalated {
			return Invalid("status", "该办件已经上报，请勿重复上报。")
		}
	}
	if format, ok := statusRefusals[from]; ok {
		return invalidf("status", format, step)
	}
	return invalidf("status", msgStepStatus, statusTerm(from), step)
}

// stateError is a step refused by the request's state: an *InvalidError
// (for the message) that is also ErrConflict.
type stateError struct{ ie *InvalidError }

func conflict(msg string) error           { return stateError{Invalid("status", msg)} }
func conflictOf(ie *InvalidError) error   { return stateError{ie} }
func (e stateError) Error() string        { return e.ie.Error() }
func (e stateError) Unwrap() []error      { return []error{e.ie, ErrConflict} }
func (e stateError) Is(target error) bool { return target == ErrConflict || target == ErrInvalid }

// Event kinds added by handling (request.go has the others). EventLabel in
// request.go does not know them yet; HandlingEventLabel does.
const (
	EventPaused      = "paused"
	EventResumed     = "resumed"
	EventUpperResult = "upper_result"
	EventWithdrawn   = "withdrawn"
)

// HandlingEventLabel is EventLabel, knowing the event kinds of handling.
func HandlingEventLabel(kind string) string { return EventLabel(kind) }

// ReplyMethod is how the resident was told the result (§五 回复反馈).
type ReplyMethod string

// Reply methods.
const (
	ReplyPhone    ReplyMethod = "phone"
	ReplyInPerson ReplyMethod = "in_person"
	ReplySMS      ReplyMethod = "sms"
)

// ReplyMethods lists them in the order a form offers them.
var ReplyMethods = []ReplyMethod{ReplyInPerson, ReplyPhone, ReplySMS}

// Label is the method's Chinese name.
func (r ReplyMethod) Label() string {
	switch r {
	case ReplyPhone:
		return "电话告知"
	case ReplyInPerson:
		return "当面告知"
	case ReplySMS:
		return "短信告知"
	}
	return string(r)
}

// Text limits of handling.
const (
	MaxNoteRunes   = 500
	MaxResultRunes = 500
	MaxReasonRunes = 500
	MaxPauseDays   = 366 // calendar days a single pause may last
)

// NoticeKind names a written notice of handling (§三6, §六2, §七2, §七4).
type NoticeKind string

// Notice kinds.
const (
	NoticePromise    NoticeKind = "promise"    // 承诺办结通知单
	NoticeCorrection NoticeKind = "correction" // 补正材料通知单
	NoticeRefusal    NoticeKind = "refusal"    // 不予受理（办理）通知书
	NoticeFinished   NoticeKind = "finished"   // 办结通知单
)

// Label is the notice's Chinese name.
func (k NoticeKind) Label() string {
	switch k {
	case NoticePromise:
		return "承诺办结通知单"
	case NoticeCorrection:
		return "补正材料通知单"
	case NoticeRefusal:
		return "不予受理通知书"
	case NoticeFinished:
		return "办结通知单"
	}
	return string(k)
}

// AuditNoticeReprint is the audit action of a notice reprinted later.
const AuditNoticeReprint = "notice_reprint"

// NoticeAuditLabel is the Chinese name of the notice reprint audit action,
// "" for others.
func NoticeAuditLabel(action string) string {
	if action == AuditNoticeReprint {
		return "补打通知书"
	}
	return ""
}
