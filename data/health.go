package data

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// Health is what the last check of the data file found (see QuickCheck).
type Health struct {
	Checked time.Time // when; zero if the file has not been checked since it was opened
	Err     error     // nil when the check passed; wraps ErrCorrupt when it found damage
}

// Damaged reports whether the last check found the data file damaged.
func (h Health) Damaged() bool { return h.Err != nil }

// health is the last check's result, kept for the screens to read.
type health struct {
	mu sync.Mutex
	h  Health
}

// QuickCheck runs SQLite's PRAGMA quick_check on the data file (every page
// and every row, not the contents of the indexes; a tenth of an
// integrity_check) and returns nil when it passes, or an error wrapping
// ErrCorrupt with the first problems found. A file that cannot even be
// read counts as damaged. The result is kept: Health returns it. The
// kiosk runs it in the background after its first frame (a zeroed
// page used to go unnoticed and spread into every backup).
func (s *Store) QuickCheck(ctx context.Context) error {
	err := s.quickCheck(ctx)
	if ctx.Err() != nil {
		return err // cancelled: nothing was learnt
	}
	s.health.mu.Lock()
	s.health.h = Health{Checked: s.now(), Err: err}
	s.health.mu.Unlock()
	return err
}

func (s *Store) quickCheck(ctx context.Context) error {
	if s.engine == Postgres {
		// The server keeps (and checks) its own files; the check here is
		// that the store answers a query over its tables. A server that
		// cannot be reached is not damage: the error says which.
		var n int
		return mapErr("quick check", s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations`).Scan(&n))
	}
	rows, err := s.db.QueryContext(ctx, `PRAGMA quick_check(20)`)
	if err != nil {
		return damaged(ctx, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return damaged(ctx, err)
		}
		problems = append(problems, line)
	}
	if err := rows.Err(); err != nil {
		return damaged(ctx, err)
	}
	if len(problems) == 1 && problems[0] == "ok" {
		return nil
	}
	return fmt.Errorf("data: quick check: %w: %s", ErrCorrupt, strings.Join(problems, "; "))
}

// damaged is a failure to read during the check: corruption, unless it was
// a cancel or a lock (those say nothing about the file).
func damaged(ctx context.Context, err error) error {
	if ctx.Err() != nil {
		return fmt.Errorf("data: quick check: %w", ctx.Err())
	}
	m := mapErr("quick check", err)
	if errors.Is(m, ErrBusy) || errors.Is(m, ErrCorrupt) {
		return m
	}
	return fmt.Errorf("data: quick check: %w (%v)", ErrCorrupt, err)
}

// Health is the result of the last QuickCheck on this store.
func (s *Store) Health() Health {
	s.health.mu.Lock()
	defer s.health.mu.Unlock()
	return s.health.h
}
