package acceptance_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/input"
	"bianmin/ui/internal/uitest"
	"bianmin/ui/kiosk"
	"bianmin/ui/paper/papertest"
	"bianmin/ui/staff"
	"bianmin/ui/web"
)

// The rig: one store with the sample catalog, the kiosk and staff mode
// sharing one window as in cmd/bianmin/gui.go (the test driver finds "the"
// canvas of any object by taking the last window made, so two windows
// would misroute focus), both on the rig's clock, with synchronous store
// work, manual timers and recording printers.

const baseURL = "http://192.168.1.20:8080"

// PINs the administrator sets up; every sample staff member gets one.
const (
	adminPIN = datatest.AdminPIN
	clerkPIN = datatest.ClerkPIN
)

var ctx = context.Background()

// timers is a manual AfterFunc: timers fire only when the test says.
type timers = uitest.Timers

// printer keeps every PDF it is asked to print.
type printer struct{ uitest.Printer }

// count is the number of jobs so far.
func (p *printer) count() int { return p.Count() }

// last is the text of the latest job, white space removed.
func (p *printer) last(t *testing.T) string {
	t.Helper()
	return papertest.Words(t, p.Last(t), "-layout")
}

type rig struct {
	s      *data.Store
	now    time.Time
	timers *timers

	w fyne.Window // the one window: the kiosk, or staff mode

	// The kiosk and what it prints (receipts).
	k       *kiosk.Kiosk
	tracker *kiosk.Tracker
	kp      *printer

	// Staff mode and what it prints (notices, forms, lists).
	d  *staff.Desk
	sp *printer

	ids map[string]int64 // staff id by name
	web *web.Server
}

// newRig opens the store at now with the sample catalog, gives every sample
// staff member a PIN (张建华 the administrator's, the others the clerks'),
// and builds the kiosk and the desk on it.
func newRig(t *testing.T, now time.Time) *rig {
	t.Helper()
	uitest.NewApp(t)
	r := &rig{now: now, timers: &timers{}, kp: &printer{}, sp: &printer{}}
	clock := func() time.Time { return r.now }
	s := datatest.Open(t, clock)
	datatest.SeedNew(t, s) // as cli.OpenSeeded seeds a new data file
	r.s = s
	r.ids = datatest.StaffIDs(t, s)
	var clerks []string
	for name := range r.ids {
		if name != "张建华" {
			clerks = append(clerks, name)
		}
	}
	datatest.SetPINs(t, s, r.ids, "张建华", clerks...)

	// The kiosk, as main wires it.
	r.w = test.NewTempWindow(t, nil)
	r.w.Resize(fyne.NewSize(1280, 800))
	r.k = kiosk.New(s, r.w, kiosk.Options{
		BaseURL: baseURL, Printer: r.kp, Now: clock, Run: func(f func()) { f() }, After: r.timers.After,
	})
	r.tracker = r.k.Tracker

	// Staff mode; leaving it puts the kiosk back, reset, as main does.
	r.d = staff.New(s, r.w, staff.Options{Context: ctx, Now: clock, Run: func(f func()) { f() },
		After: r.timers.After, Printer: r.sp, BaseURL: baseURL, BackupDir: t.TempDir()})
	r.d.OnExit = r.showKiosk
	r.showKiosk()

	r.web = web.New(s, web.DefaultLimits)
	return r
}

// showKiosk puts the kiosk on the window, reset to its home screen.
func (r *rig) showKiosk() {
	r.w.SetContent(r.k.Content())
	r.k.Reset()
}

// showStaff puts staff mode on the window (main does it after the center's
// name is held for three seconds).
func (r *rig) showStaff() {
	r.w.SetContent(r.d.Content())
}

// login signs name in at the desk by taps on the PIN pad (signing out
// whoever was there first).
func (r *rig) login(t *testing.T, name string) data.Session {
	t.Helper()
	if _, ok := r.d.Session(); ok {
		test.Tap(r.d.ExitButton)
	}
	r.showStaff()
	r.d.Open()
	l := r.d.Login
	require.NotNil(t, l)
	if l.Chosen.Name != name {
		found := false
		for i, c := range l.Staff {
			if c.Name == name {
				test.Tap(l.Choices[i])
				found = true
			}
		}
		require.True(t, found, "no sign-in button for %s", name)
	}
	pin := clerkPIN
	if name == "张建华" {
		pin = adminPIN
	}
	for _, c := range pin {
		test.Tap(l.Keypad.Digit(int(c - '0')))
	}
	test.Tap(l.Keypad.Done)
	s, ok := r.d.Session()
	require.True(t, ok, "signed in as %s: %s", name, l.Message.Text)
	return s
}

// admin signs the administrator in and opens 管理 at section.
func (r *rig) admin(t *testing.T, section string) *staff.Admin {
	t.Helper()
	r.login(t, "张建华")
	test.Tap(r.d.AdminButton)
	require.NotNil(t, r.d.Admin)
	r.d.Admin.Show(section)
	return r.d.Admin
}

// item is the sample item with code.
func (r *rig) item(t *testing.T, code string) data.Item {
	t.Helper()
	return datatest.Item(t, r.s, code)
}

// windowID is the id of the window with code.
func (r *rig) windowID(t *testing.T, code string) int64 {
	t.Helper()
	return datatest.WindowID(t, r.s, code)
}

func (r *rig) detail(t *testing.T, id int64) data.RequestDetail {
	t.Helper()
	det, err := r.s.RequestDetail(ctx, id)
	require.NoError(t, err)
	return det
}

// drawn is every string drawn on w, dialogs included, without line breaks.
func drawn(w fyne.Window) string { return uitest.Flat(w.Canvas()) }

// at is the kiosk's current screen, which must be an S.
func at[S kiosk.Screen](t *testing.T, r *rig) S {
	t.Helper()
	s, ok := r.k.Nav.Current().(S)
	require.Truef(t, ok, "current kiosk screen is %T", r.k.Nav.Current())
	return s
}

// validID makes a valid resident ID number for a birth date (yyyymmdd).
func validID(birth string, seq int) string {
	body := "610202" + birth + fmt.Sprintf("%03d", seq)
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i, c := range body {
		sum += int(c-'0') * w[i]
	}
	return body + string("10X98765432"[sum%11])
}

// resident is what a resident answers at the kiosk.
type resident struct {
	Name    []string          // pairs of pinyin and character: "zhao", "赵", …
	Phone   string            // on the keypad
	ID      string            // on the keypad (X included)
	Fields  map[string]string // intake field key → answer; options joined by "|"; dates as yyyy-mm-dd
	Brought []string          // material names ticked
	Help    string            // the 协助/代为 option's text; "" for 不需要
}

// name is the resident's name in characters.
func (p resident) name() string {
	var b strings.Builder
	for i := 1; i < len(p.Name); i += 2 {
		b.WriteString(p.Name[i])
	}
	return b.String()
}

// keys taps digits (and X) on the keypad.
func keys(t *testing.T, kp *input.Keypad, s string) { t.Helper(); uitest.Keys(t, kp, s) }

// pinyin types one character on the pinyin keyboard: its letters, then the
// candidate, paging to it.
func pinyin(t *testing.T, kb *input.Keyboard, letters, char string) {
	t.Helper()
	uitest.Pinyin(t, kb, letters, char)
}

func choose(t *testing.T, s *kiosk.RegisterStep, text string) {
	t.Helper()
	for _, c := range s.Choices {
		if c.Text == text {
			test.Tap(c)
			return
		}
	}
	var have []string
	for _, c := range s.Choices {
		have = append(have, c.Text)
	}
	t.Fatalf("no option %q on step %q: %v", text, s.Question.Text, have)
}

// kioskRegister walks the kiosk's 自助登记 for the item by touch: home →
// 自助登记 → its category → the item, every step answered as p says, the
// review checked and submitted; it prints the receipt and returns the
// receipt screen's receipt.
func (r *rig) kioskRegister(t *testing.T, code string, p resident) data.Receipt {
	t.Helper()
	it := r.item(t, code)
	r.showKiosk()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureRegister])
	pick := at[*kiosk.RegisterPicker](t, r)
	require.True(t, pick.Hours.Open(), "office hours at %v", r.now)
	i := slices.IndexFunc(pick.CategoryTiles, func(tile *kiosk.Tile) bool { return tile.Title == it.Category })
	require.GreaterOrEqual(t, i, 0, "category %s", it.Category)
	test.Tap(pick.CategoryTiles[i])
	c := at[*kiosk.RegisterCategory](t, r)
	i = slices.IndexFunc(c.Items.Items, func(s data.ItemSummary) bool { return s.ID == it.ID })
	require.GreaterOrEqual(t, i, 0, "item %s", it.Name)
	c.Items.List.Select(i)

	for range 40 {
		switch s := r.k.Nav.Current().(type) {
		case *kiosk.RegisterStep:
			r.answer(t, s, p)
		case *kiosk.RegisterReview:
			text := drawn(r.w)
			assert.Contains(t, text, it.Name)
			assert.Contains(t, text, p.name(), "the review shows the name in full")
			assert.NotContains(t, text, p.ID, "nor the whole ID number")
			test.Tap(s.SubmitButton)
			require.NotSame(t, s, r.k.Nav.Current(), "submitted: %s", s.Error.Text)
		case *kiosk.RegisterReceipt:
			before := r.kp.count()
			if !s.PrintButton.Disabled() {
				test.Tap(s.PrintButton)
			}
			require.Equal(t, before+1, r.kp.count(), "the receipt printed: %s", s.PrintStatus.Text)
			rc := s.Receipt
			test.Tap(r.k.HomeButton)
			return rc
		default:
			t.Fatalf("unexpected kiosk screen %T", s)
		}
	}
	t.Fatalf("registration of %s did not end", it.Name)
	return data.Receipt{}
}

// answer fills one registration step and goes on.
func (r *rig) answer(t *testing.T, s *kiosk.RegisterStep, p resident) {
	t.Helper()
	switch s.Kind {
	case kiosk.RegisterConsent:
	case kiosk.RegisterField:
		v := p.Fields[s.Field.Key]
		switch {
		case v == "":
			// optional and left out: 跳过
		case s.Field.Kind == data.KindDate:
			y, m, d := v[:4], strings.TrimLeft(v[5:7], "0"), strings.TrimLeft(v[8:10], "0")
			if s.FromID {
				// Filled from the ID number already: the resident
				// types their own date over it, as one would change it.
				for _, e := range []*input.Entry{s.Year, s.Month, s.Day} {
					e.SetText("")
				}
				r.w.Canvas().Focus(&s.Year.Entry)
			}
			kp := s.Panel.Keypad
			require.Same(t, &s.Year.Entry, kp.Target())
			keys(t, kp, y)
			test.Tap(kp.Done)
			keys(t, kp, m)
			test.Tap(kp.Done)
			keys(t, kp, d)
		case s.Field.Kind == data.KindNumber:
			keys(t, s.Panel.Keypad, v)
		case s.Field.Kind == data.KindSingle || s.Field.Kind == data.KindMulti:
			for _, o := range strings.Split(v, "|") {
				choose(t, s, o)
			}
		default:
			test.Type(s.Entry, v)
		}
	case kiosk.RegisterName:
		for i := 0; i+1 < len(p.Name); i += 2 {
			pinyin(t, s.Panel.Keyboard, p.Name[i], p.Name[i+1])
		}
	case kiosk.RegisterPhone:
		keys(t, s.Panel.Keypad, p.Phone)
	case kiosk.RegisterID:
		keys(t, s.Panel.Keypad, p.ID)
	case kiosk.RegisterDescription:
	case kiosk.RegisterMaterials:
		for _, m := range p.Brought {
			choose(t, s, m)
		}
	case kiosk.RegisterHelp:
		h := p.Help
		if h == "" {
			h = "不需要，我自己办理"
		}
		choose(t, s, h)
	}
	test.Tap(s.NextButton)
	require.NotSame(t, s, r.k.Nav.Current(), "step %q went on: %s", s.Question.Text, s.Error.Text)
}

// openRequest opens the request in the desk from the queue's tab.
func (r *rig) openRequest(t *testing.T, id int64, group data.QueueGroup) *staff.Request {
	t.Helper()
	r.showStaff()
	r.d.ShowQueue()
	q := r.d.Queue
	require.NotNil(t, q)
	q.SetGroup(group)
	for _, row := range q.Rows {
		if row.Row.ID == id {
			test.Tap(row)
			require.NotNil(t, r.d.Request)
			require.Equal(t, id, r.d.Request.ID)
			return r.d.Request
		}
	}
	t.Fatalf("request %d not on the queue's %s tab", id, group)
	return nil
}

// act opens a step's dialog; fill fills its fields (the step's form
// type); 确定 must close it.
func act[T staff.StepForm](t *testing.T, req *staff.Request, a data.Action, fill func(f T)) {
	t.Helper()
	require.Contains(t, req.Actions, a, "the %s button is offered", a)
	test.Tap(req.Actions[a])
	f := req.Form
	require.NotNil(t, f)
	if fill != nil {
		step, ok := f.Step.(T)
		require.True(t, ok, "%s: the form is a %T", a, f.Step)
		fill(step)
	}
	test.Tap(f.Submit)
	require.Nil(t, req.Form, "%s: %s", a, f.Error.Text)
}

// printNotice prints the pending notice of kind and returns its text.
func (r *rig) printNotice(t *testing.T, req *staff.Request, kind string) string {
	t.Helper()
	require.NotNil(t, req.Notice, "a notice is pending")
	require.Equal(t, kind, req.Notice.Kind())
	before := r.sp.count()
	test.Tap(req.PrintButton)
	require.Equal(t, before+1, r.sp.count(), req.PrintStatus.Text)
	assert.Equal(t, "已送往打印机，请取纸。", req.PrintStatus.Text)
	return r.sp.last(t)
}

// statusPage is the phone status page of the request's token.
func (r *rig) statusPage(t *testing.T, token string) string {
	t.Helper()
	rec := httptest.NewRecorder()
	r.web.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/r/"+token, nil))
	res := rec.Result()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, res.StatusCode, string(b))
	return string(b)
}

// kioskTrack looks the request up at the kiosk's 进度查询 by typing its
// receipt number and query code, and returns the result screen's text.
func (r *rig) kioskTrack(t *testing.T, rc data.Receipt) (*kiosk.TrackResult, string) {
	t.Helper()
	r.showKiosk()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
	s := at[*kiosk.Track](t, r)
	f := s.Form
	test.Tap(f.Number)
	require.Same(t, f.Number, f.Panel.Active())
	digits := strings.ReplaceAll(rc.ReceiptNo[strings.Index(rc.ReceiptNo, "-")+1:], "-", "")
	keys(t, f.Panel.Keypad, digits)
	test.Tap(f.Panel.Keypad.Done)
	require.Same(t, f.Code, f.Panel.Active())
	for _, c := range rc.QueryCode {
		if c >= '0' && c <= '9' {
			test.Tap(f.Panel.Keyboard.Digit(int(c - '0')))
			continue
		}
		test.Tap(f.Panel.Keyboard.Letter(c))
	}
	test.Tap(f.Panel.Keyboard.Done)
	res := at[*kiosk.TrackResult](t, r)
	return res, drawn(r.w)
}
