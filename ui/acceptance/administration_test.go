package acceptance_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/kiosk"
	"bianmin/ui/staff"
)

// Running the room, end to end: an administrator can run the room from staff mode —
// rota, complaints, content, reports, backups — and the kiosk reflects who
// is on duty and what is published.

// mon1221 is Monday 21 December 2026, 09:30: after every publication of
// the sample catalog, no holiday near.
var mon1221 = time.Date(2026, 12, 21, 9, 30, 0, 0, data.China)

// ylResident answers 养老保险参保登记 at the kiosk, every material brought.
func ylResident(name []string, seq int) resident {
	return resident{Name: name, Phone: "13900139" + strings.Repeat("0", 3-len(itoa(seq))) + itoa(seq),
		ID:      validID("19650712", seq),
		Fields:  map[string]string{"contribution_tier": "200元/年", "birth_date": "1965-07-12", "special_group": "否"},
		Brought: []string{"居民身份证", "户口簿", "城乡居民基本养老保险参保登记表"}}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

// openDisclosure goes home → 政务公开 at the kiosk.
func (r *rig) openDisclosure(t *testing.T) *kiosk.Disclosure {
	t.Helper()
	r.showKiosk()
	test.Tap(r.k.Home.Tiles[kiosk.FeatureDisclosure])
	return at[*kiosk.Disclosure](t, r)
}

// signIn signs name in for the day by the desk's 签到 button.
func (r *rig) signIn(t *testing.T, name string) {
	t.Helper()
	r.login(t, name)
	u := r.d.Duty
	require.NotNil(t, u)
	require.False(t, u.SignedIn())
	test.Tap(u.SignButton)
	require.True(t, u.SignedIn())
}

// TestAdministratorRunsTheRoom: one morning of an administrator in
// staff mode, each step checked on the kiosk; at the end a backup and the
// month's report count what happened.
func TestAdministratorRunsTheRoom(t *testing.T) {
	r := newRig(t, mon1221)
	win1 := r.windowID(t, "1")

	// Before anything changes, a resident registers 养老保险参保登记 under
	// the guide in force (3 working days, the old material name).
	early := ylResident([]string{"zhou", "周", "gui", "桂", "fang", "芳"}, 51)
	before := r.kioskRegister(t, "YL", early)

	t.Run("LeaveRoutesWindowToB", func(t *testing.T) {
		r.now = mon1221.Add(5 * time.Minute)
		r.signIn(t, "王丽娟") // window 1, A
		r.signIn(t, "赵磊")  // window 1, B
		route, err := r.s.RouteWindow(ctx, win1)
		require.NoError(t, err)
		require.Equal(t, r.ids["王丽娟"], route.StaffID, "A signed in: A")

		// The administrator puts A on leave in 机构与人员 → 在岗情况.
		a := r.admin(t, staff.SectionOrg)
		o := a.Org
		require.NotNil(t, o)
		o.Show(staff.OrgPartBoard)
		b := o.Board
		require.NotNil(t, b)
		b.Reload()
		i := slices.IndexFunc(b.Rows, func(x *staff.OrgDutyRow) bool { return x.Entry.Name == "王丽娟" })
		require.GreaterOrEqual(t, i, 0)
		test.Tap(b.Rows[i].Set)
		require.NotNil(t, b.Fields)
		b.Fields.ChooseStatus(data.DutyLeave)
		b.Fields.Note.SetText("家中老人住院")
		b.Fields.Return.SetText("2026-12-23")
		test.Tap(b.Form.Submit)
		require.False(t, b.Form.Open(), b.Form.Error.Text)

		// The kiosk's 今日在岗 shows B at window 1, the leave's reason never.
		d := r.openDisclosure(t)
		require.NotNil(t, d.DutyTile)
		test.Tap(d.DutyTile)
		duty := at[*kiosk.Duty](t, r)
		var w1 *kiosk.DutyWindowCard
		for _, w := range duty.Windows {
			if w.Duty.Code == "1" {
				w1 = w
			}
		}
		require.NotNil(t, w1)
		assert.Equal(t, "赵磊", w1.Person.Text, "B covers window 1")
		assert.Equal(t, "A岗王丽娟请假，由B岗赵磊顶岗", w1.Reason.Text)
		shown := drawn(r.w)
		assert.Contains(t, shown, "A岗王丽娟请假，由B岗赵磊顶岗")
		assert.NotContains(t, shown, "家中老人住院", "a leave's reason is private")

		// New requests for window 1 route to B.
		route, err = r.s.RouteWindow(ctx, win1)
		require.NoError(t, err)
		assert.Equal(t, r.ids["赵磊"], route.StaffID)
		assert.True(t, route.Covering)
		p := ylResident([]string{"he", "何", "jian", "建", "ping", "平"}, 52)
		rc := r.kioskRegister(t, "YL", p)
		req := r.openRequest(t, rc.RequestID, data.QueueNew)
		act(t, req, data.ActHandOver, func(f *staff.HandOverForm) {
			f.ToWindow.SetSelected("社会保障窗口")
			f.Note.SetText("社保窗口业务")
		})
		det := r.detail(t, rc.RequestID)
		assert.Equal(t, r.ids["赵磊"], det.OwnerID, "handed to window 1: its B post takes it")
		r.login(t, "赵磊")
		r.d.Queue.Mine.SetChecked(true)
		r.d.Queue.SetGroup(data.QueueNew)
		assert.True(t, slices.ContainsFunc(r.d.Queue.Rows, func(v *staff.QueueRowView) bool {
			return v.Row.ID == rc.RequestID
		}), "B sees it under 我的")
	})

	t.Run("PreDisclosureThenPublish", func(t *testing.T) {
		r.now = mon1221.Add(30 * time.Minute)
		a := r.admin(t, staff.SectionDisclosures)
		s := a.Disclosures
		require.NotNil(t, s)
		require.NotNil(t, s.Row("FWCN"))
		test.Tap(s.Row("FWCN"))
		v := s.Item
		require.NotNil(t, v)
		oldTitle, oldBody := v.Fields.Title.Text, v.Fields.Body.Text
		require.NotEmpty(t, oldBody)
		const newTitle = "服务承诺（2027年修订）"
		const newLine = "七、每月最后一个星期六上午开放半天，办理群众急需事项。"
		v.Fields.Title.SetText(newTitle)
		v.Fields.Body.SetText(oldBody + "\n" + newLine)
		test.Tap(v.Save)
		assert.Contains(t, v.Message.Text, "第2版草稿已保存")

		require.NotNil(t, v.Preview)
		test.Tap(v.Preview)
		v.PreviewEnd.SetText("2026-12-31")
		test.Tap(v.Form.Submit)
		require.False(t, v.Form.Open(), v.Form.Error.Text)

		// The kiosk's 征求意见 shows the draft; a resident comments by touch.
		d := r.openDisclosure(t)
		require.NotNil(t, d.PreviewTile)
		test.Tap(d.PreviewTile)
		list := at[*kiosk.Previews](t, r)
		i := slices.IndexFunc(list.Rows, func(x *kiosk.Tile) bool { return x.Title == newTitle })
		require.GreaterOrEqual(t, i, 0, "the draft is on the kiosk")
		test.Tap(list.Rows[i])
		pv := at[*kiosk.PreviewView](t, r)
		assert.Contains(t, drawn(r.w), newLine)
		test.Tap(pv.Comment)
		c := at[*kiosk.PreviewComment](t, r)
		test.Tap(c.Body)
		for _, x := range [][2]string{{"jian", "建"}, {"yi", "议"}, {"zhou", "周"}, {"mo", "末"}, {"ye", "也"},
			{"kai", "开"}, {"fang", "放"}} {
			pinyin(t, c.Panel.Keyboard, x[0], x[1])
		}
		test.Tap(c.Contact)
		keys(t, c.Panel.Keypad, "13800001234")
		test.Tap(c.Submit)
		require.True(t, c.Done, c.Message.Text)

		// Staff mode lists the opinion.
		v.Reload()
		require.Len(t, v.Comments, 1)
		assert.Equal(t, "建议周末也开放", v.Comments[0].Body)

		// Publish: the kiosk shows the new text, the old stays in the archive.
		r.now = mon1221.Add(2 * time.Hour)
		test.Tap(v.Publish)
		require.NotNil(t, v.Form)
		test.Tap(v.Form.Submit)
		require.False(t, v.Form.Open(), v.Form.Error.Text)
		assert.Equal(t, 2, v.State.Current)

		d = r.openDisclosure(t)
		test.Tap(d.Tiles[data.CatRules])
		nl := at[*kiosk.NoticeList](t, r)
		i = slices.IndexFunc(nl.Notices, func(n data.Notice) bool { return n.Code == "FWCN" })
		require.GreaterOrEqual(t, i, 0)
		test.Tap(nl.Rows[i])
		nv := at[*kiosk.NoticeView](t, r)
		assert.Equal(t, newTitle, nv.TitleLabel.Text)
		assert.Contains(t, nv.Text(), newLine)
		assert.Contains(t, nv.Meta.Text, "2026年12月21日")
		assert.Contains(t, nv.Meta.Text, "第2版")
		require.NotNil(t, nv.HistoryButton)
		test.Tap(nv.HistoryButton)
		ar := at[*kiosk.Archive](t, r)
		require.Len(t, ar.Rows, 1)
		assert.Equal(t, oldTitle, ar.Rows[0].Title)
		test.Tap(ar.Rows[0])
		old := at[*kiosk.NoticeView](t, r)
		assert.Equal(t, oldBody, old.Text())
		assert.NotContains(t, old.Text(), newLine)

		// The preview is over: no more 征求意见 for it.
		previews, err := r.s.Previews(ctx)
		require.NoError(t, err)
		assert.Empty(t, previews)
	})

	t.Run("ItemEditShowsOnKioskOldRequestKeepsGuide", func(t *testing.T) {
		r.now = mon1221.Add(5*time.Hour + 10*time.Minute) // 14:40, after the lunch break
		a := r.admin(t, staff.SectionItems)
		s := a.Items
		require.NotNil(t, s)
		row := s.Row("城乡居民基本养老保险参保登记")
		require.NotNil(t, row)
		test.Tap(row.Edit)
		e := s.Editor
		require.NotNil(t, e)
		assert.Equal(t, "3", e.PromisedDays.Text)
		e.PromisedDays.SetText("5")
		require.Equal(t, "城乡居民基本养老保险参保登记表", e.Materials[2].Name.Text)
		e.Materials[2].Name.SetText("城乡居民基本养老保险参保登记表（2027年版）")
		test.Tap(e.Save)
		require.Contains(t, e.Error.Text, "已保存", e.Error.Text)

		// The kiosk's guide.
		r.showKiosk()
		test.Tap(r.k.Home.Tiles[kiosk.FeatureGuides])
		g := at[*kiosk.Guides](t, r)
		test.Type(g.Search, "养老保险参保")
		r.timers.Fire()
		i := slices.IndexFunc(g.Results.Items, func(it data.ItemSummary) bool { return it.Name == "城乡居民基本养老保险参保登记" })
		require.GreaterOrEqual(t, i, 0)
		g.Results.List.Select(i)
		dt := at[*kiosk.Detail](t, r)
		assert.Equal(t, 5, dt.Item.PromisedDays)
		shown := drawn(r.w)
		assert.Contains(t, shown, "5个工作日")
		assert.Contains(t, shown, "城乡居民基本养老保险参保登记表（2027年版）")

		// The request registered before keeps the guide it was registered
		// under: 3 working days from acceptance on Monday 21 December.
		gd, err := r.s.RequestGuide(ctx, before.RequestID)
		require.NoError(t, err)
		assert.Equal(t, 1, gd.Version)
		assert.Equal(t, 3, gd.Item.PromisedDays)
		assert.Equal(t, "城乡居民基本养老保险参保登记表", gd.Item.Materials[2].Name)
		r.login(t, "赵磊")
		req := r.openRequest(t, before.RequestID, data.QueueNew)
		act[*staff.AcceptForm](t, req, data.ActAccept, nil)
		assert.Equal(t, "2026-12-24", r.detail(t, before.RequestID).DueDay, "3 days: the old guide")
		text := r.printNotice(t, req, "promise")
		assert.Contains(t, text, "3个工作日")

		// One registered now gets 5.
		later := r.kioskRegister(t, "YL", resident{Name: []string{"lu", "陆", "ming", "明"}, Phone: "13900139053",
			ID: validID("19650712", 53), Fields: early.Fields,
			Brought: []string{"居民身份证", "户口簿", "城乡居民基本养老保险参保登记表（2027年版）"}})
		req = r.openRequest(t, later.RequestID, data.QueueNew)
		act[*staff.AcceptForm](t, req, data.ActAccept, nil)
		assert.Equal(t, "2026-12-28", r.detail(t, later.RequestID).DueDay, "5 days: the new guide")
	})

	t.Run("ComplaintSubstantiatedPublished", func(t *testing.T) {
		r.now = mon1221.Add(6 * time.Hour)
		a := r.admin(t, staff.SectionComplaints)
		list := a.Complaints
		require.NotNil(t, list)
		test.Tap(list.Enter)
		f := list.Fields()
		require.NotNil(t, f)
		f.About.SetSelected(data.AboutStaff.Label())
		for i, o := range f.Staff.Options {
			if strings.Contains(o, "王丽娟") {
				f.Staff.SetSelectedIndex(i)
			}
		}
		test.Type(f.Body, "办理社保卡补办时态度生硬，让我跑了两趟。")
		test.Type(f.Name, "黄美玲")
		test.Type(f.Phone, "13700137999")
		test.Tap(list.EnterForm.Submit)
		require.False(t, list.EnterForm.Open(), list.EnterForm.Error.Text)
		require.Len(t, list.Rows, 1)
		test.Tap(list.Rows[0])
		v := a.Complaint
		require.NotNil(t, v)

		test.Tap(v.Actions[staff.CompAssign])
		v.Fields.Handler.SetSelectedIndex(0)
		test.Tap(v.Form.Submit)
		require.False(t, v.Form.Open(), v.Form.Error.Text)
		test.Tap(v.Actions[staff.CompInvestigate])
		test.Type(v.Fields.Text, "调取窗口录像并询问当事人，确有答复不耐烦的情况。")
		test.Tap(v.Form.Submit)
		require.False(t, v.Form.Open(), v.Form.Error.Text)
		test.Tap(v.Actions[staff.CompDecide])
		v.Fields.Substantiated.SetSelected("属实")
		test.Type(v.Fields.Text, "投诉属实，已对当事人批评教育并限期整改。")
		v.Fields.Kind.SetSelected(data.AccRectify.Label())
		test.Type(v.Fields.Deadline, "2026-12-31")
		test.Tap(v.Form.Submit)
		require.False(t, v.Form.Open(), v.Form.Error.Text)
		test.Tap(v.Actions[staff.CompReply])
		assert.True(t, v.Fields.Publish.Checked)
		v.Fields.Text.SetText("经核实投诉属实，已对工作人员批评教育并限期整改，感谢您的监督。")
		test.Tap(v.Form.Submit)
		require.False(t, v.Form.Open(), v.Form.Error.Text)
		assert.True(t, v.Row.Published)

		// The accountability entry.
		entries, err := r.s.Accountability(ctx, r.ids["王丽娟"], mon1221.AddDate(0, 0, -1), mon1221.AddDate(0, 0, 1))
		require.NoError(t, err)
		require.Len(t, entries, 1, "a substantiated complaint about a person makes an accountability entry")

		// The kiosk's 投诉处理结果: the result, no complainant.
		d := r.openDisclosure(t)
		require.NotNil(t, d.ResultsTile)
		test.Tap(d.ResultsTile)
		res := at[*kiosk.Results](t, r)
		require.Len(t, res.Cards, 1)
		assert.Equal(t, "投诉属实，已对当事人批评教育并限期整改。", res.Cards[0].Result.Text)
		assert.Equal(t, "经核实投诉属实，已对工作人员批评教育并限期整改，感谢您的监督。", res.Cards[0].Reply.Text)
		shown := drawn(r.w)
		for _, secret := range []string{"黄美玲", "13700137999", "态度生硬"} {
			assert.NotContains(t, shown, secret, "no identity and not the complaint's own words")
		}
	})

	t.Run("BackupAndReportCountIt", func(t *testing.T) {
		r.now = mon1221.Add(7 * time.Hour)
		a := r.admin(t, staff.SectionBackup)
		b := a.Backup
		require.NotNil(t, b)
		// A copy of the data file (SQLite), or pg_dump's of the schema
		// (PostgreSQL): the same screen, the same check.
		dest := filepath.Join(t.TempDir(), "bianmin-manual"+r.s.BackupSuffix())
		b.Dest.SetText(dest)
		test.Tap(b.BackupB)
		require.Eventually(t, func() bool { return strings.Contains(b.Status.Text, "备份完成") }, 30*time.Second, 20*time.Millisecond,
			"the backup ends: %s", b.Status.Text)
		info, err := data.CheckBackup(ctx, dest)
		require.NoError(t, err)
		assert.Equal(t, 3, info.Requests, "the three requests of the day")
		assert.Equal(t, 1, info.Complaints)

		a.Show(staff.SectionReports)
		rp := a.Reports
		require.NotNil(t, rp)
		require.True(t, rp.Loaded)
		rep := rp.Report
		assert.Equal(t, 3, rep.Requests)
		assert.Equal(t, 1, rep.Complaints)
		assert.Equal(t, 1, rep.Substantiated)
		count := func(cs []data.Count, key string) int {
			for _, c := range cs {
				if c.Key == key || c.Label == key {
					return c.N
				}
			}
			return 0
		}
		assert.Equal(t, 3, count(rep.ByChannel, data.ChannelKiosk.Label()), "%v", rep.ByChannel)
		assert.Equal(t, 2, count(rep.ByStatus, data.StatusAccepted.Label()), "%v", rep.ByStatus)
		assert.Equal(t, 1, count(rep.ByStatus, data.StatusSubmitted.Label()), "%v", rep.ByStatus)
		var wang, zhao data.PersonReport
		for _, p := range rep.People {
			switch p.Name {
			case "王丽娟":
				wang = p
			case "赵磊":
				zhao = p
			}
		}
		assert.Equal(t, 1, wang.Complaints)
		assert.Equal(t, 1, wang.Substantiated)
		assert.Equal(t, 1, wang.Accountability)
		assert.Equal(t, 1, wang.AttendanceDays)
		assert.Equal(t, 1, zhao.AttendanceDays)
		page, err := r.s.Audit(ctx, data.AuditFilter{Action: data.AuditDataBackup})
		require.NoError(t, err)
		assert.Len(t, page.Entries, 1, "the backup is audited")
	})
}

// TestNewKioskRequestRoutesToB: the AB岗 rule (§三1) — "when A has not signed
// in or is away, … the queue routes to B". A new request waits unclaimed at
// its window (its 首问 is whoever takes it up), and 我的 lists it for the
// person the window's duty routes to now: B while A is on leave, A again
// once back.
func TestNewKioskRequestRoutesToB(t *testing.T) {
	r := newRig(t, mon1221)
	r.signIn(t, "王丽娟")
	r.signIn(t, "赵磊")
	admin, err := r.s.LoginID(ctx, r.ids["张建华"], adminPIN)
	require.NoError(t, err)
	require.NoError(t, r.s.SetStaffWhereabouts(ctx, admin, r.ids["王丽娟"], data.DutyLeave, "病假",
		time.Date(2026, 12, 23, 8, 30, 0, 0, data.China)))
	route, err := r.s.RouteWindow(ctx, r.windowID(t, "1"))
	require.NoError(t, err)
	require.Equal(t, r.ids["赵磊"], route.StaffID)

	rc := r.kioskRegister(t, "YL", ylResident([]string{"he", "何", "jian", "建", "ping", "平"}, 61))
	assert.Zero(t, r.detail(t, rc.RequestID).OwnerID, "unclaimed until someone takes it up")
	mine := func(name string) bool {
		r.login(t, name)
		r.d.Queue.Mine.SetChecked(true)
		r.d.Queue.SetGroup(data.QueueNew)
		found := slices.ContainsFunc(r.d.Queue.Rows, func(v *staff.QueueRowView) bool {
			return v.Row.ID == rc.RequestID
		})
		test.Tap(r.d.ExitButton)
		return found
	}
	assert.True(t, mine("赵磊"), "B's 我的 lists the new request for the window B covers")
	assert.False(t, mine("王丽娟"), "not A's while A is on leave")

	require.NoError(t, r.s.SetStaffWhereabouts(ctx, admin, r.ids["王丽娟"], data.DutyOnDuty, "", time.Time{}))
	assert.True(t, mine("王丽娟"), "A's again once back")
	assert.False(t, mine("赵磊"))
}
