package locale

import (
	"testing"

	"fyne.io/fyne/v2/lang"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUse(t *testing.T) {
	tests := map[string]struct {
		language string
		want     string
	}{
		"Chinese": {Chinese, "便民服务"},
		"English": {English, "Bianmin"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, Use(tc.language))
			assert.Equal(t, tc.want, lang.L("app.name"))
		})
	}
	t.Run("ErrUnknown", func(t *testing.T) {
		assert.Error(t, Use("fr"))
	})
	require.NoError(t, Use(Chinese))
}
