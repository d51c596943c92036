package locale

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
)

func TestMessage(t *testing.T) {
	defer func() { require.NoError(t, Use(Chinese)) }()
	_, tooLong := data.CleanText("note", "情况说明", "一二三四五六", 5, false)
	_, digit := data.PersonName("name", "张3")
	busy := fmt.Errorf("data: add: %w", data.ErrBusy)
	noKey := data.Invalid("file", "文件无法读取：坏了")
	_, hours := data.ParseDayHours(time.Wednesday, "8点到12点")
	_, nested := data.ParseCalendarFile(strings.NewReader("2027-01-01,holiday,元旦\n2027-01-02,vacation,元旦\n"))
	_, step := data.Transition(data.StatusFinished, data.ActAccept)
	tests := map[string]struct {
		err    error
		zh, en string
	}{
		"Fixed":   {digit, "姓名中不能包含数字，请重新输入。", "A name cannot contain digits. Please enter it again."},
		"Args":    {tooLong, "情况说明最多5个字，您输入了6个字，请删减后重新输入。", "情况说明 can be at most 5 characters; you entered 6. Please shorten it and enter it again."},
		"Term":    {hours, "周三的办公时间“8点到12点”看不懂，请写成 08:30-12:00 这样的形式，多段之间用空格分开。", "The office hours for Wednesday, “8点到12点”, cannot be read. Please write them like 08:30-12:00, with a space between sessions."},
		"Nested":  {nested, "第2行：类型“vacation”不对，应为 holiday（放假）或 workday（调休上班）。", "Line 2: The kind “vacation” is not right; it should be holiday or workday (make-up working day)."},
		"Step":    {step, "该办件已办结，不能再受理。", "This request is finished; you can no longer accept it."},
		"Busy":    {busy, data.Message(busy), "The system is busy and your information has not been saved yet. Please tap “Retry” in a moment."},
		"NoKey":   {noKey, "文件无法读取：坏了", "文件无法读取：坏了"},
		"Unknown": {errors.New("boom"), data.Message(errors.New("boom")), "Something went wrong in the system and your information has not been saved. Please try again later or ask a member of staff."},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			require.NoError(t, Use(Chinese))
			assert.Equal(t, tc.zh, Message(tc.err))
			require.NoError(t, Use(English))
			assert.Equal(t, tc.en, Message(tc.err))
		})
	}
	assert.Equal(t, "", Message(nil))
}
