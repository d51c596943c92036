package kiosk_test

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
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

// checkedTranslations reads the Chinese and English of the translation
// file group (kiosk, track …) and checks that both have the same keys and
// that every key of the group named literally in the package's files whose
// names match files exists; a key ending in "." is a family, checked by
// the caller.
func checkedTranslations(t *testing.T, group string, files *regexp.Regexp) (zh, en map[string]string) {
	t.Helper()
	zh = readTranslations(t, group+".zh_Hans.json")
	en = readTranslations(t, group+".en.json")
	assert.Equal(t, slices.Sorted(maps.Keys(zh)), slices.Sorted(maps.Keys(en)))
	literal := regexp.MustCompile(`"(` + group + `\.[A-Za-z0-9_.]+)"`)
	names, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, f := range names {
		if !files.MatchString(f) || strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		require.NoError(t, err)
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if !strings.HasSuffix(m[1], ".") {
				assert.Contains(t, zh, m[1], "%s: %s", f, m[1])
			}
		}
	}
	return zh, en
}

// TestTranslationsComplete: both languages have the same keys, every key
// the code names literally exists, and every dynamic key family
// ("kiosk.mode." + mode …) is complete.
func TestTranslationsComplete(t *testing.T) {
	zh, en := checkedTranslations(t, "kiosk", regexp.MustCompile(`\.go$`))

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
