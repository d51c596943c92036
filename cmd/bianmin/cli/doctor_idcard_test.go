package cli

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/idcard/idcardtest"
)

// TestDoctorIDCard: the doctor says a simulated reader answers, that a
// reader named by --idcard-device is missing, and that one turned off is
// off; none of them stops residents being served.
func TestDoctorIDCard(t *testing.T) {
	sim, err := idcardtest.New()
	require.NoError(t, err)
	t.Cleanup(sim.Close)
	run := func(dev string) Finding {
		d := &Doctor{Opts: DoctorOptions{Options: Options{IDCardDevice: dev}}}
		f := checkIDCard(context.Background(), d)
		require.Len(t, f, 1)
		return f[0]
	}
	got := run(sim.Device())
	assert.Equal(t, OK, got.Status, got.Zh)
	assert.Contains(t, got.Zh, "身份证阅读器正常")

	got = run("/dev/ttyUSB-none")
	assert.Equal(t, Warn, got.Status, got.Zh)
	assert.Contains(t, got.Zh, "找不到设置的身份证阅读器 /dev/ttyUSB-none")

	got = run(IDCardOff)
	assert.Equal(t, Note, got.Status)
	assert.Contains(t, got.Zh, "已按设置关闭")
}
