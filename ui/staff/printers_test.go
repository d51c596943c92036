package staff_test

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/paper/papertest"
	"bianmin/ui/staff"
)

// TestA4QueueGetsNoticesAndForms: with an A4 queue, the written notices
// and the application form print there on A4; the roll gets the receipt
// only.
func TestA4QueueGetsNoticesAndForms(t *testing.T) {
	a4 := &recPrinter{}
	r := newRigWith(t, true, func(o *staff.Options) { o.A4Printer = a4 })
	rc := r.registerYL(t)
	r.login(t, "王丽娟", clerkPIN)
	req := r.openNew(t, rc)
	r.accept(t, req, data.ModePromise)
	require.True(t, req.PrintButton.Visible(), "the 承诺办结通知单 is offered")
	test.Tap(req.PrintButton)
	test.Tap(req.FormButton)
	require.Len(t, a4.Jobs, 2)
	assert.Equal(t, []string{"A4", "A4"}, a4.Media)
	assert.Contains(t, papertest.Words(t, a4.Jobs[0]), "承诺办结通知单")
	assert.Contains(t, papertest.Words(t, a4.Jobs[1]), "申请表")
	assert.Empty(t, r.printer.Jobs, "nothing A4 on the roll")

	test.Tap(req.ReprintButton)
	require.Len(t, r.printer.Jobs, 1)
	assert.NotEqual(t, "A4", r.printer.Media[0], "the receipt goes on the roll")
	assert.Contains(t, papertest.Words(t, r.printer.Jobs[0]), "受理回执")
	assert.Len(t, a4.Jobs, 2)
}
