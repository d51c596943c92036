package staff_test

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReprintButtonsNotClipped: on the request screen, 补打回执 and the
// other print buttons show their whole icon and text and lie within the
// window, on a 1280×800 and a 1920×1080 monitor. (The request screen's
// buttons are drawn with a slimmer inner padding than Fyne's, so a button
// may be narrower than its own MinSize: what must fit is its content.)
func TestReprintButtonsNotClipped(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1920, Height: 1080}} {
		t.Run(fmt.Sprintf("%vx%v", size.Width, size.Height), func(t *testing.T) {
			r := newRig(t, true)
			r.w.Resize(size)
			rc := r.registerYL(t)
			r.login(t, "王丽娟", clerkPIN)
			req := r.openNew(t, rc)
			for name, b := range map[string]*widget.Button{"补打回执": req.ReprintButton,
				"补打通知书": req.NoticesButton, "打印预填申请表": req.FormButton} {
				require.True(t, b.Visible(), name)
				pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
				got := b.Size()
				text := fyne.MeasureText(b.Text, fynetheme.TextSize(), fyne.TextStyle{})
				need := fyne.NewSize(text.Width+2*fynetheme.Padding(), text.Height)
				if b.Icon != nil {
					need.Width += fynetheme.IconInlineSize() + fynetheme.Padding()
				}
				assert.GreaterOrEqualf(t, got.Width+0.5, need.Width, "%s: %v wide, its icon and text need %v", name, got.Width, need.Width)
				assert.GreaterOrEqualf(t, got.Height+0.5, need.Height, "%s: %v high, its text needs %v", name, got.Height, need.Height)
				assert.LessOrEqualf(t, pos.X+got.Width, r.w.Canvas().Size().Width+0.5, "%s runs off the right", name)
			}
		})
	}
}
