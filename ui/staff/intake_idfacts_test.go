package staff_test

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"

	"bianmin/ui/idcard/idcardtest"
)

// TestIntakeIDCardFillsBirthDate: a confirmed card fills 出生日期 from its
// number; a number typed by the clerk does the same; a date already
// entered is left alone.
func TestIntakeIDCardFillsBirthDate(t *testing.T) {
	sim, q, r := newCardDesk(t)
	r.login(t, "王丽娟", clerkPIN)
	test.Tap(r.d.IntakeButton)
	in := r.d.Intake
	in.SelectItem("城乡居民基本养老保险参保登记")
	birth := in.Fields["birth_date"].(*widget.Entry)
	assert.Empty(t, birth.Text)

	sim.Place(idcardtest.Card("李秀英", validID("19620120", 7)))
	q.Until(t, "the card read", func() bool { return in.Card.Read.Text != "" })
	assert.Empty(t, birth.Text, "nothing is filled before the card is confirmed")
	test.Tap(in.Card.Confirm)
	assert.Equal(t, "1962-01-20", birth.Text)

	// Typed by the clerk: a date already there stays.
	birth.SetText("1962-01-21")
	in.IDNumber.SetText(validID("19580305", 1))
	assert.Equal(t, "1962-01-21", birth.Text)
	birth.SetText("")
	in.IDNumber.SetText(validID("19580305", 1)[:17]) // not a whole number yet
	assert.Empty(t, birth.Text)
	in.IDNumber.SetText(validID("19580305", 1))
	assert.Equal(t, "1958-03-05", birth.Text)
}
