package staff_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/theme/themetest"
)

// BenchmarkQueueScreen builds and draws the staff queue with 20 rows (the
// open requests, a page of data.DefaultQueuePageSize) on a 1280×800
// window with the test app's software painter. Reported:
//
//	p50-ms, p99-ms   building the rows and drawing the screen once
//	heap-MB          live heap after the runs, less before them
//	fonts            font loads Fyne asked of the theme in the runs
//
// Run with
//
//	go test ./ui/staff/ -run '^$' -bench QueueScreen -benchtime 20x
func BenchmarkQueueScreen(b *testing.B) {
	r := newRig(b, true)
	r.login(b, "张建华", adminPIN)
	fonts := themetest.Use(fyne.CurrentApp())
	q := r.d.Queue
	build := func() {
		q.SetGroup(data.QueueOpen)
		require.Len(b, q.Rows, data.DefaultQueuePageSize)
		themetest.Draw(r.w)
	}
	themetest.Measure(b, fonts, build)
}
