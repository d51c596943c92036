package data

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// catalogSession is the session of the staff member with code.
func catalogSession(t *testing.T, s *Store, code string) Session {
	t.Helper()
	var id int64
	require.NoError(t, s.db.QueryRow(`SELECT id FROM staff WHERE code = ?`, code).Scan(&id))
	return Session{StaffID: id}
}

func catalogAudits(t *testing.T, s *Store, action string) int {
	t.Helper()
	var n int
	require.NoError(t, s.db.QueryRow(`SELECT count(*) FROM audit_log WHERE action = ?`, action).Scan(&n))
	return n
}

func TestCatalogFileExportImport(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	admin, clerk := catalogSession(t, s, "s1"), catalogSession(t, s, "s2")
	dir := t.TempDir()
	path := filepath.Join(dir, "catalog.json")

	require.NoError(t, s.ExportCatalogFile(ctx, admin, path))
	var want bytes.Buffer
	require.NoError(t, s.ExportCatalog(ctx, &want))
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, want.String(), string(got), "the file is the export, byte for byte")
	assert.Equal(t, 1, catalogAudits(t, s, AuditDataExport))

	// Into a fresh store: everything arrives, recorded as the admin's.
	s2 := seeded(t)
	sum, err := s2.ImportCatalogFile(ctx, catalogSession(t, s2, "s1"), path)
	require.NoError(t, err)
	assert.Positive(t, sum.Items)
	assert.Equal(t, 1, catalogAudits(t, s2, AuditCatalogImport))
	assert.Equal(t, "导入事项目录", AuditLabel(AuditCatalogImport))

	tests := map[string]struct {
		by   Session
		file string
		ctx  func() context.Context
		msg  string
	}{
		"Clerk":   {by: clerk, file: path, msg: "只有管理员可以导入或导出事项目录。"},
		"Corrupt": {by: admin, file: "corrupt.json", msg: "第"},
		"Missing": {by: admin, file: filepath.Join(dir, "none.json")},
		"Cancelled": {by: admin, file: path, ctx: func() context.Context {
			c, cancel := context.WithCancel(ctx)
			cancel()
			return c
		}},
	}
	corrupt := filepath.Join(dir, "corrupt.json")
	require.NoError(t, os.WriteFile(corrupt, append(got[:len(got)/2:len(got)/2], []byte("\n}}")...), 0o600))
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			before := dumpDB(t, s.db)
			c := ctx
			if tc.ctx != nil {
				c = tc.ctx()
			}
			file := tc.file
			if file == "corrupt.json" {
				file = corrupt
			}
			_, err := s.ImportCatalogFile(c, tc.by, file)
			require.Error(t, err)
			if tc.msg != "" {
				assert.Contains(t, Message(err), tc.msg)
			}
			assert.Equal(t, before, dumpDB(t, s.db), "nothing changed")
		})
	}

	// A clerk cannot export; a cancelled export leaves no file.
	assert.Error(t, s.ExportCatalogFile(ctx, clerk, filepath.Join(dir, "c.json")))
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	other := filepath.Join(dir, "cancelled.json")
	assert.Error(t, s.ExportCatalogFile(cancelled, admin, other))
	assert.NoFileExists(t, other)
	left, err := filepath.Glob(filepath.Join(dir, ".bianmin-export-*"))
	require.NoError(t, err)
	assert.Empty(t, left)
}
