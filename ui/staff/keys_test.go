package staff_test

import (
	"time"

	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/staff"
)

// rectOf is o's place in the window.
func rectOf(o fyne.CanvasObject) (fyne.Position, fyne.Size) {
	return fyne.CurrentApp().Driver().AbsolutePositionForObject(o), o.Size()
}

// assertApart checks that the panel and the entry do not overlap and that
// the entry lies inside the window.
func assertApart(t *testing.T, w fyne.Window, panel *input.Panel, e fyne.CanvasObject) {
	t.Helper()
	pp, ps := rectOf(panel)
	ep, es := rectOf(e)
	require.Positive(t, ps.Height, "the panel is open")
	overlap := ep.X < pp.X+ps.Width && pp.X < ep.X+es.Width && ep.Y < pp.Y+ps.Height && pp.Y < ep.Y+es.Height
	assert.False(t, overlap, "panel %v+%v covers entry %v+%v", pp, ps, ep, es)
	win := w.Canvas().Size()
	assert.True(t, ep.Y >= 0 && ep.Y+es.Height <= win.Height, "entry %v+%v in the window %v", ep, es, win)
	assert.True(t, pp.Y+ps.Height <= win.Height+1, "panel %v+%v in the window %v", pp, ps, win)
}

// touch does what a finger on an entry does on the desktop driver: the
// press focuses it (Entry.MouseDown), then the tap; then the desk's
// keyboard looks at the focus, as its timer does.
func touch(r *rig, e *widget.Entry) {
	r.w.Canvas().Focus(e)
	test.Tap(e)
	r.d.Keys.Check()
}

// typePinyin taps letters on the keyboard and the candidate want.
func typePinyin(t *testing.T, kb *input.Keyboard, letters, want string) {
	t.Helper()
	for _, c := range letters {
		test.Tap(kb.Letter(c))
	}
	for i, c := range kb.Candidates() {
		if c == want {
			test.Tap(kb.Candidate(i))
			return
		}
	}
	t.Fatalf("%s not offered for %s: %v", want, letters, kb.Candidates())
}

// TestStaffDialogKeyboard: in the 不予受理 dialog, focusing the reason
// shows the pinyin keyboard inside the dialog, below the form, not over
// the field; its keys type Chinese into the reason through the candidates,
// and a physical keyboard still types too.
func TestStaffDialogKeyboard(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerLXBT(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	test.Tap(req.Actions[data.ActRefuse])
	require.NotNil(t, req.Form)
	rf := req.Form.Step.(*staff.RefuseForm)
	assert.Nil(t, r.d.Keys.Serving(), "no keyboard before a field is touched")

	touch(r, rf.Reason)
	p := r.d.Keys.Serving()
	require.NotNil(t, p, "touching the reason opens a keyboard")
	assert.NotSame(t, r.d.Keys.Panel, p, "the dialog's own, not the window's under the dialog")
	assert.Same(t, rf.Reason, p.Field())
	assert.Equal(t, input.Pinyin, p.Keyboard.Mode())
	assertApart(t, r.w, p, rf.Reason)

	typePinyin(t, p.Keyboard, "bufu", "不符")
	typePinyin(t, p.Keyboard, "tiaojian", "条件")
	assert.Equal(t, "不符条件", rf.Reason.Text)
	test.Type(rf.Reason, "。")
	assert.Equal(t, "不符条件。", rf.Reason.Text, "a physical keyboard still types")

	// Another field of the same dialog: the same panel serves it.
	touch(r, rf.Basis)
	assert.Same(t, p, r.d.Keys.Serving())
	assert.Same(t, rf.Basis, p.Field())
	assertApart(t, r.w, p, rf.Basis)
	typePinyin(t, p.Keyboard, "jzz", "居住证")
	assert.Equal(t, "居住证", rf.Basis.Text)

	// Closing the dialog closes its keyboard.
	test.Tap(req.Form.Cancel)
	r.d.Keys.Check()
	assert.Nil(t, r.d.Keys.Serving())
}

// TestStaffScreenKeyboard: a field of a staff screen (walk-in intake)
// gets the window's panel below the screen; the phone field gets the
// keypad.
func TestStaffScreenKeyboard(t *testing.T) {
	r := newRig(t, true)
	r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.IntakeButton)
	in := r.d.Intake
	require.NotNil(t, in)
	in.SelectItem("城乡居民基本养老保险参保登记")
	require.NotNil(t, in.Phone)

	touch(r, in.Phone)
	p := r.d.Keys.Serving()
	require.NotNil(t, p)
	assert.Same(t, r.d.Keys.Panel, p)
	assert.Same(t, in.Phone, p.Keypad.Target(), "a phone number gets the keypad")
	assert.Nil(t, p.Keyboard.Target())
	test.Tap(p.Keypad.Digit(1))
	test.Tap(p.Keypad.Digit(3))
	assert.Equal(t, "13", in.Phone.Text)
	assertApart(t, r.w, p, in.Phone)

	touch(r, in.Name)
	assert.Same(t, in.Name, p.Keyboard.Target(), "a name gets the pinyin keyboard")
	assert.Nil(t, p.Keypad.Target())
	typePinyin(t, p.Keyboard, "zhang", "张")
	assert.Equal(t, "张", in.Name.Text)
	assertApart(t, r.w, p, in.Name)
}

// TestStaffLoginKeepsItsKeypad: the PIN step has its keypad beside the
// field; no second one opens below.
func TestStaffLoginKeepsItsKeypad(t *testing.T) {
	r := newRig(t, true)
	l := r.d.Login
	require.NotNil(t, l)
	for _, b := range l.Choices {
		if b.Text == "王丽娟" {
			test.Tap(b)
		}
	}
	touch(r, l.PIN)
	assert.Nil(t, r.d.Keys.Serving())
}

// TestStaffNumberFieldsKeypad: the whole-number fields of the center
// profile (投诉办理时限, 自助机无操作返回首页) and of the item editor
// (承诺期限, 法定期限, 到现场次数) get the keypad; the pinyin keyboard has no
// digits on it, so staff had to hunt for them under 符号.
func TestStaffNumberFieldsKeypad(t *testing.T) {
	r, o := orgRig(t, staff.OrgPartCenter)
	f := o.Center
	require.NotNil(t, f)
	for _, e := range []*widget.Entry{f.ComplaintDays, f.IdleSeconds} {
		touch(r, e)
		p := r.d.Keys.Serving()
		require.NotNil(t, p)
		assert.Same(t, e, p.Keypad.Target(), "a number gets the keypad")
		assert.Nil(t, p.Keyboard.Target())
	}
	touch(r, f.Name)
	p := r.d.Keys.Serving()
	require.NotNil(t, p)
	assert.Same(t, f.Name, p.Keyboard.Target(), "a name still gets the pinyin keyboard")

	r.d.Admin.Show(staff.SectionItems)
	s := r.d.Admin.Items
	require.NotNil(t, s)
	e := editItem(t, s, "城乡居民基本养老保险参保登记")
	e.Tabs.SelectIndex(staff.ItemTabHandling)
	for _, n := range []*widget.Entry{e.PromisedDays, e.LegalDays, e.Trips} {
		touch(r, n)
		p := r.d.Keys.Serving()
		require.NotNil(t, p)
		assert.Same(t, n, p.Keypad.Target(), "a number gets the keypad")
	}
}

// assertWholeInScroll checks that e shows whole in the viewport of the
// innermost scroll holding it in the window's top overlay.
func assertWholeInScroll(t *testing.T, r *rig, e fyne.CanvasObject, what string) {
	t.Helper()
	var scroll *container.Scroll
	for _, o := range r.w.Canvas().Overlays().List() {
		for _, x := range objectPath(o, e) {
			if s, ok := x.(*container.Scroll); ok {
				scroll = s
			}
		}
	}
	require.NotNil(t, scroll, "%s scrolls in the dialog", what)
	assertWholeIn(t, scroll, e, what)
}

// assertWholeIn checks that e shows whole in scroll's viewport.
func assertWholeIn(t *testing.T, scroll *container.Scroll, e fyne.CanvasObject, what string) {
	t.Helper()
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(e).Y - d.AbsolutePositionForObject(scroll).Y
	assert.GreaterOrEqual(t, top, float32(0), "%s: top in sight", what)
	assert.LessOrEqual(t, top+e.Size().Height, scroll.Size().Height, "%s: bottom in sight (scroll %v)", what, scroll.Size())
}

// TestStaffDialogKeyboardKeepsTheFieldInSight: the keyboard a dialog's
// field opens makes the dialog taller by its height (as far as the window
// goes) instead of taking the form's room: in the short 上报结果 dialog on
// the real screen the field being typed into showed as a sliver of its
// bottom border above the keys.
func TestStaffDialogKeyboardKeepsTheFieldInSight(t *testing.T) {
	r := newRig(t, true)
	rc := r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	r.accept(t, req, data.ModeUpper)
	test.Tap(req.Actions[data.ActEscalate])
	req.Form.Step.(*staff.EscalateForm).Department.SetText("区社保中心")
	test.Tap(req.Form.Submit)
	require.Nil(t, req.Form)
	test.Tap(req.Actions[data.ActUpperResult])
	require.NotNil(t, req.Form)
	u := req.Form.Step.(*staff.UpperResultForm)
	pop := r.w.Canvas().Overlays().Top().(*widget.PopUp)
	before := pop.Content.Size().Height
	touch(r, u.Text)
	relayoutAll(r.w)
	panel := r.d.Keys.Serving()
	require.NotNil(t, panel)
	room := r.w.Canvas().Size().Height - 2*fynetheme.Padding()
	assert.GreaterOrEqual(t, pop.Content.Size().Height, min(before+panel.MinSize().Height, room)-1,
		"the dialog grows by the keys (%v before, keys %v)", before, panel.MinSize())
	assertWholeInScroll(t, r, u.Text, "the upper department's result")
	typePinyin(t, panel.Keyboard, "tongguo", "通过")
	assert.Equal(t, "通过", u.Text.Text)
}

// relayoutAll lays out the window and its overlays as the next frame would.
func relayoutAll(w fyne.Window) {
	c := w.Canvas()
	for _, o := range c.Overlays().List() {
		o.Resize(c.Size())
	}
	w.Content().Refresh()
}

// assertAboveKeys checks that the window's panel is open for e and that e
// shows whole in the room left above the keys: inside the viewport of
// the innermost scroll that holds it, and not under the panel.
func assertAboveKeys(t *testing.T, r *rig, e *widget.Entry, what string) {
	t.Helper()
	relayoutAll(r.w)
	p := r.d.Keys.Serving()
	require.NotNil(t, p, "%s opens the keyboard", what)
	require.Same(t, r.d.Keys.Panel, p, "%s: the window's panel", what)
	assertApart(t, r.w, p, e)
	var scroll *container.Scroll
	for _, x := range objectPath(r.w.Content(), e) {
		if s, ok := x.(*container.Scroll); ok {
			scroll = s
		}
	}
	require.NotNil(t, scroll, "%s scrolls", what)
	assertWholeIn(t, scroll, e, what)
}

// TestStaffFormsScrollTheFieldAboveTheKeys: in the long scrolled admin
// forms (the item editor in its tabs, the center profile) the field being
// typed into is scrolled into the room left above the keyboard; on the
// real screen the keys covered 上级部门 and the lower office-hours lines
// and staff typed blind.
func TestStaffFormsScrollTheFieldAboveTheKeys(t *testing.T) {
	r, o := orgRig(t, staff.OrgPartCenter)
	f := o.Center
	require.NotNil(t, f)
	for _, e := range []*widget.Entry{f.Hours[time.Saturday], f.Hours[time.Sunday], f.Remedy, f.Name} {
		touch(r, e)
		assertAboveKeys(t, r, e, "center form field "+e.PlaceHolder)
	}

	r.d.Admin.Show(staff.SectionItems)
	s := r.d.Admin.Items
	require.NotNil(t, s)
	e := editItem(t, s, "城乡居民基本养老保险参保登记")
	for _, n := range []*widget.Entry{e.Upper, e.Phone, e.Summary, e.Name} {
		touch(r, n)
		assertAboveKeys(t, r, n, "item editor field "+n.PlaceHolder)
	}
	e.Tabs.SelectIndex(staff.ItemTabHandling)
	for _, n := range []*widget.Entry{e.Special, e.FeeBasis} {
		touch(r, n)
		assertAboveKeys(t, r, n, "item editor handling field "+n.PlaceHolder)
	}
}

// tapKeys taps the keypad's keys for s: digits, and "-", ":" and " "
// on the keys a date or times of day show.
func tapKeys(t *testing.T, k *input.Keypad, s string) {
	t.Helper()
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			test.Tap(k.Digit(int(c - '0')))
		case c == '-' && k.Dash.Visible():
			test.Tap(k.Dash)
		case c == '-' && k.To.Visible():
			test.Tap(k.To)
		case c == ':' && k.Colon.Visible():
			test.Tap(k.Colon)
		case c == ' ' && k.Space.Visible():
			test.Tap(k.Space)
		default:
			t.Fatalf("the keypad has no key for %q", c)
		}
	}
}

// TestStaffDateAndHoursFieldsKeypad: the day of a step form (暂停计时's
// restart day, 上报's dates) gets the keypad with "-", and an office-hours
// line the keypad with ":", "-" and 空格; on the pinyin keyboard staff
// could not find the digits, and on the plain keypad not "-" or ":".
func TestStaffDateAndHoursFieldsKeypad(t *testing.T) {
	r := newRig(t, true)
	req, _ := r.acceptedYL(t)
	test.Tap(req.Actions[data.ActPause])
	require.NotNil(t, req.Form)
	step := req.Form.Step.(*staff.PauseForm)
	touch(r, step.Restart)
	p := r.d.Keys.Serving()
	require.NotNil(t, p)
	assert.Same(t, step.Restart, p.Keypad.Target(), "a day gets the keypad")
	assert.Nil(t, p.Keyboard.Target())
	assert.True(t, p.Keypad.Dash.Visible(), "with -")
	assert.False(t, p.Keypad.Colon.Visible())
	tapKeys(t, p.Keypad, "2026-03-20")
	assert.Equal(t, "2026-03-20", step.Restart.Text)
	assert.Contains(t, step.Restart.PlaceHolder, "2026-03-20", "the hint shows what the keys type")

	r2, o := orgRig(t, staff.OrgPartCenter)
	f := o.Center
	require.NotNil(t, f)
	h := f.Hours[time.Saturday]
	touch(r2, h)
	p = r2.d.Keys.Serving()
	require.NotNil(t, p)
	assert.Same(t, h, p.Keypad.Target(), "an office-hours line gets the keypad")
	assert.True(t, p.Keypad.Colon.Visible() && p.Keypad.To.Visible() && p.Keypad.Space.Visible(), "with :, - and 空格")
	assert.False(t, p.Keypad.Dash.Visible())
	h.SetText("")
	tapKeys(t, p.Keypad, "08:30-12:00 14:30-17:30")
	assert.Equal(t, "08:30-12:00 14:30-17:30", h.Text)
	got, err := data.ParseDayHours(time.Saturday, h.Text)
	require.NoError(t, err)
	assert.Len(t, got, 2)
}
