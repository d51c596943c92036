package kiosk

import (
	"context"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// 征求意见（预公开） (§一(三)): drafts the administrators put on
// the kiosk before publishing them. A resident reads one in full and may
// leave an opinion, typed on the on-screen pinyin keyboard, with a contact
// number if they want an answer. Staff read the opinions in staff mode
// (data.Store.Comments). The rules (length, only while in preview, public
// items only) are data's; its messages are shown as they are.

// PreviewStore is what the 预公开 screens read and write. *data.Store
// satisfies it.
type PreviewStore interface {
	Previews(ctx context.Context) ([]data.PreviewNotice, error)
	AddComment(ctx context.Context, versionID int64, body, contact string) (int64, error)
}

// Previews lists the drafts in preview. It reads them again each time it
// is shown (the counts of opinions change).
type Previews struct {
	boardList[data.PreviewNotice]
	Previews []data.PreviewNotice
	Rows     []*Tile

	store PreviewStore
}

// NewPreviews builds the list; it loads when shown.
func NewPreviews(nav *Nav, store PreviewStore) *Previews {
	p := &Previews{store: store}
	p.boardList = newBoardList(nav, "kiosk: previews", store.Previews, p.show)
	return p
}

// Title is part of Screen.
func (p *Previews) Title() string {
	return lang.L("kiosk.home.disclosure") + " · " + lang.L("board.preview.title")
}

func (p *Previews) show(ps []data.PreviewNotice) {
	p.Previews, p.Rows = ps, nil
	p.list.RemoveAll()
	for _, n := range ps {
		n := n
		t := NewRowTile(fynetheme.DocumentIcon(), n.Title, previewLine(n, p.nav.Now()), func() { p.onPick(n) })
		p.Rows = append(p.Rows, t)
		p.list.Add(t)
	}
	if len(ps) == 0 {
		p.Status.SetText(lang.L("board.preview.none"))
	} else {
		p.Status.SetText(lang.L("board.preview.intro"))
	}
	p.list.Refresh()
}

func (p *Previews) onPick(n data.PreviewNotice) {
	p.nav.Push(NewPreviewView(p.nav, p.store, n))
}

// previewLine is "征求意见至3月20日 · 已收到3条意见" when the period has a
// last day (至今天 on that day), else "2026年11月26日起征求意见 · …".
func previewLine(n data.PreviewNotice, now time.Time) string {
	return previewPeriod(n, now) + " · " + lang.L("board.preview.comments", map[string]any{"N": n.Comments})
}

// previewPeriod is the period for opinions: "征求意见至3月20日",
// "征求意见至今天（3月5日）", "2026年11月26日起征求意见" when open-ended.
func previewPeriod(n data.PreviewNotice, now time.Time) string {
	switch {
	case !n.Until.IsZero() && data.Day(n.Until) == data.Day(now):
		return lang.L("board.preview.untilToday", map[string]any{"Date": monthDay(n.Until, now)})
	case !n.Until.IsZero():
		return lang.L("board.preview.until", map[string]any{"Date": monthDay(n.Until, now)})
	case !n.Since.IsZero():
		return lang.L("board.preview.since", map[string]any{"Date": shortDate(n.Since)})
	}
	return lang.L("board.preview.open")
}

// previewClosed reports whether the period for opinions on n has ended by
// now (its last day is past). data refuses an opinion then; the screens
// say so before the resident types one.
func previewClosed(n data.PreviewNotice, now time.Time) bool {
	return !n.Until.IsZero() && data.Day(now) > data.Day(n.Until)
}

// monthDay is "3月20日", with the year when it is not now's.
func monthDay(t, now time.Time) string {
	t = t.In(data.China)
	if t.Year() != now.In(data.China).Year() {
		return shortDate(t)
	}
	return lang.L("board.monthDay", map[string]any{"Month": int(t.Month()), "Day": t.Day()})
}

// PreviewView is one draft in preview, in full, with 我有意见 in the
// footer. It can be read aloud.
type PreviewView struct {
	Notice data.PreviewNotice
	// Period says until when opinions are taken, and how many came.
	Period  *fitlabel.Label
	Comment *widget.Button

	nav     *Nav
	store   PreviewStore
	actions fyne.CanvasObject
	content fyne.CanvasObject
}

// NewPreviewView shows the draft n.
func NewPreviewView(nav *Nav, store PreviewStore, n data.PreviewNotice) *PreviewView {
	v := &PreviewView{Notice: n, nav: nav, store: store}
	v.Period = quiet(previewLine(n, nav.Now()))
	v.Comment = widget.NewButtonWithIcon(lang.L("board.preview.comment"), fynetheme.DocumentCreateIcon(),
		v.onComment)
	v.Comment.Importance = widget.HighImportance
	v.actions = container.New(&minLayout{width: 240, touchScale: 1.25}, v.Comment)
	notice := onCard(para(lang.L("board.preview.notice")))
	v.content = vscroll(container.NewVBox(
		heading(n.Title),
		container.NewBorder(nil, nil, container.NewCenter(badge(lang.L("board.preview.badge"), badgeSample)), nil,
			v.Period),
		notice,
		widget.NewSeparator(),
		paragraphs(n.Body),
	))
	return v
}

// Title is part of Screen.
func (v *PreviewView) Title() string { return lang.L("board.preview.title") }

// Content is part of Screen.
func (v *PreviewView) Content() fyne.CanvasObject { return v.content }

// Actions puts 我有意见 in the footer.
func (v *PreviewView) Actions() fyne.CanvasObject { return v.actions }

// Speech reads the draft aloud: that it is a draft for comment, the title
// and the text.
func (v *PreviewView) Speech() string {
	return lang.L("board.preview.speech", map[string]any{"Title": v.Notice.Title}) + "\n" + v.Notice.Body
}

// onComment opens the form, or, if the period for opinions ended while
// the draft was on screen (past midnight), says so instead.
func (v *PreviewView) onComment() {
	if previewClosed(v.Notice, v.nav.Now()) {
		v.nav.Activity()
		v.nav.ShowMessage(lang.L("board.comment.closedTitle"), lateText(v.nav,
			lang.L("board.comment.closed", map[string]any{"Date": monthDay(v.Notice.Until, v.nav.Now())})))
		return
	}
	v.nav.Push(NewPreviewComment(v.nav, v.store, v.Notice))
}

// lateText is the polite refusal of a late opinion: data's message (or
// ours, naming the last day), then where else to give it.
func lateText(nav *Nav, msg string) string {
	if p := nav.Center().Phone; p != "" {
		return msg + "\n" + lang.L("board.comment.otherWaysPhone", map[string]any{"Phone": p})
	}
	return msg + "\n" + lang.L("board.comment.otherWays")
}

// PreviewComment is the 我有意见 form: the opinion on the pinyin keyboard,
// an optional contact number on the keypad, and 提交意见. After a
// successful submission it thanks the resident.
type PreviewComment struct {
	Notice  data.PreviewNotice
	Body    *input.Entry
	Contact *input.Entry
	Count   *fitlabel.Label
	Message *widget.Label
	Submit  *widget.Button
	Panel   *input.Panel
	// Thanks is shown in place of the form once the opinion is stored.
	Thanks fyne.CanvasObject
	// Closed is shown in place of the form when data refuses the opinion
	// because the period for opinions has ended (or the draft was taken
	// back); ClosedText says so politely, with data's message.
	Closed     fyne.CanvasObject
	ClosedText *fitlabel.Label
	ClosedBack *widget.Button // 返回征求意见列表
	// Period says until when opinions are taken.
	Period *fitlabel.Label
	// Done is true once the opinion is stored.
	Done bool

	nav     *Nav
	store   PreviewStore
	box     *regPanelBox
	scroll  *container.Scroll
	form    fyne.CanvasObject
	actions fyne.CanvasObject
	content *fyne.Container
	sending bool
}

// NewPreviewComment builds the form for an opinion on n.
func NewPreviewComment(nav *Nav, store PreviewStore, n data.PreviewNotice) *PreviewComment {
	c := &PreviewComment{Notice: n, nav: nav, store: store}
	c.Panel = input.NewPanel()
	c.Panel.OnShow = c.onShow
	c.Panel.OnDone = c.onDone

	c.Body = typedEntry(nav, c.Panel, input.Text, lang.L("board.comment.bodyHint"), c.refreshCount)
	c.Body.MultiLine = true
	c.Body.Wrapping = fyne.TextWrapWord
	c.Body.SetMinRowsVisible(4)
	c.Contact = typedEntry(nav, c.Panel, input.Phone, lang.L("board.comment.contactHint"), nil)
	c.Count = quiet("") // wrapped: narrow beside the keys in elder mode
	c.Message = trackError()
	c.refreshCount()

	c.Submit = widget.NewButtonWithIcon(lang.L("board.comment.submit"), fynetheme.MailSendIcon(), c.onSubmit)
	c.Submit.Importance = widget.HighImportance
	c.actions = container.New(&minLayout{width: 240, touchScale: 1.25}, c.Submit)

	c.form = container.NewVBox(
		subheading(lang.L("board.comment.body")),
		c.Body, c.Count,
		subheading(lang.L("board.comment.contact")),
		c.Contact,
		quiet(lang.L("board.comment.privacy")),
		c.Message,
	)
	c.scroll = vscroll(c.form)
	c.Period = quiet(previewPeriod(n, nav.Now()))
	if n.Until.IsZero() {
		c.Period.Hide()
	}
	top := compact(container.NewVBox(heading(lang.L("board.comment.heading", map[string]any{"Title": n.Title})),
		c.Period))
	c.box = newRegPanelBox(nav, top, c.scroll, c.Panel)
	c.Thanks = c.thanks()
	c.Thanks.Hide()
	c.Closed = c.closed()
	c.Closed.Hide()
	c.content = container.NewStack(c.box.Container, c.Thanks, c.Closed)
	return c
}

// Title is part of Screen.
func (c *PreviewComment) Title() string { return lang.L("board.preview.title") }

// Content is part of Screen.
func (c *PreviewComment) Content() fyne.CanvasObject { return c.content }

// Actions puts 提交意见 in the footer (hidden after the thanks).
func (c *PreviewComment) Actions() fyne.CanvasObject { return c.actions }

// Leave closes the keyboard.
func (c *PreviewComment) Leave() { c.closeKeys() }

func (c *PreviewComment) thanks() fyne.CanvasObject {
	back := widget.NewButtonWithIcon(lang.L("board.comment.back"), fynetheme.NavigateBackIcon(),
		func() { c.nav.Back() })
	back.Importance = widget.HighImportance
	return vscroll(container.NewVBox(onCard(container.NewVBox(
		heading(lang.L("board.comment.thanksTitle")),
		para(lang.L("board.comment.thanks")),
		container.NewHBox(container.New(&minLayout{width: 240, touchScale: 1.25}, back)),
	))))
}

// closed is the card shown when data refuses the opinion as too late.
func (c *PreviewComment) closed() fyne.CanvasObject {
	c.ClosedText = para("")
	c.ClosedBack = widget.NewButtonWithIcon(lang.L("board.comment.backToList"), fynetheme.NavigateBackIcon(),
		c.onBackToList)
	c.ClosedBack.Importance = widget.HighImportance
	return vscroll(container.NewVBox(onCard(container.NewVBox(
		heading(lang.L("board.comment.closedTitle")),
		c.ClosedText,
		container.NewHBox(container.New(&minLayout{width: 240, touchScale: 1.25}, c.ClosedBack)),
	))))
}

// onBackToList goes back to the list of drafts, which reads them again
// (the closed one is gone from it).
func (c *PreviewComment) onBackToList() {
	for c.nav.Depth() > 2 {
		if _, ok := c.nav.Current().(*Previews); ok {
			return
		}
		c.nav.Back()
	}
}

func (c *PreviewComment) refreshCount() {
	c.Count.SetText(lang.L("board.comment.count", map[string]any{
		"N":   utf8.RuneCountInString(strings.TrimSpace(c.Body.Text)),
		"Min": data.MinCommentRunes, "Max": data.MaxCommentRunes}))
}

// onShow lays the form out with the keys open and scrolls the field into
// view.
func (c *PreviewComment) onShow(e *input.Entry) {
	c.box.Container.Refresh()
	input.ScrollIntoView(c.scroll, e)
}

// onDone: 完成 closes the keys (after taking back the Enter it typed into
// the opinion).
func (c *PreviewComment) onDone(e *input.Entry) {
	if e != nil && e.MultiLine {
		dropDoneNewline(e)
	}
	c.closeKeys()
}

func (c *PreviewComment) closeKeys() {
	c.Panel.Dismiss()
	c.box.Container.Refresh()
}

// onSubmit stores the opinion off the UI goroutine; data's message, if
// any, shows under the form.
func (c *PreviewComment) onSubmit() {
	c.nav.Activity()
	if c.sending || c.Done {
		return
	}
	c.Panel.Keyboard.Reset() // a syllable still being composed is dropped, not sent
	dropDoneNewline(c.Body)
	body, contact := c.Body.Text, c.Contact.Text
	c.sending = true
	c.Submit.Disable()
	setTrackError(c.Message, "")
	id := c.Notice.VersionID
	c.nav.Async(func() func() {
		_, err := c.store.AddComment(c.nav.Context(), id, body, contact)
		return func() { c.submitted(err) }
	})
}

func (c *PreviewComment) submitted(err error) {
	c.sending = false
	c.Submit.Enable()
	var inv *data.InvalidError
	if errors.As(err, &inv) && inv.Field == "version" {
		// Too late (or taken back): nothing the resident can fix by
		// editing, so the form gives way to a polite card.
		c.closeKeys()
		c.ClosedText.SetText(lateText(c.nav, locale.Message(inv)))
		c.box.Container.Hide()
		c.actions.Hide()
		c.Closed.Show()
		c.content.Refresh()
		touch.BringIntoView(c.Closed)
		return
	}
	if err != nil {
		fyne.LogError("kiosk: comment", err)
		setTrackError(c.Message, c.nav.message(err))
		return
	}
	c.Done = true
	c.closeKeys()
	c.Body.SetText("")
	c.Contact.SetText("")
	c.box.Container.Hide()
	c.actions.Hide()
	c.Thanks.Show()
	c.content.Refresh()
	touch.BringIntoView(c.Thanks)
}
