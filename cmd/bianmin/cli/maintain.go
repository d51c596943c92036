package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"time"

	"bianmin/data"
)

// DefaultBackupKeep is how many daily backups are kept unless --backup-keep
// says otherwise: a month of them.
const DefaultBackupKeep = 30

// DefaultBackupDir is the folder of the daily backups for a data file: a
// "backups" folder beside it. A PostgreSQL store (a postgres:// --data)
// has none by default: the hall's terminals share one database, and the
// daily pg_dump is made by the one (or few) given --backup-dir, not by
// every window (see the README).
func DefaultBackupDir(dataFile string) string {
	if data.IsPostgresDSN(dataFile) {
		return ""
	}
	return filepath.Join(filepath.Dir(dataFile), "backups")
}

// PurgeExpired erases the personal information kept longer than the law
// allows (data.Store.PurgeExpired) and says through logf how many records
// it erased, or why it could not. The kiosk runs it once at start-up, in
// the background after its first frame, so that residents never wait for
// it; it is tried again at the next start when it fails.
func PurgeExpired(ctx context.Context, s *data.Store, logf func(format string, args ...any)) {
	n, err := s.PurgeExpired(ctx)
	switch {
	case err != nil && ctx.Err() == nil:
		logf("bianmin: erasing expired personal information: %s", describe(err))
	case n > 0:
		logf("bianmin: erased the personal information of %d records closed over %d years ago", n, data.RetentionYears)
	}
}

// QuickCheck checks the data file (data.Store.QuickCheck) once the kiosk is
// on screen and says through logf when it is damaged; staff mode shows it
// in red (s.Health). It reports whether the file passed (a cancelled or
// busy check counts as passed: it found nothing).
func QuickCheck(ctx context.Context, s *data.Store, logf func(format string, args ...any)) bool {
	err := s.QuickCheck(ctx)
	if err == nil || ctx.Err() != nil || !errors.Is(err, data.ErrCorrupt) {
		return true
	}
	logf("bianmin: the data file %s is damaged; restore the newest good backup (管理 → 数据备份): %v", s.Path(), err)
	return false
}

// DailyBackups is DailyBackupsWithin with data.DefaultBackupLimit.
func DailyBackups(ctx context.Context, current func() *data.Store, dir string, keep int, tick <-chan time.Time,
	logf func(format string, args ...any)) {
	DailyBackupsWithin(ctx, current, dir, keep, data.DefaultBackupLimit, tick, logf)
}

// DailyBackupsWithin makes the automatic daily backup now and then each
// time tick fires, until ctx ends, on whatever store current returns at
// that moment (the store changes after a restore). BackupDaily does
// nothing when today's backup exists, so an hourly tick makes one backup
// a day even on a machine that is switched on and off. A backup still
// running after limit is stopped (nothing is left of it). Failures are
// reported through logf and tried again at the next tick. With no dir (a
// terminal of a hall's PostgreSQL store not chosen to make the backups)
// only the daily check runs.
func DailyBackupsWithin(ctx context.Context, current func() *data.Store, dir string, keep int, limit time.Duration,
	tick <-chan time.Time, logf func(format string, args ...any)) {
	for {
		// The data file is checked once a day (the start's check counts
		// for its day), and a damaged one is not backed up: its copy
		// would push the older good backups out of the rotation.
		s := current()
		if s != nil && data.Day(s.Health().Checked) != data.Day(s.Now()) {
			QuickCheck(ctx, s, logf)
		}
		if s != nil && !s.Health().Damaged() && dir != "" {
			bctx, cancel := context.WithTimeout(ctx, limit)
			_, err := s.BackupDaily(bctx, dir, keep)
			cancel()
			if err != nil && ctx.Err() == nil {
				logf("bianmin: daily backup in %s failed (will try again): %s", dir, describe(err))
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick:
		}
	}
}

// Restore replaces the live data of s with the backup at src for the
// administrator by, as staff mode's restore asks (staff.RestoreFunc).
//
// The backup is checked first, while s stays open: a file that is not a
// good backup is refused and nothing else happens (reopened is nil). Only
// then is s closed, the file restored (data.RestoreFile keeps the previous
// data beside it; a file too damaged for that is renamed aside whole, see
// restoreClosed) and the data file opened again: reopened is the store to
// use from now on, also when the restore itself failed — s is closed by
// then. The restore is recorded in the audit log of the reopened store.
// An error opening the data file again leaves reopened nil and is fatal to
// the caller.
func Restore(ctx context.Context, s *data.Store, by data.Session, src string) (reopened *data.Store,
	res data.RestoreResult, err error) {
	if err := data.BackupMismatch(src, s.Engine() == data.Postgres); err != nil {
		return nil, res, err
	}
	if _, err := data.CheckBackup(ctx, src); err != nil {
		return nil, res, err
	}
	live := s.Path()
	if err := s.Close(); err != nil {
		return nil, res, fmt.Errorf("restore: closing the data file: %w", err)
	}
	res, rerr := restoreClosed(ctx, live, src)
	// A restore cancelled half-way leaves the data as it was: open it
	// regardless of ctx.
	reopened, err = data.Open(context.WithoutCancel(ctx), live)
	if err != nil {
		return nil, res, errors.Join(rerr, fmt.Errorf("restore: opening the data file again: %w", err))
	}
	if rerr != nil {
		return reopened, res, rerr
	}
	return reopened, res, reopened.RecordRestore(ctx, by, res)
}
