package kiosk_test

import (
	"context"
	"errors"
	"fmt"
	"image"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/kiosk"
	"bianmin/ui/paper/papertest"
)

func (r *trackRig) complaints(t *testing.T) []datatest.StoredComplaint {
	t.Helper()
	return datatest.Complaints(t, r.store)
}

// typeBody types the complaint by taps on the pinyin keyboard.
func typeBody(t *testing.T, s *kiosk.ComplainBody, syllables ...string) {
	t.Helper()
	test.Tap(s.Body)
	require.Same(t, s.Body, s.Panel.Active())
	tapPinyin(t, s.Panel.Keyboard, syllables...)
}

// framed is the part of a capture a phone's camera would frame to read
// obj: the object and a quiet margin around it. A detector searching the
// whole screen now and then takes a corner of the tiles for a finder
// pattern (about one code in thirty, by the random token in the URL).
func framed(img image.Image, obj fyne.CanvasObject) image.Image {
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(obj)
	size := obj.Size()
	const margin = 24
	rect := image.Rect(int(pos.X)-margin, int(pos.Y)-margin,
		int(pos.X+size.Width)+margin, int(pos.Y+size.Height)+margin).Intersect(img.Bounds())
	return img.(interface {
		SubImage(image.Rectangle) image.Image
	}).SubImage(rect)
}

// capture draws the kiosk as it is on a software canvas of the window's
// size (the test window has no painter).
func (r *trackRig) capture() image.Image {
	c := software.NewCanvas()
	c.Resize(r.win.Canvas().Size())
	c.SetContent(r.k.Content())
	relayout(r.k.Content()) // wrapped text measured at its final width
	for _, o := range r.win.Canvas().Overlays().List() {
		c.Overlays().Add(o)
	}
	return c.Capture()
}

func TestComplainAboutAWindowTypedByTaps(t *testing.T) {
	r := newTrackRig(t, nil)
	test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
	start := trackCurrent[*kiosk.Complain](t, r)
	assert.Contains(t, r.flat(), "0919-0000002", "the complaint phone is offered too")
	test.Tap(start.Tiles[data.AboutWindow])

	pick := trackCurrent[*kiosk.ComplainWindow](t, r)
	require.Len(t, pick.Tiles, 4)
	assert.Equal(t, "2号窗口（民政事务窗口）", pick.Tiles[1].Title)
	test.Tap(pick.Tiles[1])

	body := trackCurrent[*kiosk.ComplainBody](t, r)
	assert.Contains(t, r.flat(), "反映对象：窗口：2号窗口（民政事务窗口）")
	typeBody(t, body, "tai", "man")
	test.Tap(body.Next)
	assert.Equal(t, "请把遇到的情况说得具体一些（至少5个字），以便我们调查处理。", body.Message.Text)
	trackCurrent[*kiosk.ComplainBody](t, r)

	tapPinyin(t, body.Panel.Keyboard, "deng", "le", "ban", "tian")
	test.Tap(body.Panel.Keyboard.Done)
	typed := body.Body.Text
	require.GreaterOrEqual(t, utf8.RuneCountInString(typed), 5)
	assert.NotContains(t, typed, "\n", "完成 leaves no line break")
	assert.Contains(t, body.Count.Text, "已输入")
	test.Tap(body.Next)

	contact := trackCurrent[*kiosk.ComplainContact](t, r)
	assert.Contains(t, r.flat(), "可以不留姓名")
	test.Tap(contact.Anonymous)

	review := trackCurrent[*kiosk.ComplainReview](t, r)
	text := r.flat()
	for _, want := range []string{"2号窗口（民政事务窗口）", typed, "未留联系方式（匿名）"} {
		assert.Contains(t, text, want)
	}
	test.Tap(review.Submit)

	done := trackCurrent[*kiosk.ComplainDone](t, r)
	stored := r.complaints(t)
	require.Len(t, stored, 1)
	c := stored[0]
	assert.Equal(t, "window", c.About)
	assert.Equal(t, typed, c.Body)
	assert.Empty(t, c.ContactName)
	assert.Empty(t, c.ContactPhone)
	assert.Equal(t, datatest.WindowID(t, r.store, "2"), c.WindowID)
	assert.Equal(t, "2026-03-19", c.DueDay, "10 working days")

	assert.Equal(t, "TWY-20260305-0001", done.Code.Text)
	assert.Equal(t, done.Receipt.QueryCode, done.Query.Text)
	text = r.flat()
	for _, want := range []string{"您的投诉已收到", "2026年3月19日", "10个工作日", "0919-0000002"} {
		assert.Contains(t, text, want)
	}
	assert.Contains(t, done.Speech(), "T W Y 2 0 2 6 0 3 0 5 0 0 0 1")
	assert.Equal(t, trackBase+"/c/"+c.Token, done.URL)
	require.NotNil(t, done.QR)
	assert.Equal(t, done.URL, papertest.QR(t, done.QR.Image))
	assert.Equal(t, done.URL, papertest.QR(t, framed(r.capture(), done.QR)), "the QR on the screen scans")

	test.Tap(r.k.BackButton)
	assert.Equal(t, 1, r.k.Nav.Depth(), "back from the code goes home, not to a second submit")
}

func TestComplainWithContactTypedByTaps(t *testing.T) {
	r := newTrackRig(t, nil)
	test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
	test.Tap(trackCurrent[*kiosk.Complain](t, r).Tiles[data.AboutOther])
	body := trackCurrent[*kiosk.ComplainBody](t, r)
	typeBody(t, body, "da", "ting", "zuo", "yi", "tai", "shao")
	test.Tap(body.Next)

	contact := trackCurrent[*kiosk.ComplainContact](t, r)
	test.Tap(contact.Name)
	tapPinyin(t, contact.Panel.Keyboard, "wang", "fang")
	test.Tap(contact.Panel.Keyboard.Done)
	assert.Equal(t, "王", contact.Name.Text[:len("王")], "the name field puts common surnames first")
	require.Same(t, contact.Phone, contact.Panel.Active(), "完成 moves to the mobile number")
	tapDigits(t, contact.Panel.Keypad, "1390000111")
	test.Tap(contact.Next)
	assert.Contains(t, contact.Message.Text, "手机号码")
	trackCurrent[*kiosk.ComplainContact](t, r)

	tapDigits(t, contact.Panel.Keypad, "2")
	test.Tap(contact.Next)
	review := trackCurrent[*kiosk.ComplainReview](t, r)
	assert.Contains(t, r.flat(), "13900001112")
	test.Tap(review.Submit)
	trackCurrent[*kiosk.ComplainDone](t, r)

	c := r.complaints(t)[0]
	assert.Equal(t, "other", c.About)
	assert.Equal(t, contact.Name.Text, c.ContactName)
	assert.Equal(t, "13900001112", c.ContactPhone)
}

func TestComplainAboutAStaffMember(t *testing.T) {
	r := newTrackRig(t, nil)
	test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
	test.Tap(trackCurrent[*kiosk.Complain](t, r).Tiles[data.AboutStaff])
	pick := trackCurrent[*kiosk.ComplainStaff](t, r)
	require.Len(t, pick.Cards, 6)
	assert.Contains(t, r.flat(), pick.Staff[2].Name)
	test.Tap(pick.Cards[2])

	body := trackCurrent[*kiosk.ComplainBody](t, r)
	assert.Contains(t, r.flat(), pick.Staff[2].Name)
	body.Body.SetText("办理时态度生硬，不耐烦")
	test.Tap(body.Next)
	test.Tap(trackCurrent[*kiosk.ComplainContact](t, r).Next) // nothing typed: anonymous too
	test.Tap(trackCurrent[*kiosk.ComplainReview](t, r).Submit)
	trackCurrent[*kiosk.ComplainDone](t, r)

	c := r.complaints(t)[0]
	assert.Equal(t, "staff", c.About)
	assert.Equal(t, pick.Staff[2].ID, c.StaffID)
}

func TestComplainAboutARequest(t *testing.T) {
	r := newTrackRig(t, nil)
	rc := r.register(t, "DB")

	// From the receipt typed on the complaint screen.
	test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
	test.Tap(trackCurrent[*kiosk.Complain](t, r).Tiles[data.AboutRequest])
	req := trackCurrent[*kiosk.ComplainRequest](t, r)
	typeReceipt(t, req.Form, rc.ReceiptNo, wrongCode(rc.QueryCode))
	assert.Equal(t, "未找到该办件，请核对回执编号和查询码。", req.Form.Message.Text)
	typeReceipt(t, req.Form, rc.ReceiptNo, rc.QueryCode)
	body := trackCurrent[*kiosk.ComplainBody](t, r)
	assert.Contains(t, r.flat(), "最低生活保障申请（WY-20260305-0001）")
	body.Body.SetText("材料交齐一周了还没有人联系我")
	test.Tap(body.Next)
	test.Tap(trackCurrent[*kiosk.ComplainContact](t, r).Anonymous)
	test.Tap(trackCurrent[*kiosk.ComplainReview](t, r).Submit)
	trackCurrent[*kiosk.ComplainDone](t, r)

	// From the tracking result, scanned.
	r.scan(rc.Token)
	test.Tap(trackCurrent[*kiosk.TrackResult](t, r).ComplainButton)
	body = trackCurrent[*kiosk.ComplainBody](t, r)
	body.Body.SetText("窗口让我跑了两次")
	test.Tap(body.Next)
	test.Tap(trackCurrent[*kiosk.ComplainContact](t, r).Anonymous)
	test.Tap(trackCurrent[*kiosk.ComplainReview](t, r).Submit)
	trackCurrent[*kiosk.ComplainDone](t, r)

	stored := r.complaints(t)
	require.Len(t, stored, 2)
	for _, c := range stored {
		assert.Equal(t, "request", c.About)
		assert.Equal(t, rc.RequestID, c.RequestID)
	}
	assert.Equal(t, "TWY-20260305-0002", stored[1].Code)
}

func TestComplainBackKeepsTheDraft(t *testing.T) {
	r := newTrackRig(t, nil)
	test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
	test.Tap(trackCurrent[*kiosk.Complain](t, r).Tiles[data.AboutOther])
	body := trackCurrent[*kiosk.ComplainBody](t, r)
	body.Body.SetText("希望增加一台自助终端")
	test.Tap(body.Next)
	contact := trackCurrent[*kiosk.ComplainContact](t, r)
	contact.Phone.SetText("13900001112")
	test.Tap(contact.Next)
	test.Tap(r.k.BackButton)
	test.Tap(r.k.BackButton)
	assert.Equal(t, "希望增加一台自助终端", trackCurrent[*kiosk.ComplainBody](t, r).Body.Text)
	test.Tap(body.Next)
	assert.Equal(t, "13900001112", trackCurrent[*kiosk.ComplainContact](t, r).Phone.Text)
}

// failingStore fails FileComplaint and Rate until told otherwise.
type failingStore struct {
	*data.Store
	fail   error
	landed bool     // a failing call files first (its COMMIT's answer was lost)
	tokens []string // the token of every call
}

func (s *failingStore) FileComplaint(ctx context.Context, nc data.NewComplaint) (data.ComplaintReceipt, error) {
	s.tokens = append(s.tokens, nc.Token)
	if s.fail != nil {
		if s.landed {
			if _, err := s.Store.FileComplaint(ctx, nc); err != nil {
				return data.ComplaintReceipt{}, err
			}
		}
		return data.ComplaintReceipt{}, s.fail
	}
	return s.Store.FileComplaint(ctx, nc)
}

// TestComplainCommitUnknown: a complaint whose saving could not be
// confirmed says so, and 重试 sends it with the same token: one complaint,
// its own code shown.
func TestComplainCommitUnknown(t *testing.T) {
	fs := &failingStore{fail: fmt.Errorf("data: complaint: %w", data.ErrCommitUnknown), landed: true}
	r := newTrackRig(t, func(s *data.Store) kiosk.Store { fs.Store = s; return fs })
	test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
	test.Tap(trackCurrent[*kiosk.Complain](t, r).Tiles[data.AboutOther])
	body := trackCurrent[*kiosk.ComplainBody](t, r)
	body.Body.SetText("饮水机没有热水了")
	test.Tap(body.Next)
	test.Tap(trackCurrent[*kiosk.ComplainContact](t, r).Anonymous)
	review := trackCurrent[*kiosk.ComplainReview](t, r)
	test.Tap(review.Submit)

	trackCurrent[*kiosk.ComplainReview](t, r)
	assert.Contains(t, review.Message.Text, "暂时无法确认是否已经保存")
	assert.Equal(t, "重试", review.Submit.Text)
	require.Len(t, r.complaints(t), 1, "it had landed")

	fs.fail = nil
	test.Tap(review.Submit)
	trackCurrent[*kiosk.ComplainDone](t, r)
	require.Len(t, r.complaints(t), 1, "not filed twice")
	require.Len(t, fs.tokens, 2)
	assert.True(t, data.ValidToken(fs.tokens[0]))
	assert.Equal(t, fs.tokens[0], fs.tokens[1])
}

func TestComplainErrorOffersRetryAndLosesNothing(t *testing.T) {
	fs := &failingStore{fail: errors.Join(errors.New("locked"), data.ErrBusy)}
	r := newTrackRig(t, func(s *data.Store) kiosk.Store { fs.Store = s; return fs })
	test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
	test.Tap(trackCurrent[*kiosk.Complain](t, r).Tiles[data.AboutOther])
	body := trackCurrent[*kiosk.ComplainBody](t, r)
	body.Body.SetText("饮水机没有热水了")
	test.Tap(body.Next)
	test.Tap(trackCurrent[*kiosk.ComplainContact](t, r).Anonymous)
	review := trackCurrent[*kiosk.ComplainReview](t, r)
	test.Tap(review.Submit)

	trackCurrent[*kiosk.ComplainReview](t, r)
	assert.Equal(t, data.Message(data.ErrBusy), review.Message.Text)
	assert.Equal(t, "重试", review.Submit.Text)
	assert.Empty(t, r.complaints(t))

	fs.fail = nil
	test.Tap(review.Submit)
	trackCurrent[*kiosk.ComplainDone](t, r)
	require.Len(t, r.complaints(t), 1)
	assert.Equal(t, "饮水机没有热水了", r.complaints(t)[0].Body)
}

func TestComplainDoneWithoutBaseURLHasNoQR(t *testing.T) {
	r := newTrackRig(t, nil)
	tr := kiosk.NewTracker(r.store, kiosk.TrackerOptions{})
	d := kiosk.NewComplainDone(r.k.Nav, tr, data.ComplaintReceipt{Code: "TWY-20260305-0001", QueryCode: "ACDEFH",
		Token: "abcdefghijklmnopqrstuvwxyz", DueDay: "2026-03-19"}, "其他")
	assert.Nil(t, d.QR)
	r.k.Nav.Push(d)
	assert.Contains(t, r.flat(), "TWY-20260305-0001")
}
