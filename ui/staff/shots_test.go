//go:build shots

package staff_test

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"bianmin/data"
	"bianmin/internal/shots"
)

// TestScreenshots writes the sign-in, queue, request and intake screens at
// 1280×800 as PNGs into $BIANMIN_SHOTS/staff (for looking at them).
func TestScreenshots(t *testing.T) {
	dir := shots.Need(t, "")
	shot := func(r *rig, name string) {
		shots.Save(t, dir, name, r.w.Canvas())
	}
	r := newRig(t, true)
	rc := r.registerYL(t)
	shot(r, "staff-login-names")
	r.choose(t, "王丽娟")
	test.Tap(r.d.Login.Keypad.Digit(1))
	test.Tap(r.d.Login.Keypad.Digit(3))
	shot(r, "staff-login-pin")
	r.d.Login.PIN.SetText("")
	r.typePIN(t, "王丽娟", "9999")
	shot(r, "staff-login-wrong")
	r.login(t, "王丽娟", clerkPIN)
	shot(r, "staff-queue-new")
	r.d.Queue.SetGroup(data.QueueInProgress)
	shot(r, "staff-queue-progress")
	req := r.openNew(t, rc)
	shot(r, "staff-request")
	test.Tap(req.Actions[data.ActSupplement])
	shot(r, "staff-request-supplement")
	test.Tap(req.Form.Submit)
	shot(r, "staff-request-after")
	test.Tap(r.d.IntakeButton)
	r.d.Intake.SelectItem("城乡居民基本养老保险参保登记")
	shot(r, "staff-intake")

	r2 := newRig(t, false)
	shot(r2, "staff-first-admin")
}
