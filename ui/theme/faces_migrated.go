//go:build migrated_fynedo

package theme

import "fyne.io/fyne/v2"

// ShareFaces does nothing in a build with the migrated_fynedo tag, where
// Fyne's font cache is laid out differently (see faces.go).
func ShareFaces(fyne.App) bool { return false }
