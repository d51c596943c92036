package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"bianmin/ui/paper"
)

// Env is the machine as the doctor sees it. RealEnv is this machine;
// tests make up others, healthy and broken. Every field is needed.
type Env struct {
	Now   func() time.Time
	Zone  *time.Location // the machine's own time zone (time.Local)
	Built time.Time      // when this program's source was committed (zero: not known)

	// Run runs a program (lpstat, espeak-ng, timedatectl …) in the C
	// locale and returns what it wrote, stdout and stderr together. A
	// program that is not installed gives an error wrapping
	// exec.ErrNotFound.
	Run func(ctx context.Context, name string, args ...string) (string, error)

	// FreeSpace is the space an unprivileged program may still use on
	// the file system of dir.
	FreeSpace func(dir string) (uint64, error)

	Addrs      func() ([]net.Addr, error)                                                // this machine's addresses
	LookupHost func(ctx context.Context, host string) ([]string, error)                  // DNS (and /etc/hosts)
	Listening  func(ctx context.Context, hostport string) bool                           // a TCP connect succeeds
	Bind       func(hostport string) error                                               // listening there would work (nil: free)
	Ours       func(ctx context.Context, hostport string) bool                           // bianmin's phone page answers there
	Screen     func(ctx context.Context) (Screen, error)                                 // the display; ErrNoDisplay when none
	Print      func(ctx context.Context, queue string, d paper.Document) (string, error) // print, return the job id

	// AsOwner makes the rest of the run act as the owner of the data
	// file at path when the doctor runs as root and the file (or its
	// folder) belongs to another user, so that nothing the checks open
	// or write (SQLite's -wal and -shm, the backup records) becomes
	// root's and locks the kiosk out. It returns that user's name, ""
	// when nothing changed. Nil: never.
	AsOwner func(path string) (string, error)
}

// Screen is the size of the display the kiosk would use.
type Screen struct {
	Width, Height int    // pixels; 0 when the display exists but its size is not known
	Source        string // where it was read: "X :0", "DRM HDMI-A-1", "Wayland wayland-0"
}

// ErrNoDisplay: no display to show the kiosk on (no $DISPLAY or
// $WAYLAND_DISPLAY, no connected monitor), as over ssh.
var ErrNoDisplay = errors.New("no display")

// RealEnv is this machine.
func RealEnv() Env {
	return Env{
		Now:        time.Now,
		Zone:       localZone(),
		Built:      ReadBuildInfo().Time,
		Run:        runC,
		FreeSpace:  freeSpace,
		Addrs:      net.InterfaceAddrs,
		LookupHost: net.DefaultResolver.LookupHost,
		Listening:  dialable,
		Bind:       bindable,
		Ours:       phonePageAt,
		Screen:     probeScreen,
		Print: func(ctx context.Context, queue string, d paper.Document) (string, error) {
			return paper.Printer{Queue: queue}.PrintDocument(ctx, d)
		},
		AsOwner: becomeOwner,
	}
}

// localZone is the machine's time zone under its name (time.Local is
// called "Local"): $TZ, else what /etc/localtime links to.
func localZone() *time.Location {
	name := strings.TrimPrefix(os.Getenv("TZ"), ":")
	if name == "" {
		if link, err := os.Readlink("/etc/localtime"); err == nil {
			if _, after, ok := strings.Cut(link, "zoneinfo/"); ok {
				name = after
			}
		}
	}
	if name != "" {
		if loc, err := time.LoadLocation(name); err == nil {
			return loc
		}
	}
	return time.Local
}

// runC runs name with the C locale (its output is parsed) for at most 15
// seconds.
func runC(ctx context.Context, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANG=") && !strings.HasPrefix(kv, "LANGUAGE=") {
			env = append(env, kv)
		}
	}
	cmd.Env = append(env, "LC_ALL=C", "LANG=C")
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return string(out), fmt.Errorf("%s: timed out", name)
	}
	return string(out), err
}

// loopbackFor is where to reach a listen address from this machine: its
// host, or 127.0.0.1 for an address that listens on all of them.
func loopbackFor(hostport string) string {
	h, p := hostOf(hostport)
	if ip := net.ParseIP(h); h == "" || (ip != nil && ip.IsUnspecified()) {
		h = "127.0.0.1"
	}
	return net.JoinHostPort(h, p)
}

func dialable(ctx context.Context, hostport string) bool {
	d := net.Dialer{Timeout: 2 * time.Second}
	c, err := d.DialContext(ctx, "tcp", hostport)
	if err != nil {
		return false
	}
	c.Close()
	return true
}

func bindable(hostport string) error {
	l, err := net.Listen("tcp", hostport)
	if err != nil {
		return err
	}
	return l.Close()
}

// phonePageAt asks the listen address for a page that does not exist and
// recognises bianmin's phone page (ui/web) by the headers it sends with
// every answer.
func phonePageAt(ctx context.Context, hostport string) bool {
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodHead, "http://"+loopbackFor(hostport)+"/", nil)
	if err != nil {
		return false
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return false
	}
	resp.Body.Close()
	return resp.Header.Get("Permissions-Policy") == "camera=(), microphone=(), geolocation=()" &&
		strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'")
}

var (
	reXdpyinfo = regexp.MustCompile(`dimensions:\s+(\d+)x(\d+) pixels`)
	reXrandr   = regexp.MustCompile(`current (\d+) x (\d+)`)
	reMode     = regexp.MustCompile(`^(\d+)x(\d+)`)
)

// probeScreen finds the display: the X server named by $DISPLAY (xdpyinfo,
// else xrandr), else a monitor connected to the graphics card (the kernel's
// DRM connectors: what a kiosk has when asked over ssh), else a Wayland
// display of unknown size.
func probeScreen(ctx context.Context) (Screen, error) {
	if d := os.Getenv("DISPLAY"); d != "" {
		if out, err := runC(ctx, "xdpyinfo"); err == nil {
			if m := reXdpyinfo.FindStringSubmatch(out); m != nil {
				return screenOf(m[1], m[2], "X "+d), nil
			}
		}
		if out, err := runC(ctx, "xrandr", "--current"); err == nil {
			if m := reXrandr.FindStringSubmatch(out); m != nil {
				return screenOf(m[1], m[2], "X "+d), nil
			}
		}
	}
	if s, ok := drmScreen("/sys/class/drm"); ok {
		return s, nil
	}
	if d := os.Getenv("WAYLAND_DISPLAY"); d != "" {
		return Screen{Source: "Wayland " + d}, nil
	}
	return Screen{}, ErrNoDisplay
}

// drmScreen is the preferred mode of the first connected monitor under
// sys (/sys/class/drm/card0-HDMI-A-1/{status,modes}).
func drmScreen(sys string) (Screen, bool) {
	dirs, _ := filepath.Glob(filepath.Join(sys, "card*-*"))
	for _, dir := range dirs {
		st, err := os.ReadFile(filepath.Join(dir, "status"))
		if err != nil || strings.TrimSpace(string(st)) != "connected" {
			continue
		}
		modes, err := os.ReadFile(filepath.Join(dir, "modes"))
		if err != nil {
			continue
		}
		first, _, _ := bytes.Cut(modes, []byte("\n"))
		conn := filepath.Base(dir)
		if _, c, ok := strings.Cut(conn, "-"); ok {
			conn = c
		}
		if m := reMode.FindSubmatch(first); m != nil {
			return screenOf(string(m[1]), string(m[2]), "DRM "+conn), true
		}
	}
	return Screen{}, false
}

func screenOf(w, h, source string) Screen {
	wi, _ := strconv.Atoi(w)
	hi, _ := strconv.Atoi(h)
	return Screen{Width: wi, Height: hi, Source: source}
}
