//go:build linux && cgo

package main

// #include <malloc.h>
import "C"

// trimNative hands the C heap's free pages back to the system. The GL
// driver (Mesa's llvmpipe on a kiosk without a GPU) keeps each texture in
// memory it mallocs; glibc keeps what is freed in its arenas, and once a
// large block has been freed it raises its mmap threshold, so the next
// textures come from the arenas too. Over a long session the resident
// memory then holds the textures of every screen since the start, long
// after Fyne freed them, and a kiosk's memory creeps up over a day's use.
// malloc_trim(0) releases the free pages of every arena, the middle of the
// heap included.
func trimNative() { C.malloc_trim(0) }
