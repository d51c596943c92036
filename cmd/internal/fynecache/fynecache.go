// Package fynecache shortens how long Fyne keeps what a screen no longer
// on the window used: import it (for its side effect) in a program's main
// package, before anything of Fyne runs.
//
// Fyne 2.7.1 keeps a widget's renderer, and the GL texture of every text
// and image it drew, for ValidDuration after it was last drawn: one
// minute (fyne.io/fyne/v2/internal/cache). On a kiosk without a GPU the
// textures live in the C heap (Mesa's llvmpipe), and a resident going
// through a registration leaves tens of MB of them behind for that
// minute. The duration is read once, from the FYNE_CACHE variable, when
// Fyne's cache package is initialised; this package sets that variable
// first (package initialisation runs in the order of import paths, among
// the packages whose imports are done, and this one needs nothing Fyne
// needs), unless the environment sets it already.
//
// Why Duration and not less: textures expire only while the window is
// repainted, and Fyne walks a window that is not being repainted every
// Duration minus 10 s to keep its caches alive; at 10 s or less that walk
// would run at every frame.
package fynecache

import (
	"os"
	"time"
)

// Variable is the environment variable Fyne reads its cache duration from.
const Variable = "FYNE_CACHE"

// Duration is how long Fyne keeps a screen's renderers and textures after
// it was last drawn: a screen gone back to within it (a step back, the
// keyboard shown again) is drawn from what is kept.
const Duration = 20 * time.Second

func init() {
	if _, set := os.LookupEnv(Variable); !set {
		os.Setenv(Variable, Duration.String())
	}
}
