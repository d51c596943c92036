// Package zonetest runs a test with the machine's time zone (time.Local)
// set to UTC and to Asia/Shanghai in turn. A kiosk's clock is often in UTC;
// whatever the program shows, prints or stores as a day must still be
// China's. One helper for every package's tests, so each checks the same
// moment the same way.
package zonetest

import (
	"testing"
	"time"
	_ "time/tzdata" // Asia/Shanghai on a machine without zoneinfo
)

// LateUTC is 2026-12-06 17:30 UTC: 2026-12-07 01:30 in China. A screen or
// document that shows it as the 6th shows the machine's day, not the
// resident's.
var LateUTC = time.Date(2026, 12, 6, 17, 30, 0, 0, time.UTC)

// Run runs f as a subtest with time.Local set to UTC, then to
// Asia/Shanghai, and restores time.Local afterwards.
func Run(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatalf("zonetest: %v", err)
	}
	keep := time.Local
	t.Cleanup(func() { time.Local = keep })
	for _, loc := range []*time.Location{time.UTC, shanghai} {
		t.Run(loc.String(), func(t *testing.T) {
			time.Local = loc
			defer func() { time.Local = keep }()
			f(t)
		})
	}
}
