package cli

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
	"time"

	"bianmin/data"
)

// Version and BuildNumber are the program's version and build number. They
// are FyneApp.toml's Version and Build, which the fyne tool stamps into a
// packaged app: TestVersionMatchesFyneApp fails when the two drift apart,
// so a release changes both together (and the Debian package takes its
// version from either).
const (
	Version     = "0.1.0"
	BuildNumber = 1
)

// BuildInfo is what `bianmin --version` says about the binary.
type BuildInfo struct {
	Version   string    // Version
	Revision  string    // the VCS revision it was built from ("" when not known)
	Time      time.Time // that revision's commit time (zero when not known)
	Modified  bool      // built with changes not committed
	GoVersion string    // e.g. go1.26.8
	OS, Arch  string    // GOOS and GOARCH
}

// ReadBuildInfo reads the build information the Go toolchain stamped into
// the binary (debug.ReadBuildInfo: the vcs.* settings of a build from a
// git checkout).
func ReadBuildInfo() BuildInfo {
	b := BuildInfo{Version: Version, GoVersion: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return b
	}
	if bi.GoVersion != "" {
		b.GoVersion = bi.GoVersion
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.time":
			b.Time, _ = time.Parse(time.RFC3339, s.Value)
		case "vcs.modified":
			b.Modified = s.Value == "true"
		case "GOOS":
			b.OS = s.Value
		case "GOARCH":
			b.Arch = s.Value
		}
	}
	return b
}

// Write prints the version and build, Chinese with the English beside it.
// The first line is "bianmin VERSION", for scripts.
func (b BuildInfo) Write(w io.Writer) {
	fmt.Fprintf(w, "bianmin %s\n", b.Version)
	fmt.Fprintf(w, "便民服务 版本 version %s，构建 build %d\n", b.Version, BuildNumber)
	switch {
	case b.Revision == "":
		fmt.Fprintln(w, "源代码版本：未记录 revision: not recorded")
	default:
		line := "源代码版本 revision: " + b.Revision
		if !b.Time.IsZero() {
			line += "（" + b.Time.In(data.China).Format("2006-01-02 15:04") + " 北京时间 China time）"
		}
		if b.Modified {
			line += "，含未提交的修改 modified"
		}
		fmt.Fprintln(w, line)
	}
	fmt.Fprintf(w, "Go %s %s/%s\n", b.GoVersion, b.OS, b.Arch)
}
