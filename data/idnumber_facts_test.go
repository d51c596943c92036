package data

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withCheck completes 17 digits with their check character.
func withCheck(first17 string) string { return first17 + string(IDCheckChar(first17)) }

func TestIDNumberFacts(t *testing.T) {
	today := time.Date(2026, 12, 7, 12, 0, 0, 0, China)
	cases := []struct {
		name, number string
		want         IDFacts
	}{
		{"check character X", "11010519491231002X", IDFacts{"1949-12-31", SexFemale}},
		{"woman (digit 17 even)", withCheck("61020319580305002"), IDFacts{"1958-03-05", SexFemale}},
		{"man", withCheck("61020319580305001"), IDFacts{"1958-03-05", SexMale}},
		{"digit 17 is 9", withCheck("61020319580305009"), IDFacts{"1958-03-05", SexMale}},
		{"digit 17 is 0", withCheck("61020319580305000"), IDFacts{"1958-03-05", SexFemale}},
		{"full-width, spaces, lower x", "１１０１０５ 19491231 002x", IDFacts{"1949-12-31", SexFemale}},
		{"born today", "110101202611261238", IDFacts{"2026-11-26", SexMale}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, ok := IDNumberFacts(c.number, today)
			require.True(t, ok, c.number)
			assert.Equal(t, c.want, got)
		})
	}
	for _, bad := range []string{
		"",
		"11010519491231002",            // 17 digits
		"110105194912310021",           // check digit wrong
		"110105491231002",              // 15-digit first-generation: IDNumber refuses it
		withCheck("11010519490231002"), // 31 February... 1949-02-31 is no date
		withCheck("11010520270101001"), // born after today
		withCheck("99010519491231002"), // no such province
		"11010519491231002Y",
	} {
		_, ok := IDNumberFacts(bad, today)
		assert.False(t, ok, "%q", bad)
	}
}

func TestIntakeFieldFromIDNumber(t *testing.T) {
	facts := IDFacts{BirthDate: "1958-03-05", Sex: SexMale}
	cases := []struct {
		field IntakeField
		want  string
	}{
		{IntakeField{Key: "birth_date", Label: "出生日期", Kind: KindDate}, "1958-03-05"},
		{IntakeField{Key: "b", Label: " 出生年月 ", Kind: KindDate}, "1958-03-05"},
		{IntakeField{Key: "b", Label: "本人出生日期", Kind: KindDate}, "1958-03-05"},
		{IntakeField{Key: "sex", Label: "性别", Kind: KindSingle, Options: []string{"男", "女"}}, SexMale},
		{IntakeField{Key: "sex", Label: "申请人性别", Kind: KindSingle, Options: []string{"女", "男"}}, SexMale},
		// someone else's birth date: the card may be a relative's
		{IntakeField{Key: "birth_date", Label: "老年人出生日期", Kind: KindDate}, ""},
		{IntakeField{Key: "child_birth_date", Label: "婴幼儿出生日期", Kind: KindDate}, ""},
		// the label but not the kind
		{IntakeField{Key: "b", Label: "出生日期", Kind: KindText}, ""},
		{IntakeField{Key: "sex", Label: "性别", Kind: KindMulti, Options: []string{"男", "女"}}, ""},
		// options that are not 男 and 女
		{IntakeField{Key: "sex", Label: "性别", Kind: KindSingle, Options: []string{"男性", "女性"}}, ""},
		{IntakeField{Key: "x", Label: "是否属于政府代缴对象", Kind: KindSingle, Options: []string{"否", "是"}}, ""},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.field.FromIDNumber(facts), c.field.Label)
		assert.Equal(t, c.want != "", c.field.AsksIDFact(), c.field.Label)
	}
	// A derived value is one the field's own validator takes.
	for _, f := range []IntakeField{
		{Key: "b", Label: "出生日期", Kind: KindDate, Required: true},
		{Key: "sex", Label: "性别", Kind: KindSingle, Required: true, Options: []string{"男", "女"}},
	} {
		v, err := f.CleanValue(f.FromIDNumber(facts), time.Now())
		require.NoError(t, err, f.Label)
		assert.Equal(t, f.FromIDNumber(facts), v)
	}
}
