package kiosk_test

import (
	"regexp"
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

// TestTrackTranslationsComplete: both languages have the same keys, every
// "track." key the tracking, complaint and rating files name exists, and
// the key families built at run time are complete.
func TestTrackTranslationsComplete(t *testing.T) {
	zh, en := checkedTranslations(t, "track", regexp.MustCompile(`^(track|complain|rate|throttle|scan).*\.go$`))

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
	zh := readTranslations(t, "track.zh_Hans.json")
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
