package paper

import (
	"fmt"
	"strings"
	"time"
)

// ComplaintReceipt is the 投诉回执 a resident takes home after filing a
// complaint (§十), printed on the 80 mm roll like a request's receipt: the
// complaint's code and query code, what it is about, when it was filed and
// by when it will be answered, and the QR code of its status page. It
// carries nothing of the complainant (a complaint may be anonymous) and
// not the complaint's text.
type ComplaintReceipt struct {
	Center    string
	Code      string    // 投诉编号
	QueryCode string    // 查询码
	About     string    // what the complaint is about, as people read it
	Time      time.Time // when it was filed
	Due       time.Time // the day it will be answered by
	Days      int       // the time limit in working days; 0 to leave out
	TrackURL  string    // encoded in the QR code: {base URL}/c/{token}
	Phone     string    // 投诉电话
}

// ComplaintReceiptPDF lays out the complaint's receipt on an 80 mm roll.
func ComplaintReceiptPDF(r ComplaintReceipt) (Document, error) {
	if strings.TrimSpace(r.Code) == "" || strings.TrimSpace(r.QueryCode) == "" || strings.TrimSpace(r.TrackURL) == "" {
		return Document{}, fmt.Errorf("%w: complaint receipt needs Code, QueryCode and TrackURL", ErrIncomplete)
	}
	fc, err := defaultFace()
	if err != nil {
		return Document{}, err
	}
	bits, err := qrBits(r.TrackURL)
	if err != nil {
		return Document{}, err
	}
	s := newSheet(Roll80, fc, "投诉回执 "+r.Code, r.Time)
	g := s.g
	if strings.TrimSpace(r.Center) != "" {
		s.text(r.Center, style{size: g.head, bold: true, align: center})
	}
	s.text("投诉回执", style{size: g.title, bold: true, align: center})
	s.rule(true)
	s.text("投诉编号", style{size: g.small, align: center})
	s.text(r.Code, style{size: g.big, bold: true, align: center})
	s.gap(0.6)
	s.text("查询码", style{size: g.small, align: center})
	s.text(r.QueryCode, style{size: g.big + 3, bold: true, align: center})
	s.rule(true)

	body := style{size: g.body}
	lw := s.measure("投诉时间：", body.size)
	s.field("投诉对象：", r.About, lw, style{size: body.size, bold: true})
	if !r.Time.IsZero() {
		s.field("投诉时间：", chinaTime(r.Time).Format("2006年1月2日 15:04"), lw, body)
	}
	if !r.Due.IsZero() {
		due := dateZH(r.Due) + "前"
		if r.Days > 0 {
			due = fmt.Sprintf("%d个工作日内（%s）", r.Days, due)
		}
		s.field("答复时限：", due, lw, style{size: body.size, bold: true})
	}
	s.rule(true)
	s.qr(bits, qrSideRoll, "手机扫码查看处理进度")
	s.text("查询进度：用手机扫描上方二维码；或在自助终端“进度查询”扫描本回执，或输入投诉编号和查询码。", style{size: g.small})
	s.gap(0.8)
	if strings.TrimSpace(r.Phone) != "" {
		s.text("投诉电话："+r.Phone, style{size: g.body, bold: true})
	}
	s.gap(0.8)
	s.text("本回执不含您的个人信息。请妥善保管，凭编号和查询码查询处理结果。", style{size: g.small, align: center})
	return s.document()
}
