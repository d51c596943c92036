package staff

import (
	"context"
	"fmt"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/ui/locale"
)

// stepStore records the handling step a form's work calls, with its
// arguments; every other store method is left to the nil interface (a
// form calling one fails the test with a panic).
type stepStore struct {
	HandlingStore
	calls []string
}

func (s *stepStore) call(format string, args ...any) error {
	s.calls = append(s.calls, fmt.Sprintf(format, args...))
	return nil
}

func (s *stepStore) AcceptChecked(_ context.Context, _ data.Session, id int64, mode data.Mode, note string, confirm bool) error {
	return s.call("AcceptChecked %d %s %q %v", id, mode, note, confirm)
}

func (s *stepStore) RequestSupplement(_ context.Context, _ data.Session, id int64, mats []int64, note, second string) (data.SupplementNotice, error) {
	return data.SupplementNotice{}, s.call("RequestSupplement %d %v %q %q", id, mats, note, second)
}

func (s *stepStore) MaterialsComplete(_ context.Context, _ data.Session, id int64) error {
	return s.call("MaterialsComplete %d", id)
}

func (s *stepStore) Refuse(_ context.Context, _ data.Session, id int64, reason, basis string) (data.Refusal, error) {
	return data.Refusal{}, s.call("Refuse %d %q %q", id, reason, basis)
}

func (s *stepStore) Escalate(_ context.Context, _ data.Session, id int64, dept string, sent, expected time.Time, note string) error {
	return s.call("Escalate %d %q %s %s %q", id, dept, data.Day(sent), data.Day(expected), note)
}

func (s *stepStore) UpperResult(_ context.Context, _ data.Session, id int64, result string) error {
	return s.call("UpperResult %d %q", id, result)
}

func (s *stepStore) HandOver(_ context.Context, _ data.Session, id, toStaff, toWindow int64, note string) error {
	return s.call("HandOver %d %d %d %q", id, toStaff, toWindow, note)
}

func (s *stepStore) JointPart(_ context.Context, _ data.Session, id, window int64, note string) error {
	return s.call("JointPart %d %d %q", id, window, note)
}

func (s *stepStore) Finish(_ context.Context, _ data.Session, id int64, result string, reply data.ReplyMethod) error {
	return s.call("Finish %d %q %s", id, result, reply)
}

func (s *stepStore) PauseClock(_ context.Context, _ data.Session, id int64, reason string, restart time.Time) error {
	return s.call("PauseClock %d %q %s", id, reason, data.Day(restart))
}

func (s *stepStore) ResumeClock(_ context.Context, _ data.Session, id int64, note string) error {
	return s.call("ResumeClock %d %q", id, note)
}

func (s *stepStore) AddNote(_ context.Context, _ data.Session, id int64, note string, public bool) error {
	return s.call("AddNote %d %q %v", id, note, public)
}

func (s *stepStore) Withdraw(_ context.Context, _ data.Session, id int64, reason string) error {
	return s.call("Withdraw %d %q", id, reason)
}

// formRequest is a request on show for building step forms: a 承诺办理
// item with two required materials, the ID card brought, two staff
// members (the owner first), two windows and a joint part pending at
// window 4.
func formRequest(t *testing.T) *Request {
	t.Helper()
	require.NoError(t, locale.Use(locale.Chinese))
	test.NewTempApp(t)
	now := time.Date(2026, 3, 5, 9, 30, 0, 0, data.China)
	d := &Desk{store: reasonStore{}, opts: Options{Now: func() time.Time { return now }, Context: context.Background(),
		Run: func(f func()) { f() }}}
	d.session = data.Session{StaffID: 1, WindowID: 3}
	return &Request{ID: 42, d: d,
		Item: data.Item{Mode: data.ModePromise, Basis: "《社会保险法》", UpperDepartment: "区社保中心", Result: "参保登记完成",
			Materials: []data.Material{{ID: 7, Name: "居民身份证", Required: true}, {ID: 8, Name: "户口簿", Required: true},
				{ID: 9, Name: "照片"}}},
		Detail: data.RequestDetail{Mode: data.ModePromise, OwnerID: 1, Brought: []int64{7},
			Parts: []data.JointPartState{{WindowID: 3, WindowName: "综合窗口", Lead: true},
				{WindowID: 4, WindowName: "卫生健康与助残窗口"}}},
		staff:   []data.LoginChoice{{StaffID: 1, Name: "张建华"}, {StaffID: 2, Name: "王丽娟"}},
		windows: []data.Window{{ID: 3, Name: "综合窗口"}, {ID: 4, Name: "卫生健康与助残窗口"}},
	}
}

// reasonStore serves the refuse form's common reasons; every other store
// method is left to the nil interface (a form calling one while it is
// built fails the test with a panic).
type reasonStore struct{ Store }

func (reasonStore) RefusalReasons(context.Context) ([]data.RefusalReason, error) {
	return []data.RefusalReason{{ID: 1, Text: "不属于本中心受理范围"}}, nil
}

// run checks the form and runs its work on a recording store: the call it
// made, or the message that stopped it.
func run(t *testing.T, f StepForm) (call, msg string) {
	t.Helper()
	if err := f.validate(); err != nil {
		return "", err.Error()
	}
	st := &stepStore{}
	_, err := f.work()(context.Background(), st, data.Session{}, 42)
	require.NoError(t, err)
	require.Len(t, st.calls, 1)
	return st.calls[0], ""
}

func TestStepFormsCallTheirStep(t *testing.T) {
	tests := map[string]struct {
		action data.Action
		fill   func(f StepForm)
		want   string
	}{
		"AcceptItemMode": {data.ActAccept, func(f StepForm) {
			f.(*AcceptForm).Note.SetText("已核对")
		}, `AcceptChecked 42 promise "已核对" false`},
		"AcceptChosenModeConfirmed": {data.ActAccept, func(f StepForm) {
			a := f.(*AcceptForm)
			a.SetMode(data.ModeDirect)
			a.ConfirmMissing.SetChecked(true)
		}, `AcceptChecked 42 direct "" true`},
		"SupplementMissingTicked": {data.ActSupplement, func(f StepForm) {
			f.(*SupplementForm).Note.SetText("请补交")
		}, `RequestSupplement 42 [8] "请补交" ""`},
		"SupplementByIndex": {data.ActSupplement, func(f StepForm) {
			s := f.(*SupplementForm)
			s.Materials.SetSelected([]string{"照片", "居民身份证"})
			s.SecondReason.SetText("复印件不清晰")
		}, `RequestSupplement 42 [7 9] "" "复印件不清晰"`},
		"Complete": {data.ActComplete, nil, `MaterialsComplete 42`},
		"Refuse": {data.ActRefuse, func(f StepForm) {
			f.(*RefuseForm).Reason.SetText("不符合条件")
		}, `Refuse 42 "不符合条件" ""`},
		"EscalateSentToday": {data.ActEscalate, func(f StepForm) {
			e := f.(*EscalateForm)
			e.Department.SetText("区社保中心")
			e.Expected.SetText("2026年3月20日")
		}, `Escalate 42 "区社保中心" 2026-03-05 2026-03-20 ""`},
		"UpperResult": {data.ActUpperResult, func(f StepForm) {
			f.(*UpperResultForm).Text.SetText("审批通过")
		}, `UpperResult 42 "审批通过"`},
		"HandOverToStaff": {data.ActHandOver, func(f StepForm) {
			h := f.(*HandOverForm)
			require.Equal(t, []string{"王丽娟"}, h.ToStaff.Options, "the owner is not offered")
			h.ToStaff.SetSelectedIndex(0)
		}, `HandOver 42 2 0 ""`},
		"HandOverToWindowClearsStaff": {data.ActHandOver, func(f StepForm) {
			h := f.(*HandOverForm)
			h.ToStaff.SetSelectedIndex(0)
			h.ToWindow.SetSelectedIndex(1)
		}, `HandOver 42 0 4 ""`},
		"JointPartPendingOnly": {data.ActJointPart, func(f StepForm) {
			j := f.(*JointPartForm)
			require.Equal(t, []string{"卫生健康与助残窗口"}, j.Window.Options)
			j.Window.SetSelectedIndex(0)
			j.Note.SetText("已核对")
		}, `JointPart 42 4 "已核对"`},
		"FinishByPhone": {data.ActFinish, func(f StepForm) {
			f.(*FinishForm).SetReply(data.ReplyPhone)
		}, `Finish 42 "" phone`},
		"Pause": {data.ActPause, func(f StepForm) {
			p := f.(*PauseForm)
			p.Reason.SetText("需实地核查")
			p.Restart.SetText("2026-03-12")
		}, `PauseClock 42 "需实地核查" 2026-03-12`},
		"Resume": {data.ActResume, func(f StepForm) {
			f.(*ResumeForm).Text.SetText("核查完成")
		}, `ResumeClock 42 "核查完成"`},
		"NotePublic": {data.ActNote, func(f StepForm) {
			n := f.(*NoteForm)
			n.Note.SetText("已电话联系")
			n.Public.SetChecked(true)
		}, `AddNote 42 "已电话联系" true`},
		"Withdraw": {data.ActWithdraw, func(f StepForm) {
			f.(*WithdrawForm).Reason.SetText("不再需要")
		}, `Withdraw 42 "不再需要"`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f := newStepForm(tc.action, formRequest(t))
			require.NotNil(t, f)
			if tc.fill != nil {
				tc.fill(f)
			}
			call, msg := run(t, f)
			assert.Empty(t, msg)
			assert.Equal(t, tc.want, call)
		})
	}
}

func TestStepFormsCheckDaysInChinese(t *testing.T) {
	tests := map[string]struct {
		action data.Action
		fill   func(f StepForm)
		msg    string
	}{
		"ErrEscalateSentNotADate": {data.ActEscalate, func(f StepForm) {
			f.(*EscalateForm).Sent.SetText("3月某日")
		}, "报送日期格式不正确"},
		"ErrEscalateExpectedNotADate": {data.ActEscalate, func(f StepForm) {
			f.(*EscalateForm).Expected.SetText("下周")
		}, "预计反馈日期格式不正确"},
		"ErrPauseRestartNotADate": {data.ActPause, func(f StepForm) {
			f.(*PauseForm).Restart.SetText("下周一")
		}, "恢复计时日期格式不正确"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			f := newStepForm(tc.action, formRequest(t))
			tc.fill(f)
			call, msg := run(t, f)
			assert.Empty(t, call, "nothing goes to the store")
			assert.Contains(t, msg, tc.msg)
		})
	}
}

func TestAcceptFormNamesNoteByMode(t *testing.T) {
	f := newStepForm(data.ActAccept, formRequest(t)).(*AcceptForm)
	assert.Equal(t, data.ModePromise, f.Chosen(), "the item's mode comes chosen")
	assert.Equal(t, lang.L("staff.form.internalNote"), f.NoteLabel.Text)
	assert.True(t, f.MissingShown(), "户口簿 is required and not brought")
	assert.Contains(t, f.MissingNote.Text, "户口簿")
	f.SetMode(data.ModeDirect)
	assert.Equal(t, lang.L("staff.form.directResult"), f.NoteLabel.Text)
}

func TestModeAndReplyChosenByIndexInEnglish(t *testing.T) {
	r := formRequest(t)
	require.NoError(t, locale.Use(locale.English))
	t.Cleanup(func() { _ = locale.Use(locale.Chinese) })
	a := newStepForm(data.ActAccept, r).(*AcceptForm)
	assert.Equal(t, "Promised", a.Mode.Selected)
	a.Mode.SetSelected(a.Mode.Options[4])
	assert.Equal(t, data.ModeAssist, a.Chosen())
	fin := newStepForm(data.ActFinish, r).(*FinishForm)
	fin.Reply.SetSelected("Told by text message")
	assert.Equal(t, data.ReplySMS, fin.Chosen())
}

// labelAbove is the text of the label right above o in a step form's rows.
func labelAbove(t *testing.T, f StepForm, o fyne.CanvasObject) string {
	t.Helper()
	rows := f.fields().(*fyne.Container).Objects
	for i, r := range rows {
		if r == o && i > 0 {
			if l, ok := rows[i-1].(*widget.Label); ok {
				return l.Text
			}
		}
	}
	t.Fatalf("no label above %T", o)
	return ""
}

// TestStepFormsRequiredNoteNotOptional: the store refuses a hand-over or a
// joint part without its text, so the field is not labelled 选填 (staff
// who left it empty on that word got 请写明转交原因 back).
func TestStepFormsRequiredNoteNotOptional(t *testing.T) {
	r := formRequest(t)
	h := newStepForm(data.ActHandOver, r).(*HandOverForm)
	assert.Equal(t, "转交说明", labelAbove(t, h, h.Note))
	j := newStepForm(data.ActJointPart, r).(*JointPartForm)
	assert.Equal(t, "本窗口办理情况", labelAbove(t, j, j.Note))
	for _, l := range []string{labelAbove(t, h, h.Note), labelAbove(t, j, j.Note)} {
		assert.NotContains(t, l, "选填")
	}
	// Where the store takes no text, the note stays optional.
	s := newStepForm(data.ActSupplement, r).(*SupplementForm)
	assert.Equal(t, "备注（选填）", labelAbove(t, s, s.Note))
}
