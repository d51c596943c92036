package kiosk

import (
	"image"
	"image/draw"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/internal/fitlabel"
	"bianmin/ui/paper"
	"bianmin/ui/touch"
)

// RegisterQRSide is the side of the receipt's QR code on screen, in dp,
// quiet zone included: large enough for any phone to photograph from arm's
// length. A short window (elder mode at 1280×800) gets no less than
// regQRMinSide, or regQRTightSide where even that does not fit.
const (
	RegisterQRSide = 360
	regQRMinSide   = 300
	// regQRTightSide is the least in elder mode on a short landscape
	// screen (regTight): with 300 and the hint under it the receipt asked
	// for 805 px of an 800 px screen, and the real window lost its top
	// (the header cut off).
	regQRTightSide = 260
)

// RegisterReceipt is the screen after a successful registration: the QR
// code of the tracking page large, "请用手机拍下二维码，或打印回执", the
// receipt number and query code large and spaced for reading aloud, the
// item, time, status and masked name, the materials brought and, in one
// list, all that are still missing (一次性告知), how to track and the
// complaint phone. 打印回执 prints paper's receipt off the UI goroutine; a
// failure shows paper's message, keeps the QR code up and offers 重新打印
// (the request is stored either way). 完成 goes home.
type RegisterReceipt struct {
	Receipt  data.Receipt
	TrackURL string

	// QR is the tracking URL's QR code; nil without a base URL.
	QR        *canvas.Image
	ReceiptNo *widget.Label
	QueryCode *widget.Label
	// PrintStatus says what printing did: printing, printed, or paper's
	// message for a failure.
	PrintStatus *fitlabel.Label
	PrintButton *widget.Button

	nav      *Nav
	cfg      RegisterConfig
	printing bool
	content  fyne.CanvasObject
	actions  fyne.CanvasObject
	inView   inViewFirst // the details' blocks below the fold (inview.go)
}

// NewRegisterReceipt builds the receipt screen for a stored request.
func NewRegisterReceipt(nav *Nav, cfg RegisterConfig, rc data.Receipt) *RegisterReceipt {
	return newRegisterReceipt(nav, cfg, rc, newReceiptQR(cfg, rc))
}

// receiptQR is the picture of a receipt's QR code, made before the screen
// (off the UI goroutine after a submit): img nil without a base URL, or
// with err when the URL could not be encoded.
type receiptQR struct {
	img image.Image
	err error
}

func newReceiptQR(cfg RegisterConfig, rc data.Receipt) receiptQR {
	if cfg.BaseURL == "" {
		return receiptQR{}
	}
	img, err := paper.QRImage(cfg.TrackURL(rc.Token), 8)
	if err != nil {
		return receiptQR{err: err}
	}
	// As RGBA, the one kind Fyne's painter hands to OpenGL as it is: any
	// other it first copies into an RGBA picture, pixel by pixel, on the
	// UI goroutine as the receipt is first drawn.
	rgba := image.NewRGBA(img.Bounds())
	draw.Draw(rgba, rgba.Rect, img, img.Bounds().Min, draw.Src)
	return receiptQR{img: rgba}
}

func newRegisterReceipt(nav *Nav, cfg RegisterConfig, rc data.Receipt, code receiptQR) *RegisterReceipt {
	r := &RegisterReceipt{Receipt: rc, nav: nav, cfg: cfg}
	if cfg.BaseURL != "" {
		r.TrackURL = cfg.TrackURL(rc.Token)
	}
	r.ReceiptNo = regBigValue(regReceiptNoText(rc.ReceiptNo))
	r.QueryCode = regBigValue(regSpaced(rc.QueryCode))
	r.PrintStatus = fitlabel.NewWrapped("")
	r.PrintStatus.SizeName = fynetheme.SizeNameSubHeadingText
	r.PrintStatus.TextStyle = fyne.TextStyle{Bold: true}
	r.PrintStatus.Hide()
	r.PrintButton = widget.NewButtonWithIcon(lang.L("register.receipt.print"), fynetheme.DocumentPrintIcon(), r.onPrint)
	r.PrintButton.Importance = widget.HighImportance
	if cfg.Printer == nil {
		r.PrintButton.Hide()
		r.setStatus(lang.L("register.receipt.noPrinter"), widget.MediumImportance)
	}
	r.actions = container.NewHBox(bigButton(r.PrintButton))

	var qr fyne.CanvasObject
	if r.TrackURL != "" {
		if img, err := code.img, code.err; err == nil && img != nil {
			r.QR = canvas.NewImageFromImage(img)
			r.QR.FillMode = canvas.ImageFillContain
			r.QR.ScaleMode = canvas.ImageScalePixels
			minSide := float32(regQRMinSide)
			if regTight(nav) {
				minSide = regQRTightSide
			}
			r.QR.SetMinSize(fyne.NewSquareSize(minSide))
			hint := fitlabel.NewWrapped(lang.L("register.receipt.qrHint"))
			hint.SizeName = fynetheme.SizeNameSubHeadingText
			hint.TextStyle = fyne.TextStyle{Bold: true}
			hint.Alignment = fyne.TextAlignCenter
			var hintBox fyne.CanvasObject = hint
			if regTight(nav) { // elder mode on a short screen: room for the QR code first
				hint.SizeName = fynetheme.SizeNameText
				hintBox = compact(hint)
			}
			qr = container.New(&regQRLayout{minSide: minSide}, r.QR, hintBox)
		} else if err != nil {
			fyne.LogError("kiosk: receipt QR", err)
		}
	}
	r.inView.on = cfg.InViewFirst
	details := vscroll(r.details())
	r.inView.scroll = details
	if qr == nil {
		r.content = details
	} else {
		box := qr.(*fyne.Container)
		pref := func(_ []fyne.CanvasObject, w float32) float32 { return regQRLayout{}.pref(box.Objects, w) }
		r.content = container.New(&regSplit{minSecond: 560, pref: pref}, qr, details)
	}
	r.content = r.inView.wrap(r.content)
	return r
}

// regBigValue is a number to copy down or read out, large and bold
// (trackBig), wrapped between words.
func regBigValue(text string) *widget.Label {
	l := trackBig(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func (r *RegisterReceipt) details() fyne.CanvasObject {
	rc := r.Receipt
	done := heading(lang.L("register.receipt.done"))
	done.Importance = widget.SuccessImportance
	numbers := container.New(newGrid(560, 2, false),
		onCard(compact(container.NewVBox(quiet(lang.L("register.receipt.no")), r.ReceiptNo))),
		onCard(compact(container.NewVBox(quiet(lang.L("register.receipt.code")), r.QueryCode))))
	facts := container.New(newGrid(300, 2, false),
		fact(lang.L("register.receipt.item"), rc.ItemName),
		fact(lang.L("register.receipt.time"), regTimeText(rc.Created)),
		fact(lang.L("register.receipt.status"), statusText(rc.Status)),
		fact(lang.L("register.receipt.applicant"), rc.ApplicantMask),
	)
	brought := []fyne.CanvasObject{para(regOr(strings.Join(rc.Brought, "、"), lang.L("register.review.none")))}
	var missing []fyne.CanvasObject
	if len(rc.Missing) == 0 {
		missing = append(missing, para(lang.L("register.receipt.complete")))
	} else {
		for i, m := range rc.Missing {
			missing = append(missing, step(i+1, m))
		}
		note := para(lang.L("register.receipt.missingNote"))
		note.TextStyle = fyne.TextStyle{Bold: true}
		missing = append(missing, note)
	}
	if len(rc.Optional) > 0 {
		missing = append(missing, quiet(lang.L("register.receipt.optional",
			map[string]any{"List": strings.Join(rc.Optional, "、")})))
	}
	blocks := []fyne.CanvasObject{
		section(lang.L("register.receipt.missing"), missing...),
		facts,
		section(lang.L("register.receipt.brought"), brought...),
		section(lang.L("register.receipt.how"), para(lang.L("register.receipt.track"))),
	}
	if rc.ComplaintPhone != "" {
		blocks = append(blocks, para(lang.L("register.receipt.complaint", map[string]any{"Phone": rc.ComplaintPhone})))
	}
	objs := []fyne.CanvasObject{done, r.PrintStatus, numbers}
	for _, b := range blocks {
		objs = append(objs, r.inView.keep(b)) // may wait below the fold for the first frame (inview.go)
	}
	return container.NewVBox(objs...)
}

// Title is part of Screen.
func (r *RegisterReceipt) Title() string { return lang.L("register.receipt.title") }

// Content is part of Screen.
func (r *RegisterReceipt) Content() fyne.CanvasObject { return r.content }

// Actions puts 打印回执 and 完成 in the footer.
func (r *RegisterReceipt) Actions() fyne.CanvasObject { return r.actions }

// Speech is the receipt read aloud: the item, the receipt number digit by
// digit, the query code character by character, and what is missing.
func (r *RegisterReceipt) Speech() string {
	rc := r.Receipt
	parts := []string{
		lang.L("register.speech.done", map[string]any{"Item": rc.ItemName}),
		lang.L("register.speech.no", map[string]any{"No": regSpeakChars(rc.ReceiptNo)}),
		lang.L("register.speech.code", map[string]any{"Code": regSpeakChars(rc.QueryCode)}),
	}
	if len(rc.Missing) > 0 {
		parts = append(parts, lang.L("register.speech.missing", map[string]any{"List": strings.Join(rc.Missing, "、")}))
	} else {
		parts = append(parts, lang.L("register.receipt.complete"))
	}
	parts = append(parts, lang.L("register.speech.end"))
	return strings.Join(parts, "")
}

// regSpeakChars spells a number or code out one character at a time, the
// digits as words (一 二 三 … in Chinese), so a speech engine does not read
// 20260305 as twenty million.
func regSpeakChars(s string) string {
	digits := strings.Fields(lang.L("register.speech.digits"))
	var out []string
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9' && len(digits) == 10:
			out = append(out, digits[c-'0'])
		case c == '-':
			out = append(out, lang.L("register.speech.dash"))
		default:
			out = append(out, string(c))
		}
	}
	return strings.Join(out, " ")
}

// regTimeText is a moment in words: 2026年3月5日 09:30.
func regTimeText(t time.Time) string {
	t = t.In(data.China)
	return lang.L("register.time", map[string]any{"Year": t.Year(), "Month": int(t.Month()), "Day": t.Day(),
		"Clock": t.Format("15:04")})
}

// Finishes is part of Finisher: the request is registered, there is no
// form to go back to; 首页 is the way home.
func (r *RegisterReceipt) Finishes() bool { return true }

func (r *RegisterReceipt) onPrint() {
	r.nav.Activity()
	if r.printing || r.cfg.Printer == nil {
		return
	}
	r.printing = true
	r.PrintButton.Disable()
	r.setStatus(lang.L("register.receipt.printing"), widget.MediumImportance)
	rc, url, printer := r.Receipt, r.TrackURL, r.cfg.Printer
	r.nav.Async(func() func() {
		err := regPrintReceipt(r.nav.Context(), printer, rc, url)
		return func() { r.printed(err) }
	})
}

func (r *RegisterReceipt) printed(err error) {
	r.printing = false
	r.PrintButton.Enable()
	if err != nil {
		fyne.LogError("kiosk: print receipt", err)
		r.setStatus(paper.Message(err), widget.DangerImportance)
		r.PrintButton.SetText(lang.L("register.receipt.reprint"))
		r.PrintButton.SetIcon(fynetheme.ViewRefreshIcon())
		return
	}
	r.setStatus(lang.L("register.receipt.printed"), widget.SuccessImportance)
	r.PrintButton.SetText(lang.L("register.receipt.print"))
	r.PrintButton.SetIcon(fynetheme.DocumentPrintIcon())
}

func (r *RegisterReceipt) setStatus(text string, imp widget.Importance) {
	r.PrintStatus.Importance = imp
	r.PrintStatus.SetText(text)
	if text == "" {
		r.PrintStatus.Hide()
	} else {
		r.PrintStatus.Show()
		touch.BringIntoView(r.PrintStatus)
	}
}

// regQRLayout puts the QR code (objects[0]) at the top, centred, as large
// as RegisterQRSide allows within the space, and the hint (objects[1])
// under it, the code no smaller than minSide.
type regQRLayout struct{ minSide float32 }

func (regQRLayout) hint(hint fyne.CanvasObject, width float32) float32 {
	hint.Resize(fyne.NewSize(width, hint.MinSize().Height))
	return hint.MinSize().Height
}

func (l regQRLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	qr, hint := objects[0], objects[1]
	hh := l.hint(hint, size.Width)
	side := max(min(RegisterQRSide, size.Width, size.Height-hh), l.minSide)
	qr.Resize(fyne.NewSquareSize(side))
	qr.Move(fyne.NewPos((size.Width-side)/2, 0))
	hint.Resize(fyne.NewSize(size.Width, hh))
	hint.Move(fyne.NewPos(0, side))
}

func (l regQRLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	w := float32(RegisterQRSide)
	return fyne.NewSize(w, l.minSide+l.hint(objects[1], w))
}

// pref is the height the QR code and hint would like at width.
func (l regQRLayout) pref(objects []fyne.CanvasObject, width float32) float32 {
	return RegisterQRSide + l.hint(objects[1], width)
}
