// Package themetest helps tests see what the theme costs: a theme that
// counts how often Fyne loads its fonts, and a reading of the live heap.
//
// Fyne 2.7.1 asks a theme for a font (Theme.Font) only when its font
// cache misses (internal/painter/font.go CachedFontFace), and parses the
// whole font file each time. Every container.NewThemeOverride, and every
// refresh of one, starts a new cache scope and so a new parse that is
// never freed. A screen that asks for fonts again as it gets more rows,
// or each time it is built, leaks memory.
package themetest

import (
	"image"
	"image/color"
	"runtime"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"
)

// Counting wraps a theme and counts the font loads Fyne asks of it.
type Counting struct {
	fyne.Theme
	fonts atomic.Int64
}

var _ fyne.Theme = (*Counting)(nil)

// Count wraps th.
func Count(th fyne.Theme) *Counting { return &Counting{Theme: th} }

// Font is part of fyne.Theme; each call is a font parse in Fyne.
func (c *Counting) Font(s fyne.TextStyle) fyne.Resource {
	c.fonts.Add(1)
	return c.Theme.Font(s)
}

// Color is part of fyne.Theme.
func (c *Counting) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return c.Theme.Color(n, v)
}

// Size is part of fyne.Theme.
func (c *Counting) Size(n fyne.ThemeSizeName) float32 { return c.Theme.Size(n) }

// Icon is part of fyne.Theme.
func (c *Counting) Icon(n fyne.ThemeIconName) fyne.Resource { return c.Theme.Icon(n) }

// Elder is the wrapped theme's elder mode, so that bianmin/ui/theme.IsElder
// sees through the wrapper.
func (c *Counting) Elder() bool {
	e, ok := c.Theme.(interface{ Elder() bool })
	return ok && e.Elder()
}

// Fonts is the number of font loads so far.
func (c *Counting) Fonts() int { return int(c.fonts.Load()) }

// Use sets a counting wrapper of the app's current theme as the app's
// theme and returns it. Setting a theme clears Fyne's font cache, so the
// count starts from an empty cache.
func Use(a fyne.App) *Counting {
	c := Count(a.Settings().Theme())
	a.Settings().SetTheme(c)
	return c
}

// Heap is the live heap in bytes after two garbage collections.
func Heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// Draw paints what w shows with Fyne's software painter, as a frame of
// the real driver would: drawing text is what makes Fyne load a font for
// a theme scope. (A test window has no painter: the content moves to a
// software canvas of the same size for the drawing, and back.)
func Draw(w fyne.Window) image.Image {
	content, size := w.Content(), w.Canvas().Size()
	c := software.NewCanvas()
	c.SetContent(content)
	c.Resize(size)
	img := c.Capture()
	lastClean = time.Now()
	w.SetContent(content)
	w.Resize(size)
	return img
}

// lastClean is when a capture last let Fyne clean its caches.
var lastClean time.Time

// SettledHeap is the live heap once Fyne has dropped the renderers of
// everything no longer on screen. Fyne keeps a widget's renderer for
// ValidDuration after its last use (one minute; the FYNE_CACHE variable
// sets it when the process starts) and cleans its caches on a paint, at
// most every ten seconds: run with FYNE_CACHE=1s, and SettledHeap waits
// for the next clean (up to ten seconds) and paints.
func SettledHeap() uint64 {
	time.Sleep(max(10*time.Second+100*time.Millisecond-time.Since(lastClean), 1100*time.Millisecond))
	software.NewCanvas().Capture() // the paint that cleans
	lastClean = time.Now()
	return Heap()
}
