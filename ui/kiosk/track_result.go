package kiosk

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
)

// TrackResult is where a request stands (§十 全过程跟踪督查): the status in words
// with what it means, the item, the receipt number and the promised date,
// everything still missing in one list, the timeline (each step with its
// time and window), and how to complain. A finished request not yet rated
// offers 评价本次服务.
type TrackResult struct {
	Tracking data.Tracking

	Status   *canvas.Text
	Explain  *fitlabel.Label
	Due      string // the promised date in words
	Missing  []string
	Timeline []fyne.CanvasObject // one per event: what, then when and where
	// ComplainButton files a complaint about this request; RateButton (nil
	// unless CanRate) rates it.
	ComplainButton *widget.Button
	RateButton     *widget.Button

	nav     *Nav
	tracker *Tracker
	content fyne.CanvasObject
	actions fyne.CanvasObject
}

// NewTrackResult builds the result screen for a request found.
func NewTrackResult(nav *Nav, t *Tracker, tr data.Tracking) *TrackResult {
	r := &TrackResult{Tracking: tr, Missing: tr.Missing, nav: nav, tracker: t}
	banner, text := trackBanner(statusText(tr.Status), trackStatusColour(tr.Status))
	r.Status = text
	explain := lang.X("track.explain."+string(tr.Status), tr.Status.Explain())
	if tr.Status == data.StatusFinished && tr.Rated { // thanks instead of 欢迎您评价
		explain = lang.L("track.result.rated")
	}
	r.Explain = fitlabel.NewWrapped(explain)
	r.Explain.SizeName = fynetheme.SizeNameSubHeadingText

	r.Due = trackDue(tr.DueDay)
	th := fyne.CurrentApp().Settings().Theme()
	facts := container.New(newGrid(th.Size(fynetheme.SizeNameText)*12, 3, false),
		fact(lang.L("track.result.item"), tr.ItemName),
		fact(lang.L("track.result.number"), tr.ReceiptNo),
		fact(lang.L("track.result.due"), r.Due),
		fact(lang.L("track.result.applicant"), tr.ApplicantMask),
		fact(lang.L("track.result.created"), trackTime(tr.Created)),
		fact(lang.L("track.result.mode"), modeText(tr.Mode)),
	)
	body := []fyne.CanvasObject{banner, r.Explain, facts}

	if len(tr.Missing) > 0 {
		var items []fyne.CanvasObject
		for i, m := range tr.Missing {
			items = append(items, step(i+1, m))
		}
		if tr.Status != data.StatusWaiting { // whose explanation says it already
			items = append(items, quiet(lang.L("track.result.missingHint")))
		}
		body = append(body, section(lang.L("track.result.missing"), compact(container.NewVBox(items...))))
	}

	var events []fyne.CanvasObject
	for i, e := range tr.Events {
		row := step(i+1, eventText(e))
		r.Timeline = append(r.Timeline, row)
		events = append(events, row)
	}
	if len(events) == 0 {
		events = append(events, quiet(lang.L("track.result.noEvents")))
	}
	body = append(body, section(lang.L("track.result.timeline"), compact(container.NewVBox(events...))))

	complain := lang.L("track.result.complainHint")
	if tr.Complaint != "" {
		complain = lang.L("track.result.complainPhone", map[string]any{"Phone": tr.Complaint})
	}
	body = append(body, section(lang.L("track.result.complain"), para(complain)))
	r.content = vscroll(container.NewVBox(body...))

	r.ComplainButton = widget.NewButtonWithIcon(lang.L("track.result.complainButton"), fynetheme.MailComposeIcon(), r.onComplain)
	buttons := []fyne.CanvasObject{container.New(&minLayout{touchScale: 1.25}, r.ComplainButton)}
	if tr.CanRate() {
		r.RateButton = widget.NewButtonWithIcon(lang.L("track.result.rateButton"), fynetheme.ConfirmIcon(), r.onRate)
		r.RateButton.Importance = widget.HighImportance
		buttons = append(buttons, container.New(&minLayout{touchScale: 1.25}, r.RateButton))
	}
	r.actions = container.NewGridWithColumns(len(buttons), buttons...)
	return r
}

// eventText is one step of the timeline: what happened, then on a second
// line when, at which window, and the public note.
func eventText(e data.Event) string {
	details := []string{trackTime(e.At)}
	if e.WindowName != "" {
		details = append(details, e.WindowName)
	}
	if n := strings.TrimSpace(e.Note); n != "" {
		details = append(details, n)
	}
	return lang.X("track.event."+e.Kind, data.EventLabel(e.Kind)) + "\n" + strings.Join(details, " · ")
}

// Title is part of Screen.
func (r *TrackResult) Title() string { return lang.L("track.result.title") }

// Content is part of Screen.
func (r *TrackResult) Content() fyne.CanvasObject { return r.content }

// Actions puts 我要投诉 and 评价本次服务 in the footer.
func (r *TrackResult) Actions() fyne.CanvasObject { return r.actions }

// Speech is the result read aloud: the status, the item, the promised date
// and what is still missing.
func (r *TrackResult) Speech() string {
	tr := r.Tracking
	var b strings.Builder
	b.WriteString(lang.L("track.speech.status", map[string]any{"Status": statusText(tr.Status)}))
	b.WriteString(lang.L("track.speech.item", map[string]any{"Item": tr.ItemName}))
	b.WriteString(lang.L("track.speech.due", map[string]any{"Due": trackDue(tr.DueDay)}))
	if len(tr.Missing) > 0 {
		b.WriteString(lang.L("track.speech.missing", map[string]any{
			"N": strconv.Itoa(len(tr.Missing)), "Missing": strings.Join(tr.Missing, "、")}))
	}
	return b.String()
}

func (r *TrackResult) onComplain() {
	r.nav.Activity()
	d := &complaintDraft{about: data.AboutRequest, requestID: r.Tracking.RequestID,
		target: lang.L("track.complain.aboutRequestTarget", map[string]any{
			"Item": r.Tracking.ItemName, "Number": r.Tracking.ReceiptNo})}
	r.nav.Push(newComplainBody(r.nav, r.tracker, d))
}

func (r *TrackResult) onRate() {
	r.nav.Activity()
	r.nav.Push(NewRate(r.nav, r.tracker, r.Tracking))
}
