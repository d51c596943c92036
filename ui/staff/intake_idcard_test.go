package staff_test

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/ui/idcard"
	"bianmin/ui/idcard/idcardtest"
	"bianmin/ui/internal/uitest"
	"bianmin/ui/staff"
)

// newCardDesk is a desk with a simulated card reader on a pseudo-terminal,
// watched as main watches the real one, ready.
func newCardDesk(t *testing.T) (*idcardtest.Reader, idcardtest.Queue, *rig) {
	t.Helper()
	sim, err := idcardtest.New()
	require.NoError(t, err)
	t.Cleanup(sim.Close)
	q := idcardtest.NewQueue()
	ctx, cancel := context.WithCancel(context.Background())
	w := idcard.Watch(ctx, idcard.WatchConfig{Device: sim.Device(), Poll: 10 * time.Millisecond,
		Retry: 20 * time.Millisecond, Timeout: 500 * time.Millisecond, Deliver: q.Post,
		Now: func() time.Time { return fixedNow }})
	t.Cleanup(func() {
		cancel()
		for {
			select {
			case <-w.Done():
				return
			case <-q:
			}
		}
	})
	r := newRigWith(t, true, func(o *staff.Options) { o.IDCard = w })
	q.Until(t, "the reader is ready", func() bool { return w.Status().Ready() })
	return sim, q, r
}

// TestIntakeIDCard: at the window, the clerk sees 请将身份证放在读卡区 while
// the reader is ready; the resident's card shows masked, 确认 fills the
// name and the ID number, and the request registers with them.
func TestIntakeIDCard(t *testing.T) {
	sim, q, r := newCardDesk(t)
	r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.IntakeButton)
	in := r.d.Intake
	in.SelectItem("城乡居民基本养老保险参保登记")
	require.NotZero(t, in.Item.ID)
	require.NotNil(t, in.Card.Prompt)
	assert.True(t, in.Card.Prompt.Visible())
	assert.Contains(t, uitest.Flat(r.w.Canvas()), "请将身份证放在读卡区")

	number := validID("19620120", 7)
	sim.Place(idcardtest.Card("李秀英", number))
	q.Until(t, "the card read", func() bool { return in.Card.Read.Text != "" })
	shown := uitest.Flat(r.w.Canvas())
	assert.Contains(t, shown, "李*英")
	assert.Contains(t, shown, "**************"+number[14:])
	assert.NotContains(t, shown, number)
	assert.NotContains(t, shown, "麓山")
	test.Tap(in.Card.Confirm)
	assert.Equal(t, "李秀英", in.Name.Text)
	assert.Equal(t, number, in.IDNumber.Text)
	assert.Empty(t, in.Card.Read.Text, "the bar closes once filled")

	in.Fields["contribution_tier"].(interface{ SetSelected(string) }).SetSelected("300元/年")
	in.Fields["special_group"].(interface{ SetSelected(string) }).SetSelected("否")
	in.Fields["birth_date"].(interface{ SetText(string) }).SetText("1962-01-20")
	in.Phone.SetText("13700137000")
	in.Consent.SetChecked(true)
	test.Tap(in.Submit)
	require.True(t, in.Registered, in.Error.Text)
	det, err := r.s.RequestDetail(context.Background(), in.Receipt.RequestID)
	require.NoError(t, err)
	assert.Equal(t, "李秀英", det.ApplicantName)
	assert.Equal(t, number, det.ApplicantID)
}

// TestIntakeNoCardReader: without a reader intake is as before.
func TestIntakeNoCardReader(t *testing.T) {
	r := newRig(t, true)
	r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.IntakeButton)
	in := r.d.Intake
	in.SelectItem("城乡居民基本养老保险参保登记")
	assert.Nil(t, in.Card.Prompt)
	assert.NotContains(t, uitest.Flat(r.w.Canvas()), "读卡区")
}

// TestIntakeIDCardRareName: a name whose character the card holds in the
// private-use area (no font draws it) is left for the clerk to type; the
// number is filled.
func TestIntakeIDCardRareName(t *testing.T) {
	sim, q, r := newCardDesk(t)
	r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.IntakeButton)
	in := r.d.Intake
	in.SelectItem("城乡居民基本养老保险参保登记")
	number := validID("19620120", 7)
	sim.Place(idcardtest.Card("李\ue000英", number))
	q.Until(t, "the card read", func() bool { return in.Card.Read.Text != "" })
	test.Tap(in.Card.Confirm)
	assert.Empty(t, in.Name.Text)
	assert.Equal(t, number, in.IDNumber.Text)
	assert.Contains(t, in.Card.Message.Text, "手动输入姓名")
}
