package data

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Input rules for what people type: names, ID numbers, mobile numbers, free
// text, the typed intake fields of an item, and the receipt number and query
// code typed for a lookup. Each function cleans the value (trims spaces,
// folds full-width digits and letters where that is unambiguous) and returns
// it, or returns an *InvalidError whose message says, in Chinese, what to fix.
//
// The functions return error, not *InvalidError, so a nil result is a true
// nil interface; the non-nil value is always an *InvalidError (use errors.As
// to reach Prefix).

// Limits, counted in characters (runes), not bytes.
const (
	// MinNameRunes: a Chinese name has a surname and a given name.
	MinNameRunes = 2
	// MaxHanNameRunes: long transliterated ethnic-minority names
	// (阿卜杜热西提·阿卜杜克里木 is 13) fit with room to spare.
	MaxHanNameRunes = 30
	// MaxLatinNameRunes: a full passport name with spaces.
	MaxLatinNameRunes = 60
	// MaxFieldTextRunes: one typed intake field of kind text (one line).
	MaxFieldTextRunes = 200
	// MaxDescriptionRunes: the short description of a request (several lines).
	MaxDescriptionRunes = 500
	// MaxNumberRunes: an intake field of kind number.
	MaxNumberRunes = 20
)

// ChoiceSep separates the chosen options of a multi-choice intake field in
// its stored value (options are single-line, so they never contain it).
const ChoiceSep = "\n"

// Field kinds accepted by ValidateFieldValue (the same strings as the
// FieldKind constants of item.go).
const (
	fieldText   = "text"
	fieldNumber = "number"
	fieldDate   = "date"
	fieldSingle = "single"
	fieldMulti  = "multi"
)

// Messages. %s is the label of the field ("姓名", "情况说明" …).
const (
	msgUnreadable = "%s中含有无法识别的字符，请删除后重新输入。"
	msgControl    = "%s中含有无法显示的控制字符，请删除后重新输入。"
	msgNewline    = "%s不能换行，请在一行内填写。"
	msgTab        = "%s中不能包含制表符（Tab），请删除后重新输入。"
	msgBidi       = "%s中含有改变文字方向的特殊字符，请删除后重新输入。"
	msgInvisible  = "%s中含有看不见的特殊字符（如零宽空格），请删除后重新输入。"
	msgTooLong    = "%s最多%d个字，您输入了%d个字，请删减后重新输入。"
	msgRequired   = "请填写%s。"

	msgNameEmpty     = "姓名不能为空，请输入您的姓名。"
	msgNameShort     = "姓名至少应有2个字，请输入完整的姓名。"
	msgNameLongHan   = "姓名最多30个字，您输入了%d个字，请核对。"
	msgNameLongLatin = "外文姓名最多60个字符，您输入了%d个字符，请核对。"
	msgNameDigit     = "姓名中不能包含数字，请重新输入。"
	msgNameEmoji     = "姓名中不能包含表情符号，请重新输入。"
	msgNameSymbol    = "姓名中不能包含“%s”。姓名只能由汉字、间隔号“·”或英文字母组成，请重新输入。"
	msgNameOnlyMarks = "姓名只能由汉字、间隔号“·”或英文字母组成，请重新输入。"
	msgNameMixed     = "姓名不能同时包含汉字和英文字母。外文姓名请全部使用英文字母，请重新输入。"
	msgNameHanSpace  = "中文姓名中间不能有空格；少数民族姓名请用间隔号“·”分隔。"
	msgNameDot       = "间隔号“·”只能用在姓名中间，且不能连用，请核对。"
	msgNameLatinEdge = "外文姓名应以字母开头、以字母结尾，请核对。"

	msgIDEmpty    = "请填写身份证号码。"
	msgIDChars    = "身份证号码只能由数字和最后一位的X组成，请核对。"
	msgIDOld      = "您输入了15位。15位的旧身份证号码已停止使用，请输入18位身份证号码。"
	msgIDLength   = "您输入了%d位，身份证号码应为18位，请核对。"
	msgIDRegion   = "身份证号码前两位（省级地区代码）不正确，请核对。"
	msgIDBirth    = "身份证号码中的出生日期（第7至14位）不是有效日期，请核对。"
	msgIDFuture   = "身份证号码中的出生日期（第7至14位）晚于今天，请核对。"
	msgIDTooOld   = "身份证号码中的出生日期（第7至14位）早于1900年，请核对。"
	msgIDChecksum = "身份证号码校验位不正确，请核对最后一位。"

	msgMobileEmpty  = "请填写手机号码。"
	msgMobileChars  = "手机号码只能包含数字，请核对。"
	msgMobileLength = "您输入了%d位，手机号码应为11位，请核对。"
	msgMobilePrefix = "手机号码应以1开头、第二位为3至9，请核对。"

	msgNumber      = "“%s”应填写数字，例如 3 或 1250.5，请核对。"
	msgDateFormat  = "“%s”请按“年-月-日”填写，例如 2026-11-26。"
	msgDateInvalid = "“%s”不是有效的日期，请核对月份和日期。"
	msgDateRange   = "“%s”的年份应在1900年至2100年之间，请核对。"
	msgChoose      = "请选择%s。"
	msgChooseOne   = "“%s”只能从给出的选项中选择一项，请重新选择。"
	msgChooseMany  = "“%s”只能从给出的选项中选择，请重新选择。"
	msgFieldKind   = "登记项“%s”的类型设置有误，请联系工作人员。"

	msgReceiptEmpty  = "请输入回执编号。"
	msgReceiptFormat = "回执编号格式不正确，应类似“WY-20261126-0042”（字母-日期-序号），请对照回执核对。"
	msgQueryEmpty    = "请输入查询码。"
	msgQueryLength   = "查询码应为6位，您输入了%d位，请对照回执核对。"
	msgQueryAlphabet = "查询码中不含0、O、1、I、L、2、Z、5、S、8、B等容易混淆的字符，请对照回执核对。"
)

// CleanText applies the rules every typed value follows and returns the
// cleaned text: leading and trailing white space (including the full-width
// space U+3000) is trimmed; invalid UTF-8, control characters (NUL, DEL …),
// invisible format characters (zero-width space, BOM, soft hyphen …) and
// direction-changing characters (U+202A–U+202E, U+2066–U+2069, U+200E/F,
// U+061C) are refused; a line break or tab is refused unless multiline, where
// "\r\n", "\r", U+2028 and U+2029 become "\n" (tabs stay refused). A
// zero-width joiner is allowed only inside an emoji sequence. maxRunes > 0
// limits the length in characters. An empty result is not an error: see
// Required.
func CleanText(field, label, s string, maxRunes int, multiline bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", invalidf(field, msgUnreadable, label)
	}
	if multiline {
		s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u2028", "\n", "\u2029", "\n").Replace(s)
	}
	s = strings.TrimSpace(s) // unicode.IsSpace: includes U+3000, NBSP, \t, \n
	rs := []rune(s)
	for i := range rs {
		if msg := badRune(rs, i, multiline); msg != "" {
			return "", invalidf(field, msg, label)
		}
	}
	if maxRunes > 0 && len(rs) > maxRunes {
		return "", invalidf(field, msgTooLong, label, maxRunes, len(rs))
	}
	return s, nil
}

// badRune returns the message format for rs[i] if it is not allowed in text.
func badRune(rs []rune, i int, multiline bool) string {
	r := rs[i]
	switch {
	case r == utf8.RuneError:
		return msgUnreadable
	case r == '\n':
		if multiline {
			return ""
		}
		return msgNewline
	case r == '\u2028' || r == '\u2029':
		return msgNewline // only reached when !multiline
	case r == '\t':
		return msgTab
	case unicode.IsControl(r):
		return msgControl
	case isBidiControl(r):
		return msgBidi
	case r == '\u200d': // zero-width joiner
		if i > 0 && i+1 < len(rs) && isEmoji(prevBase(rs, i)) && isEmoji(rs[i+1]) {
			return ""
		}
		return msgInvisible
	case unicode.Is(unicode.Cf, r), isInvisibleFiller(r):
		return msgInvisible
	}
	return ""
}

// prevBase is the rune before rs[i], skipping emoji variation selectors and
// skin-tone modifiers.
func prevBase(rs []rune, i int) rune {
	for j := i - 1; j >= 0; j-- {
		r := rs[j]
		if r == '\ufe0f' || (r >= 0x1F3FB && r <= 0x1F3FF) {
			continue
		}
		return r
	}
	return 0
}

func isBidiControl(r rune) bool {
	return r == '\u061c' || r == '\u200e' || r == '\u200f' ||
		(r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069')
}

// isInvisibleFiller lists blank characters that are not of category Cf but
// show nothing: Hangul fillers and the combining grapheme joiner.
func isInvisibleFiller(r rune) bool {
	switch r {
	case '\u115f', '\u1160', '\u3164', '\uffa0', '\u034f':
		return true
	}
	return false
}

// isEmoji reports pictographic symbols (the emoji blocks and the older
// symbol blocks emoji are drawn from).
func isEmoji(r rune) bool {
	switch {
	case r >= 0x1F000 && r <= 0x1FAFF, // mahjong … symbols and pictographs extended-A
		r >= 0x2600 && r <= 0x27BF, // misc symbols, dingbats
		r >= 0x2B00 && r <= 0x2BFF, // arrows and stars (⭐)
		r >= 0x2300 && r <= 0x23FF, // misc technical (⌚ ⏰)
		r == '\ufe0f', r == '\u20e3':
		return true
	}
	return false
}

// Required refuses an empty value (after CleanText, spaces only is empty).
func Required(field, label, s string) error {
	if strings.TrimSpace(s) == "" {
		return invalidf(field, msgRequired, label)
	}
	return nil
}

// MaxLen refuses s if it has more than max characters.
func MaxLen(field, label, s string, max int) error {
	if n := utf8.RuneCountInString(s); n > max {
		return invalidf(field, msgTooLong, label, max, n)
	}
	return nil
}

// Text cleans a free-text value with CleanText and, if required, refuses it
// empty. SQL and HTML metacharacters are ordinary text here: the store binds
// parameters and the screens and pages escape what they show.
func Text(field, label, s string, maxRunes int, required, multiline bool) (string, error) {
	s, err := CleanText(field, label, s, maxRunes, multiline)
	if err != nil {
		return "", err
	}
	if required {
		if err := Required(field, label, s); err != nil {
			return "", err
		}
	}
	return s, nil
}

// PersonName cleans and checks a person's name. Two scripts are accepted,
// not mixed:
//   - Chinese: Han characters (every CJK extension, so rare characters in
//     names pass) with the middle dot "·" between the parts of an
//     ethnic-minority name; "•", "・", "．", "." and similar dots typed by
//     input methods become "·". 2–30 characters, no spaces.
//   - Foreign: Latin letters (with accents), single spaces, and the
//     apostrophe, hyphen and full stop inside a name (O'Brien, Jean-Luc,
//     Jr.). Full-width letters are folded to ASCII. 2–60 characters.
//
// Digits, emoji, other symbols and (via CleanText) invisible characters are
// refused, each with its own message.
func PersonName(field, s string) (string, error) {
	s, err := CleanText(field, "姓名", s, 0, false)
	if err != nil {
		return "", err
	}
	if s == "" {
		return "", Invalid(field, msgNameEmpty)
	}
	rs := []rune(foldWidth(s, true))
	var han, latin bool
	for i, r := range rs {
		switch {
		case isHanRune(r):
			han = true
		case isLatinLetter(r):
			latin = true
		case isNameDot(r), isLatinNamePunct(r), unicode.IsSpace(r):
		case unicode.Is(unicode.Mn, r) && i > 0: // accents, variation selectors
		case unicode.IsDigit(r) || unicode.Is(unicode.N, r):
			return "", Invalid(field, msgNameDigit)
		case isEmoji(r) || (r >= 0x1F3FB && r <= 0x1F3FF):
			return "", Invalid(field, msgNameEmoji)
		case unicode.IsGraphic(r) && !unicode.Is(unicode.M, r):
			return "", invalidf(field, msgNameSymbol, string(r))
		default:
			return "", Invalid(field, msgNameOnlyMarks)
		}
	}
	switch {
	case han && latin:
		return "", Invalid(field, msgNameMixed)
	case han:
		return hanName(field, rs)
	case latin:
		return latinName(field, rs)
	default:
		return "", Invalid(field, msgNameOnlyMarks)
	}
}

func hanName(field string, rs []rune) (string, error) {
	out := make([]rune, 0, len(rs))
	for _, r := range rs {
		switch {
		case unicode.IsSpace(r):
			return "", Invalid(field, msgNameHanSpace)
		case isNameDot(r):
			out = append(out, '·')
		case isLatinNamePunct(r):
			return "", invalidf(field, msgNameSymbol, string(r))
		default:
			out = append(out, r)
		}
	}
	for i, r := range out {
		if r == '·' && (i == 0 || i == len(out)-1 || out[i-1] == '·') {
			return "", Invalid(field, msgNameDot)
		}
	}
	n := 0
	for _, r := range out {
		if !unicode.Is(unicode.Mn, r) { // a variation selector belongs to its character
			n++
		}
	}
	if n > MaxHanNameRunes {
		return "", invalidf(field, msgNameLongHan, n)
	}
	if n < MinNameRunes {
		return "", Invalid(field, msgNameShort)
	}
	return string(out), nil
}

func latinName(field string, rs []rune) (string, error) {
	out := make([]rune, 0, len(rs))
	for _, r := range rs {
		switch {
		case unicode.IsSpace(r) || (isNameDot(r) && r != '.'): // Jean·Paul → Jean Paul
			if len(out) > 0 && out[len(out)-1] == ' ' {
				continue // one space between words
			}
			out = append(out, ' ')
		case r == '’' || r == '‘' || r == '`':
			out = append(out, '\'')
		case r == '‐' || r == '‑' || r == '－':
			out = append(out, '-')
		default:
			out = append(out, r)
		}
	}
	if len(out) > MaxLatinNameRunes {
		return "", invalidf(field, msgNameLongLatin, len(out))
	}
	if len(out) < MinNameRunes {
		return "", Invalid(field, msgNameShort)
	}
	first, last := out[0], out[len(out)-1]
	if !isLatinLetter(first) || !(isLatinLetter(last) || last == '.' || unicode.Is(unicode.Mn, last)) {
		return "", Invalid(field, msgNameLatinEdge)
	}
	return string(out), nil
}

func isHanRune(r rune) bool { return unicode.Is(unicode.Han, r) }

func isLatinLetter(r rune) bool { return unicode.IsLetter(r) && unicode.Is(unicode.Latin, r) }

// isNameDot: the middle dot of ethnic-minority names and what input methods
// type instead of it.
func isNameDot(r rune) bool {
	switch r {
	case '·', '•', '・', '‧', '∙', '･', '．', '.':
		return true
	}
	return false
}

func isLatinNamePunct(r rune) bool {
	switch r {
	case '\'', '’', '‘', '`', '-', '‐', '‑', '－':
		return true
	}
	return false
}

// foldWidth turns full-width ASCII (U+FF01–U+FF5E) into ASCII and, if
// spaces, U+3000 into a plain space. Used only where the value is ASCII by
// nature (ID and phone numbers, codes) or letters of a foreign name.
func foldWidth(s string, spaces bool) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFF01 + 0x21
		case spaces && r == '\u3000':
			return ' '
		}
		return r
	}, s)
}

// idWeights are the GB 11643-1999 weights W(i) = 2^(17-i) mod 11.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

// idCheckChars maps the weighted sum mod 11 to the check character
// (ISO 7064 MOD 11-2).
const idCheckChars = "10X98765432"

// idProvinces are the first two digits of the administrative division codes
// (GB/T 2260) in use: provinces, autonomous regions, municipalities, and 71,
// 81, 82, 83 (Taiwan; Hong Kong, Macao and Taiwan residence permits).
var idProvinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true, "83": true,
}

// IDCheckChar returns the GB 11643-1999 check character for the first 17
// digits of a resident ID number. first17 must be 17 ASCII digits.
func IDCheckChar(first17 string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(first17[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

// IDNumber cleans and checks a resident ID number (居民身份证号码, GB
// 11643-1999) and returns it normalised: full-width digits and Ｘ folded to
// ASCII, spaces removed, a lowercase x made X. It checks, in this order and
// each with its own message: characters (17 digits, then a digit or X),
// length (saying how many were entered; 15-digit first-generation numbers
// get their own message), the province code, the birth date (a real date,
// not before 1900, not after today), and the check digit. today is the
// current time (a zero today means time.Now()); only its date in China
// matters.
func IDNumber(field, s string, today time.Time) (string, error) {
	s, err := CleanText(field, "身份证号码", s, 0, false)
	if err != nil {
		return "", err
	}
	s = strings.ToUpper(stripSpaces(foldWidth(s, true)))
	if s == "" {
		return "", Invalid(field, msgIDEmpty)
	}
	for i, r := range s {
		if !(r >= '0' && r <= '9') && !(r == 'X' && i == len(s)-1) {
			return "", Invalid(field, msgIDChars)
		}
	}
	switch n := len(s); {
	case n == 15:
		return "", Invalid(field, msgIDOld)
	case n != 18:
		return "", invalidf(field, msgIDLength, n)
	}
	if !idProvinces[s[:2]] {
		return "", Invalid(field, msgIDRegion)
	}
	birth, err := time.ParseInLocation("20060102", s[6:14], China)
	if err != nil {
		return "", Invalid(field, msgIDBirth)
	}
	if today.IsZero() {
		today = time.Now()
	}
	switch {
	case birth.Year() < 1900:
		return "", Invalid(field, msgIDTooOld)
	case Day(birth) > Day(today): // YYYY-MM-DD strings compare as dates
		return "", Invalid(field, msgIDFuture)
	}
	if IDCheckChar(s[:17]) != s[17] {
		return "", Invalid(field, msgIDChecksum)
	}
	return s, nil
}

func stripSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

var (
	numberPattern = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)
	datePattern   = regexp.MustCompile(`^([0-9]{4})[-/.年]([0-9]{1,2})[-/.月]([0-9]{1,2})日?$`)
	date8Pattern  = regexp.MustCompile(`^([0-9]{4})([0-9]{2})([0-9]{2})$`)
)

// ValidateFieldValue checks the value typed or chosen for one intake field of
// an item and returns it normalised. kind is one of the FieldKind strings:
//   - "text": one line, at most MaxFieldTextRunes characters;
//   - "number": an integer or decimal, full-width digits folded, thousands
//     separators and a leading "+" dropped, leading zeros removed
//     ("０１,２５０" → "1250");
//   - "date": 2026-11-26, 2026/11/26, 2026.11.26, 2026年11月26日 or
//     20261126 (month and day may be one digit), a real date in 1900–2100,
//     returned as YYYY-MM-DD;
//   - "single": exactly one of options;
//   - "multi": options joined by ChoiceSep, each one of options; returned
//     de-duplicated in the order of options.
//
// An empty value is refused if required, else returned as "". Errors have an
// empty Field: the caller names it with Prefix (for example "fields.<key>").
func ValidateFieldValue(kind string, options []string, required bool, label, value string) (string, error) {
	switch kind {
	case fieldText:
		return Text("", label, value, MaxFieldTextRunes, required, false)
	case fieldNumber, fieldDate, fieldSingle:
		v, err := CleanText("", label, value, MaxFieldTextRunes, false)
		if err != nil || v == "" {
			if err == nil && required {
				err = requiredChoice(kind, label)
			}
			return "", err
		}
		switch kind {
		case fieldNumber:
			return numberValue(label, v)
		case fieldDate:
			return dateValue(label, v)
		default:
			for _, o := range options {
				if strings.TrimSpace(o) == v {
					return v, nil
				}
			}
			return "", invalidf("", msgChooseOne, label)
		}
	case fieldMulti:
		v, err := CleanText("", label, value, 0, true)
		if err != nil {
			return "", err
		}
		chosen := map[string]bool{}
		for _, c := range strings.Split(v, ChoiceSep) {
			if c = strings.TrimSpace(c); c != "" {
				chosen[c] = true
			}
		}
		var out []string
		for _, o := range options {
			if o = strings.TrimSpace(o); chosen[o] {
				out = append(out, o)
				delete(chosen, o)
			}
		}
		if len(chosen) > 0 {
			return "", invalidf("", msgChooseMany, label)
		}
		if len(out) == 0 && required {
			return "", requiredChoice(kind, label)
		}
		return strings.Join(out, ChoiceSep), nil
	}
	return "", invalidf("", msgFieldKind, label)
}

func requiredChoice(kind, label string) error {
	if kind == fieldSingle || kind == fieldMulti {
		return invalidf("", msgChoose, label)
	}
	return invalidf("", msgRequired, label)
}

// SplitChoices returns the options of a multi-choice value.
func SplitChoices(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, ChoiceSep)
}

// JoinChoices makes the stored value of a multi-choice field.
func JoinChoices(choices []string) string { return strings.Join(choices, ChoiceSep) }

func numberValue(label, v string) (string, error) {
	v = strings.Map(func(r rune) rune {
		if r == ',' || r == '，' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, foldWidth(v, true))
	if len(v) > MaxNumberRunes || !numberPattern.MatchString(v) {
		return "", invalidf("", msgNumber, label)
	}
	sign := ""
	switch v[0] {
	case '+':
		v = v[1:]
	case '-':
		sign, v = "-", v[1:]
	}
	intPart, frac, _ := strings.Cut(v, ".")
	intPart = strings.TrimLeft(intPart, "0")
	if intPart == "" {
		intPart = "0"
	}
	if frac != "" {
		intPart += "." + frac
	}
	if intPart == "0" {
		sign = ""
	}
	return sign + intPart, nil
}

func dateValue(label, v string) (string, error) {
	v = stripSpaces(foldWidth(v, true))
	m := datePattern.FindStringSubmatch(v)
	if m == nil {
		m = date8Pattern.FindStringSubmatch(v)
	}
	if m == nil {
		return "", invalidf("", msgDateFormat, label)
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	d, _ := strconv.Atoi(m[3])
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, China)
	if t.Year() != y || int(t.Month()) != mo || t.Day() != d {
		return "", invalidf("", msgDateInvalid, label)
	}
	if y < 1900 || y > 2100 {
		return "", invalidf("", msgDateRange, label)
	}
	return t.Format("2006-01-02"), nil
}

// CleanReceiptNo normalises a receipt number typed or scanned for a lookup
// and returns it in the printed form "WY-20261126-0042": spaces removed,
// full-width characters folded, lowercase made uppercase, any dash made "-",
// the two hyphens added if left out, and, in the date and number parts only,
// the letters O and I/L read as the digits 0 and 1 (those parts are all
// digits, so the reading is unambiguous).
func CleanReceiptNo(field, s string) (string, error) {
	s, err := CleanText(field, "回执编号", s, 64, false)
	if err != nil {
		return "", err
	}
	s = strings.ToUpper(stripSpaces(foldWidth(s, true)))
	s = strings.Map(func(r rune) rune {
		switch r {
		case '‐', '‑', '‒', '–', '—', '―', '_', '－':
			return '-'
		}
		return r
	}, s)
	if s == "" {
		return "", Invalid(field, msgReceiptEmpty)
	}
	parts := strings.Split(s, "-")
	switch len(parts) {
	case 3:
		digits := strings.NewReplacer("O", "0", "I", "1", "L", "1")
		parts[1], parts[2] = digits.Replace(parts[1]), digits.Replace(parts[2])
		s = strings.Join(parts, "-")
	case 1:
		if m := receiptBare.FindStringSubmatch(s); m != nil {
			s = m[1] + "-" + m[2] + "-" + m[3]
		}
	}
	if _, _, _, err := ParseReceiptNo(s); err != nil {
		return "", Invalid(field, msgReceiptFormat)
	}
	return s, nil
}

var receiptBare = regexp.MustCompile(`^([A-Z]{1,6})([0-9]{8})([0-9]{4,})$`)

// CleanQueryCode normalises a query code typed for a lookup: spaces removed,
// full-width folded, lowercase made uppercase, and G read as 6 (G is left out
// of the alphabet because it looks like 6, so the reading is unambiguous).
// Other look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B) have no counterpart in the
// alphabet and are refused with a message that says so.
func CleanQueryCode(field, s string) (string, error) {
	s, err := CleanText(field, "查询码", s, 64, false)
	if err != nil {
		return "", err
	}
	s = strings.ReplaceAll(strings.ToUpper(stripSpaces(foldWidth(s, true))), "G", "6")
	if s == "" {
		return "", Invalid(field, msgQueryEmpty)
	}
	for _, r := range s {
		if !strings.ContainsRune(QueryCodeAlphabet, r) {
			return "", Invalid(field, msgQueryAlphabet)
		}
	}
	if n := len(s); n != QueryCodeLen {
		return "", invalidf(field, msgQueryLength, n)
	}
	return s, nil
}
