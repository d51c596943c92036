package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data/datatest"
)

// bianmin copy: a data file to a fresh store (PostgreSQL when
// BIANMIN_TEST_PG is set) and back to a new data file gives the same
// catalog export and the same row counts; a second copy into the same
// destination is refused, politely, in Chinese and English.
func TestCopyCommand(t *testing.T) {
	dir := t.TempDir()
	src, back := filepath.Join(dir, "room.db"), filepath.Join(dir, "back.db")
	mid := datatest.DSN(t)
	code, _, errs := run(t, "synth", "requests", "-n", "40", "--data", src)
	require.Equal(t, 0, code, errs)

	code, out, errs := run(t, "copy", "--data", src, "--to", mid)
	require.Equal(t, 0, code, errs)
	assert.Contains(t, out, "已复制 copied")
	assert.Regexp(t, `requests\s+40\n`, out)

	code, out2, errs := run(t, "copy", "--data", mid, "--to", back)
	require.Equal(t, 0, code, errs)
	assert.Regexp(t, `requests\s+40\n`, out2)
	_, err := os.Stat(MarkerFile(back))
	assert.NoError(t, err, "the new data file is marked as a kiosk's")

	var exports []string
	for i, from := range []string{src, mid, back} {
		file := filepath.Join(dir, fmt.Sprintf("export%d.json", i))
		code, _, errs = run(t, "catalog", "export", file, "--data", from)
		require.Equal(t, 0, code, errs)
		b, err := os.ReadFile(file)
		require.NoError(t, err)
		exports = append(exports, string(b))
	}
	assert.Equal(t, exports[0], exports[1], "catalog export of the copy")
	assert.Equal(t, exports[0], exports[2], "catalog export of the copy of the copy")

	code, _, errs = run(t, "copy", "--data", src, "--to", back)
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "目标数据库里已经有数据")
	assert.Contains(t, errs, "The destination already holds data")

	code, _, errs = run(t, "copy", "--data", filepath.Join(dir, "none.db"), "--to", filepath.Join(dir, "new.db"))
	assert.Equal(t, 1, code)
	assert.Contains(t, errs, "没有找到要复制的数据文件")
	_, err = os.Stat(filepath.Join(dir, "new.db"))
	assert.ErrorIs(t, err, os.ErrNotExist, "no destination made for nothing")

	code, _, _ = run(t, "copy", "--data", src)
	assert.Equal(t, 2, code, "--to is required")
}

func TestRedactDSN(t *testing.T) {
	assert.NotContains(t, redactDSN("postgres://bianmin:s3cret@10.0.0.5:5432/bianmin"), "s3cret")
	assert.Contains(t, redactDSN("postgres://bianmin:s3cret@10.0.0.5:5432/bianmin"), "@10.0.0.5:5432/bianmin")
	assert.NotContains(t, redactDSN("postgres://bianmin@10.0.0.5/bianmin?password=s3cret&sslmode=disable"), "s3cret")
	assert.Equal(t, "/var/lib/bianmin/bianmin.db", redactDSN("/var/lib/bianmin/bianmin.db"))
}
