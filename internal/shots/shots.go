// Package shots tells the screenshot generators where to write. They are
// tests built only with the "shots" build tag, so that `go test` neither
// runs nor lists them; `make shots` builds them and sets BIANMIN_SHOTS to
// the directory that receives the PNG (and sample PDF) files, one
// subdirectory per area. A few ordinary tests also keep what they drew
// there when BIANMIN_SHOTS is set. It imports nothing of the program (only
// Fyne), so the tests of every package can use it.
package shots

import (
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
)

// Env names the directory the screenshots go to.
const Env = "BIANMIN_SHOTS"

// Dir is $BIANMIN_SHOTS/sub (sub may be ""), created, or "" when
// BIANMIN_SHOTS is not set: then an ordinary test writes nothing.
func Dir(t testing.TB, sub string) string {
	t.Helper()
	root := os.Getenv(Env)
	if root == "" {
		return ""
	}
	dir := filepath.Join(root, sub)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("shots: %v", err)
	}
	return dir
}

// Need is Dir for a generator: without BIANMIN_SHOTS (go test -tags shots
// run by hand) it skips the test, saying how to run it.
func Need(t testing.TB, sub string) string {
	t.Helper()
	dir := Dir(t, sub)
	if dir == "" {
		t.Skip("run make shots, or set " + Env + "=DIR with -tags shots, to write screenshots")
	}
	return dir
}

// Save writes what canvas c shows to dir/name.png.
func Save(t testing.TB, dir, name string, c fyne.Canvas) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatalf("shots: %v", err)
	}
	defer f.Close()
	if err := png.Encode(f, c.Capture()); err != nil {
		t.Fatalf("shots: %v", err)
	}
}
