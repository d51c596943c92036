package cli

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"bianmin/data"
)

// restoreClosed restores the backup at src over the data file at live, on a
// closed store: data.RestoreFile, which keeps the current data beside it.
// When the current file is too damaged for that (SQLite cannot read it to
// keep a copy or carry its receipt numbers over), it is renamed aside as it
// is, <live>.damaged-YYYYMMDD-HHMMSS with its -wal and -shm, never deleted,
// and the backup is restored into its place. A backup that fails its check,
// a busy file or a cancel change nothing.
func restoreClosed(ctx context.Context, live, src string) (data.RestoreResult, error) {
	res, err := data.RestoreFile(ctx, src, live, nil)
	if err == nil || errors.Is(err, data.ErrInvalid) || errors.Is(err, data.ErrBusy) || ctx.Err() != nil {
		return res, err
	}
	if _, serr := os.Stat(live); serr != nil {
		return res, err
	}
	aside, merr := moveAside(live, time.Now())
	if merr != nil {
		return res, errors.Join(err, merr)
	}
	res, err = data.RestoreFile(ctx, src, live, nil)
	if err != nil {
		return res, fmt.Errorf("%w (the damaged data file is kept as %s)", err, aside)
	}
	res.Kept = aside
	return res, nil
}

// moveAside renames the data file and what SQLite keeps beside it to
// <live>.damaged-YYYYMMDD-HHMMSS (China time; -2, -3 … if taken).
func moveAside(live string, now time.Time) (string, error) {
	base := live + ".damaged-" + now.In(data.China).Format("20060102-150405")
	name := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(name); errors.Is(err, os.ErrNotExist) {
			break
		}
		name = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Rename(live, name); err != nil {
		return "", fmt.Errorf("moving the damaged data file aside: %w", err)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Lstat(live + suffix); err == nil {
			if err := os.Rename(live+suffix, name+suffix); err != nil {
				return name, fmt.Errorf("moving the damaged data file aside: %w", err)
			}
		}
	}
	return name, nil
}

// RestoreAtStart restores the backup at src over the data file at dataFile
// when the program could not open it (damaged, missing or emptied: no store
// is open), for by (the administrator who confirmed it; zero from the
// command line). It writes the first-start marker if there is none and
// records the restore in the restored data's audit log. The caller then
// opens the data file as at any start.
func RestoreAtStart(ctx context.Context, dataFile, src string, by data.Session) (data.RestoreResult, error) {
	res, err := restoreClosed(ctx, dataFile, src)
	if err != nil {
		return res, err
	}
	if _, err := os.Stat(MarkerFile(dataFile)); err != nil && !data.IsPostgresDSN(dataFile) {
		if err := writeMarker(dataFile); err != nil {
			return res, err
		}
	}
	s, err := data.Open(ctx, dataFile)
	if err != nil {
		return res, err
	}
	defer s.Close()
	return res, s.RecordRestore(ctx, by, res)
}
