//go:build !linux || !cgo

package main

// trimNative is Linux's malloc_trim (trim_linux.go); elsewhere the C
// library returns freed memory on its own terms.
func trimNative() {}
