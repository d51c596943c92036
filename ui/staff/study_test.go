package staff_test

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/staff"
)

// addSession adds a study session through 新增学习活动.
func addSession(t *testing.T, s *staff.StudyScreen, day, topic string, kind data.StudyKind) {
	t.Helper()
	test.Tap(s.Add)
	f := s.AddFields
	require.NotNil(t, f)
	f.Day.SetText(day)
	f.Kind.SetSelected(kind.Label())
	test.Type(f.Topic, topic)
	test.Tap(s.AddForm.Submit)
	require.False(t, s.AddForm.Open(), "dialog closed: %s", s.AddForm.Error.Text)
}

// rollRow is the roll-call row of name.
func rollRow(t *testing.T, r *staff.RollCallScreen, name string) *staff.RollRow {
	t.Helper()
	for _, row := range r.Rows {
		if row.Line.Name == name {
			return row
		}
	}
	t.Fatalf("%s is not on the roll", name)
	return nil
}

// personRow is name's row of the study attendance list.
func personRow(t *testing.T, s *staff.StudyScreen, name string) *staff.StudyPersonRow {
	t.Helper()
	for _, p := range s.People {
		if p.Record.Name == name {
			return p
		}
	}
	t.Fatalf("%s has no attendance row", name)
	return nil
}

func TestStudySessionRollCallAndRate(t *testing.T) {
	r := adminRig(t) // today: Thursday 5 March 2026
	r.d.Admin.Show(staff.SectionStudy)
	s := r.d.Admin.Study
	require.NotNil(t, s)
	assert.Empty(t, s.Sessions)
	assert.Equal(t, [12]bool{true, true, true}, s.MonthMissing, "January to March have no monthly study; later months are not over")
	assert.Contains(t, s.Missing.Text, "1月、2月、3月")

	// Refusals: a date that is no date, and no topic (data's message).
	test.Tap(s.Add)
	s.AddFields.Day.SetText("三月三日")
	test.Tap(s.AddForm.Submit)
	assert.True(t, s.AddForm.Open())
	assert.Equal(t, "请按“2026-03-20”的格式填写学习日期。", s.AddForm.Error.Text)
	s.AddFields.Day.SetText("2026-03-03")
	test.Tap(s.AddForm.Submit)
	assert.True(t, s.AddForm.Open())
	assert.Contains(t, s.AddForm.Error.Text, "学习主题")
	test.Tap(s.AddForm.Cancel)

	addSession(t, s, "2026-03-03", "社会救助政策解读", data.StudyMonthly)
	addSession(t, s, "2026-03-20", "窗口服务礼仪", data.StudyTraining)
	assert.Contains(t, s.Notice.Text, "2026-03-20")
	require.Len(t, s.Sessions, 2)
	assert.Equal(t, []string{"2026-03-20", "集中业务培训", "窗口服务礼仪", "尚未点名"}, s.Sessions[0].Texts())
	assert.Equal(t, [12]bool{true, true}, s.MonthMissing, "March has its study now")

	// A session still to come cannot be called yet.
	test.Tap(s.Sessions[0])
	require.NotNil(t, s.Roll)
	test.Tap(s.Roll.AllPresent)
	test.Tap(s.Roll.Save)
	assert.Contains(t, s.Roll.Status.Text, "学习活动尚未开始")
	test.Tap(s.Roll.Back)
	require.Nil(t, s.Roll)

	// Roll-call of 3 March: three people marked, the rest left off.
	test.Tap(s.Sessions[1])
	roll := s.Roll
	require.NotNil(t, roll)
	assert.Len(t, roll.Rows, 6, "every active staff member")
	test.Tap(roll.Save)
	assert.Equal(t, "请至少为一位工作人员选择出席、请假或缺席。", roll.Status.Text)
	test.Tap(rollRow(t, roll, "张建华").Present)
	test.Tap(rollRow(t, roll, "王丽娟").Leave)
	test.Tap(rollRow(t, roll, "赵磊").Present)
	test.Tap(rollRow(t, roll, "赵磊").Absent) // changed their mind
	assert.Equal(t, data.MarkAbsent, rollRow(t, roll, "赵磊").Mark)
	test.Tap(rollRow(t, roll, "刘伟").Present)
	test.Tap(rollRow(t, roll, "刘伟").Present) // tapped again: cleared
	assert.Len(t, roll.Marks(), 3)
	test.Tap(roll.Save)
	require.Nil(t, s.Roll, "back to the list: %s", roll.Status.Text)
	assert.Equal(t, "点名已保存：出席 1 人，请假 1 人，缺席 1 人。", s.Notice.Text)
	assert.Equal(t, "出席 1 人，未出席 2 人", s.Sessions[1].Texts()[3])

	// The store has the roll-call: 请假 is an absence noted as leave.
	lines, err := r.s.StudyRoll(context.Background(), s.Sessions[1].Session.ID)
	require.NoError(t, err)
	marks := map[string]data.RollMark{}
	for _, l := range lines {
		marks[l.Name] = l.Mark()
	}
	assert.Equal(t, data.MarkPresent, marks["张建华"])
	assert.Equal(t, data.MarkLeave, marks["王丽娟"])
	assert.Equal(t, data.MarkAbsent, marks["赵磊"])
	assert.Equal(t, data.MarkNone, marks["刘伟"])

	// The rate per person for the year: one session held with a roll-call.
	assert.Equal(t, []string{"张建华", "1 / 1 次", "100.0%"}, personRow(t, s, "张建华").Texts())
	assert.Equal(t, []string{"王丽娟", "0 / 1 次，请假 1 次", "0.0%"}, personRow(t, s, "王丽娟").Texts())
	assert.Equal(t, []string{"赵磊", "0 / 1 次", "0.0%"}, personRow(t, s, "赵磊").Texts())
	assert.Equal(t, []string{"刘伟", "0 / 1 次", "0.0%"}, personRow(t, s, "刘伟").Texts(), "not on the roll-call")

	// A correction: 王丽娟 came after all; the others keep their marks.
	test.Tap(s.Sessions[1])
	assert.Equal(t, data.MarkLeave, rollRow(t, s.Roll, "王丽娟").Mark, "the roll-call shows what was saved")
	test.Tap(rollRow(t, s.Roll, "王丽娟").Present)
	test.Tap(s.Roll.Save)
	assert.Equal(t, []string{"王丽娟", "1 / 1 次", "100.0%"}, personRow(t, s, "王丽娟").Texts())
	assert.Equal(t, []string{"赵磊", "0 / 1 次", "0.0%"}, personRow(t, s, "赵磊").Texts())

	page, err := r.s.Audit(context.Background(), data.AuditFilter{Action: data.AuditRollCall})
	require.NoError(t, err)
	require.Len(t, page.Entries, 2)
	assert.True(t, strings.HasPrefix(page.Entries[1].Detail, "出席：张建华"), page.Entries[1].Detail)

	// Tapping a name opens the record; 返回 comes back.
	test.Tap(personRow(t, s, "王丽娟").Name)
	require.NotNil(t, s.Record)
	assert.Equal(t, "个人档案：王丽娟", s.Record.Title.Text)
	test.Tap(s.Record.Back)
	assert.Nil(t, s.Record)
}
