package paper

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/paper/papertest"
)

const (
	testURL    = "http://192.168.1.20:8080/r/AB3DEFGHJKMNPQRSTUVWXY"
	testFullID = "110101199003074578"
)

var testTime = time.Date(2026, 11, 26, 14, 32, 0, 0, data.China)

func sampleReceipt() Receipt {
	return Receipt{
		Center: "幸福社区便民服务室", Item: "城乡居民基本医疗保险参保登记（含新生儿、在校学生首次参保）",
		ReceiptNo: "XF-20261126-0042", QueryCode: "7K3QXP", Time: testTime,
		Mode: "承诺办理", Promised: "2026年12月10日前", Status: "已受理",
		Brought:  []string{"居民身份证原件", "户口簿原件及复印件1份"},
		Missing:  []string{"一寸免冠彩色照片2张", "村（居）委会出具的居住证明（加盖公章）", "银行卡复印件1份（本人名下，用于待遇发放）"},
		TrackURL: testURL, Applicant: "张*三", IDTail: "**************4578", Phone: "0571-12345678",
	}
}

func sampleGuide() Guide {
	return Guide{Center: "幸福社区便民服务室", Item: "城乡居民基本医疗保险参保登记", Code: "YB-001",
		Basis:      "《中华人民共和国社会保险法》第二十五条；《浙江省城乡居民基本医疗保险办法》。",
		Conditions: "1. 具有本地户籍或持有本地居住证的城乡居民；\n2. 未参加职工基本医疗保险。",
		Materials: []Material{
			{Name: "居民身份证", Required: true, Form: "原件", Copies: 1, Note: "新生儿可凭出生医学证明"},
			{Name: "户口簿", Required: true, Form: "原件及复印件", Copies: 1},
			{Name: "一寸免冠彩色照片", Required: true, Form: "原件", Copies: 2, Note: "白底"},
			{Name: "居住证明", Form: "原件", Copies: 1, Note: "非本地户籍人员提供，由村（居）委会出具并加盖公章"},
			{Name: "授权委托书", Form: "原件", Copies: 1, Note: "委托他人代办时提供"},
		},
		Procedure: []string{"申请人到便民服务室窗口或自助终端登记，提交材料。",
			"工作人员当场审核材料，材料齐全的予以受理；不齐全的一次性告知补正。",
			"审核通过后录入参保信息，告知缴费方式。", "办结，通知申请人。"},
		PromisedDays: 3, LegalDays: 15, Fee: "不收费", FeeBasis: "国家规定", Trips: 1,
		Address: "幸福社区党群服务中心一楼2号窗口", Phone: "0571-87654321", Complaint: "0571-12345678",
		Printed: time.Date(2026, 11, 26, 9, 0, 0, 0, data.China)}
}

func sampleNotice() Notice {
	return Notice{Center: "幸福社区便民服务室", RequestNo: "XF-20261126-0042", Item: "城乡居民基本医疗保险参保登记",
		Applicant: "张*三", Received: testTime, Date: time.Date(2026, 11, 27, 10, 0, 0, 0, data.China),
		Window: "2号窗口", Staff: "李四", TrackURL: testURL, Phone: "0571-12345678"}
}

// needTool fails when a Debian tool the test drives is not installed.
func needTool(t *testing.T, name string) { papertest.Need(t, name) }

// pdfText is what pdftotext reads from pdf.
func pdfText(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	return papertest.Text(t, pdf, args...)
}

// rasterise renders every page of pdf at dpi with pdftoppm.
func rasterise(t *testing.T, pdf []byte, dpi int) []image.Image {
	t.Helper()
	needTool(t, "pdftoppm")
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	require.NoError(t, os.WriteFile(in, pdf, 0o600))
	out, err := exec.Command("pdftoppm", "-r", strconv.Itoa(dpi), "-png", in, filepath.Join(dir, "page")).CombinedOutput()
	require.NoError(t, err, "pdftoppm: %s", out)
	files, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
	require.NoError(t, err)
	sort.Strings(files)
	require.NotEmpty(t, files, "pdftoppm made no pages")
	var imgs []image.Image
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		img, err := png.Decode(bytes.NewReader(b))
		require.NoError(t, err)
		imgs = append(imgs, img)
	}
	return imgs
}
