package staff

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// Duty is the top bar's 签到 / 签退 button and 我的去向 choice (data/duty.go).
type Duty struct {
	// SignButton signs in, or out once signed in today.
	SignButton *widget.Button
	// Where sets the signed-in staff member's whereabouts.
	Where *touch.Select
	// Attendance is today's record as last read.
	Attendance data.Attendance

	d       *Desk
	content fyne.CanvasObject
	setting bool // Where is being set by the program, not by a tap
}

func newDuty(d *Desk) *Duty {
	u := &Duty{d: d}
	u.SignButton = widget.NewButton(lang.L("staff.duty.signIn"), d.tap(u.onSign))
	u.Where = newPicker(wordsOf(data.DutyStatuses, whereWord), u.onWhere)
	u.Where.PlaceHolder = lang.L("staff.duty.where")
	u.content = container.NewHBox(u.SignButton, container.New(&fixedSize{size: fyne.NewSize(170, 0)}, u.Where))
	return u
}

// load reads today's attendance of the signed-in staff member.
func (u *Duty) load() {
	d := u.d
	sess := d.session
	d.async(func() func() {
		a, err := d.store.TodayAttendance(d.opts.Context, sess.StaffID)
		if err != nil {
			fyne.LogError("staff: attendance", err)
			return nil
		}
		return func() { u.show(a) }
	})
}

func (u *Duty) show(a data.Attendance) {
	u.Attendance = a
	if !a.SignIn.IsZero() && a.SignOut.IsZero() {
		u.SignButton.SetText(lang.L("staff.duty.signOut"))
	} else {
		u.SignButton.SetText(lang.L("staff.duty.signIn"))
	}
}

// SignedIn reports whether the staff member is signed in for today.
func (u *Duty) SignedIn() bool { return !u.Attendance.SignIn.IsZero() && u.Attendance.SignOut.IsZero() }

func (u *Duty) onSign() {
	d := u.d
	sess, in := d.session, !u.SignedIn()
	d.async(func() func() {
		var a data.Attendance
		var err error
		if in {
			a, err = d.store.SignIn(d.opts.Context, sess)
		} else {
			a, err = d.store.SignOut(d.opts.Context, sess)
		}
		return func() {
			if err != nil {
				d.message(locale.Message(err))
				return
			}
			u.show(a)
			key := "staff.duty.signedIn"
			if !in {
				key = "staff.duty.signedOut"
			}
			if a.Already {
				key += "Already"
			}
			d.message(lang.L(key, map[string]any{"Time": a.SignIn.In(data.China).Format("15:04")}))
			if in {
				u.setWhere(data.DutyOnDuty)
			}
		}
	})
}

func (u *Duty) setWhere(s data.DutyStatus) {
	u.setting = true
	if i := slices.Index(data.DutyStatuses, s); i >= 0 {
		u.Where.SetSelectedIndex(i)
	}
	u.setting = false
}

func (u *Duty) onWhere(label string) {
	if u.setting {
		return
	}
	d := u.d
	d.Activity()
	var status data.DutyStatus
	if i := u.Where.SelectedIndex(); i >= 0 {
		status = data.DutyStatuses[i]
	}
	sess := d.session
	d.async(func() func() {
		err := d.store.SetWhereabouts(d.opts.Context, sess, status, "", time.Time{})
		return func() {
			if err != nil {
				d.message(locale.Message(err))
				return
			}
			d.message(lang.L("staff.duty.whereSet", map[string]any{"Where": label}))
		}
	})
}
