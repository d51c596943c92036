package paper

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
)

func sampleProxyList(n int) ProxyList {
	l := ProxyList{Center: "幸福社区便民服务室", BatchNo: "DB-20261127-01", Department: "王益区民政局（老龄工作部门）",
		Date: time.Date(2026, 11, 27, 10, 0, 0, 0, data.China), Staff: "李四", Note: "原件随附，请核对"}
	for i := range n {
		l.Rows = append(l.Rows, ProxyRow{RequestNo: fmt.Sprintf("XF-20261126-%04d", i+1), Applicant: "张三丰",
			IDTail: "4578", Item: "老年人优待证办理（代办）", Materials: "居民身份证复印件、一寸照片2张"})
	}
	return l
}

// TestProxyListLong: a long batch flows over A4 pages with the table
// header and the page numbers on each, every request listed, the
// applicant's full name and only the last four digits of the ID.
func TestProxyListLong(t *testing.T) {
	l := sampleProxyList(45)
	d, err := ProxyListPDF(l, A4)
	require.NoError(t, err)
	assert.Greater(t, d.Pages, 1)
	flat := flatText(t, d.PDF)
	for _, w := range []string{"代办事项清单", "批次：DB-20261127-01", "王益区民政局（老龄工作部门）", "2026年11月27日",
		"经办人：李四", "45件", "原件随附，请核对", "张三丰", "4578", "代办人（签字）", "接收人（签字）", "接收单位（盖章）",
		fmt.Sprintf("第1页共%d页", d.Pages), fmt.Sprintf("第%d页共%d页", d.Pages, d.Pages)} {
		assert.Contains(t, flat, w)
	}
	for _, r := range l.Rows {
		assert.Contains(t, flat, r.RequestNo)
	}
	assert.GreaterOrEqual(t, strings.Count(flat, "序号受理编号申请人"), 2, "header repeats")
	assert.Equal(t, d.Pages, strings.Count(flat, "代办清单DB-20261127-01第"), "a footer on every page")
}

func TestProxyListRoll(t *testing.T) {
	d, err := ProxyListPDF(sampleProxyList(3), Roll80)
	require.NoError(t, err)
	assert.Equal(t, 1, d.Pages)
	flat := flatText(t, d.PDF)
	assert.Contains(t, flat, "3.XF-20261126-0003张三丰（尾号4578）")
	assert.Contains(t, flat, "接收单位（盖章）")
}

// TestPrintProxyList sends a 代办清单 through the CUPS test printer.
func TestPrintProxyList(t *testing.T) {
	q := testQueue(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	d, err := ProxyListPDF(sampleProxyList(2), A4)
	require.NoError(t, err)
	job, err := Printer{Queue: q}.PrintDocument(ctx, d)
	require.NoError(t, err, Message(err))
	flat := strings.Join(strings.Fields(pdfText(t, printedPDF(t, job))), "")
	assert.Contains(t, flat, "代办事项清单")
	assert.Contains(t, flat, "XF-20261126-0002")
}
