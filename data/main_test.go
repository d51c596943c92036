package data

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
)

// TestMain runs this package's tests, or, when the test binary is started
// again by a test as a child process, only that child's work: a bulk run of
// BenchmarkBulk (BIANMIN_BULK_CHILD), opening a data file as another user
// (BIANMIN_READONLY_CHILD) or a kiosk of TestHallProcesses
// (BIANMIN_HALL_KIOSK). A child is not a test of its own, so nothing is
// skipped in a normal run.
func TestMain(m *testing.M) {
	if spec := os.Getenv("BIANMIN_BULK_CHILD"); spec != "" {
		exitChild(bulkChild(spec))
	}
	if path := os.Getenv("BIANMIN_READONLY_CHILD"); path != "" {
		exitChild(readOnlyChild(path))
	}
	if spec := os.Getenv(hallKioskEnv); spec != "" {
		exitChild(hallKioskChild(spec))
	}
	os.Exit(m.Run())
}

func exitChild(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

// readOnlyChild opens the data file at path and probes a write: it
// succeeds only if the probe says ErrReadOnly.
func readOnlyChild(path string) error {
	ctx := context.Background()
	s, err := Open(ctx, path)
	if err == nil {
		defer s.Close()
		err = s.ProbeWrite(ctx)
	}
	if !errors.Is(err, ErrReadOnly) {
		return fmt.Errorf("want ErrReadOnly, got %v", err)
	}
	return nil
}
