// Command relcheck measures the data file's reliability figures against a
// real SQLite file on the local disk (make relcheck; not part of make
// test, it takes minutes):
//
//	relcheck kill [-n 100]
//	    starts a child process that registers requests through the store
//	    (two writers, the kiosk's and a window's) and prints each receipt
//	    number once Register has returned, as the kiosk prints the receipt;
//	    kills it with SIGKILL at a random moment, opens the data file again
//	    as the next start would, and checks it: integrity_check, every
//	    reported receipt present, no receipt number issued twice (across
//	    all rounds). n rounds.
//
//	relcheck backups [-days 35] [-keep 30] [-requests 20000] [-gate=true]
//	    a data file with five days of good daily backups, then a page in
//	    the middle of the file zeroed (a failing sector) and the program
//	    restarted, then days more of registering and daily backups through
//	    the passes of the program's daily backup loop (cli.DailyBackups: the
//	    quick check of the day, then data.Store.BackupDaily unless it found
//	    damage); -gate=false calls BackupDaily directly, without the check
//	    of the data file first.
//	    Reports how many backups are restorable (data.CheckBackup) and what
//	    the store says of itself.
//
//	relcheck child -data FILE
//	    (internal) the registering child of kill.
//
// kill -9 loses what the process held in memory, not what the kernel had
// accepted; a power cut is stricter (see synchronous=FULL in data.Open).
package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"bianmin/assets"
	"bianmin/cmd/bianmin/cli"
	"bianmin/data"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: relcheck kill [-n 100] | backups [-days 35] [-keep 30] [-requests 20000] [-gate=true]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "kill":
		err = killRounds(os.Args[2:])
	case "backups":
		err = backups(os.Args[2:])
	case "child":
		err = child(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "relcheck:", err)
		os.Exit(1)
	}
}

func seed() cli.Seed {
	b, err := assets.Sample.ReadFile(assets.SampleCatalog)
	if err != nil {
		panic(err)
	}
	return cli.Seed{Catalog: b, Files: assets.Sample}
}

// onSeededFile runs check on a data file holding the seed's catalog, at
// path in a new temporary folder dir named after prefix, and removes the
// folder afterwards.
func onSeededFile(prefix string, check func(ctx context.Context, dir, path string) error) error {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "bianmin.db")
	s, err := cli.OpenSeeded(ctx, path, seed())
	if err != nil {
		return err
	}
	s.Close()
	return check(ctx, dir, path)
}

// registration is a valid registration for the first active item it can
// fill in: each intake field answered as a resident could.
func registration(ctx context.Context, s *data.Store, channel data.Channel, n int) (data.Registration, error) {
	cats, err := s.Categories(ctx)
	if err != nil {
		return data.Registration{}, err
	}
	body := fmt.Sprintf("61020219800101%03d", n%1000)
	for _, c := range cats {
		items, err := s.ItemsInCategory(ctx, c.Name)
		if err != nil {
			return data.Registration{}, err
		}
		for _, sum := range items {
			it, err := s.Item(ctx, sum.ID)
			if err != nil {
				return data.Registration{}, err
			}
			reg := data.Registration{ItemID: it.ID, Channel: channel, Name: "张小三", Phone: "13800138000",
				IDNumber: body + string(data.IDCheckChar(body)), Consent: true, Fields: map[string]string{}}
			for _, f := range it.Fields {
				switch f.Kind {
				case data.KindNumber:
					v := 1.0
					if f.Rule.Min != nil {
						v = *f.Rule.Min
					}
					reg.Fields[f.Key] = fmt.Sprint(v)
				case data.KindDate:
					reg.Fields[f.Key] = "2000-01-01"
				case data.KindSingle, data.KindMulti:
					if len(f.Options) > 0 {
						reg.Fields[f.Key] = f.Options[0]
					}
				default:
					reg.Fields[f.Key] = "家中情况说明"
				}
			}
			for _, m := range it.Materials {
				reg.Brought = append(reg.Brought, m.ID)
			}
			if _, err := reg.Clean(&it, s.Now()); err == nil {
				return reg, nil
			}
		}
	}
	return data.Registration{}, errors.New("no item of the catalog could be filled in")
}

// child registers until killed, printing "OK <receipt number>" after each
// Register has returned.
func child(args []string) error {
	fs := flag.NewFlagSet("child", flag.ExitOnError)
	path := fs.String("data", "", "data file")
	fs.Parse(args)
	ctx := context.Background()
	s, err := data.Open(ctx, *path)
	if err != nil {
		return err
	}
	var out sync.Mutex
	var wg sync.WaitGroup
	for w, ch := range []data.Channel{data.ChannelKiosk, data.ChannelWindow} {
		reg, err := registration(ctx, s, ch, w)
		if err != nil {
			return err
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				rc, err := s.Register(ctx, reg)
				out.Lock()
				if err != nil {
					fmt.Fprintln(os.Stdout, "ERR", err)
				} else {
					fmt.Fprintln(os.Stdout, "OK", rc.ReceiptNo) // unbuffered: written before the next one starts
				}
				out.Unlock()
			}
		}()
	}
	wg.Wait()
	return nil
}

func killRounds(args []string) error {
	fs := flag.NewFlagSet("kill", flag.ExitOnError)
	rounds := fs.Int("n", 100, "rounds")
	fs.Parse(args)
	return onSeededFile("relcheck-kill-", func(ctx context.Context, _, path string) error {
		self, err := os.Executable()
		if err != nil {
			return err
		}
		r := rand.New(rand.NewPCG(1, 2))
		k := killTally{issued: map[string]int{}}
		start := time.Now()
		for i := 1; i <= *rounds; i++ {
			// The child needs a moment to open the file; then any moment.
			got, errs, err := killChild(self, path, time.Duration(150+r.IntN(500))*time.Millisecond)
			if err != nil {
				return err
			}
			k.errs += errs
			if err := k.check(ctx, i, path, got); err != nil {
				return err
			}
		}
		var requests int
		if raw, err := rawFile(path); err == nil {
			raw.QueryRow(`SELECT count(*) FROM requests`).Scan(&requests)
			raw.Close()
		}
		fmt.Printf("kill -9 during registration: %d rounds in %s, %d receipts reported (%d requests in the file), "+
			"%d lost, %d integrity failures, %d numbers issued twice, %d opens failed, %d child errors\n",
			*rounds, time.Since(start).Round(time.Second), k.reported, requests, k.lost, k.integrity, k.dup, k.openFail,
			k.errs)
		if k.lost+k.integrity+k.dup+k.openFail > 0 {
			return errors.New("reliability check failed")
		}
		return nil
	})
}

// killChild starts the registering child on the data file at path, kills
// it with SIGKILL after wait, and returns the receipt numbers it reported
// and how many other lines it wrote (its errors).
func killChild(self, path string, wait time.Duration) (got []string, errs int, err error) {
	cmd := exec.Command(self, "child", "-data", path)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, 0, err
	}
	if err := cmd.Start(); err != nil {
		return nil, 0, err
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			if no, ok := strings.CutPrefix(line, "OK "); ok {
				got = append(got, no)
			} else {
				errs++
				fmt.Fprintln(os.Stderr, "child:", line)
			}
		}
	}()
	time.Sleep(wait)
	cmd.Process.Signal(syscall.SIGKILL)
	<-done
	cmd.Wait()
	return got, errs, nil
}

// killTally counts what the kill rounds found.
type killTally struct {
	issued                                         map[string]int // receipt numbers, over all rounds
	reported, lost, integrity, dup, errs, openFail int
}

// check opens the data file as the next start would after round i and
// checks it: it opens, integrity_check passes, every receipt the child
// reported (got) is there, and none was issued twice.
func (k *killTally) check(ctx context.Context, i int, path string, got []string) error {
	s, err := data.Open(ctx, path)
	if err != nil {
		k.openFail++
		fmt.Printf("round %d: the data file does not open: %v\n", i, err)
		return nil
	}
	defer s.Close()
	raw, err := rawFile(path)
	if err != nil {
		return err
	}
	defer raw.Close()
	var check string
	if err := raw.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		k.integrity++
		fmt.Printf("round %d: integrity_check: %q %v\n", i, check, err)
	}
	for _, no := range got {
		k.reported++
		k.issued[no]++
		if k.issued[no] == 2 {
			k.dup++
			fmt.Printf("round %d: %s issued twice\n", i, no)
		}
		var n int
		if err := raw.QueryRow(`SELECT count(*) FROM requests WHERE receipt_no = ?`, no).Scan(&n); err != nil || n != 1 {
			k.lost++
			fmt.Printf("round %d: receipt %s was printed but is not in the data file\n", i, no)
		}
	}
	return nil
}

// rawFile opens the data file as SQLite sees it, apart from any store: the
// checks look at the file itself, as another program would.
func rawFile(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", path)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// clock is a settable time for the store and the daily backups.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

// dailyPass is one pass of the program's daily backup loop
// (cli.DailyBackups): the data file checked once a day, and backed up
// unless the check found it damaged. gate=false leaves the check out.
func dailyPass(ctx context.Context, s *data.Store, dir string, keep int, gate bool, logf func(string, ...any)) {
	if gate {
		if data.Day(s.Health().Checked) != data.Day(s.Now()) {
			cli.QuickCheck(ctx, s, logf)
		}
		if s.Health().Damaged() {
			return
		}
	}
	if _, err := s.BackupDaily(ctx, dir, keep); err != nil {
		logf("daily backup: %v", err)
	}
}

func backups(args []string) error {
	fs := flag.NewFlagSet("backups", flag.ExitOnError)
	days := fs.Int("days", 35, "days of daily backups after the damage")
	keep := fs.Int("keep", cli.DefaultBackupKeep, "daily backups kept")
	requests := fs.Int("requests", 20000, "synthetic requests in the data file")
	gate := fs.Bool("gate", true, "check the data file before the daily backup, as the program does")
	fs.Parse(args)
	return onSeededFile("relcheck-backups-", func(ctx context.Context, dir, path string) error {
		c := &clock{t: time.Date(2026, 10, 1, 18, 0, 0, 0, data.China)}
		s, err := data.Open(ctx, path, data.WithClock(c.now))
		if err != nil {
			return err
		}
		if _, err := s.AddSynthRequests(ctx, *requests, 3); err != nil {
			return err
		}
		bd := &backupDays{ctx: ctx, c: c, dir: filepath.Join(dir, "backups"), keep: *keep, gate: *gate}
		bd.run(s, 5)
		good, _ := data.DailyBackups(bd.dir)
		s.Close()
		z, err := zeroMiddlePage(path)
		if err != nil {
			return err
		}
		fmt.Printf("data file %.1f MB, %d daily backups before the damage; page %d of %d zeroed (%s, %s page)\n",
			float64(z.size)/(1<<20), len(good), z.page, z.size/4096, z.name, z.kind)

		s, err = data.Open(ctx, path, data.WithClock(c.now))
		if err != nil {
			fmt.Printf("the damaged data file does not open: %v (%s)\n", err, data.Message(err))
			return nil
		}
		defer s.Close()
		startCheck := s.QuickCheck(ctx)
		regOK, regFail := bd.run(s, *days)
		kept, restorable, err := countBackups(ctx, bd.dir)
		if err != nil {
			return err
		}
		fmt.Printf("after %d days (gate=%v): %d registrations went in, %d failed; %d backups kept, %d restorable\n",
			*days, *gate, regOK, regFail, kept, restorable)
		if info, err := data.NewestGoodBackup(ctx, bd.dir); err == nil {
			fmt.Printf("newest good backup: %s (%d requests, last %s)\n", filepath.Base(info.Path), info.Requests,
				info.LastRequest.In(data.China).Format("2006-01-02"))
		} else {
			fmt.Printf("no good backup: %v\n", err)
		}
		h := s.Health()
		fmt.Printf("check at start: %v\nstore health: damaged=%v\nwhat a person is told: %s\n", startCheck, h.Damaged(),
			data.Message(h.Err))
		if len(bd.logged) > 0 {
			fmt.Printf("log (%d lines), first: %s\n", len(bd.logged), bd.logged[0])
		}
		return nil
	})
}

// backupDays are days of the program's life for the backups check: ten
// registrations a day, then the daily backup pass.
type backupDays struct {
	ctx    context.Context
	c      *clock
	dir    string // of the daily backups
	keep   int
	gate   bool
	logged []string // what the daily passes logged
}

// run lives n days on s and counts the registrations that went in and
// those that failed.
func (bd *backupDays) run(s *data.Store, n int) (regOK, regFail int) {
	logf := func(f string, a ...any) { bd.logged = append(bd.logged, fmt.Sprintf(f, a...)) }
	for d := 0; d < n; d++ {
		bd.c.set(bd.c.now().AddDate(0, 0, 1))
		for w := 0; w < 10; w++ {
			reg, err := registration(bd.ctx, s, data.ChannelKiosk, w)
			if err == nil {
				_, err = s.Register(bd.ctx, reg)
			}
			if err != nil {
				regFail++
			} else {
				regOK++
			}
		}
		dailyPass(bd.ctx, s, bd.dir, bd.keep, bd.gate, logf)
	}
	return regOK, regFail
}

// zeroedPage is the page zeroMiddlePage zeroed: its number, the file's
// size, and what the page held (dbstat's name and page type).
type zeroedPage struct {
	page, size int64
	name, kind string
}

// zeroMiddlePage zeroes the page in the middle of the closed data file at
// path, as a failing sector would.
func zeroMiddlePage(path string) (zeroedPage, error) {
	var z zeroedPage
	raw, err := rawFile(path)
	if err != nil {
		return z, err
	}
	defer raw.Close()
	if _, err := raw.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return z, err
	}
	st, err := os.Stat(path)
	if err != nil {
		return z, err
	}
	z.size = st.Size()
	z.page = z.size / 4096 / 2
	raw.QueryRow(`SELECT name, pagetype FROM dbstat WHERE pageno = ?`, z.page).Scan(&z.name, &z.kind)
	raw.Close()
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return z, err
	}
	defer f.Close()
	_, err = f.WriteAt(make([]byte, 4096), (z.page-1)*4096)
	return z, err
}

// countBackups counts the daily backups in dir, and those of them that
// restore.
func countBackups(ctx context.Context, dir string) (kept, restorable int, err error) {
	files, err := data.DailyBackups(dir)
	if err != nil {
		return 0, 0, err
	}
	for _, f := range files {
		if _, err := data.CheckBackup(ctx, f); err == nil {
			restorable++
		}
	}
	return len(files), restorable, nil
}
