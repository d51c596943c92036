package cli

import (
	"errors"
	"fmt"
	"path/filepath"

	"bianmin/data"
)

// lowSpace is the free space under which an I/O error on the data file is
// taken for a full disk: SQLite reports a disk that fills while it grows
// its -shm or -wal as an I/O error (SQLITE_IOERR_SHMSIZE and kin), not as
// SQLITE_FULL.
const lowSpace = 1 << 20

// fullDisk turns an I/O error on the data file at path into ErrFull when
// the disk it is on has less than lowSpace free (free says how much; nil
// free: the file system's own count), so that the screen says to free
// space rather than to restore a backup. Other errors pass unchanged.
func fullDisk(path string, err error, free func(dir string) (uint64, error)) error {
	if !errors.Is(err, data.ErrIO) || errors.Is(err, data.ErrFull) {
		return err
	}
	if free == nil {
		free = freeSpace
	}
	n, ferr := free(filepath.Dir(path))
	if ferr != nil || n >= lowSpace {
		return err
	}
	return fmt.Errorf("%w: %d KiB free on the disk of %s (%v)", data.ErrFull, n>>10, path, err)
}
