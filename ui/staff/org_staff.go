package staff

import (
	"bytes"
	"fmt"
	"image"
	"io"
	"os"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"bianmin/data"
	"bianmin/ui/locale"
	"bianmin/ui/touch"
)

// StaffList is 工作人员: everyone, active first, with their photo, post,
// role and sign-in state; 新增工作人员, and per person 修改, 重设密码 and
// (when locked out after wrong PINs) 解锁.
type StaffList struct {
	orgList
	Rows []*OrgStaffRow
	// Form is the dialog open; Fields or PIN are its fields.
	Form   *FormDialog
	Fields *StaffFields
	PIN    *PINFields
}

// OrgStaffRow is one staff member in the list.
type OrgStaffRow struct {
	Record data.StaffRecord
	Texts  []string // name, code, post, window and post, role, state
	Edit   *widget.Button
	PIN    *widget.Button
	Unlock *widget.Button // hidden unless locked out
}

var staffWeights = weightedColumns{0.7, 1.5, 2.6, 2.2}

// staffActionsWidth is the width of the actions column.
const staffActionsWidth = 370

func newStaffList(a *Admin) *StaffList {
	l := &StaffList{}
	header := orgHeader(staffWeights, "org.staff.col.", staffActionsWidth, "photo", "nameCode", "postWindow", "roleState",
		"actions")
	l.build(a, "org.staff.add", func() { l.OpenStaff(nil) }, "org.staff.intro", header, func() {
		l.Rows = fillRows(l.list, l.Staff, l.row)
	})
	return l
}

// staffPostText is "社会保障窗口 · A岗", "社会保障窗口" or 未分配窗口.
func staffPostText(r data.StaffRecord) string {
	if r.WindowName == "" {
		return lang.L("org.staff.noWindow")
	}
	if r.AB != "" {
		return r.WindowName + " · " + lang.L("org.post."+r.AB)
	}
	return r.WindowName
}

// staffState is 在用 / 停用 with 未设密码 and 已锁定 when they apply.
func staffState(r data.StaffRecord) string {
	parts := []string{lang.L("org.staff.active")}
	if !r.Active {
		parts[0] = lang.L("org.staff.inactive")
	}
	if !r.HasPIN {
		parts = append(parts, lang.L("org.staff.noPIN"))
	}
	if !r.LockedUntil.IsZero() {
		parts = append(parts, lang.L("org.staff.locked", map[string]any{"Until": r.LockedUntil.In(data.China).Format("15:04")}))
	}
	return strings.Join(parts, " · ")
}

// row is the row of staff member p and its view.
func (l *StaffList) row(p data.StaffRecord) (*OrgStaffRow, fyne.CanvasObject) {
	d := l.a.d
	r := &OrgStaffRow{Record: p}
	r.Texts = []string{p.Name, p.Code, p.Post, staffPostText(p), roleWord(p.Role), staffState(p)}
	r.Edit = widget.NewButtonWithIcon(lang.L("org.edit"), fynetheme.DocumentCreateIcon(), d.tap(func() { l.OpenStaff(&p) }))
	r.PIN = widget.NewButtonWithIcon(lang.L("org.staff.pin"), fynetheme.LoginIcon(), d.tap(func() { l.OpenPIN(p) }))
	r.Unlock = widget.NewButtonWithIcon(lang.L("org.staff.unlock"), fynetheme.ConfirmIcon(), d.tap(func() { l.Unlock(p) }))
	if p.LockedUntil.IsZero() {
		r.Unlock.Hide()
	}
	if !p.Active {
		r.PIN.Disable()
	}
	imp := activeImportance(p.Active)
	stateImp := imp
	if p.Active && (!p.LockedUntil.IsZero() || !p.HasPIN) {
		stateImp = widget.WarningImportance
	}
	cells := []fyne.CanvasObject{
		container.NewCenter(staffThumb(p.ID, p.Photo, 48, 60)),
		twoLines(r.Texts[0], r.Texts[1], imp),
		twoLines(r.Texts[2], r.Texts[3], imp),
		twoLines(r.Texts[4], r.Texts[5], stateImp),
	}
	return r, orgRow(staffWeights, cells, container.NewHBox(r.Edit, r.PIN, r.Unlock), staffActionsWidth)
}

// Row is the row of the staff member with name (nil if none).
func (l *StaffList) Row(name string) *OrgStaffRow {
	for _, r := range l.Rows {
		if r.Record.Name == name {
			return r
		}
	}
	return nil
}

// staffThumb is a staff photo of w×h, or the person icon.
func staffThumb(id int64, photo []byte, w, h float32) *canvas.Image {
	var res fyne.Resource = fynetheme.NewPrimaryThemedResource(fynetheme.AccountIcon())
	if len(photo) > 0 {
		if _, _, err := image.DecodeConfig(bytes.NewReader(photo)); err == nil {
			res = fyne.NewStaticResource(fmt.Sprintf("org-staff-%d-%d", id, len(photo)), photo)
		}
	}
	img := canvas.NewImageFromResource(res)
	img.FillMode = canvas.ImageFillContain
	img.SetMinSize(fyne.NewSize(w, h))
	return img
}

// StaffFields are the fields of 新增工作人员 / 修改工作人员信息.
type StaffFields struct {
	Name, Code, Post, Phone, Duties *widget.Entry
	Window, AB, Role                *touch.Select
	Active                          *widget.Check

	// The photo: a preview, a file path typed (or filled in by 选择文件),
	// 载入 to read it, 删除照片.
	Photo       *canvas.Image
	PhotoPath   *widget.Entry
	PhotoBrowse *widget.Button
	PhotoLoad   *widget.Button
	PhotoRemove *widget.Button
	PhotoInfo   *widget.Label
	// NewPhoto is the photo loaded and prepared (nil: keep the photo).
	NewPhoto    []byte
	RemovePhoto bool

	windows []data.OrgWindow // the choices after 未分配, in order
	photoAt *fyne.Container
	id      int64
}

// ChooseWindow picks the window with code ("" for 未分配).
func (f *StaffFields) ChooseWindow(code string) {
	chooseAfterFirst(f.Window, f.windows, func(w data.OrgWindow) bool { return w.Code == code })
}

// ChooseAB picks the post: "A", "B" or "".
func (f *StaffFields) ChooseAB(ab string) {
	f.AB.SetSelectedIndex(map[string]int{"": 0, "A": 1, "B": 2}[ab])
}

// roleWord is the role in the interface language.
func roleWord(r data.Role) string { return lang.L("org.role." + string(r)) }

// ChooseRole picks the role.
func (f *StaffFields) ChooseRole(r data.Role) {
	f.Role.SetSelectedIndex(max(slices.Index(data.Roles, r), 0))
}

func (f *StaffFields) setPreview(photo []byte) {
	f.Photo = staffThumb(f.id, photo, 120, 150)
	f.photoAt.Objects = []fyne.CanvasObject{f.Photo}
	f.photoAt.Refresh()
}

// OpenStaff opens the dialog for a new staff member (r nil) or for
// changing r.
func (l *StaffList) OpenStaff(r *data.StaffRecord) {
	d, st, sess := l.a.d, l.a.store, l.a.d.session
	f := &StaffFields{
		Name: d.newEntry(false, ""), Code: d.newEntry(false, "S07"), Post: d.newEntry(false, lang.L("org.staff.postHint")),
		Phone: d.newEntry(false, "13800000000"), Duties: d.newEntry(true, lang.L("org.staff.dutiesHint")),
		PhotoPath: d.newEntry(false, lang.L("org.staff.photoPathHint")),
		PhotoInfo: widget.NewLabel(lang.L("org.staff.photoRule", map[string]any{"W": data.PhotoWidth, "H": data.PhotoHeight})),
	}
	f.PhotoInfo.Wrapping = fyne.TextWrapWord
	f.PhotoInfo.Importance = widget.LowImportance
	winOpts := []string{lang.L("org.staff.noWindow")}
	for _, w := range l.Windows {
		if w.Active {
			f.windows = append(f.windows, w)
			winOpts = append(winOpts, w.Code+" "+w.Name)
		}
	}
	f.Window = touch.NewSelect(winOpts, nil)
	f.AB = touch.NewSelect([]string{lang.L("org.post.none"), lang.L("org.post.A"), lang.L("org.post.B")}, nil)
	f.Role = touch.NewSelect(wordsOf(data.Roles, roleWord), nil)
	f.Active = widget.NewCheck(lang.L("org.staff.activeCheck"), nil)
	f.Duties.SetMinRowsVisible(3)
	f.photoAt = container.NewStack()
	base := data.Staff{Role: data.RoleStaff, Active: true}
	title := lang.L("org.staff.add")
	if r != nil {
		base = r.Staff
		f.id = r.ID
		title = lang.L("org.staff.editTitle", map[string]any{"Name": r.Name})
	}
	f.Name.SetText(base.Name)
	f.Code.SetText(base.Code)
	f.Post.SetText(base.Post)
	f.Phone.SetText(base.Phone)
	f.Duties.SetText(base.Duties)
	f.ChooseWindow(base.Window)
	f.ChooseAB(base.AB)
	f.ChooseRole(base.Role)
	f.Active.SetChecked(base.Active)
	f.setPreview(base.Photo)

	f.PhotoLoad = widget.NewButtonWithIcon(lang.L("org.staff.photoLoad"), fynetheme.UploadIcon(), d.tap(func() { l.LoadPhoto(f) }))
	f.PhotoBrowse = widget.NewButtonWithIcon(lang.L("org.staff.photoBrowse"), fynetheme.FolderOpenIcon(), d.tap(func() { l.browsePhoto(f) }))
	f.PhotoRemove = widget.NewButtonWithIcon(lang.L("org.staff.photoRemove"), fynetheme.DeleteIcon(), d.tap(func() {
		f.NewPhoto, f.RemovePhoto = nil, true
		f.setPreview(nil)
		f.PhotoInfo.SetText(lang.L("org.staff.photoRemoved"))
	}))

	// pair is an input, then a second one with its label beside it.
	pair := func(a fyne.CanvasObject, key string, b fyne.CanvasObject) fyne.CanvasObject {
		cells := fieldCells(key, b)
		return container.NewGridWithColumns(2, a, container.NewBorder(nil, nil, cells[0], nil, cells[1]))
	}
	left := form(fieldCells("org.staff.col.name", pair(f.Name, "org.staff.col.code", f.Code)),
		fieldCells("org.staff.col.post", pair(f.Post, "org.staff.phone", f.Phone)),
		fieldCells("org.staff.window", pair(f.Window, "org.staff.ab", f.AB)),
		fieldCells("org.staff.col.role", pair(f.Role, "org.staff.activeLabel", f.Active)),
		fieldCells("org.staff.duties", f.Duties))
	photoTitle := boldLabel("org.staff.col.photo")
	right := container.NewVBox(container.NewHBox(f.photoAt, container.NewVBox(photoTitle, f.PhotoBrowse, f.PhotoRemove)),
		container.NewBorder(nil, nil, nil, f.PhotoLoad, f.PhotoPath), f.PhotoInfo)
	// The photo takes a column of its own; the fields the rest. The
	// controls are compact so that the whole form fits without scrolling.
	rows := []fyne.CanvasObject{orgCompact(container.NewBorder(nil, nil, nil,
		container.NewHBox(widget.NewSeparator(), container.New(&fixedSize{size: fyne.NewSize(360, 0)}, right)), left))}
	l.Fields, l.PIN = f, nil
	l.Form = newFormDialog(d, title, rows, fyne.NewSize(1180, 620), func(*FormDialog) func() error {
		e := data.StaffEdit{Staff: base, NewPhoto: f.NewPhoto, RemovePhoto: f.RemovePhoto}
		e.Name, e.Code, e.Post, e.Phone, e.Duties = f.Name.Text, f.Code.Text, f.Post.Text, f.Phone.Text, f.Duties.Text
		e.Window = ""
		if i := f.Window.SelectedIndex(); i > 0 {
			e.Window = f.windows[i-1].Code
		}
		e.AB = []string{"", "A", "B"}[max(f.AB.SelectedIndex(), 0)]
		e.Role = data.Roles[max(f.Role.SelectedIndex(), 0)]
		e.Active = f.Active.Checked
		return func() error {
			_, err := st.PutStaff(d.opts.Context, sess, e)
			return err
		}
	}, l.saved(lang.L("org.saved")))
}

// browsePhoto opens Fyne's file dialog for a PNG or JPEG; the file chosen
// fills the path and is loaded.
func (l *StaffList) browsePhoto(f *StaffFields) {
	d := l.a.d
	fd := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		d.Activity()
		if err != nil || rc == nil {
			return
		}
		path := rc.URI().Path()
		rc.Close()
		f.PhotoPath.SetText(path)
		l.LoadPhoto(f)
	}, d.win)
	fd.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".PNG", ".JPG", ".JPEG"}))
	fd.Resize(fyne.NewSize(900, 640))
	fd.Show()
}

// LoadPhoto reads the file at the typed path and prepares the photo: a
// preview on success, the polite reason otherwise (on the dialog's message
// line).
func (l *StaffList) LoadPhoto(f *StaffFields) {
	d := l.a.d
	path := strings.TrimSpace(f.PhotoPath.Text)
	form := l.Form
	if path == "" {
		if form != nil {
			form.Error.SetText(lang.L("org.staff.photoNoPath"))
		}
		return
	}
	f.PhotoInfo.SetText(lang.L("org.staff.photoLoading"))
	d.async(func() func() {
		photo, err := readPhoto(path)
		return func() {
			if err != nil {
				f.PhotoInfo.SetText(lang.L("org.staff.photoRule", map[string]any{"W": data.PhotoWidth, "H": data.PhotoHeight}))
				if form != nil {
					form.Error.SetText(locale.Message(err))
				}
				return
			}
			if form != nil {
				form.Error.SetText("")
			}
			f.NewPhoto, f.RemovePhoto = photo, false
			f.setPreview(photo)
			f.PhotoInfo.SetText(lang.L("org.staff.photoReady", map[string]any{"KB": (len(photo) + 1023) / 1024}))
		}
	})
}

// readPhoto reads a photo file (refusing a huge one before reading it) and
// prepares it for the store.
func readPhoto(path string) ([]byte, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, data.Invalid("photo", lang.L("org.staff.photoMissing"))
	}
	defer fh.Close()
	info, err := fh.Stat()
	if err != nil || info.IsDir() {
		return nil, data.Invalid("photo", lang.L("org.staff.photoMissing"))
	}
	raw, err := io.ReadAll(io.LimitReader(fh, data.MaxPhotoFileSize+1))
	if err != nil {
		return nil, data.Invalid("photo", lang.L("org.staff.photoMissing"))
	}
	return data.PreparePhoto(raw)
}

// PINFields are the fields of 重设密码.
type PINFields struct {
	PIN, Again *widget.Entry
}

// OpenPIN opens 重设密码 for a staff member: a new PIN typed twice. Setting
// it also lifts a lockout.
func (l *StaffList) OpenPIN(r data.StaffRecord) {
	d, st, sess := l.a.d, l.a.store, l.a.d.session
	p := &PINFields{PIN: widget.NewPasswordEntry(), Again: widget.NewPasswordEntry()}
	if r.Role == data.RoleAdmin {
		p.PIN.SetPlaceHolder(lang.L("org.staff.pinHintAdmin")) // data.MinAdminPINDigits
	} else {
		p.PIN.SetPlaceHolder(lang.L("org.staff.pinHint"))
	}
	p.Again.SetPlaceHolder(lang.L("org.staff.pinAgainHint"))
	rows := []fyne.CanvasObject{orgCompact(container.NewVBox(form(fieldCells("org.staff.pinNew", p.PIN),
		fieldCells("org.staff.pinAgain", p.Again)), hint(lang.L("org.staff.pinNote"))))}
	l.PIN, l.Fields = p, nil
	l.Form = newFormDialog(d, lang.L("org.staff.pinTitle", map[string]any{"Name": r.Name}), rows, fyne.NewSize(640, 520),
		func(f *FormDialog) func() error {
			if p.PIN.Text != p.Again.Text {
				f.Error.SetText(lang.L("org.staff.pinMismatch"))
				return nil
			}
			pin := p.PIN.Text
			return func() error { return st.SetPIN(d.opts.Context, sess, r.ID, pin) }
		}, l.saved(lang.L("org.staff.pinSet", map[string]any{"Name": r.Name})))
}

// Unlock lifts a lockout.
func (l *StaffList) Unlock(r data.StaffRecord) {
	d, st, sess := l.a.d, l.a.store, l.a.d.session
	l.change(func() (string, error) {
		return lang.L("org.staff.unlocked", map[string]any{"Name": r.Name}), st.UnlockStaff(d.opts.Context, sess, r.ID)
	})
}
