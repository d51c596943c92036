package staff_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/staff"
)

// itemsRig signs in as the administrator and opens 办事事项.
func itemsRig(t *testing.T) (*rig, *staff.ItemsScreen) {
	t.Helper()
	r := adminRig(t)
	r.d.Admin.Show(staff.SectionItems)
	s := r.d.Admin.Items
	require.NotNil(t, s)
	require.NotEmpty(t, s.Rows)
	return r, s
}

// editItem opens the editor on the item named name.
func editItem(t *testing.T, s *staff.ItemsScreen, name string) *staff.ItemEditor {
	t.Helper()
	row := s.Row(name)
	require.NotNil(t, row, "row of %s", name)
	test.Tap(row.Edit)
	require.NotNil(t, s.Editor)
	return s.Editor
}

// itemSamplePNG writes a small PNG sample form and returns its path.
func itemSamplePNG(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 60, 80))
	for y := 0; y < 80; y++ {
		for x := 0; x < 60; x++ {
			img.Set(x, y, color.RGBA{255, 255, 255, 255})
			if y%10 == 0 || x == 5 {
				img.Set(x, y, color.RGBA{40, 40, 40, 255})
			}
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	p := filepath.Join(t.TempDir(), "犬只登记表样表.png")
	require.NoError(t, os.WriteFile(p, b.Bytes(), 0o600))
	return p
}

func TestItemsListByCategoryAndSearch(t *testing.T) {
	_, s := itemsRig(t)
	assert.Len(t, s.Entries, 18)
	assert.Equal(t, "城乡居民基本养老保险参保登记", s.Rows[0].Entry.Name)
	s.Category.SetSelected("社会救助")
	require.Len(t, s.Rows, 3)
	for _, r := range s.Rows {
		assert.Equal(t, "社会救助", r.Entry.Category)
	}
	s.Category.SetSelectedIndex(0)
	test.Type(s.Search, "jzz")
	require.NotEmpty(t, s.Rows)
	assert.True(t, strings.HasPrefix(s.Rows[0].Entry.Name, "居住证"))
	s.Search.SetText("低保")
	require.NotEmpty(t, s.Rows)
	assert.Equal(t, "最低生活保障申请", s.Rows[0].Entry.Name)
	s.Search.SetText("没有这种事项")
	assert.Empty(t, s.Rows)
	assert.Equal(t, "没有找到相符的事项，请换个词试试。", s.Status.Text)
}

func TestItemsEditPromisedDaysAndMaterial(t *testing.T) {
	r, s := itemsRig(t)
	ctx := context.Background()
	rc := r.registerYL(t) // registered under the guide in force now
	e := editItem(t, s, "城乡居民基本养老保险参保登记")
	id := e.Item.ID
	before := e.Item
	require.Len(t, e.Materials, 3)
	assert.Equal(t, "3", e.PromisedDays.Text)

	e.PromisedDays.SetText("5")
	e.Materials[1].Name.SetText("户口簿（户主页和本人页）")
	e.Materials[1].Copies.SetText("2")
	test.Tap(e.Materials[2].Up) // the form moves before the household register
	test.Tap(e.Save)
	require.Contains(t, e.Error.Text, "已保存，现行为第2版", e.Error.Text)
	assert.Contains(t, e.Title.Text, "第2版")

	// What the kiosk reads.
	it, err := r.s.Item(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, 5, it.PromisedDays)
	assert.Equal(t, 2, it.Version)
	require.Len(t, it.Materials, 3)
	assert.Equal(t, "城乡居民基本养老保险参保登记表", it.Materials[1].Name)
	assert.Equal(t, "户口簿（户主页和本人页）", it.Materials[2].Name)
	assert.Equal(t, 2, it.Materials[2].Copies)
	assert.Equal(t, before.Materials[1].ID, it.Materials[2].ID, "the renamed material keeps its id")
	found, err := r.s.SearchItems(ctx, "养老保险")
	require.NoError(t, err)
	require.NotEmpty(t, found)
	assert.Equal(t, id, found[0].ID)
	assert.Equal(t, 5, found[0].PromisedDays)

	// The request registered before keeps the old guide.
	g, err := r.s.RequestGuide(ctx, rc.RequestID)
	require.NoError(t, err)
	assert.Equal(t, 1, g.Version)
	assert.Equal(t, 3, g.Item.PromisedDays)
	assert.Equal(t, "户口簿", g.Item.Materials[1].Name)

	// 历史版本: the current version first, the older one read-only.
	require.True(t, e.HistoryB.Visible())
	test.Tap(e.HistoryB)
	h := e.History
	require.NotNil(t, h)
	assert.Equal(t, []string{"第2版", "第1版"}, h.Version.Options)
	assert.Contains(t, h.Text.Text, "5个工作日")
	h.Version.SetSelectedIndex(1)
	assert.Contains(t, h.Text.Text, "3个工作日")
	assert.Contains(t, h.Text.Text, "、户口簿（")

	// Back to the list without changes: no question asked.
	test.Tap(e.Back)
	assert.Nil(t, s.Editor)
	assert.Nil(t, e.Leave)
}

func TestItemsAddNewWithSampleAndChoice(t *testing.T) {
	r, s := itemsRig(t)
	ctx := context.Background()
	test.Tap(s.Add)
	e := s.Editor
	require.NotNil(t, e)
	assert.False(t, e.HistoryB.Visible(), "a new item has no versions yet")
	test.Type(e.Name, "犬只登记")
	test.Type(e.Code, "QZDJ")
	e.Category.SetText("综合服务")
	test.Type(e.Keywords, "养狗登记 狗证")
	e.Mode.SetSelected("承诺办理")
	e.Lead.SetSelectedIndex(3)
	test.Type(e.Basis, "《中华人民共和国动物防疫法》（示例）")
	test.Type(e.Conditions, "本社区居民饲养的犬只")
	e.Procedure.SetText("提交材料\n核验免疫证明\n登记发牌")
	e.PromisedDays.SetText("3")
	e.LegalDays.SetText("5")

	test.Tap(e.AddMaterial)
	require.Len(t, e.Materials, 1)
	m := e.Materials[0]
	test.Type(m.Name, "犬只免疫证明")
	m.SamplePath.SetText(itemSamplePNG(t))
	test.Tap(m.LoadPath)
	assert.Equal(t, "犬只登记表样表.png", m.SampleName)
	assert.Contains(t, m.SampleInfo.Text, "PNG")

	test.Tap(e.AddField)
	require.Len(t, e.Fields, 1)
	f := e.Fields[0]
	test.Type(f.Label, "犬只体型")
	f.Key.SetText("dog_size")
	f.Kind.SetSelected("单选")
	f.Required.SetChecked(true)
	f.Options.SetText("小型犬\n中型犬\n大型犬")

	test.Tap(e.Save)
	require.Contains(t, e.Error.Text, "已保存", e.Error.Text)
	require.NotZero(t, e.Item.ID)

	found, err := r.s.SearchItems(ctx, "狗证")
	require.NoError(t, err)
	require.Len(t, found, 1)
	it, err := r.s.Item(ctx, found[0].ID)
	require.NoError(t, err)
	assert.Equal(t, "QZDJ", it.Code)
	assert.Equal(t, data.ModePromise, it.Mode)
	assert.Equal(t, "3", it.LeadWindow)
	assert.Equal(t, []string{"提交材料", "核验免疫证明", "登记发牌"}, it.Procedure)
	assert.Equal(t, "不收费", it.Fee)
	require.Len(t, it.Materials, 1)
	assert.Equal(t, "png", data.SampleKind(it.Materials[0].SampleData))
	assert.Equal(t, data.FormOriginal, it.Materials[0].Form)
	require.Len(t, it.Fields, 1)
	assert.Equal(t, data.IntakeField{Key: "dog_size", Label: "犬只体型", Kind: data.KindSingle, Required: true,
		Options: []string{"小型犬", "中型犬", "大型犬"}}, it.Fields[0])
	assert.True(t, it.Active)

	// Back in the list, in its category.
	test.Tap(e.Back)
	require.Nil(t, s.Editor)
	s.Category.SetSelected("综合服务")
	assert.NotNil(t, s.Row("犬只登记"))
}

// TestItemsSaveShowsTheCardItCannotRead: a material's copies or a field's
// rule that is not a number is shown under its card, the first such card
// only, and nothing is sent to the store.
func TestItemsSaveShowsTheCardItCannotRead(t *testing.T) {
	r, s := itemsRig(t)
	ctx := context.Background()
	e := editItem(t, s, "最低生活保障申请")
	before := e.Item
	require.GreaterOrEqual(t, len(e.Materials), 2)
	require.NotEmpty(t, e.Fields)

	e.Fields[0].Kind.SetSelected("日期")
	e.Fields[0].RuleMonths.SetText("半年")
	e.Materials[1].Copies.SetText("两")
	test.Tap(e.Save)
	assert.Equal(t, "申报材料第2项：请填写整数，如 0、5、20。", e.Error.Text, "the first card at fault")
	assert.Equal(t, staff.ItemTabMaterials, e.Tabs.SelectedIndex())

	e.Materials[1].Copies.SetText("1")
	test.Tap(e.Save)
	assert.Equal(t, "登记字段第1项：规则中的数值请填写数字（月数为整数）。", e.Error.Text)
	assert.Equal(t, staff.ItemTabFields, e.Tabs.SelectedIndex())

	it, err := r.s.Item(ctx, before.ID)
	require.NoError(t, err)
	assert.Equal(t, before.Version, it.Version, "nothing saved")
}

func TestItemsSaveShowsTheFieldAtFault(t *testing.T) {
	r, s := itemsRig(t)
	ctx := context.Background()
	e := editItem(t, s, "最低生活保障申请")
	id := e.Item.ID
	before := e.Item

	e.Basis.SetText(" ")
	test.Tap(e.Save)
	assert.Equal(t, "政策依据：请填写政策依据。", e.Error.Text)
	assert.Equal(t, staff.ItemTabHandling, e.Tabs.SelectedIndex())

	e.Basis.SetText(before.Basis)
	e.Materials[1].Name.SetText("")
	test.Tap(e.Save)
	assert.Equal(t, "申报材料第2项：请填写材料名称。", e.Error.Text)
	assert.Equal(t, staff.ItemTabMaterials, e.Tabs.SelectedIndex())

	e.Materials[1].Name.SetText(before.Materials[1].Name)
	e.Fields[0].Options.SetText("只有一个")
	e.Fields[0].Kind.SetSelected("单选")
	test.Tap(e.Save)
	assert.Equal(t, "登记字段第1项：单选或多选登记项至少需要两个选项。", e.Error.Text)
	assert.Equal(t, staff.ItemTabFields, e.Tabs.SelectedIndex())

	e.PromisedDays.SetText("二十")
	test.Tap(e.Save)
	assert.Contains(t, e.Error.Text, "请填写整数")

	// A sample that is too big or not an image is refused politely, before
	// anything is sent to the store.
	big := filepath.Join(t.TempDir(), "大样表.pdf")
	require.NoError(t, os.WriteFile(big, append([]byte("%PDF-1.4\n"), make([]byte, data.MaxSampleBytes)...), 0o600))
	m := e.Materials[0]
	m.SamplePath.SetText(big)
	test.Tap(m.LoadPath)
	assert.Empty(t, m.SampleData)
	doc := filepath.Join(t.TempDir(), "样表.docx")
	require.NoError(t, os.WriteFile(doc, []byte("PK\x03\x04 word"), 0o600))
	m.SamplePath.SetText(doc)
	test.Tap(m.LoadPath)
	assert.Empty(t, m.SampleData)

	// Nothing of it reached the store.
	it, err := r.s.Item(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, before, it)

	// Leaving with unsaved changes asks first.
	test.Tap(e.Back)
	require.NotNil(t, e.Leave)
	assert.NotNil(t, s.Editor)
	test.Tap(e.Leave.Submit)
	assert.Nil(t, s.Editor)
}

func TestItemsTakeOutOfServiceAndBack(t *testing.T) {
	r, s := itemsRig(t)
	ctx := context.Background()
	row := s.Row("生育登记")
	require.NotNil(t, row)
	test.Tap(row.Toggle)
	require.NotNil(t, s.Confirm)
	test.Tap(s.Confirm.Submit)
	row = s.Row("生育登记")
	require.NotNil(t, row)
	assert.False(t, row.Entry.Active)
	assert.Equal(t, "启用", row.Toggle.Text)
	found, err := r.s.SearchItems(ctx, "生育登记")
	require.NoError(t, err)
	assert.Empty(t, found, "off the kiosk")
	s.Search.SetText("生育")
	require.NotNil(t, s.Row("生育登记"), "administrators still find it")

	test.Tap(s.Row("生育登记").Toggle)
	test.Tap(s.Confirm.Submit)
	found, err = r.s.SearchItems(ctx, "生育登记")
	require.NoError(t, err)
	assert.Len(t, found, 1)
}
