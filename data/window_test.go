package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPutWindowAndPosts(t *testing.T) {
	ctx := context.Background()
	s, now := storeWithNow(t)
	admin := loginAs(t, s, "s1")
	clerk := loginAs(t, s, "s2")

	tests := map[string]struct {
		w     Window
		field string
		msg   string
	}{
		"ErrCode":      {w: Window{Code: "1 号", Name: "x"}, field: "code", msg: "窗口编号应为1至32位"},
		"ErrDuplicate": {w: Window{Code: "2", Name: "x"}, field: "code", msg: "已被其他窗口使用"},
		"ErrName":      {w: Window{Code: "9", Name: ""}, field: "name", msg: "请填写窗口名称"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := s.PutWindow(ctx, admin, tc.w)
			ie := invalidOf(t, err)
			assert.Equal(t, tc.field, ie.Field)
			assert.Contains(t, ie.Msg, tc.msg)
		})
	}
	_, err := s.PutWindow(ctx, clerk, Window{Code: "9", Name: "x"})
	assert.Equal(t, "session", invalidOf(t, err).Field)

	id, err := s.PutWindow(ctx, admin, Window{Code: "３", Name: "综合窗口", Duties: "综合受理"})
	require.NoError(t, err)
	ws, err := s.Windows(ctx)
	require.NoError(t, err)
	require.Len(t, ws, 3)
	assert.Equal(t, Window{ID: id, Code: "3", Name: "综合窗口", Duties: "综合受理", Active: true}, ws[2], "full-width digits folded; placed last")

	// A and B: 李强 moves from window 1's B post to window 3's A.
	s2, s3 := staffID(t, s, "s2"), staffID(t, s, "s1")
	assert.Equal(t, "b", invalidOf(t, s.SetWindowPosts(ctx, admin, id, s2, s2)).Field)
	require.NoError(t, s.SetWindowPosts(ctx, admin, id, s2, 0))
	org, err := s.OrgWindows(ctx)
	require.NoError(t, err)
	byCode := map[string]OrgWindow{}
	for _, w := range org {
		byCode[w.Code] = w
	}
	assert.Equal(t, s2, byCode["3"].AID)
	assert.Equal(t, "李强", byCode["3"].AName)
	assert.Zero(t, byCode["1"].BID, "李强 left window 1's B post")
	assert.Equal(t, s3, byCode["1"].AID)
	assert.Equal(t, 1, auditCount(t, s, AuditWindowPosts))

	// Routing follows: 李强 signed in is on duty at window 3.
	*now = at("2026-11-26", "09:00")
	require.NoError(t, s.db.QueryRow(`SELECT 1`).Err())
	_, err = s.SignIn(ctx, clerk)
	require.NoError(t, err)
	r, err := s.RouteWindow(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, s2, r.StaffID)
}

func TestStopWindow(t *testing.T) {
	ctx := context.Background()
	s, _ := storeWithNow(t)
	admin := loginAs(t, s, "s1")

	// Window 1 has staff; window 2 leads an item.
	_, err := s.StopWindow(ctx, admin, windowID(t, s, "1"))
	assert.Contains(t, invalidOf(t, err).Msg, "王芳、李强")
	_, err = s.StopWindow(ctx, admin, windowID(t, s, "2"))
	assert.Contains(t, invalidOf(t, err).Msg, "最低生活保障申请")

	// A new window nothing refers to is deleted.
	id, err := s.PutWindow(ctx, admin, Window{Code: "7", Name: "临时窗口"})
	require.NoError(t, err)
	deleted, err := s.StopWindow(ctx, admin, id)
	require.NoError(t, err)
	assert.True(t, deleted)
	assert.Equal(t, 1, auditCount(t, s, AuditWindowDelete))

	// One a complaint names is kept, out of service.
	id, err = s.PutWindow(ctx, admin, Window{Code: "8", Name: "旧窗口"})
	require.NoError(t, err)
	_, err = s.db.Exec(`INSERT INTO complaints (code, query_code, token, channel, about, window_id, body, created_at)
		VALUES ('T1', 'Q', 'tok', 'box', 'window', ?, '态度不好', '2026-11-01T00:00:00.000Z')`, id)
	require.NoError(t, err)
	deleted, err = s.StopWindow(ctx, admin, id)
	require.NoError(t, err)
	assert.False(t, deleted)
	ws, err := s.Windows(ctx)
	require.NoError(t, err)
	for _, w := range ws {
		assert.NotEqual(t, "8", w.Code, "a window out of service is not offered")
	}
	b, err := s.OnDuty(ctx)
	require.NoError(t, err)
	assert.Len(t, b.Windows, 2, "nor on the duty board")
	// Nobody can be posted there, until it is back in service.
	assert.Contains(t, invalidOf(t, s.SetWindowPosts(ctx, admin, id, staffID(t, s, "s2"), 0)).Msg, "已停用")
	_, err = s.PutStaff(ctx, admin, StaffEdit{Staff: Staff{Code: "s9", Name: "新人", Post: "网格员", Window: "8",
		Role: RoleStaff, Active: true}})
	assert.Equal(t, "window", invalidOf(t, err).Field)
	require.NoError(t, s.RestartWindow(ctx, admin, id))
	ws, err = s.Windows(ctx)
	require.NoError(t, err)
	assert.Len(t, ws, 3)
}

// TestWindowPostsAreTwoDifferentPeople: a window in service has an A and a
// B post held by two different people, or left empty.
func TestWindowPostsAreTwoDifferentPeople(t *testing.T) {
	tests := map[string]struct {
		active bool
		a, b   int64
		field  string
	}{
		"TwoPeople":    {active: true, a: 1, b: 2},
		"BothEmpty":    {active: true},
		"OnlyB":        {active: true, b: 2},
		"SamePerson":   {active: true, a: 1, b: 1, field: "b"},
		"OutOfService": {a: 1, b: 2, field: "window"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := WindowPostsRule(tc.active, tc.a, tc.b)
			if tc.field == "" {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tc.field, invalidOf(t, err).Field)
		})
	}
}

// TestWindowStopsOnlyWithoutStaffOrItems: a window goes out of service once
// its staff and its service items have moved elsewhere; the message names
// them (at most three items).
func TestWindowStopsOnlyWithoutStaffOrItems(t *testing.T) {
	tests := map[string]struct {
		staff, items []string
		want         string
	}{
		"Empty":     {},
		"Staff":     {staff: []string{"王芳", "李强"}, items: []string{"低保"}, want: "还有工作人员：王芳、李强。"},
		"Items":     {items: []string{"低保", "医保"}, want: "还负责“低保”“医保”事项"},
		"ManyItems": {items: []string{"甲", "乙", "丙", "丁"}, want: "还负责“甲”“乙”“丙”等4项事项"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := StopWindowRule(tc.staff, tc.items)
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.Contains(t, Message(err), tc.want)
		})
	}
}
