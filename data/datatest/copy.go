package datatest

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"bianmin/data"
)

// OpenCopy opens a copy of the data file at src (a big file made once and
// kept, as the screen benchmarks use) as Open opens a new one: in
// t.TempDir(), reading the time from now (time.Now if nil), hashing new
// PINs cheaply, closed when the test ends. src is left as it is.
func OpenCopy(t testing.TB, src string, now func() time.Time, opts ...data.Option) *data.Store {
	t.Helper()
	if now == nil {
		now = time.Now
	}
	dst := filepath.Join(t.TempDir(), filepath.Base(src))
	copyFile(t, src, dst)
	opts = append([]data.Option{data.WithClock(now), CheapPINs()}, opts...)
	s, err := data.Open(context.Background(), dst, opts...)
	require.NoError(t, err)
	t.Cleanup(func() { s.Close() })
	return s
}

func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	require.NoError(t, err)
	defer in.Close()
	out, err := os.Create(dst)
	require.NoError(t, err)
	_, err = io.Copy(out, in)
	require.NoError(t, err)
	require.NoError(t, out.Close())
}
