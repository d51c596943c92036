package fynecache_test

import (
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
	_ "unsafe" // for go:linkname

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/cmd/internal/fynecache"
	_ "fyne.io/fyne/v2/widget" // links Fyne's cache package
)

// validDuration is how long Fyne keeps renderers and textures, as its cache
// package read it at initialisation.
//
//go:linkname validDuration fyne.io/fyne/v2/internal/cache.ValidDuration
var validDuration time.Duration

// wantVariable names, in a child run of this test binary, the duration
// Fyne must have read.
const wantVariable = "BIANMIN_FYNECACHE_WANT"

// The variable is set before Fyne's cache package reads it: this test
// binary imports Fyne after this package, as the program does. Whatever
// the environment, Fyne reads what the variable holds after this
// package's init: Duration, or the environment's own value.
func TestFyneReadsDuration(t *testing.T) {
	want, err := time.ParseDuration(os.Getenv(fynecache.Variable))
	require.NoError(t, err)
	if w := os.Getenv(wantVariable); w != "" {
		want, err = time.ParseDuration(w)
		require.NoError(t, err)
	}
	assert.Equal(t, want, validDuration)
}

// Without the variable in the environment Fyne keeps things for Duration;
// a value the environment sets is left as it is.
func TestEnvironmentDecidesWhenSet(t *testing.T) {
	for _, c := range []struct {
		name, env, want string
	}{
		{"unset", "", fynecache.Duration.String()},
		{"set", "45s", "45s"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestFyneReadsDuration$", "-test.count=1")
			cmd.Env = append(withoutVariable(os.Environ()), wantVariable+"="+c.want)
			if c.env != "" {
				cmd.Env = append(cmd.Env, fynecache.Variable+"="+c.env)
			}
			out, err := cmd.CombinedOutput()
			require.NoError(t, err, "%s", out)
			assert.Contains(t, string(out), "PASS")
		})
	}
}

// withoutVariable is env less Fyne's cache variable and the wanted value.
func withoutVariable(env []string) []string {
	var kept []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, fynecache.Variable+"=") && !strings.HasPrefix(kv, wantVariable+"=") {
			kept = append(kept, kv)
		}
	}
	return kept
}
