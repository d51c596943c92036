package kiosk_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/kiosk"
)

// rating reads the rating stored for a request.
func (r *trackRig) rating(t *testing.T, id int64) (level int, reason string, ok bool) {
	t.Helper()
	return datatest.Rating(t, r.store, id)
}

func TestRateAFinishedRequest(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	r.finish(t, rc.RequestID)

	test.Tap(r.k.Home.Tiles[kiosk.FeatureRate])
	look := trackCurrent[*kiosk.RateLookup](t, r)
	typeReceipt(t, look.Form, rc.ReceiptNo, rc.QueryCode)

	s := trackCurrent[*kiosk.Rate](t, r)
	text := r.flat()
	for _, want := range []string{"您对本次服务满意吗？", "非常满意", "满意", "基本满意", "不满意", "非常不满意",
		"★★★★★", "★☆☆☆☆", "最低生活保障申请（WY-20260305-0001）"} {
		assert.Contains(t, text, want)
	}
	assert.True(t, s.Submit.Disabled(), "choose a level first")

	test.Tap(s.Levels[data.RatingBad])
	assert.True(t, s.Levels[data.RatingBad].Selected())
	assert.False(t, s.Levels[data.RatingGood].Selected())
	assert.Equal(t, "请说说哪里让您不满意（必填）", s.Ask.Text)
	test.Tap(s.Submit)
	assert.Equal(t, "请简单说说哪里让您不满意，我们会认真改进并回访。", s.Message.Text, "data's message")
	trackCurrent[*kiosk.Rate](t, r)
	_, _, rated := r.rating(t, rc.RequestID)
	assert.False(t, rated)

	test.Tap(s.Reason)
	tapPinyin(t, s.Panel.Keyboard, "deng", "dai", "tai", "jiu")
	test.Tap(s.Panel.Keyboard.Done)
	reason := s.Reason.Text
	test.Tap(s.Submit)

	thanks := trackCurrent[*kiosk.RateThanks](t, r)
	assert.Equal(t, data.RatingBad, thanks.Level)
	assert.Contains(t, r.flat(), "感谢您的评价")
	assert.Contains(t, thanks.Speech(), "感谢您的评价")
	level, got, ok := r.rating(t, rc.RequestID)
	require.True(t, ok)
	assert.Equal(t, data.RatingBad, level)
	assert.Equal(t, reason, got)

	test.Tap(r.k.BackButton)
	assert.Equal(t, 1, r.k.Nav.Depth(), "back from the thanks goes home")
}

func TestRateOnlyOnce(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	r.finish(t, rc.RequestID)
	ctx := context.Background()
	require.NoError(t, r.store.Rate(ctx, rc.RequestID, data.RatingVeryGood, ""))
	second := r.store.Rate(ctx, rc.RequestID, data.RatingGood, "")
	require.Error(t, second)

	test.Tap(r.k.Home.Tiles[kiosk.FeatureRate])
	typeReceipt(t, trackCurrent[*kiosk.RateLookup](t, r).Form, rc.ReceiptNo, rc.QueryCode)
	trackCurrent[*kiosk.RateLookup](t, r)
	assert.Contains(t, r.dialogText(), data.Message(second), "the same words as data's refusal")

	// The tracking result offers no rating either.
	r.k.Reset()
	r.scan(rc.Token)
	res := trackCurrent[*kiosk.TrackResult](t, r)
	assert.Nil(t, res.RateButton)
	assert.Contains(t, r.flat(), "您已评价过本次服务")
}

func TestRateUnfinished(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	notFinished := r.store.Rate(context.Background(), rc.RequestID, data.RatingVeryGood, "")
	var ie *data.InvalidError
	require.True(t, errors.As(notFinished, &ie))

	test.Tap(r.k.Home.Tiles[kiosk.FeatureRate])
	trackCurrent[*kiosk.RateLookup](t, r)
	r.scan(trackBase + "/r/" + rc.Token)
	trackCurrent[*kiosk.RateLookup](t, r)
	assert.Contains(t, r.dialogText(), "该事项尚未办结，办结后欢迎您再来评价")
	assert.Contains(t, r.dialogText(), ie.Msg, "the same words as data's refusal")
	_, _, rated := r.rating(t, rc.RequestID)
	assert.False(t, rated)
}

func TestRateFromTheResult(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "YB")
	r.finish(t, rc.RequestID)
	r.scan(rc.Token)
	res := trackCurrent[*kiosk.TrackResult](t, r)
	require.NotNil(t, res.RateButton)
	assert.Contains(t, r.flat(), "评价本次服务")
	test.Tap(res.RateButton)

	s := trackCurrent[*kiosk.Rate](t, r)
	test.Tap(s.Levels[data.RatingVeryGood])
	assert.Equal(t, "您的意见（选填）", s.Ask.Text)
	test.Tap(s.Submit)
	trackCurrent[*kiosk.RateThanks](t, r)
	level, reason, ok := r.rating(t, rc.RequestID)
	require.True(t, ok)
	assert.Equal(t, data.RatingVeryGood, level)
	assert.Empty(t, reason)
}

// TestRateRatedMeanwhile: rated elsewhere (a second kiosk, a phone) while
// the screen was open, the submit shows data's message and nothing else
// is stored.
func TestRateRatedMeanwhile(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	r.finish(t, rc.RequestID)
	r.scan(rc.Token)
	test.Tap(trackCurrent[*kiosk.TrackResult](t, r).RateButton)
	s := trackCurrent[*kiosk.Rate](t, r)
	require.NoError(t, r.store.Rate(context.Background(), rc.RequestID, data.RatingGood, ""))

	test.Tap(s.Levels[data.RatingFair])
	test.Tap(s.Submit)
	trackCurrent[*kiosk.Rate](t, r)
	assert.Equal(t, "该办件已经评价过了，感谢您的反馈。", s.Message.Text)
	assert.Contains(t, r.dialogText(), "该办件已经评价过了")
	assert.True(t, s.Submit.Disabled())
	level, _, _ := r.rating(t, rc.RequestID)
	assert.Equal(t, data.RatingGood, level, "the first rating stands")
}

// TestTrackResultRatedOrNot: a finished request invites a rating until it
// is rated (on the phone page or here); then the result thanks instead,
// and never says both.
func TestTrackResultRatedOrNot(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")
	r.finish(t, rc.RequestID)
	tr, err := r.store.TrackByToken(context.Background(), rc.Token)
	require.NoError(t, err)
	r.k.Nav.Push(kiosk.NewTrackResult(r.k.Nav, r.tracker, tr))
	res := trackCurrent[*kiosk.TrackResult](t, r)
	assert.Contains(t, r.flat(), "欢迎您对本次服务进行评价")
	assert.NotContains(t, r.flat(), "您已评价")
	assert.NotNil(t, res.RateButton)

	require.NoError(t, r.store.Rate(context.Background(), rc.RequestID, data.RatingGood, ""))
	tr, err = r.store.TrackByToken(context.Background(), rc.Token)
	require.NoError(t, err)
	r.k.Nav.Push(kiosk.NewTrackResult(r.k.Nav, r.tracker, tr))
	res = trackCurrent[*kiosk.TrackResult](t, r)
	assert.Contains(t, r.flat(), "您已评价过本次服务")
	assert.NotContains(t, r.flat(), "欢迎您")
	assert.Nil(t, res.RateButton)
}

// lostRateStore saves a rating and then says the saving could not be
// confirmed (a connection lost at COMMIT), fail times.
type lostRateStore struct {
	*data.Store
	fail int
}

func (s *lostRateStore) Rate(ctx context.Context, id int64, level int, reason string) error {
	err := s.Store.Rate(ctx, id, level, reason)
	if err == nil && s.fail > 0 {
		s.fail--
		return fmt.Errorf("data: rate: %w", data.ErrCommitUnknown)
	}
	return err
}

// TestRateCommitUnknown: a rating whose saving could not be confirmed says
// so; 提交评价 again thanks the resident, and the rating is stored once.
func TestRateCommitUnknown(t *testing.T) {
	ls := &lostRateStore{fail: 1}
	r := newTrackRig(t, func(s *data.Store) kiosk.Store { ls.Store = s; return ls })
	rc := r.register(t, "DB")
	r.finish(t, rc.RequestID)
	r.scan(rc.Token)
	test.Tap(trackCurrent[*kiosk.TrackResult](t, r).RateButton)
	s := trackCurrent[*kiosk.Rate](t, r)
	test.Tap(s.Levels[data.RatingGood])
	test.Tap(s.Submit)
	trackCurrent[*kiosk.Rate](t, r)
	assert.Contains(t, s.Message.Text, "暂时无法确认评价是否已经保存")
	assert.False(t, s.Submit.Disabled())

	test.Tap(s.Submit)
	trackCurrent[*kiosk.RateThanks](t, r)
	level, _, ok := r.rating(t, rc.RequestID)
	require.True(t, ok)
	assert.Equal(t, data.RatingGood, level)
}
