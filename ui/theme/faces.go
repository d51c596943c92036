//go:build !migrated_fynedo

package theme

import (
	"reflect"
	"sync"
	"unsafe" // for go:linkname and the cache key's unexported fields, see ShareFaces

	"fyne.io/fyne/v2"

	"bianmin/internal/modcheck"
)

// fontCache is Fyne's cache of parsed fonts (fyne.io/fyne/v2 v2.7.1
// internal/painter/font.go: an async.Map, which is a struct holding only a
// sync.Map unless built with the migrated_fynedo tag). It is keyed by text
// style and theme scope, never by font file.
//
//go:linkname fontCache fyne.io/fyne/v2/internal/painter.fontCache
var fontCache sync.Map

// fyneVersion is the only Fyne whose font cache ShareFaces knows.
const fyneVersion = "v2.7.1"

// sharedStyles are the text styles that ShareFaces points at the regular
// text's fonts. Monospace is left alone: Fyne measures its tabs by the
// monospace fallback font.
var sharedStyles = []fyne.TextStyle{
	{Bold: true}, {Italic: true}, {Bold: true, Italic: true},
	{Underline: true}, {Bold: true, Underline: true},
	{Italic: true, Underline: true}, {Bold: true, Italic: true, Underline: true},
}

// ShareFaces makes bold, italic and underlined text use the fonts Fyne
// parsed for regular text, instead of parsing them all again. Call it once
// the app's theme is set, before anything else measures or draws text
// (LoadFonts calls it in the background at start); it parses the regular
// fonts now if they are not yet. It reports whether it could.
//
// Why: Fyne 2.7.1 caches parsed fonts per text style, and its buttons
// always draw bold text, so the first button parses the 1.3 MB CJK font, a
// Latin bold font, the emoji font and a system font once more (about 12
// MB and 15–25 ms at start). This theme has one face for every style (see
// Theme.Font), so the bold fonts draw the same glyphs as the regular
// ones; the only difference is a character the CJK font lacks, which is
// drawn from Fyne's regular fallback font rather than its bold one.
//
// It writes into Fyne's private cache (through go:linkname), so it checks
// first that the linked Fyne is the version it was written for and that
// the cache holds what it expects, and does nothing otherwise. Setting a
// new theme (elder mode) clears that cache; bold is then parsed once more,
// as without ShareFaces.
func ShareFaces(a fyne.App) bool {
	if !knownFyne() {
		return false
	}
	// A measure with no font source loads the regular faces into the cache
	// under the app's scope, unless they are there already.
	a.Driver().RenderedTextSize("便民", 17.25, fyne.TextStyle{}, nil)
	key, val, ok := regularEntry()
	if !ok {
		return false
	}
	for _, s := range sharedStyles {
		k := reflect.New(key).Elem()
		setField(k.Field(0), reflect.ValueOf(s))
		fontCache.LoadOrStore(k.Interface(), val)
	}
	return true
}

// knownFyne reports whether the program is linked with fyneVersion. A
// test binary lists no modules; there TestFyneVersion checks go.mod.
func knownFyne() bool { return modcheck.Linked("fyne.io/fyne/v2", fyneVersion) }

// regularEntry finds the regular text's entry of the font cache: its key
// type (a struct of style fyne.TextStyle and scope string) and its value.
func regularEntry() (key reflect.Type, val any, ok bool) {
	fontCache.Range(func(k, v any) bool {
		kv := reflect.ValueOf(k)
		if !isCacheID(kv.Type()) || reflect.TypeOf(v).Kind() != reflect.Pointer {
			return true
		}
		if readField(kv, 0).Interface().(fyne.TextStyle) != (fyne.TextStyle{}) || readField(kv, 1).String() != "" {
			return true
		}
		key, val, ok = kv.Type(), v, true
		return false
	})
	return key, val, ok
}

// isCacheID reports whether t is Fyne's font cache key as ShareFaces knows it.
func isCacheID(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && t.Name() == "cacheID" &&
		t.PkgPath() == "fyne.io/fyne/v2/internal/painter" && t.NumField() == 2 &&
		t.Field(0).Name == "style" && t.Field(0).Type == reflect.TypeOf(fyne.TextStyle{}) &&
		t.Field(1).Name == "scope" && t.Field(1).Type.Kind() == reflect.String
}

// readField returns field i of the struct v, unexported or not.
func readField(v reflect.Value, i int) reflect.Value {
	c := reflect.New(v.Type()).Elem()
	c.Set(v)
	f := c.Field(i)
	return reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
}

// setField sets the addressable field f, unexported or not, to v.
func setField(f, v reflect.Value) {
	reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Set(v)
}
