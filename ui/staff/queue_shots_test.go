//go:build shots

package staff_test

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"bianmin/data"
	"bianmin/internal/shots"
	"bianmin/ui/staff"
)

// TestQueueRequestShots writes the queue and request screens of this work
// as PNGs into $BIANMIN_SHOTS/staff-request (for looking at them).
func TestQueueRequestShots(t *testing.T) {
	dir := shots.Need(t, "staff-request")
	r := newRig(t, true)
	shot := func(name string) {
		shots.Save(t, dir, name, r.w.Canvas())
	}
	rc := r.registerYL(t)
	r.login(t, "张建华", adminPIN)
	r.d.Queue.SetGroup(data.QueueOpen)
	shot("queue-open")
	r.d.Queue.SetGroup(data.QueueInProgress)
	shot("queue-progress")
	req := r.openNew(t, rc)
	shot("request")
	test.Tap(req.Actions[data.ActRefuse])
	shot("refuse")
	test.Tap(req.Form.Step.(*staff.RefuseForm).ManageReasons)
	shot("reasons-editor")
	test.Tap(req.Form.Step.(*staff.RefuseForm).Reasons.Close)
	test.Tap(req.Form.Cancel)
	r.accept(t, req, data.ModePromise)
	test.Tap(req.Actions[data.ActEscalate])
	shot("escalate")
	test.Tap(req.Form.Cancel)
	test.Tap(req.NoticesButton)
	shot("notices")
}
