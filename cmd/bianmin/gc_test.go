package main

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestRelaxGC: the collector is off until the first frame, and then runs
// at inUseGC with no memory limit; with GOGC set, the environment decides.
func TestRelaxGC(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))

	restore := relaxGC()
	assert.Equal(t, -1, debug.SetGCPercent(-1), "off until the first frame")
	assert.Equal(t, int64(startLimit), debug.SetMemoryLimit(-1))
	debug.SetMemoryLimit(startLimit)
	noLimit := int64(1<<63 - 1)
	restore()
	assert.Equal(t, inUseGC, debug.SetGCPercent(inUseGC), "in use")
	assert.Equal(t, noLimit, debug.SetMemoryLimit(-1))

	t.Setenv("GOGC", "80")
	debug.SetGCPercent(80)
	relaxGC()()
	assert.Equal(t, 80, debug.SetGCPercent(80), "GOGC set: left alone")
}
