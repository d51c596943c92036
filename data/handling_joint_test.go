package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestJointHandlingNeedsALeadAndAnotherWindow: the item's lead window leads
// (else the window the request is at); the other windows take part; without
// a lead or another window a request cannot be handled jointly.
func TestJointHandlingNeedsALeadAndAnotherWindow(t *testing.T) {
	tests := map[string]struct {
		lead     int64
		joints   []int64
		fallback int64
		want     int64
		parts    []int64
		refused  bool
	}{
		"ItemLead":                 {lead: 1, joints: []int64{2, 3}, fallback: 5, want: 1, parts: []int64{2, 3}},
		"FallbackLeadWhenNone":     {joints: []int64{2, 3}, fallback: 3, want: 3, parts: []int64{2}},
		"LeadNotItsOwnPartner":     {lead: 1, joints: []int64{1, 2}, want: 1, parts: []int64{2}},
		"NoLeadAtAll":              {joints: []int64{2}, refused: true},
		"NoOtherWindow":            {lead: 1, refused: true},
		"OnlyTheFallbackTakesPart": {joints: []int64{4}, fallback: 4, refused: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			lead, parts, err := JointWindowsRule(tc.lead, tc.joints, tc.fallback)
			if tc.refused {
				assert.Equal(t, "mode", invalidOf(t, err).Field)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, lead)
			assert.Equal(t, tc.parts, parts)
		})
	}
}

// TestJointPartRecordedOnceByAParticipatingWindow: only a participating
// window of a joint request records its part, once.
func TestJointPartRecordedOnceByAParticipatingWindow(t *testing.T) {
	done := time.Date(2026, 11, 26, 10, 0, 0, 0, China)
	tests := map[string]struct {
		mode     Mode
		part     JointPartState
		found    bool
		conflict bool // refused as ErrConflict; otherwise as an *InvalidError on "window"
		ok       bool
	}{
		"ParticipatingWindow": {mode: ModeJoint, part: JointPartState{WindowName: "民政窗口"}, found: true, ok: true},
		"NotJoint":            {mode: ModePromise, conflict: true},
		"NotAPart":            {mode: ModeJoint},
		"TheLeadWindow":       {mode: ModeJoint, part: JointPartState{Lead: true}, found: true},
		"AlreadyRecorded":     {mode: ModeJoint, part: JointPartState{WindowName: "民政窗口", Done: done}, found: true, conflict: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := JointPartRule(tc.mode, tc.part, tc.found)
			switch {
			case tc.ok:
				assert.NoError(t, err)
			case tc.conflict:
				assert.ErrorIs(t, err, ErrConflict)
				assert.NotEmpty(t, Message(err))
			default:
				assert.Equal(t, "window", invalidOf(t, err).Field)
			}
		})
	}
}

// TestJointRequestClosedByLeadAfterEveryPart: the lead window (or the
// owner) finishes a joint request, once every participating window's part
// is in.
func TestJointRequestClosedByLeadAfterEveryPart(t *testing.T) {
	done := time.Date(2026, 11, 26, 10, 0, 0, 0, China)
	lead := JointPartState{WindowID: 1, WindowName: "社会保障窗口", Lead: true}
	p2 := JointPartState{WindowID: 2, WindowName: "民政窗口"}
	p3 := JointPartState{WindowID: 3, WindowName: "计生窗口"}
	p2done, p3done := p2, p3
	p2done.Done, p3done.Done = done, done
	const owner = 7
	tests := map[string]struct {
		parts         []JointPartState
		window, actor int64
		want          string // "" allowed, else a part of the message
	}{
		"LeadWindowAllDone":    {parts: []JointPartState{lead, p2done, p3done}, window: 1, actor: 8},
		"OwnerElsewhere":       {parts: []JointPartState{lead, p2done, p3done}, window: 5, actor: owner},
		"OtherWindowRefused":   {parts: []JointPartState{lead, p2done, p3done}, window: 2, actor: 8, want: "由牵头窗口（社会保障窗口）办结"},
		"PartsPendingRefused":  {parts: []JointPartState{lead, p2, p3done}, window: 1, actor: 8, want: "还有配合窗口未完成：民政窗口。"},
		"AllPendingNamed":      {parts: []JointPartState{lead, p2, p3}, window: 1, actor: owner, want: "民政窗口、计生窗口"},
		"NoLeadPartRecordedOK": {parts: []JointPartState{p2done}, window: 9, actor: 8},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := JointFinishRule(tc.parts, tc.window, tc.actor, owner)
			if tc.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, ErrConflict)
			assert.Contains(t, Message(err), tc.want)
		})
	}
}

func TestJoint(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	clerk := loginAs(t, s, "s2") // window 1, B post
	admin := loginAs(t, s, "s1") // window 1, A post
	w1, w2 := windowID(t, s, "1"), windowID(t, s, "2")
	_, err := s.db.Exec(`INSERT INTO staff (code, name, post, window_id, ab) VALUES ('s3', '赵六', '民政专干', ?, 'A')`, w2)
	require.NoError(t, err)
	lead := loginAs(t, s, "s3")

	id := register(t, s, "DB", false)
	require.NoError(t, s.Accept(ctx, lead, id, "", ""))

	err = s.Finish(ctx, admin, id, "已办结", ReplyPhone)
	assert.Equal(t, "联合办理事项由牵头窗口（民政事务窗口）办结，请转交牵头窗口办结。", Message(err))
	assert.ErrorIs(t, err, ErrConflict)
	err = s.Finish(ctx, lead, id, "已办结", ReplyPhone)
	assert.Equal(t, "还有配合窗口未完成：社会保障窗口。全部完成后才能办结。", Message(err))

	err = s.JointPart(ctx, lead, id, 0, "牵头")
	assert.Contains(t, Message(err), "牵头窗口不需要单独登记")
	err = s.JointPart(ctx, clerk, id, 987654, "办理")
	assert.Equal(t, "该窗口不是本办件的配合窗口。", Message(err))
	err = s.JointPart(ctx, clerk, id, 0, "")
	assert.Equal(t, "请填写本窗口的办理情况。", Message(err))
	require.NoError(t, s.JointPart(ctx, clerk, id, 0, "已核实社保缴费情况"))
	err = s.JointPart(ctx, admin, id, w1, "再登记一次")
	assert.Equal(t, "社会保障窗口的办理情况已经登记过了。", Message(err))
	assert.ErrorIs(t, err, ErrConflict)

	require.NoError(t, s.Finish(ctx, lead, id, "经审核符合条件，已纳入低保", ReplyPhone))
	d, err := s.RequestDetail(ctx, id)
	require.NoError(t, err)
	require.Len(t, d.Parts, 2)
	for _, p := range d.Parts {
		assert.NotZero(t, p.Done, p.WindowName)
	}
	assert.Equal(t, "已核实社保缴费情况", d.Parts[1].Note)
	assert.Equal(t, ReplyPhone, d.ReplyMethod)

	// A joint request not handled by the lead window may be finished by its owner.
	id2 := register(t, s, "DB", false)
	require.NoError(t, s.Accept(ctx, clerk, id2, "", ""))
	require.NoError(t, s.JointPart(ctx, admin, id2, w1, "已核实"))
	require.NoError(t, s.Finish(ctx, clerk, id2, "已办结", ReplyInPerson))

	// JointPart on a request that is not joint.
	id3 := requestIn(t, s, clerk, "JZZ", StatusAccepted)
	err = s.JointPart(ctx, clerk, id3, w1, "办理")
	assert.Equal(t, "该办件不是联合办理，不需要登记配合窗口的办理情况。", Message(err))
}
