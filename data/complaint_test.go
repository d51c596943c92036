package data

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFileComplaint(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	rc, err := s.FileComplaint(ctx, NewComplaint{Channel: "kiosk", About: AboutOther, Body: "大厅空调坏了，等候时很热。"})
	require.NoError(t, err)
	assert.Equal(t, "TTS-20261126-0001", rc.Code)
	assert.Equal(t, "0919-0000002", rc.Phone)
	assert.Equal(t, "2026-12-10", rc.DueDay, "10 working days from Thursday 26 November")
	assert.True(t, ValidToken(rc.Token))

	st, err := s.ComplaintByCode(ctx, strings.ToLower(rc.Code), rc.QueryCode)
	require.NoError(t, err)
	assert.Equal(t, "已收到，等待处理", st.StatusLabel())
	_, err = s.ComplaintByToken(ctx, rc.Token)
	require.NoError(t, err)
	_, err = s.ComplaintByCode(ctx, rc.Code, "ACDEFH")
	assert.ErrorIs(t, err, ErrNotFound)

	// Anonymous is fine; a contact, if given, must be valid.
	tests := map[string]struct {
		c         NewComplaint
		wantField string
	}{
		"ErrBodyShort":    {NewComplaint{Channel: "kiosk", About: AboutOther, Body: "不好"}, "body"},
		"ErrBodyEmpty":    {NewComplaint{Channel: "kiosk", About: AboutOther, Body: "   "}, "body"},
		"ErrNoRequest":    {NewComplaint{Channel: "kiosk", About: AboutRequest, Body: "办了很久没有结果"}, "request"},
		"ErrNoStaff":      {NewComplaint{Channel: "kiosk", About: AboutStaff, Body: "态度很不耐烦，不解释"}, "staff"},
		"ErrBadPhone":     {NewComplaint{Channel: "kiosk", About: AboutOther, Body: "排队时间太长了", ContactPhone: "12345"}, "contact_phone"},
		"ErrBadName":      {NewComplaint{Channel: "kiosk", About: AboutOther, Body: "排队时间太长了", ContactName: "x1"}, "contact_name"},
		"ErrBadAbout":     {NewComplaint{Channel: "kiosk", About: "boss", Body: "排队时间太长了"}, "about"},
		"ErrRLOInBody":    {NewComplaint{Channel: "kiosk", About: AboutOther, Body: "排队时间\u202e太长了"}, "body"},
		"ErrChannel":      {NewComplaint{Channel: "web", About: AboutOther, Body: "排队时间太长了"}, "channel"},
		"ErrBodyTooLong":  {NewComplaint{Channel: "kiosk", About: AboutOther, Body: strings.Repeat("长", 1001)}, "body"},
		"ErrWindowNotSet": {NewComplaint{Channel: "kiosk", About: AboutWindow, Body: "窗口经常没有人"}, "window"},
	}
	before := count(t, s, "complaints")
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := s.FileComplaint(ctx, tc.c)
			var ie *InvalidError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.wantField, ie.Field)
			assert.NotEmpty(t, ie.Msg)
		})
	}
	assert.Equal(t, before, count(t, s, "complaints"), "nothing stored")
}

func TestRate(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	rc, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)

	err = s.Rate(ctx, rc.RequestID, RatingVeryGood, "")
	var ie *InvalidError
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, ie.Msg, "尚未办结")

	_, err = s.db.Exec(`UPDATE requests SET status = 'finished' WHERE id = ?`, rc.RequestID)
	require.NoError(t, err)

	require.ErrorAs(t, s.Rate(ctx, rc.RequestID, 9, ""), &ie)
	assert.Equal(t, "level", ie.Field)
	require.ErrorAs(t, s.Rate(ctx, rc.RequestID, RatingVeryBad, " "), &ie)
	assert.Equal(t, "reason", ie.Field, "a bad rating says why")

	require.NoError(t, s.Rate(ctx, rc.RequestID, RatingGood, "办事很快"))
	require.ErrorAs(t, s.Rate(ctx, rc.RequestID, RatingVeryGood, ""), &ie)
	assert.Contains(t, ie.Msg, "已经评价过")
	assert.Equal(t, 1, count(t, s, "ratings"))

	tr, err := s.TrackByToken(ctx, rc.Token)
	require.NoError(t, err)
	assert.True(t, tr.Rated)
	assert.False(t, tr.CanRate())
	assert.Equal(t, EventRated, tr.Events[len(tr.Events)-1].Kind)

	assert.ErrorIs(t, s.Rate(ctx, 99999, RatingGood, ""), ErrNotFound)
}
