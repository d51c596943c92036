package paper

import (
	"fmt"
	"strings"
	"time"

	"bianmin/data"
	"bianmin/ui/internal/linebreak"
)

// Guide is an item's 办事指南 as the 一次性告知单 prints it: everything a
// resident needs to bring and know, told once (§六).
type Guide struct {
	Center       string
	Item         string
	Code         string     // 事项编码; "" to leave out
	Basis        string     // 政策依据
	Conditions   string     // 申报条件; one condition per line
	Materials    []Material // every material, required or not
	Procedure    []string   // 办理流程, in order
	PromisedDays int        // 承诺期限 in working days; 0 = done on the spot (即来即办)
	LegalDays    int        // 法定期限 in working days; 0 = none stated
	Fee          string     // 收费标准, e.g. 不收费
	FeeBasis     string     // 收费依据
	Trips        int        // 最多跑几次; 0 to leave out
	Address      string     // 办理地点 / window; "" to leave out
	Phone        string     // 咨询电话
	Complaint    string     // 投诉电话
	Printed      time.Time  // 打印日期
	URL          string     // optional: a QR code to the guide online
}

// Material is one material of a guide.
type Material struct {
	Name     string
	Required bool
	Form     string // 原件, 复印件, 原件及复印件, 电子材料 ...
	Copies   int    // 0 to leave out
	Note     string
}

// dateZH is the date as Chinese official paper writes it, in China time
// whatever the machine's zone (chinaTime).
func dateZH(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return chinaTime(t).Format("2006年1月2日")
}

// chinaTime is t in China time (data.China). Every date and time paper
// prints goes through it, so a kiosk whose clock runs in UTC still prints
// the day the resident lives in: 17:30 UTC is 01:30 the next day.
func chinaTime(t time.Time) time.Time { return t.In(data.China) }

// sectionNo are the Chinese section numerals 一、二、…
var sectionNo = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// GuidePDF lays out the 一次性告知单 of an item on A4 or on an 80 mm roll.
func GuidePDF(g Guide, f Format) (Document, error) {
	fc, err := defaultFace()
	if err != nil {
		return Document{}, err
	}
	if strings.TrimSpace(g.Item) == "" {
		return Document{}, fmt.Errorf("%w: guide needs Item", ErrIncomplete)
	}
	var bits [][]bool
	if g.URL != "" {
		if bits, err = qrBits(g.URL); err != nil {
			return Document{}, err
		}
	}
	// One page on A4 if at all possible (§六: a one-page notice): set the
	// type a little smaller until it fits, down to 85 %.
	var s *sheet
	for _, k := range []float64{1, 0.95, 0.9, 0.85} {
		s = layoutGuide(g, f, fc, k, bits)
		if f != A4 || len(s.pages) == 1 {
			break
		}
	}
	if len(s.pages) > 1 {
		s = layoutGuide(g, f, fc, 1, bits)
	}
	return s.document()
}

func layoutGuide(g Guide, f Format, fc face, k float64, bits [][]bool) *sheet {
	s := newSheet(f, fc, "一次性告知单 "+g.Item, g.Printed)
	s.scale(k)
	body := style{size: s.g.body}
	s.masthead(g.Center, "一次性告知单", "")
	guideIntro(s, g, body)

	sec := &guideSections{s: s}
	if strings.TrimSpace(g.Conditions) != "" {
		sec.next("申报条件")
		s.text(g.Conditions, body)
	}
	sec.next("申报材料")
	guideMaterials(s, g.Materials, f, body)
	if len(g.Procedure) > 0 {
		sec.next("办理流程")
		s.list(g.Procedure, numbered, body)
	}
	sec.next("办理时限")
	s.list(guideTimeLimits(g), bullet, body)
	sec.next("收费标准")
	guideFee(s, g, body)
	if strings.TrimSpace(g.Basis) != "" {
		sec.next("政策依据")
		s.text(g.Basis, body)
	}
	if lines := guideContacts(g); len(lines) > 0 {
		sec.next("咨询与投诉")
		s.list(lines, bullet, body)
	}
	guideClosing(s, g, bits)
	s.footer = g.Center + "　一次性告知单"
	return s
}

// guideSections numbers the guide's sections 一、二、三… as they come.
type guideSections struct {
	s *sheet
	n int
}

// next starts the next section with title.
func (sec *guideSections) next(title string) {
	sec.s.heading(sectionNo[sec.n%len(sectionNo)] + "、" + title)
	sec.n++
}

// guideIntro is the item (with its code) and the sentence that says what
// the notice tells.
func guideIntro(s *sheet, g Guide, body style) {
	item := g.Item
	if g.Code != "" {
		item += "（事项编码：" + g.Code + "）"
	}
	s.text("办理事项："+item, style{size: s.g.head, bold: true})
	s.gap(1)
	s.text(fmt.Sprintf("根据一次性告知制度，现将办理“%s”的申报条件、全部申报材料、办理流程、办理时限和收费标准一次性告知如下。", g.Item), body)
}

// guideMaterials lists every material: a table on A4, a numbered list on
// the receipt roll.
func guideMaterials(s *sheet, ms []Material, f Format, body style) {
	if len(ms) == 0 {
		s.text("无需提交材料。", body)
		return
	}
	if f == A4 {
		rows := make([][]string, len(ms))
		for i, m := range ms {
			copies := ""
			if m.Copies > 0 {
				copies = fmt.Sprintf("%d份", m.Copies)
			}
			rows[i] = []string{fmt.Sprint(i + 1), m.Name, need(m.Required), m.Form, copies, m.Note}
		}
		s.table([]float64{0.07, 0.3, 0.1, 0.17, 0.08, 0.28},
			[]string{"序号", "材料名称", "要求", "材料形式", "份数", "备注"}, rows, body)
		return
	}
	items := make([]string, len(ms))
	for i, m := range ms {
		parts := []string{m.Name + "【" + need(m.Required) + "】"}
		form := m.Form
		if m.Copies > 0 {
			form += fmt.Sprintf(" %d份", m.Copies)
		}
		if strings.TrimSpace(form) != "" {
			parts = append(parts, strings.TrimSpace(form))
		}
		if m.Note != "" {
			parts = append(parts, m.Note)
		}
		items[i] = strings.Join(parts, "；")
	}
	s.list(items, numbered, body)
}

// guideTimeLimits are the lines of 办理时限: the legal and promised
// limits (or that it is done on the spot) and the most trips.
func guideTimeLimits(g Guide) []string {
	var limit []string
	if g.LegalDays > 0 {
		limit = append(limit, fmt.Sprintf("法定办结时限：%d个工作日", g.LegalDays))
	}
	if g.PromisedDays > 0 {
		limit = append(limit, fmt.Sprintf("承诺办结时限：%d个工作日（自材料齐全受理之日起计算）", g.PromisedDays))
	} else {
		limit = append(limit, "即来即办：材料齐全、符合条件的当场办结")
	}
	if g.Trips > 0 {
		limit = append(limit, fmt.Sprintf("到现场次数：最多跑%d次", g.Trips))
	}
	return limit
}

// guideFee is the fee (不收费 when none is given) and its basis.
func guideFee(s *sheet, g Guide, body style) {
	fee := g.Fee
	if strings.TrimSpace(fee) == "" {
		fee = "不收费"
	}
	s.text(fee, body)
	if g.FeeBasis != "" {
		s.text("收费依据："+g.FeeBasis, body)
	}
}

// guideContacts are the lines of 咨询与投诉: where, and whom to call.
func guideContacts(g Guide) []string {
	var lines []string
	if g.Address != "" {
		lines = append(lines, "办理地点："+g.Address)
	}
	if g.Phone != "" {
		lines = append(lines, "咨询电话："+g.Phone)
	}
	if g.Complaint != "" {
		lines = append(lines, "投诉电话："+g.Complaint)
	}
	return lines
}

// guideClosing is the reminder and the center's closing, with the QR code
// of the guide's page when there is one, kept together on one page.
func guideClosing(s *sheet, g Guide, bits [][]bool) {
	s.gap(s.g.body * ptMM)
	s.together(func() {
		s.text("温馨提示：材料齐全、符合条件的即予受理；材料不齐全的，工作人员将一次性告知需要补正的全部材料，不再另行要求补充本告知单以外的材料。",
			style{size: s.g.small})
		if bits == nil {
			s.closing(g.Center, g.Printed, false)
			return
		}
		s.closingBand(bits, "手机扫码查看办事指南", "", g.Center, g.Printed, false)
	})
}

func need(required bool) string {
	if required {
		return "必需"
	}
	return "非必需"
}

func numbered(i int) string { return fmt.Sprintf("%d.", i+1) }

func bullet(int) string { return "·" }

func qrSide(f Format) float64 {
	if f == A4 {
		return qrSideA4
	}
	return qrSideRoll
}

// masthead sets the top of every document: the center, the title, and the
// document number on its own line at the right.
func (s *sheet) masthead(centerName, title, number string) {
	if strings.TrimSpace(centerName) != "" {
		s.text(centerName, style{size: s.g.head, bold: true, align: center})
	}
	s.text(title, style{size: s.g.title, bold: true, align: center})
	if number != "" {
		s.text(number, style{size: s.g.small, align: right})
	}
	if s.format == A4 {
		s.gap(1)
		s.line(s.g.left, s.y, s.g.left+s.width(), s.y, 0.5, false)
		s.gap(3)
	} else {
		s.rule(true)
	}
}

// heading sets a section heading, with some air above it, and keeps it
// with the next lines.
func (s *sheet) heading(text string) {
	st := style{size: s.g.head, bold: true}
	s.need(lineHeight(st.size) + 2*lineHeight(s.g.body))
	if s.y > s.g.top {
		s.gap(s.g.body * ptMM * 0.6)
	}
	s.text(text, st)
}

// closingBand ends a document with its 落款 and its QR code. On A4 the
// code, its caption and the note (the complaint phone) stand at the left of
// the 落款 in one band, so neither takes a page of its own; on the roll
// the code follows the 落款, centred, then the note.
func (s *sheet) closingBand(bits [][]bool, caption, note, centerName string, date time.Time, seal bool) {
	small := style{size: s.g.small, align: center}
	if s.format != A4 || bits == nil {
		s.closing(centerName, date, seal)
		if bits != nil {
			s.qr(bits, qrSide(s.format), caption)
		}
		if strings.TrimSpace(note) != "" {
			s.text(note, small)
		}
		return
	}
	side := qrSide(A4)
	quiet := 4 * side / float64(len(bits))
	colW := side
	for _, t := range []string{caption, note} {
		colW = max(colW, s.measure(s.clean(t), small.size))
	}
	colW = min(colW, s.width()*0.4)
	slh := lineHeight(small.size)
	qrH := side + quiet*0.6 + slh*2
	st := style{size: s.g.body, align: right, indent: colW + 6}
	closeH := s.dryRun(func() { s.closingLines(centerName, date, seal, st) })
	air := lineHeight(s.g.body) * 0.6
	s.need(air + quiet + max(qrH, closeH))
	s.y += air + quiet
	top := s.y
	x := s.g.left + (colW-side)/2
	s.cur().ops = append(s.cur().ops, op{kind: opQR, x: x, y: top, w: side, h: side, bits: bits})
	s.y = top + side + quiet*0.6
	small.indent = 0
	for _, t := range []string{caption, note} {
		for _, line := range linebreak.Wrap(s.clean(t), colW, func(t string) float64 { return s.measure(t, small.size) }) {
			s.put(line, s.g.left, colW, small)
			s.y += slh
		}
	}
	bandEnd := s.y
	// The 落款 sits level with the middle of the code.
	s.y = top + max(0, (side-closeH)/2)
	s.closingLines(centerName, date, seal, st)
	s.y = max(s.y, bandEnd)
}

// closing sets the issuing center (with a place for its seal when seal is
// set) and the date, right-aligned, as official paper ends.
func (s *sheet) closing(centerName string, date time.Time, seal bool) {
	st := style{size: s.g.body, align: right}
	s.need(lineHeight(st.size) * 3)
	s.gap(lineHeight(st.size) * 0.8)
	s.closingLines(centerName, date, seal, st)
}

// closingLines are the lines of the 落款: the center (with its seal) and
// the date.
func (s *sheet) closingLines(centerName string, date time.Time, seal bool, st style) {
	if strings.TrimSpace(centerName) != "" {
		name := centerName
		if seal {
			name += "（盖章）"
		}
		s.text(name, st)
	}
	if d := dateZH(date); d != "" {
		s.text(d, st)
	}
}
