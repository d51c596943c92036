package staff_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/theme/themetest"
)

// queueFonts shows the queue's open requests rows to a page, builds it
// rounds times and draws it (the first and the last time), and returns
// the font loads Fyne asked of the theme (a theme override per row once
// parsed the CJK font once per row).
func queueFonts(t *testing.T, rows, rounds int) int {
	r := newRig(t, true)
	_, err := r.s.AddSynthRequests(context.Background(), 120, 11)
	require.NoError(t, err)
	r.login(t, "张建华", adminPIN)
	r.w.Resize(fyne.NewSize(1280, 6000)) // every row in sight
	fonts := themetest.Use(fyne.CurrentApp())
	q := r.d.Queue
	q.Filter.PageSize = rows
	for i := range rounds {
		q.SetGroup(data.QueueOpen)
		require.Len(t, q.Rows, rows)
		if i == 0 || i == rounds-1 {
			themetest.Draw(r.w)
		}
	}
	return fonts.Fonts()
}

func TestQueueLoadsFontsOnceWhateverTheRows(t *testing.T) {
	few := queueFonts(t, 5, 1)
	many := queueFonts(t, 50, 1)
	rebuilt := queueFonts(t, 50, 20)
	assert.Equal(t, few, many, "50 rows load no more fonts than 5")
	assert.Equal(t, many, rebuilt, "building the queue 20 times loads no more fonts than once")
	assert.LessOrEqual(t, rebuilt, 4, "one load per text style in use")
}
