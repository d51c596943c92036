package data

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// clockStore is a store seeded with testCatalog whose clock reads *now.
func clockStore(t *testing.T, now *time.Time) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "bianmin.db"),
		WithClock(func() time.Time { return *now }), cheapPINs)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	_, err = s.ImportCatalog(context.Background(), bytes.NewReader(encode(t, testCatalog())), testFiles)
	require.NoError(t, err)
	return s
}

func staffSession(t *testing.T, s *Store, code string) Session {
	t.Helper()
	var id int64
	require.NoError(t, s.db.QueryRow(`SELECT id FROM staff WHERE code = ?`, code).Scan(&id))
	return Session{StaffID: id}
}

func auditCount(t *testing.T, s *Store, action string) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM audit_log WHERE action = ?`, action).Scan(&n))
	return n
}

func TestDisclosureLife(t *testing.T) {
	ctx := context.Background()
	now := fixedNow
	s := clockStore(t, &now)
	admin, clerk := staffSession(t, s, "s1"), staffSession(t, s, "s2")
	draft := DisclosureDraft{Code: "fee-2027", Category: CatOther, Cadence: CadenceRegular,
		Title: "2027年度城乡居民医保缴费标准（征求意见稿）", Body: "个人缴费标准拟为每人每年400元。"}

	_, err := s.SaveDraft(ctx, clerk, draft)
	var ie *InvalidError
	require.ErrorAs(t, err, &ie, "only administrators edit content")
	assert.Equal(t, "session", ie.Field)

	v1, err := s.SaveDraft(ctx, admin, draft)
	require.NoError(t, err)
	assert.Equal(t, 1, v1.Version)
	assert.Equal(t, VersionDraft, v1.Status)
	previews, err := s.Previews(ctx)
	require.NoError(t, err)
	assert.Empty(t, previews, "a draft is not on the kiosk")

	// 预公开: on the kiosk, with a comment form.
	_, err = s.Preview(ctx, admin, draft.Code)
	require.NoError(t, err)
	previews, err = s.Previews(ctx)
	require.NoError(t, err)
	require.Len(t, previews, 1)
	assert.Equal(t, v1.ID, previews[0].VersionID)
	assert.True(t, previews[0].Since.Equal(now))
	notices, err := s.Notices(ctx, AudiencePublic)
	require.NoError(t, err)
	for _, n := range notices {
		assert.NotEqual(t, draft.Code, n.Code, "a preview is not yet a publication")
	}

	_, err = s.AddComment(ctx, v1.ID, "建议对低保户减免个人缴费部分。", "13800138000")
	require.NoError(t, err)
	for name, tc := range map[string]struct{ body, contact, field string }{
		"ErrEmpty":   {"  ", "", "body"},
		"ErrShort":   {"好", "", "body"},
		"ErrControl": {"意见\x00内容", "", "body"},
		"ErrLong":    {string(bytes.Repeat([]byte("长"), MaxCommentRunes+1)), "", "body"},
		"ErrContact": {"意见内容", "电话\n123", "contact"},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := s.AddComment(ctx, v1.ID, tc.body, tc.contact)
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.field, ie.Field)
		})
	}
	previews, err = s.Previews(ctx)
	require.NoError(t, err)
	assert.Equal(t, 1, previews[0].Comments)

	// Staff adjust the text and publish.
	now = now.Add(24 * time.Hour)
	draft.Title, draft.Body = "2027年度城乡居民医保缴费标准", "个人缴费标准为每人每年400元，低保对象由财政全额资助。"
	edited, err := s.SaveDraft(ctx, admin, draft)
	require.NoError(t, err)
	assert.Equal(t, v1.ID, edited.ID, "the working copy is edited in place")
	previews, err = s.Previews(ctx)
	require.NoError(t, err)
	assert.Empty(t, previews, "an edited preview leaves the kiosk until previewed again")
	_, err = s.AddComment(ctx, v1.ID, "再提一条意见", "")
	require.ErrorAs(t, err, &ie)

	t1 := now
	pub1, err := s.Publish(ctx, admin, draft.Code)
	require.NoError(t, err)
	assert.Equal(t, VersionPublished, pub1.Status)
	assert.Equal(t, "王芳", pub1.Publisher)
	assert.True(t, pub1.PublishedAt.Equal(t1))
	_, err = s.Publish(ctx, admin, draft.Code)
	require.ErrorAs(t, err, &ie, "nothing new to publish")

	// The store refuses to change a publication.
	for name, q := range map[string]string{
		"body":         `UPDATE disclosure_versions SET body = 'x' WHERE id = ?`,
		"title":        `UPDATE disclosure_versions SET title = 'x' WHERE id = ?`,
		"published_at": `UPDATE disclosure_versions SET published_at = '2020-01-01T00:00:00.000Z' WHERE id = ?`,
		"publisher":    `UPDATE disclosure_versions SET publisher = '别人' WHERE id = ?`,
		"previewed_at": `UPDATE disclosure_versions SET previewed_at = '' WHERE id = ?`,
		"unpublish":    `UPDATE disclosure_versions SET status = 'draft' WHERE id = ?`,
		"delete":       `DELETE FROM disclosure_versions WHERE id = ?`,
	} {
		_, err := s.db.ExecContext(ctx, q, pub1.ID)
		assert.Error(t, err, name)
	}

	// A change is a new version; publishing it supersedes the first.
	now = now.Add(30 * 24 * time.Hour)
	draft.Body = "个人缴费标准为每人每年400元；低保对象、特困人员由财政全额资助。"
	v2, err := s.SaveDraft(ctx, admin, draft)
	require.NoError(t, err)
	assert.Equal(t, 2, v2.Version)
	assert.NotEqual(t, pub1.ID, v2.ID)
	notices, err = s.Notices(ctx, AudiencePublic)
	require.NoError(t, err)
	assert.Contains(t, noticeBodies(notices), "个人缴费标准为每人每年400元，低保对象由财政全额资助。",
		"the published version stays in force while the next one is drafted")
	t2 := now
	_, err = s.Publish(ctx, admin, draft.Code)
	require.NoError(t, err)

	old, err := s.VersionAt(ctx, draft.Code, t1.Add(time.Hour), AudiencePublic)
	require.NoError(t, err)
	assert.Equal(t, 1, old.Version)
	assert.Equal(t, VersionSuperseded, old.Status)
	assert.Equal(t, "个人缴费标准为每人每年400元，低保对象由财政全额资助。", old.Body)
	assert.True(t, old.PublishedAt.Equal(t1))
	cur, err := s.VersionAt(ctx, draft.Code, t2, AudiencePublic)
	require.NoError(t, err)
	assert.Equal(t, 2, cur.Version)
	_, err = s.VersionAt(ctx, draft.Code, t1.Add(-time.Second), AudiencePublic)
	assert.ErrorIs(t, err, ErrNotFound, "nothing was in force before the first publication")

	archive, err := s.Archive(ctx, draft.Code, AudiencePublic)
	require.NoError(t, err)
	require.Len(t, archive, 2)
	assert.Equal(t, []VersionStatus{VersionSuperseded, VersionPublished}, []VersionStatus{archive[0].Status, archive[1].Status})
	assert.True(t, archive[0].PublishedAt.Before(archive[1].PublishedAt))

	comments, err := s.Comments(ctx, draft.Code)
	require.NoError(t, err)
	require.Len(t, comments, 1)
	assert.Equal(t, 1, comments[0].Version)
	assert.Equal(t, "13800138000", comments[0].Contact)
	_, err = s.Comments(ctx, "nope")
	assert.ErrorIs(t, err, ErrNotFound)

	states, err := s.DisclosureStates(ctx)
	require.NoError(t, err)
	var st DisclosureState
	for _, x := range states {
		if x.Code == draft.Code {
			st = x
		}
	}
	assert.Equal(t, 2, st.Current)
	assert.Empty(t, st.Working)

	assert.Equal(t, 3, auditCount(t, s, AuditDisclosureDraft))
	assert.Equal(t, 1, auditCount(t, s, AuditDisclosurePreview))
	assert.Equal(t, 2, auditCount(t, s, AuditDisclosurePublish))
}

func noticeBodies(ns []Notice) []string {
	var out []string
	for _, n := range ns {
		out = append(out, n.Body)
	}
	return out
}

func TestInternalDisclosureStaysInStaffMode(t *testing.T) {
	ctx := context.Background()
	now := fixedNow
	s := clockStore(t, &now)
	admin := staffSession(t, s, "s1")

	_, err := s.SaveDraft(ctx, admin, DisclosureDraft{Code: "kq-2026-11", Category: CatAppraisal, Audience: AudiencePublic,
		Cadence: CadenceRegular, Title: "11月考勤情况", Body: "全勤。"})
	var ie *InvalidError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "audience", ie.Field)

	v, err := s.SaveDraft(ctx, admin, DisclosureDraft{Code: "kq-2026-11", Category: CatAppraisal,
		Cadence: CadenceRegular, Title: "11月考勤情况", Body: "全勤。"})
	require.NoError(t, err)
	_, err = s.Preview(ctx, admin, "kq-2026-11")
	require.ErrorAs(t, err, &ie, "internal items are not previewed on the kiosk")
	_, err = s.AddComment(ctx, v.ID, "想看看考勤", "")
	require.ErrorAs(t, err, &ie)
	_, err = s.Publish(ctx, admin, "kq-2026-11")
	require.NoError(t, err)

	previews, err := s.Previews(ctx)
	require.NoError(t, err)
	assert.Empty(t, previews)
	public, err := s.Notices(ctx, AudiencePublic)
	require.NoError(t, err)
	for _, n := range public {
		assert.False(t, n.Category.Internal(), n.Code)
	}
	_, err = s.VersionAt(ctx, "kq-2026-11", now, AudiencePublic)
	assert.ErrorIs(t, err, ErrNotFound)
	_, err = s.Archive(ctx, "kq-2026-11", AudiencePublic)
	assert.ErrorIs(t, err, ErrNotFound)
	_, err = s.Archive(ctx, "integrity", AudiencePublic)
	assert.ErrorIs(t, err, ErrNotFound, "the imported internal item too")
	staffView, err := s.VersionAt(ctx, "kq-2026-11", now, AudienceInternal)
	require.NoError(t, err)
	assert.Equal(t, "全勤。", staffView.Body)

	// Once published, an item cannot move to the public side.
	_, err = s.SaveDraft(ctx, admin, DisclosureDraft{Code: "kq-2026-11", Category: CatOther,
		Cadence: CadenceRegular, Title: "11月考勤情况", Body: "全勤。"})
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "category", ie.Field)
}

func TestDisclosureDraftClean(t *testing.T) {
	good := DisclosureDraft{Code: "a1", Category: CatRules, Cadence: CadenceAdhoc, Title: "服务承诺", Body: "一次告知。"}
	for name, tc := range map[string]struct {
		edit  func(*DisclosureDraft)
		field string
	}{
		"ErrCode":     {func(d *DisclosureDraft) { d.Code = "有中文" }, "code"},
		"ErrCategory": {func(d *DisclosureDraft) { d.Category = "news" }, "category"},
		"ErrAudience": {func(d *DisclosureDraft) { d.Audience = AudienceInternal }, "audience"},
		"ErrCadence":  {func(d *DisclosureDraft) { d.Cadence = "weekly" }, "cadence"},
		"ErrTitle":    {func(d *DisclosureDraft) { d.Title = " " }, "title"},
		"ErrTitleNL":  {func(d *DisclosureDraft) { d.Title = "两\n行" }, "title"},
		"ErrBody":     {func(d *DisclosureDraft) { d.Body = "" }, "body"},
	} {
		t.Run(name, func(t *testing.T) {
			d := good
			tc.edit(&d)
			_, err := d.Clean()
			var ie *InvalidError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.field, ie.Field)
		})
	}
	t.Run("OK", func(t *testing.T) {
		d := good
		d.Body = "  第一条\r\n第二条  "
		c, err := d.Clean()
		require.NoError(t, err)
		assert.Equal(t, AudiencePublic, c.Audience)
		assert.Equal(t, "第一条\n第二条", c.Body)
	})
}

func TestDueForRepublication(t *testing.T) {
	ctx := context.Background()
	now := fixedNow // 2026-11-26; the catalog's "integrity" (定期) was published 2026-01-05
	s := clockStore(t, &now)
	admin := staffSession(t, s, "s1")
	publishAt := func(code string, cadence Cadence, at time.Time) {
		now = at
		_, err := s.SaveDraft(ctx, admin, DisclosureDraft{Code: code, Category: CatOther, Cadence: cadence,
			Title: code, Body: "内容"})
		require.NoError(t, err)
		_, err = s.Publish(ctx, admin, code)
		require.NoError(t, err)
	}
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 10, 0, 0, 0, China) }
	publishAt("monthly-fresh", CadenceRegular, day(11, 10)) // due 12-10: not yet
	publishAt("monthly-late", CadenceRegular, day(10, 20))  // due 11-20: due
	publishAt("phase-late", CadencePhased, day(8, 1))       // due 11-01: due
	publishAt("phase-fresh", CadencePhased, day(9, 1))      // due 12-01: not yet
	publishAt("adhoc-old", CadenceAdhoc, day(2, 1))         // never due
	publishAt("monthly-exact", CadenceRegular, day(10, 26)) // due 11-26 10:00
	now = fixedNow                                          // 09:30, before 10:00
	_, err := s.SaveDraft(ctx, admin, DisclosureDraft{Code: "never", Category: CatOther, Cadence: CadencePhased,
		Title: "从未公开", Body: "草稿"})
	require.NoError(t, err)

	due, err := s.DueForRepublication(ctx)
	require.NoError(t, err)
	var codes []string
	for _, d := range due {
		codes = append(codes, d.Code)
	}
	assert.Equal(t, []string{"never", "integrity", "phase-late", "monthly-late"}, codes)
	assert.True(t, due[0].LastPublished.IsZero())
	assert.Equal(t, "2026-11-01", Day(due[2].DueSince))

	now = day(11, 26)
	due, err = s.DueForRepublication(ctx)
	require.NoError(t, err)
	assert.Len(t, due, 5, "monthly-exact falls due at the hour it was published a month ago")
}
