package input

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/internal/shots"
	bntheme "bianmin/ui/theme"
)

// screens are the three kiosk displays, in dp.
var screens = map[string]fyne.Size{
	"1920x1080": {Width: 1920, Height: 1080},
	"1280x800":  {Width: 1280, Height: 800},
	"1080x1920": {Width: 1080, Height: 1920},
}

// keyboardKeys lists every key of the keyboard a resident can see in
// Pinyin mode.
func keyboardKeys(kb *Keyboard) []*Key {
	keys := []*Key{kb.Backspace, kb.Clear, kb.Space, kb.Done, kb.Switch, kb.SymbolsKey, kb.Prev, kb.Next, kb.Comma, kb.Period}
	for r := 'a'; r <= 'z'; r++ {
		keys = append(keys, kb.Letter(r))
	}
	for i := range CandidatesPerPage {
		keys = append(keys, kb.Candidate(i))
	}
	return keys
}

func keypadKeys(kp *Keypad) []*Key {
	keys := []*Key{kp.X, kp.Backspace, kp.Clear, kp.Done}
	for d := range 10 {
		keys = append(keys, kp.Digit(d))
	}
	return keys
}

// TestLayoutFits opens the keyboard and the keypad on each kiosk screen,
// in normal and elder mode, and checks that every key is at least 60×60
// dp and lies inside the window, and that the panel never covers the
// field being typed into.
func TestLayoutFits(t *testing.T) {
	for name, size := range screens {
		for _, elder := range []bool{false, true} {
			t.Run(name+map[bool]string{false: "", true: "-elder"}[elder], func(t *testing.T) {
				p, es, w := newScreen(t, Text, IDNumber)
				fyne.CurrentApp().Settings().SetTheme(bntheme.New(elder))
				w.Resize(size)
				for i, e := range es {
					test.Tap(e)
					w.Content().Refresh()
					w.Resize(size)
					keys := keyboardKeys(p.Keyboard)
					if i == 1 {
						keys = keypadKeys(p.Keypad)
					}
					d := fyne.CurrentApp().Driver()
					for _, k := range keys {
						s, pos := k.Size(), d.AbsolutePositionForObject(k)
						assert.GreaterOrEqual(t, s.Width, float32(60), "key %q", k.Label())
						assert.GreaterOrEqual(t, s.Height, float32(60), "key %q", k.Label())
						assert.LessOrEqual(t, pos.X+s.Width, size.Width+0.5, "key %q off screen", k.Label())
						assert.LessOrEqual(t, pos.Y+s.Height, size.Height+0.5, "key %q off screen", k.Label())
					}
					entryBottom := d.AbsolutePositionForObject(e).Y + e.Size().Height
					assert.LessOrEqual(t, entryBottom, d.AbsolutePositionForObject(p).Y, "panel covers the field")
					assert.Greater(t, p.Size().Height, float32(0))
				}
			})
		}
	}
}

// TestRender draws the keyboard with candidates and the keypad with the
// kiosk theme and checks the pictures have content. With
// BIANMIN_SHOTS set (make shots) they are kept as PNG files in its input/.
func TestRender(t *testing.T) {
	tests := map[string]struct {
		kind Kind
		size fyne.Size
		taps func(p *Panel)
	}{
		"keyboard-pinyin-1280x800": {Name, fyne.NewSize(1280, 800), func(p *Panel) { tapLetters(t, p.Keyboard, "zhang") }},
		"keyboard-letters-1080x1920": {Code, fyne.NewSize(1080, 1920), func(p *Panel) {
			tapLetters(t, p.Keyboard, "bm")
		}},
		"keyboard-symbols-1920x1080": {Text, fyne.NewSize(1920, 1080), func(p *Panel) { test.Tap(p.Keyboard.SymbolsKey) }},
		"keypad-id-1280x800": {IDNumber, fyne.NewSize(1280, 800), func(p *Panel) {
			for _, d := range "11010519491231002" {
				test.Tap(p.Keypad.Digit(int(d - '0')))
			}
			test.Tap(p.Keypad.X)
		}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			p, es, w := newScreen(t, tc.kind)
			es[0].SetPlaceHolder("姓名")
			w.SetContent(container.NewBorder(nil, p, nil, nil,
				container.NewVBox(widget.NewLabel("请填写申请人信息"), es[0])))
			w.Resize(tc.size)
			test.Tap(es[0])
			tc.taps(p)
			// The desktop driver lays a container out again when a child's
			// MinSize changes (the panel opening); the test canvas does not.
			w.Content().Refresh()
			img := w.Canvas().Capture()
			require.NotNil(t, img)
			assert.Greater(t, colours(img), 3, "the picture has content")
			if dir := shots.Dir(t, "input"); dir != "" {
				f, err := os.Create(filepath.Join(dir, "input-"+name+".png"))
				require.NoError(t, err)
				defer f.Close()
				require.NoError(t, png.Encode(f, img))
			}
		})
	}
}

// colours counts distinct colours in a sample of img's pixels.
func colours(img image.Image) int {
	seen := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[[4]uint32{r, g, bl, a}] = true
		}
	}
	return len(seen)
}
