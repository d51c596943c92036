package cli

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestVersionMatchesFyneApp: FyneApp.toml (what the fyne tool stamps into
// a packaged app) and the program say the same version and build.
func TestVersionMatchesFyneApp(t *testing.T) {
	toml, err := os.ReadFile("../../../FyneApp.toml")
	require.NoError(t, err)
	v := regexp.MustCompile(`(?m)^Version\s*=\s*"([^"]+)"`).FindSubmatch(toml)
	require.NotNil(t, v, "FyneApp.toml has a Version")
	b := regexp.MustCompile(`(?m)^Build\s*=\s*(\d+)`).FindSubmatch(toml)
	require.NotNil(t, b, "FyneApp.toml has a Build")
	assert.Equal(t, string(v[1]), Version, "change cli.Version and FyneApp.toml's Version together")
	build, _ := strconv.Atoi(string(b[1]))
	assert.Equal(t, build, BuildNumber, "change cli.BuildNumber and FyneApp.toml's Build together")
}

func TestVersionCommand(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-version"}, {"version"}} {
		code, out, errs := run(t, args...)
		require.Equal(t, 0, code, errs)
		first, _, _ := strings.Cut(out, "\n")
		assert.Equal(t, "bianmin "+Version, first, args)
		assert.Contains(t, out, runtime.GOOS+"/"+runtime.GOARCH)
		assert.Contains(t, out, "Go go1.")
		assert.Contains(t, out, "构建 build "+strconv.Itoa(BuildNumber))
	}
	code, _, _ := run(t, "version", "extra")
	assert.Equal(t, 2, code)
}

func TestBuildInfoWrite(t *testing.T) {
	var b bytes.Buffer
	BuildInfo{Version: "9.9.9", Revision: "abc123", Time: mustTime(t, "2026-12-06T20:00:00Z"), Modified: true,
		GoVersion: "go1.26.8", OS: "linux", Arch: "arm64"}.Write(&b)
	assert.Equal(t, "bianmin 9.9.9\n"+
		"便民服务 版本 version 9.9.9，构建 build "+strconv.Itoa(BuildNumber)+"\n"+
		"源代码版本 revision: abc123（2026-12-07 04:00 北京时间 China time），含未提交的修改 modified\n"+
		"Go go1.26.8 linux/arm64\n", b.String())
}

func TestHelpListsDoctorAndVersion(t *testing.T) {
	var out, errb bytes.Buffer
	code := Main(context.Background(), []string{"--help"}, Seed{}, nil, &out, &errb)
	assert.Equal(t, 2, code)
	assert.Contains(t, errb.String(), "bianmin doctor [--data FILE] [--print-test]")
	assert.Contains(t, errb.String(), "bianmin version, bianmin --version")
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v
}
