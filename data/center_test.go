package data

import (
	"context"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
			s, _ := storeWithNow(t)
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
		s, _ := storeWithNow(t)
		clerk := loginAs(t, s, "s2")
		ie := invalidOf(t, s.PutCenter(ctx, clerk, good(t, s)))
		assert.Equal(t, "session", ie.Field)
	})
	t.Run("Unchanged", func(t *testing.T) {
		s, _ := storeWithNow(t)
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

func TestCenterChangesNamesEachChangedField(t *testing.T) {
	a := Center{Name: "甲", Phone: "1", Hours: []OfficeHours{{Weekday: 1, Opens: "08:30", Closes: "12:00"}}}
	assert.Empty(t, centerChanges(a, a))
	b := a
	b.Phone, b.IdleSeconds, b.Sample = "2", 90, true
	b.Hours = []OfficeHours{{Weekday: 1, Opens: "08:30", Closes: "12:00"}, {Weekday: 2, Opens: "09:00", Closes: "11:00"}}
	assert.Equal(t, []string{"咨询电话", "自助机无操作返回时间", "办公时间"}, centerChanges(a, b), "in the order of the fields, hours last; Sample is no edit")
	c := a
	c.Hours = append([]OfficeHours(nil), a.Hours...)
	assert.Empty(t, centerChanges(a, c), "the same hours in another slice are no change")
}

func TestEveryCenterFieldButHoursAndSampleHasALabel(t *testing.T) {
	typ := reflect.TypeOf(Center{})
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if name == "hours" || name == "sample" {
			continue
		}
		assert.NotEmpty(t, centerLabels[name], "%s has no label for the audit log", typ.Field(i).Name)
	}
}
