package locale

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/assets"
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

// TestChoose checks that Choose sets the locale variables Fyne reads and
// names the translations, and that an unknown language changes nothing.
func TestChoose(t *testing.T) {
	defer func() { require.NoError(t, Use(Chinese)) }()
	tag, err := Choose(English)
	require.NoError(t, err)
	assert.Equal(t, "en", tag)
	assert.Equal(t, "en_US.UTF-8", os.Getenv("LC_ALL"))
	assert.Equal(t, "en_US.UTF-8", os.Getenv("LANG"))

	tag, err = Choose(Chinese)
	require.NoError(t, err)
	assert.Equal(t, "zh_Hans", tag)
	assert.Equal(t, "zh_CN.UTF-8", os.Getenv("LC_MESSAGES"))

	_, err = Choose("fr")
	assert.Error(t, err)
	assert.Equal(t, "zh_CN.UTF-8", os.Getenv("LC_ALL"), "unchanged")
}

// TestUseLoadsEveryFile: every key of every file of the chosen language
// gives that file's text (the files are joined into one before parsing).
func TestUseLoadsEveryFile(t *testing.T) {
	defer func() { require.NoError(t, Use(Chinese)) }()
	for language, suffix := range map[string]string{Chinese: ".zh_Hans.json", English: ".en.json"} {
		t.Run(language, func(t *testing.T) {
			require.NoError(t, Use(language))
			files, err := assets.Translations.ReadDir(assets.TranslationsDir)
			require.NoError(t, err)
			n := 0
			for _, f := range files {
				if !strings.HasSuffix(f.Name(), suffix) {
					continue
				}
				b, err := assets.Translations.ReadFile(assets.TranslationsDir + "/" + f.Name())
				require.NoError(t, err)
				var m map[string]string
				require.NoError(t, json.Unmarshal(b, &m), f.Name())
				for k, v := range m {
					if v != "" && !strings.Contains(v, "{{") { // templates need their data
						assert.Equal(t, v, lang.L(k), "%s: %s", f.Name(), k)
					}
					n++
				}
			}
			assert.Greater(t, n, 100)
		})
	}
}
