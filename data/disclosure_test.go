package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewDisclosure(t *testing.T) {
	ctx := context.Background()
	now := fixedNow
	s := clockStore(t, &now)
	admin, clerk := staffSession(t, s, "s1"), staffSession(t, s, "s2")
	d := DisclosureDraft{Code: "tz-2027", Category: CatOther, Cadence: CadencePhased,
		Title: "2027年度农村危房改造工作进展", Body: "第一阶段：摸底排查。"}

	var ie *InvalidError
	_, err := s.NewDisclosure(ctx, clerk, d)
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "session", ie.Field)

	v, err := s.NewDisclosure(ctx, admin, d)
	require.NoError(t, err)
	assert.Equal(t, 1, v.Version)
	assert.Equal(t, VersionDraft, v.Status)
	assert.Equal(t, 1, auditCount(t, s, AuditDisclosureNew))
	assert.Equal(t, "新建公开事项", AuditLabel(AuditDisclosureNew))

	for name, tc := range map[string]struct {
		d     DisclosureDraft
		field string
	}{
		"ErrCodeUsed":     {d, "code"},
		"ErrImportedCode": {DisclosureDraft{Code: "rules-1", Category: CatRules, Cadence: CadenceAdhoc, Title: "x", Body: "y"}, "code"},
		"ErrCode":         {DisclosureDraft{Code: "有中文", Category: CatOther, Cadence: CadenceAdhoc, Title: "x", Body: "y"}, "code"},
		"ErrAudience": {DisclosureDraft{Code: "lj-1", Category: CatIntegrity, Audience: AudiencePublic,
			Cadence: CadenceRegular, Title: "x", Body: "y"}, "audience"},
		"ErrCadence": {DisclosureDraft{Code: "lj-2", Category: CatIntegrity, Title: "x", Body: "y"}, "cadence"},
		"ErrEmptyBody": {DisclosureDraft{Code: "lj-3", Category: CatIntegrity, Cadence: CadenceRegular,
			Title: "x", Body: "  \n "}, "body"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.NewDisclosure(ctx, admin, tc.d)
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.field, ie.Field)
		})
	}

	st, err := s.DisclosureStateOf(ctx, d.Code)
	require.NoError(t, err)
	assert.Equal(t, VersionDraft, st.Working)
	assert.Equal(t, 1, st.WorkingNumber)
	assert.Zero(t, st.Current)
	_, err = s.DisclosureStateOf(ctx, "nope")
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestPreviewUntil(t *testing.T) {
	ctx := context.Background()
	now := fixedNow // Thursday 2026-11-26
	s := clockStore(t, &now)
	admin := staffSession(t, s, "s1")
	d := DisclosureDraft{Code: "fee-2027", Category: CatOther, Cadence: CadenceRegular,
		Title: "2027年度医保缴费标准（征求意见稿）", Body: "个人缴费标准拟为每人每年400元。"}
	v, err := s.SaveDraft(ctx, admin, d)
	require.NoError(t, err)

	var ie *InvalidError
	for name, last := range map[string]time.Time{
		"ErrYesterday": now.AddDate(0, 0, -1),
		"ErrZero":      {},
		"ErrTooFar":    now.AddDate(0, 0, MaxPreviewDays+1),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.PreviewUntil(ctx, admin, d.Code, last)
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, "until", ie.Field)
		})
	}
	_, err = s.PreviewUntil(ctx, admin, "integrity", now)
	require.ErrorAs(t, err, &ie, "internal items are not previewed")

	last := time.Date(2026, 12, 3, 0, 0, 0, 0, China)
	_, err = s.PreviewUntil(ctx, admin, d.Code, last)
	require.NoError(t, err)
	ps, err := s.Previews(ctx)
	require.NoError(t, err)
	require.Len(t, ps, 1)
	assert.True(t, ps[0].Until.Equal(last))
	st, err := s.DisclosureStateOf(ctx, d.Code)
	require.NoError(t, err)
	assert.True(t, st.PreviewUntil.Equal(last))
	assert.True(t, st.PreviewSince.Equal(now))
	assert.True(t, st.PreviewOpen(now))

	// The last day is still open, late in the evening.
	now = time.Date(2026, 12, 3, 23, 30, 0, 0, China)
	_, err = s.AddComment(ctx, v.ID, "建议对低保户减免。", "")
	require.NoError(t, err)

	// The day after: off the kiosk, no more opinions, still to publish.
	now = time.Date(2026, 12, 4, 0, 5, 0, 0, China)
	ps, err = s.Previews(ctx)
	require.NoError(t, err)
	assert.Empty(t, ps)
	_, err = s.AddComment(ctx, v.ID, "再提一条意见", "")
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, ie.Msg, "已经结束")
	st, err = s.DisclosureStateOf(ctx, d.Code)
	require.NoError(t, err)
	assert.False(t, st.PreviewOpen(now))
	assert.Equal(t, 1, st.Comments)

	pub, err := s.Publish(ctx, admin, d.Code)
	require.NoError(t, err)
	_, err = s.db.ExecContext(ctx, `UPDATE disclosure_versions SET preview_until = '2027-01-01' WHERE id = ?`, pub.ID)
	assert.Error(t, err, "the preview period is part of the record")
	st, err = s.DisclosureStateOf(ctx, d.Code)
	require.NoError(t, err)
	assert.Equal(t, 1, st.AllComments)
	assert.Zero(t, st.Comments, "no working copy any more")
	assert.Equal(t, "王芳", st.Publisher)
}

func TestParsePreviewEnd(t *testing.T) {
	want := time.Date(2026, 3, 20, 0, 0, 0, 0, China)
	for name, tc := range map[string]struct {
		in  string
		err bool
	}{
		"OK":          {in: "2026-03-20"},
		"OKSlash":     {in: "2026/3/20"},
		"OKDots":      {in: " 2026.3.20 "},
		"OKChinese":   {in: "2026年3月20日"},
		"OKFullWidth": {in: "２０２６－０３－２０"},
		"ErrEmpty":    {in: " ", err: true},
		"ErrWords":    {in: "下周五", err: true},
		"ErrNoDay":    {in: "2026-02-30", err: true},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := ParsePreviewEnd(tc.in)
			if tc.err {
				var ie *InvalidError
				require.ErrorAs(t, err, &ie)
				assert.Equal(t, "until", ie.Field)
				return
			}
			require.NoError(t, err)
			assert.True(t, got.Equal(want), got)
		})
	}
}

// TestKioskFacingNeverInternal checks every store function the resident
// side calls with the public audience: internal items never come out, in
// draft, preview or published.
func TestKioskFacingNeverInternal(t *testing.T) {
	ctx := context.Background()
	now := fixedNow
	s := clockStore(t, &now)
	admin := staffSession(t, s, "s1")
	_, err := s.NewDisclosure(ctx, admin, DisclosureDraft{Code: "lj-2026", Category: CatIntegrity,
		Cadence: CadenceRegular, Title: "廉洁自律情况", Body: "无违规情况。"})
	require.NoError(t, err)
	_, err = s.Publish(ctx, admin, "lj-2026")
	require.NoError(t, err)
	_, err = s.SaveDraft(ctx, admin, DisclosureDraft{Code: "lj-2026", Category: CatIntegrity,
		Cadence: CadenceRegular, Title: "廉洁自律情况（修订）", Body: "无违规情况。另有说明。"})
	require.NoError(t, err)
	_, err = s.NewDisclosure(ctx, admin, DisclosureDraft{Code: "kh-2026", Category: CatAppraisal,
		Cadence: CadenceRegular, Title: "考核考勤奖惩", Body: "草稿。"})
	require.NoError(t, err)

	states, err := s.DisclosureStates(ctx)
	require.NoError(t, err)
	var internal []string
	for _, st := range states {
		if st.Audience == AudienceInternal {
			internal = append(internal, st.Code)
		}
	}
	require.ElementsMatch(t, []string{"integrity", "lj-2026", "kh-2026"}, internal)

	notices, err := s.Notices(ctx, AudiencePublic)
	require.NoError(t, err)
	require.NotEmpty(t, notices)
	for _, n := range notices {
		assert.False(t, n.Category.Internal(), n.Code)
		assert.NotContains(t, internal, n.Code)
	}
	previews, err := s.Previews(ctx)
	require.NoError(t, err)
	for _, p := range previews {
		assert.NotContains(t, internal, p.Code)
	}
	for _, code := range internal {
		_, err := s.Archive(ctx, code, AudiencePublic)
		assert.ErrorIs(t, err, ErrNotFound, code)
		_, err = s.VersionAt(ctx, code, now, AudiencePublic)
		assert.ErrorIs(t, err, ErrNotFound, code)
	}
	staffNotices, err := s.Notices(ctx, AudienceInternal)
	require.NoError(t, err)
	assert.Len(t, staffNotices, 2, "staff read the published internal items")
}
