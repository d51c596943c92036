package main

import (
	"sync"
	_ "unsafe" // for go:linkname, see trimSQLite

	"bianmin/internal/modcheck"
	"modernc.org/memory"
)

// libcAllocator is the C heap of the SQLite engine (modernc.org/libc, the
// SQLite C library translated to Go): its malloc and free, not Go's heap
// and not glibc's. libcAllocatorMu is the lock its malloc and free hold.
//
//go:linkname libcAllocator modernc.org/libc.allocator
var libcAllocator memory.Allocator

//go:linkname libcAllocatorMu modernc.org/libc.allocatorMu
var libcAllocatorMu sync.Mutex

// libcVersion is the only modernc.org/libc whose allocator trimSQLite knows.
const libcVersion = "v1.80.1"

// trimSQLite hands back to the system the memory the SQLite engine has
// freed. Its allocator (modernc.org/memory) keeps the regions it empties
// for reuse, up to its high-water mark plus 4 MB, and returns them only
// when asked (Allocator.Trim), which modernc.org/libc never does: the page
// caches of the start's check of the data file and of the daily backup
// (a second connection on a copy) stay resident, ~4 MB on the big data
// file. Trim unmaps only regions with nothing live in them; the next query
// maps what it needs again.
//
// It reaches libc's allocator through go:linkname, so it checks first that
// the linked libc is the version it was written for, and does nothing
// otherwise. Call it when the program is at rest (idlegc).
func trimSQLite() {
	if !knownLibc() {
		return
	}
	libcAllocatorMu.Lock()
	defer libcAllocatorMu.Unlock()
	libcAllocator.Trim()
}

// knownLibc reports whether the program is linked with libcVersion. A test
// binary lists no modules; there TestLibcVersion checks go.mod.
var knownLibc = sync.OnceValue(func() bool {
	return modcheck.Linked("modernc.org/libc", libcVersion)
})
