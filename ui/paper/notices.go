package paper

import (
	"fmt"
	"strings"
	"time"
)

// Notice is what every written notice about a request carries (§三6,
// §六, §七): the center, the request number, the date, signature lines and the
// tracking QR. Applicant is the masked name; no ID number is ever printed on
// a notice.
type Notice struct {
	Center    string
	RequestNo string    // 受理编号
	Item      string    // 办理事项
	Applicant string    // masked name, e.g. 张*三
	Received  time.Time // when the request was received
	Date      time.Time // the notice's date
	Window    string    // 承办窗口; "" to leave out
	Staff     string    // 承办人 printed name; "" to leave the signature line only
	TrackURL  string    // tracking URL for the QR; "" for none
	Phone     string    // 投诉电话
}

// PromiseNotice is the 承诺办结通知单 of 承诺办理 (§七).
type PromiseNotice struct {
	Notice
	Days int       // promised working days
	Due  time.Time // the promised date
}

// CorrectionNotice is the 补正通知单: every missing material on one notice
// (§六, tell once).
type CorrectionNotice struct {
	Notice
	Missing []string // all of them
	Note    string   // staff's note; "" for none
}

// RefusalNotice is the 不予受理通知书, or the 不予办理通知书 when NotHandled
// is set: the refusal in writing with reason, basis and remedy (§三6, §七4).
type RefusalNotice struct {
	Notice
	NotHandled bool   // 不予办理 instead of 不予受理
	Reason     string // required
	Basis      string // 依据
	Remedy     string // 救济途径 (center profile wording); "" for the standard text
}

// FinishedNotice is the 办结通知单: the result and how to collect it, with
// the rating QR (好差评) when RateURL is set (it replaces the tracking QR).
type FinishedNotice struct {
	Notice
	Finished time.Time
	Result   string // 办理结果
	Collect  string // 领取方式; "" to leave out
	RateURL  string
}

// ProxyList is the 代办清单: the proxy requests (代为办理) going to one upper
// department in one batch, signed by the staff member who carries them and
// by the receiving department.
type ProxyList struct {
	Center     string
	BatchNo    string
	Department string    // 上级部门 (接收单位)
	Date       time.Time // the day sent (报送日期)
	Staff      string    // 经办人 (代办人) printed name; "" to leave the signature line only
	Note       string    // 备注 of the batch; "" for none
	Rows       []ProxyRow
	URL        string // optional QR (the batch in staff mode)
}

// ProxyRow is one request of a ProxyList.
//
// Personal data (PIPL, minimum necessary): the list goes to the upper
// department together with the applications themselves, and the department
// signs for each file it receives, so it names each applicant in full (a
// masked name would not tell two files apart, nor match the forms). The
// ID number is already on the forms it travels with; the list repeats only
// its last four characters, enough to tell two people of the same name
// apart, so a lost or copied list does not carry whole ID numbers. No phone
// numbers: the service room, not the department, reports back to the
// applicant.
type ProxyRow struct {
	RequestNo string
	Applicant string // full name (see above)
	IDTail    string // last four characters of the ID number; "" if none
	Item      string
	Materials string // what travels with it
	Note      string
}

// StandardRemedy is the remedy printed on a refusal when the center profile
// gives none.
const StandardRemedy = "如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者自收到本通知书之日起六个月内依法提起行政诉讼。"

// noticeSheet starts a notice: masthead with the number, the addressee and
// the request's particulars.
func noticeSheet(n Notice, f Format, title string) (*sheet, [][]bool, error) {
	fc, err := defaultFace()
	if err != nil {
		return nil, nil, err
	}
	if strings.TrimSpace(n.RequestNo) == "" {
		return nil, nil, fmt.Errorf("%w: %s needs RequestNo", ErrIncomplete, title)
	}
	var bits [][]bool
	if n.TrackURL != "" {
		if bits, err = qrBits(n.TrackURL); err != nil {
			return nil, nil, err
		}
	}
	s := newSheet(f, fc, title+" "+n.RequestNo, n.Date)
	s.masthead(n.Center, title, "编号："+n.RequestNo)
	return s, bits, nil
}

// salute addresses the applicant.
func (s *sheet) salute(applicant string) {
	if strings.TrimSpace(applicant) == "" {
		applicant = "申请人"
	}
	s.text(applicant+"：", style{size: s.g.body})
}

// para sets a body paragraph with the customary two-character first-line
// indent.
func (s *sheet) para(text string) {
	s.text("　　"+text, style{size: s.g.body})
}

// particulars sets the request's facts as label/value lines.
func (s *sheet) particulars(n Notice, extra ...[2]string) {
	body := style{size: s.g.body}
	rows := [][2]string{{"受理编号：", n.RequestNo}, {"办理事项：", n.Item}, {"申请人：", n.Applicant},
		{"受理时间：", dateZH(n.Received)}, {"承办窗口：", n.Window}, {"承办人：", n.Staff}}
	rows = append(rows, extra...)
	lw := 0.0
	for _, r := range rows {
		if strings.TrimSpace(r[1]) != "" {
			lw = max(lw, s.measure(r[0], body.size))
		}
	}
	s.gap(1)
	for _, r := range rows {
		s.field(r[0], r[1], lw, body)
	}
	s.gap(1)
}

// noticeEnd sets the request's particulars, the signature lines, the
// 落款 with the QR and the complaint phone, all on one page, and renders.
func (s *sheet) noticeEnd(n Notice, bits [][]bool, caption string, extra [][2]string, signers ...string) (Document, error) {
	phone := ""
	if strings.TrimSpace(n.Phone) != "" {
		phone = "投诉电话：" + n.Phone
	}
	s.together(func() {
		s.particulars(n, extra...)
		s.signatures(signers, true)
		s.closingBand(bits, caption, phone, n.Center, n.Date, true)
	})
	s.footer = n.Center + "　" + n.RequestNo
	return s.document()
}

// PromiseNoticePDF lays out the 承诺办结通知单.
func PromiseNoticePDF(p PromiseNotice, f Format) (Document, error) {
	s, bits, err := noticeSheet(p.Notice, f, "承诺办结通知单")
	if err != nil {
		return Document{}, err
	}
	s.salute(p.Applicant)
	s.para(fmt.Sprintf("您于%s申请办理的“%s”，经审查材料齐全、符合要求，本服务室已予受理。按照限时办结制度，承诺自受理之日起%d个工作日内，即%s前办结。办结后将及时通知您，您也可以凭受理编号和查询码随时查询办理进度。",
		orDash(dateZH(p.Received)), p.Item, p.Days, orDash(dateZH(p.Due))))
	return s.noticeEnd(p.Notice, bits, "手机扫码查看办理进度",
		[][2]string{{"承诺时限：", fmt.Sprintf("%d个工作日", p.Days)}, {"承诺办结：", dateZH(p.Due) + "前"}},
		"承办人（签字）", "申请人（签字）")
}

// CorrectionNoticePDF lays out the 补正通知单.
func CorrectionNoticePDF(c CorrectionNotice, f Format) (Document, error) {
	if len(c.Missing) == 0 {
		return Document{}, fmt.Errorf("%w: 补正通知单 needs the missing materials", ErrIncomplete)
	}
	s, bits, err := noticeSheet(c.Notice, f, "补正材料通知单")
	if err != nil {
		return Document{}, err
	}
	s.salute(c.Applicant)
	s.para(fmt.Sprintf("您于%s申请办理的“%s”，所提交的材料不齐全或者不符合要求。根据一次性告知制度，现将需要补正的全部材料一次性告知如下：", orDash(dateZH(c.Received)), c.Item))
	s.list(c.Missing, numbered, style{size: s.g.body, bold: true, indent: s.g.body * ptMM})
	if c.Note != "" {
		s.para("说明：" + c.Note)
	}
	s.para("请备齐以上全部材料后一并提交。办理时限自材料补正齐全之日起计算；补正期间不计入办理时限。")
	return s.noticeEnd(c.Notice, bits, "手机扫码查看办理进度", nil, "承办人（签字）", "申请人（签字）")
}

// RefusalNoticePDF lays out the 不予受理（办理）通知书.
func RefusalNoticePDF(r RefusalNotice, f Format) (Document, error) {
	if strings.TrimSpace(r.Reason) == "" {
		return Document{}, fmt.Errorf("%w: a refusal needs a reason", ErrIncomplete)
	}
	word := "受理"
	if r.NotHandled {
		word = "办理"
	}
	s, bits, err := noticeSheet(r.Notice, f, "不予"+word+"通知书")
	if err != nil {
		return Document{}, err
	}
	s.salute(r.Applicant)
	s.para(fmt.Sprintf("您于%s申请办理的“%s”，经审查，决定不予%s。", orDash(dateZH(r.Received)), r.Item, word))
	s.heading("理由")
	s.para(r.Reason)
	if strings.TrimSpace(r.Basis) != "" {
		s.heading("依据")
		s.para(r.Basis)
	}
	remedy := r.Remedy
	if strings.TrimSpace(remedy) == "" {
		remedy = StandardRemedy
	}
	s.heading("救济途径")
	s.para(remedy)
	return s.noticeEnd(r.Notice, bits, "手机扫码查看办理记录", nil, "承办人（签字）", "申请人（签收）")
}

// FinishedNoticePDF lays out the 办结通知单.
func FinishedNoticePDF(d FinishedNotice, f Format) (Document, error) {
	n := d.Notice
	caption := "手机扫码查看办理结果"
	if d.RateURL != "" {
		n.TrackURL = d.RateURL
		caption = "请扫码对本次服务进行评价"
	}
	s, bits, err := noticeSheet(n, f, "办结通知单")
	if err != nil {
		return Document{}, err
	}
	s.salute(d.Applicant)
	s.para(fmt.Sprintf("您于%s申请办理的“%s”，已于%s办结。", orDash(dateZH(d.Received)), d.Item, orDash(dateZH(d.Finished))))
	if strings.TrimSpace(d.Result) != "" {
		s.heading("办理结果")
		s.para(d.Result)
	}
	if strings.TrimSpace(d.Collect) != "" {
		s.heading("领取方式")
		s.para(d.Collect)
	}
	return s.noticeEnd(n, bits, caption, [][2]string{{"办结时间：", dateZH(d.Finished)}}, "承办人（签字）", "申请人（签收）")
}

// ProxyListPDF lays out the 代办清单 of one batch: the particulars, a
// sentence of transmittal, one row per request (a table on A4 whose header
// repeats on every page, and a page number at the foot of each page), the
// signatures of the staff member and the receiver with the receiving
// department's seal, and the optional QR.
func ProxyListPDF(l ProxyList, f Format) (Document, error) {
	fc, err := defaultFace()
	if err != nil {
		return Document{}, err
	}
	if len(l.Rows) == 0 {
		return Document{}, fmt.Errorf("%w: 代办清单 needs requests", ErrIncomplete)
	}
	var bits [][]bool
	if l.URL != "" {
		if bits, err = qrBits(l.URL); err != nil {
			return Document{}, err
		}
	}
	s := newSheet(f, fc, "代办清单 "+l.BatchNo, l.Date)
	number := ""
	if l.BatchNo != "" {
		number = "批次：" + l.BatchNo
	}
	s.masthead(l.Center, "代办事项清单", number)
	body := style{size: s.g.body}
	lw := s.measure("报送日期：", body.size)
	s.field("报送部门：", l.Department, lw, body)
	s.field("报送日期：", dateZH(l.Date), lw, body)
	s.field("经办人：", l.Staff, lw, body)
	s.field("件数：", fmt.Sprintf("%d件", len(l.Rows)), lw, body)
	s.field("备注：", l.Note, lw, body)
	s.gap(1)
	to := strings.TrimSpace(l.Department)
	if to == "" {
		to = "贵单位"
	}
	s.para(fmt.Sprintf("现将本服务室受理的代为办理事项%d件及其申报材料报送%s，请逐件核对后签收。办理结果请告知本服务室，由本服务室回复申请人。", len(l.Rows), to))
	s.gap(2)
	end := func() {
		s.signatures([]string{"代办人（签字）", "接收人（签字）", "接收单位（盖章）"}, true)
		s.closingBand(bits, "扫码查看本批次", "", l.Center, l.Date, true)
	}
	if f == A4 {
		rows := make([][]string, len(l.Rows))
		for i, r := range l.Rows {
			rows[i] = []string{fmt.Sprint(i + 1), r.RequestNo, r.Applicant, r.IDTail, r.Item, r.Materials, r.Note}
		}
		s.table([]float64{0.06, 0.215, 0.1, 0.085, 0.21, 0.21, 0.12},
			[]string{"序号", "受理编号", "申请人", "证件号后四位", "办理事项", "随附材料", "备注"}, rows, body,
			tableOpts{tail: s.dryRun(end)})
	} else {
		for i, r := range l.Rows {
			who := r.Applicant
			if r.IDTail != "" {
				who += "（尾号" + r.IDTail + "）"
			}
			s.text(fmt.Sprintf("%d. %s  %s", i+1, r.RequestNo, who), style{size: body.size, bold: true})
			s.text(r.Item, style{size: body.size, indent: 3})
			if r.Materials != "" {
				s.text("随附材料："+r.Materials, style{size: s.g.small, indent: 3})
			}
			if r.Note != "" {
				s.text("备注："+r.Note, style{size: s.g.small, indent: 3})
			}
			s.gap(1)
		}
	}
	// The signatures and the closing stay together on the last page, with
	// the table's last rows (A4).
	s.together(end)
	s.footer = l.Center + "　代办清单 " + l.BatchNo
	return s.document()
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
