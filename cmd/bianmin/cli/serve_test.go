package cli

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"bianmin/data"
	"bianmin/data/datatest"
	"bianmin/ui/web"
)

// serveWait bounds every wait in these tests: generous, so a loaded
// machine never fails them.
const serveWait = 30 * time.Second

// TestMain runs the bianmin command (Main) as the program would when the
// test binary is started as a child with BIANMIN_CLI_CHILD (its arguments,
// one a line): a real process, which a real SIGTERM stops.
func TestMain(m *testing.M) {
	if args := os.Getenv("BIANMIN_CLI_CHILD"); args != "" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := Main(ctx, strings.Split(args, "\n"), Seed{}, nil, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// servedData makes a data file with one registered request and returns
// its path and the request's receipt.
func servedData(t *testing.T) (string, data.Receipt) {
	t.Helper()
	ctx := context.Background()
	path := datatest.DSN(t) // a SQLite file, or a schema on BIANMIN_TEST_PG
	s, err := OpenSeeded(ctx, path, Seed{Catalog: []byte(miniCatalog)})
	require.NoError(t, err)
	defer s.Close()
	items, err := s.SearchItems(ctx, "居住证明")
	require.NoError(t, err)
	require.NotEmpty(t, items)
	it, err := s.Item(ctx, items[0].ID)
	require.NoError(t, err)
	rc, err := s.Register(ctx, data.Registration{ItemID: it.ID, Channel: data.ChannelKiosk, Name: "张小三",
		Phone: "13800138000", IDNumber: "11010519491231002X", Brought: []int64{it.Materials[0].ID}, Consent: true})
	require.NoError(t, err)
	return path, rc
}

// servedAt reads the address the server says it serves on from out.
func servedAt(t *testing.T, out io.Reader) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if m := regexp.MustCompile(`http://\S+`).FindString(sc.Text()); m != "" {
				found <- m
				break
			}
		}
		_, _ = io.Copy(io.Discard, out)
	}()
	select {
	case base := <-found:
		return base
	case <-time.After(serveWait):
		t.Fatal("the server never said where it serves")
		return ""
	}
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	require.NoError(t, err)
	return res, string(b)
}

// TestServeSubcommand runs `bianmin serve` through Main on a data file and
// a random port: a request's status page, a wrong code's polite 404, the
// kiosk page's headers and rate limit, and a clean stop when the context
// (SIGTERM in main) ends.
func TestServeSubcommand(t *testing.T) {
	path, rc := servedData(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- Main(ctx, []string{"serve", "--data", path, "--listen", "127.0.0.1:0",
			"--base-url", "https://bm.example.org/"}, Seed{}, nil, pw, io.Discard)
		pw.Close()
	}()
	base := servedAt(t, pr)

	res, body := get(t, base+"/r/"+rc.Token)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, rc.ReceiptNo)
	assert.Contains(t, body, "张*", "the name masked")
	assert.NotContains(t, body, "13800138000")
	assert.Equal(t, "DENY", res.Header.Get("X-Frame-Options"))
	assert.Contains(t, res.Header.Get("Content-Security-Policy"), "default-src 'none'")
	assert.Equal(t, "no-store", res.Header.Get("Cache-Control"))

	res, body = get(t, base+"/r/"+strings.Repeat("A", len(rc.Token)))
	assert.Equal(t, http.StatusNotFound, res.StatusCode)
	assert.Contains(t, body, "未找到相关记录，请核对二维码。")

	// The kiosk's limits: a scanner of codes is stopped.
	limited := false
	for range 3 * web.DefaultLimits.Burst {
		if res, _ := get(t, base+"/r/x"); res.StatusCode == http.StatusTooManyRequests {
			limited = true
			break
		}
	}
	assert.True(t, limited, "rate-limited as the kiosk's page")
	// The proxy's X-Forwarded-For is not trusted unless --trust-proxy says so.
	req, err := http.NewRequest(http.MethodGet, base+"/r/"+rc.Token, nil)
	require.NoError(t, err)
	req.Header.Set("X-Forwarded-For", "203.0.113.7")
	res, err = http.DefaultClient.Do(req)
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusTooManyRequests, res.StatusCode, "a forged header does not escape the limit")

	cancel()
	select {
	case c := <-code:
		assert.Equal(t, 0, c)
	case <-time.After(serveWait):
		t.Fatal("serve did not stop when its context ended")
	}
}

func TestServeUsage(t *testing.T) {
	code, _, errs := run(t, "serve", "--listen", "")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "bianmin serve")
	code, _, errs = run(t, "serve", "--nonsense")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "用法")
	code, _, errs = run(t, "serve", "--trust-proxy", "proxy.local")
	assert.Equal(t, 2, code)
	assert.Contains(t, errs, "--trust-proxy")
}

// TestServeBehindProxy: behind a trusted proxy each phone has its own limit.
func TestServeBehindProxy(t *testing.T) {
	path, rc := servedData(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- Main(ctx, []string{"serve", "--data", path, "--listen", "127.0.0.1:0", "--trust-proxy", "127.0.0.1"},
			Seed{}, nil, pw, io.Discard)
		pw.Close()
	}()
	base := servedAt(t, pr)
	status := func(phone string) int {
		req, err := http.NewRequest(http.MethodGet, base+"/r/"+rc.Token, nil)
		require.NoError(t, err)
		req.Header.Set("X-Forwarded-For", phone)
		res, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		res.Body.Close()
		return res.StatusCode
	}
	limited := false
	for range 3 * web.DefaultLimits.Burst {
		if status("203.0.113.1") == http.StatusTooManyRequests {
			limited = true
			break
		}
	}
	assert.True(t, limited, "one phone is limited")
	assert.Equal(t, http.StatusOK, status("203.0.113.2"), "another phone behind the same proxy is not")
	cancel()
	select {
	case c := <-code:
		assert.Equal(t, 0, c)
	case <-time.After(serveWait):
		t.Fatal("serve did not stop")
	}
}

// TestServeMaintenance (SQLite): while the data file is lost the page says 系统维护中
// (503), and once it is back the requests are served again, without a
// restart.
func TestServeMaintenance(t *testing.T) {
	datatest.UseSQLite(t) // about the data file
	path, rc := servedData(t)
	aside := path + ".aside"
	require.NoError(t, os.Rename(path, aside)) // lost (its marker says it existed)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ServeOptions{Data: path, Listen: "127.0.0.1:0", Retry: 20 * time.Millisecond,
			Limits: web.Limits{Rate: 1000, Burst: 1000}}, pw)
		pw.Close()
	}()
	base := servedAt(t, pr)

	res, body := get(t, base+"/r/"+rc.Token)
	assert.Equal(t, http.StatusServiceUnavailable, res.StatusCode)
	assert.Contains(t, body, "系统维护中")
	assert.NotEmpty(t, res.Header.Get("Retry-After"))
	_, err := os.Stat(path)
	assert.ErrorIs(t, err, os.ErrNotExist, "a lost data file is not made anew")

	require.NoError(t, os.Rename(aside, path))
	deadline := time.Now().Add(serveWait)
	for {
		res, _ = get(t, base+"/r/"+rc.Token)
		if res.StatusCode == http.StatusOK || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	assert.Equal(t, http.StatusOK, res.StatusCode, "served again once the data file is back")

	cancel()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(serveWait):
		t.Fatal("serve did not stop")
	}
}

// TestServeProcessStopsOnSIGTERM runs `bianmin serve` as its own process
// (this test binary, see TestMain: the bianmin binary itself needs cgo for
// its window) and stops it with SIGTERM: it serves, then exits 0.
func TestServeProcessStopsOnSIGTERM(t *testing.T) {
	path, rc := servedData(t)
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "BIANMIN_CLI_CHILD="+strings.Join(
		[]string{"serve", "--data", path, "--listen", "127.0.0.1:0"}, "\n"))
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() { _ = cmd.Process.Kill() }()
	base := servedAt(t, out)

	res, body := get(t, base+"/r/"+rc.Token)
	assert.Equal(t, http.StatusOK, res.StatusCode)
	assert.Contains(t, body, rc.ReceiptNo)

	require.NoError(t, cmd.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-exited:
		assert.NoError(t, err, "exit status 0 after SIGTERM")
	case <-time.After(serveWait):
		t.Fatal("serve did not stop on SIGTERM")
	}
}
