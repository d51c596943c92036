package cli

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
)

// `bianmin serve --backup-dir` makes the day's backup once the day's
// check found the store sound, recorded as the kiosk's are, and stops
// cleanly.
func TestServeMakesDailyBackups(t *testing.T) {
	path, rc := servedData(t)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- Main(ctx, []string{"serve", "--data", path, "--listen", "127.0.0.1:0", "--backup-dir", dir,
			"--backup-keep", "3"}, Seed{}, nil, pw, io.Discard)
		pw.Close()
	}()
	servedAt(t, pr)

	var files []string
	for deadline := time.Now().Add(serveWait); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		var err error
		files, err = data.DailyBackups(dir)
		require.NoError(t, err)
		if len(files) > 0 {
			break
		}
	}
	require.Len(t, files, 1, "today's backup")
	suffix := data.BackupSuffix // a copy of the data file
	if strings.HasPrefix(path, "postgres://") {
		suffix = data.DumpSuffix // pg_dump's of the hall's database
	}
	assert.Equal(t, data.BackupPrefix+time.Now().In(data.China).Format("20060102")+suffix, filepath.Base(files[0]))
	info, err := data.CheckBackup(context.Background(), files[0])
	require.NoError(t, err)
	assert.Equal(t, 1, info.Requests)
	recs, err := data.BackupRecords(dir)
	require.NoError(t, err)
	assert.True(t, recs[filepath.Base(files[0])].Good)
	_ = rc

	cancel()
	select {
	case c := <-code:
		assert.Equal(t, 0, c)
	case <-time.After(serveWait):
		t.Fatal("serve did not stop when its context ended")
	}
}

func TestServeBackupKeepUsage(t *testing.T) {
	err := serveCmd(context.Background(), []string{"--backup-keep", "0"}, io.Discard)
	require.ErrorIs(t, err, errUsage)
}
