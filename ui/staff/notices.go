package staff

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"bianmin/data"
	"bianmin/ui/paper"
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
		return paper.FinishedNoticePDF(paper.FinishedNotice{Notice: base, Finished: det.Finished, Result: det.Result,
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
	n, p := r.Notice, r.d.opts.Printer
	if n == nil || p == nil {
		return
	}
	det, d := r.Detail, r.d
	base := r.baseNotice()
	remedy, track := d.center.Remedy, d.trackURL(det.Token)
	r.PrintButton.Disable()
	r.PrintStatus.SetText(lang.L("staff.notice.printing"))
	d.async(func() func() {
		err := printNotice(d.opts.Context, p, func() (paper.Document, error) {
			return n.layout(det, base, d.opts.NoticeFormat, remedy, track)
		})
		return func() {
			r.PrintButton.Enable()
			if err != nil {
				fyne.LogError("staff: print notice", err)
				r.PrintStatus.SetText(paper.Message(err))
				return
			}
			r.PrintStatus.SetText(lang.L("staff.notice.printed"))
		}
	})
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
