package staff_test

import (
	"context"
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/locale"
	"bianmin/ui/staff"
	bmtouch "bianmin/ui/touch"
)

// TestEnglishStaffShowsNoChinese builds the staff screens in English — the
// sign-in (with a wrong PIN's refusal, which is data's message), every
// queue tab, a request's detail, the form of every handling
// step and every administration section — and fails on any Han character
// in their interface text. Data (names, item names, guide texts, what was
// typed and stored) stays as it was entered: every text held in the data
// file is taken out of what is shown before looking.
func TestEnglishStaffShowsNoChinese(t *testing.T) {
	r := newRigIn(t, locale.English, true, nil)
	t.Cleanup(func() { _ = locale.Use(locale.Chinese) })
	rc := r.registerYL(t)
	check := func(where string) {
		t.Helper()
		words := append(chineseExamples(), storedTexts(t, r.s)...) // and what the steps so far stored
		for _, s := range shownTexts(r.w) {
			if rest := withoutData(s, words); hasHan(rest) {
				t.Errorf("%s shows Chinese interface text: %q", where, s)
			}
		}
	}
	check("sign-in")
	r.typePIN(t, "张建华", "80808080") // wrong: data's refusal, in English
	require.Equal(t, "The PIN is not correct. Please enter it again.", r.d.Login.Message.Text)
	check("sign-in, wrong PIN")
	r.login(t, "张建华", adminPIN)
	check("queue")
	for _, g := range data.QueueGroups {
		r.d.Queue.SetGroup(g)
		check("queue tab " + string(g))
	}
	req := r.openNew(t, rc)
	check("request detail")
	for _, a := range data.Actions {
		req.OpenAction(a)
		require.NotNil(t, req.Form, a)
		check("form " + string(a))
		test.Tap(req.Form.Cancel)
	}
	r.accept(t, req, data.ModePromise)
	check("accepted request")
	r.d.ShowIntake()
	check("intake")
	r.d.ShowAdmin()
	require.NotNil(t, r.d.Admin)
	sections := make([]string, 0, len(r.d.Admin.Tabs))
	for s := range r.d.Admin.Tabs {
		sections = append(sections, s)
	}
	sort.Strings(sections)
	for _, s := range sections {
		r.d.Admin.Show(s)
		check("admin " + s)
		if open, ok := adminDialogs[s]; ok {
			form := open(r.d.Admin)
			require.NotNil(t, form, s)
			check("admin " + s + " dialog")
			test.Tap(form.Cancel)
		}
	}
	cr, err := r.s.FileComplaint(context.Background(), data.NewComplaint{Channel: "kiosk", About: data.AboutStaff,
		StaffID: r.ids["王丽娟"], Body: "窗口工作人员态度冷淡，问了三遍才回答。"})
	require.NoError(t, err)
	r.d.Admin.Show(staff.SectionComplaints)
	r.d.Admin.OpenComplaint(cr.ID)
	check("complaint")
	r.d.Admin.Show(staff.SectionDisclosures)
	require.NotEmpty(t, r.d.Admin.Disclosures.Public)
	r.d.Admin.Disclosures.Open(r.d.Admin.Disclosures.Public[0].Code)
	check("disclosure")
	r.d.Admin.Show(staff.SectionOrg)
	parts := make([]string, 0, len(r.d.Admin.Org.Tabs))
	for p := range r.d.Admin.Org.Tabs {
		parts = append(parts, p)
	}
	sort.Strings(parts)
	for _, p := range parts {
		r.d.Admin.Org.Show(p)
		check("org " + p)
	}
	r.d.Admin.Show(staff.SectionItems)
	require.NotEmpty(t, r.d.Admin.Items.Rows)
	r.d.Admin.Items.OpenItem(r.d.Admin.Items.Rows[0].Entry.ID)
	check("item editor")
	r.d.Admin.Items.CloseEditor()
	r.d.Admin.Items.OpenNew()
	check("new item editor")
}

// adminDialogs opens the new-entry dialog of an administration section.
var adminDialogs = map[string]func(a *staff.Admin) *staff.FormDialog{
	staff.SectionComplaints: func(a *staff.Admin) *staff.FormDialog {
		a.Complaints.OpenEnter()
		return a.Complaints.EnterForm
	},
	staff.SectionStudy: func(a *staff.Admin) *staff.FormDialog {
		a.Study.OpenAdd()
		return a.Study.AddForm
	},
	staff.SectionAccountability: func(a *staff.Admin) *staff.FormDialog {
		a.Accountability.OpenAdd()
		return a.Accountability.AddForm
	},
}

// chineseExamples are the English hints that show, on purpose, an example
// of the Chinese a field takes (a name, keywords, a search).
func chineseExamples() []string {
	var out []string
	for _, key := range []string{"calendar.edit.nameHint", "items.f.keywordsHint", "items.f.nameHint",
		"items.f.procedureHint", "items.f.resultHint", "items.f.specialHint", "items.f.upperHint",
		"items.m.nameHint", "items.q.labelHint", "items.search.hint", "staff.queue.itemPick.hint"} {
		out = append(out, lang.L(key))
	}
	return out
}

// shownTexts is every text the window shows: its content and overlays,
// walked down to the widgets that show text (whole, before wrapping or
// truncation), with the options of selects and radio groups (shown only
// when open) added.
func shownTexts(w fyne.Window) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			out = append(out, x.Text)
		case *widget.Label:
			out = append(out, x.Text)
		case *widget.Button:
			out = append(out, x.Text)
		case *widget.Check:
			out = append(out, x.Text)
		case *widget.Hyperlink:
			out = append(out, x.Text)
		case *widget.RichText:
			for _, seg := range x.Segments {
				if t, ok := seg.(*widget.TextSegment); ok {
					out = append(out, t.Text)
				}
			}
		case *widget.Select:
			out = append(out, x.PlaceHolder, x.Selected)
			out = append(out, x.Options...)
		case *bmtouch.Select:
			out = append(out, x.PlaceHolder, x.Selected)
			out = append(out, x.Options...)
		case *widget.RadioGroup:
			out = append(out, x.Options...)
		case *widget.CheckGroup:
			out = append(out, x.Options...)
		case *widget.Entry:
			out = append(out, x.PlaceHolder)
		case *widget.Card:
			out = append(out, x.Title, x.Subtitle)
			walk(x.Content)
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		walk(o)
	}
	return out
}

// storedTexts is every text held in the data file, longest first: names,
// item names and guides, what was typed, stored audit and event text.
func storedTexts(t *testing.T, s *data.Store) []string {
	t.Helper()
	seen := map[string]bool{}
	for _, v := range datatest.StoredStrings(t, s) {
		if hasHan(v) {
			addStored(seen, v)
		}
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		if s != "" {
			out = append(out, s)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return utf8.RuneCountInString(b) - utf8.RuneCountInString(a) })
	return out
}

// addStored adds a stored text, line by line, and the strings inside it
// when it is JSON (a request's fields, an item's options).
func addStored(seen map[string]bool, s string) {
	var v any
	if json.Unmarshal([]byte(s), &v) == nil {
		var walk func(v any)
		walk = func(v any) {
			switch x := v.(type) {
			case string:
				addStored(seen, x)
			case []any:
				for _, e := range x {
					walk(e)
				}
			case map[string]any:
				for _, e := range x {
					walk(e)
				}
			}
		}
		if _, ok := v.(string); !ok {
			walk(v)
			return
		}
	}
	for _, line := range strings.Split(s, "\n") {
		seen[strings.TrimSpace(line)] = true
	}
}

// withoutData is s with every stored text taken out.
func withoutData(s string, stored []string) string {
	if !hasHan(s) {
		return s
	}
	for _, w := range stored {
		if strings.Contains(s, w) {
			s = strings.ReplaceAll(s, w, " ")
			if !hasHan(s) {
				return s
			}
		}
	}
	return s
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
