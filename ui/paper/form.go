package paper

import (
	"fmt"
	"strings"
	"time"
)

// ApplicationForm is the 申请表 of 协助办理 (§三 协助办理: "sample forms print
// pre-filled from what the resident entered"): the item's application form
// filled in with what the resident gave at the kiosk or the window, for the
// resident to check and sign.
//
// Unlike every other document of this package, it carries the applicant's
// personal data in full (name, phone, ID number, address): it is printed in
// staff mode and handed to the resident in person to check, correct and
// sign, as a hand-written form would carry them. It never goes on the roll.
type ApplicationForm struct {
	Center    string
	RequestNo string    // 受理编号
	Item      string    // the item: the form is "<Item>申请表"
	Date      time.Time // printed on
	Name      string
	Phone     string
	IDNumber  string // in full
	Address   string // "" leaves a blank line to fill in by hand
	// Fields are the item's intake fields in order: label and the answer as
	// given ("" leaves the cell blank for the resident to fill in).
	Fields      []FormField
	Description string // 情况说明 as typed; "" leaves it out
	// Samples are the 样表 files of the item's materials: an image (PNG or
	// JPEG) prints on a page of its own marked 样表（参考）; any other file
	// (a PDF) is only named.
	Samples []FormSample
}

// FormField is one answered field of an ApplicationForm.
type FormField struct {
	Label, Value string
}

// FormSample is a 样表 file of one of the item's materials.
type FormSample struct {
	Material string // the material it illustrates
	Name     string // file name
	Data     []byte
}

// ApplicationFormPDF lays out the pre-filled 申请表 on A4: the particulars
// and every answer in a bordered table, a note asking the resident to
// check, blank 申请人签字 and 日期 lines, the center and request number, then
// one page per image sample marked 样表（参考）.
func ApplicationFormPDF(a ApplicationForm) (Document, error) {
	fc, err := defaultFace()
	if err != nil {
		return Document{}, err
	}
	if strings.TrimSpace(a.RequestNo) == "" || strings.TrimSpace(a.Item) == "" {
		return Document{}, fmt.Errorf("%w: 申请表 needs RequestNo and Item", ErrIncomplete)
	}
	s := newSheet(A4, fc, a.Item+"申请表 "+a.RequestNo, a.Date)
	s.masthead(a.Center, a.Item+"申请表", "受理编号："+a.RequestNo)
	body := style{size: s.g.body}

	s.heading("申请人基本情况")
	s.table([]float64{0.3, 0.7}, []string{"项目", "填写内容"}, [][]string{
		{"申请人姓名", a.Name}, {"联系电话", a.Phone}, {"公民身份号码", a.IDNumber}, {"住址", a.Address},
	}, body)
	if len(a.Fields) > 0 || strings.TrimSpace(a.Description) != "" {
		s.heading("申请事项信息")
		rows := make([][]string, 0, len(a.Fields)+1)
		for _, f := range a.Fields {
			rows = append(rows, []string{f.Label, f.Value})
		}
		if strings.TrimSpace(a.Description) != "" {
			rows = append(rows, []string{"情况说明", a.Description})
		}
		s.table([]float64{0.3, 0.7}, []string{"项目", "填写内容"}, rows, body)
	}

	var named []string
	var images []int
	for i, sm := range a.Samples {
		if imageType(sm.Data) != "" {
			images = append(images, i)
			continue
		}
		named = append(named, sampleName(sm))
	}
	if len(named) > 0 {
		s.heading("参考样表")
		s.list(named, func(int) string { return "·" }, body)
		s.text("以上样表可向工作人员索取或在服务室查阅。", style{size: s.g.small})
	}

	s.gap(2)
	// The declaration, the signature and the closing share a page.
	s.together(func() {
		s.para("以上内容由工作人员根据申请人填报的信息预先填写。请申请人逐项核对，如有错误或遗漏，请告知工作人员更正；核对无误后签字确认。本人承诺所填信息真实、准确。")
		s.signatures([]string{"申请人签字"}, true)
		s.closing(a.Center, a.Date, false)
	})
	s.footer = a.Center + "　" + a.RequestNo

	for _, i := range images {
		sm := a.Samples[i]
		s.newPage()
		s.text("样表（参考）", style{size: s.g.title, bold: true, align: center})
		s.text(sampleName(sm), style{size: s.g.body, align: center})
		s.text("本页为填写示例，仅供参考，不作为申请材料。", style{size: s.g.small, align: center})
		s.gap(3)
		s.image(sm.Name, sm.Data, s.g.left, s.y, s.width(), s.g.h-s.g.bottom-4-s.y)
	}
	pdf, err := s.render()
	if err != nil {
		return Document{}, err
	}
	return Document{PDF: pdf, Format: A4, Width: s.g.w, Height: s.g.h, Pages: len(s.pages)}, nil
}

// sampleName names a sample by its material and file.
func sampleName(sm FormSample) string {
	switch {
	case sm.Material == "":
		return sm.Name
	case sm.Name == "":
		return sm.Material
	}
	return sm.Material + "（" + sm.Name + "）"
}
