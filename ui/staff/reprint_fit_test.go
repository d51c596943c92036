package staff_test

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReprintButtonsNotClipped: on the request screen, 补打回执 and the
// other print buttons get at least their minimum size and lie within the
// window, on a 1280×800 and a 1920×1080 monitor.
func TestReprintButtonsNotClipped(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1920, Height: 1080}} {
		t.Run(fmt.Sprintf("%vx%v", size.Width, size.Height), func(t *testing.T) {
			r := newRig(t, true)
			r.w.Resize(size)
			rc := r.registerYL(t)
			r.login(t, "王丽娟", clerkPIN)
			req := r.openNew(t, rc)
			for name, b := range map[string]fyne.CanvasObject{"补打回执": req.ReprintButton,
				"补打通知书": req.NoticesButton, "打印预填申请表": req.FormButton} {
				require.True(t, b.Visible(), name)
				pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
				got, min := b.Size(), b.MinSize()
				assert.GreaterOrEqualf(t, got.Width+0.5, min.Width, "%s: %v wide, needs %v", name, got.Width, min.Width)
				assert.GreaterOrEqualf(t, got.Height+0.5, min.Height, "%s: %v high, needs %v", name, got.Height, min.Height)
				assert.LessOrEqualf(t, pos.X+got.Width, r.w.Canvas().Size().Width+0.5, "%s runs off the right", name)
			}
		})
	}
}
