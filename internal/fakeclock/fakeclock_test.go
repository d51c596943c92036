package fakeclock_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"bianmin/internal/fakeclock"
)

func TestClockMovesOnlyWhenTold(t *testing.T) {
	start := time.Date(2026, 3, 5, 9, 30, 0, 0, time.UTC)
	c := fakeclock.New(start)
	assert.Equal(t, start, c.Now())
	assert.Equal(t, start, c.Now(), "time does not pass by itself")
	c.Add(90 * time.Second)
	assert.Equal(t, start.Add(90*time.Second), c.Now())
	c.Set(start.AddDate(0, 0, 1))
	assert.Equal(t, start.AddDate(0, 0, 1), c.Now())
}
