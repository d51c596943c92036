package kiosk

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/paper"
	bmtheme "bianmin/ui/theme"
	"bianmin/ui/touch"
)

// ComplainDone is shown once a complaint is filed: its code and query code
// large, the QR code of its status page ({BaseURL}/c/{token}), the date by
// which it will be answered and the complaint phone.
type ComplainDone struct {
	Receipt data.ComplaintReceipt
	Code    *widget.Label
	Query   *widget.Label
	// QR is the code of URL; nil when no base URL is configured.
	QR  *canvas.Image
	URL string
	// PrintButton prints the complaint's receipt on the roll, as a
	// request's is (hidden without a printer or a QR code); PrintStatus
	// says how it went.
	PrintButton *widget.Button
	PrintStatus *widget.Label

	nav      *Nav
	printer  RegisterPrinter
	target   string
	printing bool
	content  fyne.CanvasObject
	actions  fyne.CanvasObject
}

// NewComplainDone builds the screen for a filed complaint about target.
func NewComplainDone(nav *Nav, t *Tracker, rc data.ComplaintReceipt, target string) *ComplainDone {
	s := &ComplainDone{Receipt: rc, nav: nav, printer: t.opts.Printer, target: target}
	banner, _ := trackBanner(lang.L("track.done.banner"), bmtheme.ColorNameStatusOK)
	s.Code = trackBig(rc.Code)
	s.Query = trackBig(rc.QueryCode)
	due := lang.L("track.done.due", map[string]any{"Due": trackDay(rc.DueDay), "Days": complaintDays(nav)})

	info := []fyne.CanvasObject{
		quiet(lang.L("track.done.code")), s.Code,
		quiet(lang.L("track.done.query")), s.Query,
		widget.NewSeparator(),
		para(lang.L("track.complain.target", map[string]any{"Target": target})),
		para(due),
	}
	// The phone goes with the QR code, the advice below both, so that on a
	// landscape screen the two cards are about as tall.
	var extra []fyne.CanvasObject
	if rc.Phone != "" {
		phone := para(lang.L("track.done.phone", map[string]any{"Phone": rc.Phone}))
		phone.Alignment = fyne.TextAlignCenter
		extra = append(extra, phone)
	}
	cols := []fyne.CanvasObject{onCard(compact(container.NewVBox(info...)))}

	if base := strings.TrimRight(t.BaseURL(), "/"); base != "" {
		s.URL = base + "/c/" + rc.Token
		if img, err := paper.QRImage(s.URL, 8); err == nil {
			s.QR = canvas.NewImageFromImage(img)
			s.QR.FillMode = canvas.ImageFillContain
			s.QR.ScaleMode = canvas.ImageScalePixels
			side := fyne.CurrentApp().Settings().Theme().Size(fynetheme.SizeNameText) * 11
			s.QR.SetMinSize(fyne.NewSquareSize(side))
			caption := para(lang.L("track.done.qr"))
			caption.Alignment = fyne.TextAlignCenter
			cols = append(cols, onCard(compact(container.NewVBox(
				append([]fyne.CanvasObject{container.NewCenter(s.QR), caption}, extra...)...))))
			extra = nil
		} else {
			fyne.LogError("kiosk: complaint QR", err)
		}
	}
	th := fyne.CurrentApp().Settings().Theme()
	grid := container.New(&trackColumns{win: nav.Window(), min: th.Size(fynetheme.SizeNameText) * 14}, cols...)
	body := append([]fyne.CanvasObject{banner, grid}, extra...) // the phone, when there is no QR code
	s.PrintStatus = widget.NewLabel("")
	s.PrintStatus.Wrapping = fyne.TextWrapWord
	s.PrintStatus.TextStyle = fyne.TextStyle{Bold: true}
	s.PrintStatus.Hide()
	body = append(body, s.PrintStatus, quiet(lang.L("track.done.keep")))
	s.content = vscroll(container.NewVBox(body...))
	s.PrintButton = widget.NewButtonWithIcon(lang.L("track.done.print"), fynetheme.DocumentPrintIcon(), s.onPrint)
	s.PrintButton.Importance = widget.HighImportance
	if s.printer == nil || s.URL == "" {
		s.PrintButton.Hide()
	}
	s.actions = container.New(&minLayout{touchScale: 1.25}, s.PrintButton)
	return s
}

// Actions puts 打印回执 in the footer.
func (s *ComplainDone) Actions() fyne.CanvasObject { return s.actions }

// onPrint prints the complaint's receipt off the UI goroutine.
func (s *ComplainDone) onPrint() {
	s.nav.Activity()
	if s.printing || s.printer == nil || s.URL == "" {
		return
	}
	s.printing = true
	s.PrintButton.Disable()
	s.setStatus(lang.L("track.done.printing"), widget.MediumImportance)
	r := paper.ComplaintReceipt{Center: s.nav.Center().Name, Code: s.Receipt.Code, QueryCode: s.Receipt.QueryCode,
		About: s.target, Time: s.Receipt.Created, Days: complaintDays(s.nav), TrackURL: s.URL, Phone: s.Receipt.Phone}
	if d, err := data.ParseDay(s.Receipt.DueDay); err == nil {
		r.Due = d
	}
	printer := s.printer
	s.nav.Async(func() func() {
		doc, err := paper.ComplaintReceiptPDF(r)
		if err == nil {
			_, err = printer.Print(s.nav.Context(), doc.PDF, doc.Media())
		}
		return func() { s.printed(err) }
	})
}

func (s *ComplainDone) printed(err error) {
	s.printing = false
	s.PrintButton.Enable()
	if err == nil {
		s.setStatus(lang.L("track.done.printed"), widget.SuccessImportance)
		s.PrintButton.SetText(lang.L("track.done.print"))
		return
	}
	fyne.LogError("kiosk: print complaint receipt", err)
	key := "track.done.printFailed"
	switch {
	case errors.Is(err, paper.ErrNoCUPS):
		key = "track.done.printNoCups"
	case errors.Is(err, paper.ErrPrinterMissing):
		key = "track.done.printMissing"
	case errors.Is(err, paper.ErrPrinterStopped):
		key = "track.done.printStopped"
	}
	s.setStatus(lang.L(key), widget.DangerImportance)
	s.PrintButton.SetText(lang.L("track.done.reprint"))
}

func (s *ComplainDone) setStatus(text string, imp widget.Importance) {
	s.PrintStatus.Importance = imp
	s.PrintStatus.SetText(text)
	s.PrintStatus.Show()
	touch.BringIntoView(s.PrintStatus) // under the cards: below the fold on a kiosk screen
}

// complaintDays is the center's time limit for complaints in working days.
func complaintDays(nav *Nav) int {
	if d := nav.Center().ComplaintDays; d > 0 {
		return d
	}
	return 10
}

// Title is part of Screen.
func (s *ComplainDone) Title() string { return lang.L("track.complain.title") }

// Content is part of Screen.
func (s *ComplainDone) Content() fyne.CanvasObject { return s.content }

// Speech reads out the code, the query code and the date of the answer.
func (s *ComplainDone) Speech() string {
	return lang.L("track.speech.done", map[string]any{
		"Code": spellOut(s.Receipt.Code), "Query": spellOut(s.Receipt.QueryCode), "Due": trackDay(s.Receipt.DueDay)})
}

// spellOut separates the characters of a code so that a speech engine reads
// them one by one ("T W Y 2 0 2 6 …") instead of as a word or a number.
func spellOut(code string) string {
	var out []string
	for _, r := range code {
		if r != '-' {
			out = append(out, string(r))
		}
	}
	return strings.Join(out, " ")
}

// ComplaintView is a complaint's status as its complainant may see it: the
// status in words, the code, what it is about, when it was filed and is
// due, and the reply once it is published.
type ComplaintView struct {
	Complaint data.ComplaintStatus
	Status    *canvas.Text
	Reply     *fitlabel.Label

	content fyne.CanvasObject
}

// NewComplaintView builds the status screen of a complaint found.
func NewComplaintView(nav *Nav, c data.ComplaintStatus) *ComplaintView {
	s := &ComplaintView{Complaint: c}
	colour := bmtheme.ColorNameStatusInfo
	if c.Status == "answered" || c.Status == "closed" {
		colour = bmtheme.ColorNameStatusOK
	}
	banner, text := trackBanner(complaintStatusText(c), colour)
	s.Status = text
	th := fyne.CurrentApp().Settings().Theme()
	facts := container.New(newGrid(th.Size(fynetheme.SizeNameText)*12, 2, false),
		fact(lang.L("track.complaint.code"), c.Code),
		fact(lang.L("track.complaint.about"), lang.X("track.complaint.about."+string(c.About), c.About.Label())),
		fact(lang.L("track.complaint.created"), trackTime(c.Created)),
		fact(lang.L("track.complaint.due"), trackDay(c.DueDay)),
	)
	reply := lang.L("track.complaint.noReply")
	if c.Published && strings.TrimSpace(c.Reply) != "" {
		reply = c.Reply
	}
	s.Reply = para(reply)
	s.content = vscroll(container.NewVBox(banner, facts, section(lang.L("track.complaint.reply"), s.Reply)))
	return s
}

// Title is part of Screen.
func (s *ComplaintView) Title() string { return lang.L("track.complaint.title") }

// Content is part of Screen.
func (s *ComplaintView) Content() fyne.CanvasObject { return s.content }

// Speech reads out the status, the due date and the reply.
func (s *ComplaintView) Speech() string {
	return lang.L("track.speech.complaint", map[string]any{
		"Status": complaintStatusText(s.Complaint), "Due": trackDay(s.Complaint.DueDay), "Reply": s.Reply.Text})
}
