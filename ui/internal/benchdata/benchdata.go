// Package benchdata gives the screen benchmarks a big data
// file: the sample catalog with 10,000 synthetic items and 100,000
// synthetic requests more, and an administrator with a known PIN. Making
// it takes minutes, so it is made once and kept in os.TempDir(), under a
// name keyed by the data file's schema and this file's Format; each
// benchmark run opens a copy of it.
package benchdata

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"bianmin/data"
	"bianmin/data/datatest"
)

// The big file's size.
const (
	Items    = 10000
	Requests = 100000
)

// Format changes when what the file holds changes, so an old cached file
// is not used.
const Format = 1

// AdminPIN is the PIN of the file's administrator.
const AdminPIN = "135792"

var makeOnce sync.Mutex

// Open opens a fresh copy of the big data file and signs its administrator
// in (one argon2 check). The copy is removed when tb ends.
func Open(tb testing.TB) (*data.Store, data.Session) {
	tb.Helper()
	ctx := context.Background()
	src, err := cached(ctx, tb)
	if err != nil {
		tb.Fatal(err)
	}
	s := datatest.OpenCopy(tb, src, nil)
	choices, err := s.LoginChoices(ctx)
	if err != nil || len(choices) == 0 {
		tb.Fatalf("benchdata: no one to sign in: %v", err)
	}
	var by data.Session
	for _, c := range choices {
		if !c.HasPIN {
			continue // only the administrator has one
		}
		if by, err = s.LoginID(ctx, c.StaffID, AdminPIN); err == nil {
			return s, by
		}
	}
	tb.Fatalf("benchdata: the administrator cannot sign in: %v", err)
	return nil, data.Session{}
}

// cached is the path of the big file, made first when it is missing.
func cached(ctx context.Context, tb testing.TB) (string, error) {
	makeOnce.Lock()
	defer makeOnce.Unlock()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("bianmin-bench-big-s%d-f%d.db", data.LatestSchema(), Format))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	tb.Logf("benchdata: making %s (%d items, %d requests; once)", path, Items, Requests)
	tmp := path + ".tmp"
	os.Remove(tmp)
	s, err := data.Open(ctx, tmp)
	if err != nil {
		return "", err
	}
	datatest.SeedNew(tb, s) // the holidays and the sample catalog, as a new data file
	err = fill(ctx, s)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("benchdata: %w", err)
	}
	return path, os.Rename(tmp, path)
}

// fill adds the synthetic items and requests to a seeded store and makes
// its administrator.
func fill(ctx context.Context, s *data.Store) error {
	if _, err := s.AddSynthItems(ctx, Items, 1); err != nil {
		return err
	}
	if _, err := s.AddSynthRequests(ctx, Requests, 1); err != nil {
		return err
	}
	choices, err := s.LoginChoices(ctx)
	if err != nil {
		return err
	}
	for _, c := range choices {
		if _, err := s.SetupFirstAdmin(ctx, c.StaffID, AdminPIN); err == nil {
			return nil
		}
	}
	return fmt.Errorf("no staff member can be made administrator")
}
