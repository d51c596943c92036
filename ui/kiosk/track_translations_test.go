package kiosk_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/kiosk"
	"bianmin/ui/locale"
)

func readTrackTranslations(t *testing.T, name string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "assets", "translations", name))
	require.NoError(t, err)
	var m map[string]string
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

// TestTrackTranslationsComplete: both languages have the same keys, every
// "track." key the tracking, complaint and rating files name exists, and
// the key families built at run time are complete.
func TestTrackTranslationsComplete(t *testing.T) {
	zh := readTrackTranslations(t, "track.zh_Hans.json")
	en := readTrackTranslations(t, "track.en.json")
	keys := func(m map[string]string) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	assert.Equal(t, keys(zh), keys(en))

	literal := regexp.MustCompile(`"(track\.[A-Za-z0-9_.]+)"`)
	mine := regexp.MustCompile(`^(track|complain|rate|throttle|scan).*\.go$`)
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	for _, f := range files {
		if !mine.MatchString(f) || strings.HasSuffix(f, "_test.go") {
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

	var family []string
	for _, a := range []data.ComplaintAbout{data.AboutRequest, data.AboutWindow, data.AboutStaff, data.AboutOther} {
		family = append(family, "track.complain.about."+string(a), "track.complain.about."+string(a)+".sub",
			"track.complaint.about."+string(a))
	}
	for level := 1; level <= 5; level++ {
		k := "track.rate.level." + strconv.Itoa(level)
		family = append(family, k)
		assert.Equal(t, data.RatingLabel(level), zh[k], "the Chinese is data's label")
	}
	for _, side := range []kiosk.ScannerSide{kiosk.ScannerBelow, kiosk.ScannerRight, kiosk.ScannerLeft} {
		family = append(family, "track.scan.where."+string(side))
	}
	for _, k := range family {
		assert.Contains(t, zh, k)
		assert.Contains(t, en, k)
	}
}

// TestTrackWordsAreDatasInChinese: the statuses, their explanations, the
// timeline's events and the complaint statuses the kiosk shows through
// lang say in Chinese exactly what data says, for every one data has.
func TestTrackWordsAreDatasInChinese(t *testing.T) {
	zh := readTrackTranslations(t, "track.zh_Hans.json")
	for _, s := range data.Statuses {
		assert.Equal(t, s.Label(), zh["track.status."+string(s)], s)
		assert.Equal(t, s.Explain(), zh["track.explain."+string(s)], s)
	}
	events := 0
	for k, v := range zh {
		if kind, ok := strings.CutPrefix(k, "track.event."); ok {
			events++
			assert.NotEqual(t, kind, data.EventLabel(kind), "%s: an event kind data knows", k)
			assert.Equal(t, data.EventLabel(kind), v, k)
		}
	}
	assert.Equal(t, 17, events, "every event kind data has (staff.event.* has as many)")
	for _, st := range []string{"open", "investigating", "answered", "closed"} {
		assert.Equal(t, data.ComplaintStatus{Status: st}.StatusLabel(), zh["track.complaint.status."+st], st)
	}
}

func TestTrackEnglish(t *testing.T) {
	require.NoError(t, locale.Use(locale.English))
	t.Cleanup(func() { require.NoError(t, locale.Use(locale.Chinese)) })
	assert.Equal(t, "Track progress", lang.L("track.title"))
}
