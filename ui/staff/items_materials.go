package staff

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
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
	"bianmin/ui/touch"
)

// MaterialCard edits one 申报材料 of the item: name, required, form,
// copies, note and its sample form (样表), an image or a PDF chosen with
// the file dialog or typed as a path.
type MaterialCard struct {
	// ID is the material's id in the store (0 for a new one): it travels
	// with the card when the card moves or is renamed, so the requests that
	// recorded the material keep it.
	ID       int64
	Name     *widget.Entry
	Required *widget.Check
	Form     *touch.Select
	Copies   *widget.Entry
	Note     *widget.Entry
	// The sample form.
	SampleName  string
	SampleData  []byte
	SampleInfo  *widget.Label
	SamplePath  *widget.Entry
	LoadPath    *widget.Button
	Choose      *widget.Button
	ClearSample *widget.Button
	cardParts

	e       *ItemEditor
	preview *fyne.Container
}

func (e *ItemEditor) addMaterial(m data.Material) {
	d := e.s.a.d
	c := &MaterialCard{ID: m.ID, e: e, SampleName: m.SampleName, SampleData: m.SampleData}
	var errs fyne.CanvasObject
	move, remove := cardActions(e.matBox, &e.Materials, c)
	c.cardParts, errs = newCardParts(d, move, remove, "name", "form", "copies", "note", "sample_data")
	c.Name = d.newEntry(false, lang.L("items.m.nameHint"))
	c.Name.SetText(m.Name)
	c.Required = widget.NewCheck(lang.L("items.m.required"), nil)
	c.Required.SetChecked(m.Required)
	c.Form = newPicker(wordsOf(itemFormOrder, materialFormWord), nil) // itemFormOrder, by index
	c.Form.SetSelectedIndex(slices.Index(itemFormOrder, m.Form))
	c.Copies = d.newEntry(false, "1")
	c.Copies.SetText(strconv.Itoa(m.Copies))
	c.Note = d.newEntry(false, lang.L("items.m.noteHint"))
	c.Note.SetText(m.Note)
	c.SampleInfo = widget.NewLabel("")
	c.SampleInfo.Wrapping = fyne.TextWrapWord
	c.SamplePath = d.newEntry(false, lang.L("items.m.pathHint"))
	c.LoadPath = widget.NewButton(lang.L("items.m.loadPath"), d.tap(func() { c.LoadSample(c.SamplePath.Text) }))
	c.Choose = widget.NewButtonWithIcon(lang.L("items.m.choose"), fynetheme.FolderOpenIcon(), d.tap(c.openFileDialog))
	c.ClearSample = widget.NewButtonWithIcon(lang.L("items.m.clearSample"), fynetheme.DeleteIcon(), d.tap(func() {
		c.SampleName, c.SampleData = "", nil
		c.showSample()
	}))
	c.preview = container.NewStack()
	c.errs["sample_name"] = c.errs["sample_data"]
	c.box = widget.NewCard("", "", container.NewVBox(
		container.New(materialWeights, c.heading, c.Name, c.Form, container.NewBorder(nil, nil, nil, widget.NewLabel(lang.L("items.m.unit")), c.Copies),
			c.Required),
		c.withButtons("items.m.note", c.Note),
		container.NewBorder(nil, nil, c.preview, nil, container.NewVBox(c.SampleInfo,
			container.NewBorder(nil, nil, nil, container.NewHBox(c.LoadPath, c.Choose, c.ClearSample), c.SamplePath))),
		errs,
	))
	c.showSample()
	e.Materials = append(e.Materials, c)
	layoutCards(e.matBox, e.Materials)
}

// materialWeights lay a material's first line out (and the header above the
// cards): number, name, form, copies, required.
var materialWeights = weightedColumns{0.4, 3.6, 2.4, 1.5, 1.9}

// showSample describes the sample form the card holds, with a thumbnail
// of an image.
func (c *MaterialCard) showSample() {
	c.preview.RemoveAll()
	if len(c.SampleData) == 0 {
		c.SampleInfo.SetText(lang.L("items.m.noSample"))
		c.ClearSample.Disable()
		c.preview.Refresh()
		return
	}
	c.ClearSample.Enable()
	kind := data.SampleKind(c.SampleData)
	c.SampleInfo.SetText(lang.L("items.m.sampleInfo", map[string]any{"Name": c.SampleName,
		"Size": sizeText(int64(len(c.SampleData))), "Kind": strings.ToUpper(kind)}))
	var thumb fyne.CanvasObject
	if kind == "png" || kind == "jpeg" {
		img := canvas.NewImageFromResource(fyne.NewStaticResource(c.SampleName, c.SampleData))
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSize(96, 96))
		thumb = img
	} else {
		icon := widget.NewIcon(fynetheme.FileApplicationIcon())
		thumb = container.New(&fixedSize{size: fyne.NewSize(96, 96)}, icon)
	}
	c.preview.Add(thumb)
	c.preview.Refresh()
}

// openFileDialog lets the administrator choose the sample form.
func (c *MaterialCard) openFileDialog() {
	d := c.e.s.a.d
	dlg := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil {
			c.sampleFailed(err.Error())
			return
		}
		if rc == nil {
			return // cancelled
		}
		path := rc.URI().Path()
		rc.Close()
		c.SamplePath.SetText(path)
		c.LoadSample(path)
	}, d.win)
	dlg.SetFilter(storage.NewExtensionFileFilter([]string{".png", ".jpg", ".jpeg", ".pdf", ".PNG", ".JPG", ".JPEG", ".PDF"}))
	dlg.Resize(fyne.NewSize(900, 620))
	dlg.Show()
}

// LoadSample reads the sample form at path, refusing politely a file that
// is too large or not an image or a PDF. The card keeps its old sample
// when the new one is refused.
func (c *MaterialCard) LoadSample(path string) {
	d := c.e.s.a.d
	path = strings.TrimSpace(path)
	setErrorLine(c.errs["sample_data"], "")
	if path == "" {
		c.sampleFailed(lang.L("items.m.noPath"))
		return
	}
	d.async(func() func() {
		b, msg := readSample(path)
		return func() {
			if msg != "" {
				c.sampleFailed(msg)
				return
			}
			c.SampleName, c.SampleData = filepath.Base(path), b
			c.showSample()
		}
	})
}

// readSample reads a sample form file, or says in Chinese why it cannot.
func readSample(path string) ([]byte, string) {
	f, err := os.Open(path)
	if err != nil {
		return nil, lang.L("items.m.cannotOpen")
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return nil, lang.L("items.m.cannotOpen")
	} else if err == nil && st.Size() > data.MaxSampleBytes {
		return nil, lang.L("items.m.tooLarge", map[string]any{"Size": sizeText(st.Size())})
	}
	b, err := io.ReadAll(io.LimitReader(f, data.MaxSampleBytes+1))
	switch {
	case err != nil:
		return nil, lang.L("items.m.cannotOpen")
	case len(b) > data.MaxSampleBytes:
		return nil, lang.L("items.m.tooLarge", map[string]any{"Size": sizeText(int64(len(b)))})
	case data.SampleKind(b) == "":
		return nil, lang.L("items.m.wrongKind")
	}
	return b, ""
}

func (c *MaterialCard) sampleFailed(msg string) {
	setErrorLine(c.errs["sample_data"], msg)
}

// collect is the material the card says; false when the copies are not a
// number.
func (c *MaterialCard) collect() (data.Material, bool) {
	m := data.Material{ID: c.ID, Name: strings.TrimSpace(c.Name.Text), Required: c.Required.Checked,
		Note: strings.TrimSpace(c.Note.Text), SampleName: c.SampleName, SampleData: c.SampleData}
	if i := c.Form.SelectedIndex(); i >= 0 {
		m.Form = itemFormOrder[i]
	}
	ok := true
	if t := strings.TrimSpace(c.Copies.Text); t != "" {
		n, err := strconv.Atoi(t)
		m.Copies, ok = n, err == nil
	}
	return m, ok
}
