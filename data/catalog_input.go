package data

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Reading a catalog file honestly: the file's size is checked
// before it is read, its encoding is found (UTF-8 with or without the BOM
// Notepad writes, UTF-16 with a BOM, or GB18030/GBK as older Chinese
// Windows tools save it) and decoded to UTF-8, or the file is refused with
// a sentence a clerk understands. Never is a file imported as garbage.

// MaxCatalogBytes is the largest catalog file accepted: the sample catalog
// with photos and sample forms is well under 5 MB.
const MaxCatalogBytes = 50 << 20

// The encodings a catalog file may be converted from, as ImportSummary
// names them in Converted.
const (
	EncodingGBK   = "GBK"
	EncodingUTF16 = "UTF-16"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// catalogSource is a catalog file ready for the decoder: UTF-8, seekable,
// starting at base.
type catalogSource struct {
	src       io.ReadSeeker
	base      int64
	converted string // the encoding it was converted from, or ""
	cleanup   func()
}

// openCatalogSource checks the size of r against limit (before reading, when
// r is a file; limit 0: any size), finds its encoding and returns it as
// UTF-8.
func openCatalogSource(r io.Reader, limit int64) (*catalogSource, error) {
	if limit <= 0 {
		limit = math.MaxInt64 - 1
	}
	var src io.ReadSeeker
	cleanup, cutShort := func() {}, func() bool { return false }
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			pos, _ := f.Seek(0, io.SeekCurrent)
			if fi.Size()-pos > limit {
				return nil, catalogTooBig(fi.Size() - pos)
			}
			src = f // read where it is, not copied first
		}
	}
	if src == nil {
		// A reader that says nothing of its size is read at most one byte
		// past the limit.
		limited := &limitReader{r: r, n: limit + 1}
		var err error
		if src, cleanup, err = seekable(limited); err != nil {
			return nil, err
		}
		cutShort = func() bool { return limited.n <= 0 }
	}
	fail := func(err error) (*catalogSource, error) { cleanup(); return nil, err }
	base, err := src.Seek(0, io.SeekCurrent)
	if err != nil {
		return fail(err)
	}
	end, err := src.Seek(0, io.SeekEnd)
	if err != nil {
		return fail(err)
	}
	if end-base > limit || cutShort() {
		return fail(catalogTooBig(end - base))
	}
	head := make([]byte, 4)
	if _, err := src.Seek(base, io.SeekStart); err != nil {
		return fail(err)
	}
	n, _ := io.ReadFull(src, head)
	head = head[:n]
	cs := &catalogSource{src: src, base: base, cleanup: cleanup}
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		cs.base += 3
	case bytes.HasPrefix(head, bomUTF16LE), bytes.HasPrefix(head, bomUTF16BE):
		if _, err := src.Seek(base, io.SeekStart); err != nil {
			return fail(err)
		}
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
		out, err := convertCatalog(transform.NewReader(src, dec), cleanup)
		if err != nil {
			return nil, err
		}
		out.converted = EncodingUTF16
		return out, nil
	}
	line, ok, err := firstInvalidUTF8(src, cs.base)
	if err != nil {
		return fail(err)
	}
	if ok {
		return cs, nil
	}
	// Not UTF-8: GB18030 (a superset of GBK) if it decodes cleanly into
	// Chinese text.
	if gb, err := looksGB18030(src, base); err == nil && gb {
		if _, err := src.Seek(base, io.SeekStart); err != nil {
			return fail(err)
		}
		out, err := convertCatalog(transform.NewReader(src, simplifiedchinese.GB18030.NewDecoder()), cleanup)
		if err != nil {
			return nil, err
		}
		out.converted = EncodingGBK
		return out, nil
	}
	return fail(Invalid("", fmt.Sprintf("第%d行：文件中有无法识别的文字编码。目录文件应保存为 UTF-8 编码"+
		"（记事本“另存为”时在“编码”中选择 UTF-8），请重新保存后再导入。", line)).
		keyed("data.catalog_input.encoding", map[string]any{"Line": line}))
}

// convertCatalog writes the decoded text to a temporary file, closes the
// source (cleanup) and returns the new file as the source.
func convertCatalog(r io.Reader, cleanup func()) (*catalogSource, error) {
	defer cleanup()
	f, err := os.CreateTemp("", "bianmin-catalog-utf8-*.json")
	if err != nil {
		return nil, err
	}
	done := func() { f.Close(); os.Remove(f.Name()) }
	if _, err := io.Copy(f, r); err != nil {
		done()
		return nil, Invalid("", "文件的文字编码无法转换，请另存为 UTF-8 编码后再导入。")
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		done()
		return nil, err
	}
	// A converted file may still start with a BOM of its own.
	head := make([]byte, 3)
	n, _ := io.ReadFull(f, head)
	base := int64(0)
	if n == 3 && bytes.Equal(head, bomUTF8) {
		base = 3
	}
	cs := &catalogSource{src: f, base: base, cleanup: done}
	if line, ok, err := firstInvalidUTF8(f, base); err != nil || !ok {
		done()
		if err == nil {
			err = Invalid("", fmt.Sprintf("第%d行：文件中有无法识别的文字。请另存为 UTF-8 编码后再导入。", line)).
				keyed("data.catalog_input.text", map[string]any{"Line": line})
		}
		return nil, err
	}
	return cs, nil
}

// firstInvalidUTF8 reads src from base and reports whether it is valid
// UTF-8, and if not the line of the first byte that is not.
func firstInvalidUTF8(src io.ReadSeeker, base int64) (int, bool, error) {
	if _, err := src.Seek(base, io.SeekStart); err != nil {
		return 0, false, err
	}
	br := bufio.NewReaderSize(src, 64<<10)
	line := 1
	for {
		r, size, err := br.ReadRune()
		if err == io.EOF {
			return line, true, nil
		}
		if err != nil {
			return 0, false, err
		}
		if r == utf8.RuneError && size == 1 {
			return line, false, nil
		}
		if r == '\n' {
			line++
		}
	}
}

// looksGB18030 reports whether src decodes as GB18030 without a byte it
// cannot decode, into text with Chinese characters in it.
func looksGB18030(src io.ReadSeeker, base int64) (bool, error) {
	if _, err := src.Seek(base, io.SeekStart); err != nil {
		return false, err
	}
	br := bufio.NewReaderSize(transform.NewReader(src, simplifiedchinese.GB18030.NewDecoder()), 64<<10)
	han := false
	for {
		r, _, err := br.ReadRune()
		if err == io.EOF {
			return han, nil
		}
		if err != nil {
			return false, nil
		}
		if r == utf8.RuneError {
			return false, nil
		}
		han = han || isHanRune(r)
	}
}

// limitReader is io.LimitReader that lets the caller see it ran out.
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// Names of the catalog's sections and fields, for messages a clerk reads:
// "items[2].promised_days" is 第3个事项的“承诺期限”.
var catalogSections = map[string]string{
	"windows": "窗口", "staff": "工作人员", "items": "事项", "disclosures": "公开事项", "calendar": "日期",
	"materials": "材料", "fields": "登记项", "versions": "版本", "hours": "办公时间", "procedure": "办事步骤",
	"keywords": "关键词", "joint_windows": "配合窗口", "options": "选项", "special_steps": "特别程序",
}

var catalogFieldNames = map[string]string{
	"format": "格式版本", "center": "服务室信息", "code": "编码", "name": "名称", "short_name": "简称",
	"receipt_prefix": "回执编号前缀", "address": "地址", "phone": "电话", "complaint_phone": "投诉电话",
	"report_phone": "举报电话", "report_box": "举报信箱", "organisation": "单位", "remedy": "救济途径",
	"public_base_url": "公开网址", "complaint_days": "投诉办理时限", "idle_seconds": "无操作返回时间",
	"weekday": "星期", "opens": "开始时间", "closes": "结束时间", "duties": "职责", "post": "职务",
	"photo": "照片", "photo_file": "照片文件", "window": "窗口", "ab": "AB岗", "role": "角色", "active": "在岗",
	"sample": "示例", "category": "分类", "summary": "简介", "basis": "政策依据", "conditions": "申报条件",
	"promised_days": "承诺期限", "legal_days": "法定期限", "fee": "收费标准", "fee_basis": "收费依据",
	"special_counts": "特别程序是否计时", "trips": "到现场次数", "mode": "办理方式", "lead_window": "牵头窗口",
	"upper_department": "上级部门", "result": "办理结果", "no_id": "无需身份证", "required": "必填",
	"form": "材料形式", "copies": "份数", "note": "备注", "sample_name": "样表文件名", "sample_data": "样表文件",
	"key": "键名", "label": "名称", "kind": "类型", "help": "说明", "rule": "规则", "audience": "公开范围",
	"cadence": "公开时限", "version": "版本号", "status": "状态", "title": "标题", "body": "内容",
	"published_at": "公开时间", "publisher": "公开人", "day": "日期",
}

// catalogFieldLabel turns a field path into words: "items[2].promised_days"
// → 第3个事项的“承诺期限”; a part it does not know keeps its JSON name.
func catalogFieldLabel(path string) string {
	var b strings.Builder
	parts := strings.Split(path, ".")
	for i, p := range parts {
		name, idx := p, -1
		if k := strings.IndexByte(p, '['); k > 0 && strings.HasSuffix(p, "]") {
			fmt.Sscanf(p[k+1:len(p)-1], "%d", &idx)
			name = p[:k]
		}
		if idx >= 0 {
			sec := catalogSections[name]
			if sec == "" {
				sec = name
			}
			fmt.Fprintf(&b, "第%d个%s", idx+1, sec)
			if i < len(parts)-1 {
				b.WriteString("的")
			}
			continue
		}
		label := catalogFieldNames[name]
		if label == "" {
			label = catalogSections[name]
		}
		if label == "" {
			label = name
		}
		b.WriteString("“" + label + "”")
		if i < len(parts)-1 {
			b.WriteString("的")
		}
	}
	return b.String()
}
