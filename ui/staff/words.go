package staff

import (
	"slices"
	"strconv"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/touch"
)

// The words of data's enums on the staff screens. data keeps the keys
// (stable identifiers, stored in the data file); the words a person reads
// come from the translations (staff.*.json, zh_Hans and en), never from
// the enums' Label methods: those are the Chinese words of stored audit
// text and printed notices, which are Chinese in every UI language.

// modeWord is a handling mode as staff read it.
func modeWord(m data.Mode) string { return lang.L("staff.mode." + string(m)) }

// replyWord is how the resident was told the result.
func replyWord(m data.ReplyMethod) string { return lang.L("staff.reply." + string(m)) }

// materialFormWord is whether the original, a copy or both are needed.
func materialFormWord(f data.MaterialForm) string { return lang.L("staff.matform." + string(f)) }

// channelWord is how a request reached the service room.
func channelWord(c data.Channel) string { return lang.L("staff.channel." + string(c)) }

// whereWord is a whereabouts status (在岗, 外出办事 …).
func whereWord(s data.DutyStatus) string { return lang.L("staff.where." + string(s)) }

// noticeWord is the name of a written notice a request has had (不予办理通知书
// for a refusal after acceptance), as staff read it; the notice itself is
// printed in Chinese (data.IssuedNotice.Title).
func noticeWord(n data.IssuedNotice) string {
	key := string(n.Kind)
	if n.Kind == data.NoticeRefusal && n.Refusal.Kind == "不予办理" {
		key = "refusalAfter"
	}
	return lang.L("staff.noticeKind." + key)
}

// modeWords is the words of data.Modes, in that order.
func modeWords() []string { return wordsOf(data.Modes, modeWord) }

// wordsOf is the word of each key, in order: the options of a select or
// radio group, whose chosen index is the index into keys.
func wordsOf[K any](keys []K, word func(K) string) []string {
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = word(k)
	}
	return out
}

// selectKey chooses in g the option of key k, the option at k's place in
// keys (none when k is not among them), as a tap on it would.
func selectKey[K comparable](g *widget.RadioGroup, keys []K, k K) {
	if i := slices.Index(keys, k); i >= 0 {
		g.SetSelected(g.Options[i])
		return
	}
	g.SetSelected("")
}

// chooseAfterFirst selects in sel the option standing for the element of
// list that match picks, options being list's in order after a first one
// (全部, 未分配, 空缺 …) that sel shows when none matches.
func chooseAfterFirst[T any](sel *touch.Select, list []T, match func(T) bool) {
	sel.SetSelectedIndex(0)
	for i, x := range list {
		if match(x) {
			sel.SetSelectedIndex(i + 1)
		}
	}
}

// newChoiceRow is a row of radio buttons, one a word, the first chosen;
// a change counts as activity.
func (d *Desk) newChoiceRow(words []string) *widget.RadioGroup {
	g := widget.NewRadioGroup(words, func(string) { d.Activity() })
	g.Horizontal = true
	g.SetSelected(words[0])
	return g
}

// keyAt is the key at the index of the option chosen in options (a radio
// group's Selected), or the zero key when none is.
func keyAt[K any](keys []K, options []string, selected string) K {
	var zero K
	for i, o := range options {
		if o == selected && selected != "" && i < len(keys) {
			return keys[i]
		}
	}
	return zero
}

// studyKindWord is the type of a study session.
func studyKindWord(k data.StudyKind) string { return lang.L("study.kind." + string(k)) }

// markWord is one person's mark on a roll-call ("not called" for none).
func markWord(m data.RollMark) string {
	if m == data.MarkNone {
		return lang.L("study.mark.none")
	}
	return lang.L("study.mark." + string(m))
}

// accountabilityWord is the form an accountability entry takes.
func accountabilityWord(k data.AccountabilityKind) string { return lang.L("acct.kind." + string(k)) }

// aboutWord is what a complaint is about.
func aboutWord(a data.ComplaintAbout) string { return lang.L("admin.about." + string(a)) }

// stepWord is the length of one point of a report's series ("by day").
func stepWord(s data.SeriesStep) string { return lang.L("report.step." + string(s)) }

// breachWord is a kind of rule breach (data.BreachLate, data.BreachSupplement).
func breachWord(kind string) string { return lang.L("acct.breach." + kind) }

// complaintStatusWord is where a complaint is.
func complaintStatusWord(status string) string {
	return lang.L("admin.complaintStatus." + status)
}

// complaintChannelWord is how a complaint came in (kiosk, phone, box, window).
func complaintChannelWord(ch string) string { return lang.L("admin.channel." + ch) }

// ratingWord is a rating level, 1 (very dissatisfied) to 5.
func ratingWord(level int) string { return lang.L("admin.rating." + strconv.Itoa(level)) }

// eventWord is an event kind on a request's timeline.
func eventWord(kind string) string { return lang.L("staff.event." + kind) }

// auditWord is an audit action (one of data.AuditActions()).
func auditWord(action string) string { return lang.L("admin.audit.act." + action) }
