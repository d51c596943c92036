package data

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPutStaff(t *testing.T) {
	ctx := context.Background()
	base := Staff{Code: "s9", Name: "周敏", Post: "网格员", Duties: "协助", Window: "2", AB: "A", Role: RoleStaff,
		Active: true, Phone: "13800000000"}
	tests := map[string]struct {
		edit  func(st *Staff)
		field string
		msg   string
	}{
		"OK":             {edit: func(*Staff) {}},
		"ErrCode":        {edit: func(st *Staff) { st.Code = "" }, field: "code", msg: "工号应为1至32位"},
		"ErrCodeTaken":   {edit: func(st *Staff) { st.Code = "s2" }, field: "code", msg: "已被其他工作人员使用"},
		"ErrName":        {edit: func(st *Staff) { st.Name = "" }, field: "name", msg: "请填写姓名"},
		"ErrPost":        {edit: func(st *Staff) { st.Post = "" }, field: "post", msg: "请填写职务"},
		"ErrRole":        {edit: func(st *Staff) { st.Role = "boss" }, field: "role", msg: "角色应为"},
		"ErrPhone":       {edit: func(st *Staff) { st.Phone = "abc" }, field: "phone", msg: "联系电话只能填写数字"},
		"ErrWindow":      {edit: func(st *Staff) { st.Window = "99" }, field: "window", msg: "没有编号为 99 的在用窗口"},
		"ErrPostTaken":   {edit: func(st *Staff) { st.Window = "1" }, field: "ab", msg: "社会保障窗口的A岗已由王芳担任"},
		"ErrPhotoBroken": {edit: func(st *Staff) { st.Photo = []byte("not a picture") }, field: "photo", msg: "JPG 或 PNG"},
		"PhotoIgnored":   {edit: func(st *Staff) { st.Photo = []byte("the record's own photo is not a change") }},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s, _ := storeWithNow(t)
			admin := loginAs(t, s, "s1")
			st := base
			tc.edit(&st)
			id, err := s.PutStaff(ctx, admin, StaffEdit{Staff: st, NewPhoto: map[bool][]byte{true: st.Photo}[name == "ErrPhotoBroken"]})
			if tc.field != "" {
				ie := invalidOf(t, err)
				assert.Equal(t, tc.field, ie.Field)
				assert.Contains(t, ie.Msg, tc.msg)
				assert.Zero(t, auditRows(t, s, AuditStaffAdd))
				return
			}
			require.NoError(t, err)
			all, err := s.OrgStaff(ctx)
			require.NoError(t, err)
			var got StaffRecord
			for _, r := range all {
				if r.ID == id {
					got = r
				}
			}
			assert.Equal(t, "周敏", got.Name)
			assert.Equal(t, "民政事务窗口", got.WindowName)
			assert.Equal(t, "13800000000", got.Phone)
			assert.False(t, got.HasPIN)
			assert.Equal(t, 1, auditRows(t, s, AuditStaffAdd))
		})
	}
}

func TestPutStaffLastAdmin(t *testing.T) {
	ctx := context.Background()
	s, _ := storeWithNow(t)
	admin := loginAs(t, s, "s1")
	records, err := s.OrgStaff(ctx)
	require.NoError(t, err)
	var me Staff
	for _, r := range records {
		if r.Code == "s1" {
			me = r.Staff
		}
	}
	require.NotZero(t, me.ID)

	demote := me
	demote.Role = RoleStaff
	_, err = s.PutStaff(ctx, admin, StaffEdit{Staff: demote})
	ie := invalidOf(t, err)
	assert.Equal(t, "role", ie.Field)
	assert.Contains(t, ie.Msg, "至少要保留一位可以登录的管理员")
	leave := me
	leave.Active = false
	_, err = s.PutStaff(ctx, admin, StaffEdit{Staff: leave})
	assert.Equal(t, "active", invalidOf(t, err).Field)

	// Another administrator without a PIN does not count; with one, it does.
	s2 := staffID(t, s, "s2")
	for _, r := range records {
		if r.ID == s2 {
			other := r.Staff
			other.Role = RoleAdmin
			_, err := s.PutStaff(ctx, admin, StaffEdit{Staff: other})
			require.NoError(t, err)
		}
	}
	_, err = s.PutStaff(ctx, admin, StaffEdit{Staff: demote})
	require.Error(t, err)
	require.NoError(t, s.SetPIN(ctx, admin, s2, "864209"))
	_, err = s.PutStaff(ctx, admin, StaffEdit{Staff: demote})
	require.NoError(t, err)
	assert.Equal(t, 2, auditRows(t, s, AuditStaffEdit))
}

func TestPutStaffOpenRequests(t *testing.T) {
	ctx := context.Background()
	s, _ := storeWithNow(t)
	admin := loginAs(t, s, "s1")
	s2 := staffID(t, s, "s2")
	var item int64
	require.NoError(t, s.db.QueryRow(`SELECT id FROM items WHERE code = 'JZZ'`).Scan(&item))
	_, err := s.db.Exec(`INSERT INTO requests (receipt_no, query_code, token, item_id, item_version, channel, status, mode,
		applicant_name, owner_id, created_at) VALUES ('WY-1', 'Q', 't', ?, 1, 'window', 'accepted', 'promise', '张三', ?, 'x')`,
		item, s2)
	require.NoError(t, err)
	records, err := s.OrgStaff(ctx)
	require.NoError(t, err)
	for _, r := range records {
		if r.ID == s2 {
			assert.Equal(t, 1, r.OpenOwned)
			st := r.Staff
			st.Active = false
			_, err := s.PutStaff(ctx, admin, StaffEdit{Staff: st})
			ie := invalidOf(t, err)
			assert.Equal(t, "active", ie.Field)
			assert.Contains(t, ie.Msg, "李强名下还有1件未办结的办件")
		}
	}
}

func TestPutStaffPhotoAndUnlock(t *testing.T) {
	ctx := context.Background()
	s, _ := storeWithNow(t)
	admin := loginAs(t, s, "s1")
	_ = loginAs(t, s, "s2")
	s2 := staffID(t, s, "s2")
	find := func() StaffRecord {
		records, err := s.OrgStaff(ctx)
		require.NoError(t, err)
		for _, r := range records {
			if r.ID == s2 {
				return r
			}
		}
		t.Fatal("s2 not listed")
		return StaffRecord{}
	}
	st := find().Staff
	_, err := s.PutStaff(ctx, admin, StaffEdit{Staff: st, NewPhoto: orgPNG(t, 800, 800)})
	require.NoError(t, err)
	got := find()
	assert.True(t, IsPreparedPhoto(got.Photo), "the store prepares a raw file itself")
	cards, err := s.StaffCards(ctx)
	require.NoError(t, err)
	for _, c := range cards {
		if c.ID == s2 {
			assert.Equal(t, got.Photo, c.Photo, "the kiosk's cards show it")
		}
	}
	st = got.Staff
	_, err = s.PutStaff(ctx, admin, StaffEdit{Staff: st})
	require.NoError(t, err)
	assert.NotEmpty(t, find().Photo, "nil keeps the photo")
	_, err = s.PutStaff(ctx, admin, StaffEdit{Staff: st, RemovePhoto: true})
	require.NoError(t, err)
	assert.Empty(t, find().Photo)

	// Five wrong PINs lock 李强 out; the administrator unlocks.
	for range MaxPINFailures {
		_, err := s.Login(ctx, "s2", "0000")
		require.Error(t, err)
	}
	assert.False(t, find().LockedUntil.IsZero())
	clerk := Session{StaffID: s2}
	assert.Equal(t, "session", invalidOf(t, s.UnlockStaff(ctx, clerk, s2)).Field)
	require.NoError(t, s.UnlockStaff(ctx, admin, s2))
	assert.True(t, find().LockedUntil.IsZero())
	_, err = s.Login(ctx, "s2", "1357")
	require.NoError(t, err)
	assert.Equal(t, 1, auditRows(t, s, AuditStaffUnlock))
	assert.Equal(t, "解除账号锁定", AuditLabel(AuditStaffUnlock))
}

// TestOnePersonPerPostAtAWindow: an active staff member takes a window's A
// or B post only while nobody else holds it.
func TestOnePersonPerPostAtAWindow(t *testing.T) {
	tests := map[string]struct {
		st     Staff
		holder string
		ok     bool
	}{
		"FreePost":        {st: Staff{AB: "A", Active: true}, ok: true},
		"NoPost":          {st: Staff{Active: true}, holder: "王芳", ok: true},
		"InactiveKeepsIt": {st: Staff{AB: "B"}, holder: "李强", ok: true},
		"PostTaken":       {st: Staff{AB: "B", Active: true}, holder: "李强"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := OnePersonPerPostRule(tc.st, "社会保障窗口", tc.holder)
			if tc.ok {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, "ab", invalidOf(t, err).Field)
			assert.Contains(t, Message(err), "社会保障窗口的B岗已由李强担任")
		})
	}
}

// TestLastAdministratorWhoCanSignInStays: the last active administrator
// with a PIN is neither demoted nor made inactive.
func TestLastAdministratorWhoCanSignInStays(t *testing.T) {
	admin := Staff{Role: RoleAdmin, Active: true}
	tests := map[string]struct {
		old    Staff
		hasPIN bool
		next   Staff
		others int
		field  string
	}{
		"StaysAdministrator": {old: admin, hasPIN: true, next: admin},
		"AnotherRemains":     {old: admin, hasPIN: true, next: Staff{Role: RoleStaff, Active: true}, others: 1},
		"NoPINCannotSignIn":  {old: admin, next: Staff{Role: RoleStaff, Active: true}},
		"NotAnAdministrator": {old: Staff{Role: RoleStaff, Active: true}, hasPIN: true, next: Staff{Role: RoleStaff}},
		"Demoted":            {old: admin, hasPIN: true, next: Staff{Role: RoleStaff, Active: true}, field: "role"},
		"MadeInactive":       {old: admin, hasPIN: true, next: Staff{Role: RoleAdmin}, field: "active"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := LastAdminRule(tc.old, tc.hasPIN, tc.next, tc.others)
			if tc.field == "" {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, tc.field, invalidOf(t, err).Field)
		})
	}
}

// TestNoStaffLeavesWithOpenRequests: a staff member made inactive hands
// their open requests over first.
func TestNoStaffLeavesWithOpenRequests(t *testing.T) {
	on, off := Staff{Name: "李强", Active: true}, Staff{Name: "李强"}
	tests := map[string]struct {
		old, next Staff
		open      int
		refused   bool
	}{
		"NoOpenRequests":     {old: on, next: off},
		"StaysActive":        {old: on, next: on, open: 3},
		"AlreadyInactive":    {old: off, next: off, open: 1},
		"LeavesWithRequests": {old: on, next: off, open: 2, refused: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := NoLeavingWithOpenRequestsRule(tc.old, tc.next, tc.open)
			if !tc.refused {
				assert.NoError(t, err)
				return
			}
			assert.Equal(t, "active", invalidOf(t, err).Field)
			assert.Contains(t, Message(err), "李强名下还有2件未办结的办件")
		})
	}
}
