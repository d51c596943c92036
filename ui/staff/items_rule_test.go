package staff_test

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/staff"
)

// TestItemsFieldRule: an administrator sets a field's rule in the item
// editor (居住证: the arrival date at least 6 months before registration,
// 需在本地居住满半年); a rule that is not a number is refused on its card;
// the store keeps the rule and registration applies it.
func TestItemsFieldRule(t *testing.T) {
	r, s := itemsRig(t)
	ctx := context.Background()
	e := editItem(t, s, "居住证申领（受理转报）")
	var arrival *staff.FieldCard
	for _, c := range e.Fields {
		if c.Key.Text == "arrival_date" {
			arrival = c
		}
	}
	require.NotNil(t, arrival)
	assert.Equal(t, "6", arrival.RuleMonths.Text, "the sample catalog's rule")
	assert.Equal(t, "需在本地居住满半年", arrival.RuleMessage.Text)
	assert.True(t, arrival.MonthsShown())
	assert.False(t, arrival.RangeShown(), "a date has no range")

	arrival.RuleMonths.SetText("半年")
	test.Tap(e.Save)
	assert.Contains(t, e.Error.Text, "请填写数字")
	assert.Equal(t, e.Item.Version, 1)

	arrival.RuleMonths.SetText("12")
	arrival.RuleMessage.SetText("需在本地居住满一年")
	test.Tap(e.Save)
	require.Contains(t, e.Error.Text, "已保存", e.Error.Text)
	it, err := r.s.Item(ctx, e.Item.ID)
	require.NoError(t, err)
	var rule data.FieldRule
	for _, f := range it.Fields {
		if f.Key == "arrival_date" {
			rule = f.Rule
		}
	}
	assert.Equal(t, 12, rule.MinMonthsAgo)
	assert.Equal(t, "需在本地居住满一年", rule.Message)

	_, err = r.s.Register(ctx, data.Registration{ItemID: it.ID, Channel: data.ChannelWindow, Name: "张小三",
		Phone: "13800138000", Consent: true, Fields: map[string]string{"arrival_date": "2026-01-05",
			"basis": "合法稳定住所", "address": "幸福路1号", "applicant": "本人申领"}})
	assert.ErrorContains(t, err, "需在本地居住满一年")
}
