package data

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func seqOf(t *testing.T, receiptNo string) int {
	t.Helper()
	_, _, seq, err := ParseReceiptNo(receiptNo)
	require.NoError(t, err)
	return seq
}

// The data file is lost entirely and an older backup restored in its
// place: the receipt numbers go on from the highest issued, not from the
// backup's, after a normal close (no gap) and after a crash (a gap of less
// than a block).
func TestReceiptNumbersSurviveALostDataFile(t *testing.T) {
	useSQLite(t)
	for _, crash := range []bool{false, true} {
		name := "closed"
		if crash {
			name = "crashed"
		}
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			s := seeded(t)
			live := s.Path()
			issued := map[string]bool{}
			register := func(s *Store) Receipt {
				rc, err := s.Register(ctx, goodRegistration(t, s))
				require.NoError(t, err)
				require.False(t, issued[rc.ReceiptNo], "%s issued twice", rc.ReceiptNo)
				issued[rc.ReceiptNo] = true
				return rc
			}
			for range 3 {
				register(s)
			}
			complaint, err := s.FileComplaint(ctx, NewComplaint{Channel: "kiosk", About: AboutOther, Body: "等候时间太长"})
			require.NoError(t, err)
			backup := filepath.Join(t.TempDir(), "b.db")
			require.NoError(t, s.Backup(ctx, backup, nil))
			var last Receipt
			for range 25 { // past the first block of reserved numbers
				last = register(s)
			}
			require.Equal(t, 28, seqOf(t, last.ReceiptNo))
			later, err := s.FileComplaint(ctx, NewComplaint{Channel: "kiosk", About: AboutOther, Body: "大厅里没有座位可以坐"})
			require.NoError(t, err)
			if crash {
				require.NoError(t, s.db.Close()) // no Close: the reservation stays as it was
			} else {
				require.NoError(t, s.Close())
			}
			mark, err := os.ReadFile(ReceiptMarkFile(live))
			require.NoError(t, err)
			if crash {
				assert.Contains(t, string(mark), Day(fixedNow)+" 40\n", "reserved to the end of the second block")
			} else {
				assert.Equal(t, Day(fixedNow)+" 28\ncomplaint:"+Day(fixedNow)+" 2\n", string(mark),
					"brought back to the numbers issued at Close")
			}

			// The disk loses the data file; the administrator restores the
			// backup into a new one (nothing to carry the counters over from).
			removeDBFiles(live)
			_, err = RestoreFile(ctx, backup, live, nil)
			require.NoError(t, err)
			s2, err := Open(ctx, live, WithClock(func() time.Time { return fixedNow }))
			require.NoError(t, err)
			defer s2.Close()
			next := register(s2)
			want := 29
			if crash {
				want = 41
			}
			assert.Equal(t, want, seqOf(t, next.ReceiptNo), "after the highest number that may have been issued")
			assert.Equal(t, want+1, seqOf(t, register(s2).ReceiptNo))
			c, err := s2.FileComplaint(ctx, NewComplaint{Channel: "kiosk", About: AboutOther, Body: "再次反映等候时间太长"})
			require.NoError(t, err)
			assert.NotEqual(t, complaint.Code, c.Code)
			assert.NotEqual(t, later.Code, c.Code, "complaint codes do not repeat either")
		})
	}
}

// A plain restart leaves no gap, and a new day starts at 1.
func TestReceiptNumbersRestartWithoutGap(t *testing.T) {
	ctx := context.Background()
	now := fixedNow
	path := filepath.Join(t.TempDir(), "bianmin.db")
	open := func() *Store {
		s, err := Open(ctx, path, WithClock(func() time.Time { return now }))
		require.NoError(t, err)
		return s
	}
	s := open()
	b, err := jsonMarshal(testCatalog())
	require.NoError(t, err)
	_, err = s.ImportCatalog(ctx, bytes.NewReader(b), testFiles)
	require.NoError(t, err)
	for range 2 {
		_, err := s.Register(ctx, goodRegistration(t, s))
		require.NoError(t, err)
	}
	require.NoError(t, s.Close())
	var rc Receipt
	s = open()
	rc, err = s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)
	assert.Equal(t, 3, seqOf(t, rc.ReceiptNo))
	now = now.AddDate(0, 0, 1)
	rc, err = s.Register(ctx, goodRegistration(t, s))
	require.NoError(t, err)
	assert.Equal(t, 1, seqOf(t, rc.ReceiptNo))
	require.NoError(t, s.Close())
}

// The mark keeps the last receiptDaysKept days and skips lines it cannot
// read.
func TestReceiptMarkFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".bianmin.db.receipts")
	mark := map[string]int{}
	day := fixedNow
	for i := 0; i < 12; i++ {
		mark[Day(day)] = i + 1
		mark["complaint:"+Day(day)] = 1
		day = day.AddDate(0, 0, 1)
	}
	require.NoError(t, writeReceiptMark(path, mark))
	got, err := readReceiptMark(path)
	require.NoError(t, err)
	assert.Len(t, got, 2*receiptDaysKept)
	assert.Equal(t, 12, got[Day(day.AddDate(0, 0, -1))])
	_, old := got[Day(fixedNow)]
	assert.False(t, old)

	require.NoError(t, os.WriteFile(path, []byte("garbage\n2026-12-01 x\n2026-12-02 7\n"), 0o600))
	got, err = readReceiptMark(path)
	require.NoError(t, err)
	assert.Equal(t, map[string]int{"2026-12-02": 7}, got)
	assert.Equal(t, filepath.Join("/a/b", ".bianmin.db.receipts"), ReceiptMarkFile("/a/b/bianmin.db"))
	assert.True(t, strings.HasPrefix(filepath.Base(ReceiptMarkFile("x.db")), "."))
}
