package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"sync/atomic"
	"time"

	"bianmin/data"
	"bianmin/ui/web"
)

// ServeOptions are the flags of `bianmin serve`: the phone status page
// alone, without a window, on a machine the residents' phones can reach.
type ServeOptions struct {
	Data    string // --data: the kiosk's data file (or, later, its database)
	Listen  string // --listen: the address to serve on
	BaseURL string // --base-url: the public address phones open (QR codes)
	// Retry is how often a data file that cannot be used is tried again
	// (default: DefaultServeRetry). Meanwhile the page says 系统维护中.
	Retry time.Duration
	// Limits are the per-client limits (default: web.DefaultLimits, the
	// kiosk's).
	Limits web.Limits
	// TrustProxy (--trust-proxy) are the addresses of the reverse proxy in
	// front, whose X-Forwarded-For names the phone (see web.Proxy).
	TrustProxy []*net.IPNet
	// BackupDir (--backup-dir) is where the server makes the daily
	// backups, as the kiosk does ("" = none: the default, since the
	// kiosk beside the data file makes them). On a hall's PostgreSQL
	// database the always-on server is the natural one to make them.
	BackupDir  string
	BackupKeep int // --backup-keep: how many good daily backups to keep
}

// DefaultServeRetry is how often `bianmin serve` tries a data file again
// that could not be opened or was found damaged: there is no 重试 button
// on a server.
const DefaultServeRetry = 30 * time.Second

// healthEvery is how often the server reads the data file's last check
// (a mutex read), as the kiosk does (watchHealth).
var healthEvery = time.Minute

// serveCmd parses the flags of `bianmin serve` and serves until ctx ends.
func serveCmd(ctx context.Context, args []string, stdout io.Writer) error {
	fset := flag.NewFlagSet("bianmin serve", flag.ContinueOnError)
	fset.SetOutput(io.Discard)
	o := ServeOptions{}
	fset.StringVar(&o.Data, "data", DefaultDataFile(), "data file")
	fset.StringVar(&o.Listen, "listen", ":8080", "address to serve the status page on")
	fset.StringVar(&o.BaseURL, "base-url", "", "public base URL of this server, as phones reach it")
	proxies := fset.String("trust-proxy", "", "addresses of the reverse proxy in front (e.g. 127.0.0.1,10.0.0.0/8)")
	fset.StringVar(&o.BackupDir, "backup-dir", "", "folder of the daily backups this server makes (default: none)")
	fset.IntVar(&o.BackupKeep, "backup-keep", DefaultBackupKeep, "how many daily backups to keep")
	if err := fset.Parse(args); err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	var err error
	if o.TrustProxy, err = web.ParseProxies(*proxies); err != nil {
		return fmt.Errorf("%w: --trust-proxy: %v", errUsage, err)
	}
	if fset.NArg() > 0 || o.Listen == "" || o.BackupKeep < 1 {
		return fmt.Errorf("%w: serve %v", errUsage, args)
	}
	return Serve(ctx, o, stdout)
}

// Serve serves the phone status page (ui/web, the kiosk's handler with the
// kiosk's limits and headers) on o.Listen until ctx ends, then lets the
// requests under way finish and closes the data file. It says on stdout
// where it serves; what goes wrong later goes to the log.
//
// It behaves as the kiosk's page does in maintenance: while the data file
// cannot be opened (lost, busy, read-only, damaged …) or its check finds it
// damaged, every lookup is answered 系统维护中 (503) and the file is tried
// again every o.Retry, closed in between so that staff can restore a backup
// at the kiosk. A data file that cannot be opened for another reason (a
// newer program's, a wrong --data) is an error: Serve returns it.
func Serve(ctx context.Context, o ServeOptions, stdout io.Writer) error {
	if o.Retry <= 0 {
		o.Retry = DefaultServeRetry
	}
	if o.Limits == (web.Limits{}) {
		o.Limits = web.DefaultLimits
	}
	ln, err := net.Listen("tcp", o.Listen)
	if err != nil {
		return fmt.Errorf("手机查询页无法在 %s 上提供服务，请换一个地址或端口（--listen）: %w", o.Listen, err)
	}
	// The data file is opened before the first request is taken: a
	// lookup answered 系统维护中 means the file is unusable, not that it
	// was still opening.
	s, err := openForServe(ctx, o.Data)
	if err != nil && !StorageFailure(err) {
		ln.Close()
		return err
	}
	o.Listen = ln.Addr().String() // the port chosen for ":0"
	var h atomic.Pointer[web.Server]
	h.Store(o.page(nil)) // 系统维护中 until the data file is open
	var down *atomic.Bool
	if err == nil {
		down = o.install(ctx, s, &h)
	}
	served := make(chan error, 1)
	go func() {
		served <- web.ServeOn(ctx, ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h.Load().ServeHTTP(w, r)
		}))
	}()
	fmt.Fprintf(stdout, "bianmin: 手机查询页已启动 the status page is served on http://%s\n", ln.Addr())

	err = o.run(ctx, &h, s, down, err)
	if err != nil {
		h.Store(o.page(nil))
		ln.Close() // ServeOn returns
	}
	if serr := <-served; err == nil && serr != nil && ctx.Err() == nil {
		err = serr
	}
	return err
}

// run opens the data file, serves it while it is sound and opens it again
// when it is not, until ctx ends (nil) or the file cannot be opened for a
// reason waiting will not mend (the error).
// s and err are the first open's, and down its page's maintenance switch
// (installed).
func (o ServeOptions) run(ctx context.Context, h *atomic.Pointer[web.Server], s *data.Store, down *atomic.Bool,
	err error) error {
	for first := true; ; first = false {
		if !first {
			s, err = openForServe(ctx, o.Data)
			down = nil
		}
		switch {
		case err == nil:
			if down == nil {
				down = o.install(ctx, s, h)
			}
			o.watch(ctx, s, down)
			if err := s.Close(); err != nil {
				log.Printf("bianmin serve: closing the data file: %v", err)
			}
			h.Store(o.page(nil))
		case ctx.Err() != nil:
			return nil
		case StorageFailure(err):
			log.Printf("bianmin serve: 系统维护中 (the data file cannot be used; trying again in %v): %s",
				o.Retry, describe(err))
		default:
			return err
		}
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(o.Retry):
		}
	}
}

// openForServe opens the data file as the other subcommands do: a data
// file that existed and is gone (see MarkerFile) is not made anew.
func openForServe(ctx context.Context, path string) (*data.Store, error) {
	if err := checkNotLost(path); err != nil {
		return nil, err
	}
	return data.Open(ctx, path)
}

// page is the status page's handler on s (nil: 系统维护中), with the
// kiosk's limits and the proxy in front.
func (o ServeOptions) page(s *data.Store) *web.Server {
	var srv *web.Server
	if s == nil {
		srv = web.New(nil, o.Limits)
	} else {
		srv = web.New(s, o.Limits)
	}
	p := web.Proxy{Trusted: o.TrustProxy}
	if u, err := url.Parse(o.BaseURL); err == nil {
		p.PublicHost = u.Host
	}
	srv.SetProxy(p)
	return srv
}

// install makes the page serve s, with the center's phone on its
// maintenance page, and returns its maintenance switch.
func (o ServeOptions) install(ctx context.Context, s *data.Store, h *atomic.Pointer[web.Server]) *atomic.Bool {
	c, err := s.Center(ctx)
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		log.Printf("bianmin serve: reading the center profile: %s", describe(err))
	}
	if empty, err := s.Empty(ctx); err == nil && empty {
		log.Printf("bianmin serve: the data file %s is empty: every code will be answered 未找到; is --data the kiosk's data file?", s.Path())
	}
	o.sayBaseURL(c.PublicBaseURL)

	down := new(atomic.Bool)
	srv := o.page(s)
	srv.SetMaintenance(down.Load, c.Phone)
	h.Store(srv)
	return down
}

// watch returns when ctx ends or s is found damaged (down is then set).
// The file is checked (quick_check) at once in the background and then
// once a day, as at the kiosk.
func (o ServeOptions) watch(ctx context.Context, s *data.Store, down *atomic.Bool) {
	checked := make(chan bool, 4)
	check := func() {
		go func() { checked <- QuickCheck(ctx, s, log.Printf) && !s.Health().Damaged() }()
	}
	check()
	day := data.Day(s.Now())
	t := time.NewTicker(healthEvery)
	defer t.Stop()
	b := o.dailyBackups(ctx, s)
	defer b.stop()
	for {
		select {
		case <-ctx.Done():
			return
		case sound := <-checked:
			if !sound {
				down.Store(true)
				log.Printf("bianmin serve: 系统维护中: the data file %s is damaged; it is closed (so that a backup "+
					"can be restored at the kiosk) and tried again every %v", s.Path(), o.Retry)
				return
			}
			b.sound = true
			b.due(day)
		case <-t.C:
			b.due(day)
		}
		if d := data.Day(s.Now()); d != day {
			day = d
			b.sound = false // the new day's backup waits for the new day's check
			check()
		}
	}
}

// serveBackups makes the daily backups of `bianmin serve --backup-dir` on
// the open store: the day's first once the day's check found the store
// sound, tried again hourly after a failure, one at a time, stopped (and
// waited for) when the store is closed.
type serveBackups struct {
	o      ServeOptions
	s      *data.Store
	ctx    context.Context
	cancel context.CancelFunc
	sound  bool      // the day's check passed
	done   string    // the day of the last good backup
	tried  time.Time // when the last backup began
	run    chan string
	busy   bool
}

// backupRetry is how long after a failed daily backup it is tried again.
var backupRetry = time.Hour

func (o ServeOptions) dailyBackups(ctx context.Context, s *data.Store) *serveBackups {
	b := &serveBackups{o: o, s: s, run: make(chan string, 1)}
	b.ctx, b.cancel = context.WithCancel(ctx)
	return b
}

// due starts the day's backup when it is due.
func (b *serveBackups) due(day string) {
	if b.busy {
		select {
		case d := <-b.run:
			b.busy = false
			if d != "" {
				b.done = d
			}
		default:
			return
		}
	}
	if b.o.BackupDir == "" || !b.sound || b.done == day || (!b.tried.IsZero() && time.Since(b.tried) < backupRetry) {
		return
	}
	b.busy, b.tried = true, time.Now()
	go func() {
		ctx, cancel := context.WithTimeout(b.ctx, data.DefaultBackupLimit)
		defer cancel()
		name, err := b.s.BackupDaily(ctx, b.o.BackupDir, b.o.BackupKeep)
		switch {
		case err != nil && b.ctx.Err() == nil:
			log.Printf("bianmin serve: daily backup in %s failed (will try again in %v): %s", b.o.BackupDir, backupRetry, describe(err))
			b.run <- ""
		case err != nil:
			b.run <- ""
		default:
			log.Printf("bianmin serve: daily backup %s", name)
			b.run <- day
		}
	}()
}

// stop ends a backup under way and waits for it.
func (b *serveBackups) stop() {
	b.cancel()
	if b.busy {
		<-b.run
	}
}

// sayBaseURL logs where QR codes should point, and whether the kiosks'
// point here: they take the center profile's 手机查询网址 unless their
// own --base-url says otherwise.
func (o ServeOptions) sayBaseURL(profile string) {
	addrs, _ := net.InterfaceAddrs()
	base, reachable := BaseURL(o.BaseURL, "", o.Listen, addrs)
	switch {
	case o.BaseURL == "" && !reachable:
		log.Printf("bianmin serve: phones cannot reach %s; give the public address with --base-url", base)
	case profile != base:
		log.Printf("bianmin serve: QR codes should point to %s: set 手机查询网址 (管理 → 机构信息) to it, "+
			"or start each kiosk and desk with --base-url %s (now: %q)", base, base, profile)
	default:
		log.Printf("bianmin serve: QR codes point to %s", base)
	}
}
