package cli

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/idcard/idcardtest"
)

// TestIDCardCommand: `bianmin idcard --device /dev/pts/N` with a simulated
// reader prints the reader's state and the card's name and number masked,
// and nothing else of the card.
func TestIDCardCommand(t *testing.T) {
	sim, err := idcardtest.New()
	require.NoError(t, err)
	t.Cleanup(sim.Close)
	number := "11010519491231002X"
	sim.Place(idcardtest.Card("阿依古丽·买买提", number))
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"idcard", "--device", sim.Device(), "--wait", "10s"},
		Seed{}, nil, &out, &errb)
	require.Equal(t, 0, code, errb.String())
	got := out.String()
	assert.Contains(t, got, "身份证阅读器正常 ("+sim.Device()+")")
	assert.Contains(t, got, "姓名 Name: 阿***·**提")
	assert.Contains(t, got, "身份证号码 ID number: **************002X")
	for _, secret := range []string{"阿依古丽", number, "麓山", "岳麓分局", "20400101"} {
		assert.NotContains(t, got+errb.String(), secret)
	}

	t.Run("NoCard", func(t *testing.T) {
		sim.Remove()
		var out, errb bytes.Buffer
		code := Main(context.Background(), []string{"idcard", "--device", sim.Device(), "--wait", "300ms"},
			Seed{}, nil, &out, &errb)
		assert.Equal(t, 1, code)
		assert.Contains(t, errb.String(), "读卡区没有身份证")
	})
	t.Run("NoReader", func(t *testing.T) {
		var out, errb bytes.Buffer
		code := Main(context.Background(), []string{"idcard", "--device", "/dev/ttyUSB-none"}, Seed{}, nil, &out, &errb)
		assert.Equal(t, 1, code)
		assert.Contains(t, out.String(), "没有找到身份证阅读器 (/dev/ttyUSB-none)")
		assert.Contains(t, errb.String(), "没有找到身份证阅读器")
	})
	t.Run("Silent", func(t *testing.T) {
		sim.Silent(true)
		var out, errb bytes.Buffer
		code := Main(context.Background(), []string{"idcard", "--device", sim.Device(), "--timeout", "300ms"},
			Seed{}, nil, &out, &errb)
		assert.Equal(t, 1, code)
		assert.Contains(t, out.String(), "设备没有按身份证阅读器的协议应答")
		assert.Contains(t, errb.String(), "没有应答")
	})
}
