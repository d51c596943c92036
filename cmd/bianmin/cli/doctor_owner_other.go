//go:build !linux

package cli

// becomeOwner does nothing here: the doctor runs as whoever started it.
func becomeOwner(string) (string, error) { return "", nil }
