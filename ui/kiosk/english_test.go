package kiosk_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/kiosk"
	"bianmin/ui/locale"
)

// TestEnglishKioskShowsNoChinese opens the kiosk's fixed screens in
// English — home, the guides, the disclosure board with the duty board
// and office hours, self-registration's receipt, tracking (waiting and
// finished), rating, complaints and maintenance — and fails on any Han
// character in their interface text. Data (names, item names, guide and
// notice texts, what was typed and stored) stays as it was entered: every
// text held in the data file is taken out of what is shown before looking.
func TestEnglishKioskShowsNoChinese(t *testing.T) {
	r := newTrackRigIn(t, locale.English, nil)
	ctx := context.Background()
	waiting := r.register(t, "DB")
	r.waiting(t, waiting.RequestID)
	finished := r.register(t, "YB")
	r.finish(t, finished.RequestID)
	complaint, err := r.store.FileComplaint(ctx, data.NewComplaint{Channel: "kiosk", About: data.AboutWindow,
		WindowID: datatest.WindowID(t, r.store, "2"), Body: "希望窗口多放几把椅子"})
	require.NoError(t, err)

	check := func(where string) {
		t.Helper()
		r.settle()
		assertNoChinese(t, where, r.flat(), kioskData(t, r.store))
	}
	home := func() { r.k.Nav.Home() }

	check("home")
	test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
	check("guides")
	g := trackCurrent[*kiosk.Guides](t, r)
	require.NotEmpty(t, g.Categories)
	test.Tap(g.CategoryTiles[0])
	check("category")
	it := datatest.Item(t, r.store, "DB")
	r.k.Nav.Push(kiosk.NewDetail(r.k.Nav, r.store, kiosk.GuideOptions{}, it.ID))
	check("guide")

	home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	check("disclosure")
	d := trackCurrent[*kiosk.Disclosure](t, r)
	for _, tile := range []*kiosk.Tile{d.StaffTile, d.DutyTile, d.ResultsTile, d.PreviewTile} {
		if tile == nil {
			continue
		}
		test.Tap(tile)
		check("disclosure " + tile.Title)
		r.k.Nav.Back()
	}
	for cat, tile := range d.Tiles {
		test.Tap(tile)
		check("disclosure " + string(cat))
		r.k.Nav.Back()
	}

	home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureRegister])
	check("register picker")
	rc, err := r.store.ReceiptFor(ctx, r.desk(t), waiting.RequestID)
	require.NoError(t, err)
	r.k.Nav.Push(kiosk.NewRegisterReceipt(r.k.Nav, kiosk.RegisterConfig{Store: r.store}, rc))
	check("receipt")

	home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
	check("track")
	for name, token := range map[string]string{"waiting": waiting.Token, "finished": finished.Token} {
		tr, err := r.store.TrackByToken(ctx, token)
		require.NoError(t, err)
		r.k.Nav.Push(kiosk.NewTrackResult(r.k.Nav, r.tracker, tr))
		check("track result " + name)
		if name == "finished" {
			r.k.Nav.Push(kiosk.NewRate(r.k.Nav, r.tracker, tr))
			check("rate")
			r.k.Nav.Push(kiosk.NewRateThanks(data.RatingGood))
			check("rate thanks")
		}
	}
	c, err := r.store.ComplaintByToken(ctx, complaint.Token)
	require.NoError(t, err)
	r.k.Nav.Push(kiosk.NewComplaintView(r.k.Nav, c))
	check("complaint status")

	home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureRate])
	check("rate lookup")
	home()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureComplain])
	check("complain")
	cs := trackCurrent[*kiosk.Complain](t, r)
	for about, tile := range cs.Tiles {
		test.Tap(tile)
		check("complain " + string(about))
		r.k.Nav.Back()
	}
	r.k.Nav.Push(kiosk.NewComplainDone(r.k.Nav, r.tracker, complaint, ""))
	check("complaint filed")

	*r.now = trackNow.Add(11 * time.Hour) // 20:30, closed
	r.k.Reset()
	check("home when closed")
	test.Tap(r.k.Home.Tiles[kiosk.FeatureRegister])
	check("register when closed")
	r.k.EnterMaintenance(data.ErrCorrupt)
	check("maintenance")
}

// TestEnglishRegistrationShowsNoChinese goes through the first steps of
// self-registration in English, as TestEnglishKioskShowsNoChinese does the
// other screens.
func TestEnglishRegistrationShowsNoChinese(t *testing.T) {
	r := newRegRigIn(t, locale.English, regNow, fyne.NewSize(1280, 800))
	check := func(where string) {
		t.Helper()
		assertNoChinese(t, where, r.text(), kioskData(t, r.store.Store))
	}
	s := regOpenDB(t, r)
	check("consent")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	check("number")
	regKeys(t, s.Panel.Keypad, "3")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	regKeys(t, s.Panel.Keypad, "1250")
	test.Tap(s.NextButton)
	s = r.step(t, kiosk.RegisterField)
	check("choice")
	test.Tap(s.NextButton) // nothing chosen: data's message, in English
	s = r.step(t, kiosk.RegisterField)
	require.NotEmpty(t, s.Error.Text)
	require.True(t, strings.HasPrefix(s.Error.Text, "Please choose "), s.Error.Text)
	check("choice not made")
}

// assertNoChinese fails when shown, less the data in words, has a Han
// character, and says where, with the text around it.
func assertNoChinese(t *testing.T, where, shown string, words []string) {
	t.Helper()
	// Without spaces: the kiosk drops the space after a list number.
	shown = withoutCutData(withoutSpace(shown), words)
	for _, w := range words {
		shown = strings.ReplaceAll(shown, w, "")
	}
	i := strings.IndexFunc(shown, isHan)
	if i < 0 {
		return
	}
	from, to := max(i-30, 0), min(i+60, len(shown))
	for !utf8.RuneStart(shown[from]) {
		from++
	}
	for to < len(shown) && !utf8.RuneStart(shown[to]) {
		to++
	}
	t.Errorf("%s shows Chinese interface text: …%s…", where, shown[from:to])
}

// kioskData is every text the data file holds, line by line and with the
// strings inside JSON, longest first, and what the kiosk derives from it
// (the masked applicant name).
func kioskData(t *testing.T, s *data.Store) []string {
	t.Helper()
	seen := map[string]bool{}
	var add func(s string)
	add = func(s string) {
		var v any
		if json.Unmarshal([]byte(s), &v) == nil {
			var walk func(v any)
			walk = func(v any) {
				switch x := v.(type) {
				case string:
					add(x)
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
			walk(v)
			return
		}
		for _, line := range strings.Split(s, "\n") {
			if line = withoutSpace(line); line != "" && strings.IndexFunc(line, isHan) >= 0 {
				seen[line] = true
				seen[data.MaskName(line)] = true
			}
		}
	}
	for _, v := range datatest.StoredStrings(t, s) {
		add(v)
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b string) int {
		return utf8.RuneCountInString(b) - utf8.RuneCountInString(a)
	})
	return out
}

// withoutCutData takes out of shown the data cut short to fit ("六周…"):
// before each ellipsis, the longest text that begins one of words.
func withoutCutData(shown string, words []string) string {
	const cut = "…"
	var b strings.Builder
	for {
		i := strings.Index(shown, cut)
		if i < 0 {
			b.WriteString(shown)
			return b.String()
		}
		from := i
		for j := max(i-600, 0); j < i; j++ {
			if !utf8.RuneStart(shown[j]) || strings.IndexFunc(shown[j:i], isHan) < 0 {
				continue
			}
			if slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, shown[j:i]) }) {
				from = j
				break
			}
		}
		b.WriteString(shown[:from])
		if from == i {
			b.WriteString(cut)
		}
		shown = shown[i+len(cut):]
	}
}

func withoutSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
