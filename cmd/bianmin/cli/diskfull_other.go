//go:build !unix

package cli

import "errors"

// freeSpace is not known here: an I/O error stays an I/O error.
func freeSpace(string) (uint64, error) { return 0, errors.New("free space unknown") }
