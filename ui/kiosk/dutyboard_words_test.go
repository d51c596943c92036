package kiosk

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/locale"
)

// TestDutyReasonSaysWhatDataSays: in Chinese the board words every case of
// the A/B post rule exactly as data.ABPostRule's reason does, so the
// English board says the same thing.
func TestDutyReasonSaysWhatDataSays(t *testing.T) {
	test.NewTempApp(t)
	require.NoError(t, locale.Use(locale.Chinese))
	entry := func(name string, status data.DutyStatus) *data.DutyEntry {
		return &data.DutyEntry{Name: name, Status: status, Label: status.Label(), OnDuty: status == data.DutyOnDuty}
	}
	tests := map[string]struct{ a, b *data.DutyEntry }{
		"AOnDuty":           {entry("王芳", data.DutyOnDuty), entry("李强", data.DutyOnDuty)},
		"BCoversForA":       {entry("王芳", data.DutyOut), entry("李强", data.DutyOnDuty)},
		"BWithoutA":         {nil, entry("李强", data.DutyOnDuty)},
		"NoPosts":           {nil, nil},
		"NobodyWithoutA":    {nil, entry("李强", data.DutyLeave)},
		"NobodyWithoutB":    {entry("王芳", data.DutyVillage), nil},
		"NobodyBothAway":    {entry("王芳", data.DutyAbsent), entry("李强", data.DutySignedOut)},
		"AOnDutyWithoutB":   {entry("王芳", data.DutyOnDuty), nil},
		"NobodyBothOnLeave": {entry("王芳", data.DutyLeave), entry("李强", data.DutyLeave)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			w := data.WindowDuty{A: tc.a, B: tc.b}
			w.OnDuty, w.Covering, w.Reason = data.ABPostRule(tc.a, tc.b)
			assert.Equal(t, w.Reason, dutyReasonText(w))
		})
	}
}
