package data

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fp(f float64) *float64 { return &f }

// TestFieldRuleCheck: a number within its range, a date at least N months
// before the day of registration, each refused with a message that says
// what to fix and the administrator's reason.
func TestFieldRuleCheck(t *testing.T) {
	today := time.Date(2026, 12, 6, 17, 30, 0, 0, time.UTC) // 2026-12-07 01:30 in China
	half := FieldRule{MinMonthsAgo: 6, Message: "需在本地居住满半年"}
	tests := map[string]struct {
		rule  FieldRule
		value string
		err   string
	}{
		"OKEmpty":          {half, "", ""},
		"OKHalfYearToDay":  {half, "2026-06-07", ""},
		"OKLongAgo":        {half, "2020-01-01", ""},
		"ErrOneDayShort":   {half, "2026-06-08", "“来本地居住的日期”应在2026年6月7日或更早（需在本地居住满半年）"},
		"ErrYesterday":     {half, "2026-12-06", "或更早"},
		"OKInRange":        {FieldRule{Min: fp(1), Max: fp(20)}, "20", ""},
		"ErrBelowRange":    {FieldRule{Min: fp(1), Max: fp(20)}, "0", "应在1至20之间"},
		"ErrAboveMax":      {FieldRule{Max: fp(0.5)}, "0.75", "不能大于0.5"},
		"ErrBelowMinNamed": {FieldRule{Min: fp(6), Message: "居住满6个月"}, "3", "不能小于6（居住满6个月）"},
		"OKZeroRule":       {FieldRule{}, "anything", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			err := tc.rule.Check("来本地居住的日期", tc.value, today)
			if tc.err == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tc.err)
		})
	}
}

func TestLatestDayMonthsAgo(t *testing.T) {
	for name, tc := range map[string]struct {
		today  time.Time
		months int
		want   string
	}{
		"Plain":       {time.Date(2026, 12, 7, 10, 0, 0, 0, China), 6, "2026-06-07"},
		"UTCEvening":  {time.Date(2026, 12, 6, 17, 30, 0, 0, time.UTC), 6, "2026-06-07"},
		"MonthEnd":    {time.Date(2026, 8, 31, 10, 0, 0, 0, China), 6, "2026-02-28"},
		"AcrossYears": {time.Date(2026, 3, 15, 10, 0, 0, 0, China), 12, "2025-03-15"},
	} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, tc.want, Day(LatestDayMonthsAgo(tc.today, tc.months)))
		})
	}
}

func TestFieldRuleValidate(t *testing.T) {
	for name, tc := range map[string]struct {
		f  IntakeField
		ok bool
	}{
		"OKNumberRange":    {IntakeField{Key: "n", Label: "人数", Kind: KindNumber, Rule: FieldRule{Min: fp(1), Max: fp(9)}}, true},
		"OKDateMonths":     {IntakeField{Key: "d", Label: "日期", Kind: KindDate, Rule: FieldRule{MinMonthsAgo: 6}}, true},
		"ErrRangeOnDate":   {IntakeField{Key: "d", Label: "日期", Kind: KindDate, Rule: FieldRule{Min: fp(1)}}, false},
		"ErrMonthsOnText":  {IntakeField{Key: "t", Label: "文字", Kind: KindText, Rule: FieldRule{MinMonthsAgo: 6}}, false},
		"ErrMinAboveMax":   {IntakeField{Key: "n", Label: "人数", Kind: KindNumber, Rule: FieldRule{Min: fp(9), Max: fp(1)}}, false},
		"ErrNegativeMonth": {IntakeField{Key: "d", Label: "日期", Kind: KindDate, Rule: FieldRule{MinMonthsAgo: -1}}, false},
	} {
		t.Run(name, func(t *testing.T) {
			err := tc.f.Validate()
			if tc.ok {
				assert.NoError(t, err)
			} else {
				assert.Error(t, err)
			}
		})
	}
}

// TestRegisterChecksFieldRules: a rule set on the item's field is kept by
// the store and applied when registering.
func TestRegisterChecksFieldRules(t *testing.T) {
	ctx := context.Background()
	s := seeded(t)
	id := itemIDOf(t, s, "JZZ")
	_, err := s.db.Exec(`UPDATE item_fields SET rule = '{"min":6,"message":"需在本地居住满半年"}'
		WHERE key = 'months' AND item_id = ?`, id)
	require.NoError(t, err)
	it, err := s.Item(ctx, id)
	require.NoError(t, err)
	require.NotNil(t, it.Fields[0].Rule.Min)
	assert.Equal(t, 6.0, *it.Fields[0].Rule.Min)

	reg := Registration{ItemID: id, Channel: ChannelKiosk, Name: "张小三", Phone: "13800138000", IDNumber: validID,
		Consent: true, Fields: map[string]string{"months": "3"}}
	_, err = s.Register(ctx, reg)
	ie := invalidOf(t, err)
	assert.Equal(t, "fields.months", ie.Field)
	assert.Contains(t, ie.Msg, "不能小于6（需在本地居住满半年）")
	reg.Fields["months"] = "8"
	_, err = s.Register(ctx, reg)
	assert.NoError(t, err)
}
