package data

import (
	"slices"
	"strings"
	"time"
)

// What a resident ID number says of its holder (GB 11643-1999): digits 7–14
// are the birth date (YYYYMMDD) and digit 17 is odd for a man, even for a
// woman. An intake field that asks the applicant's own birth date or sex
// is filled from the number (at the kiosk, once the number is typed or
// read from the card), never from anything else on the card.

// IDFacts is what an ID number tells: the birth date in stored form
// (YYYY-MM-DD) and the sex as a choice field's option (男 or 女).
type IDFacts struct {
	BirthDate string
	Sex       string
}

// Sexes as options of an intake field.
const (
	SexMale   = "男"
	SexFemale = "女"
)

// IDNumberFacts derives the birth date and sex from an ID number that
// IDNumber accepts (18 digits with a good check digit; a 15-digit
// first-generation number is refused there and so here). ok is false for
// a number IDNumber refuses. today is as for IDNumber.
func IDNumberFacts(number string, today time.Time) (facts IDFacts, ok bool) {
	n, err := IDNumber("id_number", number, today)
	if err != nil {
		return IDFacts{}, false
	}
	facts.BirthDate = n[6:10] + "-" + n[10:12] + "-" + n[12:14]
	facts.Sex = SexFemale
	if (n[16]-'0')%2 == 1 {
		facts.Sex = SexMale
	}
	return facts, true
}

// Labels of the fields that ask the applicant's own birth date or sex. A
// field for someone else's (老年人出生日期, 婴幼儿出生日期: the card on the
// reader may be a relative's) is not one of them, and neither are the
// keys: the sample catalog keys an elder's birth date birth_date too.
var (
	birthDateLabels = []string{"出生日期", "出生年月", "出生年月日", "本人出生日期", "申请人出生日期"}
	sexLabels       = []string{"性别", "本人性别", "申请人性别"}
)

// FromIDNumber is the value the field takes from the facts of the
// applicant's ID number, "" when it asks for neither: a date field
// labelled 出生日期 (or 出生年月, 本人出生日期, 申请人出生日期) takes the
// birth date; a single-choice field labelled 性别 (or 本人性别, 申请人性别)
// whose options include 男 and 女 takes the sex.
func (f *IntakeField) FromIDNumber(facts IDFacts) string {
	label := strings.TrimSpace(f.Label)
	switch {
	case f.Kind == KindDate && slices.Contains(birthDateLabels, label):
		return facts.BirthDate
	case f.Kind == KindSingle && slices.Contains(sexLabels, label) &&
		slices.Contains(f.Options, SexMale) && slices.Contains(f.Options, SexFemale):
		return facts.Sex
	}
	return ""
}

// AsksIDFact reports whether the field takes its value from the
// applicant's ID number (FromIDNumber).
func (f *IntakeField) AsksIDFact() bool {
	return f.FromIDNumber(IDFacts{BirthDate: "1900-01-01", Sex: SexMale}) != ""
}
