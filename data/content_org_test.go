package data

import (
	"bytes"
	"context"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// orgPNG is a w×h PNG: left half red, right half blue (so a crop shows).
func orgPNG(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := color.RGBA{R: 200, A: 255}
			if x >= w/2 {
				c = color.RGBA{B: 200, A: 255}
			}
			img.Set(x, y, c)
		}
	}
	var b bytes.Buffer
	require.NoError(t, png.Encode(&b, img))
	return b.Bytes()
}

func TestPutCenter(t *testing.T) {
	ctx := context.Background()
	good := func(t *testing.T, s *Store) Center {
		c, err := s.Center(ctx)
		require.NoError(t, err)
		return c
	}
	tests := map[string]struct {
		edit  func(c *Center)
		field string
		msg   string
	}{
		"OK": {edit: func(c *Center) {
			c.Name, c.Remedy, c.ComplaintDays = "新名称便民服务室", "可依法申请行政复议或提起行政诉讼。", 15
			c.Hours = append(c.Hours, OfficeHours{Weekday: time.Saturday, Opens: "09:00", Closes: "12:00"})
		}},
		"ErrNameEmpty":       {edit: func(c *Center) { c.Name = "  " }, field: "name", msg: "请填写服务室名称。"},
		"ErrNameNewline":     {edit: func(c *Center) { c.Name = "甲\n乙" }, field: "name", msg: "服务室名称不能换行"},
		"ErrPrefix":          {edit: func(c *Center) { c.ReceiptPrefix = "W1" }, field: "receipt_prefix", msg: "回执编号前缀应为1至6个大写英文字母"},
		"ErrComplaintDays":   {edit: func(c *Center) { c.ComplaintDays = 61 }, field: "complaint_days", msg: "投诉办理时限"},
		"ErrComplaintZero":   {edit: func(c *Center) { c.ComplaintDays = 0 }, field: "complaint_days", msg: "1至60个工作日"},
		"ErrIdle":            {edit: func(c *Center) { c.IdleSeconds = 5 }, field: "idle_seconds", msg: "30至900秒"},
		"ErrPhone":           {edit: func(c *Center) { c.Phone = "请拨打电话" }, field: "phone", msg: "咨询电话只能填写数字"},
		"ErrURL":             {edit: func(c *Center) { c.PublicBaseURL = "192.168.1.2" }, field: "public_base_url", msg: "http://"},
		"ErrHoursOrder":      {edit: func(c *Center) { c.Hours = []OfficeHours{{1, "12:00", "08:30"}} }, field: "hours[0].closes", msg: "下班时间应晚于上班时间。"},
		"ErrHoursOverlap":    {edit: func(c *Center) { c.Hours = []OfficeHours{{1, "08:30", "12:00"}, {1, "11:00", "17:00"}} }, field: "hours", msg: "重叠"},
		"ErrHoursFormat":     {edit: func(c *Center) { c.Hours = []OfficeHours{{2, "8:30", "12:00"}} }, field: "hours[0].opens", msg: "08:30"},
		"ErrOrganisationBig": {edit: func(c *Center) { c.Organisation = strings.Repeat("字", MaxOrganisationRunes+1) }, field: "organisation", msg: "最多3000个字"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			s, _ := i6Store(t)
			admin := loginAs(t, s, "s1")
			c := good(t, s)
			tc.edit(&c)
			err := s.PutCenter(ctx, admin, c)
			if tc.field == "" {
				require.NoError(t, err)
				got := good(t, s)
				assert.Equal(t, "新名称便民服务室", got.Name)
				assert.Equal(t, 15, got.ComplaintDays)
				assert.Equal(t, "09:00-12:00", FormatDayHours(got.Hours, time.Saturday))
				assert.Equal(t, 1, auditRows(t, s, AuditCenterEdit))
				return
			}
			ie := invalidOf(t, err)
			assert.Equal(t, tc.field, ie.Field)
			assert.Contains(t, ie.Msg, tc.msg)
			assert.Zero(t, auditRows(t, s, AuditCenterEdit))
		})
	}
	t.Run("ErrNotAdmin", func(t *testing.T) {
		s, _ := i6Store(t)
		clerk := loginAs(t, s, "s2")
		ie := invalidOf(t, s.PutCenter(ctx, clerk, good(t, s)))
		assert.Equal(t, "session", ie.Field)
	})
	t.Run("Unchanged", func(t *testing.T) {
		s, _ := i6Store(t)
		admin := loginAs(t, s, "s1")
		require.NoError(t, s.PutCenter(ctx, admin, good(t, s)))
		assert.Zero(t, auditRows(t, s, AuditCenterEdit), "saving without a change writes no audit row")
	})
}

func TestParseDayHours(t *testing.T) {
	tests := map[string]struct {
		in   string
		want string
		msg  string
	}{
		"OK":          {in: "08:30-12:00 14:30-17:30", want: "08:30-12:00 14:30-17:30"},
		"Empty":       {in: "  ", want: ""},
		"Loose":       {in: "８:30 — 12：00，14:30至17:30", want: "08:30-12:00 14:30-17:30"},
		"ErrGarbage":  {in: "上午", msg: "看不懂"},
		"ErrOrder":    {in: "12:00-08:00", msg: "下班时间应晚于上班时间"},
		"ErrHour":     {in: "25:00-26:00", msg: "24小时制"},
		"ErrOverlap":  {in: "08:00-12:00 11:00-13:00", msg: "重叠"},
		"ErrHalfOpen": {in: "08:00-", msg: "看不懂"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			h, err := ParseDayHours(time.Monday, tc.in)
			if tc.msg != "" {
				ie := invalidOf(t, err)
				assert.Contains(t, ie.Msg, tc.msg)
				assert.Contains(t, ie.Msg, "周一")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, FormatDayHours(h, time.Monday))
		})
	}
}

func TestPutWindowAndPosts(t *testing.T) {
	ctx := context.Background()
	s, now := i6Store(t)
	admin := loginAs(t, s, "s1")
	clerk := loginAs(t, s, "s2")

	tests := map[string]struct {
		w     Window
		field string
		msg   string
	}{
		"ErrCode":      {w: Window{Code: "1 号", Name: "x"}, field: "code", msg: "窗口编号应为1至32位"},
		"ErrDuplicate": {w: Window{Code: "2", Name: "x"}, field: "code", msg: "已被其他窗口使用"},
		"ErrName":      {w: Window{Code: "9", Name: ""}, field: "name", msg: "请填写窗口名称"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := s.PutWindow(ctx, admin, tc.w)
			ie := invalidOf(t, err)
			assert.Equal(t, tc.field, ie.Field)
			assert.Contains(t, ie.Msg, tc.msg)
		})
	}
	_, err := s.PutWindow(ctx, clerk, Window{Code: "9", Name: "x"})
	assert.Equal(t, "session", invalidOf(t, err).Field)

	id, err := s.PutWindow(ctx, admin, Window{Code: "３", Name: "综合窗口", Duties: "综合受理"})
	require.NoError(t, err)
	ws, err := s.Windows(ctx)
	require.NoError(t, err)
	require.Len(t, ws, 3)
	assert.Equal(t, Window{ID: id, Code: "3", Name: "综合窗口", Duties: "综合受理", Active: true}, ws[2], "full-width digits folded; placed last")

	// A and B: 李强 moves from window 1's B post to window 3's A.
	s2, s3 := staffID(t, s, "s2"), staffID(t, s, "s1")
	assert.Equal(t, "b", invalidOf(t, s.SetWindowPosts(ctx, admin, id, s2, s2)).Field)
	require.NoError(t, s.SetWindowPosts(ctx, admin, id, s2, 0))
	org, err := s.OrgWindows(ctx)
	require.NoError(t, err)
	byCode := map[string]OrgWindow{}
	for _, w := range org {
		byCode[w.Code] = w
	}
	assert.Equal(t, s2, byCode["3"].AID)
	assert.Equal(t, "李强", byCode["3"].AName)
	assert.Zero(t, byCode["1"].BID, "李强 left window 1's B post")
	assert.Equal(t, s3, byCode["1"].AID)
	assert.Equal(t, 1, i6Audit(t, s, AuditWindowPosts))

	// Routing follows: 李强 signed in is on duty at window 3.
	*now = at("2026-11-26", "09:00")
	require.NoError(t, s.db.QueryRow(`SELECT 1`).Err())
	_, err = s.SignIn(ctx, clerk)
	require.NoError(t, err)
	r, err := s.RouteWindow(ctx, id, *now)
	require.NoError(t, err)
	assert.Equal(t, s2, r.StaffID)
}

func TestStopWindow(t *testing.T) {
	ctx := context.Background()
	s, _ := i6Store(t)
	admin := loginAs(t, s, "s1")

	// Window 1 has staff; window 2 leads an item.
	_, err := s.StopWindow(ctx, admin, i6Window(t, s, "1"))
	assert.Contains(t, invalidOf(t, err).Msg, "王芳、李强")
	_, err = s.StopWindow(ctx, admin, i6Window(t, s, "2"))
	assert.Contains(t, invalidOf(t, err).Msg, "最低生活保障申请")

	// A new window nothing refers to is deleted.
	id, err := s.PutWindow(ctx, admin, Window{Code: "7", Name: "临时窗口"})
	require.NoError(t, err)
	deleted, err := s.StopWindow(ctx, admin, id)
	require.NoError(t, err)
	assert.True(t, deleted)
	assert.Equal(t, 1, i6Audit(t, s, AuditWindowDelete))

	// One a complaint names is kept, out of service.
	id, err = s.PutWindow(ctx, admin, Window{Code: "8", Name: "旧窗口"})
	require.NoError(t, err)
	_, err = s.db.Exec(`INSERT INTO complaints (code, query_code, token, channel, about, window_id, body, created_at)
		VALUES ('T1', 'Q', 'tok', 'box', 'window', ?, '态度不好', '2026-11-01T00:00:00.000Z')`, id)
	require.NoError(t, err)
	deleted, err = s.StopWindow(ctx, admin, id)
	require.NoError(t, err)
	assert.False(t, deleted)
	ws, err := s.Windows(ctx)
	require.NoError(t, err)
	for _, w := range ws {
		assert.NotEqual(t, "8", w.Code, "a window out of service is not offered")
	}
	b, err := s.OnDuty(ctx, fixedNow)
	require.NoError(t, err)
	assert.Len(t, b.Windows, 2, "nor on the duty board")
	// Nobody can be posted there, until it is back in service.
	assert.Contains(t, invalidOf(t, s.SetWindowPosts(ctx, admin, id, staffID(t, s, "s2"), 0)).Msg, "已停用")
	_, err = s.PutStaff(ctx, admin, StaffEdit{Staff: Staff{Code: "s9", Name: "新人", Post: "网格员", Window: "8",
		Role: RoleStaff, Active: true}})
	assert.Equal(t, "window", invalidOf(t, err).Field)
	require.NoError(t, s.RestartWindow(ctx, admin, id))
	ws, err = s.Windows(ctx)
	require.NoError(t, err)
	assert.Len(t, ws, 3)
}

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
			s, _ := i6Store(t)
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
	s, _ := i6Store(t)
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
	s, _ := i6Store(t)
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

func TestPreparePhoto(t *testing.T) {
	tests := map[string]struct {
		raw []byte
		msg string
	}{
		"OKWide":     {raw: orgPNG(t, 1200, 600)},
		"OKTall":     {raw: orgPNG(t, 300, 900)},
		"OKExact":    {raw: orgPNG(t, PhotoWidth, PhotoHeight)},
		"ErrEmpty":   {raw: nil, msg: "照片文件是空的"},
		"ErrJunk":    {raw: []byte("GIF89a this is not a photo"), msg: "JPG 或 PNG"},
		"ErrTiny":    {raw: orgPNG(t, 40, 40), msg: "照片太小（40×40像素）"},
		"ErrBig":     {raw: make([]byte, MaxPhotoFileSize+1), msg: "照片文件太大"},
		"ErrBroken":  {raw: orgPNG(t, 400, 500)[:300], msg: "已损坏或不完整"},
		"ErrPixels":  {raw: pngHeader(t, 10000, 10000), msg: "照片尺寸太大"},
		"ErrTextPNG": {raw: []byte("\x89PNG\r\n\x1a\nnonsense"), msg: "JPG 或 PNG"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			out, err := PreparePhoto(tc.raw)
			if tc.msg != "" {
				ie := invalidOf(t, err)
				assert.Equal(t, "photo", ie.Field)
				assert.Contains(t, ie.Msg, tc.msg)
				return
			}
			require.NoError(t, err)
			img, format, err := image.Decode(bytes.NewReader(out))
			require.NoError(t, err)
			assert.Equal(t, "jpeg", format, "stored re-encoded, never the file itself")
			assert.Equal(t, image.Rect(0, 0, PhotoWidth, PhotoHeight), img.Bounds())
			assert.True(t, IsPreparedPhoto(out))
		})
	}
	t.Run("CentreCrop", func(t *testing.T) {
		// 1200×600, red left half and blue right: the centred 4:5 cut is
		// 480 wide around the middle, so its left edge is red and its right
		// edge blue, in equal parts.
		out, err := PreparePhoto(orgPNG(t, 1200, 600))
		require.NoError(t, err)
		img, err := jpeg.Decode(bytes.NewReader(out))
		require.NoError(t, err)
		r, _, b, _ := img.At(5, PhotoHeight/2).RGBA()
		assert.Greater(t, r, b, "left edge red")
		r, _, b, _ = img.At(PhotoWidth-5, PhotoHeight/2).RGBA()
		assert.Greater(t, b, r, "right edge blue")
	})
}

// pngHeader is the start of a PNG that claims w×h (DecodeConfig reads it;
// the pixels are missing).
func pngHeader(t *testing.T, w, h int) []byte {
	t.Helper()
	full := orgPNG(t, 1, 1)
	// IHDR width and height are the 8 bytes after "IHDR" (offset 16).
	b := append([]byte(nil), full[:33]...)
	b[16], b[17], b[18], b[19] = byte(w>>24), byte(w>>16), byte(w>>8), byte(w)
	b[20], b[21], b[22], b[23] = byte(h>>24), byte(h>>16), byte(h>>8), byte(h)
	binary.BigEndian.PutUint32(b[29:33], crc32.ChecksumIEEE(b[12:29]))
	return b
}

func TestPutStaffPhotoAndUnlock(t *testing.T) {
	ctx := context.Background()
	s, _ := i6Store(t)
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
