package kiosk

import (
	"testing"

	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"

	"bianmin/data"
	bmtheme "bianmin/ui/theme"
)

// TestDutyImportance: on duty is success, out on business a warning, every
// other status (and one the board does not know) quiet.
func TestDutyImportance(t *testing.T) {
	for s, want := range map[data.DutyStatus]widget.Importance{
		data.DutyOnDuty:    widget.SuccessImportance,
		data.DutyOut:       widget.WarningImportance,
		data.DutyVillage:   widget.WarningImportance,
		data.DutyLeave:     widget.LowImportance,
		data.DutyAbsent:    widget.LowImportance,
		data.DutySignedOut: widget.LowImportance,
		"unknown":          widget.LowImportance,
	} {
		assert.Equal(t, want, dutyImportance(s), s)
	}
}

// TestTrackStatusColour: finished is OK, waiting for material due soon,
// refused and withdrawn greyed, the rest (and an unknown status)
// information.
func TestTrackStatusColour(t *testing.T) {
	for s, want := range map[data.Status]string{
		data.StatusSubmitted: string(bmtheme.ColorNameStatusInfo),
		data.StatusAccepted:  string(bmtheme.ColorNameStatusInfo),
		data.StatusWaiting:   string(bmtheme.ColorNameStatusDueSoon),
		data.StatusEscalated: string(bmtheme.ColorNameStatusInfo),
		data.StatusFinished:  string(bmtheme.ColorNameStatusOK),
		data.StatusRefused:   string(fynetheme.ColorNameDisabled),
		data.StatusWithdrawn: string(fynetheme.ColorNameDisabled),
		"unknown":            string(bmtheme.ColorNameStatusInfo),
	} {
		assert.Equal(t, want, string(trackStatusColour(s)), s)
	}
}

// TestLookup: the table's value where it has one, even a zero one, and
// the fallback where it has none.
func TestLookup(t *testing.T) {
	table := map[string]int{"zero": 0, "one": 1}
	assert.Equal(t, 0, lookup(table, "zero", 9))
	assert.Equal(t, 1, lookup(table, "one", 9))
	assert.Equal(t, 9, lookup(table, "none", 9))
}
