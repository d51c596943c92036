package kiosk

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2/lang"

	"bianmin/data"
)

// An intake field that asks the applicant's own birth date or sex
// (data.IntakeField.FromIDNumber: 出生日期, 性别 男/女) is answered by the
// ID number: once the ID step takes a number, typed or from a confirmed
// card, such a field that is still empty is filled from the number (digits
// 7–14 the birth date, digit 17 the sex) and its step, which the flow puts
// after the ID step, shows it filled with a line saying so. The resident
// still confirms it with 下一步 and may change it. Nothing else of the card
// is used.

// fillFromID fills the empty fields the ID number answers.
func (f *RegisterFlow) fillFromID(number string) {
	facts, ok := data.IDNumberFacts(number, f.nav.Now())
	if !ok {
		return
	}
	for _, s := range f.Steps {
		if s.Kind != RegisterField || f.values[s.Field.Key] != "" || !s.empty() {
			continue
		}
		v := s.Field.FromIDNumber(facts)
		if v == "" {
			continue
		}
		switch {
		case s.Year != nil:
			s.setDate(v)
		case s.Field.Kind == data.KindSingle:
			i := slices.Index(s.Field.Options, v)
			if i < 0 {
				continue
			}
			s.selected = map[int]bool{i: true}
			s.refreshChoices()
		default:
			continue
		}
		s.FromID = true
		note := lang.L("register.idfacts.filled")
		if h := strings.TrimSpace(s.Help.Text); h != "" && !strings.HasPrefix(h, note) {
			note += "\n" + h
		}
		s.Help.SetText(note)
		s.refreshNext()
	}
}
