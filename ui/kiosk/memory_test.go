package kiosk_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/internal/uitest"
	"bianmin/ui/kiosk"
	"bianmin/ui/locale"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/theme/themetest"
)

// A theme override per row or per screen made Fyne parse the
// CJK font again for every one of them and keep each copy. These tests
// count the font loads Fyne asks of the theme while screens are built and
// drawn: the count must not depend on how many rows a screen has, nor on
// how often it is built.

// manyGuides is testCatalog with n more guides, all found by the search
// "测试事项".
func manyGuides(t testing.TB, n int) *data.Catalog {
	c := testCatalog(t)
	for i := range n {
		c.Items = append(c.Items, data.Item{Code: fmt.Sprintf("T%03d", i), Name: fmt.Sprintf("测试事项%03d", i),
			Category: "医疗保障", Summary: "受理后当场办结", Basis: "《社会保险法》", Conditions: "本地居民",
			Procedure: []string{"提交材料", "领取结果"}, Fee: "不收费", Trips: 1, Mode: data.ModeDirect,
			ItemWindows: data.ItemWindows{LeadWindow: "1"}, Materials: []data.Material{{Name: "居民身份证", Required: true,
				Form: data.FormOriginal, Copies: 1}}})
	}
	return c
}

// browse shows and draws the home screen, the guide list for "测试事项"
// and the first guide, rounds times over, and returns the font loads.
func browse(t *testing.T, guides, rounds int) int {
	r := newRigWith(t, kiosk.Options{}, manyGuides(t, guides))
	r.win.Resize(fyne.NewSize(1080, 1920)) // portrait: more rows in sight
	fonts := themetest.Use(fyne.CurrentApp())
	for i := range rounds {
		// Fonts are loaded as text is drawn: draw the first time and the
		// last, which must load nothing new.
		draw := func() {
			if i == 0 || i == rounds-1 {
				themetest.Draw(r.win)
			}
		}
		r.k.Nav.Home()
		draw()
		test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
		g := current[*kiosk.Guides](t, r)
		test.Type(g.Search, "测试事项")
		r.timers.Fire()
		require.Len(t, g.Results.Items, guides)
		draw()
		g.Results.List.Select(0)
		current[*kiosk.Detail](t, r)
		draw()
	}
	return fonts.Fonts()
}

func TestFontsLoadedOnceWhateverTheRows(t *testing.T) {
	few := browse(t, 5, 1)
	many := browse(t, 50, 1)
	rebuilt := browse(t, 50, 20)
	assert.Equal(t, few, many, "50 guides in the list load no more fonts than 5")
	assert.Equal(t, many, rebuilt, "building the screens 20 times loads no more fonts than once")
	assert.LessOrEqual(t, rebuilt, 4, "one load per text style in use")
}

// discardPrinter prints nothing and keeps nothing.
type discardPrinter struct{ n int }

func (p *discardPrinter) Print(context.Context, []byte, string) (string, error) {
	p.n++
	return "kiosk-" + strconv.Itoa(p.n), nil
}

// newSessionRig is newRegRig with tracking too, and a printer that keeps
// nothing, for a long session of registrations and look-ups.
func newSessionRig(t *testing.T) *regRig {
	t.Helper()
	app := test.NewTempApp(t)
	require.NoError(t, locale.Use(locale.Chinese))
	app.Settings().SetTheme(bmtheme.New(false))
	r := &regRig{timers: &uitest.Timers{}}
	now := regNow
	r.now = &now
	clock := func() time.Time { return *r.now }
	s := datatest.OpenWith(t, clock, regCatalog(t))
	r.store = &regStore{Store: s}
	r.cfg = kiosk.RegisterConfig{Store: r.store, Printer: &discardPrinter{}, BaseURL: regBaseURL}
	r.win = test.NewTempWindow(t, nil)
	r.k = kiosk.New(r.store, r.win, kiosk.Options{
		BaseURL: regBaseURL,
		Printer: r.cfg.Printer,
		Now:     clock,
		Run:     func(f func()) { f() },
		After:   r.timers.After,
	})
	r.win.SetContent(r.k.Content())
	r.win.Resize(fyne.NewSize(1280, 800))
	return r
}

// sessionRound registers by touch from the home screen to the receipt,
// looks the receipt up by its number and query code, and goes home; draw
// draws every screen on the way.
func sessionRound(t *testing.T, r *regRig, draw bool) {
	t.Helper()
	each := func(string) {
		if draw {
			themetest.Draw(r.win)
		}
	}
	rv := regFillDB(t, r, each)
	test.Tap(rv.SubmitButton)
	rc := regAt[*kiosk.RegisterReceipt](t, r)
	each("receipt")
	r.k.Nav.Home()
	r.timers.Fire()

	test.Tap(r.k.Home.Tiles[kiosk.FeatureTrack])
	s := regAt[*kiosk.Track](t, r)
	typeReceipt(t, s.Form, rc.Receipt.ReceiptNo, rc.Receipt.QueryCode)
	res := regAt[*kiosk.TrackResult](t, r)
	require.Equal(t, rc.Receipt.RequestID, res.Tracking.RequestID)
	each("result")
	r.k.Nav.Home()
	r.timers.Fire()
	each("home")
}

// TestLongSessionStaysFlat drives registrations and look-ups through the
// kiosk's screens and checks that the fonts loaded do not grow with the
// number of rounds. With BIANMIN_ROUNDS=N (at least 20) it runs N rounds
// in a child process with Fyne's renderer cache at one second (FYNE_CACHE)
// and also checks that the live heap after the last round is within 20%
// of after round 10, once Fyne dropped what is no longer shown:
//
//	BIANMIN_ROUNDS=500 CGO_ENABLED=0 go test ./ui/kiosk/ -run LongSession -v -timeout 60m
func TestLongSessionStaysFlat(t *testing.T) {
	rounds, heap := 4, false
	if s := os.Getenv("BIANMIN_ROUNDS"); s != "" {
		n, err := strconv.Atoi(s)
		require.NoError(t, err)
		rounds, heap = max(n, 20), true
		if os.Getenv("FYNE_CACHE") == "" { // Fyne reads it as the process starts
			cmd := exec.Command(os.Args[0], "-test.run=^TestLongSessionStaysFlat$", "-test.v", "-test.count=1")
			cmd.Env = append(os.Environ(), "FYNE_CACHE=1s")
			out, err := cmd.CombinedOutput()
			t.Log(string(out))
			require.NoError(t, err)
			return
		}
	}
	r := newSessionRig(t)
	fonts := themetest.Use(fyne.CurrentApp())
	var heapWarm uint64
	var fontsWarm int
	for i := 1; i <= rounds; i++ {
		*r.now = regNow.Add(time.Duration(i) * 10 * time.Second) // within the morning's hours for 500 rounds
		// Draw every screen in the first round and the last: the fonts are
		// loaded in the first, and must not be loaded again.
		sessionRound(t, r, i == 1 || i == rounds)
		if i == 1 {
			fontsWarm = fonts.Fonts()
		}
		if heap && i == 10 {
			heapWarm = themetest.SettledHeap()
		}
	}
	assert.Equal(t, fontsWarm, fonts.Fonts(), "no font is loaded again after the first rounds")
	if !heap {
		return
	}
	heapEnd := themetest.SettledHeap()
	t.Logf("%d rounds: live heap %.1f MB after round 10, %.1f MB after round %d; %d font loads",
		rounds, float64(heapWarm)/1e6, float64(heapEnd)/1e6, rounds, fonts.Fonts())
	assert.LessOrEqual(t, float64(heapEnd), float64(heapWarm)*1.2,
		"the live heap after %d rounds is within 20%% of after round 10", rounds)
}
