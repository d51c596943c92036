package kiosk

import (
	"context"
	"errors"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestReadThenShow: what is read is shown, back on the UI goroutine; a
// failed read is said on the status line and nothing is shown; with a
// loading flag a second read is not started while one is under way, and
// the flag is down again after either answer.
func TestReadThenShow(t *testing.T) {
	test.NewTempApp(t)
	var work []func()
	run := func(f func()) { work = append(work, f) }
	nav := newNav(test.NewWindow(nil), context.Background(), run, nil, time.Now)
	status := widget.NewLabel("读取中")
	var shown []string
	show := func(v string) { shown = append(shown, v) }
	answer, fail := "甲", error(nil)
	read := func(context.Context) (string, error) { return answer, fail }
	drain := func() {
		for len(work) > 0 {
			f := work[0]
			work = work[1:]
			f()
		}
	}

	loading := false
	readThenShow(nav, &loading, status, "kiosk: test", read, show)
	readThenShow(nav, &loading, status, "kiosk: test", read, show)
	assert.True(t, loading)
	require.Len(t, work, 1, "one read at a time")
	drain()
	assert.False(t, loading)
	assert.Equal(t, []string{"甲"}, shown)
	assert.Equal(t, "读取中", status.Text, "show says what it likes")

	fail = errors.New("读不到")
	readThenShow(nav, &loading, status, "kiosk: test", read, show)
	drain()
	assert.False(t, loading, "down after a failure too")
	assert.Equal(t, []string{"甲"}, shown, "nothing shown")
	assert.Equal(t, errorText(fail), status.Text)

	fail, answer = nil, "乙"
	readThenShow(nav, nil, status, "kiosk: test", read, show)
	readThenShow(nav, nil, status, "kiosk: test", read, show)
	require.Len(t, work, 2, "no flag: each call reads")
	drain()
	assert.Equal(t, []string{"甲", "乙", "乙"}, shown)
}

// TestShowFailure: no error says nothing; an error is said on the status
// line.
func TestShowFailure(t *testing.T) {
	test.NewTempApp(t)
	nav := newNav(test.NewWindow(nil), context.Background(), func(f func()) { f() }, nil, time.Now)
	status := widget.NewLabel("共3项")
	assert.False(t, nav.showFailure(status, "kiosk: test", nil))
	assert.Equal(t, "共3项", status.Text)
	err := errors.New("读不到")
	assert.True(t, nav.showFailure(status, "kiosk: test", err))
	assert.Equal(t, errorText(err), status.Text)
}
