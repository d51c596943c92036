package kiosk_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/internal/uitest"
	"bianmin/ui/kiosk"
)

// What administrators change in staff mode reaching the kiosk:
// the center's profile and hours after a reset, the disclosures' history
// served public-only by the store, 预公开 with its last day, and staff
// photos uploaded in staff mode. Helpers are named sync… so they never clash
// with other files'.

// syncRig is newRigWith whose store reads the same movable clock as the
// kiosk (*r.now), so a test can let a period for opinions run out.
func syncRig(t *testing.T, c *data.Catalog) *rig {
	t.Helper()
	uitest.NewApp(t)
	r := &rig{timers: &fakeTimers{}}
	now := fixedNow
	r.now = &now
	s := datatest.OpenWith(t, func() time.Time { return *r.now }, c)
	r.store = &countingStore{Store: s}
	r.win = test.NewTempWindow(t, nil)
	r.k = kiosk.New(r.store, r.win, kiosk.Options{
		Now:   func() time.Time { return *r.now },
		Run:   func(f func()) { f() },
		After: r.timers.After,
	})
	r.win.SetContent(r.k.Content())
	r.win.Resize(fyne.NewSize(1280, 800))
	return r
}

// syncAdmin is a session of the test catalog's administrator, 王芳.
func syncAdmin(t *testing.T, r *rig) data.Session { return boardSession(t, r, "王芳") }

// weekdays is the same sessions Monday to Friday.
func weekdays(sessions ...[2]string) []data.OfficeHours {
	var out []data.OfficeHours
	for d := time.Monday; d <= time.Friday; d++ {
		for _, s := range sessions {
			out = append(out, data.OfficeHours{Weekday: d, Opens: s[0], Closes: s[1]})
		}
	}
	return out
}

// TestResetShowsTheCenterAsEdited is what main does on leaving staff mode
// (Reset, then Start): the header, the home footer, the closed notice and
// the idle timeout follow the profile as an administrator saved it.
func TestResetShowsTheCenterAsEdited(t *testing.T) {
	r := syncRig(t, testCatalog(t))
	h := r.k.Header
	require.Equal(t, "测试社区便民服务室", h.Name.Text)
	require.Equal(t, "今日办公时间 08:30–12:00  14:30–17:30", h.Hours.Text)
	require.False(t, r.k.Home.Closed.Visible())
	r.k.Start()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure]) // the resident was here when staff came

	c, err := r.store.Center(bgCtx)
	require.NoError(t, err)
	c.Name = "测试街道第二社区便民服务室"
	c.Address = "新华路2号"
	c.Phone = "0919-7654321"
	c.IdleSeconds = 120
	c.Hours = weekdays([2]string{"08:00", "09:15"}, [2]string{"14:00", "17:00"}) // 09:30: between sessions
	require.NoError(t, r.store.PutCenter(bgCtx, syncAdmin(t, r), c))
	assert.Equal(t, "测试社区便民服务室", h.Name.Text, "the kiosk shows what it read until it is reset")

	r.k.Stop()  // staff mode: main stops the kiosk …
	r.k.Reset() // … and on leaving, resets and starts it again
	r.k.Start()

	assert.Equal(t, 1, r.k.Nav.Depth(), "home")
	assert.Equal(t, "测试街道第二社区便民服务室", h.Name.Text)
	assert.Equal(t, "今日办公时间 08:00–09:15  14:00–17:00", h.Hours.Text)
	assert.Equal(t, "测试街道第二社区便民服务室", r.k.Nav.Center().Name)
	assert.Contains(t, r.k.Home.Address.Text, "新华路2号")
	assert.Contains(t, r.k.Home.HelpLine.Text, "0919-7654321")
	assert.True(t, r.k.Home.Closed.Visible(), "closed between the new sessions")
	assert.Contains(t, r.k.Home.ClosedText.Text, "14:00")
	assert.Equal(t, 120*time.Second, r.k.Idle.Timeout())
	assert.Contains(t, r.text(), "测试街道第二社区便民服务室")
	r.k.Stop()
}

// TestResetReadsTheCalendarAgain: a holiday set today in 工作日历 shows in
// the header after the reset, not only the next day.
func TestResetReadsTheCalendarAgain(t *testing.T) {
	r := syncRig(t, testCatalog(t))
	require.Equal(t, "今日办公时间 08:30–12:00  14:30–17:30", r.k.Header.Hours.Text)
	_, err := r.store.SetCalendarDay(bgCtx, syncAdmin(t, r), fixedNow, data.DayHoliday, "测试假日", "")
	require.NoError(t, err)
	r.k.Reset()
	assert.Equal(t, "今日休息（测试假日）", r.k.Header.Hours.Text)
	assert.True(t, r.k.Home.Closed.Visible())
}

// TestReopenedScreensShowStaffEdits: every screen but home is built and
// read afresh when opened, so disclosures, staff cards and windows edited
// in staff mode show without a restart.
func TestReopenedScreensShowStaffEdits(t *testing.T) {
	r := syncRig(t, testCatalog(t))
	admin := syncAdmin(t, r)
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	d := current[*kiosk.Disclosure](t, r)
	require.Contains(t, d.Tiles[data.CatOther].Subtitle, "共0项")

	_, err := r.store.SaveDraft(bgCtx, admin, data.DisclosureDraft{Code: "other-1", Category: data.CatOther,
		Cadence: data.CadenceAdhoc, Title: "春节期间办公安排", Body: "春节期间暂停对外办公。"})
	require.NoError(t, err)
	_, err = r.store.Publish(bgCtx, admin, "other-1")
	require.NoError(t, err)
	staff, err := r.store.OrgStaff(bgCtx)
	require.NoError(t, err)
	for _, st := range staff {
		if st.Name == "李强" {
			e := data.StaffEdit{Staff: st.Staff}
			e.Post = "民政协理员"
			_, err = r.store.PutStaff(bgCtx, admin, e)
			require.NoError(t, err)
		}
	}
	ws, err := r.store.OrgWindows(bgCtx)
	require.NoError(t, err)
	w := ws[0].Window
	w.Name = "社会保障服务窗口"
	_, err = r.store.PutWindow(bgCtx, admin, w)
	require.NoError(t, err)

	r.k.Reset()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	d = current[*kiosk.Disclosure](t, r)
	assert.Contains(t, d.Tiles[data.CatOther].Subtitle, "共1项")
	test.Tap(d.StaffTile)
	s := current[*kiosk.Staff](t, r)
	require.Len(t, s.Cards, 2)
	assert.Equal(t, "民政协理员", s.Cards[1].Post.Text)
	assert.Equal(t, "1号窗口（社会保障服务窗口） · A岗", s.Cards[0].Window.Text)
}

// archiveSpy records the audience the kiosk asks the archive for.
type archiveSpy struct {
	*countingStore
	audiences []data.Audience
}

func (s *archiveSpy) Archive(ctx context.Context, code string, a data.Audience) ([]data.DisclosureVersion, error) {
	s.audiences = append(s.audiences, a)
	return s.Store.Archive(ctx, code, a)
}

// TestArchiveIsPublicOnlyFromTheStore: 历史版本 asks the store for the
// public archive. A draft and a preview of the item (newer than anything
// published) never show; an internal item has no history to show, even if
// a screen asked for it by its code.
func TestArchiveIsPublicOnlyFromTheStore(t *testing.T) {
	r := syncRig(t, testCatalog(t))
	admin := syncAdmin(t, r)
	const draftTitle, draftBody = "管理制度（修订草稿）", "尚未公开的修订条文"
	_, err := r.store.SaveDraft(bgCtx, admin, data.DisclosureDraft{Code: "rules-1", Category: data.CatRules,
		Cadence: data.CadenceAdhoc, Title: draftTitle, Body: draftBody})
	require.NoError(t, err)
	spy := &archiveSpy{countingStore: r.store}

	tests := map[string]struct {
		notice data.Notice
		rows   int
	}{
		"PublicWithDraft": {data.Notice{Code: "rules-1", Category: data.CatRules, Title: "管理制度"}, 1},
		"Internal":        {data.Notice{Code: "integrity", Category: data.CatRules, Title: "伪装的标题"}, 0},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			for _, preview := range []bool{false, true} {
				r.k.Reset()
				if preview && tc.rows > 0 {
					_, err := r.store.Preview(bgCtx, admin, "rules-1")
					require.NoError(t, err)
				}
				v := kiosk.NewNoticeView(r.k.Nav, spy, tc.notice)
				r.k.Nav.Push(v)
				test.Tap(v.HistoryButton)
				drawn := r.text()
				for _, secret := range []string{draftTitle, draftBody, internalTitle, internalBody} {
					assert.NotContains(t, drawn, secret)
				}
				if tc.rows == 0 {
					assert.Contains(t, drawn, "没有更早公开的版本")
					continue
				}
				a := current[*kiosk.Archive](t, r)
				require.Len(t, a.Rows, tc.rows)
				assert.Equal(t, "管理制度", a.Rows[0].Title)
				assert.Contains(t, a.Rows[0].Subtitle, "第1版")
			}
		})
	}
	require.NotEmpty(t, spy.audiences)
	for _, a := range spy.audiences {
		assert.Equal(t, data.AudiencePublic, a)
	}
	_, err = r.store.Archive(bgCtx, "integrity", data.AudiencePublic)
	assert.True(t, errors.Is(err, data.ErrNotFound), "the store refuses an internal archive: %v", err)
}

// syncPreviewUntil puts a public draft on preview for opinions until the
// given day.
func syncPreviewUntil(t *testing.T, r *rig, last time.Time) {
	t.Helper()
	admin := syncAdmin(t, r)
	_, err := r.store.SaveDraft(bgCtx, admin, data.DisclosureDraft{Code: "late-hours", Category: data.CatRules,
		Cadence: data.CadenceAdhoc, Title: boardDraftTitle, Body: boardDraftBody})
	require.NoError(t, err)
	_, err = r.store.PreviewUntil(bgCtx, admin, "late-hours", last)
	require.NoError(t, err)
}

// TestPreviewShowsItsLastDay: the list, the draft and the comment form say
// until when opinions are taken; on the last day, 至今天.
func TestPreviewShowsItsLastDay(t *testing.T) {
	r := syncRig(t, testCatalog(t))
	syncPreviewUntil(t, r, fixedNow.AddDate(0, 0, 2))
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
	list := current[*kiosk.Previews](t, r)
	require.Len(t, list.Rows, 1)
	assert.Equal(t, "征求意见至3月7日 · 已收到0条意见", list.Rows[0].Subtitle)
	test.Tap(list.Rows[0])
	v := current[*kiosk.PreviewView](t, r)
	assert.Equal(t, "征求意见至3月7日 · 已收到0条意见", v.Period.Text)
	assert.Contains(t, boardText(r), "征求意见至3月7日")
	test.Tap(v.Comment)
	c := current[*kiosk.PreviewComment](t, r)
	assert.Equal(t, "征求意见至3月7日", c.Period.Text)
	assert.True(t, c.Period.Visible())

	*r.now = fixedNow.AddDate(0, 0, 2) // the last day
	r.k.Reset()
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
	list = current[*kiosk.Previews](t, r)
	require.Len(t, list.Rows, 1, "still open on its last day")
	assert.Equal(t, "征求意见至今天（3月7日） · 已收到0条意见", list.Rows[0].Subtitle)

	*r.now = fixedNow.AddDate(0, 0, 3)
	r.k.Reset()
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
	list = current[*kiosk.Previews](t, r)
	assert.Empty(t, list.Rows, "gone the day after")
	assert.Equal(t, "目前没有正在征求意见的内容。", list.Status.Text)
}

// TestPreviewPeriodWording covers the dates of the period line.
func TestPreviewPeriodWording(t *testing.T) {
	r := syncRig(t, testCatalog(t))
	tests := map[string]struct {
		n    data.PreviewNotice
		want string
	}{
		"Until":         {data.PreviewNotice{Until: time.Date(2026, 3, 20, 0, 0, 0, 0, data.China)}, "征求意见至3月20日"},
		"UntilToday":    {data.PreviewNotice{Until: time.Date(2026, 3, 5, 0, 0, 0, 0, data.China)}, "征求意见至今天（3月5日）"},
		"UntilNextYear": {data.PreviewNotice{Until: time.Date(2027, 1, 5, 0, 0, 0, 0, data.China)}, "征求意见至2027年1月5日"},
		"OpenEnded":     {data.PreviewNotice{Since: fixedNow}, "2026年3月5日起征求意见"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			tc.n.Comments = 2
			v := kiosk.NewPreviewView(r.k.Nav, r.store, tc.n)
			assert.Equal(t, tc.want+" · 已收到2条意见", v.Period.Text)
		})
	}
}

// TestLateOpinionRefusedPolitely: the form was opened on the last day and
// submitted the day after. data refuses; the form gives way to a card
// that says so with data's message, where else to go, and a way back to
// the list, which no longer has the draft. A draft left on screen past
// its last day says so when 我有意见 is tapped.
func TestLateOpinionRefusedPolitely(t *testing.T) {
	r := syncRig(t, testCatalog(t))
	syncPreviewUntil(t, r, fixedNow)
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
	test.Tap(current[*kiosk.Previews](t, r).Rows[0])
	test.Tap(current[*kiosk.PreviewView](t, r).Comment)
	c := current[*kiosk.PreviewComment](t, r)
	test.Tap(c.Body)
	boardTypeHan(t, c.Panel.Keyboard, "jianyi", "建议")
	boardTypeHan(t, c.Panel.Keyboard, "yanchang", "延长")

	*r.now = fixedNow.AddDate(0, 0, 1) // past midnight
	test.Tap(c.Submit)
	assert.False(t, c.Done)
	assert.True(t, c.Closed.Visible())
	assert.False(t, c.Thanks.Visible())
	assert.Nil(t, c.Panel.Active(), "the keyboard closed")
	assert.Contains(t, c.ClosedText.Text, "该内容的征求意见已经结束，感谢您的关注。")
	assert.Contains(t, c.ClosedText.Text, "0919-0000001", "the room's phone")
	assert.Empty(t, c.Message.Text, "not an error line under the form")
	drawn := boardText(r)
	assert.Contains(t, drawn, "征求意见已经结束")
	comments, err := r.store.Comments(bgCtx, "late-hours")
	require.NoError(t, err)
	assert.Empty(t, comments)

	assert.Equal(t, "返回征求意见列表", c.ClosedBack.Text)
	test.Tap(c.ClosedBack)
	list := current[*kiosk.Previews](t, r)
	assert.Empty(t, list.Rows)

	// A draft read before midnight, 我有意见 tapped after.
	*r.now = fixedNow
	r.k.Reset()
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.PreviewTile })
	test.Tap(current[*kiosk.Previews](t, r).Rows[0])
	v := current[*kiosk.PreviewView](t, r)
	*r.now = fixedNow.AddDate(0, 0, 1)
	test.Tap(v.Comment)
	assert.Same(t, v, r.k.Nav.Current(), "no form")
	drawn = boardText(r)
	assert.Contains(t, drawn, "本次征求意见已于3月5日结束")
	assert.Contains(t, drawn, "0919-0000001")
}

// photoColours are the halves of the test photo: crimson above, blue
// below, so a capture shows where the photo is drawn and whether it is
// stretched, cropped or letterboxed.
var photoTop, photoBottom = color.RGBA{220, 20, 60, 255}, color.RGBA{20, 60, 220, 255}

// syncPhoto is a 640×800 JPEG as a phone might give, in the two colours.
func syncPhoto(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 640, 800))
	for y := 0; y < 800; y++ {
		c := photoTop
		if y >= 400 {
			c = photoBottom
		}
		for x := 0; x < 640; x++ {
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	require.NoError(t, jpeg.Encode(&b, img, &jpeg.Options{Quality: 95}))
	return b.Bytes()
}

// near reports whether c is close to want (JPEG is lossy).
func near(c color.Color, want color.RGBA) bool {
	r, g, b, _ := c.RGBA()
	d := func(a uint32, w uint8) int { v := int(a>>8) - int(w); return max(v, -v) }
	return d(r, want.R) < 40 && d(g, want.G) < 40 && d(b, want.B) < 40
}

// box is the bounding box of the pixels near want.
func box(img image.Image, want color.RGBA) image.Rectangle {
	var r image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if near(img.At(x, y), want) {
				r = r.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return r
}

// syncCapture draws the kiosk as it is now on a software canvas.
func syncCapture(r *rig) image.Image {
	c := software.NewCanvas()
	c.Resize(r.win.Canvas().Size())
	c.SetContent(r.k.Content())
	relayout(r.k.Content())
	return c.Capture()
}

// syncStorePhoto uploads the test photo for the staff member named name as
// an administrator does in 机构与人员 and returns the photo as stored.
func syncStorePhoto(t *testing.T, r *rig, name string) []byte {
	t.Helper()
	staff, err := r.store.OrgStaff(bgCtx)
	require.NoError(t, err)
	for _, st := range staff {
		if st.Name != name {
			continue
		}
		_, err = r.store.PutStaff(bgCtx, syncAdmin(t, r), data.StaffEdit{Staff: st.Staff, NewPhoto: syncPhoto(t)})
		require.NoError(t, err)
		cards, err := r.store.StaffCards(bgCtx)
		require.NoError(t, err)
		for _, c := range cards {
			if c.Name == name {
				require.True(t, data.IsPreparedPhoto(c.Photo), "stored as a 320×400 JPEG")
				return c.Photo
			}
		}
	}
	t.Fatalf("no staff member %s", name)
	return nil
}

// assertPortrait checks that the photo is drawn whole in a 4:5 frame: the
// crimson half above the blue one, the same width, together 4:5, and big
// enough to recognise a face.
func assertPortrait(t *testing.T, img image.Image, minWidth int) {
	t.Helper()
	top, bottom := box(img, photoTop), box(img, photoBottom)
	require.False(t, top.Empty(), "the photo is drawn")
	require.False(t, bottom.Empty())
	whole := top.Union(bottom)
	assert.InDelta(t, top.Dx(), bottom.Dx(), 3, "no distortion between the halves")
	assert.InDelta(t, top.Dy(), bottom.Dy(), 4, "neither half cut off")
	assert.LessOrEqual(t, top.Max.Y, bottom.Min.Y+2, "crimson above blue")
	assert.InDelta(t, 0.8, float64(whole.Dx())/float64(whole.Dy()), 0.04, "4:5, neither stretched nor letterboxed: %v", whole)
	assert.GreaterOrEqual(t, whole.Dx(), minWidth)
}

// TestUploadedPhotoOnStaffCardAndDutyBoard: a photo an administrator
// uploads (stored as a 320×400 JPEG) is what the staff card and today's
// duty board show, whole and in proportion.
func TestUploadedPhotoOnStaffCardAndDutyBoard(t *testing.T) {
	r := syncRig(t, testCatalog(t))
	photo := syncStorePhoto(t, r, "王芳")

	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	test.Tap(current[*kiosk.Disclosure](t, r).StaffTile)
	s := current[*kiosk.Staff](t, r)
	require.NotEmpty(t, s.Cards)
	card := s.Cards[0]
	require.Equal(t, "王芳", card.Name.Text)
	require.NotNil(t, card.Photo.Resource)
	assert.Equal(t, photo, card.Photo.Resource.Content())
	assertPortrait(t, syncCapture(r), 80)

	_, err := r.store.SignIn(bgCtx, syncAdmin(t, r))
	require.NoError(t, err)
	r.k.Reset()
	boardOpen(t, r, func(d *kiosk.Disclosure) *kiosk.Tile { return d.DutyTile })
	d := current[*kiosk.Duty](t, r)
	w := boardWindow(t, d, "1")
	require.Equal(t, "王芳", w.Person.Text)
	require.NotNil(t, w.Photo)
	assert.Equal(t, photo, w.Photo.Resource.Content())
	p := boardPerson(t, d, "王芳")
	require.NotNil(t, p.Photo)
	assert.Equal(t, photo, p.Photo.Resource.Content())
	img := syncCapture(r)
	top := box(img, photoTop)
	require.False(t, top.Empty(), "the photos are drawn")
	// Two photos (window card and staff board), each whole: the blue and
	// crimson pixels are as many.
	var red, blue int
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			switch px := img.At(x, y); {
			case near(px, photoTop):
				red++
			case near(px, photoBottom):
				blue++
			}
		}
	}
	assert.InDelta(t, 1, float64(red)/float64(blue), 0.1, "red %d blue %d", red, blue)
	assert.False(t, strings.Contains(r.text(), "照片"), "no broken-photo text")
}

// TestDetailLegalLimitNotGiven: an item edited with a promise of 3 days
// and no legal limit (0, "not given" to data) shows no 法定期限 rather
// than 即办件 under a 3-day promise; on the spot for both, both show it.
func TestDetailLegalLimitNotGiven(t *testing.T) {
	tests := map[string]struct {
		code, name      string
		promised, legal int
		want            []string
		not             []string
	}{
		"NotGiven":     {"DB", "最低生活保障申请", 3, 0, []string{"3个工作日"}, []string{"法定期限", "即办件"}},
		"OnTheSpot":    {"YB", "城乡居民基本医疗保险参保登记", 0, 0, []string{"法定期限", "即办件，当场办结"}, nil},
		"BothDeadline": {"DB", "最低生活保障申请", 3, 5, []string{"法定期限", "5个工作日"}, nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			c := testCatalog(t)
			for i := range c.Items {
				if c.Items[i].Code == tc.code {
					c.Items[i].PromisedDays, c.Items[i].LegalDays = tc.promised, tc.legal
				}
			}
			r := syncRig(t, c)
			openGuide(t, r, tc.name)
			drawn := r.text()
			for _, w := range tc.want {
				assert.Contains(t, drawn, w)
			}
			for _, n := range tc.not {
				assert.NotContains(t, drawn, n)
			}
		})
	}
}
