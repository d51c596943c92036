package data

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validateToday is "now" for the ID-number birth-date checks.
var validateToday = time.Date(2026, 11, 26, 10, 30, 0, 0, China)

type validator func(string) (string, error)

var (
	vName  validator = func(s string) (string, error) { return PersonName("name", s) }
	vID    validator = func(s string) (string, error) { return IDNumber("id_number", s, validateToday) }
	vPhone validator = func(s string) (string, error) { return Mobile("phone", s) }
	vDesc  validator = func(s string) (string, error) {
		return Text("description", "情况说明", s, MaxDescriptionRunes, false, true)
	}
	vAddr validator = func(s string) (string, error) {
		return Text("address", "家庭住址", s, MaxFieldTextRunes, true, false)
	}
	vReceipt validator = func(s string) (string, error) { return CleanReceiptNo("receipt_no", s) }
	vCode    validator = func(s string) (string, error) { return CleanQueryCode("query_code", s) }
)

// TestBadInput is the table of bad input at registration: each value with the exact
// message a resident reads. (That nothing is stored is asserted in the
// store's registration tests.)
func TestBadInput(t *testing.T) {
	tests := map[string]struct {
		v     validator
		in    string
		field string
		msg   string
	}{
		"ErrIDChecksum":  {vID, "610302198507151239", "id_number", "身份证号码校验位不正确，请核对最后一位。"},
		"ErrIDChecksumX": {vID, "610302198507151230", "id_number", "身份证号码校验位不正确，请核对最后一位。"},
		"ErrIDBirthImpossible": {vID, "610302199902301237", "id_number",
			"身份证号码中的出生日期（第7至14位）不是有效日期，请核对。"},
		"ErrIDBirthMonth13": {vID, "610302199913011234", "id_number",
			"身份证号码中的出生日期（第7至14位）不是有效日期，请核对。"},
		"ErrIDBirthFuture": {vID, "110101202611271233", "id_number",
			"身份证号码中的出生日期（第7至14位）晚于今天，请核对。"},
		"ErrIDBirthFarFuture": {vID, "610302210001011237", "id_number",
			"身份证号码中的出生日期（第7至14位）晚于今天，请核对。"},
		"ErrIDBirthBefore1900": {vID, "110101189912311231", "id_number",
			"身份证号码中的出生日期（第7至14位）早于1900年，请核对。"},
		"ErrID17Digits":      {vID, "61030219850715123", "id_number", "您输入了17位，身份证号码应为18位，请核对。"},
		"ErrID19Digits":      {vID, "6103021985071512381", "id_number", "您输入了19位，身份证号码应为18位，请核对。"},
		"ErrID15DigitsOld":   {vID, "610302850715123", "id_number", "您输入了15位。15位的旧身份证号码已停止使用，请输入18位身份证号码。"},
		"ErrIDLetters":       {vID, "61030219850715ABCD", "id_number", "身份证号码只能由数字和最后一位的X组成，请核对。"},
		"ErrIDXInMiddle":     {vID, "6103021985X7151238", "id_number", "身份证号码只能由数字和最后一位的X组成，请核对。"},
		"ErrIDRegion":        {vID, "910302198507151239", "id_number", "身份证号码前两位（省级地区代码）不正确，请核对。"},
		"ErrIDEmpty":         {vID, "   ", "id_number", "请填写身份证号码。"},
		"ErrIDSQL":           {vID, "1' OR '1'='1", "id_number", "身份证号码只能由数字和最后一位的X组成，请核对。"},
		"ErrPhone12Digits":   {vPhone, "138123456789", "phone", "您输入了12位，手机号码应为11位，请核对。"},
		"ErrPhone10Digits":   {vPhone, "1381234567", "phone", "您输入了10位，手机号码应为11位，请核对。"},
		"ErrPhoneStarts12":   {vPhone, "12812345678", "phone", "手机号码应以1开头、第二位为3至9，请核对。"},
		"ErrPhoneLandline":   {vPhone, "09198765432", "phone", "手机号码应以1开头、第二位为3至9，请核对。"},
		"ErrPhoneLetters":    {vPhone, "138abcd5678", "phone", "手机号码只能包含数字，请核对。"},
		"ErrPhoneEmpty":      {vPhone, "", "phone", "请填写手机号码。"},
		"ErrNameEmpty":       {vName, "", "name", "姓名不能为空，请输入您的姓名。"},
		"ErrNameSpacesOnly":  {vName, "   \u3000 ", "name", "姓名不能为空，请输入您的姓名。"},
		"ErrName10000Chars":  {vName, strings.Repeat("张", 10000), "name", "姓名最多30个字，您输入了10000个字，请核对。"},
		"ErrNameLatinLong":   {vName, strings.Repeat("a", 61), "name", "外文姓名最多60个字符，您输入了61个字符，请核对。"},
		"ErrNameOneChar":     {vName, "张", "name", "姓名至少应有2个字，请输入完整的姓名。"},
		"ErrNameNUL":         {vName, "张\x00三", "name", "姓名中含有无法显示的控制字符，请删除后重新输入。"},
		"ErrNameDEL":         {vName, "张\x7f三", "name", "姓名中含有无法显示的控制字符，请删除后重新输入。"},
		"ErrNameTab":         {vName, "张\t三", "name", "姓名中不能包含制表符（Tab），请删除后重新输入。"},
		"ErrNameNewline":     {vName, "张\n三", "name", "姓名不能换行，请在一行内填写。"},
		"ErrNameLineSep":     {vName, "张\u2028三", "name", "姓名不能换行，请在一行内填写。"},
		"ErrNameRLO":         {vName, "张\u202e三", "name", "姓名中含有改变文字方向的特殊字符，请删除后重新输入。"},
		"ErrNameRLI":         {vName, "\u2067张三", "name", "姓名中含有改变文字方向的特殊字符，请删除后重新输入。"},
		"ErrNameRLM":         {vName, "张三\u200f", "name", "姓名中含有改变文字方向的特殊字符，请删除后重新输入。"},
		"ErrNameZWSP":        {vName, "张\u200b三", "name", "姓名中含有看不见的特殊字符（如零宽空格），请删除后重新输入。"},
		"ErrNameZWJ":         {vName, "张\u200d三", "name", "姓名中含有看不见的特殊字符（如零宽空格），请删除后重新输入。"},
		"ErrNameBOM":         {vName, "\ufeff张三", "name", "姓名中含有看不见的特殊字符（如零宽空格），请删除后重新输入。"},
		"ErrNameSoftHyphen":  {vName, "Ann\u00adSmith", "name", "姓名中含有看不见的特殊字符（如零宽空格），请删除后重新输入。"},
		"ErrNameHangulFill":  {vName, "张\u3164三", "name", "姓名中含有看不见的特殊字符（如零宽空格），请删除后重新输入。"},
		"ErrNameBadUTF8":     {vName, "张\xff三", "name", "姓名中含有无法识别的字符，请删除后重新输入。"},
		"ErrNameReplacement": {vName, "张\ufffd三", "name", "姓名中含有无法识别的字符，请删除后重新输入。"},
		"ErrNameSQL": {vName, "Robert'); DROP TABLE requests;--", "name",
			"姓名中不能包含“)”。姓名只能由汉字、间隔号“·”或英文字母组成，请重新输入。"},
		"ErrNameSQLHan": {vName, "张三'; --", "name",
			"姓名中不能包含“;”。姓名只能由汉字、间隔号“·”或英文字母组成，请重新输入。"},
		"ErrNameScript": {vName, "<script>alert(1)</script>", "name",
			"姓名中不能包含“<”。姓名只能由汉字、间隔号“·”或英文字母组成，请重新输入。"},
		"ErrNameEmoji":      {vName, "张三😀", "name", "姓名中不能包含表情符号，请重新输入。"},
		"ErrNameEmojiZWJ":   {vName, "张三👨\u200d👩", "name", "姓名中不能包含表情符号，请重新输入。"},
		"ErrNameDigits":     {vName, "张三3", "name", "姓名中不能包含数字，请重新输入。"},
		"ErrNameFWDigits":   {vName, "张三３", "name", "姓名中不能包含数字，请重新输入。"},
		"ErrNameMixed":      {vName, "张San", "name", "姓名不能同时包含汉字和英文字母。外文姓名请全部使用英文字母，请重新输入。"},
		"ErrNameHanSpace":   {vName, "张 三", "name", "中文姓名中间不能有空格；少数民族姓名请用间隔号“·”分隔。"},
		"ErrNameDotStart":   {vName, "·热西提", "name", "间隔号“·”只能用在姓名中间，且不能连用，请核对。"},
		"ErrNameDotDouble":  {vName, "阿卜杜··热西提", "name", "间隔号“·”只能用在姓名中间，且不能连用，请核对。"},
		"ErrNameOnlyDots":   {vName, "··", "name", "姓名只能由汉字、间隔号“·”或英文字母组成，请重新输入。"},
		"ErrNameLatinEdge":  {vName, "-John", "name", "外文姓名应以字母开头、以字母结尾，请核对。"},
		"ErrNameHanHyphen":  {vName, "张-三", "name", "姓名中不能包含“-”。姓名只能由汉字、间隔号“·”或英文字母组成，请重新输入。"},
		"ErrAddrEmpty":      {vAddr, " \t ", "address", "请填写家庭住址。"},
		"ErrAddrNewline":    {vAddr, "幸福路1号\n2单元", "address", "家庭住址不能换行，请在一行内填写。"},
		"ErrAddrTooLong":    {vAddr, strings.Repeat("路", 201), "address", "家庭住址最多200个字，您输入了201个字，请删减后重新输入。"},
		"ErrDescTooLong":    {vDesc, strings.Repeat("说", 501), "description", "情况说明最多500个字，您输入了501个字，请删减后重新输入。"},
		"ErrDescNUL":        {vDesc, "材料\x00齐全", "description", "情况说明中含有无法显示的控制字符，请删除后重新输入。"},
		"ErrDescTab":        {vDesc, "第一项\t第二项", "description", "情况说明中不能包含制表符（Tab），请删除后重新输入。"},
		"ErrDescRLO":        {vDesc, "invoice\u202egnp.exe", "description", "情况说明中含有改变文字方向的特殊字符，请删除后重新输入。"},
		"ErrDescZWSPAlone":  {vDesc, "低\u200b保", "description", "情况说明中含有看不见的特殊字符（如零宽空格），请删除后重新输入。"},
		"ErrReceiptEmpty":   {vReceipt, " ", "receipt_no", "请输入回执编号。"},
		"ErrReceiptFormat":  {vReceipt, "WY-2026-42", "receipt_no", "回执编号格式不正确，应类似“WY-20261126-0042”（字母-日期-序号），请对照回执核对。"},
		"ErrReceiptBadDate": {vReceipt, "WY-20260230-0042", "receipt_no", "回执编号格式不正确，应类似“WY-20261126-0042”（字母-日期-序号），请对照回执核对。"},
		"ErrReceiptSQL":     {vReceipt, "' OR 1=1 --", "receipt_no", "回执编号格式不正确，应类似“WY-20261126-0042”（字母-日期-序号），请对照回执核对。"},
		"ErrCodeEmpty":      {vCode, "", "query_code", "请输入查询码。"},
		"ErrCodeShort":      {vCode, "ACD3", "query_code", "查询码应为6位，您输入了4位，请对照回执核对。"},
		"ErrCodeLookalike":  {vCode, "AC0D34", "query_code", "查询码中不含0、O、1、I、L、2、Z、5、S、8、B等容易混淆的字符，请对照回执核对。"},
		"ErrCodeSQL":        {vCode, "'--", "query_code", "查询码中不含0、O、1、I、L、2、Z、5、S、8、B等容易混淆的字符，请对照回执核对。"},
	}
	require.GreaterOrEqual(t, len(tests), 30)
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := tc.v(tc.in)
			require.Error(t, err)
			assert.Empty(t, got)
			assert.True(t, errors.Is(err, ErrInvalid))
			var ie *InvalidError
			require.True(t, errors.As(err, &ie))
			assert.Equal(t, tc.field, ie.Field)
			assert.Equal(t, tc.msg, ie.Msg)
		})
	}
}

// TestGoodInput: what is accepted, and the normalised value it becomes.
func TestGoodInput(t *testing.T) {
	tests := map[string]struct {
		v    validator
		in   string
		want string
	}{
		"OKID":                {vID, "610302198507151238", "610302198507151238"},
		"OKIDGBExample":       {vID, "11010519491231002X", "11010519491231002X"},
		"OKIDLowercaseX":      {vID, "11010519491231002x", "11010519491231002X"},
		"OKIDFullWidth":       {vID, "６１０３０２１９８５０７１５１２３８", "610302198507151238"},
		"OKIDFullWidthX":      {vID, "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X"},
		"OKIDSpaces":          {vID, " 610302 19850715 1238 ", "610302198507151238"},
		"OKIDLeapDay":         {vID, "440304200002290014", "440304200002290014"},
		"OKIDBornToday":       {vID, "110101202611261238", "110101202611261238"},
		"OKIDBorn1900":        {vID, "110101190001011236", "110101190001011236"},
		"OKPhone":             {vPhone, "13812345678", "13812345678"},
		"OKPhoneSpaced":       {vPhone, "138 1234 5678", "13812345678"},
		"OKPhoneHyphens":      {vPhone, "138-1234-5678", "13812345678"},
		"OKPhonePlus86":       {vPhone, "+86 138 1234 5678", "13812345678"},
		"OKPhone86":           {vPhone, "8613812345678", "13812345678"},
		"OKPhone0086":         {vPhone, "0086-13812345678", "13812345678"},
		"OKPhoneFullWidth":    {vPhone, "１９９１２３４５６７８", "19912345678"},
		"OKName":              {vName, "张三", "张三"},
		"OKNameTrimmed":       {vName, "\u3000 欧阳小明 \n", "欧阳小明"},
		"OKNameMinority":      {vName, "阿卜杜热西提·阿卜杜克里木", "阿卜杜热西提·阿卜杜克里木"},
		"OKNameBullet":        {vName, "米热古丽•买买提", "米热古丽·买买提"},
		"OKNameKatakanaDot":   {vName, "米热古丽・买买提", "米热古丽·买买提"},
		"OKNamePeriod":        {vName, "米热古丽.买买提", "米热古丽·买买提"},
		"OKNameRareExtB":      {vName, "王𠀾", "王𠀾"},
		"OKName30":            {vName, strings.Repeat("张", 30), strings.Repeat("张", 30)},
		"OKNameLatin":         {vName, "John  Smith", "John Smith"},
		"OKNameLatinPunct":    {vName, "Mary-Jane O’Brien Jr.", "Mary-Jane O'Brien Jr."},
		"OKNameAccents":       {vName, "José Müller", "José Müller"},
		"OKNameFullWidthLat":  {vName, "Ｊｏｈｎ　Ｓｍｉｔｈ", "John Smith"},
		"OKNameLatinDot":      {vName, "Jean·Paul", "Jean Paul"},
		"OKDescSQL":           {vDesc, "Robert'); DROP TABLE requests;-- 1=1", "Robert'); DROP TABLE requests;-- 1=1"},
		"OKDescHTML":          {vDesc, "<b>低保</b> & \"医保\"", "<b>低保</b> & \"医保\""},
		"OKDescMultiline":     {vDesc, "第一行\r\n第二行\r第三行\n", "第一行\n第二行\n第三行"},
		"OKDescEmpty":         {vDesc, "   ", ""},
		"OKDescEmojiZWJ":      {vDesc, "谢谢👨\u200d👩\u200d👧", "谢谢👨\u200d👩\u200d👧"},
		"OKDescEmojiSkinZWJ":  {vDesc, "👍🏽\u200d❤️", "👍🏽\u200d❤️"},
		"OKDescFullWidthPunc": {vDesc, "已带齐材料，谢谢！", "已带齐材料，谢谢！"},
		"OKDesc500":           {vDesc, strings.Repeat("说", 500), strings.Repeat("说", 500)},
		"OKReceipt":           {vReceipt, "WY-20261126-0042", "WY-20261126-0042"},
		"OKReceiptLower":      {vReceipt, " wy-20261126-0042 ", "WY-20261126-0042"},
		"OKReceiptNoHyphens":  {vReceipt, "WY202611260042", "WY-20261126-0042"},
		"OKReceiptFullWidth":  {vReceipt, "ＷＹ－２０２６１１２６－００４２", "WY-20261126-0042"},
		"OKReceiptLookalikes": {vReceipt, "WY-2O26II26-OO42", "WY-20261126-0042"},
		"OKReceiptDash":       {vReceipt, "WY—20261126—0042", "WY-20261126-0042"},
		"OKReceiptBigSeq":     {vReceipt, "WY-20261126-12345", "WY-20261126-12345"},
		"OKCode":              {vCode, "ACD349", "ACD349"},
		"OKCodeLower":         {vCode, " acd 349 ", "ACD349"},
		"OKCodeG":             {vCode, "ACDG49", "ACD649"},
		"OKCodeFullWidth":     {vCode, "ＡＣＤ３４９", "ACD349"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := tc.v(tc.in)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestIDNumberZeroTodayIsNow(t *testing.T) {
	got, err := IDNumber("id", "11010519491231002X", time.Time{})
	require.NoError(t, err)
	assert.Equal(t, "11010519491231002X", got)
	_, err = IDNumber("id", "110101299912311232", time.Time{}) // 2999: future whatever today is
	require.Error(t, err)
}

func TestIDCheckChar(t *testing.T) {
	tests := map[string]struct {
		first17 string
		want    byte
	}{
		"GBExample": {"11010519491231002", 'X'},
		"Digit8":    {"61030219850715123", '8'},
		"Digit4":    {"44030420000229001", '4'},
		"Zero":      {"11010120261127123", '3'},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, string(tc.want), string(IDCheckChar(tc.first17)))
		})
	}
}

func TestRequiredAndMaxLen(t *testing.T) {
	err := Required("note", "备注", " \u3000")
	var ie *InvalidError
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, [2]string{"note", "请填写备注。"}, [2]string{ie.Field, ie.Msg})
	assert.NoError(t, Required("note", "备注", "有"))

	err = MaxLen("note", "备注", "一二三四", 3)
	require.True(t, errors.As(err, &ie))
	assert.Equal(t, "备注最多3个字，您输入了4个字，请删减后重新输入。", ie.Msg)
	assert.NoError(t, MaxLen("note", "备注", "一二三", 3))
}

func TestCleanTextNilIsNil(t *testing.T) {
	// A true nil error, not a typed nil pointer inside an interface.
	var err error
	_, err = CleanText("f", "备注", "好", 10, false)
	assert.True(t, err == nil)
	_, err = PersonName("name", "张三")
	assert.True(t, err == nil)
}

func TestValidateFieldValue(t *testing.T) {
	opts := []string{"本人", "配偶", "子女"}
	tests := map[string]struct {
		kind     string
		options  []string
		required bool
		value    string
		want     string
		msg      string // "" means accepted
	}{
		"OKText":              {kind: "text", value: "  幸福路1号 ", want: "幸福路1号"},
		"OKTextEmptyOptional": {kind: "text", value: " ", want: ""},
		"ErrTextRequired":     {kind: "text", required: true, value: "", msg: "请填写测试项。"},
		"ErrTextNewline":      {kind: "text", value: "a\nb", msg: "测试项不能换行，请在一行内填写。"},
		"ErrTextZWSP":         {kind: "text", value: "a\u200bb", msg: "测试项中含有看不见的特殊字符（如零宽空格），请删除后重新输入。"},
		"ErrTextLong":         {kind: "text", value: strings.Repeat("字", 201), msg: "测试项最多200个字，您输入了201个字，请删减后重新输入。"},
		"OKNumber":            {kind: "number", value: "3", want: "3"},
		"OKNumberDecimal":     {kind: "number", value: "1250.50", want: "1250.50"},
		"OKNumberFullWidth":   {kind: "number", value: "０１，２５０", want: "1250"},
		"OKNumberThousands":   {kind: "number", value: "1,250", want: "1250"},
		"OKNumberPlus":        {kind: "number", value: "+7", want: "7"},
		"OKNumberNegative":    {kind: "number", value: "-003.5", want: "-3.5"},
		"OKNumberZero":        {kind: "number", value: "-0", want: "0"},
		"ErrNumberRequired":   {kind: "number", required: true, value: "", msg: "请填写测试项。"},
		"ErrNumberWord":       {kind: "number", value: "三", msg: "“测试项”应填写数字，例如 3 或 1250.5，请核对。"},
		"ErrNumberExp":        {kind: "number", value: "1e5", msg: "“测试项”应填写数字，例如 3 或 1250.5，请核对。"},
		"ErrNumberTwoDots":    {kind: "number", value: "1.2.3", msg: "“测试项”应填写数字，例如 3 或 1250.5，请核对。"},
		"ErrNumberHuge":       {kind: "number", value: strings.Repeat("9", 21), msg: "“测试项”应填写数字，例如 3 或 1250.5，请核对。"},
		"OKDate":              {kind: "date", value: "2026-11-26", want: "2026-11-26"},
		"OKDateSlash":         {kind: "date", value: "2026/1/5", want: "2026-01-05"},
		"OKDateDots":          {kind: "date", value: "2026.01.05", want: "2026-01-05"},
		"OKDateChinese":       {kind: "date", value: "2026年1月5日", want: "2026-01-05"},
		"OKDateCompact":       {kind: "date", value: "20260105", want: "2026-01-05"},
		"OKDateFullWidth":     {kind: "date", value: "２０２６－１１－２６", want: "2026-11-26"},
		"OKDateLeap":          {kind: "date", value: "2024-02-29", want: "2024-02-29"},
		"ErrDateFeb30":        {kind: "date", value: "2026-02-30", msg: "“测试项”不是有效的日期，请核对月份和日期。"},
		"ErrDateNotLeap":      {kind: "date", value: "2026-02-29", msg: "“测试项”不是有效的日期，请核对月份和日期。"},
		"ErrDateMonth13":      {kind: "date", value: "2026-13-01", msg: "“测试项”不是有效的日期，请核对月份和日期。"},
		"ErrDateFormat":       {kind: "date", value: "明天", msg: "“测试项”请按“年-月-日”填写，例如 2026-11-26。"},
		"ErrDateTwoDigitYr":   {kind: "date", value: "26-11-26", msg: "“测试项”请按“年-月-日”填写，例如 2026-11-26。"},
		"ErrDateRange":        {kind: "date", value: "1899-12-31", msg: "“测试项”的年份应在1900年至2100年之间，请核对。"},
		"OKSingle":            {kind: "single", options: opts, value: "配偶", want: "配偶"},
		"OKSingleSpaces":      {kind: "single", options: opts, value: " 配偶 ", want: "配偶"},
		"ErrSingleUnknown":    {kind: "single", options: opts, value: "邻居", msg: "“测试项”只能从给出的选项中选择一项，请重新选择。"},
		"ErrSingleTwo":        {kind: "single", options: opts, value: "本人\n配偶", msg: "测试项不能换行，请在一行内填写。"},
		"ErrSingleRequired":   {kind: "single", options: opts, required: true, value: "", msg: "请选择测试项。"},
		"OKSingleOptional":    {kind: "single", options: opts, value: "", want: ""},
		"OKMulti":             {kind: "multi", options: opts, value: "子女\n本人", want: "本人\n子女"},
		"OKMultiDedup":        {kind: "multi", options: opts, value: "子女\n子女\n\n", want: "子女"},
		"OKMultiOptional":     {kind: "multi", options: opts, value: "", want: ""},
		"ErrMultiUnknown":     {kind: "multi", options: opts, value: "本人\n邻居", msg: "“测试项”只能从给出的选项中选择，请重新选择。"},
		"ErrMultiRequired":    {kind: "multi", options: opts, required: true, value: "\n", msg: "请选择测试项。"},
		"ErrKind":             {kind: "colour", value: "红", msg: "登记项“测试项”的类型设置有误，请联系工作人员。"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := ValidateFieldValue(tc.kind, tc.options, tc.required, "测试项", tc.value)
			if tc.msg == "" {
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)
				return
			}
			var ie *InvalidError
			require.True(t, errors.As(err, &ie), "want an *InvalidError, got %v", err)
			assert.Equal(t, "", ie.Field)
			assert.Equal(t, tc.msg, ie.Msg)
			assert.Empty(t, got)
		})
	}
}

func TestChoices(t *testing.T) {
	assert.Nil(t, SplitChoices(""))
	assert.Equal(t, []string{"本人", "子女"}, SplitChoices(JoinChoices([]string{"本人", "子女"})))
}
