package staff_test

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"

	"bianmin/data"
	"bianmin/ui/staff"
)

// damagedStore is the rig's store as after a quick check that found the
// data file damaged.
type damagedStore struct{ *data.Store }

func (damagedStore) Health() data.Health {
	return data.Health{Err: fmt.Errorf("data: quick check: %w: page 42", data.ErrCorrupt)}
}

// Staff mode says in red, from the sign-in screen on, that the data file is
// damaged and what to do; a sound file shows no such line.
func TestBackupDamagedDataFileShowsRedLine(t *testing.T) {
	r := newRig(t, true)
	assert.False(t, r.d.Damage.Visible(), "a sound data file: no red line")

	d := staff.New(damagedStore{r.s}, r.w, staff.Options{})
	r.w.SetContent(d.Content())
	d.Open()
	assert.True(t, d.Damage.Visible())
	assert.Contains(t, d.Damage.Text, "数据文件已损坏")
	assert.Contains(t, d.Damage.Text, "恢复最近一份完好的备份")
	assert.Equal(t, widget.DangerImportance, d.Damage.Importance)
}
