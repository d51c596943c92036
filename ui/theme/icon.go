package theme

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	fynetheme "fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

// DrawIcon puts into img the SVG icon src coloured with the theme colour c
// and drawn at side × side dp, as a ready picture: drawn once per icon,
// colour and size for the whole program, then shared.
//
// Fyne 2.7.1 decodes an image's SVG again at every refresh of a
// canvas.Image that holds a resource (canvas.Image.Refresh → svg.NewDecoder,
// and svg.Colorize for a themed icon), only its drawing is cached: a
// widget's icon is refreshed three or four times as it is built, laid out
// and first drawn, ~100 KB of garbage each, a third of what opening a
// screen allocated. An image that holds a picture (img.Image, no Resource)
// is only scaled when refreshed or resized.
//
// The picture has twice the pixels of side, so it stays sharp up to a
// display scale of 2; at scale 1 the GPU halves it with linear filtering
// (each pixel the mean of four: smooth edges). Call it from a renderer's
// Layout, with the size the icon gets; a nil src clears img.
func DrawIcon(img *canvas.Image, src fyne.Resource, c fyne.ThemeColorName, side float32) {
	if src == nil || side <= 0 {
		if img.Image != nil || img.Resource != nil {
			img.Resource, img.Image = nil, nil
			img.Refresh()
		}
		return
	}
	pic := iconPicture(src, c, side)
	if img.Image == pic && img.Resource == nil {
		return
	}
	img.Resource, img.File = nil, ""
	img.Image = pic
	img.FillMode = canvas.ImageFillContain
	img.Refresh()
}

type iconKey struct {
	name string
	col  color.RGBA
	px   int
}

var icons = struct {
	sync.Mutex
	m map[iconKey]image.Image
}{m: map[iconKey]image.Image{}}

// iconPicture is src in colour c, side dp square, from the cache or drawn.
func iconPicture(src fyne.Resource, c fyne.ThemeColorName, side float32) image.Image {
	settings := fyne.CurrentApp().Settings()
	r, g, b, a := settings.Theme().Color(c, settings.ThemeVariant()).RGBA()
	key := iconKey{
		name: src.Name(),
		col:  color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)},
		px:   int(math.Ceil(float64(side) * 2)),
	}
	icons.Lock()
	defer icons.Unlock()
	if pic, ok := icons.m[key]; ok {
		return pic
	}
	if len(icons.m) >= maxIcons { // sizes that came and went (a resized window)
		clear(icons.m)
	}
	var pic image.Image
	var err error
	if isSVG(src) {
		pic, err = drawSVG(fynetheme.NewColoredResource(src, c).Content(), key.px)
	} else { // a bitmap: shown as it is, as widget.Icon shows it
		pic, _, err = image.Decode(bytes.NewReader(src.Content()))
	}
	if err != nil {
		fyne.LogError("icon "+key.name, err)
		pic = image.NewNRGBA(image.Rect(0, 0, 1, 1))
	}
	icons.m[key] = pic
	return pic
}

// isSVG is how Fyne tells an SVG resource (internal/svg IsResourceSVG).
func isSVG(res fyne.Resource) bool {
	if strings.HasSuffix(strings.ToLower(res.Name()), ".svg") {
		return true
	}
	c := res.Content()
	if len(c) < 5 {
		return false
	}
	switch strings.ToLower(string(c[:5])) {
	case "<!doc", "<?xml", "<svg ":
		return true
	}
	return false
}

// maxIcons bounds the cache: a few dozen icons at a few sizes each.
const maxIcons = 512

// drawSVG draws an SVG into a px × px picture, keeping its aspect, as
// Fyne 2.7.1 draws one (internal/svg Decoder.Draw, which is not exported).
func drawSVG(content []byte, px int) (pic image.Image, err error) {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(content))
	if err != nil {
		return nil, err
	}
	vb := icon.ViewBox
	if vb.W <= 0 || vb.H <= 0 {
		return nil, errors.New("SVG without a view box")
	}
	w, h := px, px
	if aspect := vb.W / vb.H; aspect > 1 {
		h = max(1, int(float64(px)/aspect))
	} else if aspect < 1 {
		w = max(1, int(float64(px)*aspect))
	}
	var y float64
	if vb.Y < 0 {
		y = vb.Y + (-vb.Y/vb.H)*float64(h)
	}
	icon.SetTarget(0, y, float64(w), float64(h))
	// Premultiplied RGBA: x/image/vector fills it in one pass of its own
	// (rasterizeDstRGBASrcUniformOpOver); into an NRGBA picture it falls
	// back to a call of At and Set for every pixel of every path: a
	// 144-pixel document icon took 1.1–1.6 ms so, 0.28–0.33 ms now. Fyne
	// uploads an RGBA picture as it is, without converting it.
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	scanner := rasterx.NewScannerGV(int(vb.W), int(vb.H), img, img.Bounds())
	defer func() { // oksvg panics on some malformed paths
		if r := recover(); r != nil {
			pic, err = nil, fmt.Errorf("drawing SVG: %v", r)
		}
	}()
	icon.Draw(rasterx.NewDasher(px, px, scanner), 1)
	return img, nil
}

// Icon is widget.Icon drawn through DrawIcon: a theme icon in the theme
// colour Color (if empty: the colour a themed resource names, else the
// foreground), as large as its widget allows, centred.
type Icon struct {
	widget.BaseWidget
	Resource fyne.Resource
	Color    fyne.ThemeColorName
}

// NewIcon is an icon in the foreground colour, the size of inline icons
// at least.
func NewIcon(res fyne.Resource) *Icon {
	i := &Icon{Resource: res}
	i.ExtendBaseWidget(i)
	return i
}

// SetResource shows another icon.
func (i *Icon) SetResource(res fyne.Resource) {
	i.Resource = res
	i.Refresh()
}

// CreateRenderer is part of fyne.Widget.
func (i *Icon) CreateRenderer() fyne.WidgetRenderer {
	img := &canvas.Image{FillMode: canvas.ImageFillContain}
	return &iconRenderer{i: i, img: img, objs: []fyne.CanvasObject{img}}
}

type iconRenderer struct {
	i    *Icon
	img  *canvas.Image
	objs []fyne.CanvasObject
}

func (r *iconRenderer) Destroy()                     {}
func (r *iconRenderer) Objects() []fyne.CanvasObject { return r.objs }

func (r *iconRenderer) MinSize() fyne.Size {
	return fyne.NewSquareSize(r.i.Theme().Size(fynetheme.SizeNameInlineIcon))
}

func (r *iconRenderer) Layout(size fyne.Size) {
	side := min(size.Width, size.Height)
	r.img.Resize(fyne.NewSquareSize(side))
	r.img.Move(fyne.NewPos((size.Width-side)/2, (size.Height-side)/2))
	DrawIcon(r.img, r.i.Resource, r.color(), side)
}

func (r *iconRenderer) Refresh() { r.Layout(r.i.Size()) }

func (r *iconRenderer) color() fyne.ThemeColorName {
	if r.i.Color != "" {
		return r.i.Color
	}
	if t, ok := r.i.Resource.(fyne.ThemedResource); ok {
		return t.ThemeColorName()
	}
	return fynetheme.ColorNameForeground
}

// PictureIcon is src in the theme colour c as a ready picture for a
// widget.Button's icon, at the theme's inline icon size: the button's
// image decodes it from a few bytes (a format registered here) instead of
// decoding the SVG again at each refresh, as DrawIcon does for images we
// lay out ourselves. Fyne neither greys nor recolours a non-SVG icon: use
// it only on buttons of medium or low importance that are never disabled.
// A theme change (elder mode, another palette) is followed at the next
// refresh.
func PictureIcon(src fyne.Resource, c fyne.ThemeColorName) fyne.Resource {
	registerPictures.Do(func() {
		image.RegisterFormat("bianmin-icon", pictureMagic, decodePicture, decodePictureConfig)
	})
	return &pictureIcon{src: src, color: c}
}

const pictureMagic = "\x00bianmin-icon\x00"

var registerPictures sync.Once

type pictureIcon struct {
	src   fyne.Resource
	color fyne.ThemeColorName
}

// pictures are the PictureIcon pictures by their content.
var pictures = struct {
	sync.Mutex
	byKey     map[iconKey]string
	byContent map[string]image.Image
}{byKey: map[iconKey]string{}, byContent: map[string]image.Image{}}

// current is the content standing for the icon under the current theme.
func (p *pictureIcon) current() string {
	th := fyne.CurrentApp().Settings().Theme()
	side := th.Size(fynetheme.SizeNameInlineIcon)
	pic := iconPicture(p.src, p.color, side)
	r, g, b, a := th.Color(p.color, fyne.CurrentApp().Settings().ThemeVariant()).RGBA()
	key := iconKey{name: p.src.Name(), col: color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}, px: int(math.Ceil(float64(side) * 2))}
	pictures.Lock()
	defer pictures.Unlock()
	content, ok := pictures.byKey[key]
	if !ok {
		content = fmt.Sprintf("%s%s-%02x%02x%02x%02x-%d", pictureMagic, strings.TrimSuffix(key.name, ".svg"), key.col.R, key.col.G, key.col.B, key.col.A, key.px)
		pictures.byKey[key] = content
	}
	pictures.byContent[content] = pic
	return content
}

// Name is part of fyne.Resource: not an .svg name, so that Fyne takes the
// content for a picture.
func (p *pictureIcon) Name() string { return p.current()[len(pictureMagic):] + ".icon" }

// Content is part of fyne.Resource.
func (p *pictureIcon) Content() []byte { return []byte(p.current()) }

// lookupPicture finds the picture a PictureIcon's content stands for.
// Fyne decodes a button's icon at each refresh of it, twice (its size,
// then the picture): the content is read into a buffer just big enough
// for it (a magic, a name, a colour, a size) rather than 1 KB each time.
func lookupPicture(r io.Reader) (image.Image, error) {
	var buf [128]byte
	n, err := io.ReadFull(r, buf[:])
	key := buf[:n]
	switch err {
	case nil: // a longer content (a long icon name)
		rest, err := io.ReadAll(io.LimitReader(r, 4096))
		if err != nil {
			return nil, err
		}
		key = append(key, rest...)
	case io.ErrUnexpectedEOF, io.EOF:
	default:
		return nil, err
	}
	pictures.Lock()
	defer pictures.Unlock()
	if pic, ok := pictures.byContent[string(key)]; ok {
		return pic, nil
	}
	return nil, errors.New("unknown icon picture")
}

func decodePicture(r io.Reader) (image.Image, error) { return lookupPicture(r) }

func decodePictureConfig(r io.Reader) (image.Config, error) {
	pic, err := lookupPicture(r)
	if err != nil {
		return image.Config{}, err
	}
	b := pic.Bounds()
	return image.Config{ColorModel: pic.ColorModel(), Width: b.Dx(), Height: b.Dy()}, nil
}
