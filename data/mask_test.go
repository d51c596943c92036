package data

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestMaskName(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"Empty":           {"", ""},
		"SpacesOnly":      {"  ", ""},
		"OneChar":         {"张", "*"},
		"TwoChars":        {"张三", "张*"},
		"ThreeChars":      {"张小三", "张*三"},
		"FourChars":       {"欧阳小明", "欧**明"},
		"FiveChars":       {"爱新觉罗溥", "爱***溥"},
		"Minority":        {"阿依·买买提", "阿*·**提"},
		"RareExtB":        {"王𠀾", "王*"},
		"Latin":           {"John Smith", "J*** S****"},
		"LatinOneWord":    {"Madonna", "M******"},
		"LatinHyphen":     {"Jean-Luc Picard", "J***-L** P*****"},
		"LatinApostrophe": {"Mary O'Brien", "M*** O'*****"},
		"LatinAccents":    {"José Müller", "J*** M*****"},
		"LatinInitials":   {"J. R. Smith", "J. R. S****"},
		"LatinOneLetter":  {"J", "*"},
		"LatinTwoLetters": {"Li", "L*"},
		"MinorityShort":   {"阿·买", "阿·*"},
		"LatinTwoInitial": {"A B", "A *"},
		"LatinDotInitial": {"A. B", "A. *"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, MaskName(tc.in))
		})
	}
}

func TestMaskPhone(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"Empty":     {"", ""},
		"Mobile":    {"13812345678", "*******5678"},
		"Spaced":    {"138 1234 5678", "*******5678"},
		"Landline":  {"0919-8765432", "*******5432"},
		"FiveDigit": {"12345", "*2345"},
		"FourDigit": {"1234", "****"},
		"OneDigit":  {"7", "*"},
		"HongKong":  {"+852 91234567", "+852 ****4567"},
		"Macao":     {"+853 66123456", "+853 ****3456"},
		"Taiwan":    {"+886 912345678", "+886 *****5678"},
		"OddPlus":   {"+86 13812345678", "*********5678"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, MaskPhone(tc.in))
		})
	}
}

func TestMaskID(t *testing.T) {
	tests := map[string]struct{ in, want string }{
		"Empty":  {"", ""},
		"ID":     {"610302198507151238", "**************1238"},
		"IDX":    {"11010519491231002X", "**************002X"},
		"Short":  {"X", "*"},
		"Four":   {"1234", "****"},
		"Spaces": {"610302 19850715 1238", "**************1238"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got := MaskID(tc.in)
			assert.Equal(t, tc.want, got)
			assert.NotContains(t, got, "19850715", "the birth date never shows")
		})
	}
}
