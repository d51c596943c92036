//go:build shots

package paper

import (
	"bianmin/internal/shots"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestProxyListWrite writes sample lists to $BIANMIN_SHOTS for looking at.
func TestProxyListWrite(t *testing.T) {
	dir := shots.Need(t, "")
	for name, f := range map[string]Format{"a4": A4, "roll": Roll80} {
		d, err := ProxyListPDF(sampleProxyList(30), f)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, "proxy-list-"+name+".pdf"), d.PDF, 0o644))
	}
}
