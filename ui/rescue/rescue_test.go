package rescue_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/rescue"
	bmtheme "bianmin/ui/theme"
)

const adminPIN = "604917"

// backups makes a data file with an administrator (PIN adminPIN) and five
// requests, and a backup folder holding its backup of 1 December and a
// newer one of 2 December that is damaged (zeroed).
func backups(t *testing.T) (dir, good string, admin data.Session) {
	t.Helper()
	ctx := context.Background()
	root := t.TempDir()
	s, err := data.Open(ctx, filepath.Join(root, "bianmin.db"))
	require.NoError(t, err)
	defer s.Close()
	_, err = s.PutCatalog(ctx, &data.Catalog{
		Format:  data.CatalogFormat,
		Center:  data.Center{Name: "测试社区便民服务室", ReceiptPrefix: "TS", Phone: "0919-0000001"},
		Windows: []data.Window{{Code: "1", Name: "综合窗口"}},
		Staff: []data.Staff{{Code: "s1", Name: "王芳", Post: "主任", Duties: "综合", Window: "1", AB: "A",
			Role: data.RoleAdmin, Active: true}},
	})
	require.NoError(t, err)
	choices, err := s.LoginChoices(ctx)
	require.NoError(t, err)
	admin, err = s.SetupFirstAdmin(ctx, choices[0].StaffID, adminPIN)
	require.NoError(t, err)
	_, err = s.AddSynthItems(ctx, 2, 1)
	require.NoError(t, err)
	_, err = s.AddSynthRequests(ctx, 5, 1)
	require.NoError(t, err)
	dir = filepath.Join(root, "backups")
	require.NoError(t, os.MkdirAll(dir, 0o700))
	good = filepath.Join(dir, "bianmin-20261201.db")
	require.NoError(t, s.Backup(ctx, good, nil))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bianmin-20261202.db"), make([]byte, 16384), 0o600))
	return dir, good, admin
}

func newApp(t *testing.T) fyne.Window {
	t.Helper()
	app := test.NewTempApp(t)
	require.NoError(t, locale.Use(locale.Chinese))
	app.Settings().SetTheme(bmtheme.New(false))
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	return w
}

// The offer names the newest backup that passes its check (a newer damaged
// one is skipped and said), and restores it only after an administrator's
// PIN as the backup records it; wrong PINs make a guesser wait.
func TestOfferRestoresTheNewestGoodBackupAfterTheAdminPIN(t *testing.T) {
	w := newApp(t)
	dir, good, admin := backups(t)
	now := time.Date(2026, 12, 7, 9, 0, 0, 0, data.China)
	var restored []string
	var by data.Session
	done := 0
	o := rescue.NewOffer(rescue.Config{
		Win: w, Dir: dir, Run: func(f func()) { f() }, Now: func() time.Time { return now },
		Restore: func(_ context.Context, s data.Session, path string) (data.RestoreResult, error) {
			restored = append(restored, path)
			by = s
			return data.RestoreResult{Backup: data.BackupInfo{Path: path, Requests: 5}, Kept: "/x/bianmin.db.damaged-1"}, nil
		},
		Done: func(data.RestoreResult) { done++ },
	})
	w.SetContent(o.Content())
	o.Load()
	require.Equal(t, good, o.Backup.Path)
	assert.Contains(t, o.Info.Text, "bianmin-20261201.db")
	assert.Contains(t, o.Info.Text, "含 5 件办件")
	assert.Contains(t, o.Info.Text, "更新的 1 份备份未通过检查")
	require.True(t, o.RestoreButton.Visible())

	test.Tap(o.RestoreButton)
	require.NotNil(t, o.PIN)
	for i := 0; i < rescue.FreeTries; i++ {
		test.Type(o.PIN, "111111")
		test.Tap(o.Confirm)
		assert.Contains(t, o.Message.Text, "管理员密码不正确")
	}
	test.Type(o.PIN, adminPIN)
	test.Tap(o.Confirm)
	assert.Contains(t, o.Message.Text, "秒后再试", "after three wrong PINs even the right one waits")
	assert.Empty(t, restored)

	now = now.Add(rescue.FirstWait)
	test.Type(o.PIN, adminPIN)
	test.Tap(o.Confirm)
	require.Equal(t, []string{good}, restored)
	assert.Equal(t, admin.StaffID, by.StaffID)
	assert.Equal(t, data.RoleAdmin, by.Role)
	require.NotNil(t, o.Outcome, "the outcome is shown")
	assert.Zero(t, done, "the program goes on once the outcome was read")
	assert.Contains(t, markupText(w), "/x/bianmin.db.damaged-1")
	o.Outcome.Hide()
	assert.Equal(t, 1, done)
}

// With no backup that passes its check, the offer says so and offers
// nothing.
func TestOfferWithoutAGoodBackup(t *testing.T) {
	w := newApp(t)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bianmin-20261202.db"), []byte("not a backup"), 0o600))
	o := rescue.NewOffer(rescue.Config{Win: w, Dir: dir, Run: func(f func()) { f() },
		Restore: func(context.Context, data.Session, string) (data.RestoreResult, error) {
			return data.RestoreResult{}, nil
		}})
	w.SetContent(o.Content())
	o.Load()
	assert.Empty(t, o.Backup.Path)
	assert.False(t, o.RestoreButton.Visible())
	assert.Contains(t, o.Info.Text, "1 份备份都未通过检查")
}

type gone struct{ empty bool }

func (g gone) Error() string   { return "gone" }
func (g gone) GoneEmpty() bool { return g.empty }

// Each storage failure at start has its own words in Chinese and English;
// a busy file is retried by itself; a damaged or lost file is offered the
// newest good backup; a file that can be fixed where it is is not.
func TestStartScreenForEachFailure(t *testing.T) {
	w := newApp(t)
	dir, good, _ := backups(t)
	cases := map[string]struct {
		err     error
		want    string
		restore bool
	}{
		"busy":      {data.ErrBusy, "另一个程序正占用数据文件", false},
		"full":      {data.ErrFull, "存储空间已满", false},
		"read-only": {data.ErrReadOnly, "只读", false},
		"corrupt":   {data.ErrCorrupt, "数据文件已损坏", true},
		"io":        {data.ErrIO, "读写数据文件时出错", true},
		"cantopen":  {data.ErrCantOpen, "无法打开数据文件", false},
		"missing":   {gone{}, "现在却不见了", true},
		"empty":     {gone{empty: true}, "变成了空文件", true},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			var timers []func()
			s := rescue.NewStart(rescue.StartConfig{
				Offer: rescue.Config{Win: w, Dir: dir, Run: func(f func()) { f() },
					Restore: func(context.Context, data.Session, string) (data.RestoreResult, error) {
						return data.RestoreResult{}, nil
					}},
				Path: "/data/bianmin.db", Marker: "/data/.bianmin.db.created",
				Retry: func(context.Context) error { return c.err },
				After: func(_ time.Duration, f func()) func() { timers = append(timers, f); return func() {} },
			}, "", c.err)
			w.SetContent(s.Content())
			assert.Contains(t, s.Message.Text, c.want)
			assert.True(t, s.MessageEn.Visible(), "the English under the Chinese")
			assert.NotEqual(t, s.Message.Text, s.MessageEn.Text)
			assert.Contains(t, s.Heading.Text, "系统维护中", "residents read the calm message")
			assert.Equal(t, c.restore, s.Offer.RestoreButton.Visible())
			if c.restore {
				assert.Equal(t, good, s.Offer.Backup.Path)
			}
			if name == "busy" {
				require.Len(t, timers, 1, "a busy file is retried by itself")
				timers[0]()
				assert.Contains(t, s.AutoLabel.Text, "已试 1 次")
				assert.Len(t, timers, 2, "and again while still busy")
				s.Stop()
				return
			}
			assert.Empty(t, timers)
			assert.False(t, s.Staff.Visible(), "the details wait behind 工作人员处理")
			test.Tap(s.StaffButton)
			require.Len(t, timers, 1, "the staff's part goes back by itself")
			timers[0]()
			assert.False(t, s.Staff.Visible(), "the lobby sees the calm message again")
			test.Tap(s.StaffButton)
			assert.True(t, s.Staff.Visible())
			assert.False(t, s.Maintenance.Content().Visible(), "the staff's part in place of the resident's")
			assert.Equal(t, name == "missing" || name == "empty", s.StartAnew.Visible())
			test.Tap(s.BackButton)
			assert.False(t, s.Staff.Visible())
		})
	}
}

// 重试 shows the new trouble when the file's state changed (here: the
// disk was made writable but the file is now damaged), and nothing more
// once it opens (main replaces the screen).
func TestStartRetry(t *testing.T) {
	w := newApp(t)
	next := error(errors.Join(errors.New("x"), data.ErrCorrupt))
	s := rescue.NewStart(rescue.StartConfig{
		Offer: rescue.Config{Win: w, Dir: t.TempDir(), Run: func(f func()) { f() }},
		Retry: func(context.Context) error { return next },
	}, "", data.ErrReadOnly)
	w.SetContent(s.Content())
	assert.Equal(t, rescue.ReadOnly, s.Trouble)
	test.Tap(s.StaffButton)
	test.Tap(s.RetryButton)
	assert.Equal(t, rescue.Corrupt, s.Trouble)
	assert.Contains(t, s.Message.Text, "数据文件已损坏")
	next = nil
	test.Tap(s.RetryButton)
	assert.Equal(t, rescue.Corrupt, s.Trouble, "opened: the screen is left to main")
}

func markupText(w fyne.Window) string {
	m := test.RenderToMarkup(w.Canvas())
	var b strings.Builder
	for _, part := range strings.Split(m, "<text") {
		if i := strings.Index(part, ">"); i >= 0 {
			if j := strings.Index(part[i:], "</text>"); j >= 0 {
				b.WriteString(part[i+1 : i+j])
			}
		}
	}
	return b.String()
}
