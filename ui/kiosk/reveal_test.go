package kiosk_test

import (
	"context"
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/kiosk"
	"bianmin/ui/paper"
)

// revealSizes are the screens a kiosk runs on, and elder mode on the
// smallest: whatever a tap produces must be in sight on each.
var revealSizes = []struct {
	name  string
	size  fyne.Size
	elder bool
}{
	{"1280x800", fyne.NewSize(1280, 800), false},
	{"1920x1080", fyne.NewSize(1920, 1080), false},
	{"1080x1920", fyne.NewSize(1080, 1920), false},
	{"elder 1280x800", fyne.NewSize(1280, 800), true},
}

// pathTo is the chain of objects from root down to o, through widgets'
// renderers, or nil.
func pathTo(root, o fyne.CanvasObject) []fyne.CanvasObject {
	if root == nil {
		return nil
	}
	if root == o {
		return []fyne.CanvasObject{o}
	}
	var kids []fyne.CanvasObject
	switch v := root.(type) {
	case *fyne.Container:
		kids = v.Objects
	case fyne.Widget:
		kids = test.WidgetRenderer(v).Objects()
	}
	for _, k := range kids {
		if p := pathTo(k, o); p != nil {
			return append([]fyne.CanvasObject{root}, p...)
		}
	}
	return nil
}

// assertInSight checks that o is shown, whole, inside the viewport of
// every scroll that holds it and inside the window: a resident sees it
// without scrolling.
func assertInSight(t *testing.T, win fyne.Window, o fyne.CanvasObject, what string) {
	t.Helper()
	relayout(win.Content()) // the next frame, as the real driver lays out
	require.Truef(t, o.Visible(), "%s is shown", what)
	path := pathTo(win.Canvas().Content(), o)
	for _, ov := range win.Canvas().Overlays().List() {
		if path == nil {
			path = pathTo(ov, o)
		}
	}
	require.NotNilf(t, path, "%s is on the screen", what)
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y
	bottom := top + o.Size().Height
	require.Greaterf(t, o.Size().Height, float32(0), "%s has a height", what)
	assert.GreaterOrEqualf(t, top, float32(0), "%s below the window's top", what)
	assert.LessOrEqualf(t, bottom, win.Canvas().Size().Height, "%s above the window's bottom", what)
	scrolls := 0
	for _, p := range path {
		s, ok := p.(*container.Scroll)
		if !ok {
			continue
		}
		scrolls++
		sTop := d.AbsolutePositionForObject(s).Y
		assert.GreaterOrEqualf(t, top, sTop, "%s is below the top of its scroll's viewport (offset %v)", what, s.Offset)
		assert.LessOrEqualf(t, bottom, sTop+s.Size().Height, "%s is above the fold of its scroll (offset %v, top %v, height %v, content %v, view %v)", what, s.Offset, top-sTop, o.Size().Height, s.Content.Size(), s.Size())
	}
	assert.NotZerof(t, scrolls, "%s sits in a scroll (else this test checks nothing)", what)
}

// trackRigAt is a tracking rig at a screen size, in elder mode or not.
func trackRigAt(t *testing.T, size fyne.Size, elder bool) *trackRig {
	r := newTrackRig(t, nil)
	r.k.SetElder(elder)
	r.win.Resize(size)
	r.settle()
	return r
}

func TestTrackNotFoundIsInSight(t *testing.T) {
	for _, sz := range revealSizes {
		t.Run(sz.name, func(t *testing.T) {
			r := trackRigAt(t, sz.size, sz.elder)
			rc := r.register(t, "DB")
			test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
			s := trackCurrent[*kiosk.Track](t, r)
			typeReceipt(t, s.Form, rc.ReceiptNo, wrongCode(rc.QueryCode)) // ends with a tap
			require.Equal(t, "未找到该办件，请核对回执编号和查询码。", s.Form.Message.Text)
			assertInSight(t, r.win, s.Form.Message, "未找到该办件")

			s.Form.Scroll.ScrollToOffset(fyne.NewPos(0, 0))
			test.Tap(s.Form.Search) // 查询 again, from the top of the page
			assertInSight(t, r.win, s.Form.Message, "未找到该办件 after 查询")
		})
	}
}

func TestComplainMessagesAreInSight(t *testing.T) {
	for _, sz := range revealSizes {
		t.Run(sz.name, func(t *testing.T) {
			r := trackRigAt(t, sz.size, sz.elder)
			test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
			test.Tap(trackCurrent[*kiosk.Complain](t, r).Tiles[data.AboutOther])
			body := trackCurrent[*kiosk.ComplainBody](t, r)
			typeBody(t, body, "tai", "man")
			test.Tap(body.Next)
			require.Contains(t, body.Message.Text, "至少5个字")
			assertInSight(t, r.win, body.Message, "the body's message")

			typeBody(t, body, "da", "ting", "zuo", "yi", "tai", "shao")
			test.Tap(body.Next)
			contact := trackCurrent[*kiosk.ComplainContact](t, r)
			test.Tap(contact.Phone)
			tapDigits(t, contact.Panel.Keypad, "1390000111")
			test.Tap(contact.Next)
			require.Contains(t, contact.Message.Text, "手机号码")
			assertInSight(t, r.win, contact.Message, "the contact's message")
		})
	}
}

func TestRateMessageIsInSight(t *testing.T) {
	for _, sz := range revealSizes {
		t.Run(sz.name, func(t *testing.T) {
			r := trackRigAt(t, sz.size, sz.elder)
			rc := r.register(t, "DB")
			r.finish(t, rc.RequestID)
			test.Tap(r.k.Home.Tiles[kiosk.FeatureRate])
			typeReceipt(t, trackCurrent[*kiosk.RateLookup](t, r).Form, rc.ReceiptNo, rc.QueryCode)
			s := trackCurrent[*kiosk.Rate](t, r)
			test.Tap(s.Levels[data.RatingBad])
			test.Tap(s.Submit)
			require.Contains(t, s.Message.Text, "不满意")
			assertInSight(t, r.win, s.Message, "the rating's message")
		})
	}
}

func TestReceiptPrintStatusIsInSight(t *testing.T) {
	for _, sz := range revealSizes {
		t.Run(sz.name, func(t *testing.T) {
			r := newRegRig(t, regNow, sz.size)
			r.k.SetElder(sz.elder)
			rc := regReceipt(t, r)
			scroll := enclosingScroll(t, r.win, rc.PrintStatus)
			for _, at := range []string{"top", "bottom"} {
				if at == "top" {
					scroll.ScrollToTop()
				} else {
					scroll.ScrollToBottom()
				}
				r.printer.Err = &paper.PrintError{Kind: paper.ErrPrinterStopped, Queue: "receipt", Detail: "paper out"}
				test.Tap(rc.PrintButton)
				require.Contains(t, rc.PrintStatus.Text, "您的申请已保存")
				assertInSight(t, r.win, rc.PrintStatus, fmt.Sprintf("the failure, scrolled to the %s", at))

				r.printer.Err = nil
				if at == "top" {
					scroll.ScrollToTop()
				} else {
					scroll.ScrollToBottom()
				}
				test.Tap(rc.PrintButton)
				require.Equal(t, "回执已打印，请从打印口取走。", rc.PrintStatus.Text)
				assertInSight(t, r.win, rc.PrintStatus, fmt.Sprintf("回执已打印, scrolled to the %s", at))
			}
		})
	}
}

func TestPreviewCommentMessagesAreInSight(t *testing.T) {
	for _, sz := range revealSizes {
		t.Run(sz.name, func(t *testing.T) {
			r := boardRig(t)
			r.k.SetElder(sz.elder)
			r.win.Resize(sz.size)
			boardPreview(t, r)
			c := boardOpenComment(t, r)
			test.Tap(c.Body)
			boardTypeHan(t, c.Panel.Keyboard, "hao", "好")
			test.Tap(c.Submit)
			require.Equal(t, "请把您的意见写得具体一些。", c.Message.Text)
			assertInSight(t, r.win, c.Message, "the comment's message")

			test.Tap(c.Body)
			boardTypeHan(t, c.Panel.Keyboard, "jian", "建")
			boardTypeHan(t, c.Panel.Keyboard, "yi", "议")
			test.Tap(c.Submit)
			require.True(t, c.Done)
			assertInSight(t, r.win, c.Thanks, "the thanks")
		})
	}
}

// enclosingScroll is the innermost scroll holding o.
func enclosingScroll(t *testing.T, win fyne.Window, o fyne.CanvasObject) *container.Scroll {
	t.Helper()
	var s *container.Scroll
	for _, p := range pathTo(win.Canvas().Content(), o) {
		if sc, ok := p.(*container.Scroll); ok {
			s = sc
		}
	}
	require.NotNil(t, s)
	return s
}

func TestRegisterStepErrorsAreInSight(t *testing.T) {
	for _, sz := range revealSizes {
		t.Run(sz.name, func(t *testing.T) {
			r := newRegRig(t, regNow, sz.size)
			r.k.SetElder(sz.elder)
			s := regOpenDB(t, r)
			test.Tap(s.NextButton) // 同意
			s = r.step(t, kiosk.RegisterField)
			regKeys(t, s.Panel.Keypad, "3")
			test.Tap(s.NextButton)
			s = r.step(t, kiosk.RegisterField)
			regKeys(t, s.Panel.Keypad, "1250")
			test.Tap(s.Panel.Keypad.Done)
			s = r.step(t, kiosk.RegisterField)
			require.Equal(t, "reasons", s.Field.Key)
			test.Tap(s.NextButton)
			require.Equal(t, "请选择主要困难原因。", s.Error.Text)
			assertInSight(t, r.win, s.Error, "the reasons' message")

			choose(t, s, "因病")
			test.Tap(s.NextButton)
			s = r.step(t, kiosk.RegisterField)
			choose(t, s, "本人申请")
			test.Tap(s.NextButton)
			s = r.step(t, kiosk.RegisterName)
			regPinyin(t, s.Panel.Keyboard, "zhang", "张")
			test.Tap(s.NextButton)
			require.Contains(t, s.Error.Text, "姓名至少应有2个字")
			assertInSight(t, r.win, s.Error, "the name's message")
		})
	}
}

// TestScreensScrollByFinger drags the kiosk's long screens as a finger
// does (fyne's test.Drag finds the Draggable the driver would): a guide,
// the guide list of a category, and a press that trembles still opens a
// guide.
func TestScreensScrollByFinger(t *testing.T) {
	r := newRigWith(t, kiosk.Options{}, sampleCatalog(t))
	d := openGuide(t, r, "最低生活保障申请")
	relayout(r.win.Content())
	mid := fyne.CurrentApp().Driver().AbsolutePositionForObject(d.Scroll).Add(fyne.NewPos(d.Scroll.Size().Width/2, d.Scroll.Size().Height*3/4))
	test.Drag(r.win.Canvas(), mid, 0, -200)
	assert.Equal(t, float32(200), d.Scroll.Offset.Y, "the guide follows the finger")
	test.Drag(r.win.Canvas(), mid, 0, 150)
	assert.Equal(t, float32(50), d.Scroll.Offset.Y)

	r.k.Nav.Home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	g := current[*kiosk.Guides](t, r)
	test.Type(g.Search, "申请")
	r.timers.Fire()
	require.Greater(t, len(g.Results.Items), 3)
	relayout(r.win.Content())
	list := g.Results.List
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(list).Add(fyne.NewPos(list.Size().Width/2, 30))
	test.Drag(r.win.Canvas(), at, 3, 5) // a trembling press on the first row
	det := current[*kiosk.Detail](t, r)
	assert.Equal(t, g.Results.Items[0].Name, det.Item.Name, "a press that moved a little opens the row")
}

// TestComplainDonePrintStatusIsInSight: 打印回执 on a filed complaint says
// how it went where the resident sees it; the message sits under the
// cards and was below the fold at 1280×800 (seen on the real screen).
func TestComplainDonePrintStatusIsInSight(t *testing.T) {
	for _, sz := range revealSizes {
		t.Run(sz.name, func(t *testing.T) {
			r := trackRigAt(t, sz.size, sz.elder)
			rc, err := r.store.FileComplaint(context.Background(), data.NewComplaint{Channel: "kiosk",
				About: data.AboutOther, Body: "等候区座位太少了"})
			require.NoError(t, err)
			p := &regPrinter{Name: "kiosk", Err: paper.ErrNoCUPS}
			tr := kiosk.NewTracker(r.store, kiosk.TrackerOptions{BaseURL: trackBase, Printer: p})
			d := kiosk.NewComplainDone(r.k.Nav, tr, rc, "其他")
			r.k.Nav.Push(d)
			scroll := enclosingScroll(t, r.win, d.PrintStatus)
			scroll.ScrollToTop()
			test.Tap(d.PrintButton)
			require.Contains(t, d.PrintStatus.Text, "您的投诉已保存")
			assertInSight(t, r.win, d.PrintStatus, "the failure")

			p.Err = nil
			scroll.ScrollToTop()
			test.Tap(d.PrintButton)
			require.Equal(t, "回执已打印，请从打印口取走。", d.PrintStatus.Text)
			assertInSight(t, r.win, d.PrintStatus, "回执已打印")
		})
	}
}
