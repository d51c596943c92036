package kiosk_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/locale"
)

func readTranslations(t *testing.T, name string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", name))
	require.NoError(t, err)
	var m map[string]string
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

// TestTranslationsComplete: both languages have the same keys, every key
// the code names literally exists, and every dynamic key family
// ("kiosk.mode." + mode …) is complete.
func TestTranslationsComplete(t *testing.T) {
	zh := readTranslations(t, "kiosk.zh_Hans.json")
	en := readTranslations(t, "kiosk.en.json")
	keys := func(m map[string]string) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	assert.Equal(t, keys(zh), keys(en))

	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	literal := regexp.MustCompile(`"(kiosk\.[A-Za-z0-9_.]+)"`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			key := m[1]
			if strings.HasSuffix(key, ".") {
				continue // a family, checked below
			}
			assert.Contains(t, zh, key, "%s: %s", f, key)
		}
	}

	var family []string
	for _, m := range data.Modes {
		family = append(family, "kiosk.mode."+string(m))
		assert.Equal(t, m.Label(), zh["kiosk.mode."+string(m)], "the Chinese is data's label")
	}
	for _, f := range []data.MaterialForm{data.FormOriginal, data.FormCopy, data.FormBoth, data.FormElectronic} {
		family = append(family, "kiosk.form."+string(f))
		assert.Equal(t, f.Label(), zh["kiosk.form."+string(f)])
	}
	for _, c := range data.PublicCategories {
		family = append(family, "kiosk.disclosure.cat."+string(c), "kiosk.disclosure.cat."+string(c)+".sub")
	}
	for _, f := range []string{"guides", "disclosure", "register", "track", "complain", "rate"} {
		family = append(family, "kiosk.home."+f, "kiosk.home."+f+".sub")
	}
	for d := 0; d < 7; d++ {
		family = append(family, "kiosk.weekday."+string(rune('0'+d)))
	}
	for _, k := range family {
		assert.Contains(t, zh, k)
		assert.Contains(t, en, k)
	}
}

func TestEnglish(t *testing.T) {
	require.NoError(t, locale.Use(locale.English))
	t.Cleanup(func() { require.NoError(t, locale.Use(locale.Chinese)) })
	assert.Equal(t, "Service guides", lang.L("kiosk.home.guides"))
}
