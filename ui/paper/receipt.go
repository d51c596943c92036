package paper

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
)

// Receipt is everything printed on the 回执 a resident takes home after
// registering. It holds no personal data beyond what the paper shows:
// Applicant and IDTail arrive already masked, and the package never receives
// a full resident ID number. IDTail is defensively masked again (every digit
// but the last four becomes *), so a full number passed by mistake still
// prints masked.
type Receipt struct {
	Center    string    // 便民服务室 name
	Item      string    // the item (事项) applied for
	ReceiptNo string    // 受理编号, read aloud at the window
	QueryCode string    // 查询码, 6 characters
	Time      time.Time // when the request was registered
	Mode      string    // handling mode as people read it, e.g. 承诺办理; "" to leave out
	Promised  string    // promised completion date, e.g. 2026年12月10日; "" when not known
	Status    string    // e.g. 已受理, 已办结 (直接办理), 待补正
	Brought   []string  // materials handed in
	Missing   []string  // every material still missing, all in one list (一次性告知)
	TrackURL  string    // encoded in the QR code: {base URL}/r/{token}
	Applicant string    // masked name, e.g. 张*三
	IDTail    string    // masked ID, e.g. ************1234 or 尾号1234; "" when none was asked
	Phone     string    // 投诉电话
	// HowToTrack replaces the standard line on how to follow the request.
	HowToTrack string
	// Sign leaves a line for the applicant's signature (代为办理: the
	// applicant signs the receipt that lets staff act for them).
	Sign bool
}

// Document is a laid-out PDF ready for Printer.Print.
type Document struct {
	PDF    []byte
	Format Format
	// Width and Height of the first page in whole millimetres.
	Width, Height float64
	Pages         int
}

// Media is the CUPS media option for the document: Custom.80x{H}mm for a
// receipt roll, A4 for A4.
func (d Document) Media() string {
	if d.Format == A4 {
		return "A4"
	}
	return fmt.Sprintf("Custom.%gx%gmm", d.Width, d.Height)
}

// ErrIncomplete is returned for a document missing something it cannot be
// printed without (a receipt number, a tracking URL ...).
var ErrIncomplete = errors.New("paper: document incomplete")

// words are a document's fixed texts. Paper is printed in Chinese; the Latin
// set exists for the benchmark floor (the same layout in a core font).
type receiptWords struct {
	title, no, code, item, when, mode, promised, status, applicant, id          string
	brought, missing, missingNote, none, complete, qr, track, phone, keep, sign string
	date                                                                        func(time.Time) string
}

var (
	receiptZH    = receiptWordsIn(false)
	receiptLatin = receiptWordsIn(true)
)

// receiptWordsIn is the receipt's texts in Chinese, or in Latin, each text
// beside its stand-in.
func receiptWordsIn(latin bool) receiptWords {
	in := func(zh, en string) string {
		if latin {
			return en
		}
		return zh
	}
	layout := in("2006年1月2日 15:04", "2006-01-02 15:04")
	return receiptWords{
		title: in("受理回执", "RECEIPT"), no: in("受理编号", "Receipt no."), code: in("查询码", "Query code"),
		item: in("办理事项：", "Item: "), when: in("受理时间：", "Time: "), mode: in("办理方式：", "Mode: "),
		promised: in("承诺办结：", "Promised: "), status: in("办理状态：", "Status: "),
		applicant: in("申请人：", "Name: "), id: in("证件号码：", "ID: "),
		brought: in("已提交材料", "Materials handed in"),
		missing: in("尚需补充的材料（一次性告知）", "Still missing (told once)"),
		missingNote: in("以上为需要补充的全部材料，请备齐后一并提交。",
			"This is every missing material; bring them all together."),
		none:     in("无", "None"),
		complete: in("材料齐全，无需补充。", "Complete, nothing missing."),
		qr:       in("手机扫码查看办理进度", "Scan to see progress"),
		track: in("查询进度：用手机扫描上方二维码；或在自助终端“进度查询”扫描本回执，或输入受理编号和查询码。",
			"Track: scan the QR code with a phone, or scan this receipt at the kiosk, or type the number and query code."),
		phone: in("投诉电话：", "Complaints: "),
		keep: in("请妥善保管本回执，凭编号和查询码查询、领取结果。",
			"Keep this receipt: number and code are needed to track and collect."),
		sign: in("申请人签字（委托代办）", "Signature"),
		date: func(t time.Time) string { return chinaTime(t).Format(layout) },
	}
}

// ReceiptPDF lays out the receipt on an 80 mm roll.
func ReceiptPDF(r Receipt) (Document, error) {
	fc, err := defaultFace()
	if err != nil {
		return Document{}, err
	}
	return receipt(r, fc, receiptZH)
}

func receipt(r Receipt, fc face, w receiptWords) (Document, error) {
	if strings.TrimSpace(r.ReceiptNo) == "" || strings.TrimSpace(r.QueryCode) == "" || strings.TrimSpace(r.TrackURL) == "" {
		return Document{}, fmt.Errorf("%w: receipt needs ReceiptNo, QueryCode and TrackURL", ErrIncomplete)
	}
	bits, err := qrBits(r.TrackURL)
	if err != nil {
		return Document{}, err
	}
	s := newSheet(Roll80, fc, w.title+" "+r.ReceiptNo, r.Time)
	g := s.g

	if strings.TrimSpace(r.Center) != "" {
		s.text(r.Center, style{size: g.head, bold: true, align: center})
	}
	s.text(w.title, style{size: g.title, bold: true, align: center})
	s.rule(true)
	s.text(w.no, style{size: g.small, align: center})
	s.text(r.ReceiptNo, style{size: g.big, bold: true, align: center})
	s.gap(0.6)
	s.text(w.code, style{size: g.small, align: center})
	s.text(r.QueryCode, style{size: g.big + 3, bold: true, align: center})
	s.rule(true)

	body := style{size: g.body}
	labels := []string{w.item, w.when, w.mode, w.promised, w.status, w.applicant, w.id}
	lw := 0.0
	for _, l := range labels {
		lw = max(lw, s.measure(s.clean(l), body.size))
	}
	s.field(w.item, r.Item, lw, style{size: body.size, bold: true})
	if !r.Time.IsZero() {
		s.field(w.when, w.date(r.Time), lw, body)
	}
	s.field(w.mode, r.Mode, lw, body)
	s.field(w.promised, r.Promised, lw, style{size: body.size, bold: true})
	s.field(w.status, r.Status, lw, body)
	s.field(w.applicant, r.Applicant, lw, body)
	s.field(w.id, MaskID(r.IDTail), lw, body)
	s.rule(true)

	head := style{size: g.head, bold: true}
	s.text(w.brought, head)
	if len(r.Brought) == 0 {
		s.text(w.none, body)
	} else {
		s.list(r.Brought, func(int) string { return "√" }, body)
	}
	s.gap(1.2)
	s.text(w.missing, head)
	if len(r.Missing) == 0 {
		s.text(w.complete, body)
	} else {
		s.list(r.Missing, func(i int) string { return fmt.Sprintf("%d.", i+1) }, body)
		s.text(w.missingNote, style{size: g.small})
	}
	s.rule(true)

	s.qr(bits, qrSideRoll, w.qr)
	track := r.HowToTrack
	if strings.TrimSpace(track) == "" {
		track = w.track
	}
	s.text(track, style{size: g.small})
	s.gap(0.8)
	if strings.TrimSpace(r.Phone) != "" {
		s.text(w.phone+r.Phone, style{size: g.body, bold: true})
	}
	if r.Sign {
		// The applicant's consent to 代为办理 closes the receipt: the
		// signature with its date, the last thing on the paper.
		s.rule(true)
		s.signatures([]string{w.sign}, true)
		s.gap(1.5)
	}
	s.gap(0.8)
	s.text(w.keep, style{size: g.small, align: center})
	return s.document()
}

// document renders the sheet and describes the result.
func (s *sheet) document() (Document, error) {
	if s.g.grow {
		// Whole millimetres, so the CUPS media size matches the page exactly.
		s.y = math.Ceil(s.y+s.g.bottom) - s.g.bottom
	}
	pdf, err := s.render()
	if err != nil {
		return Document{}, err
	}
	h := s.g.h
	if s.g.grow {
		h = max(s.g.h, s.y+s.g.bottom)
	}
	return Document{PDF: pdf, Format: s.format, Width: s.g.w, Height: math.Round(h), Pages: len(s.pages)}, nil
}

// MaskID masks every digit (and X) of an ID number but the last four, so
// "110101199003074578" prints as "**************4578". Text already masked
// ("尾号1234", "************1234") comes back unchanged.
func MaskID(s string) string {
	rs := []rune(s)
	keep := 4
	for i := len(rs) - 1; i >= 0; i-- {
		r := rs[i]
		if (r >= '0' && r <= '9') || r == 'X' || r == 'x' {
			if keep > 0 {
				keep--
				continue
			}
			rs[i] = '*'
		}
	}
	return string(rs)
}
