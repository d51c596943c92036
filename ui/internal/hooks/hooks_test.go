package hooks

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFillKeepsWhatIsGivenAndFillsTheRest(t *testing.T) {
	var ctx context.Context
	var now func() time.Time
	var run func(func())
	var after AfterFunc
	Fill(&ctx, &now, &run, &after)
	require.NotNil(t, ctx)
	require.NotNil(t, now)
	require.NotNil(t, run)
	require.NotNil(t, after)
	done := make(chan struct{})
	run(func() { close(done) })
	<-done // a real goroutine ran it

	type key struct{}
	given := context.WithValue(context.Background(), key{}, 1)
	fixed := time.Date(2026, 12, 7, 8, 0, 0, 0, time.UTC)
	ctx, now = given, func() time.Time { return fixed }
	ran := false
	run = func(f func()) { ran = true; f() }
	after = func(time.Duration, func()) func() { return func() {} }
	Fill(&ctx, &now, &run, &after)
	assert.Equal(t, 1, ctx.Value(key{}))
	assert.Equal(t, fixed, now())
	run(func() {})
	assert.True(t, ran, "the given Run is kept")
}

func TestAfterCallsBackOnTheUIGoroutineUnlessCancelled(t *testing.T) {
	test.NewTempApp(t)
	called := make(chan struct{}, 1)
	After(time.Millisecond, func() { called <- struct{}{} })
	<-called
	cancel := After(time.Hour, func() { t.Error("a cancelled timer fired") })
	cancel()
}

func TestStopCallsOnceAndClears(t *testing.T) {
	n := 0
	f := func() { n++ }
	Stop(&f)
	assert.Equal(t, 1, n)
	assert.Nil(t, f)
	Stop(&f) // stopped already
	assert.Equal(t, 1, n)

	ctx, cancel := context.WithCancel(context.Background())
	Stop(&cancel) // a named func type
	assert.Error(t, ctx.Err())
	assert.Nil(t, cancel)
}
