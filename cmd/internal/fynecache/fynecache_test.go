package fynecache_test

import (
	"os"
	"testing"
	"time"
	_ "unsafe" // for go:linkname

	"github.com/stretchr/testify/assert"

	"bianmin/cmd/internal/fynecache"
	_ "fyne.io/fyne/v2/widget" // links Fyne's cache package
)

// validDuration is how long Fyne keeps renderers and textures, as its cache
// package read it at initialisation.
//
//go:linkname validDuration fyne.io/fyne/v2/internal/cache.ValidDuration
var validDuration time.Duration

// The variable is set before Fyne's cache package reads it: this test
// binary imports Fyne after this package, as the program does.
func TestFyneReadsDuration(t *testing.T) {
	if os.Getenv(fynecache.Variable) != fynecache.Duration.String() {
		t.Skipf("%s is set in the environment", fynecache.Variable)
	}
	assert.Equal(t, fynecache.Duration, validDuration)
}
