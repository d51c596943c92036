package modcheck

import (
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestLinkedMatchesTheVersionAfterReplace(t *testing.T) {
	deps := []*debug.Module{
		{Path: "fyne.io/fyne/v2", Version: "v2.7.1"},
		{Path: "modernc.org/libc", Version: "v1.0.0", Replace: &debug.Module{Path: "modernc.org/libc", Version: "v1.80.1"}},
	}
	assert.True(t, linked(deps, "fyne.io/fyne/v2", "v2.7.1"))
	assert.False(t, linked(deps, "fyne.io/fyne/v2", "v2.7.2"), "another version")
	assert.True(t, linked(deps, "modernc.org/libc", "v1.80.1"), "the replacement counts")
	assert.False(t, linked(deps, "modernc.org/libc", "v1.0.0"), "not the replaced version")
	assert.False(t, linked(deps, "example.org/absent", "v1.0.0"), "a module not linked")
	assert.True(t, linked(nil, "example.org/absent", "v1.0.0"), "a test binary lists no modules")
}

func TestRequiredReadsGoMod(t *testing.T) {
	mod := []byte("module x\n\nrequire (\n\tfyne.io/fyne/v2 v2.7.1\n\tmodernc.org/libc v1.80.1 // indirect\n)\n")
	assert.True(t, Required(mod, "fyne.io/fyne/v2", "v2.7.1"))
	assert.True(t, Required(mod, "modernc.org/libc", "v1.80.1"), "an indirect requirement counts")
	assert.False(t, Required(mod, "fyne.io/fyne/v2", "v2.7.10"), "not a prefix of another version")
	assert.False(t, Required(mod, "modernc.org/libc", "v1.80.0"))
}
