package data

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data/zonetest"
)

// TestChinaDatesWhateverTheZone: the days and times data writes into
// notices, codes and messages are China's, with the machine in UTC or in
// Asia/Shanghai (2026-12-06 17:30 UTC is 2026-12-07 01:30 in China).
func TestChinaDatesWhateverTheZone(t *testing.T) {
	late := zonetest.LateUTC
	zonetest.Run(t, func(t *testing.T) {
		at := late.In(time.Local)
		assert.Equal(t, "2026-12-07", Day(at))
		assert.Equal(t, "2026年12月7日 01:30", noticeTime(at))
		assert.Equal(t, "2026年12月7日", cnDay(Day(at)))
		assert.Equal(t, "2026年12月7日", dateZH(at))
		assert.Equal(t, "星期一", weekdayCN(at))
		assert.Equal(t, "2026-12-07 至 2026-12-07", periodLabel(mustDay(t, "2026-12-07"), mustDay(t, "2026-12-08")))
	})
}

// mustDay parses a YYYY-MM-DD day in China.
func mustDay(t *testing.T, d string) time.Time {
	t.Helper()
	v, err := ParseDay(d)
	require.NoError(t, err)
	return v
}
