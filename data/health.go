package data

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
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
	if s.engine == Postgres && err != nil && !errors.Is(err, ErrCorrupt) {
		return err // the server was not reached: nothing was learnt of the data
	}
	s.health.mu.Lock()
	s.health.h = Health{Checked: s.now(), Err: err}
	s.health.mu.Unlock()
	return err
}

func (s *Store) quickCheck(ctx context.Context) error {
	if s.engine == Postgres {
		return s.quickCheckPostgres(ctx)
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

// quickCheckPostgres is QuickCheck on PostgreSQL, where the files are the
// server's: every table of the store's schema is read through once
// (count(*) reads every page, so a damaged page answers XX001, mapped to
// ErrCorrupt). A server that cannot be reached says nothing about the
// data: ErrBusy or ErrCantOpen, not damage.
func (s *Store) quickCheckPostgres(ctx context.Context) error {
	return s.read(ctx, "quick check", func(tx *sql.Tx) error {
		var tables []string
		if err := collect(ctx, tx, &tables, `SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`); err != nil {
			return err
		}
		for _, t := range tables {
			var n int64
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+pgx.Identifier{t}.Sanitize()).Scan(&n); err != nil {
				return err
			}
		}
		return nil
	})
}
