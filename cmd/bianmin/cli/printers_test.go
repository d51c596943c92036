package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
)

// TestPrinterFlags: --printer is the roll's queue, --a4-printer the A4
// queue; left out, the A4 queue is "" (main then prints A4 on --printer).
func TestPrinterFlags(t *testing.T) {
	for name, tc := range map[string]struct {
		args          []string
		roll, a4Queue string
	}{
		"Default":  {nil, "", ""},
		"RollOnly": {[]string{"--printer", "roll80"}, "roll80", ""},
		"Both":     {[]string{"--printer", "roll80", "--a4-printer", "office-a4"}, "roll80", "office-a4"},
	} {
		t.Run(name, func(t *testing.T) {
			var got Options
			gui := func(_ context.Context, _ *data.Store, o Options) error { got = o; return nil }
			var out, errb bytes.Buffer
			args := append([]string{"--data", filepath.Join(t.TempDir(), "p.db")}, tc.args...)
			code := Main(context.Background(), args, Seed{Catalog: []byte(miniCatalog)}, gui, &out, &errb)
			require.Equal(t, 0, code, errb.String())
			assert.Equal(t, tc.roll, got.Printer)
			assert.Equal(t, tc.a4Queue, got.A4Printer)
		})
	}
}
