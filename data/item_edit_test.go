package data

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// dbItem is the 最低生活保障申请 of testCatalog as the catalog file has it
// (index 1), with the id it has in s.
func dbItem(t *testing.T, s *Store) Item {
	t.Helper()
	it := testCatalog().Items[1]
	it.ID, it.Active = itemIDOf(t, s, "DB"), true
	return it
}

var pngBytes = tinyPNG()

func TestSaveItemRefusesLikeImport(t *testing.T) {
	tests := map[string]struct {
		change    func(it *Item)
		wantField string // relative to the item
		wantMsg   string
		saveOnly  bool // a rule only an edit can break (no import counterpart)
	}{
		"ErrCode":       {change: func(it *Item) { it.Code = "低保" }, wantField: "code", wantMsg: "事项编码应为1至32位英文字母、数字、下划线或连字符。"},
		"ErrName":       {change: func(it *Item) { it.Name = "  " }, wantField: "name", wantMsg: "请填写事项名称。"},
		"ErrLongName":   {change: func(it *Item) { it.Name = strings.Repeat("长", 61) }, wantField: "name", wantMsg: "事项名称不能超过60个字。"},
		"ErrCategory":   {change: func(it *Item) { it.Category = "" }, wantField: "category", wantMsg: "请填写事项分类。"},
		"ErrBasis":      {change: func(it *Item) { it.Basis = "" }, wantField: "basis", wantMsg: "请填写政策依据。"},
		"ErrConditions": {change: func(it *Item) { it.Conditions = "" }, wantField: "conditions", wantMsg: "请填写申报条件。"},
		"ErrNoSteps":    {change: func(it *Item) { it.Procedure = nil }, wantField: "procedure", wantMsg: "请至少填写一个办事步骤。"},
		"ErrEmptyStep":  {change: func(it *Item) { it.Procedure[1] = " " }, wantField: "procedure[1]", wantMsg: "办事步骤不能为空。"},
		"ErrPromisedLongerThanLegal": {change: func(it *Item) { it.PromisedDays = 40 }, wantField: "promised_days",
			wantMsg: "承诺期限不能长于法定期限。"},
		"ErrLegalDays": {change: func(it *Item) { it.LegalDays = 400 }, wantField: "legal_days", wantMsg: "法定期限应在0至365个工作日之间。"},
		"ErrFee":       {change: func(it *Item) { it.Fee = "" }, wantField: "fee", wantMsg: "请填写收费标准（不收费请填写“不收费”）。"},
		"ErrTrips":     {change: func(it *Item) { it.Trips = 11 }, wantField: "trips", wantMsg: "到现场次数应在0至10次之间。"},
		"ErrMode":      {change: func(it *Item) { it.Mode = "fast" }, wantField: "mode", wantMsg: "办理方式应为"},
		"ErrDirectWithDays": {change: func(it *Item) { it.Mode = ModeDirect }, wantField: "promised_days",
			wantMsg: "直接办理的事项承诺期限应为0（即收即办）。"},
		"ErrUpperWithoutDepartment": {change: func(it *Item) { it.Mode = ModeUpper }, wantField: "upper_department",
			wantMsg: "上报办理的事项请填写上级部门。"},
		"ErrJointWithoutWindows": {change: func(it *Item) { it.JointWindows = nil }, wantField: "joint_windows",
			wantMsg: "联合办理的事项请填写牵头窗口和配合窗口。"},
		"ErrNoMaterials": {change: func(it *Item) { it.Materials = nil }, wantField: "materials", wantMsg: "请至少列出一项申报材料。"},
		"ErrMaterialName": {change: func(it *Item) { it.Materials[1].Name = "" }, wantField: "materials[1].name",
			wantMsg: "请填写材料名称。"},
		"ErrMaterialForm": {change: func(it *Item) { it.Materials[0].Form = "fax" }, wantField: "materials[0].form",
			wantMsg: "材料形式应为"},
		"ErrCopies": {change: func(it *Item) { it.Materials[0].Copies = 21 }, wantField: "materials[0].copies",
			wantMsg: "份数应在0至20之间。"},
		"ErrSampleWithoutName": {change: func(it *Item) { it.Materials[0].SampleData = pngBytes },
			wantField: "materials[0].sample_name", wantMsg: "样表文件需要一个文件名。"},
		"ErrSampleTooBig": {change: func(it *Item) {
			it.Materials[0].SampleName = "样表.png"
			it.Materials[0].SampleData = append(append([]byte{}, pngBytes...), make([]byte, MaxSampleBytes)...)
		}, wantField: "materials[0].sample_data", wantMsg: "样表文件不能超过5 MB，请压缩或缩小后再选择。"},
		"ErrSampleKind": {change: func(it *Item) {
			it.Materials[0].SampleName, it.Materials[0].SampleData = "样表.doc", []byte("PK\x03\x04 a word file")
		}, wantField: "materials[0].sample_data", wantMsg: "样表文件应为图片（PNG、JPEG）或 PDF 文件。"},
		"ErrFieldKey": {change: func(it *Item) { it.Fields[0].Key = "Kind" }, wantField: "fields[0].key",
			wantMsg: "登记项键名应以小写字母开头，只含小写字母、数字和下划线。"},
		"ErrFieldLabel": {change: func(it *Item) { it.Fields[0].Label = "" }, wantField: "fields[0].label",
			wantMsg: "请填写登记项名称。"},
		"ErrFieldKind": {change: func(it *Item) { it.Fields[0].Kind = "photo" }, wantField: "fields[0].kind",
			wantMsg: "登记项类型应为"},
		"ErrOneOption": {change: func(it *Item) { it.Fields[0].Options = []string{"城市"} }, wantField: "fields[0].options",
			wantMsg: "单选或多选登记项至少需要两个选项。"},
		"ErrOptionsOnText": {change: func(it *Item) { it.Fields[0].Kind = KindText }, wantField: "fields[0].options",
			wantMsg: "只有单选和多选登记项可以设置选项。"},
		"ErrDuplicateFieldKey": {change: func(it *Item) {
			it.Fields = append(it.Fields, IntakeField{Key: "kind", Label: "类别", Kind: KindText})
		}, wantField: "fields[1].key", wantMsg: "登记项的键名重复：kind。"},
		"ErrUnknownLeadWindow": {change: func(it *Item) { it.LeadWindow = "9" }, wantField: "lead_window",
			wantMsg: "没有编号为 9 的窗口。"},
		"ErrJointSameAsLead": {change: func(it *Item) { it.JointWindows = []string{"2"} }, wantField: "joint_windows[0]",
			wantMsg: "配合窗口 2 不存在或与牵头窗口相同。"},
		"ErrDuplicateCode": {change: func(it *Item) { it.Code = "YB" }, wantField: "code", wantMsg: "事项编码重复：YB。"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := seeded(t)
			admin := staffSession(t, s, "s1")
			var before bytes.Buffer
			require.NoError(t, s.ExportCatalog(ctx, &before))
			audits := auditCount(t, s, AuditItemEdit)

			it := dbItem(t, s)
			tc.change(&it)
			_, err := s.SaveItem(ctx, admin, it)
			var ie *InvalidError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, tc.wantField, ie.Field)
			assert.Contains(t, ie.Msg, tc.wantMsg)

			var after bytes.Buffer
			require.NoError(t, s.ExportCatalog(ctx, &after))
			assert.Equal(t, before.String(), after.String(), "nothing saved")
			assert.Equal(t, audits, auditCount(t, s, AuditItemEdit))

			// The import of the same item says the same thing.
			c := testCatalog()
			it.ID, it.Active = 0, false
			c.Items[1] = it
			_, err = s.ImportCatalog(ctx, bytes.NewReader(encode(t, c)), testFiles)
			var imp *InvalidError
			require.ErrorAs(t, err, &imp)
			assert.Equal(t, ie.Msg, imp.Msg)
			if tc.wantField == "code" && strings.Contains(tc.wantMsg, "重复") {
				assert.Equal(t, "items[2].code", imp.Field, "the file's second YB")
			} else {
				assert.Equal(t, "items[1]."+tc.wantField, imp.Field)
			}
		})
	}

	t.Run("ErrNotAdmin", func(t *testing.T) {
		s := seeded(t)
		_, err := s.SaveItem(context.Background(), staffSession(t, s, "s2"), dbItem(t, s))
		var ie *InvalidError
		require.ErrorAs(t, err, &ie)
		assert.Equal(t, "session", ie.Field)
		assert.Equal(t, "只有管理员可以编辑办事事项。", ie.Msg)
		_, err = s.SaveItem(context.Background(), Session{}, dbItem(t, s))
		assert.ErrorAs(t, err, &ie)
	})
	t.Run("ErrNotFound", func(t *testing.T) {
		s := seeded(t)
		it := dbItem(t, s)
		it.ID = 9999
		_, err := s.SaveItem(context.Background(), staffSession(t, s, "s1"), it)
		assert.ErrorIs(t, err, ErrNotFound)
	})
}

func TestSaveItemMakesNewVersion(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	admin := staffSession(t, s, "s1")
	id := itemIDOf(t, s, "DB")
	before, err := s.Item(ctx, id)
	require.NoError(t, err)
	require.Equal(t, 1, before.Version)
	_, err = s.guide(ctx, id) // the registration's cache now holds version 1
	require.NoError(t, err)
	rc, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)

	// Change the promised days, rename a material and move it first, add one.
	it := before
	it.PromisedDays = 20
	it.Fee = "工本费5元"
	income := it.Materials[1]
	income.Name, income.Required = "家庭收入证明", true
	it.Materials = []Material{income, it.Materials[0], {Name: "承诺书", Form: FormOriginal, Copies: 1,
		SampleName: "承诺书样表.png", SampleData: pngBytes}}
	saved, err := s.SaveItem(ctx, admin, it)
	require.NoError(t, err)
	assert.Equal(t, 2, saved.Version)
	assert.Equal(t, 20, saved.PromisedDays)
	require.Len(t, saved.Materials, 3)
	assert.Equal(t, before.Materials[1].ID, saved.Materials[0].ID, "a renamed material keeps its id")
	assert.Equal(t, "家庭收入证明", saved.Materials[0].Name)
	assert.Equal(t, before.Materials[0].ID, saved.Materials[1].ID)
	assert.NotZero(t, saved.Materials[2].ID)
	assert.Equal(t, pngBytes, saved.Materials[2].SampleData)

	// The kiosk and the registration see the new guide at once.
	got, err := s.Item(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, "工本费5元", got.Fee)
	cached, err := s.guide(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, 2, cached.Version, "the cache forgot the old guide")
	assert.Equal(t, "工本费5元", cached.Fee)

	// The request registered before keeps the guide of its day.
	g, err := s.RequestGuide(ctx, rc.RequestID)
	require.NoError(t, err)
	assert.Equal(t, 1, g.Version)
	assert.Equal(t, "不收费", g.Item.Fee)
	assert.Equal(t, 30, g.Item.PromisedDays)
	assert.Equal(t, "收入证明", g.Item.Materials[1].Name)
	v2, err := s.ItemVersion(ctx, id, 2)
	require.NoError(t, err)
	assert.Equal(t, 20, v2.Item.PromisedDays)

	// Audited with what changed.
	page, err := s.Audit(ctx, AuditFilter{Action: AuditItemEdit})
	require.NoError(t, err)
	require.Len(t, page.Entries, 1)
	assert.Equal(t, "事项 DB 最低生活保障申请", page.Entries[0].Target)
	assert.Equal(t, "第2版；修改：承诺期限、收费标准、申报材料", page.Entries[0].Detail)
	assert.Equal(t, "修改办事指南", AuditLabel(AuditItemEdit))

	// Saving it again unchanged makes no version and no entry.
	again, err := s.SaveItem(ctx, admin, saved)
	require.NoError(t, err)
	assert.Equal(t, 2, again.Version)
	assert.Equal(t, 1, auditCount(t, s, AuditItemEdit))

	// The export still round-trips.
	var first, second bytes.Buffer
	require.NoError(t, s.ExportCatalog(ctx, &first))
	s2 := mustOpen(t)
	_, err = s2.ImportCatalog(ctx, bytes.NewReader(first.Bytes()), nil)
	require.NoError(t, err)
	require.NoError(t, s2.ExportCatalog(ctx, &second))
	assert.Equal(t, first.String(), second.String())
}

func TestSaveItemNewIsFoundAtOnce(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	admin := staffSession(t, s, "s1")
	it := Item{Code: "QZDJ", Name: "犬只登记", Category: "综合服务", Keywords: []string{"养狗登记"},
		Basis: "《动物防疫法》", Conditions: "本社区居民饲养犬只", Procedure: []string{"提交材料", "登记发牌"},
		Fee: "不收费", Trips: 1, Mode: ModeDirect, ItemWindows: ItemWindows{LeadWindow: "1"}, Active: true,
		Materials: []Material{{Name: "犬只免疫证明", Required: true, Form: FormOriginal, Copies: 1,
			SampleName: "免疫证明样表.png", SampleData: pngBytes}},
		Fields: []IntakeField{{Key: "size", Label: "犬只体型", Kind: KindSingle, Required: true, Options: []string{"小型", "中型", "大型"}}}}
	saved, err := s.SaveItem(ctx, admin, it)
	require.NoError(t, err)
	assert.NotZero(t, saved.ID)
	assert.Equal(t, 1, saved.Version)
	for _, q := range []string{"犬只", "养狗", "qzdj", "quanzhi"} {
		found, err := s.SearchItems(ctx, q)
		require.NoError(t, err)
		require.NotEmpty(t, found, q)
		assert.Equal(t, saved.ID, found[0].ID, q)
	}
	g, err := s.ItemVersion(ctx, saved.ID, 1)
	require.NoError(t, err)
	assert.Equal(t, "犬只登记", g.Item.Name)
	assert.Equal(t, 1, auditCount(t, s, AuditItemAdd))

	// Renamed: found by the new name only.
	saved.Name = "犬只登记和年检"
	saved.Keywords = []string{"狗证"}
	_, err = s.SaveItem(ctx, admin, saved)
	require.NoError(t, err)
	found, err := s.SearchItems(ctx, "年检")
	require.NoError(t, err)
	require.Len(t, found, 1)
	found, err = s.SearchItems(ctx, "养狗")
	require.NoError(t, err)
	assert.Empty(t, found)

	// Taken out of service: off the kiosk and closed to registration.
	require.NoError(t, s.SetItemActive(ctx, admin, saved.ID, false))
	found, err = s.SearchItems(ctx, "犬只")
	require.NoError(t, err)
	assert.Empty(t, found)
	all, err := s.AllItems(ctx)
	require.NoError(t, err)
	var entry ItemEntry
	for _, e := range all {
		if e.ID == saved.ID {
			entry = e
		}
	}
	assert.False(t, entry.Active)
	assert.Equal(t, 2, entry.Version)
	require.NoError(t, s.SetItemActive(ctx, admin, saved.ID, true))
	found, err = s.SearchItems(ctx, "犬只")
	require.NoError(t, err)
	assert.Len(t, found, 1)
	assert.Equal(t, 1, auditCount(t, s, AuditItemStop))
	assert.Equal(t, 1, auditCount(t, s, AuditItemRestart))

	// No request refers to it: it may be deleted.
	require.NoError(t, s.DeleteItem(ctx, admin, saved.ID))
	_, err = s.Item(ctx, saved.ID)
	assert.ErrorIs(t, err, ErrNotFound)
	found, err = s.SearchItems(ctx, "犬只")
	require.NoError(t, err)
	assert.Empty(t, found)
}

func TestItemWithRequestsIsNeverDeleted(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	admin := staffSession(t, s, "s1")
	_, err := s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)
	id := itemIDOf(t, s, "DB")
	err = s.DeleteItem(ctx, admin, id)
	var ie *InvalidError
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "该事项已有1件办件记录，不能删除；如不再办理，请停用。", ie.Msg)

	require.NoError(t, s.SetItemActive(ctx, admin, id, false))
	_, err = s.Register(ctx, goodRegistration(t, s))
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "该事项已暂停自助登记，请到窗口咨询。", ie.Msg)
	it, err := s.Item(ctx, id)
	require.NoError(t, err)
	assert.False(t, it.Active)

	err = s.SetItemActive(ctx, staffSession(t, s, "s2"), id, true)
	require.ErrorAs(t, err, &ie)
	assert.Equal(t, "只有管理员可以编辑办事事项。", ie.Msg)
	assert.ErrorIs(t, s.SetItemActive(ctx, admin, 9999, true), ErrNotFound)
}
