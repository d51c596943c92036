package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFirstOwner(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	admin := loginAs(t, s, "s1")
	id := register(t, s, "JZZ", false)
	assert.Zero(t, column[int64](t, s, id, "coalesce(first_owner_id, 0)"), "a kiosk request waits for someone")

	require.NoError(t, s.AddNote(ctx, admin, id, "看了一眼", false))
	assert.Zero(t, column[int64](t, s, id, "coalesce(first_owner_id, 0)"), "a note does not take a request up")

	_, err := s.RequestSupplement(ctx, clerk, id, materialIDs(t, s, "JZZ"), "", "")
	require.NoError(t, err)
	assert.Equal(t, clerk.StaffID, column[int64](t, s, id, "first_owner_id"), "首问: the first to take it up")
	assert.Equal(t, clerk.StaffID, column[int64](t, s, id, "owner_id"))

	require.NoError(t, s.HandOver(ctx, clerk, id, admin.StaffID, 0, "我明天请假，请王芳跟进"))
	assert.Equal(t, admin.StaffID, column[int64](t, s, id, "owner_id"))
	require.NoError(t, s.MaterialsComplete(ctx, admin, id))
	require.NoError(t, s.Escalate(ctx, admin, id, "", time.Time{}, time.Time{}, ""))
	require.NoError(t, s.UpperResult(ctx, admin, id, "同意"))
	require.NoError(t, s.Finish(ctx, admin, id, "已办结", ReplySMS))
	assert.Equal(t, clerk.StaffID, column[int64](t, s, id, "first_owner_id"), "never changes")

	_, err = s.db.Exec(`UPDATE requests SET first_owner_id = ? WHERE id = ?`, admin.StaffID, id)
	assert.ErrorContains(t, err, "first owner never changes")

	d, err := s.RequestDetail(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "李强", d.FirstOwnerName)
	assert.Equal(t, "王芳", d.OwnerName)
}

func TestHandOver(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2")
	admin := loginAs(t, s, "s1")
	w1, w2 := windowID(t, s, "1"), windowID(t, s, "2")

	id := requestIn(t, s, clerk, "JZZ", StatusAccepted)
	for name, tc := range map[string]struct {
		staff, window int64
		note, field   string
	}{
		"ErrNoNote":      {staff: admin.StaffID, field: "note"},
		"ErrBoth":        {staff: admin.StaffID, window: w1, note: "请跟进", field: "to"},
		"ErrNeither":     {note: "请跟进", field: "to"},
		"ErrToOwner":     {staff: clerk.StaffID, note: "请跟进", field: "to"},
		"ErrEmptyWindow": {window: w2, note: "请跟进", field: "to"},
		"ErrNoStaff":     {staff: 987654, note: "请跟进", field: "to"},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.field, invalidOf(t, s.HandOver(ctx, clerk, id, tc.staff, tc.window, tc.note)).Field)
		})
	}
	assert.Equal(t, clerk.StaffID, column[int64](t, s, id, "owner_id"))

	// To a window: the A post (王芳) rather than the B post (the owner 李强 is
	// left out anyway); when A is out, B.
	require.NoError(t, s.HandOver(ctx, clerk, id, 0, w1, "请社保窗口处理"))
	assert.Equal(t, admin.StaffID, column[int64](t, s, id, "owner_id"))
	id2 := requestIn(t, s, admin, "JZZ", StatusAccepted)
	_, err := s.db.Exec(`INSERT INTO staff (code, name, post, window_id, ab) VALUES ('s3', '赵六', '民政专干', ?, 'A'),
		('s4', '钱七', '民政专干', ?, 'B')`, w2, w2)
	require.NoError(t, err)
	_, err = s.db.Exec(`INSERT INTO whereabouts (staff_id, status, at) VALUES (?, 'leave', ?)`,
		staffID(t, s, "s3"), formatTime(fixedNow))
	require.NoError(t, err)
	require.NoError(t, s.HandOver(ctx, admin, id2, 0, w2, "请民政窗口处理"))
	assert.Equal(t, staffID(t, s, "s4"), column[int64](t, s, id2, "owner_id"), "A is on leave: B covers")
	assert.Equal(t, w2, column[int64](t, s, id2, "window_id"))

	d, err := s.RequestDetail(ctx, id2)
	require.NoError(t, err)
	last := d.Events[len(d.Events)-2:]
	assert.Equal(t, "转交民政事务窗口钱七办理", last[0].Note)
	assert.True(t, last[0].Public)
	assert.Equal(t, "请民政窗口处理", last[1].Note)
	assert.False(t, last[1].Public)
}

// TestHandOverToWindowOnDuty: a request handed to a window goes to whoever
// is on duty there now by the A/B rule (RouteWindow), not simply to the A
// post; with nobody on duty it still gets an owner.
func TestHandOverToWindowOnDuty(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	admin := loginAs(t, s, "s1") // 王芳, window 1 A
	w2 := windowID(t, s, "2")
	_, err := s.db.Exec(`INSERT INTO staff (code, name, post, window_id, ab) VALUES ('s3', '赵六', '民政专干', ?, 'A'),
		('s4', '钱七', '民政专干', ?, 'B')`, w2, w2)
	require.NoError(t, err)
	a, b := loginAs(t, s, "s3"), loginAs(t, s, "s4")

	for name, tc := range map[string]struct {
		signIn []Session
		want   int64
	}{
		"NobodySignedInAPost": {want: a.StaffID},
		"OnlyBSignedIn":       {signIn: []Session{b}, want: b.StaffID},
		"BothSignedIn":        {signIn: []Session{b, a}, want: a.StaffID},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.db.Exec(`DELETE FROM attendance`)
			require.NoError(t, err)
			for _, who := range tc.signIn {
				_, err := s.SignIn(ctx, who)
				require.NoError(t, err)
			}
			id := requestIn(t, s, admin, "JZZ", StatusAccepted)
			require.NoError(t, s.HandOver(ctx, admin, id, 0, w2, "请民政窗口处理"))
			assert.Equal(t, tc.want, column[int64](t, s, id, "owner_id"))
			assert.Equal(t, w2, column[int64](t, s, id, "window_id"))
			assert.Equal(t, admin.StaffID, column[int64](t, s, id, "first_owner_id"))
		})
	}
}

// TestFirstInquiryOwnerIsTheFirstToTakeUp: the first to take a request up
// is its first owner for good, and its owner while it has none.
func TestFirstInquiryOwnerIsTheFirstToTakeUp(t *testing.T) {
	tests := map[string]struct {
		first, owner, actor  int64
		wantFirst, wantOwner int64
	}{
		"NobodyYet":         {actor: 3, wantFirst: 3, wantOwner: 3},
		"OwnedAlready":      {first: 1, owner: 2, actor: 3, wantFirst: 1, wantOwner: 2},
		"FirstOwnerKept":    {first: 1, actor: 3, wantFirst: 1, wantOwner: 3},
		"OwnerFromHandOver": {owner: 2, actor: 3, wantFirst: 3, wantOwner: 2},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			first, owner := FirstInquiryRule(tc.first, tc.owner, tc.actor)
			assert.Equal(t, tc.wantFirst, first)
			assert.Equal(t, tc.wantOwner, owner)
		})
	}
}
