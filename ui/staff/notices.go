package staff

import (
	"context"
	"errors"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/paper"
	"bianmin/ui/touch"
)

type noticeKind int

const (
	noticePromise    noticeKind = iota + 1 // 承诺办结通知单
	noticeCorrection                       // 补正通知单
	noticeRefusal                          // 不予受理（办理）通知书
	noticeFinished                         // 办结通知单
)

// pendingNotice is the written notice the last step produced, ready to lay
// out from the request as now stored.
type pendingNotice struct {
	kind       noticeKind
	supplement data.SupplementNotice
	refusal    data.Refusal
}

// Kind names the notice for tests and logs: promise, correction, refusal,
// finished.
func (n *pendingNotice) Kind() string {
	switch n.kind {
	case noticePromise:
		return "promise"
	case noticeCorrection:
		return "correction"
	case noticeRefusal:
		return "refusal"
	case noticeFinished:
		return "finished"
	}
	return ""
}

func (n *pendingNotice) title() string {
	if n.kind == noticeRefusal && n.refusal.Kind == "不予办理" {
		return lang.L("staff.notice.notHandled")
	}
	return lang.L("staff.notice." + n.Kind())
}

// layout lays the notice out.
func (n *pendingNotice) layout(det data.RequestDetail, base paper.Notice, f paper.Format, remedy, trackURL string) (paper.Document, error) {
	switch n.kind {
	case noticePromise:
		due, _ := data.ParseDay(det.DueDay)
		return paper.PromiseNoticePDF(paper.PromiseNotice{Notice: base, Days: det.PromisedDays, Due: due}, f)
	case noticeCorrection:
		return paper.CorrectionNoticePDF(paper.CorrectionNotice{Notice: base, Missing: n.supplement.Materials,
			Note: n.supplement.Note}, f)
	case noticeRefusal:
		return paper.RefusalNoticePDF(paper.RefusalNotice{Notice: base, NotHandled: n.refusal.Kind == "不予办理",
			Reason: n.refusal.Reason, Basis: n.refusal.Basis, Remedy: remedy}, f)
	default:
		return paper.FinishedNoticePDF(paper.FinishedNotice{Notice: base, Finished: det.Finished.In(data.China), Result: det.Result,
			RateURL: trackURL}, f)
	}
}

// baseNotice is what every notice about the request carries.
func (r *Request) baseNotice() paper.Notice {
	det, d := r.Detail, r.d
	return paper.Notice{
		Center:    d.center.Name,
		RequestNo: det.ReceiptNo,
		Item:      det.ItemName,
		Applicant: data.MaskName(det.ApplicantName),
		Received:  det.Created.In(data.China),
		Date:      d.opts.Now().In(data.China),
		Window:    det.WindowName,
		Staff:     d.session.Name,
		TrackURL:  d.trackURL(det.Token),
		Phone:     d.center.ComplaintPhone,
	}
}

// onPrint lays out and prints the pending notice off the UI goroutine.
func (r *Request) onPrint() {
	n, p := r.Notice, r.d.printerFor(r.d.opts.NoticeFormat)
	if n == nil || p == nil {
		return
	}
	det, d := r.Detail, r.d
	base := r.baseNotice()
	remedy, track := d.center.Remedy, d.trackURL(det.Token)
	d.printJob(p, r.PrintButton, r.PrintStatus, "print notice", lang.L("staff.notice.printed"),
		func() (paper.Document, error) { return n.layout(det, base, d.opts.NoticeFormat, remedy, track) })
}

// printJob prints what layout lays out off the UI goroutine, with button
// off meanwhile, and says on status how it went (showPrinted).
func (d *Desk) printJob(p Printer, button *widget.Button, status *widget.Label, what, done string,
	layout func() (paper.Document, error)) {
	button.Disable()
	setPrintStatus(status, lang.L("staff.notice.printing"), false)
	d.async(func() func() {
		err := printNotice(d.opts.Context, p, layout)
		return func() {
			button.Enable()
			showPrinted(status, what, done, err)
		}
	})
}

// showPrinted says on status how a print went: done, or in red what staff
// can do about err (logged as what). It reports whether the print went.
func showPrinted(status *widget.Label, what, done string, err error) bool {
	if err != nil {
		fyne.LogError("staff: "+what, err)
		setPrintStatus(status, printMessage(err), true)
		return false
	}
	setPrintStatus(status, done, false)
	return true
}

// printNotice lays out a document and sends it to the printer.
func printNotice(ctx context.Context, p Printer, layout func() (paper.Document, error)) error {
	doc, err := layout()
	if err != nil {
		return err
	}
	_, err = p.Print(ctx, doc.PDF, doc.Media())
	return err
}

// timeText is a moment as staff read it, in China time.
func timeText(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(data.China).Format("2006-01-02 15:04")
}

// staffText names a staff member with their window.
func staffText(c data.LoginChoice) string {
	if c.WindowName == "" {
		return c.Name
	}
	return c.Name + "（" + c.WindowName + "）"
}

// NoticeStore lists the written notices a request has had and audits a
// reprint of one (data/handling.go); *data.Store satisfies it.
type NoticeStore interface {
	IssuedNotices(ctx context.Context, id int64) ([]data.IssuedNotice, error)
	ReprintNotice(ctx context.Context, by data.Session, requestID int64, kind data.NoticeKind,
		supplementID int64) (data.IssuedNotice, error)
}

var _ NoticeStore = (*data.Store)(nil)

// fromIssued is a stored notice as the notice bar's pending notice.
func fromIssued(n data.IssuedNotice) *pendingNotice {
	p := &pendingNotice{supplement: n.Supplement, refusal: n.Refusal}
	switch n.Kind {
	case data.NoticePromise:
		p.kind = noticePromise
	case data.NoticeCorrection:
		p.kind = noticeCorrection
	case data.NoticeRefusal:
		p.kind = noticeRefusal
	default:
		p.kind = noticeFinished
	}
	return p
}

// OpenNotices lists the notices the request has had, each a button that
// prints it again; with none, it says so.
func (r *Request) OpenNotices() {
	d := r.d
	ns := d.store
	if d.opts.Printer == nil {
		return
	}
	id := r.ID
	d.async(func() func() {
		list, err := ns.IssuedNotices(d.opts.Context, id)
		return func() {
			if err != nil {
				d.message(locale.Message(err))
				return
			}
			r.Issued = list
			r.NoticeChoices = nil
			if len(list) == 0 {
				d.message(lang.L("staff.notice.noneIssued"))
				return
			}
			var dlg dialog.Dialog
			box := container.NewVBox()
			for _, n := range list {
				text := lang.L("staff.notice.choice", map[string]any{"Title": noticeWord(n), "Time": timeText(n.At)})
				b := widget.NewButtonWithIcon(text, fynetheme.DocumentPrintIcon(), d.tap(func() {
					dlg.Hide()
					r.reprintIssued(n)
				}))
				b.Alignment = widget.ButtonAlignLeading
				r.NoticeChoices = append(r.NoticeChoices, b)
				box.Add(b)
			}
			// The list shows its rows (up to five, then scrolls): sized by
			// a guess of the dialog's frame, it showed one row cut in half.
			rows := touch.NewVScroll(box)
			rows.SetMinSize(fyne.NewSize(0, min(box.MinSize().Height, 5*r.NoticeChoices[0].MinSize().Height)))
			dlg = dialog.NewCustom(lang.L("staff.notice.reprintTitle"), lang.L("staff.form.cancel"), rows, d.win)
			dlg.Resize(fyne.NewSize(760, 0)) // as high as it needs
			dlg.Show()
		}
	})
}

// reprintIssued audits and prints a notice the request has had, laid out
// again from the stored request, dated as it was first issued.
func (r *Request) reprintIssued(n data.IssuedNotice) {
	d, p := r.d, r.d.printerFor(r.d.opts.NoticeFormat)
	ns := d.store
	if p == nil {
		return
	}
	by, id := d.session, r.ID
	base := r.baseNotice()
	det := r.Detail
	remedy, track := d.center.Remedy, d.trackURL(det.Token)
	setPrintStatus(r.ReprintStatus, lang.L("staff.notice.printing"), false)
	d.async(func() func() {
		got, err := ns.ReprintNotice(d.opts.Context, by, id, n.Kind, n.Supplement.ID)
		if err == nil {
			base.Date = got.At.In(data.China)
			if got.Staff != "" {
				base.Staff = got.Staff
			}
			err = printNotice(d.opts.Context, p, func() (paper.Document, error) {
				return fromIssued(got).layout(det, base, d.opts.NoticeFormat, remedy, track)
			})
		}
		return func() {
			done := lang.L("staff.notice.reprinted", map[string]any{"Notice": noticeWord(got)})
			showPrinted(r.ReprintStatus, "reprint notice", done, err)
		}
	})
}

// printMessage is what went wrong in words: the store's message for its
// errors; for the printer's, what a member of staff can do about it
// (paper.Message speaks to residents: 您的申请已保存, 请联系工作人员).
func printMessage(err error) string {
	var ie *data.InvalidError
	if errors.As(err, &ie) || errors.Is(err, data.ErrNotFound) {
		return locale.Message(err)
	}
	queue := ""
	var pe *paper.PrintError
	if errors.As(err, &pe) {
		queue = pe.Queue
	}
	switch {
	case errors.Is(err, paper.ErrNoCUPS):
		return lang.L("staff.print.noCUPS")
	case errors.Is(err, paper.ErrPrinterMissing) && queue == "":
		return lang.L("staff.print.noDefault")
	case errors.Is(err, paper.ErrPrinterMissing):
		return lang.L("staff.print.missing", map[string]any{"Queue": queue})
	case errors.Is(err, paper.ErrPrinterStopped):
		return lang.L("staff.print.stopped")
	}
	return lang.L("staff.print.failed")
}

// setPrintStatus shows a printing outcome on l: an error in red, anything
// else plainly; "" hides the line.
func setPrintStatus(l *widget.Label, msg string, failed bool) {
	l.Importance = widget.MediumImportance
	if failed {
		l.Importance = widget.DangerImportance
	}
	l.SetText(msg)
	l.Hidden = msg == ""
	l.Refresh()
}

// applicationForm is the request's 申请表, pre-filled in full from what
// the resident entered, with the item's sample files.
func applicationForm(det data.RequestDetail, it data.Item, center string, now time.Time) paper.ApplicationForm {
	f := paper.ApplicationForm{
		Center: center, RequestNo: det.ReceiptNo, Item: det.ItemName, Date: now.In(data.China),
		Name: det.ApplicantName, Phone: det.ApplicantPhone, IDNumber: det.ApplicantID,
		Address: det.Fields["address"], Description: det.Description,
	}
	for _, fl := range it.Fields {
		f.Fields = append(f.Fields, paper.FormField{Label: fl.Label,
			Value: strings.ReplaceAll(det.Fields[fl.Key], data.ChoiceSep, "、")})
	}
	for _, m := range it.Materials {
		if m.SampleName != "" && len(m.SampleData) > 0 {
			f.Samples = append(f.Samples, paper.FormSample{Material: m.Name, Name: m.SampleName, Data: m.SampleData})
		}
	}
	return f
}

// onPrintForm prints the pre-filled 申请表 off the UI goroutine.
func (r *Request) onPrintForm() {
	d, p := r.d, r.d.printerFor(paper.A4) // the form is always A4
	if p == nil || r.Detail.ID == 0 {
		return
	}
	form := applicationForm(r.Detail, r.Item, d.center.Name, d.opts.Now())
	d.printJob(p, r.FormButton, r.ReprintStatus, "print form", lang.L("staff.notice.formPrinted"),
		func() (paper.Document, error) { return paper.ApplicationFormPDF(form) })
}
