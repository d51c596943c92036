package kiosk

import (
	"context"
	"image"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/locale"
	bmtheme "bianmin/ui/theme"
)

// TestReceiptInViewFirst: with InViewFirst the receipt's blocks below the
// fold wait for its first frame, which is the same picture as the whole
// receipt's, laid out the same; once drawn, they show.
func TestReceiptInViewFirst(t *testing.T) {
	win, n := homeNav(t, fyne.NewSize(1280, 800))
	rc := data.Receipt{ReceiptNo: "WY-20260305-0001", QueryCode: "ACDEFH", Token: "tok",
		Created: time.Date(2026, 3, 5, 9, 30, 0, 0, data.China), ComplaintPhone: "0919-0000002",
		ItemName: "最低生活保障申请", Status: data.StatusSubmitted, ApplicantMask: "张*",
		Brought: []string{"居民身份证"}, Missing: []string{"户口簿", "居民家庭经济状况核对授权书", "家庭收入和财产状况申报表及承诺书"}}
	cfg := RegisterConfig{BaseURL: "http://192.0.2.1:8080"}

	whole := newRegisterReceipt(n, cfg, rc, newReceiptQR(cfg, rc))
	n.Finish(whole)
	want := win.Canvas().Capture()
	wantBoxes := detailBoxes(whole)

	cfg.InViewFirst = true
	first := newRegisterReceipt(n, cfg, rc, newReceiptQR(cfg, rc))
	n.Finish(first)
	first.inView.hold(n)
	require.NotEmpty(t, first.inView.later, "blocks below the fold wait")
	t.Logf("%d of %d blocks wait", len(first.inView.later), len(first.inView.fold))
	for _, o := range first.inView.later {
		assert.False(t, o.Visible())
	}
	got := detailBoxes(first)
	require.Len(t, got, len(wantBoxes))
	for i := range got {
		assert.Equal(t, wantBoxes[i], got[i], "block %d placed as on the whole receipt", i)
	}
	assert.Equal(t, whole.scrollHeight(), first.scrollHeight(), "the scroll bar is the whole receipt's")

	assert.True(t, samePicture(want, win.Canvas().Capture()), "the first frame is the whole receipt's picture")
	laterShown(t, &first.inView, "drawn, the blocks below the fold show")
}

// homeNav is a navigator filling a test window of the given size, in
// Chinese and Bianmin's theme, run synchronously and without timers, with
// a home screen pushed.
func homeNav(t *testing.T, size fyne.Size) (fyne.Window, *Nav) {
	test.NewTempApp(t)
	require.NoError(t, locale.Use(locale.Chinese))
	fyne.CurrentApp().Settings().SetTheme(bmtheme.New(false))
	win := test.NewTempWindow(t, nil)
	n := newNav(win, context.Background(), func(f func()) { f() },
		func(time.Duration, func()) func() { return func() {} }, time.Now)
	win.SetContent(n.holder)
	win.Resize(size)
	n.Push(&plainScreen{widget.NewLabel("首页")})
	return win, n
}

// laterShown waits until what iv held back is shown: the frame drawn, the
// blocks below the fold visible.
func laterShown(t *testing.T, iv *inViewFirst, msg string) {
	t.Helper()
	require.Eventually(t, func() bool {
		var shown bool
		fyne.DoAndWait(func() { shown = len(iv.later) == 0 })
		return shown
	}, 5*time.Second, 10*time.Millisecond, msg)
	for _, k := range iv.fold {
		assert.True(t, k.Objects[0].Visible())
	}
}

// boxes are the position and size of each object.
func boxes(objs []fyne.CanvasObject) [][2]fyne.Size {
	var out [][2]fyne.Size
	for _, o := range objs {
		p := o.Position()
		out = append(out, [2]fyne.Size{fyne.NewSize(p.X, p.Y), o.Size()})
	}
	return out
}

// detailBoxes are the position and size of each block of the receipt's
// details.
func detailBoxes(r *RegisterReceipt) [][2]fyne.Size { return boxes(detailsBox(r).Objects) }

// detailsBox is the column of the receipt's details: vscroll's content is
// a stack of the padded column and the touch surface.
func detailsBox(r *RegisterReceipt) *fyne.Container {
	padded := r.inView.scroll.Content.(*fyne.Container).Objects[0].(*fyne.Container)
	return padded.Objects[0].(*fyne.Container)
}

func (r *RegisterReceipt) scrollHeight() float32 { return r.inView.scroll.Content.MinSize().Height }

// samePicture reports whether two captures are the same pixels.
func samePicture(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			r1, g1, b1, a1 := a.At(x, y).RGBA()
			r2, g2, b2, a2 := b.At(x, y).RGBA()
			if r1 != r2 || g1 != g2 || b1 != b2 || a1 != a2 {
				return false
			}
		}
	}
	return true
}

// TestReviewInViewFirst: the review's answers below the fold wait for its
// first frame as the receipt's blocks do, the same picture and layout as
// the whole review's; once drawn, they show.
func TestReviewInViewFirst(t *testing.T) {
	win, n := homeNav(t, fyne.NewSize(1280, 600)) // no shell here: the review has the window
	item := data.Item{ID: 1, Name: "最低生活保障申请", Materials: []data.Material{
		{ID: 1, Name: "居民身份证", Required: true}, {ID: 2, Name: "户口簿", Required: true},
		{ID: 3, Name: "居民家庭经济状况核对授权书", Required: true}}}
	review := func(on bool) *RegisterFlow {
		f := newRegisterFlow(n, RegisterConfig{InViewFirst: on}, item)
		f.name, f.phone, f.idNumber, f.help = "张三", "13800138000", "110105198001011000", regHelpNone
		f.description = "家中老人常年患病，收入不足以维持基本生活，申请低保。"
		last := f.Steps[len(f.Steps)-1]
		n.Push(last)
		f.advance(last)
		require.Same(t, f.review, n.Current())
		return f
	}

	whole := review(false)
	want := win.Canvas().Capture()
	wantBoxes := cardBoxes(whole.review)

	first := review(true).review
	require.NotEmpty(t, first.inView.later, "answers below the fold wait")
	t.Logf("%d of %d answers wait", len(first.inView.later), len(first.inView.fold))
	assert.Equal(t, wantBoxes, cardBoxes(first), "the answers placed as on the whole review")
	assert.True(t, samePicture(want, win.Canvas().Capture()), "the first frame is the whole review's picture")
	laterShown(t, &first.inView, "drawn, the answers below the fold show")
}

// cardBoxes are the position and size of each answer on the review.
func cardBoxes(r *RegisterReview) [][2]fyne.Size { return boxes(r.list.Objects) }
