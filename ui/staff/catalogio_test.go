package staff_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/staff"
)

func TestCatalogExportImportFromStaffMode(t *testing.T) {
	r := adminRig(t)
	r.d.Admin.Show(staff.SectionBackup)
	c := r.d.Admin.Backup.Catalog
	require.NotNil(t, c)
	dir := t.TempDir()
	path := filepath.Join(dir, "目录.json")

	c.ExportPath.SetText(path)
	test.Tap(c.ExportB)
	assert.Equal(t, "已导出到 "+path+"。", c.Status.Text)
	raw, err := os.ReadFile(path)
	require.NoError(t, err)

	// A cancelled import changes nothing and says so.
	c.ImportPath.SetText(path)
	c.OnStart = c.Cancel
	test.Tap(c.ImportB)
	require.NotNil(t, c.Confirm)
	c.ConfirmImport()
	assert.Equal(t, "已取消，数据没有任何改动。", c.Status.Text)
	assert.False(t, c.Busy())
	c.OnStart = nil

	test.Tap(c.ImportB)
	c.ConfirmImport()
	assert.Contains(t, c.Status.Text, "导入完成：")
	page, err := r.s.Audit(context.Background(), data.AuditFilter{Action: data.AuditCatalogImport})
	require.NoError(t, err)
	assert.Len(t, page.Entries, 1)

	// Half a file: refused with the place of the fault, nothing changed.
	bad := filepath.Join(dir, "bad.json")
	require.NoError(t, os.WriteFile(bad, raw[:len(raw)/3], 0o600))
	c.ImportPath.SetText(bad)
	test.Tap(c.ImportB)
	c.ConfirmImport()
	assert.Contains(t, c.Status.Text, "未能完成，数据没有任何改动：")

	c.ImportPath.SetText("")
	test.Tap(c.ImportB)
	assert.Equal(t, "请先填写文件的完整路径。", c.Status.Text)
}
