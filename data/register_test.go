package data

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// validID is a real-format resident ID number (check digit correct).
const validID = "11010519491231002X"

func seeded(t testing.TB) *Store {
	t.Helper()
	s := mustOpen(t)
	b, err := jsonMarshal(testCatalog())
	require.NoError(t, err)
	_, err = s.ImportCatalog(context.Background(), bytes.NewReader(b), testFiles)
	require.NoError(t, err)
	return s
}

func goodRegistration(t testing.TB, s *Store) Registration {
	t.Helper()
	it, err := s.Item(context.Background(), itemIDOf(t, s, "DB"))
	require.NoError(t, err)
	return Registration{
		ItemID: it.ID, Channel: ChannelKiosk, Name: "张小三", Phone: "13800138000", IDNumber: validID,
		Description: "家中有两位老人需要照顾", Fields: map[string]string{"kind": "城市"},
		Brought: []int64{it.Materials[0].ID}, Consent: true,
	}
}

func itemIDOf(t testing.TB, s *Store, code string) int64 {
	t.Helper()
	var id int64
	require.NoError(t, s.db.QueryRow(`SELECT id FROM items WHERE code = ?`, code).Scan(&id))
	return id
}

func count(t testing.TB, s *Store, table string) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM `+table).Scan(&n))
	return n
}

func TestRegister(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	rc, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)

	assert.Equal(t, "TS-20261126-0001", rc.ReceiptNo)
	assert.True(t, ValidQueryCode(rc.QueryCode))
	assert.True(t, ValidToken(rc.Token))
	assert.Equal(t, "张*三", rc.ApplicantMask)
	assert.NotContains(t, rc.IDMask, "110105", "only the last four digits")
	assert.True(t, strings.HasSuffix(rc.IDMask, "002X"))
	assert.Equal(t, []string{"户口簿"}, rc.Brought)
	assert.Empty(t, rc.Missing)
	assert.Equal(t, []string{"收入证明"}, rc.Optional)
	assert.Equal(t, StatusSubmitted, rc.Status)
	assert.Equal(t, "测试社区便民服务室", rc.CenterName)

	rc2, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)
	assert.Equal(t, "TS-20261126-0002", rc2.ReceiptNo)
	assert.NotEqual(t, rc.Token, rc2.Token)

	// Tracking by token and by number + code shows the masked name only.
	tr, err := s.TrackByToken(ctx, rc.Token)
	require.NoError(t, err)
	assert.Equal(t, "最低生活保障申请", tr.ItemName)
	assert.Equal(t, "张*三", tr.ApplicantMask)
	require.Len(t, tr.Events, 1)
	assert.Equal(t, EventSubmitted, tr.Events[0].Kind)
	tr2, err := s.TrackByCode(ctx, strings.ToLower(rc.ReceiptNo), " "+strings.ToLower(rc.QueryCode))
	require.NoError(t, err)
	assert.Equal(t, tr.RequestID, tr2.RequestID)

	_, err = s.TrackByCode(ctx, rc.ReceiptNo, rc2.QueryCode)
	assert.ErrorIs(t, err, ErrNotFound, "a code only opens its own request")
	_, err = s.TrackByToken(ctx, "not-a-token")
	assert.ErrorIs(t, err, ErrNotFound)
	_, err = s.TrackByToken(ctx, NewToken())
	assert.ErrorIs(t, err, ErrNotFound)
}

func TestRegisterMissingMaterialsListedAtOnce(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	reg := goodRegistration(t, s)
	reg.Brought = nil
	rc, err := s.Register(ctx, reg)
	require.NoError(t, err)
	assert.Equal(t, []string{"户口簿"}, rc.Missing)
}

func TestRegisterConcurrentNumbersUnique(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	reg := goodRegistration(t, s)
	const n = 40
	var wg sync.WaitGroup
	nums := make(chan string, n)
	errs := make(chan error, n)
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rc, err := s.Register(ctx, reg)
			if err != nil {
				errs <- err
				return
			}
			nums <- rc.ReceiptNo
		}()
	}
	wg.Wait()
	close(nums)
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for no := range nums {
		assert.False(t, seen[no], "duplicate %s", no)
		seen[no] = true
	}
	assert.Len(t, seen, n)
	assert.True(t, seen[fmt.Sprintf("TS-20261126-%04d", n)])
}

// TestRegisterBadInputStoresNothing is the registration bad-input table at the
// store: each input gets its message and no row is written.
func TestRegisterBadInputStoresNothing(t *testing.T) {
	tests := map[string]struct {
		change    func(r *Registration)
		wantField string
		wantMsg   string
	}{
		"ErrIDCheckDigit":      {func(r *Registration) { r.IDNumber = "110105194912310021" }, "id_number", "身份证号码校验位不正确，请核对最后一位。"},
		"ErrIDBirthDate":       {func(r *Registration) { r.IDNumber = "110105199902300021" }, "id_number", "身份证号码中的出生日期（第7至14位）不是有效日期，请核对。"},
		"ErrIDFutureBirth":     {func(r *Registration) { r.IDNumber = "110105209912310021" }, "id_number", "身份证号码中的出生日期（第7至14位）晚于今天，请核对。"},
		"ErrID17Digits":        {func(r *Registration) { r.IDNumber = "11010519491231002" }, "id_number", "您输入了17位，身份证号码应为18位，请核对。"},
		"ErrID19Digits":        {func(r *Registration) { r.IDNumber = "11010519491231002X1" }, "id_number", "身份证号码只能由数字和最后一位的X组成，请核对。"},
		"ErrIDLetters":         {func(r *Registration) { r.IDNumber = "11010519491231ABCX" }, "id_number", "身份证号码只能由数字和最后一位的X组成，请核对。"},
		"ErrIDEmpty":           {func(r *Registration) { r.IDNumber = "" }, "id_number", "请填写身份证号码。"},
		"ErrIDRegion":          {func(r *Registration) { r.IDNumber = "99010519491231002X" }, "id_number", "身份证号码前两位（省级地区代码）不正确，请核对。"},
		"ErrPhone12Digits":     {func(r *Registration) { r.Phone = "138001380001" }, "phone", "您输入了12位，手机号码应为11位，请核对。"},
		"ErrPhone10Digits":     {func(r *Registration) { r.Phone = "1380013800" }, "phone", "您输入了10位，手机号码应为11位，请核对。"},
		"ErrPhoneStarts12":     {func(r *Registration) { r.Phone = "12800138000" }, "phone", "手机号码应以1开头、第二位为3至9，请核对。"},
		"ErrPhoneLetters":      {func(r *Registration) { r.Phone = "138abc38000" }, "phone", "手机号码只能包含数字，请核对。"},
		"ErrPhoneEmpty":        {func(r *Registration) { r.Phone = " " }, "phone", "请填写联系电话（手机号码，或带区号的固定电话；港澳台号码也可以）。"},
		"ErrNameTooLong":       {func(r *Registration) { r.Name = strings.Repeat("张", 10000) }, "name", "姓名最多30个字，您输入了10000个字，请核对。"},
		"ErrNameNUL":           {func(r *Registration) { r.Name = "张\x00三" }, "name", "姓名中含有无法显示的控制字符，请删除后重新输入。"},
		"ErrNameRLO":           {func(r *Registration) { r.Name = "张\u202e三" }, "name", "姓名中含有改变文字方向的特殊字符，请删除后重新输入。"},
		"ErrNameZeroWidth":     {func(r *Registration) { r.Name = "张\u200b三" }, "name", "姓名中含有看不见的特殊字符（如零宽空格），请删除后重新输入。"},
		"ErrNameBOM":           {func(r *Registration) { r.Name = "\ufeff张三" }, "name", "姓名中含有看不见的特殊字符（如零宽空格），请删除后重新输入。"},
		"ErrNameEmoji":         {func(r *Registration) { r.Name = "张三😀" }, "name", "姓名中不能包含表情符号，请重新输入。"},
		"ErrNameSpaces":        {func(r *Registration) { r.Name = "   " }, "name", "姓名不能为空，请输入您的姓名。"},
		"ErrNameSQL":           {func(r *Registration) { r.Name = "'; DROP TABLE requests; --" }, "name", "姓名中不能包含“;”。姓名只能由汉字、间隔号“·”或英文字母组成，请重新输入。"},
		"ErrNameHTML":          {func(r *Registration) { r.Name = "<script>alert(1)</script>" }, "name", "姓名中不能包含“<”。姓名只能由汉字、间隔号“·”或英文字母组成，请重新输入。"},
		"ErrNameDigits":        {func(r *Registration) { r.Name = "张3" }, "name", "姓名中不能包含数字，请重新输入。"},
		"ErrNameOneChar":       {func(r *Registration) { r.Name = "张" }, "name", "姓名至少应有2个字，请输入完整的姓名。"},
		"ErrNameTab":           {func(r *Registration) { r.Name = "张\t三" }, "name", "姓名中不能包含制表符（Tab），请删除后重新输入。"},
		"ErrNameMixedScripts":  {func(r *Registration) { r.Name = "张John" }, "name", "姓名不能同时包含汉字和英文字母。外文姓名请全部使用英文字母，请重新输入。"},
		"ErrFieldRequired":     {func(r *Registration) { r.Fields = nil }, "fields.kind", "请选择申请类别。"},
		"ErrFieldOption":       {func(r *Registration) { r.Fields = map[string]string{"kind": "外星"} }, "fields.kind", "“申请类别”只能从给出的选项中选择一项，请重新选择。"},
		"ErrFieldUnknown":      {func(r *Registration) { r.Fields["x"] = "1" }, "fields.x", "该事项没有这一登记项，请返回重新选择。"},
		"ErrNoConsent":         {func(r *Registration) { r.Consent = false }, "consent", "请阅读个人信息保护告知，并点击“同意”后再提交。"},
		"ErrForeignMaterial":   {func(r *Registration) { r.Brought = []int64{99999} }, "brought", "所选材料不属于该事项，请重新勾选。"},
		"ErrUnknownItem":       {func(r *Registration) { r.ItemID = 99999 }, "item", "找不到该事项，请返回重新选择。"},
		"ErrDescriptionBig":    {func(r *Registration) { r.Description = strings.Repeat("字", 501) }, "description", "情况说明最多500个字，您输入了501个字，请删减后重新输入。"},
		"ErrDescriptionNUL":    {func(r *Registration) { r.Description = "说明\x00" }, "description", "情况说明中含有无法显示的控制字符，请删除后重新输入。"},
		"ErrDescriptionBidi":   {func(r *Registration) { r.Description = "说明\u2066文字\u2069" }, "description", "情况说明中含有改变文字方向的特殊字符，请删除后重新输入。"},
		"ErrDescriptionBadUTF": {func(r *Registration) { r.Description = "说明\xff\xfe" }, "description", "情况说明中含有无法识别的字符，请删除后重新输入。"},
	}
	require.GreaterOrEqual(t, len(tests), 30)
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := seeded(t)
			reg := goodRegistration(t, s)
			tc.change(&reg)
			_, err := s.Register(ctx, reg)
			var ie *InvalidError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.wantField, ie.Field)
			assert.Equal(t, tc.wantMsg, ie.Msg)
			for _, table := range []string{"requests", "request_events", "receipt_counters"} {
				assert.Zero(t, count(t, s, table), "%s stays empty", table)
			}
		})
	}
}

func TestRegisterSQLInDescriptionIsJustText(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	reg := goodRegistration(t, s)
	reg.Description = "'; DROP TABLE requests; -- 100% <script>"
	_, err := s.Register(ctx, reg)
	require.NoError(t, err)
	var got string
	require.NoError(t, s.db.QueryRow(`SELECT description FROM requests`).Scan(&got))
	assert.Equal(t, reg.Description, got)
}

func TestRegisterRecordsGuideVersionInForce(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	reg := goodRegistration(t, s)
	_, err := s.Register(ctx, reg) // caches version 1
	require.NoError(t, err)

	// Another process (a staff desk, the CLI) publishes a new version of
	// the guide: this store's cache does not know.
	other, err := Open(ctx, s.Path())
	require.NoError(t, err)
	defer other.Close()
	c := testCatalog()
	c.Items[1].Fee = "工本费10元"
	b, err := jsonMarshal(c)
	require.NoError(t, err)
	_, err = other.ImportCatalog(ctx, bytes.NewReader(b), testFiles)
	require.NoError(t, err)

	it, err := s.Item(ctx, reg.ItemID)
	require.NoError(t, err)
	assert.Equal(t, reg.Brought, []int64{it.Materials[0].ID}, "materials keep their ids across versions")
	rc, err := s.Register(ctx, reg)
	require.NoError(t, err)
	var v int
	require.NoError(t, s.db.QueryRow(`SELECT item_version FROM requests WHERE id = ?`, rc.RequestID).Scan(&v))
	assert.Equal(t, 2, v)
	assert.Equal(t, []string{"户口簿"}, rc.Brought)
}
