package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/encoding/simplifiedchinese"

	"bianmin/data"
	"bianmin/data/datatest"
)

const miniCatalog = `{
  "format": 1,
  "center": {"name": "测试服务室", "receipt_prefix": "TS", "address": "测试路", "phone": "1", "complaint_phone": "2",
    "hours": [{"weekday": 1, "opens": "08:30", "closes": "12:00"}]},
  "windows": [{"code": "1", "name": "综合窗口"}],
  "staff": [],
  "items": [{"code": "A", "name": "居住证明", "category": "证明", "basis": "示例", "conditions": "本社区居民",
    "procedure": ["申请", "出具"], "promised_days": 0, "legal_days": 0, "fee": "不收费", "trips": 1, "mode": "direct",
    "materials": [{"name": "居民身份证", "required": true, "form": "original", "copies": 1}]}],
  "disclosures": []
}
`

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(context.Background(), args, Seed{Catalog: []byte(miniCatalog)}, nil, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCatalogExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db1, db2 := datatest.DSN(t), datatest.DSN(t)
	f1, f2 := filepath.Join(dir, "one.json"), filepath.Join(dir, "two.json")

	code, out, errs := run(t, "catalog", "export", f1, "--data", db1)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "已导出")

	code, out, errs = run(t, "catalog", "import", "--data", db2, f1)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "1 个事项")

	code, _, errs = run(t, "catalog", "export", f2, "--data", db2)
	require.Equal(t, 0, code, errs)
	a, err := os.ReadFile(f1)
	require.NoError(t, err)
	b, err := os.ReadFile(f2)
	require.NoError(t, err)
	assert.Equal(t, string(a), string(b))
}

func TestCatalogImportRefusesBadFile(t *testing.T) {
	dir := t.TempDir()
	db := datatest.DSN(t)
	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, []byte(strings.Replace(miniCatalog, `"fee": "不收费"`, `"fee": ""`, 1)), 0o600))
	code, _, errs := run(t, "catalog", "import", bad, "--data", db)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "请填写收费标准")
	assert.Contains(t, errs, "items[0].fee")

	s, err := data.Open(context.Background(), db)
	require.NoError(t, err)
	defer s.Close()
	empty, err := s.Empty(context.Background())
	require.NoError(t, err)
	assert.True(t, empty, "nothing imported")
}

func TestSynthItems(t *testing.T) {
	db := datatest.DSN(t)
	code, out, errs := run(t, "synth", "items", "-n", "30", "--data", db)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "30")
	s, err := data.Open(context.Background(), db)
	require.NoError(t, err)
	defer s.Close()
	items, err := s.AllItems(context.Background())
	require.NoError(t, err)
	assert.Len(t, items, 31, "the seeded item and 30 synthetic ones")
	cal, err := s.Calendar(context.Background())
	require.NoError(t, err)
	day, err := data.ParseDay("2026-10-05")
	require.NoError(t, err)
	assert.False(t, cal.IsWorkday(day), "the official holidays are seeded")
}

func TestSynthRequests(t *testing.T) {
	db := datatest.DSN(t)
	code, out, errs := run(t, "synth", "requests", "-n", "50", "--data", db)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "50 件")
}

func TestUsage(t *testing.T) {
	code, _, errs := run(t, "catalog", "frobnicate")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "用法")
	code, _, _ = run(t, "--no-such-flag")
	assert.Equal(t, 2, code)
}

func TestDefaultDataFile(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/tmp/xdg")
	assert.Equal(t, "/tmp/xdg/bianmin/bianmin.db", DefaultDataFile())
}

// A catalog saved as GBK by an older Windows tool is converted and says so.
func TestCatalogImportConvertsGBK(t *testing.T) {
	dir := t.TempDir()
	db, f := datatest.DSN(t), filepath.Join(dir, "gbk.json")
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(miniCatalog)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(f, []byte(gbk), 0o600))
	code, out, errs := run(t, "catalog", "import", "--data", db, f)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "已从 GBK 编码转换")
	assert.Contains(t, out, "1 个事项")
}
