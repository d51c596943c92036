//go:build !cgo

package main

import (
	"fmt"
	"os"
)

// Without cgo there is no window (Fyne's GL driver needs it); this stub
// lets the package build, vet and test with CGO_ENABLED=0 like the rest.
func main() {
	fmt.Fprintln(os.Stderr, "barefyne: built without cgo, so it has no window; build it with CGO_ENABLED=1")
	os.Exit(1)
}
