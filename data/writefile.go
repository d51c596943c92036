package data

import (
	"context"
	"io"
	"os"
	"path/filepath"
)

// WriteFileAtomic writes path with write through a temporary file in the
// same folder, synced and renamed over path at the end: a failed or
// cancelled write never leaves half a file where a good one was. Once ctx
// is done, write's writer takes nothing more and nothing is renamed.
func WriteFileAtomic(ctx context.Context, path string, write func(io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".bianmin-export-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(&ctxWriter{ctx: ctx, w: tmp}); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// ctxWriter stops writing once ctx is done.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
