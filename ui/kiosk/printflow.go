package kiosk

import (
	"context"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/paper"
)

// Printing from the resident side: the receipt after a registration and a
// guide's 一次性告知单. Documents are laid out by package paper and sent
// through the RegisterPrinter off the UI goroutine; what went wrong is told
// in words, with a way to try again.

// regPrintReceipt lays out the receipt and prints it.
func regPrintReceipt(ctx context.Context, p RegisterPrinter, rc data.Receipt, trackURL string) error {
	doc, err := paper.ReceiptPDF(paper.ReceiptFor(rc, trackURL))
	if err != nil {
		return err
	}
	_, err = p.Print(ctx, doc.PDF, doc.Media())
	return err
}

// NoticePrint is the dialog of a guide's 打印一次性告知单: it says the
// notice is printing, then that it came out or, in words, why not, with
// 重试.
type NoticePrint struct {
	Item data.Item
	// Message says what is happening or what went wrong.
	Message     *fitlabel.Label
	RetryButton *widget.Button
	CloseButton *widget.Button
	// Printed is true once the notice came out; Err is the last failure.
	Printed bool
	Err     error

	nav    *Nav
	cfg    RegisterConfig
	busy   bool
	dialog *dialog.CustomDialog
}

// PrintItemNotice prints the item's 一次性告知单 (on cfg.NoticeFormat, the
// 80 mm roll by default; on A4 through cfg.NoticePrinter when main has an
// A4 queue) and shows how it went in a dialog.
func PrintItemNotice(nav *Nav, cfg RegisterConfig, item data.Item) *NoticePrint {
	p := &NoticePrint{Item: item, nav: nav, cfg: cfg}
	p.Message = fitlabel.NewWrapped("")
	p.Message.SizeName = fynetheme.SizeNameSubHeadingText
	p.RetryButton = widget.NewButtonWithIcon(lang.L("register.retry"), fynetheme.ViewRefreshIcon(), p.onRetry)
	p.RetryButton.Importance = widget.HighImportance
	p.CloseButton = widget.NewButtonWithIcon(lang.L("register.notice.close"), fynetheme.CancelIcon(), p.onClose)
	width := float32(640)
	if w := nav.Window().Canvas().Size().Width - 120; w > 0 && w < width {
		width = w
	}
	strut := canvas.NewRectangle(color.Transparent)
	strut.SetMinSize(fyne.NewSize(width, 0))
	body := container.NewVBox(container.NewStack(strut, p.Message),
		container.NewCenter(container.NewHBox(bigButton(p.RetryButton), bigButton(p.CloseButton))))
	p.dialog = dialog.NewCustomWithoutButtons(lang.L("register.notice.title"), body, nav.Window())
	p.dialog.Show()
	if cfg.noticePrinter() == nil {
		p.RetryButton.Hide()
		p.Message.SetText(lang.L("register.notice.noPrinter"))
		return p
	}
	p.print()
	return p
}

func (p *NoticePrint) onRetry() {
	p.nav.Activity()
	p.print()
}

func (p *NoticePrint) onClose() {
	p.nav.Activity()
	p.dialog.Hide()
}

func (p *NoticePrint) print() {
	if p.busy {
		return
	}
	p.busy = true
	p.RetryButton.Hide()
	p.Message.Importance = widget.MediumImportance
	p.Message.SetText(lang.L("register.notice.printing", map[string]any{"Item": p.Item.Name}))
	it, center, printer, store := p.Item, p.nav.Center(), p.cfg.noticePrinter(), p.cfg.Store
	format := p.cfg.NoticeFormat
	if format == 0 {
		format = paper.Roll80
	}
	now := p.nav.Now()
	p.nav.Async(func() func() {
		ctx := p.nav.Context()
		windows := map[string]string{}
		if store != nil {
			if c, err := store.Center(ctx); err == nil {
				center = c
			}
			if ws, err := store.Windows(ctx); err == nil {
				for _, w := range ws {
					windows[w.Code] = w.Name
				}
			}
		}
		doc, err := paper.GuidePDF(regPaperGuide(it, center, windows, now), format)
		if err == nil {
			_, err = printer.Print(ctx, doc.PDF, doc.Media())
		}
		return func() { p.done(err) }
	})
}

func (p *NoticePrint) done(err error) {
	p.busy = false
	p.Err = err
	if err == nil {
		p.Printed = true
		p.Message.Importance = widget.SuccessImportance
		p.Message.SetText(lang.L("register.notice.done"))
		return
	}
	fyne.LogError("kiosk: print notice", err)
	p.Message.Importance = widget.DangerImportance
	p.Message.SetText(lang.L(regNoticeReasons.Key(err)))
	p.RetryButton.Show()
}

// regNoticeReasons say why the notice did not print. paper's own messages
// speak of a stored application, which a guide's notice has not got.
var regNoticeReasons = paper.Reasons{NoCUPS: "register.notice.noCups", Missing: "register.notice.missing",
	Stopped: "register.notice.stopped", Failed: "register.notice.failed"}

// regPaperGuide is the 一次性告知单 of an item: everything it needs, told
// once.
func regPaperGuide(it data.Item, c data.Center, windows map[string]string, now time.Time) paper.Guide {
	g := paper.Guide{
		Center:       c.Name,
		Item:         it.Name,
		Code:         it.Code,
		Basis:        it.Basis,
		Conditions:   it.Conditions,
		Procedure:    it.Procedure,
		PromisedDays: it.PromisedDays,
		LegalDays:    it.LegalDays,
		Fee:          it.Fee,
		FeeBasis:     it.FeeBasis,
		Trips:        it.Trips,
		Phone:        it.Phone,
		Complaint:    c.ComplaintPhone,
		Printed:      now.In(data.China),
	}
	if g.Phone == "" {
		g.Phone = c.Phone
	}
	var where []string
	if c.Address != "" {
		where = append(where, c.Address)
	}
	if it.LeadWindow != "" {
		where = append(where, windowText(it.LeadWindow, windows))
	}
	g.Address = strings.Join(where, " ")
	for _, m := range it.Materials {
		g.Materials = append(g.Materials, paper.Material{Name: m.Name, Required: m.Required, Form: m.Form.Label(),
			Copies: m.Copies, Note: m.Note})
	}
	return g
}
