// Package papertest reads printed PDFs back for tests, with the tools
// `make test` installs (poppler-utils): what pdftotext sees on the page. A
// missing tool fails the test instead of skipping it, so a machine without
// it cannot pass while checking nothing.
package papertest

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// Need fails the test when the command-line tool is not installed.
func Need(t testing.TB, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s is not installed (Debian: poppler-utils); `make test` installs it", tool)
	}
}

// Text is what pdftotext reads from pdf, with pdftotext's args (for
// example "-layout").
func Text(t testing.TB, pdf []byte, args ...string) string {
	t.Helper()
	Need(t, "pdftotext")
	cmd := exec.Command("pdftotext", append(args, "-", "-")...)
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// Words is Text with every white space removed, so that a check does not
// depend on where lines break.
func Words(t testing.TB, pdf []byte, args ...string) string {
	t.Helper()
	return strings.Join(strings.Fields(Text(t, pdf, args...)), "")
}
