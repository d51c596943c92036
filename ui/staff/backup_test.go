package staff_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/cmd/bianmin/cli"
	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/staff"
)

// rebuild puts a new desk with opts on the rig's store and window and signs
// the administrator in at the section.
func (r *rig) rebuild(t *testing.T, section string, opts staff.Options) {
	t.Helper()
	opts.Context, opts.Now, opts.Run, opts.After = context.Background(), func() time.Time { return r.now },
		func(f func()) { f() }, r.timers.After
	r.d = staff.New(r.s, r.w, opts)
	r.w.SetContent(r.d.Content())
	r.d.Open()
	r.login(t, "张建华", adminPIN)
	test.Tap(r.d.AdminButton)
	r.d.Admin.Show(section)
}

func TestBackupWithProgress(t *testing.T) {
	r := newRig(t, true)
	dir := t.TempDir()
	_, err := r.s.BackupDaily(context.Background(), dir, 7)
	require.NoError(t, err)
	r.rebuild(t, staff.SectionBackup, staff.Options{BackupDir: dir})
	b := r.d.Admin.Backup
	require.NotNil(t, b)
	require.Len(t, b.Daily, 1, "today's daily backup is listed")
	// A SQLite file, or a hall's pg_dump archive.
	suffix := r.s.BackupSuffix()
	assert.Equal(t, "bianmin-20260305"+suffix, filepath.Base(b.Daily[0]))
	assert.Equal(t, "本机未启用从工作人员模式恢复数据。", b.Info.Text)

	assert.False(t, b.Progress.Visible(), "no bar before a backup runs")
	dest := filepath.Join(dir, "manual"+suffix)
	b.Dest.SetText(dest)
	var steps int
	b.OnProgress = func(done, total int) {
		steps++
		assert.InDelta(t, float64(done)/float64(total), b.Progress.Value, 1e-9)
	}
	test.Tap(b.BackupB)
	assert.Positive(t, steps)
	assert.True(t, b.Progress.Visible())
	assert.Equal(t, 1.0, b.Progress.Value)
	assert.Contains(t, b.Status.Text, "备份完成")
	info, err := data.CheckBackup(context.Background(), dest)
	require.NoError(t, err)
	assert.Positive(t, info.Requests)
	page, err := r.s.Audit(context.Background(), data.AuditFilter{Action: data.AuditDataBackup})
	require.NoError(t, err)
	assert.Len(t, page.Entries, 2, "the daily and the manual backup")
}

func TestBackupCancelLeavesNoFile(t *testing.T) {
	r := newRig(t, true)
	// Enough data for several steps of the online backup (1 MiB each); on
	// PostgreSQL the dump reports a step per table, so a few will do.
	n := 4000
	if r.s.Engine() == data.Postgres {
		n = 20
	}
	_, err := r.s.AddSynthRequests(context.Background(), n, 11)
	require.NoError(t, err)
	dir := t.TempDir()
	r.rebuild(t, staff.SectionBackup, staff.Options{BackupDir: dir})
	b := r.d.Admin.Backup
	dest := filepath.Join(dir, "cancelled.db")
	b.Dest.SetText(dest)
	b.OnProgress = func(done, total int) {
		require.Less(t, done, total, "the data takes more than one step")
		test.Tap(b.CancelB)
	}
	test.Tap(b.BackupB)
	assert.Equal(t, "备份已取消，未留下任何文件。", b.Status.Text)
	assert.False(t, b.Busy())
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "nothing left behind, not even a temporary file")
}

// A restore from the backup screen through the hook as main wires it
// (cli.Restore): a file that is not a good backup, or a backup of the
// other engine, is refused at the check; a good one restores the data it
// holds, keeps what it replaced and is recorded.
func TestBackupRestoreThroughHook(t *testing.T) {
	r := newRig(t, true)
	ctx := context.Background()
	dir := t.TempDir()
	suffix := r.s.BackupSuffix() // .db, or .dump for a hall's database
	src := filepath.Join(dir, "before"+suffix)
	admin, err := r.s.LoginID(ctx, r.ids["张建华"], adminPIN)
	require.NoError(t, err)
	require.NoError(t, r.s.BackupAs(ctx, admin, src, nil))
	before, err := data.CheckBackup(ctx, src)
	require.NoError(t, err)
	_, err = r.s.AddSynthRequests(ctx, 20, 12) // data the restore will take away
	require.NoError(t, err)

	// The hook as main wires it: check, close, restore, reopen, record.
	var reopened *data.Store
	restore := func(ctx context.Context, by data.Session, src string) (data.RestoreResult, error) {
		s, res, err := cli.Restore(ctx, r.s, by, src)
		if s != nil {
			reopened = s
			t.Cleanup(func() { s.Close() })
		}
		return res, err
	}
	restarted := 0
	r.rebuild(t, staff.SectionBackup, staff.Options{BackupDir: dir, Restore: restore,
		AfterRestore: func() { restarted++ }})
	b := r.d.Admin.Backup

	// A file that is not a backup is refused at the check. A hall's
	// PostgreSQL backup is refused on a room's data file, and a room's
	// backup on a hall's database, before any tool is needed to read it.
	junk := []byte("not a database")
	junkSays := "未通过检查：该文件不是便民服务室的数据备份，或已经损坏，不能用于恢复。"
	other, otherName, otherSays := []byte("PGDMP\x01\x0e\x00 a hall's archive"), "hall.dump", "是 PostgreSQL 数据库的备份"
	if r.s.Engine() == data.Postgres {
		junk = []byte("PGDMP\x01\x0e\x00 a damaged archive")
		junkSays = "未通过检查：备份文件已损坏（pg_restore 读不出其中的数据），不能用于恢复。请换一份备份。"
		other, otherName, otherSays = []byte("SQLite format 3\x00 a room's file"), "room.db", "不是 PostgreSQL 数据库的备份"
	}
	junkFile := filepath.Join(dir, "junk"+suffix)
	require.NoError(t, os.WriteFile(junkFile, junk, 0o600))
	b.Source.SetText(junkFile)
	test.Tap(b.CheckB)
	// Said once, in red: not "不能用于恢复" twice over.
	assert.Equal(t, junkSays, b.Info.Text)
	assert.Equal(t, 1, strings.Count(b.Info.Text, "不能用于恢复"))
	assert.Equal(t, widget.DangerImportance, b.Info.Importance)
	assert.True(t, b.RestoreB.Disabled())

	otherFile := filepath.Join(dir, otherName)
	require.NoError(t, os.WriteFile(otherFile, other, 0o600))
	b.Source.SetText(otherFile)
	test.Tap(b.CheckB)
	assert.Contains(t, b.Info.Text, otherSays)
	assert.Contains(t, b.Info.Text, "bianmin copy")
	assert.True(t, b.RestoreB.Disabled())

	b.Source.SetText(src)
	test.Tap(b.CheckB)
	assert.Contains(t, b.Info.Text, "办件 "+itoa(before.Requests)+" 件")
	assert.Equal(t, widget.MediumImportance, b.Info.Importance, "a good backup's facts are not in red")
	require.False(t, b.RestoreB.Disabled())
	test.Tap(b.RestoreB)
	require.NotNil(t, b.Confirm)
	b.ConfirmRestore()
	require.NotNil(t, reopened)
	assert.Contains(t, b.Info.Text, "恢复完成")
	assert.Contains(t, b.Info.Text, "before-restore")
	// The outcome is shown; once it is read, main starts over on the
	// reopened store.
	top := r.w.Canvas().Overlays().Top()
	require.NotNil(t, top)
	ok := firstButton(top)
	require.NotNil(t, ok)
	assert.Zero(t, restarted)
	test.Tap(ok)
	assert.Equal(t, 1, restarted)
	page, err := reopened.Audit(ctx, data.AuditFilter{Action: data.AuditDataRestore})
	require.NoError(t, err)
	assert.Len(t, page.Entries, 1)
	assert.Equal(t, before.Requests, datatest.Requests(t, reopened), "the requests of the backup, no more")
}

// firstButton is the first button in o's tree.
func firstButton(o fyne.CanvasObject) *widget.Button {
	switch x := o.(type) {
	case *widget.Button:
		return x
	case *fyne.Container:
		for _, c := range x.Objects {
			if b := firstButton(c); b != nil {
				return b
			}
		}
	case fyne.Widget:
		r := test.WidgetRenderer(x)
		for _, c := range r.Objects() {
			if b := firstButton(c); b != nil {
				return b
			}
		}
	}
	return nil
}

// The daily backups are listed with what their records say: good or
// damaged with the problem, when checked, the size, the newest good one
// marked, and a day whose backup failed; a damaged one cannot be chosen.
func TestBackupDailyListShowsRecordedState(t *testing.T) {
	r := newRig(t, true)
	dir := t.TempDir()
	ctx := context.Background()
	suffix := r.s.BackupSuffix() // .db, or .dump for a hall's database
	for day := 2; day >= 0; day-- {
		r.now = fixedNow.AddDate(0, 0, -day)
		_, err := r.s.BackupDaily(ctx, dir, 7)
		require.NoError(t, err)
	}
	r.now = fixedNow
	// Today's copy is damaged afterwards (a failing disk): the search for
	// a good backup records it bad and the day before good.
	newest := filepath.Join(dir, "bianmin-20260305"+suffix)
	b, err := os.ReadFile(newest)
	require.NoError(t, err)
	for at := 4096; at+8 <= len(b); at += 4096 {
		copy(b[at:], []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	}
	require.NoError(t, os.WriteFile(newest, b, 0o600))
	good, err := data.NewestGoodBackup(ctx, dir)
	require.NoError(t, err)
	assert.Equal(t, "bianmin-20260304"+suffix, filepath.Base(good.Path))
	// An earlier day whose backup failed, as the records keep it.
	recsFile := filepath.Join(dir, data.BackupRecordsFile)
	raw, err := os.ReadFile(recsFile)
	require.NoError(t, err)
	var list []data.BackupRecord
	require.NoError(t, json.Unmarshal(raw, &list))
	list = append(list, data.BackupRecord{Name: "bianmin-20260301" + suffix, Checked: fixedNow.AddDate(0, 0, -4),
		Check: "quick_check", Problem: "磁盘空间不足。"})
	raw, err = json.Marshal(list)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(recsFile, raw, 0o600))

	r.rebuild(t, staff.SectionBackup, staff.Options{BackupDir: dir})
	rows := r.d.Admin.Backup.DailyRows
	require.Len(t, rows, 4)
	var names []string
	for _, row := range rows {
		names = append(names, filepath.Base(row.Path))
	}
	assert.Equal(t, []string{"bianmin-20260305" + suffix, "bianmin-20260304" + suffix, "bianmin-20260303" + suffix,
		"bianmin-20260301" + suffix}, names, "newest first, the failed day among them")

	checked := regexp.MustCompile(`（\d{4}-\d{2}-\d{2} \d{2}:\d{2} 检查）`)
	assert.Regexp(t, `有问题（.*）：备份文件已损坏`, rows[0].Text, "the problem in Chinese")
	assert.Regexp(t, checked, rows[0].Text)
	assert.False(t, rows[0].NewestGood)
	assert.True(t, rows[0].Use.Disabled(), "a damaged backup is not offered for a restore")

	assert.Contains(t, rows[1].Text, "完好")
	assert.Regexp(t, checked, rows[1].Text)
	assert.Regexp(t, `\d+ KB`, rows[1].Text, "its size")
	assert.True(t, rows[1].NewestGood)
	assert.Contains(t, rows[1].Text, "最新的完好备份")
	assert.False(t, rows[1].Use.Disabled())

	assert.Contains(t, rows[2].Text, "完好（2026-03-03 09:30 检查）", "checked when written, China time")
	assert.NotContains(t, rows[2].Text, "最新的完好备份")

	assert.True(t, rows[3].Failed)
	assert.Equal(t, "bianmin-20260301"+suffix+"    未能完成：磁盘空间不足。（2026-03-01 09:30），没有留下文件", rows[3].Text)
	assert.Nil(t, rows[3].Use)

	test.Tap(rows[1].Use)
	assert.Equal(t, rows[1].Path, r.d.Admin.Backup.Source.Text)
}
