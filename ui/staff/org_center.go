package staff

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/input"
)

// CenterForm is 机构信息: every field of the center's profile, the office
// hours a line per weekday, and 保存. A saved profile shows on the kiosk
// when it next returns to its home screen (main reloads it as staff mode
// exits) and at once in staff mode's notices.
type CenterForm struct {
	Name           *widget.Entry
	ShortName      *widget.Entry
	ReceiptPrefix  *widget.Entry
	Address        *widget.Entry
	Phone          *widget.Entry
	ComplaintPhone *widget.Entry
	ReportPhone    *widget.Entry
	ReportBox      *widget.Entry
	PublicBaseURL  *widget.Entry
	ComplaintDays  *widget.Entry
	IdleSeconds    *widget.Entry
	// Hours are the office hours by weekday (index time.Weekday), typed as
	// "08:30-12:00 14:30-17:30"; empty for a day off.
	Hours        [7]*widget.Entry
	Organisation *widget.Entry
	Remedy       *widget.Entry

	Save   *widget.Button
	Revert *widget.Button
	Status *widget.Label

	// Loaded is the profile as last read.
	Loaded data.Center

	a       *Admin
	content fyne.CanvasObject
	load    latest
}

func newCenterForm(a *Admin) *CenterForm {
	d := a.d
	f := &CenterForm{a: a}
	line := func(hint string) *widget.Entry { return d.newEntry(false, hint) }
	f.Name = line("")
	f.ShortName = line(lang.L("org.center.shortHint"))
	f.ReceiptPrefix = line("WY")
	f.Address = line("")
	f.Phone = line("0919-1234567")
	f.ComplaintPhone = line("0919-1234567")
	f.ReportPhone = line("0919-1234567")
	f.ReportBox = line(lang.L("org.center.reportBoxHint"))
	f.PublicBaseURL = line("http://192.168.1.20:8080")
	f.ComplaintDays = line("10")
	f.IdleSeconds = line("90")
	for _, n := range []*widget.Entry{f.ComplaintDays, f.IdleSeconds} {
		d.Keys.SetKind(n, input.Digits) // a number: the keypad, not the pinyin keyboard
	}
	for wd := range f.Hours {
		f.Hours[wd] = line(lang.L("org.center.hoursHint"))
		d.Keys.SetKind(f.Hours[wd], input.Times) // 08:30-12:00: the keypad with :, - and 空格
	}
	f.Organisation = d.newEntry(true, lang.L("org.center.organisationHint"))
	f.Organisation.SetMinRowsVisible(5)
	f.Remedy = d.newEntry(true, lang.L("org.center.remedyHint"))
	f.Save = widget.NewButtonWithIcon(lang.L("org.save"), fynetheme.DocumentSaveIcon(), d.tap(f.OnSave))
	f.Save.Importance = widget.HighImportance
	f.Revert = widget.NewButtonWithIcon(lang.L("org.center.revert"), fynetheme.ViewRefreshIcon(), d.tap(f.Reload))
	f.Status = orgStatus()

	// Two columns of fields side by side (every input is one line high, so
	// their rows line up), the office hours a weekday a line in two columns,
	// then the long texts.
	fields := container.NewGridWithColumns(2,
		form(fieldCells("org.center.name", f.Name), fieldCells("org.center.shortName", f.ShortName),
			fieldCells("org.center.address", f.Address), fieldCells("org.center.reportBox", f.ReportBox),
			fieldCells("org.center.publicBaseURL", f.PublicBaseURL)),
		form(fieldCells("org.center.phone", f.Phone), fieldCells("org.center.complaintPhone", f.ComplaintPhone),
			fieldCells("org.center.reportPhone", f.ReportPhone), fieldCells("org.center.receiptPrefix", f.ReceiptPrefix),
			fieldCells("org.center.complaintDays", f.ComplaintDays), fieldCells("org.center.idleSeconds", f.IdleSeconds)))
	days := func(wds ...time.Weekday) fyne.CanvasObject {
		var cells [][]fyne.CanvasObject
		for _, wd := range wds {
			cells = append(cells, fieldCells("org.weekday."+strconv.Itoa(int(wd)), f.Hours[wd]))
		}
		return form(cells...)
	}
	hoursTitle := widget.NewLabel(lang.L("org.center.hours"))
	hoursTitle.TextStyle = fyne.TextStyle{Bold: true}
	hoursTitle.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(
		fields,
		widget.NewSeparator(),
		hoursTitle,
		container.NewGridWithColumns(2, days(time.Monday, time.Tuesday, time.Wednesday, time.Thursday),
			days(time.Friday, time.Saturday, time.Sunday)),
		widget.NewSeparator(),
		container.NewVBox(labelled(lang.L("org.center.organisation"), f.Organisation)...),
		container.NewVBox(labelled(lang.L("org.center.remedy"), f.Remedy)...),
	)
	f.content = orgCompact(container.NewBorder(nil,
		container.NewBorder(widget.NewSeparator(), nil, nil, container.NewHBox(f.Revert, f.Save), f.Status),
		nil, nil, clearOfScrollBar(body)))
	f.Reload()
	return f
}

// Reload reads the profile again and fills the form (what was typed and not
// saved is dropped).
func (f *CenterForm) Reload() {
	orgPlain(f.Status, lang.L("admin.loading"))
	orgLoad(&f.load, f.a.d, f.Status, f.a.store.Center, func(c data.Center) {
		f.fill(c)
		orgPlain(f.Status, "")
	})
}

// bind ties the form's inputs to the fields of c (numbers with the store's
// names of them and their labels).
func (f *CenterForm) bind(c *data.Center) bindings {
	return bindings{
		texts: []textField{{f.Name, &c.Name}, {f.ShortName, &c.ShortName}, {f.ReceiptPrefix, &c.ReceiptPrefix},
			{f.Address, &c.Address}, {f.Phone, &c.Phone}, {f.ComplaintPhone, &c.ComplaintPhone},
			{f.ReportPhone, &c.ReportPhone}, {f.ReportBox, &c.ReportBox}, {f.PublicBaseURL, &c.PublicBaseURL},
			{f.Organisation, &c.Organisation}, {f.Remedy, &c.Remedy}},
		numbers: []numberField{{f.ComplaintDays, &c.ComplaintDays, "complaint_days", "org.center.complaintDays"},
			{f.IdleSeconds, &c.IdleSeconds, "idle_seconds", "org.center.idleSeconds"}},
	}
}

func (f *CenterForm) fill(c data.Center) {
	f.Loaded = c
	f.bind(&c).fill()
	for wd := range f.Hours {
		f.Hours[wd].SetText(data.FormatDayHours(c.Hours, time.Weekday(wd)))
	}
}

// collect reads the form into a profile; a number or an office-hours line
// that cannot be read gets its message here, before the store is asked.
func (f *CenterForm) collect() (data.Center, error) {
	c := f.Loaded
	b := f.bind(&c)
	b.collect(false) // as typed: the store tidies them
	c.PublicBaseURL = strings.TrimSpace(c.PublicBaseURL)
	for _, n := range b.numbers {
		var err error
		if *n.at, err = orgNumber(n.entry.Text, n.key, lang.L(n.label)); err != nil {
			return c, err
		}
	}
	c.Hours = nil
	for _, wd := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday,
		time.Saturday, time.Sunday} {
		h, err := data.ParseDayHours(wd, f.Hours[wd].Text)
		if err != nil {
			return c, err
		}
		c.Hours = append(c.Hours, h...)
	}
	return c, nil
}

// orgNumber reads a whole number typed in a form (full-width digits too).
func orgNumber(text, field, label string) (int, error) {
	text = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, text))
	n, err := strconv.Atoi(text)
	if err != nil {
		return 0, data.Invalid(field, lang.L("org.number", map[string]any{"Label": label}))
	}
	return n, nil
}

// OnSave checks and saves the profile.
func (f *CenterForm) OnSave() {
	c, err := f.collect()
	if err != nil {
		orgShowResult(f.Status, err, "")
		return
	}
	d, st, sess := f.a.d, f.a.store, f.a.d.session
	f.Save.Disable()
	orgPlain(f.Status, lang.L("admin.saving"))
	d.async(func() func() {
		err := st.PutCenter(d.opts.Context, sess, c)
		var saved data.Center
		if err == nil {
			saved, err = st.Center(d.opts.Context)
		}
		return func() {
			f.Save.Enable()
			if err != nil {
				orgShowResult(f.Status, err, "")
				return
			}
			f.fill(saved)
			d.center = saved
			orgShowResult(f.Status, nil, lang.L("org.center.saved"))
		}
	})
}
