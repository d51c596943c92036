package benchstat

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// TestPercentileMS: nearest rank, in milliseconds, whatever the order.
func TestPercentileMS(t *testing.T) {
	ds := []time.Duration{4 * time.Millisecond, time.Millisecond, 3 * time.Millisecond, 2 * time.Millisecond}
	assert.Equal(t, 2.0, PercentileMS(ds, 50))
	assert.Equal(t, 4.0, PercentileMS(ds, 99))
	assert.Equal(t, 1.0, PercentileMS(ds, 1))
	assert.Equal(t, 0.0, PercentileMS(nil, 50))
	assert.Equal(t, 4*time.Millisecond, ds[0], "the durations left in their order")
}
