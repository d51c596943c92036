package kiosk

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
	"bianmin/ui/locale"
)

// 投诉建议 (§十) is a flow of screens, one decision each, sharing a
// draft so that 返回 goes back one step and loses nothing:
//
//  1. Complain: what it is about — a request, a window, a staff member,
//     or something else;
//  2. ComplainRequest (scan or type the receipt), ComplainWindow or
//     ComplainStaff (pick one); skipped for 其他;
//  3. ComplainBody: what happened, on the pinyin keyboard;
//  4. ComplainContact: name and mobile, both optional (anonymous is fine);
//  5. ComplainReview: check and submit.
//
// Submitting files the complaint off the UI goroutine and shows
// ComplainDone with its own code, query code and QR. The tracking result's
// 我要投诉 starts at step 3 with the request already known.

// complainSteps is the number of steps the step line counts.
const complainSteps = 5

// complaintDraft is what the resident has chosen and typed so far.
type complaintDraft struct {
	about     data.ComplaintAbout
	requestID int64
	windowID  int64
	staffID   int64
	target    string // what the complaint is about, in words
	body      string
	name      string
	phone     string
	// token is the complaint's tracking token from its first submit on,
	// sent again with every retry so that it is never filed twice
	// (data.NewComplaint.Token); "" again once a refusal says nothing was
	// saved.
	token string
}

func (d *complaintDraft) complaint() data.NewComplaint {
	return data.NewComplaint{Channel: "kiosk", About: d.about, RequestID: d.requestID, WindowID: d.windowID,
		StaffID: d.staffID, Body: d.body, ContactName: d.name, ContactPhone: d.phone, Token: d.token}
}

// problem is data's message for the first problem of the draft when it
// concerns one of fields, else "".
func (d *complaintDraft) problem(fields ...string) string {
	_, err := d.complaint().Clean()
	var ie *data.InvalidError
	if errors.As(err, &ie) && slices.Contains(fields, ie.Field) {
		return locale.Message(ie)
	}
	return ""
}

// Complain is the first step: what the complaint is about.
type Complain struct {
	// Tiles are the four choices by what they are about.
	Tiles map[data.ComplaintAbout]*Tile

	nav     *Nav
	tracker *Tracker
	content fyne.CanvasObject
}

// NewComplain builds the first screen of 投诉建议.
func NewComplain(nav *Nav, t *Tracker) *Complain {
	s := &Complain{Tiles: map[data.ComplaintAbout]*Tile{}, nav: nav, tracker: t}
	choices := []struct {
		about data.ComplaintAbout
		icon  fyne.Resource
	}{
		{data.AboutRequest, fynetheme.DocumentIcon()},
		{data.AboutWindow, fynetheme.HomeIcon()},
		{data.AboutStaff, fynetheme.AccountIcon()},
		{data.AboutOther, fynetheme.MailComposeIcon()},
	}
	list := container.NewVBox()
	for _, c := range choices {
		about := c.about
		tile := NewRowTile(fynetheme.NewPrimaryThemedResource(c.icon), lang.L("track.complain.about."+string(about)),
			lang.L("track.complain.about."+string(about)+".sub"), func() { s.onChoose(about) })
		s.Tiles[about] = tile
		list.Add(tile)
	}
	hint := lang.L("track.complain.otherWays")
	if p := nav.Center().ComplaintPhone; p != "" {
		hint = lang.L("track.complain.otherWaysPhone", map[string]any{"Phone": p})
	}
	s.content = vscroll(container.NewVBox(
		trackHead(1, complainSteps, lang.L("track.complain.step.about"), lang.L("track.complain.aboutTitle")),
		list,
		quiet(hint),
	))
	return s
}

// Title is part of Screen.
func (s *Complain) Title() string { return lang.L("track.complain.title") }

// Content is part of Screen.
func (s *Complain) Content() fyne.CanvasObject { return s.content }

func (s *Complain) onChoose(about data.ComplaintAbout) {
	s.nav.Activity()
	d := &complaintDraft{about: about}
	switch about {
	case data.AboutRequest:
		s.nav.Push(NewComplainRequest(s.nav, s.tracker, d))
	case data.AboutWindow:
		s.nav.Push(NewComplainWindow(s.nav, s.tracker, d))
	case data.AboutStaff:
		s.nav.Push(NewComplainStaff(s.nav, s.tracker, d))
	default:
		d.target = lang.L("track.complain.about.other")
		s.nav.Push(newComplainBody(s.nav, s.tracker, d))
	}
}

// ComplainRequest asks for the receipt of the request complained about: a
// scan or its number and query code.
type ComplainRequest struct {
	lookupScreen
	draft *complaintDraft
}

// NewComplainRequest builds step 2 for a complaint about a request.
func NewComplainRequest(nav *Nav, t *Tracker, d *complaintDraft) *ComplainRequest {
	s := &ComplainRequest{draft: d}
	s.lookupScreen = newLookupScreen(nav, t, s.onFound, nil)
	s.layout(trackHead(2, complainSteps, lang.L("track.complain.step.request"), lang.L("track.complain.requestIntro")))
	return s
}

// Title is part of Screen.
func (s *ComplainRequest) Title() string { return lang.L("track.complain.title") }

// Scan takes a scanned receipt as the request complained about.
func (s *ComplainRequest) Scan(code string) bool { return s.Form.ScanToken(code) }

func (s *ComplainRequest) onFound(tr data.Tracking) {
	s.draft.requestID = tr.RequestID
	s.draft.target = lang.L("track.complain.aboutRequestTarget", map[string]any{
		"Item": tr.ItemName, "Number": tr.ReceiptNo})
	s.nav.Push(newComplainBody(s.nav, s.tracker, s.draft))
}

// complainPicker is what the two pickers of step 2 (a window, a staff
// member) share: the line that says the list is loading or why there is
// none, the draft a pick fills in, and the step after.
type complainPicker struct {
	Status *widget.Label

	nav     *Nav
	tracker *Tracker
	draft   *complaintDraft
	content fyne.CanvasObject
}

func newComplainPicker(nav *Nav, t *Tracker, d *complaintDraft) complainPicker {
	return complainPicker{Status: status(lang.L("kiosk.loading")), nav: nav, tracker: t, draft: d}
}

// Title is part of Screen.
func (p *complainPicker) Title() string { return lang.L("track.complain.title") }

// Content is part of Screen.
func (p *complainPicker) Content() fyne.CanvasObject { return p.content }

// lay makes the content: the head of step 2 (the keys of its step name and
// title) over body, scrolling.
func (p *complainPicker) lay(step, title string, body ...fyne.CanvasObject) {
	head := trackHead(2, complainSteps, lang.L(step), lang.L(title))
	p.content = vscroll(container.NewVBox(append([]fyne.CanvasObject{head}, body...)...))
}

// loadThen runs load off the UI goroutine and hands what it gives to show
// on it.
func loadThen[T any](nav *Nav, load func(context.Context) (T, error), show func(T, error)) {
	nav.Async(func() func() {
		v, err := load(nav.Context())
		return func() { show(v, err) }
	})
}

// loaded reports whether a list of n came; if not, Status says why: the
// error, or the none message.
func (p *complainPicker) loaded(what string, n int, err error, none string) bool {
	if p.nav.showFailure(p.Status, "kiosk: "+what, err) {
		return false
	}
	if n == 0 {
		p.Status.SetText(lang.L(none))
		return false
	}
	return true
}

// picked goes on to what happened, after a pick that filled the draft in.
func (p *complainPicker) picked() {
	p.nav.Activity()
	p.nav.Push(newComplainBody(p.nav, p.tracker, p.draft))
}

// ComplainWindow lists the windows to pick the one complained about.
type ComplainWindow struct {
	complainPicker
	Tiles []*Tile

	list *fyne.Container
}

// NewComplainWindow builds step 2 for a complaint about a window and
// starts loading the windows.
func NewComplainWindow(nav *Nav, t *Tracker, d *complaintDraft) *ComplainWindow {
	s := &ComplainWindow{complainPicker: newComplainPicker(nav, t, d)}
	s.list = container.NewVBox(s.Status)
	s.lay("track.complain.step.window", "track.complain.windowTitle", s.list)
	loadThen(nav, t.store.Windows, s.show)
	return s
}

func (s *ComplainWindow) show(ws []data.Window, err error) {
	if !s.loaded("windows", len(ws), err, "track.complain.noWindows") {
		return
	}
	s.list.RemoveAll()
	icon := fynetheme.NewPrimaryThemedResource(fynetheme.HomeIcon())
	for _, w := range ws {
		w := w
		name := windowText(w.Code, map[string]string{w.Code: w.Name})
		tile := NewRowTile(icon, name, trackShorten(w.Duties, 40), func() { s.onPick(w, name) })
		s.Tiles = append(s.Tiles, tile)
		s.list.Add(tile)
	}
	s.list.Refresh()
}

func (s *ComplainWindow) onPick(w data.Window, name string) {
	s.draft.windowID, s.draft.target = w.ID, lang.L("track.complain.aboutWindowTarget", map[string]any{"Window": name})
	s.picked()
}

// trackShorten cuts s to n characters (runes) at most, with an ellipsis.
func trackShorten(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// ComplainStaff shows the staff cards (photo, name, post, window) to pick
// the person complained about.
type ComplainStaff struct {
	complainPicker
	Cards []*TapCard
	Staff []data.StaffCard

	grid *fyne.Container
}

// NewComplainStaff builds step 2 for a complaint about a staff member and
// starts loading the cards.
func NewComplainStaff(nav *Nav, t *Tracker, d *complaintDraft) *ComplainStaff {
	s := &ComplainStaff{complainPicker: newComplainPicker(nav, t, d)}
	th := fyne.CurrentApp().Settings().Theme()
	s.grid = container.New(newGrid(th.Size(fynetheme.SizeNameText)*20, 3, false))
	s.lay("track.complain.step.staff", "track.complain.staffTitle", s.Status, s.grid)
	loadThen(nav, t.store.StaffCards, s.show)
	return s
}

func (s *ComplainStaff) show(cards []data.StaffCard, err error) {
	if !s.loaded("staff", len(cards), err, "track.complain.noStaff") {
		return
	}
	s.Status.SetText(lang.L("track.complain.staffHint"))
	s.grid.RemoveAll()
	for _, c := range cards {
		c := c
		card := newStaffCard(c)
		card.Duties.Hide() // name, photo, post and window are enough to recognise someone
		tap := NewTapCard(card.content, func() { s.onPick(c) })
		s.Cards = append(s.Cards, tap)
		s.Staff = append(s.Staff, c)
		s.grid.Add(tap)
	}
	s.grid.Refresh()
}

func (s *ComplainStaff) onPick(c data.StaffCard) {
	who := c.Name
	if c.Post != "" {
		who = lang.L("track.complain.staffNamePost", map[string]any{"Name": c.Name, "Post": c.Post})
	}
	s.draft.staffID, s.draft.target = c.ID, lang.L("track.complain.aboutStaffTarget", map[string]any{"Staff": who})
	s.picked()
}

// complainTyped is what the two typed steps of a complaint (what
// happened, the contact) share: the on-screen keys, the message line, 下一步
// and the screen's parts.
type complainTyped struct {
	Message *widget.Label
	Next    *widget.Button
	Panel   *input.Panel

	nav     *Nav
	tracker *Tracker
	draft   *complaintDraft
	keys    *trackKeys
	content fyne.CanvasObject
	actions fyne.CanvasObject
}

// newComplainTyped makes the shared parts: keys calling onDone when done
// is tapped (nil: they close), 下一步 calling onNext.
func newComplainTyped(nav *Nav, t *Tracker, d *complaintDraft, onDone func(*input.Entry), onNext func()) complainTyped {
	s := complainTyped{nav: nav, tracker: t, draft: d, keys: newTrackKeys(t, onDone), Message: trackError()}
	s.Panel = s.keys.Panel
	s.Next = widget.NewButtonWithIcon(lang.L("track.next"), fynetheme.NavigateNextIcon(), onNext)
	s.Next.Importance = widget.HighImportance
	s.Next.IconPlacement = widget.ButtonIconTrailingText
	return s
}

// Title is part of Screen.
func (s *complainTyped) Title() string { return lang.L("track.complain.title") }

// Content is part of Screen.
func (s *complainTyped) Content() fyne.CanvasObject { return s.content }

// Actions is part of Screen: the footer's buttons.
func (s *complainTyped) Actions() fyne.CanvasObject { return s.actions }

// Leave closes the keys.
func (s *complainTyped) Leave() { s.keys.close() }

// ComplainBody asks what happened, typed on the pinyin keyboard.
type ComplainBody struct {
	complainTyped
	Body  *input.Entry
	Count *widget.Label
}

func newComplainBody(nav *Nav, t *Tracker, d *complaintDraft) *ComplainBody {
	s := &ComplainBody{}
	s.complainTyped = newComplainTyped(nav, t, d, nil, s.onNext)
	s.Body = s.Panel.NewEntry(input.Text)
	s.keys.multiLine(s.Body, 4)
	s.Body.SetPlaceHolder(lang.L("track.complain.bodyHint"))
	s.Body.SetText(d.body)
	s.Body.OnChanged = func(string) { nav.Activity(); s.refreshCount() }
	s.Count = widget.NewLabel("")
	s.Count.Importance = widget.LowImportance
	s.actions = container.New(&minLayout{touchScale: 1.25}, s.Next)
	s.refreshCount()

	target := widget.NewLabel(lang.L("track.complain.target", map[string]any{"Target": d.target}))
	target.Wrapping = fyne.TextWrapWord
	head := trackHead(3, complainSteps, lang.L("track.complain.step.body"), lang.L("track.complain.bodyTitle"))
	s.content = s.keys.place(container.NewVBox(head, target, s.Body, s.Count, s.Message), head, target)
	return s
}

func (s *ComplainBody) refreshCount() {
	s.Count.SetText(lang.L("track.complain.count", map[string]any{
		"N": utf8.RuneCountInString(strings.TrimSpace(s.Body.Text)), "Min": data.MinComplaintRunes}))
}

func (s *ComplainBody) onNext() {
	s.nav.Activity()
	s.Panel.Keyboard.Reset()
	dropDoneNewline(s.Body)
	s.draft.body = s.Body.Text
	if msg := s.draft.problem("body"); msg != "" {
		setTrackError(s.Message, msg)
		return
	}
	setTrackError(s.Message, "")
	s.keys.close()
	s.nav.Push(newComplainContact(s.nav, s.tracker, s.draft))
}

// ComplainContact asks for a name and a mobile number, both optional.
type ComplainContact struct {
	complainTyped
	Name      *input.Entry
	Phone     *input.Entry
	Anonymous *widget.Button
}

func newComplainContact(nav *Nav, t *Tracker, d *complaintDraft) *ComplainContact {
	s := &ComplainContact{}
	s.complainTyped = newComplainTyped(nav, t, d, s.onDone, s.onNext)
	s.Name = s.Panel.NewEntry(input.Name)
	s.Name.SetPlaceHolder(lang.L("track.complain.nameHint"))
	s.Name.SetText(d.name)
	s.Name.OnChanged = func(string) { nav.Activity() }
	s.Phone = s.Panel.NewEntry(input.Phone)
	s.Phone.SetPlaceHolder(lang.L("track.complain.phoneHint"))
	s.Phone.SetText(d.phone)
	s.Phone.OnChanged = func(string) { nav.Activity() }
	s.Anonymous = widget.NewButton(lang.L("track.complain.anonymous"), s.onAnonymous)
	s.actions = container.NewGridWithColumns(2,
		container.New(&minLayout{touchScale: 1.25}, s.Anonymous),
		container.New(&minLayout{touchScale: 1.25}, s.Next))

	head := trackHead(4, complainSteps, lang.L("track.complain.step.contact"), lang.L("track.complain.contactTitle"))
	intro := para(lang.L("track.complain.contactIntro"))
	fields := container.New(layout.NewFormLayout(),
		lookupLabel(lang.L("track.complain.name")), s.Name,
		lookupLabel(lang.L("track.complain.phone")), s.Phone,
	)
	s.content = s.keys.place(container.NewVBox(head, intro, fields, s.Message), head, intro)
	return s
}

// onDone moves from the name to the mobile number, then closes the keys.
func (s *ComplainContact) onDone(e *input.Entry) {
	if e == s.Name {
		focusEntry(s.Phone)
		return
	}
	s.keys.close()
}

func (s *ComplainContact) onNext() {
	s.nav.Activity()
	s.Panel.Keyboard.Reset()
	s.draft.name, s.draft.phone = s.Name.Text, s.Phone.Text
	if msg := s.draft.problem("contact_name", "contact_phone"); msg != "" {
		setTrackError(s.Message, msg)
		return
	}
	setTrackError(s.Message, "")
	s.keys.close()
	s.nav.Push(newComplainReview(s.nav, s.tracker, s.draft))
}

func (s *ComplainContact) onAnonymous() {
	s.Name.SetText("")
	s.Phone.SetText("")
	s.onNext()
}

// ComplainReview shows the complaint as it will be filed and submits it.
type ComplainReview struct {
	Submit  *widget.Button
	Message *widget.Label

	nav     *Nav
	tracker *Tracker
	draft   *complaintDraft
	busy    bool
	content fyne.CanvasObject
	actions fyne.CanvasObject
}

func newComplainReview(nav *Nav, t *Tracker, d *complaintDraft) *ComplainReview {
	s := &ComplainReview{nav: nav, tracker: t, draft: d}
	contact := lang.L("track.complain.review.anonymous")
	switch name, phone := strings.TrimSpace(d.name), strings.TrimSpace(d.phone); {
	case name != "" && phone != "":
		contact = name + "　" + phone
	case name != "":
		contact = name
	case phone != "":
		contact = phone
	}
	s.Submit = widget.NewButtonWithIcon(lang.L("track.complain.submit"), fynetheme.MailSendIcon(), s.onSubmit)
	s.Submit.Importance = widget.HighImportance
	s.Message = trackError()
	s.actions = container.New(&minLayout{touchScale: 1.25}, s.Submit)
	s.content = vscroll(container.NewVBox(
		trackHead(5, complainSteps, lang.L("track.complain.step.review"), lang.L("track.complain.reviewTitle")),
		fact(lang.L("track.complain.review.about"), d.target),
		fact(lang.L("track.complain.review.body"), strings.TrimSpace(d.body)),
		fact(lang.L("track.complain.review.contact"), contact),
		quiet(lang.L("track.complain.review.privacy")),
		s.Message,
	))
	return s
}

// Title is part of Screen.
func (s *ComplainReview) Title() string { return lang.L("track.complain.title") }

// Content is part of Screen.
func (s *ComplainReview) Content() fyne.CanvasObject { return s.content }

// Actions puts 提交 in the footer.
func (s *ComplainReview) Actions() fyne.CanvasObject { return s.actions }

func (s *ComplainReview) onSubmit() {
	s.nav.Activity()
	if s.busy {
		return
	}
	s.busy = true
	s.Submit.Disable()
	s.Message.Importance = widget.MediumImportance
	setTrackError(s.Message, lang.L("track.complain.submitting"))
	if s.draft.token == "" {
		s.draft.token = data.NewToken()
	}
	nc := s.draft.complaint()
	s.nav.Async(func() func() {
		rc, err := s.tracker.store.FileComplaint(s.nav.Context(), nc)
		return func() { s.done(rc, err) }
	})
}

func (s *ComplainReview) done(rc data.ComplaintReceipt, err error) {
	s.busy = false
	s.Submit.Enable()
	s.Message.Importance = widget.DangerImportance
	if err != nil {
		fyne.LogError("kiosk: file complaint", err)
		msg := s.nav.message(err)
		if errors.Is(err, data.ErrCommitUnknown) {
			msg = lang.L("kiosk.error.commitUnknown") // the retry keeps the token: filed once
		} else {
			s.draft.token = "" // nothing saved: a new complaint
		}
		setTrackError(s.Message, msg)
		s.Submit.SetText(lang.L("track.retry"))
		s.Submit.SetIcon(fynetheme.ViewRefreshIcon())
		return
	}
	// Filed: the flow is over. 返回 from the code screen goes home, so the
	// same complaint cannot be submitted twice.
	s.nav.Finish(NewComplainDone(s.nav, s.tracker, rc, s.draft.target))
}
