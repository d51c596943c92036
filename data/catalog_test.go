package data

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testCatalog is a small catalog with one of everything.
func testCatalog() *Catalog {
	pub := time.Date(2026, 1, 5, 9, 0, 0, 0, China)
	return &Catalog{
		Format: CatalogFormat,
		Center: Center{Name: "测试社区便民服务室", ReceiptPrefix: "TS", Address: "测试路1号", Phone: "0919-0000001",
			ComplaintPhone: "0919-0000002", ComplaintDays: 10, IdleSeconds: 90, Hours: []OfficeHours{{Weekday: time.Monday, Opens: "08:30", Closes: "12:00"}}},
		Windows: []Window{{Code: "1", Name: "社会保障窗口"}, {Code: "2", Name: "民政事务窗口"}},
		Staff: []Staff{
			{Code: "s1", Name: "王芳", Post: "社保专干", Duties: "社保业务", Window: "1", AB: "A", Role: RoleAdmin, Active: true, PhotoFile: "a.png"},
			{Code: "s2", Name: "李强", Post: "民政专干", Duties: "民政业务", Window: "1", AB: "B", Role: RoleStaff, Active: true},
		},
		Items: []Item{
			{Code: "JZZ", Name: "居住证申领", Category: "户籍与证明", Keywords: []string{"暂住证"}, Summary: "受理后转报公安派出所",
				Basis: "《居住证暂行条例》", Conditions: "在本地居住半年以上", Procedure: []string{"提交材料", "转报派出所", "领取"},
				PromisedDays: 10, LegalDays: 15, Fee: "不收费", Trips: 2, Mode: ModeUpper, UpperDepartment: "派出所",
				ItemWindows: ItemWindows{LeadWindow: "1"}, Materials: []Material{{Name: "居民身份证", Required: true, Form: FormBoth, Copies: 1}},
				Fields: []IntakeField{{Key: "months", Label: "已居住月数", Kind: KindNumber, Required: true}}},
			{Code: "DB", Name: "最低生活保障申请", Category: "社会救助", Keywords: []string{"低保"}, Basis: "《社会救助暂行办法》",
				Conditions: "家庭人均收入低于当地低保标准", Procedure: []string{"申请", "入户调查", "公示", "审批"},
				PromisedDays: 30, LegalDays: 30, Fee: "不收费", Trips: 1, Mode: ModeJoint, ItemWindows: ItemWindows{LeadWindow: "2", JointWindows: []string{"1"}},
				Materials: []Material{{Name: "户口簿", Required: true, Form: FormOriginal, Copies: 1}, {Name: "收入证明", Form: FormCopy, Copies: 2, Note: "如有"}},
				Fields:    []IntakeField{{Key: "kind", Label: "申请类别", Kind: KindSingle, Options: []string{"城市", "农村"}, Required: true}}},
			{Code: "YB", Name: "城乡居民基本医疗保险参保登记", Category: "医疗保障", Keywords: []string{"医保"}, Basis: "《社会保险法》",
				Conditions: "未参加职工医保的城乡居民", Procedure: []string{"登记"}, Fee: "不收费", Trips: 1, Mode: ModeDirect,
				ItemWindows: ItemWindows{LeadWindow: "1"}, Materials: []Material{{Name: "居民身份证", Required: true, Form: FormOriginal, Copies: 1}}},
		},
		Disclosures: []Disclosure{
			{Code: "rules-1", Category: CatRules, Audience: AudiencePublic, Cadence: CadenceAdhoc, Versions: []DisclosureVersion{
				{Version: 1, Status: VersionSuperseded, Title: "管理制度", Body: "旧文本", PublishedAt: pub, Publisher: "管理员"},
				{Version: 2, Status: VersionPublished, Title: "管理制度", Body: "新文本", PublishedAt: pub.AddDate(0, 1, 0), Publisher: "管理员"}}},
			{Code: "integrity", Category: CatIntegrity, Audience: AudienceInternal, Cadence: CadenceRegular, Versions: []DisclosureVersion{
				{Version: 1, Status: VersionPublished, Title: "廉洁自律情况", Body: "内部", PublishedAt: pub, Publisher: "管理员"}}},
		},
		Calendar: []CalendarDay{{Day: "2026-10-01", Kind: "holiday", Name: "国庆节"}},
	}
}

// testFiles holds the staff photo the test catalog names: a real (tiny)
// PNG, since an import decodes photos.
var testFiles = fstest.MapFS{"a.png": {Data: tinyPNG()}}

func tinyPNG() []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func encode(t testing.TB, c *Catalog) []byte {
	t.Helper()
	b, err := json.MarshalIndent(c, "", "  ")
	require.NoError(t, err)
	return b
}

func TestCatalogRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	sum, err := s.ImportCatalog(ctx, bytes.NewReader(encode(t, testCatalog())), testFiles)
	require.NoError(t, err)
	assert.Equal(t, ImportSummary{Windows: 2, Staff: 2, Items: 3, Disclosures: 2, Versions: 3, CalendarDays: 1}, sum)

	var first bytes.Buffer
	require.NoError(t, s.ExportCatalog(ctx, &first))
	assert.Contains(t, first.String(), `"photo": "`, "photos travel inside the file")

	// Import the export into a fresh store and export again: same bytes.
	s2 := mustOpen(t)
	_, err = s2.ImportCatalog(ctx, bytes.NewReader(first.Bytes()), nil)
	require.NoError(t, err)
	var second bytes.Buffer
	require.NoError(t, s2.ExportCatalog(ctx, &second))
	assert.Equal(t, first.String(), second.String())

	// And the export says what we put in.
	var got Catalog
	require.NoError(t, json.Unmarshal(first.Bytes(), &got))
	want := testCatalog()
	want.Staff[0].Photo, want.Staff[0].PhotoFile = testFiles["a.png"].Data, ""
	assert.Equal(t, want.Items, got.Items)
	assert.Equal(t, want.Staff, got.Staff)
	assert.Equal(t, want.Center, got.Center)
	assert.Equal(t, len(want.Disclosures), len(got.Disclosures))
	assert.True(t, want.Disclosures[0].Versions[1].PublishedAt.Equal(got.Disclosures[0].Versions[1].PublishedAt))
}

func TestImportAgainIsIdempotent(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	b := encode(t, testCatalog())
	_, err := s.ImportCatalog(ctx, bytes.NewReader(b), testFiles)
	require.NoError(t, err)
	_, err = s.ImportCatalog(ctx, bytes.NewReader(b), testFiles)
	require.NoError(t, err)
	id := itemID(t, s, "JZZ")
	it, err := s.Item(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, 1, it.Version, "an unchanged guide keeps its version")

	c := testCatalog()
	c.Items[0].Fee = "工本费20元"
	_, err = s.ImportCatalog(ctx, bytes.NewReader(encode(t, c)), testFiles)
	require.NoError(t, err)
	it, err = s.Item(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, 2, it.Version, "a changed guide gets a new version")
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM item_versions WHERE item_id = ?`, id).Scan(&n))
	assert.Equal(t, 2, n, "the old version stays on record")
}

func TestImportKeepsMaterialIDs(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	_, err := s.ImportCatalog(ctx, bytes.NewReader(encode(t, testCatalog())), testFiles)
	require.NoError(t, err)
	before, err := s.Item(ctx, itemID(t, s, "DB"))
	require.NoError(t, err)

	// Reorder, change one, add one, drop none: the ids follow the names.
	c := testCatalog()
	ms := c.Items[1].Materials
	c.Items[1].Materials = []Material{ms[1], {Name: "新增材料", Required: true, Form: FormCopy, Copies: 1}, ms[0]}
	c.Items[1].Materials[0].Copies = 3
	_, err = s.ImportCatalog(ctx, bytes.NewReader(encode(t, c)), testFiles)
	require.NoError(t, err)
	after, err := s.Item(ctx, itemID(t, s, "DB"))
	require.NoError(t, err)
	require.Len(t, after.Materials, 3)
	assert.Equal(t, before.Materials[1].ID, after.Materials[0].ID, "收入证明 kept its id")
	assert.Equal(t, 3, after.Materials[0].Copies)
	assert.Equal(t, before.Materials[0].ID, after.Materials[2].ID, "户口簿 kept its id")
	assert.Equal(t, "新增材料", after.Materials[1].Name)

	// Dropping a material deletes it.
	c.Items[1].Materials = c.Items[1].Materials[:2]
	_, err = s.ImportCatalog(ctx, bytes.NewReader(encode(t, c)), testFiles)
	require.NoError(t, err)
	after, err = s.Item(ctx, itemID(t, s, "DB"))
	require.NoError(t, err)
	assert.Len(t, after.Materials, 2)
}

func itemID(t *testing.T, s *Store, code string) int64 {
	t.Helper()
	var id int64
	require.NoError(t, s.db.QueryRow(`SELECT id FROM items WHERE code = ?`, code).Scan(&id))
	return id
}

func TestImportRefusesBadFileWhole(t *testing.T) {
	tests := map[string]struct {
		file      func(t *testing.T) []byte
		wantField string
		wantMsg   string
	}{
		"ErrSyntax": {
			file:    func(t *testing.T) []byte { return []byte("{\n  \"format\": 1,\n  \"center\": {,\n}") },
			wantMsg: "第3行：JSON 格式错误",
		},
		"ErrUnknownField": {
			file: func(t *testing.T) []byte {
				return bytes.Replace(encode(t, testCatalog()), []byte(`"summary"`), []byte(`"summery"`), 1)
			},
			wantField: "summery",
			wantMsg:   "不认识的字段",
		},
		"ErrType": {
			file: func(t *testing.T) []byte {
				return bytes.Replace(encode(t, testCatalog()), []byte(`"promised_days": 10`), []byte(`"promised_days": "十"`), 1)
			},
			wantField: "items[0].promised_days",
			wantMsg:   "类型不对",
		},
		"ErrMissingMaterialName": {
			file: func(t *testing.T) []byte {
				c := testCatalog()
				c.Items[1].Materials[1].Name = " "
				return encode(t, c)
			},
			wantField: "items[1].materials[1].name",
			wantMsg:   "请填写材料名称。",
		},
		"ErrUnknownWindow": {
			file: func(t *testing.T) []byte {
				c := testCatalog()
				c.Staff[1].Window = "9"
				return encode(t, c)
			},
			wantField: "staff[1].window",
			wantMsg:   "没有编号为 9 的窗口。",
		},
		"ErrInternalMadePublic": {
			file: func(t *testing.T) []byte {
				c := testCatalog()
				c.Disclosures[1].Audience = AudiencePublic
				return encode(t, c)
			},
			wantField: "disclosures[1].audience",
			wantMsg:   "只能对内公开",
		},
		"ErrDuplicateItem": {
			file: func(t *testing.T) []byte {
				c := testCatalog()
				c.Items[2].Code = "JZZ"
				return encode(t, c)
			},
			wantField: "items[2].code",
			wantMsg:   "事项编码重复",
		},
		"ErrMissingPhoto": {
			file: func(t *testing.T) []byte {
				c := testCatalog()
				c.Staff[1].PhotoFile = "../../etc/passwd"
				return encode(t, c)
			},
			wantField: "staff[1].photo_file",
			wantMsg:   "找不到照片文件",
		},
		"ErrEmpty": {
			file:    func(t *testing.T) []byte { return nil },
			wantMsg: "文件为空或不完整。",
		},
		"ErrTrailing": {
			file:    func(t *testing.T) []byte { return append(encode(t, testCatalog()), []byte("\n{}")...) },
			wantMsg: "多余的内容",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := mustOpen(t)
			// Start from a populated store, with a different center name.
			c := testCatalog()
			c.Center.Name = "原有服务室"
			_, err := s.ImportCatalog(ctx, bytes.NewReader(encode(t, c)), testFiles)
			require.NoError(t, err)
			var before bytes.Buffer
			require.NoError(t, s.ExportCatalog(ctx, &before))

			bad := tc.file(t)
			bad = bytes.Replace(bad, []byte("测试社区便民服务室"), []byte("新名称"), 1)
			_, err = s.ImportCatalog(ctx, bytes.NewReader(bad), testFiles)
			require.Error(t, err)
			var ie *InvalidError
			require.ErrorAs(t, err, &ie)
			if tc.wantField != "" {
				assert.Equal(t, tc.wantField, ie.Field)
			}
			assert.Contains(t, ie.Msg, tc.wantMsg)

			var after bytes.Buffer
			require.NoError(t, s.ExportCatalog(ctx, &after))
			assert.Equal(t, before.String(), after.String(), "nothing imported")
		})
	}
}

func TestPublishedVersionsAreImmutable(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	_, err := s.ImportCatalog(ctx, bytes.NewReader(encode(t, testCatalog())), testFiles)
	require.NoError(t, err)

	c := testCatalog()
	c.Disclosures[0].Versions[1].Body = "悄悄改过的文本"
	_, err = s.ImportCatalog(ctx, bytes.NewReader(encode(t, c)), testFiles)
	var ie *InvalidError
	require.ErrorAs(t, err, &ie)
	assert.Contains(t, ie.Msg, "公开后的内容不能修改")

	for _, set := range []string{"body = 'x'", "status = 'draft'", "previewed_at = 'x'", "preview_until = '2026-01-01'"} {
		_, err = s.db.ExecContext(ctx, `UPDATE disclosure_versions SET `+set+` WHERE status = 'published'`)
		assert.ErrorContains(t, err, "immutable", set)
	}
	_, err = s.db.ExecContext(ctx, `DELETE FROM disclosure_versions`)
	assert.ErrorContains(t, err, "kept")

	// A new version supersedes the old, which stays in the archive.
	c = testCatalog()
	c.Disclosures[0].Versions[1].Status = VersionSuperseded
	c.Disclosures[0].Versions = append(c.Disclosures[0].Versions, DisclosureVersion{Version: 3, Status: VersionPublished,
		Title: "管理制度", Body: "第三版", PublishedAt: fixedNow, Publisher: "管理员"})
	_, err = s.ImportCatalog(ctx, bytes.NewReader(encode(t, c)), testFiles)
	require.NoError(t, err)
	d, err := s.DisclosureArchive(ctx, "rules-1")
	require.NoError(t, err)
	require.Len(t, d.Versions, 3)
	assert.Equal(t, "旧文本", d.Versions[0].Body)
	assert.Equal(t, VersionSuperseded, d.Versions[1].Status)
	assert.Equal(t, VersionPublished, d.Versions[2].Status)
}

func TestNoticesKeepInternalOut(t *testing.T) {
	ctx := context.Background()
	s := mustOpen(t)
	_, err := s.ImportCatalog(ctx, bytes.NewReader(encode(t, testCatalog())), testFiles)
	require.NoError(t, err)
	pub, err := s.Notices(ctx, AudiencePublic)
	require.NoError(t, err)
	require.Len(t, pub, 1)
	assert.Equal(t, "新文本", pub[0].Body, "only the version in force")
	for _, n := range pub {
		assert.False(t, n.Category.Internal())
	}
	internal, err := s.Notices(ctx, AudienceInternal)
	require.NoError(t, err)
	require.Len(t, internal, 1)
	assert.Equal(t, CatIntegrity, internal[0].Category)
}
