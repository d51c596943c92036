package uitest_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/internal/uitest"
)

func TestTimersFireOnlyWhenTold(t *testing.T) {
	var got []int
	var tm uitest.Timers
	tm.After(time.Second, func() { got = append(got, 1) })
	cancel := tm.After(time.Second, func() { got = append(got, 2) })
	tm.After(time.Hour, func() { got = append(got, 3) })
	cancel()
	assert.Empty(t, got, "nothing fires by itself")
	tm.Fire()
	assert.Equal(t, []int{1, 3}, got, "pending timers, oldest first, the cancelled one not")
	tm.Fire()
	assert.Equal(t, []int{1, 3}, got, "a timer fires once")
}

func TestPrinterRecordsJobsOrFails(t *testing.T) {
	p := &uitest.Printer{Name: "kiosk"}
	id, err := p.Print(context.Background(), []byte("%PDF-a"), "A4")
	require.NoError(t, err)
	assert.Equal(t, "kiosk-1", id)
	p.Fail(errors.New("paper out"))
	_, err = p.Print(context.Background(), []byte("%PDF-b"), "A4")
	assert.EqualError(t, err, "paper out")
	p.Fail(nil)
	_, err = p.Print(context.Background(), []byte("%PDF-c"), "Custom.80x120mm")
	require.NoError(t, err)
	assert.Equal(t, 2, p.Count())
	assert.Equal(t, []byte("%PDF-c"), p.Last(t))
	assert.Equal(t, []string{"A4", "Custom.80x120mm"}, p.Media)
}

func TestTextIsWhatTheWindowDraws(t *testing.T) {
	uitest.NewApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("您好"))
	assert.Contains(t, uitest.Text(w.Canvas()), "您好\n")
	assert.Contains(t, uitest.Flat(w.Canvas()), "您好")
}
