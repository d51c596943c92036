package data

// Phone numbers: mobiles, landlines, Hong Kong, Macao and Taiwan.

import (
	"strings"
	"unicode"
)

// Mobile cleans and checks a mainland mobile number and returns its 11
// digits. Spaces and hyphens are removed, full-width digits folded, and a
// +86, 0086 or 86 country prefix dropped. Then it must be 11 digits matching
// 1[3-9]xxxxxxxxx; the length message says how many digits were entered. An
// empty value is refused: for an optional number, call Mobile only when the
// cleaned value is not empty.
func Mobile(field, s string) (string, error) {
	s, err := CleanText(field, "手机号码", s, 0, false)
	if err != nil {
		return "", err
	}
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '-' || r == '‐' || r == '‑' || r == '—' {
			return -1
		}
		return r
	}, foldWidth(s, true))
	switch {
	case strings.HasPrefix(s, "+86"):
		s = s[3:]
	case strings.HasPrefix(s, "0086"):
		s = s[4:]
	case len(s) == 13 && strings.HasPrefix(s, "86"):
		s = s[2:]
	}
	if s == "" {
		return "", Invalid(field, msgMobileEmpty)
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return "", Invalid(field, msgMobileChars)
		}
	}
	if len(s) != 11 {
		return "", invalidf(field, msgMobileLength, len(s))
	}
	if s[0] != '1' || s[1] < '3' {
		return "", Invalid(field, msgMobilePrefix)
	}
	return s, nil
}

// Messages of ContactPhone beyond those of Mobile.
const (
	msgContactEmpty    = "请填写联系电话（手机号码，或带区号的固定电话；港澳台号码也可以）。"
	msgContactChars    = "电话号码只能包含数字，请核对。"
	msgLandline        = "固定电话应为区号加7至8位号码，例如 0919-3123456 或 010-12345678，请核对。"
	msgLandlineNoArea  = "固定电话请加上区号，例如 0919-3123456。"
	msgContactNotPhone = "请填写11位手机号码，或带区号的固定电话（例如 0919-3123456）；港澳台号码请填写 +852 或 +853 加8位号码，或台湾 09 开头的手机号码。请核对。"
	msgContactAbroad   = "只能填写中国大陆、香港、澳门或台湾地区的电话号码，请核对号码前的国家或地区代码（香港 +852，澳门 +853，台湾 +886）。"
	msgHongKong        = "香港的电话号码应为 +852 加8位号码（2至9开头），例如 +852 9123 4567，请核对。"
	msgMacao           = "澳门的电话号码应为 +853 加8位号码（2、6或8开头），例如 +853 6612 3456，请核对。"
	msgTaiwan          = "台湾地区请填写手机号码：09开头的10位号码，例如 0912-345-678（或 +886 912 345 678），请核对。"
)

// regionCode splits the country code of Hong Kong (852), Macao (853) or
// Taiwan (886) off a number written +852…, 00852… or 852… (the last only
// at the length such a number has, so no mainland number is taken for
// one).
func regionCode(digits string) (cc, rest string, ok bool) {
	for _, cc := range []string{"852", "853", "886"} {
		switch {
		case strings.HasPrefix(digits, "+"+cc):
			return cc, digits[4:], true
		case strings.HasPrefix(digits, "00"+cc):
			return cc, digits[5:], true
		case strings.HasPrefix(digits, cc) && (len(digits) == 11 && cc != "886" || len(digits) == 12 && cc == "886"):
			return cc, digits[3:], true
		}
	}
	return "", "", false
}

// regionPhone checks the number after the country code cc and returns it
// as "+cc digits".
func regionPhone(field, cc, rest string) (string, error) {
	msg := msgHongKong
	switch cc {
	case "853":
		msg = msgMacao
	case "886":
		msg = msgTaiwan
	}
	if cc == "886" {
		rest = strings.TrimPrefix(rest, "0") // +886 0912… as some write it
	}
	if strings.Trim(rest, "0123456789") != "" {
		return "", Invalid(field, msgContactChars)
	}
	var ok bool
	switch cc {
	case "852":
		ok = len(rest) == 8 && rest[0] >= '2'
	case "853":
		ok = len(rest) == 8 && (rest[0] == '2' || rest[0] == '6' || rest[0] == '8')
	case "886":
		ok = len(rest) == 9 && rest[0] == '9'
	}
	if !ok {
		return "", Invalid(field, msg)
	}
	return "+" + cc + " " + rest, nil
}

// ContactPhone cleans and checks a number a resident can be reached at,
// wherever a resident ID is accepted (residence permits of Hong Kong,
// Macao and Taiwan residents included, so their numbers are too):
//   - a mainland mobile (as Mobile), returned as its 11 digits;
//   - a mainland landline with its area code, returned as "0919-3123456".
//     Area codes 010 and 02x have three digits, the others four; the local
//     number has 7 or 8 digits and does not start with 0. Spaces, hyphens
//     and brackets around the area code are allowed: 0919-3123456,
//     09193123456, (010)12345678;
//   - a Hong Kong or Macao number, mobile or fixed: +852 or +853 (also
//     written 00852, 852 …) and 8 digits, starting 2–9 (Hong Kong) or 2,
//     6 or 8 (Macao), returned as "+852 91234567";
//   - a Taiwan mobile: 09 and 8 more digits as dialled in Taiwan
//     (0912-345-678), or +886 (00886, 886) and 9 and 8 digits, with or
//     without the 0, returned as "+886 912345678" (dialable from the
//     mainland). Taiwan landlines are not taken: residents give a mobile.
//
// A 10-digit number starting 09 cannot be a mainland landline (a 09xx
// area code has 7 or 8 more digits), so it is read as a Taiwan mobile.
// Other country codes are refused with a sentence saying which are taken.
func ContactPhone(field, s string) (string, error) {
	s, err := CleanText(field, "联系电话", s, 0, false)
	if err != nil {
		return "", err
	}
	digits := strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r), r == '-', r == '‐', r == '‑', r == '—', r == '(', r == ')':
			return -1
		}
		return r
	}, foldWidth(s, true))
	if digits == "" {
		return "", Invalid(field, msgContactEmpty)
	}
	if cc, rest, ok := regionCode(digits); ok {
		return regionPhone(field, cc, rest)
	}
	switch {
	case strings.HasPrefix(digits, "+86"), strings.HasPrefix(digits, "0086"), digits[0] == '1':
		return Mobile(field, s)
	case digits[0] == '+' || strings.HasPrefix(digits, "00"):
		return "", Invalid(field, msgContactAbroad)
	}
	for _, r := range digits {
		if r < '0' || r > '9' {
			return "", Invalid(field, msgContactChars)
		}
	}
	if len(digits) == 10 && strings.HasPrefix(digits, "09") {
		return regionPhone(field, "886", digits[1:])
	}
	if digits[0] != '0' {
		if (len(digits) == 7 || len(digits) == 8) && digits[0] != '0' {
			return "", Invalid(field, msgLandlineNoArea)
		}
		return "", Invalid(field, msgContactNotPhone)
	}
	if len(digits) < 10 || len(digits) > 12 || digits[1] == '0' && !strings.HasPrefix(digits, "010") {
		return "", Invalid(field, msgLandline)
	}
	area := 4
	if strings.HasPrefix(digits, "010") || strings.HasPrefix(digits, "02") {
		area = 3
	}
	local := digits[area:]
	if len(local) < 7 || len(local) > 8 || local[0] == '0' {
		return "", Invalid(field, msgLandline)
	}
	return digits[:area] + "-" + local, nil
}
