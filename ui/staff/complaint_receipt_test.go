package staff_test

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/paper/papertest"
)

// TestPrintComplaintReceiptAtTheDesk: a complaint taken down at the desk
// gets its receipt on the roll, like a request's: code, query code, what
// about, the QR of its page; nothing of the complainant.
func TestPrintComplaintReceiptAtTheDesk(t *testing.T) {
	r := adminRig(t)
	list := r.d.Admin.Complaints
	require.NotNil(t, list)
	assert.False(t, list.PrintReceipt.Visible(), "nothing taken down yet")
	enterComplaint(t, r)
	require.True(t, list.PrintReceipt.Visible())
	test.Tap(list.PrintReceipt)
	require.Len(t, r.printer.Jobs, 1)
	assert.Regexp(t, `^Custom\.80x\d+mm$`, r.printer.Media[0])
	words := papertest.Words(t, r.printer.Jobs[0])
	require.Len(t, list.Rows, 1)
	code := list.Rows[0].Row.Code
	for _, w := range []string{"投诉回执", code, "王丽娟"} {
		assert.Contains(t, words, w)
	}
	for _, w := range []string{"李秀英", "13700137000", "态度生硬"} {
		assert.NotContains(t, words, w, "nothing of the complainant or the complaint's text")
	}
	assert.Contains(t, list.Notice.Text, "回执已打印")
}
