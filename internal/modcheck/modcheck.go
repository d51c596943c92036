// Package modcheck tells whether the running program is linked with a given
// version of a module. The few places that reach into a dependency's
// unexported state (Fyne's font cache, the SQLite engine's allocator) ask it
// first and do nothing on any other version.
package modcheck

import (
	"regexp"
	"runtime/debug"
)

// Linked reports whether the program is linked with module path at
// version (after any replace directive). A test binary lists no modules:
// there it reports true, and a test of the caller checks go.mod instead.
func Linked(path, version string) bool {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	return linked(info.Deps, path, version)
}

func linked(deps []*debug.Module, path, version string) bool {
	if len(deps) == 0 {
		return true // a test binary
	}
	for _, m := range deps {
		if m.Path != path {
			continue
		}
		if m.Replace != nil {
			m = m.Replace
		}
		return m.Version == version
	}
	return false
}

// Required reports whether the go.mod text mod requires module path at
// version: what a test checks, since a test binary cannot tell what it
// links.
func Required(mod []byte, path, version string) bool {
	re := regexp.MustCompile(`(?m)^\s*(require\s+)?` + regexp.QuoteMeta(path) + ` ` + regexp.QuoteMeta(version) + `(\s|$)`)
	return re.Match(mod)
}
