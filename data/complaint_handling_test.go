package data

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// secondAdmin adds a second administrator, 赵敏 (s3), and returns her session.
func secondAdmin(t *testing.T, s *Store) Session {
	t.Helper()
	_, err := s.db.Exec(`INSERT INTO staff (code, name, post, role) VALUES ('s3', '赵敏', '主任', 'admin')`)
	require.NoError(t, err)
	return sessionOf(t, s, "s3")
}

func TestComplaintLife(t *testing.T) {
	s, now := storeWithNow(t)
	admin, li := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")

	nc := NewComplaint{Channel: "phone", About: AboutStaff, StaffID: li.StaffID,
		Body: "办低保时态度生硬，材料不一次说清楚。", ContactName: "陈大文", ContactPhone: "13912345678"}
	kiosk := nc
	kiosk.Channel = "kiosk"
	_, err := s.EnterComplaint(ctx0, admin, kiosk)
	assert.Equal(t, "channel", fieldOf(t, err), "staff enter phone, box and window complaints")

	rc, err := s.EnterComplaint(ctx0, admin, nc)
	require.NoError(t, err)
	assert.Equal(t, 1, auditCount(t, s, AuditComplaintEnter))
	id := rc.ID

	// Open, with its time limit; the person complained about never sees it.
	q, err := s.ComplaintQueue(ctx0, admin, ComplaintFilter{})
	require.NoError(t, err)
	require.Len(t, q, 1)
	assert.Equal(t, "open", q[0].Status)
	assert.Equal(t, "李强", q[0].StaffName)
	assert.Equal(t, "投诉电话", q[0].ChannelLabel)
	assert.Equal(t, "2026-12-10", q[0].DueDay)
	assert.Equal(t, DueOK, q[0].Due)
	assert.Equal(t, 10, q[0].WorkdaysLeft)
	assert.Nil(t, q[0].Substantiated)
	q, err = s.ComplaintQueue(ctx0, li, ComplaintFilter{Status: "all"})
	require.NoError(t, err)
	assert.Empty(t, q, "回避: not shown to the person complained about")
	_, err = s.Complaint(ctx0, li, id)
	assert.Equal(t, "complaint", fieldOf(t, err))
	assert.Equal(t, "complaint", fieldOf(t, s.AssignComplaint(ctx0, li, id, li.StaffID)))
	assert.Equal(t, "handler", fieldOf(t, s.AssignComplaint(ctx0, admin, id, li.StaffID)), "not their own complaint")

	// open → investigating
	require.NoError(t, s.AssignComplaint(ctx0, admin, id, admin.StaffID))
	c, err := s.Complaint(ctx0, admin, id)
	require.NoError(t, err)
	assert.Equal(t, "investigating", c.Status)
	assert.Equal(t, "王芳", c.HandlerName)

	_, err = s.DecideComplaint(ctx0, admin, id, ComplaintDecision{Result: "属实"})
	assert.Equal(t, "investigation", fieldOf(t, err), "investigate first")
	assert.ErrorIs(t, s.ReplyComplaint(ctx0, admin, id, "答复", false), ErrConflict, "decide first")

	*now = now.Add(24 * time.Hour)
	require.NoError(t, s.RecordInvestigation(ctx0, admin, id, "调取窗口录像并询问当事人，情况属实。"))

	// investigating → answered, with an accountability entry.
	d := ComplaintDecision{Substantiated: true, Result: "经查属实，已对当事工作人员提出批评，限期整改。", Kind: AccRectify}
	_, err = s.DecideComplaint(ctx0, admin, id, d)
	assert.Equal(t, "deadline", fieldOf(t, err), "rectify needs a deadline")
	assert.Equal(t, 0, count(t, s, "accountability"))
	d.Deadline = at("2026-12-15", "00:00")
	accID, err := s.DecideComplaint(ctx0, admin, id, d)
	require.NoError(t, err)
	assert.NotZero(t, accID)
	c, err = s.Complaint(ctx0, admin, id)
	require.NoError(t, err)
	assert.Equal(t, "answered", c.Status)
	require.NotNil(t, c.Substantiated)
	assert.True(t, *c.Substantiated)
	_, err = s.DecideComplaint(ctx0, admin, id, d)
	assert.ErrorIs(t, err, ErrConflict, "the decision is final")

	acc, err := s.Accountability(ctx0, li.StaffID, time.Time{}, time.Time{})
	require.NoError(t, err)
	require.Len(t, acc, 1)
	assert.Equal(t, AccRectify, acc[0].Kind)
	assert.Equal(t, "限期整改", acc[0].KindLabel)
	assert.Equal(t, rc.Code, acc[0].ComplaintCode)
	assert.Equal(t, "2026-12-15", acc[0].DeadlineDay)
	assert.Equal(t, d.Result, acc[0].Note, "the note defaults to the result")

	complaintClosesAndIsPublished(t, s, *now, admin, li, rc, nc, accID)
}

// complaintClosesAndIsPublished is the end of TestComplaintLife: the reply
// closes the complaint and its result is published without the
// complainant's identity; later the accountability entry's outcome.
func complaintClosesAndIsPublished(t *testing.T, s *Store, now time.Time, admin, li Session, rc ComplaintReceipt,
	nc NewComplaint, accID int64) {
	t.Helper()
	id := rc.ID
	// answered → closed; publishing refuses the complainant's identity.
	err := s.ReplyComplaint(ctx0, admin, id, "陈大文您好，经调查您反映的情况属实，已整改。", true)
	assert.Equal(t, "reply", fieldOf(t, err))
	err = s.ReplyComplaint(ctx0, admin, id, "已电话回复139 1234 5678，情况属实，已整改。", true)
	assert.Equal(t, "reply", fieldOf(t, err))
	require.NoError(t, s.ReplyComplaint(ctx0, admin, id, "您好，经调查您反映的情况属实，已责令当事人限期整改，感谢监督。", true))
	c, err := s.Complaint(ctx0, admin, id)
	require.NoError(t, err)
	assert.Equal(t, "closed", c.Status)
	assert.True(t, c.Closed.Equal(now))
	assert.False(t, c.Late)
	assert.Equal(t, DueNone, c.Due)
	assert.ErrorIs(t, s.ReplyComplaint(ctx0, admin, id, "再答复", false), ErrConflict)

	st, err := s.ComplaintByCode(ctx0, rc.Code, rc.QueryCode)
	require.NoError(t, err)
	assert.Equal(t, "已办结", st.StatusLabel())
	assert.Contains(t, st.Reply, "限期整改")

	// The kiosk's list: no code, no complainant, not their words.
	pub, err := s.PublishedComplaints(ctx0)
	require.NoError(t, err)
	require.Len(t, pub, 1)
	assert.Equal(t, "工作人员", pub[0].AboutLabel)
	assert.Equal(t, "2026-11-26", pub[0].FiledDay)
	assert.Equal(t, "2026-11-27", pub[0].ClosedDay)
	assert.True(t, pub[0].Substantiated)
	shown := fmt.Sprintf("%+v", pub[0])
	for _, secret := range []string{"陈大文", "13912345678", rc.Code, rc.QueryCode, rc.Token, nc.Body} {
		assert.NotContains(t, shown, secret)
	}
	require.NoError(t, s.SetComplaintPublished(ctx0, admin, id, false))
	pub, err = s.PublishedComplaints(ctx0)
	require.NoError(t, err)
	assert.Empty(t, pub)

	q, err := s.ComplaintQueue(ctx0, admin, ComplaintFilter{})
	require.NoError(t, err)
	assert.Empty(t, q, "closed ones leave the default list")
	q, err = s.ComplaintQueue(ctx0, admin, ComplaintFilter{Status: "closed"})
	require.NoError(t, err)
	assert.Len(t, q, 1)

	// Later the outcome of the accountability entry.
	assert.Equal(t, "session", fieldOf(t, s.SetAccountabilityOutcome(ctx0, li, accID, "已整改")))
	require.NoError(t, s.SetAccountabilityOutcome(ctx0, admin, accID, "已书面说明并整改，回访群众满意。"))
	acc, err := s.Accountability(ctx0, 0, time.Time{}, time.Time{})
	require.NoError(t, err)
	require.Len(t, acc, 1)
	assert.Equal(t, "已书面说明并整改，回访群众满意。", acc[0].Outcome)
	assert.ErrorIs(t, s.SetAccountabilityOutcome(ctx0, admin, 999, "x"), ErrNotFound)

	for action, n := range map[string]int{AuditComplaintAssign: 1, AuditComplaintInvestigate: 1, AuditComplaintDecide: 1,
		AuditAccountability: 1, AuditComplaintReply: 1, AuditComplaintPublish: 1, AuditAccountabilityResult: 1} {
		assert.Equal(t, n, auditCount(t, s, action), action)
		assert.NotEmpty(t, ComplaintAuditLabel(action))
	}
}

func TestComplaintTimeLimit(t *testing.T) {
	s, now := storeWithNow(t)
	admin := sessionOf(t, s, "s1")
	rc, err := s.FileComplaint(ctx0, NewComplaint{Channel: "kiosk", About: AboutOther, Body: "排队叫号系统经常出错。"})
	require.NoError(t, err)
	require.Equal(t, "2026-12-10", rc.DueDay, "10 working days from Thursday 26 November")

	tests := map[string]struct {
		now  time.Time
		due  DueState
		left int
	}{
		"OK":            {now: at("2026-12-07", "09:00"), due: DueOK, left: 3},
		"SoonDayBefore": {now: at("2026-12-09", "09:00"), due: DueSoon, left: 1},
		"SoonOnTheDay":  {now: at("2026-12-10", "16:00"), due: DueSoon, left: 0},
		"Overdue":       {now: at("2026-12-11", "09:00"), due: DueOverdue, left: -1},
		"OverdueLater":  {now: at("2026-12-15", "09:00"), due: DueOverdue, left: -3},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			*now = tc.now
			all, err := s.ComplaintQueue(ctx0, admin, ComplaintFilter{})
			require.NoError(t, err)
			require.Len(t, all, 1)
			assert.Equal(t, tc.due, all[0].Due)
			assert.Equal(t, tc.left, all[0].WorkdaysLeft)
			for _, f := range []DueState{DueSoon, DueOverdue} {
				got, err := s.ComplaintQueue(ctx0, admin, ComplaintFilter{Due: f})
				require.NoError(t, err)
				assert.Equal(t, f == tc.due, len(got) == 1, "filter %s", f)
			}
		})
	}

	// Closed after the limit: late.
	*now = at("2026-12-11", "10:00")
	require.NoError(t, s.RecordInvestigation(ctx0, admin, rc.ID, "叫号机软件故障，已联系厂家维修。"))
	_, err = s.DecideComplaint(ctx0, admin, rc.ID, ComplaintDecision{Substantiated: true, Result: "已维修叫号机。"})
	require.NoError(t, err)
	assert.Equal(t, 0, count(t, s, "accountability"), "not about a person: no accountability")
	require.NoError(t, s.ReplyComplaint(ctx0, admin, rc.ID, "叫号机已修复，感谢您的意见。", false))
	got, err := s.ComplaintQueue(ctx0, admin, ComplaintFilter{Status: "all"})
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.True(t, got[0].Late)
	assert.False(t, got[0].Published)
	pub, err := s.PublishedComplaints(ctx0)
	require.NoError(t, err)
	assert.Empty(t, pub, "not published unless chosen")

	_, err = s.ComplaintQueue(ctx0, admin, ComplaintFilter{Status: "lost"})
	assert.Equal(t, "status", fieldOf(t, err))
	_, err = s.ComplaintQueue(ctx0, admin, ComplaintFilter{Due: DueOK})
	assert.Equal(t, "due", fieldOf(t, err))
}

func TestComplaintWhoMayAct(t *testing.T) {
	s, _ := storeWithNow(t)
	wang, li := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
	zhao := secondAdmin(t, s)
	file := func(nc NewComplaint) int64 {
		rc, err := s.FileComplaint(ctx0, nc)
		require.NoError(t, err)
		return rc.ID
	}
	w1 := windowID(t, s, "1")

	// A staff member takes an unassigned complaint; an administrator reassigns it.
	a := file(NewComplaint{Channel: "box", About: AboutWindow, WindowID: w1, Body: "窗口中午经常没人。"})
	assert.Equal(t, "handler", fieldOf(t, s.AssignComplaint(ctx0, li, a, wang.StaffID)), "only administrators assign others")
	require.NoError(t, s.AssignComplaint(ctx0, li, a, li.StaffID))
	assert.Equal(t, "handler", fieldOf(t, s.AssignComplaint(ctx0, li, a, li.StaffID+100)))
	require.NoError(t, s.AssignComplaint(ctx0, wang, a, zhao.StaffID))
	assert.Equal(t, "complaint", fieldOf(t, s.RecordInvestigation(ctx0, li, a, "我来看看")))
	_, err := s.Complaint(ctx0, li, a)
	assert.Equal(t, "complaint", fieldOf(t, err), "assigned to someone else")
	mine, err := s.ComplaintQueue(ctx0, li, ComplaintFilter{})
	require.NoError(t, err)
	assert.Empty(t, mine)
	theirs, err := s.ComplaintQueue(ctx0, zhao, ComplaintFilter{Handler: zhao.StaffID})
	require.NoError(t, err)
	assert.Len(t, theirs, 1)
	page, err := s.Audit(ctx0, AuditFilter{Action: AuditComplaintAssign})
	require.NoError(t, err)
	require.Len(t, page.Entries, 2)
	assert.Equal(t, "改派处理人：赵敏", page.Entries[0].Detail)
	assert.Equal(t, "认领投诉", page.Entries[1].Detail)

	// Recording the investigation on an unassigned complaint takes it.
	b := file(NewComplaint{Channel: "kiosk", About: AboutWindow, WindowID: w1, Body: "窗口中午经常没人。"})
	require.NoError(t, s.RecordInvestigation(ctx0, li, b, "核实排班表，中午确有空档。"))
	c, err := s.Complaint(ctx0, li, b)
	require.NoError(t, err)
	assert.Equal(t, li.StaffID, c.HandlerID)
	// A staff member may decide it when nobody is held accountable …
	_, err = s.DecideComplaint(ctx0, li, b, ComplaintDecision{Substantiated: true, Result: "调整午间值班安排。",
		Responsible: wang.StaffID})
	assert.Equal(t, "substantiated", fieldOf(t, err), "… but accountability is an administrator's decision")
	accID, err := s.DecideComplaint(ctx0, li, b, ComplaintDecision{Substantiated: true, Result: "调整午间值班安排。"})
	require.NoError(t, err)
	assert.Zero(t, accID)

	// A complaint about an administrator: she neither sees nor handles it;
	// another administrator does, and the record is hers.
	x := file(NewComplaint{Channel: "kiosk", About: AboutStaff, StaffID: wang.StaffID, Body: "办事推诿，让我跑了三次。"})
	_, err = s.Complaint(ctx0, wang, x)
	assert.Equal(t, "complaint", fieldOf(t, err))
	assert.Equal(t, "complaint", fieldOf(t, s.AssignComplaint(ctx0, wang, x, zhao.StaffID)))
	require.NoError(t, s.RecordInvestigation(ctx0, zhao, x, "经核实，确有推诿。"))
	_, err = s.DecideComplaint(ctx0, zhao, x, ComplaintDecision{Substantiated: true, Result: "属实。", Responsible: li.StaffID})
	assert.Equal(t, "responsible", fieldOf(t, err), "the person is the one complained about")
	_, err = s.DecideComplaint(ctx0, zhao, x, ComplaintDecision{Substantiated: true, Result: "属实。", Kind: "fine"})
	assert.Equal(t, "kind", fieldOf(t, err))
	_, err = s.DecideComplaint(ctx0, zhao, x, ComplaintDecision{Substantiated: true, Result: "属实。", Kind: AccWrittenCheck,
		Note: "办事推诿，责令写出书面检查。"})
	require.NoError(t, err)
	acc, err := s.Accountability(ctx0, wang.StaffID, time.Time{}, time.Time{})
	require.NoError(t, err)
	require.Len(t, acc, 1)
	assert.Equal(t, "办事推诿，责令写出书面检查。", acc[0].Note)
	assert.Equal(t, "complaint", fieldOf(t, s.SetComplaintPublished(ctx0, wang, x, true)))

	// Unsubstantiated: nothing on anyone's record.
	y := file(NewComplaint{Channel: "kiosk", About: AboutStaff, StaffID: li.StaffID, Body: "工作人员不给我办。"})
	require.NoError(t, s.RecordInvestigation(ctx0, zhao, y, "申请人不符合条件，已书面告知理由。"))
	_, err = s.DecideComplaint(ctx0, zhao, y, ComplaintDecision{Result: "经查不属实，已向投诉人解释政策。", Kind: AccDiscipline})
	require.NoError(t, err)
	acc, err = s.Accountability(ctx0, li.StaffID, time.Time{}, time.Time{})
	require.NoError(t, err)
	assert.Empty(t, acc)

	assert.ErrorIs(t, s.AssignComplaint(ctx0, wang, 9999, wang.StaffID), ErrNotFound)
	assert.Equal(t, "session", fieldOf(t, s.RecordInvestigation(ctx0, Session{}, a, "x")))
}

func TestAddAccountability(t *testing.T) {
	s, now := storeWithNow(t)
	wang, li := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
	rc, err := s.Register(ctx0, goodRegistration(t, s))
	require.NoError(t, err)

	tests := map[string]struct {
		by    Session
		n     NewAccountability
		field string
	}{
		"ErrNotAdmin":     {li, NewAccountability{StaffID: wang.StaffID, Kind: AccCriticism, Note: "迟到"}, "session"},
		"ErrSelf":         {wang, NewAccountability{StaffID: wang.StaffID, Kind: AccCriticism, Note: "迟到"}, "staff"},
		"ErrKind":         {wang, NewAccountability{StaffID: li.StaffID, Kind: "warning", Note: "迟到"}, "kind"},
		"ErrNote":         {wang, NewAccountability{StaffID: li.StaffID, Kind: AccCriticism, Note: "  "}, "note"},
		"ErrDeadlinePast": {wang, NewAccountability{StaffID: li.StaffID, Kind: AccCriticism, Note: "迟到", Deadline: now.AddDate(0, 0, -1)}, "deadline"},
		"ErrRectifyNoDay": {wang, NewAccountability{StaffID: li.StaffID, Kind: AccRectify, Note: "迟到"}, "deadline"},
		"ErrRequest":      {wang, NewAccountability{StaffID: li.StaffID, RequestID: 999, Kind: AccCriticism, Note: "拖延"}, "request"},
		"ErrStaff":        {wang, NewAccountability{StaffID: 999, Kind: AccCriticism, Note: "拖延"}, "staff"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := s.AddAccountability(ctx0, tc.by, tc.n)
			assert.Equal(t, tc.field, fieldOf(t, err))
		})
	}
	assert.Equal(t, 0, count(t, s, "accountability"))

	id, err := s.AddAccountability(ctx0, wang, NewAccountability{StaffID: li.StaffID, RequestID: rc.RequestID,
		Kind: AccRectify, Note: "办件久拖不办。", Deadline: at("2026-11-30", "00:00")})
	require.NoError(t, err)
	*now = at("2026-12-01", "09:00")
	acc, err := s.Accountability(ctx0, li.StaffID, at("2026-11-01", "00:00"), at("2026-12-01", "00:00"))
	require.NoError(t, err)
	require.Len(t, acc, 1)
	assert.Equal(t, id, acc[0].ID)
	assert.Equal(t, rc.ReceiptNo, acc[0].ReceiptNo)
	assert.True(t, acc[0].Overdue, "deadline passed, no outcome")
	require.NoError(t, s.SetAccountabilityOutcome(ctx0, wang, id, "已办结该件并说明原因。"))
	acc, err = s.Accountability(ctx0, li.StaffID, time.Time{}, time.Time{})
	require.NoError(t, err)
	assert.False(t, acc[0].Overdue)
	acc, err = s.Accountability(ctx0, li.StaffID, at("2026-12-01", "00:00"), time.Time{})
	require.NoError(t, err)
	assert.Empty(t, acc, "outside the period")
}

func TestRatingFollowUp(t *testing.T) {
	s, now := storeWithNow(t)
	wang, li := sessionOf(t, s, "s1"), sessionOf(t, s, "s2")
	rate := func(level int, reason string) int64 {
		rc, err := s.Register(ctx0, goodRegistration(t, s))
		require.NoError(t, err)
		_, err = s.db.Exec(`UPDATE requests SET status = 'finished', owner_id = ? WHERE id = ?`, li.StaffID, rc.RequestID)
		require.NoError(t, err)
		require.NoError(t, s.Rate(ctx0, rc.RequestID, level, reason))
		var id int64
		require.NoError(t, s.db.QueryRow(`SELECT id FROM ratings WHERE request_id = ?`, rc.RequestID).Scan(&id))
		return id
	}
	good := rate(RatingGood, "")
	bad := rate(RatingVeryBad, "等了一个多小时")
	soso := rate(RatingBad, "说明不清楚")

	list, err := s.RatingsNeedingFollowUp(ctx0)
	require.NoError(t, err)
	require.Len(t, list, 2, "only 不满意 and 非常不满意")
	f := list[0]
	assert.Equal(t, bad, f.RatingID)
	assert.Equal(t, "非常不满意", f.LevelLabel)
	assert.Equal(t, "等了一个多小时", f.Reason)
	assert.Equal(t, "2026-12-17", f.DueDay, "15 working days from Thursday 26 November")
	assert.Equal(t, DueOK, f.Due)
	assert.Equal(t, "张小三", f.ApplicantName, "staff call the resident back")
	assert.Equal(t, "13800138000", f.ApplicantPhone)
	assert.Equal(t, "李强", f.OwnerName)

	told := *now
	*now = at("2026-12-18", "09:00")
	list, err = s.RatingsNeedingFollowUp(ctx0)
	*now = told
	require.NoError(t, err)
	assert.Equal(t, DueOverdue, list[0].Due)

	assert.Equal(t, "rating", fieldOf(t, s.RecordFollowUp(ctx0, wang, good, "回访")))
	assert.Equal(t, "follow_up", fieldOf(t, s.RecordFollowUp(ctx0, wang, bad, " ")))
	assert.ErrorIs(t, s.RecordFollowUp(ctx0, wang, 999, "回访"), ErrNotFound)

	*now = at("2026-11-30", "10:00")
	require.NoError(t, s.RecordFollowUp(ctx0, wang, bad, "已电话回访，说明当天系统故障，群众表示理解。"))
	assert.ErrorIs(t, s.RecordFollowUp(ctx0, wang, bad, "再次回访"), ErrConflict)
	list, err = s.RatingsNeedingFollowUp(ctx0)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, soso, list[0].RatingID)

	var text, fat string
	var staff int64
	require.NoError(t, s.db.QueryRow(`SELECT follow_up, follow_up_at, follow_up_staff FROM ratings WHERE id = ?`, bad).
		Scan(&text, &fat, &staff))
	assert.Contains(t, text, "系统故障")
	assert.True(t, parseTime(fat).Equal(*now))
	assert.Equal(t, wang.StaffID, staff)
	assert.Equal(t, 1, auditCount(t, s, AuditFollowUp))

	// On the request's internal timeline, not the resident's.
	var reqID int64
	var token string
	require.NoError(t, s.db.QueryRow(`SELECT r.id, r.token FROM ratings g JOIN requests r ON r.id = g.request_id
		WHERE g.id = ?`, bad).Scan(&reqID, &token))
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM request_events WHERE request_id = ? AND kind = ? AND public = 0`,
		reqID, EventFollowUp).Scan(&n))
	assert.Equal(t, 1, n)
	tr, err := s.TrackByToken(ctx0, token)
	require.NoError(t, err)
	for _, e := range tr.Events {
		assert.NotEqual(t, EventFollowUp, e.Kind)
	}
}

// TestComplaintRecusalNobodyHandlesAComplaintAboutThemselves: 回避, for
// administrators too.
func TestComplaintRecusalNobodyHandlesAComplaintAboutThemselves(t *testing.T) {
	tests := map[string]struct {
		about, actor int64
		refused      bool
	}{
		"AboutSomeoneElse": {about: 2, actor: 1},
		"AboutNobody":      {about: 0, actor: 1},
		"AboutThemselves":  {about: 1, actor: 1, refused: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := ComplaintRecusalRule(tc.about, tc.actor)
			if !tc.refused {
				assert.NoError(t, err)
				return
			}
			assert.Contains(t, Message(err), "回避")
		})
	}
}

// TestComplaintHandledByItsHandlerOrAnAdministrator: staff other than
// administrators work on complaints assigned to them, or take an
// unassigned one by a step that takes it.
func TestComplaintHandledByItsHandlerOrAnAdministrator(t *testing.T) {
	tests := map[string]struct {
		role    Role
		handler int64
		take    bool
		takes   bool
		refused string // part of the message
	}{
		"AdministratorAny":        {role: RoleAdmin, handler: 5},
		"AdministratorUnassigned": {role: RoleAdmin, take: true},
		"OwnComplaint":            {role: RoleStaff, handler: 1},
		"UnassignedTaken":         {role: RoleStaff, take: true, takes: true},
		"UnassignedNotTaken":      {role: RoleStaff, refused: "请先认领"},
		"SomeoneElses":            {role: RoleStaff, handler: 5, take: true, refused: "已指派给其他人员"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			takes, err := ComplaintHandlerRule(tc.role, 1, tc.handler, tc.take)
			if tc.refused != "" {
				assert.Contains(t, Message(err), tc.refused)
				assert.False(t, takes)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.takes, takes)
		})
	}
}

// TestComplaintAssignedByAnAdministratorOrClaimed: an administrator assigns
// anyone but the person complained about; staff only claim an unassigned
// complaint for themselves; a closed one is not assigned.
func TestComplaintAssignedByAnAdministratorOrClaimed(t *testing.T) {
	admin, clerk := Session{StaffID: 1, Role: RoleAdmin}, Session{StaffID: 2, Role: RoleStaff}
	tests := map[string]struct {
		actor                Session
		handler, next, about int64
		closed               bool
		field                string // "" allowed; "conflict" for ErrConflict
	}{
		"AdministratorAssigns":       {actor: admin, next: 3, about: 4},
		"AdministratorReassigns":     {actor: admin, handler: 2, next: 3},
		"ClerkClaims":                {actor: clerk, next: 2, about: 4},
		"ClerkKeepsOwn":              {actor: clerk, handler: 2, next: 2},
		"ClerkAssignsOthers":         {actor: clerk, next: 3, field: "handler"},
		"ClerkTakesSomeoneElses":     {actor: clerk, handler: 3, next: 2, field: "handler"},
		"NeverThePersonComplainedOf": {actor: admin, next: 4, about: 4, field: "handler"},
		"Closed":                     {actor: admin, next: 3, closed: true, field: "conflict"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := ComplaintAssignRule(tc.actor, tc.handler, tc.next, tc.about, tc.closed)
			switch tc.field {
			case "":
				assert.NoError(t, err)
			case "conflict":
				assert.ErrorIs(t, err, ErrConflict)
			default:
				assert.Equal(t, tc.field, invalidOf(t, err).Field)
			}
		})
	}
}

// TestSubstantiatedComplaintHoldsThePersonAccountable: the person
// complained about answers for it, or for other complaints the one found
// responsible; an administrator decides it, never about themselves.
func TestSubstantiatedComplaintHoldsThePersonAccountable(t *testing.T) {
	admin, clerk := Session{StaffID: 1, Role: RoleAdmin}, Session{StaffID: 2, Role: RoleStaff}
	tests := map[string]struct {
		about, responsible int64
		actor              Session
		want               int64
		field              string
	}{
		"ThePersonComplainedOf":      {about: 3, actor: admin, want: 3},
		"TheSamePersonNamed":         {about: 3, responsible: 3, actor: admin, want: 3},
		"AnotherPersonNamed":         {about: 3, responsible: 4, actor: admin, field: "responsible"},
		"ResponsibleForAWindow":      {responsible: 4, actor: admin, want: 4},
		"NobodyAccountable":          {actor: clerk},
		"OnlyAnAdministratorDecides": {about: 3, actor: clerk, field: "substantiated"},
		"NotAboutThemselves":         {responsible: 1, actor: admin, field: "responsible"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			who, err := ComplaintAccountableRule(tc.about, tc.responsible, tc.actor)
			if tc.field != "" {
				assert.Equal(t, tc.field, invalidOf(t, err).Field)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, who)
		})
	}
}

// TestPublishedComplaintResultWithoutTheComplainant: a result or reply that
// names the complainant or gives their phone number is not published.
func TestPublishedComplaintResultWithoutTheComplainant(t *testing.T) {
	tests := map[string]struct {
		name, phone, result, reply string
		field                      string
	}{
		"Anonymous":        {result: "已批评教育", reply: "感谢监督"},
		"NoIdentityInText": {name: "张三", phone: "13800138000", result: "已批评教育", reply: "感谢监督"},
		"NameInResult":     {name: "张三", result: "张三反映的问题属实", field: "result"},
		"PhoneInReply":     {phone: "13800138000", result: "属实", reply: "已电话联系138 0013 8000", field: "reply"},
		"NameInReplyOnly":  {name: "张三", result: "属实", reply: "已告知张三", field: "reply"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := PublishWithoutIdentityRule(tc.name, tc.phone, tc.result, tc.reply)
			if tc.field == "" {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tc.field, invalidOf(t, err).Field)
		})
	}
}

// TestBadRatingFollowedUpOnce: 不满意 and 非常不满意 are followed up, once;
// other ratings are not.
func TestBadRatingFollowedUpOnce(t *testing.T) {
	tests := map[string]struct {
		level int
		done  bool
		want  string // "" allowed; "rating" refused; "conflict"
	}{
		"Bad":         {level: RatingBad},
		"VeryBad":     {level: RatingVeryBad},
		"Fair":        {level: RatingFair, want: "rating"},
		"Good":        {level: RatingGood, want: "rating"},
		"AlreadyDone": {level: RatingBad, done: true, want: "conflict"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := FollowUpRule(tc.level, tc.done)
			switch tc.want {
			case "":
				assert.NoError(t, err)
			case "conflict":
				assert.ErrorIs(t, err, ErrConflict)
			default:
				assert.Equal(t, tc.want, invalidOf(t, err).Field)
			}
		})
	}
}
