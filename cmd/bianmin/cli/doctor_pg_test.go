package cli

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
)

// A hall's database server that cannot be reached fails the data check
// with what to look at, and never shows the password.
func TestDoctorPostgresUnreachable(t *testing.T) {
	m := healthy()
	dsn := "postgres://bianmin:s3cret@127.0.0.1:1/bianmin?sslmode=disable&connect_timeout=2"
	o := DoctorOptions{Options: Options{DataFile: dsn, BackupDir: DefaultBackupDir(dsn), Listen: ":8080"}}
	assert.Empty(t, o.BackupDir, "no default backup folder for a shared database")
	r := NewDoctor(o, m.env()).Run(context.Background())
	assert.Equal(t, Fail, statusOf(t, r, "data"), text(r, "data"))
	assert.Contains(t, text(r, "data"), "连不上数据库服务器 127.0.0.1:1/bianmin")
	assert.Contains(t, text(r, "data"), "pg_hba.conf")
	for _, f := range r.Findings {
		assert.NotContains(t, f.Zh+f.En, "s3cret")
	}
}

// On a reachable PostgreSQL store the doctor reports the server's version,
// the schema's, the backup tools and the last good backup.
func TestDoctorPostgres(t *testing.T) {
	datatest.UsePostgres(t)
	ctx := context.Background()
	m := healthy()
	dsn := datatest.DSN(t)
	o := DoctorOptions{Options: Options{DataFile: dsn, Listen: ":8080"}}

	// No pg_dump, no backup folder.
	r := NewDoctor(o, m.env()).Run(ctx)
	assert.Equal(t, OK, statusOf(t, r, "data"), text(r, "data"))
	assert.Contains(t, text(r, "data"), "PostgreSQL 15")
	assert.Contains(t, text(r, "data"), "（最新）")
	assert.Equal(t, Warn, statusOf(t, r, "backup"), text(r, "backup"))
	assert.Contains(t, text(r, "backup"), "sudo apt install postgresql-client-15")
	assert.Contains(t, text(r, "backup"), "没有设置 --backup-dir")
	assert.Equal(t, Note, statusOf(t, r, "disk"))

	// An older pg_dump than the server.
	m.cmds["pg_dump --version"] = cmdResult{out: "pg_dump (PostgreSQL) 13.16\n"}
	r = NewDoctor(o, m.env()).Run(ctx)
	assert.Contains(t, text(r, "backup"), "比数据库服务器（15）旧")

	// The right pg_dump, and a backup folder with a good daily dump.
	m.cmds["pg_dump --version"] = cmdResult{out: "pg_dump (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)\n"}
	o.BackupDir = t.TempDir()
	s, err := data.Open(ctx, dsn, data.WithClock(func() time.Time { return m.now.Add(-2 * time.Hour) }))
	require.NoError(t, err)
	_, err = s.BackupDaily(ctx, o.BackupDir, DefaultBackupKeep)
	require.NoError(t, err)
	require.NoError(t, s.Close())
	r = NewDoctor(o, m.env()).Run(ctx)
	assert.Equal(t, OK, statusOf(t, r, "backup"), text(r, "backup"))
	assert.Contains(t, text(r, "backup"), "pg_dump 15.18 已安装")
	assert.Contains(t, text(r, "backup"), ".dump")
	assert.Equal(t, OK, statusOf(t, r, "disk"), text(r, "disk"))
}
