package staff

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// enumWords is the word of every key of every enum the staff screens show.
func enumWords() map[string]string {
	out := map[string]string{}
	add := func(kind string, keys []string, word func(string) string) {
		for _, k := range keys {
			out[kind+" "+k] = word(k)
		}
	}
	strs := func(n int, at func(int) string) []string {
		s := make([]string, n)
		for i := range s {
			s[i] = at(i)
		}
		return s
	}
	add("mode", strs(len(data.Modes), func(i int) string { return string(data.Modes[i]) }),
		func(k string) string { return modeWord(data.Mode(k)) })
	add("reply", strs(len(data.ReplyMethods), func(i int) string { return string(data.ReplyMethods[i]) }),
		func(k string) string { return replyWord(data.ReplyMethod(k)) })
	add("form", []string{"original", "copy", "both", "electronic"},
		func(k string) string { return materialFormWord(data.MaterialForm(k)) })
	add("channel", []string{"kiosk", "window", "phone"}, func(k string) string { return channelWord(data.Channel(k)) })
	add("where", []string{"on_duty", "out", "village", "leave", "absent", "signed_out"},
		func(k string) string { return whereWord(data.DutyStatus(k)) })
	add("study", strs(len(data.StudyKinds), func(i int) string { return string(data.StudyKinds[i]) }),
		func(k string) string { return studyKindWord(data.StudyKind(k)) })
	add("mark", []string{"", "present", "leave", "absent"}, func(k string) string { return markWord(data.RollMark(k)) })
	add("accountability", strs(len(data.AccountabilityKinds), func(i int) string { return string(data.AccountabilityKinds[i]) }),
		func(k string) string { return accountabilityWord(data.AccountabilityKind(k)) })
	add("about", []string{"request", "window", "staff", "other"},
		func(k string) string { return aboutWord(data.ComplaintAbout(k)) })
	add("step", []string{"day", "week", "month"}, func(k string) string { return stepWord(data.SeriesStep(k)) })
	add("breach", []string{data.BreachLate, data.BreachSupplement}, breachWord)
	add("complaint status", []string{"open", "investigating", "answered", "closed"}, complaintStatusWord)
	add("complaint channel", []string{"kiosk", "phone", "box", "window"}, complaintChannelWord)
	add("rating", []string{"1", "2", "3", "4", "5"}, func(k string) string { return ratingWord(int(k[0] - '0')) })
	add("event", []string{data.EventSubmitted, data.EventAccepted, data.EventSupplement, data.EventComplete,
		data.EventEscalated, data.EventHandover, data.EventPartDone, data.EventFinished, data.EventRefused, data.EventNote,
		data.EventRated, data.EventPrinted, data.EventPaused, data.EventResumed, data.EventUpperResult,
		data.EventWithdrawn, data.EventFollowUp}, eventWord)
	add("audit", data.AuditActions(), auditWord)
	add("notice", []string{"promise", "correction", "refusal", "finished", "refusalAfter"}, func(k string) string {
		n := data.IssuedNotice{Kind: data.NoticeKind(k)}
		if k == "refusalAfter" {
			n = data.IssuedNotice{Kind: data.NoticeRefusal, Refusal: data.Refusal{Kind: "不予办理"}}
		}
		return noticeWord(n)
	})
	add("status", []string{"submitted", "accepted", "waiting", "escalated", "finished", "refused", "withdrawn"},
		func(k string) string { return statusText(data.Status(k)) })
	add("action", strs(len(data.Actions), func(i int) string { return string(data.Actions[i]) }),
		func(k string) string { return actionLabel(data.Action(k)) })
	return out
}

// TestEveryEnumHasWords checks that every key the staff screens show has
// its word in both languages: Chinese words in zh_Hans, no Chinese in en,
// never the translation key (what lang.L shows for a missing word).
func TestEveryEnumHasWords(t *testing.T) {
	t.Cleanup(func() { _ = locale.Use(locale.Chinese) })
	for _, language := range []string{locale.Chinese, locale.English} {
		require.NoError(t, locale.Use(language))
		for what, word := range enumWords() {
			assert.NotEmpty(t, word, "%s %s", language, what)
			assert.False(t, strings.Contains(word, "."), "%s %s: a translation key %q", language, what, word)
			han := strings.IndexFunc(word, func(r rune) bool { return unicode.Is(unicode.Han, r) }) >= 0
			assert.Equal(t, language == locale.Chinese, han, "%s %s: %q", language, what, word)
		}
	}
}

// TestChineseWordsMatchPaper checks that on screen in Chinese every enum
// reads as data's word for paper and stored text (receipts, notices, the
// timeline, the audit log), so that staff and residents see one word.
func TestChineseWordsMatchPaper(t *testing.T) {
	require.NoError(t, locale.Use(locale.Chinese))
	for _, m := range data.Modes {
		assert.Equal(t, m.Label(), modeWord(m))
	}
	for _, m := range data.ReplyMethods {
		assert.Equal(t, m.Label(), replyWord(m))
	}
	for _, f := range []data.MaterialForm{data.FormOriginal, data.FormCopy, data.FormBoth, data.FormElectronic} {
		assert.Equal(t, f.Label(), materialFormWord(f))
	}
	for _, a := range data.AuditActions() {
		assert.Equal(t, data.AuditLabel(a), auditWord(a))
	}
	for _, c := range []data.Channel{data.ChannelKiosk, data.ChannelWindow, data.ChannelPhone} {
		assert.Equal(t, c.Label(), channelWord(c))
	}
	for _, s := range []data.DutyStatus{data.DutyOnDuty, data.DutyOut, data.DutyVillage, data.DutyLeave, data.DutyAbsent,
		data.DutySignedOut} {
		assert.Equal(t, s.Label(), whereWord(s))
	}
	for _, k := range data.StudyKinds {
		assert.Equal(t, k.Label(), studyKindWord(k))
	}
	for _, m := range []data.RollMark{data.MarkNone, data.MarkPresent, data.MarkLeave, data.MarkAbsent} {
		assert.Equal(t, m.Label(), markWord(m))
	}
	for _, k := range data.AccountabilityKinds {
		assert.Equal(t, k.Label(), accountabilityWord(k))
	}
	for _, a := range []data.ComplaintAbout{data.AboutRequest, data.AboutWindow, data.AboutStaff, data.AboutOther} {
		assert.Equal(t, a.Label(), aboutWord(a))
	}
	for _, s := range []data.SeriesStep{data.StepDay, data.StepWeek, data.StepMonth} {
		assert.Equal(t, s.Label(), stepWord(s))
	}
	for _, b := range []string{data.BreachLate, data.BreachSupplement} {
		assert.Equal(t, data.BreachLabel(b), breachWord(b))
	}
	for _, s := range []string{"open", "investigating", "answered", "closed"} {
		assert.Equal(t, data.ComplaintStatusLabel(s), complaintStatusWord(s))
	}
	for level := 1; level <= 5; level++ {
		assert.Equal(t, data.RatingLabel(level), ratingWord(level))
	}
	for _, n := range []data.IssuedNotice{{Kind: data.NoticePromise}, {Kind: data.NoticeCorrection},
		{Kind: data.NoticeRefusal}, {Kind: data.NoticeFinished},
		{Kind: data.NoticeRefusal, Refusal: data.Refusal{Kind: "不予办理"}}} {
		assert.Equal(t, n.Title(), noticeWord(n))
	}
	for what := range enumWords() {
		if kind, ok := strings.CutPrefix(what, "event "); ok {
			assert.Equal(t, data.EventLabel(kind), eventWord(kind))
		}
	}
}

// TestServingLineWordsDataReason checks that the board's line, worded on
// screen, reads in Chinese as data's reason for every case of the A/B rule.
func TestServingLineWordsDataReason(t *testing.T) {
	require.NoError(t, locale.Use(locale.Chinese))
	on := &data.DutyEntry{Name: "王丽娟", Status: data.DutyOnDuty, OnDuty: true}
	leave := &data.DutyEntry{Name: "王丽娟", Status: data.DutyLeave}
	bOn := &data.DutyEntry{Name: "赵磊", Status: data.DutyOnDuty, OnDuty: true}
	bOut := &data.DutyEntry{Name: "赵磊", Status: data.DutyOut}
	for name, tc := range map[string]struct {
		w    data.WindowDuty
		want string
	}{
		"AOnDuty":   {data.WindowDuty{A: on, B: bOn, OnDuty: on}, "A岗王丽娟在岗"},
		"BCovers":   {data.WindowDuty{A: leave, B: bOn, OnDuty: bOn, Covering: true}, "A岗王丽娟请假，由B岗赵磊顶岗"},
		"BOnly":     {data.WindowDuty{B: bOn, OnDuty: bOn, Covering: true}, "未设A岗，由B岗赵磊在岗"},
		"NoPosts":   {data.WindowDuty{}, "本窗口未设置A、B岗人员"},
		"NoAAndOut": {data.WindowDuty{B: bOut}, "未设A岗，B岗赵磊外出办事，暂无人员在岗"},
		"NoB":       {data.WindowDuty{A: leave}, "A岗王丽娟请假，未设B岗，暂无人员在岗"},
		"Nobody":    {data.WindowDuty{A: leave, B: bOut}, "A岗王丽娟请假，B岗赵磊外出办事，暂无人员在岗"},
	} {
		t.Run(name, func(t *testing.T) { assert.Equal(t, tc.want, servingLine(tc.w)) })
	}
}

// TestSelectKey: the option at the key's place is chosen; a key not among
// the keys chooses none.
func TestSelectKey(t *testing.T) {
	test.NewTempApp(t)
	keys := []data.Mode{data.ModeDirect, data.ModePromise}
	g := widget.NewRadioGroup([]string{"即办", "承诺"}, nil)
	selectKey(g, keys, data.ModePromise)
	assert.Equal(t, "承诺", g.Selected)
	assert.Equal(t, data.ModePromise, keyAt(keys, g.Options, g.Selected))
	selectKey(g, keys, data.Mode("none"))
	assert.Empty(t, g.Selected)
}

// TestChooseAfterFirst: the option after the first standing for the
// element matched is chosen; none matching chooses the first, as does an
// empty list.
func TestChooseAfterFirst(t *testing.T) {
	test.NewTempApp(t)
	people := []string{"王丽娟", "赵磊"}
	sel := touch.NewSelect([]string{"空缺", "王丽娟", "赵磊"}, nil)
	byName := func(name string) func(string) bool {
		return func(r string) bool { return r == name }
	}
	chooseAfterFirst(sel, people, byName("赵磊"))
	assert.Equal(t, 2, sel.SelectedIndex())
	chooseAfterFirst(sel, people, byName("王丽娟"))
	assert.Equal(t, "王丽娟", sel.Selected)
	chooseAfterFirst(sel, people, byName("钱多多"))
	assert.Equal(t, "空缺", sel.Selected, "no one matches: the first")
	chooseAfterFirst(sel, nil, byName("赵磊"))
	assert.Equal(t, 0, sel.SelectedIndex())
}

// TestNewChoiceRow: the words side by side, the first chosen; a change
// counts as activity.
func TestNewChoiceRow(t *testing.T) {
	test.NewTempApp(t)
	now := time.Date(2026, 3, 5, 9, 30, 0, 0, data.China)
	d := &Desk{opts: Options{Now: func() time.Time { return now }}}
	g := d.newChoiceRow([]string{"电话", "意见箱", "窗口"})
	assert.True(t, g.Horizontal)
	assert.Equal(t, []string{"电话", "意见箱", "窗口"}, g.Options)
	assert.Equal(t, "电话", g.Selected)
	later := now.Add(time.Minute)
	now = later
	g.SetSelected("窗口")
	assert.Equal(t, later, d.LastActivity())
}
