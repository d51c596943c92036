//go:build shots

package staff_test

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/internal/shots"
	"bianmin/ui/staff"
)

// TestProxyScreenshots writes the section's screens to
// $BIANMIN_SHOTS/proxy for looking at.
func TestProxyScreenshots(t *testing.T) {
	dir := shots.Need(t, "proxy")
	r := newRig(t, true)
	shot := func(name string) {
		shots.Save(t, dir, name, r.w.Canvas())
	}
	sess := r.login(t, "王丽娟", clerkPIN)
	a := r.proxyYDZ(t, sess, "张秀英", 11)
	r.proxyYDZ(t, sess, "李桂芳", 12)
	test.Tap(r.d.AdminButton)
	r.d.Admin.Show(staff.SectionProxy)
	p := r.d.Admin.Proxy
	g := proxyGroup(t, p, ydzDept)
	g.All.SetChecked(true)
	shot("pending")
	test.Tap(g.Create)
	p.Note.SetText("原件随附，请核对")
	shot("create")
	test.Tap(p.Form.Submit)
	shot("batch")
	test.Tap(proxyLine(t, p, a.RequestID).Result)
	p.Result.SetText("已审核通过，优待证已制作")
	test.Tap(p.Form.Submit)
	test.Tap(proxyLine(t, p, a.RequestID).Told)
	p.ReplyMethod.SetSelected(data.ReplyPhone.Label())
	shot("told")
	test.Tap(p.Form.Submit)
	shot("batch-after")
	test.Tap(p.Batch.Back)
	shot("sent")
	require.NoError(t, os.WriteFile(filepath.Join(dir, "list.pdf"), r.printer.Jobs[0], 0o644))
}
