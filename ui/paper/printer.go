package paper

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"time"

	"bianmin/ui/internal/sentence"
)

// problem is a printing failure a person is told about. Its Error is the
// Chinese message; Message gives the translation for the screen.
type problem struct{ key, zh string }

func (p *problem) Error() string { return p.zh }

// Sentence is the key and the Chinese of what a person is told (Message).
func (p *problem) Sentence() (key, zh string) { return p.key, p.zh }

// The ways paper can fail to come out. Print and Status return a
// *PrintError wrapping one of them: test with errors.Is, show Message(err).
// In every case the request itself is already stored.
var (
	// ErrNoCUPS: lp/lpstat are not installed or the CUPS scheduler is down.
	ErrNoCUPS error = &problem{"paper.print.no_cups",
		"打印服务未启动，您的申请已保存，请联系工作人员。"}
	// ErrPrinterMissing: the queue does not exist, or there is no default.
	ErrPrinterMissing error = &problem{"paper.print.missing",
		"打印机未连接或已停用，您的申请已保存，请点击“重新打印”或联系工作人员。"}
	// ErrPrinterStopped: the queue is disabled or refuses jobs (paper out,
	// cover open, stopped by staff).
	ErrPrinterStopped error = &problem{"paper.print.stopped",
		"打印机已暂停（可能缺纸或卡纸），您的申请已保存，请点击“重新打印”或联系工作人员。"}
	// ErrJobFailed: the job was refused, aborted, or did not finish in time
	// (it is then cancelled so it cannot come out later for nobody).
	ErrJobFailed error = &problem{"paper.print.failed",
		"打印未完成，您的申请已保存，请点击“重新打印”或联系工作人员。"}
)

// PrintError says which queue and job failed and what CUPS said.
type PrintError struct {
	Kind   error  // ErrNoCUPS, ErrPrinterMissing, ErrPrinterStopped or ErrJobFailed
	Queue  string // "" when the default could not be found
	Job    string // CUPS job id, once submitted
	Detail string // CUPS's own words, for the log
}

func (e *PrintError) Error() string {
	var b strings.Builder
	b.WriteString("paper: print")
	if e.Queue != "" {
		b.WriteString(" to " + e.Queue)
	}
	if e.Job != "" {
		b.WriteString(" (job " + e.Job + ")")
	}
	b.WriteString(": " + e.Kind.Error())
	if e.Detail != "" {
		b.WriteString(" [" + e.Detail + "]")
	}
	return b.String()
}

func (e *PrintError) Unwrap() error { return e.Kind }

// Message is the sentence to show a person for an error from Print or
// Status, in the UI's language (Chinese by default). Other errors get the
// generic print failure message.
func Message(err error) string {
	return sentence.Message(err, ErrJobFailed.(*problem))
}

// Reasons are the translation keys of a caller's own few words for why
// something did not print, where Message's sentences (which speak of a
// resident's stored application) do not fit: a guide's notice, a report.
type Reasons struct{ NoCUPS, Missing, Stopped, Failed string }

// Key is the key of err's reason: Failed unless err is ErrNoCUPS,
// ErrPrinterMissing or ErrPrinterStopped.
func (r Reasons) Key(err error) string {
	switch {
	case errors.Is(err, ErrNoCUPS):
		return r.NoCUPS
	case errors.Is(err, ErrPrinterMissing):
		return r.Missing
	case errors.Is(err, ErrPrinterStopped):
		return r.Stopped
	}
	return r.Failed
}

// Printer prints PDFs through CUPS: lp submits, lpstat watches. A real
// kiosk has a thermal receipt printer behind a CUPS queue; tests use a
// cups-pdf queue, which goes through exactly the same path.
type Printer struct {
	Queue string // CUPS queue name; "" for the system default
	// JobTimeout is how long Print waits for the job to finish before
	// calling it stuck; 0 means 30 seconds.
	JobTimeout time.Duration
	// CommandTimeout bounds each lp/lpstat run; 0 means 10 seconds.
	CommandTimeout time.Duration
}

// PrinterStatus is what lpstat says about a queue.
type PrinterStatus struct {
	Queue     string
	Enabled   bool   // not stopped
	Accepting bool   // takes new jobs
	Printing  bool   // busy with a job now
	Reason    string // CUPS's message when stopped or refusing, if any
	Pending   int    // jobs not yet completed
}

// Ready reports whether a job sent now should print.
func (s PrinterStatus) Ready() bool { return s.Enabled && s.Accepting }

var (
	reDefault = regexp.MustCompile(`(?m)^system default destination: (\S+)`)
	reRequest = regexp.MustCompile(`request id is (\S+)`)
)

// run runs a CUPS client in the C locale (its output is parsed; the kiosk
// itself runs under zh_CN) with the command timeout.
func (p Printer) run(ctx context.Context, stdin []byte, name string, args ...string) (string, error) {
	d := p.CommandTimeout
	if d <= 0 {
		d = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = cLocale(os.Environ())
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return string(out), fmt.Errorf("%s timed out after %s", name, d)
	}
	return string(out), err
}

// cLocale replaces every locale variable with C. All of them: CUPS reads
// LC_MESSAGES before LC_ALL, and the kiosk sets LC_MESSAGES=zh_CN.UTF-8.
func cLocale(env []string) []string {
	out := make([]string, 0, len(env)+3)
	for _, kv := range env {
		if strings.HasPrefix(kv, "LC_") || strings.HasPrefix(kv, "LANG=") || strings.HasPrefix(kv, "LANGUAGE=") {
			continue
		}
		out = append(out, kv)
	}
	return append(out, "LC_ALL=C", "LC_MESSAGES=C", "LANG=C")
}

func (p Printer) fail(kind error, queue, job, detail string) error {
	return &PrintError{Kind: kind, Queue: queue, Job: job, Detail: strings.Join(strings.Fields(detail), " ")}
}

// queue resolves the queue to use: the configured one or the default.
func (p Printer) queue(ctx context.Context) (string, error) {
	if _, err := exec.LookPath("lpstat"); err != nil {
		return "", p.fail(ErrNoCUPS, p.Queue, "", "lpstat not found")
	}
	out, err := p.run(ctx, nil, "lpstat", "-r")
	if err != nil || !strings.Contains(out, "scheduler is running") {
		return "", p.fail(ErrNoCUPS, p.Queue, "", out+errText(err))
	}
	if p.Queue != "" {
		return p.Queue, nil
	}
	out, _ = p.run(ctx, nil, "lpstat", "-d")
	m := reDefault.FindStringSubmatch(out)
	if m == nil {
		return "", p.fail(ErrPrinterMissing, "", "", out)
	}
	return m[1], nil
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return " " + err.Error()
}

// Status asks CUPS about the printer. The error is nil only when the queue
// exists, is enabled and accepts jobs; the status is filled in as far as
// known either way.
func (p Printer) Status(ctx context.Context) (PrinterStatus, error) {
	q, err := p.queue(ctx)
	st := PrinterStatus{Queue: q}
	if err != nil {
		return st, err
	}
	out, err := p.run(ctx, nil, "lpstat", "-p", q, "-a", q)
	if err != nil || strings.Contains(out, "Invalid destination") || strings.Contains(out, "Unknown destination") {
		if strings.Contains(out, "scheduler") {
			return st, p.fail(ErrNoCUPS, q, "", out+errText(err))
		}
		return st, p.fail(ErrPrinterMissing, q, "", out+errText(err))
	}
	st = parseStatus(q, out)
	if jobs, err := p.run(ctx, nil, "lpstat", "-o", q); err == nil {
		for _, l := range strings.Split(jobs, "\n") {
			if strings.HasPrefix(l, q+"-") {
				st.Pending++
			}
		}
	}
	switch {
	case !st.Enabled:
		return st, p.fail(ErrPrinterStopped, q, "", "disabled: "+st.Reason)
	case !st.Accepting:
		return st, p.fail(ErrPrinterStopped, q, "", "not accepting: "+st.Reason)
	}
	return st, nil
}

// parseStatus reads `lpstat -p Q -a Q` in the C locale:
//
//	printer Q is idle.  enabled since …
//	printer Q now printing Q-7.  enabled since …
//	printer Q disabled since … -
//		reason
//	Q accepting requests since …
//	Q not accepting requests since … -
//		reason
func parseStatus(q, out string) PrinterStatus {
	st := PrinterStatus{Queue: q}
	var reasons []string
	lines := strings.Split(out, "\n")
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "printer "+q+" "):
			st.Enabled = strings.Contains(l, "enabled since") || !strings.Contains(l, "disabled")
			st.Printing = strings.Contains(l, "now printing")
		case strings.HasPrefix(l, q+" accepting requests"):
			st.Accepting = true
		case strings.HasPrefix(l, q+" not accepting"):
			st.Accepting = false
		case strings.HasPrefix(l, "\t") && i > 0:
			if r := strings.TrimSpace(l); r != "" && r != "reason unknown" {
				reasons = append(reasons, r)
			}
		}
	}
	st.Reason = strings.Join(reasons, "; ")
	return st
}

// PrintDocument prints a laid-out document with its own media size.
func (p Printer) PrintDocument(ctx context.Context, d Document) (string, error) {
	return p.Print(ctx, d.PDF, d.Media())
}

// Print sends pdf to the printer with the CUPS media option (Document.Media:
// "Custom.80x143mm" for a receipt, "A4") and waits until CUPS has printed
// it. It checks the queue first, then watches the job with lpstat: a queue
// that stops while the job waits, a job CUPS aborts or cancels, or a job
// still waiting after JobTimeout is a failure, and a job that failed is
// cancelled so it cannot surprise someone later. It returns the CUPS job id.
func (p Printer) Print(ctx context.Context, pdf []byte, media string) (string, error) {
	st, err := p.Status(ctx)
	if err != nil {
		return "", err
	}
	q := st.Queue
	args := []string{"-d", q, "-t", "bianmin"}
	if media != "" {
		args = append(args, "-o", "media="+media)
	}
	out, err := p.run(ctx, pdf, "lp", args...)
	m := reRequest.FindStringSubmatch(out)
	if err != nil || m == nil {
		kind := ErrJobFailed
		switch {
		case strings.Contains(out, "does not exist") || strings.Contains(out, "Unknown destination"):
			kind = ErrPrinterMissing
		case strings.Contains(out, "not accepting"):
			kind = ErrPrinterStopped
		case strings.Contains(out, "scheduler"):
			kind = ErrNoCUPS
		}
		return "", p.fail(kind, q, "", out+errText(err))
	}
	job := m[1]
	if err := p.wait(ctx, q, job); err != nil {
		_, _ = p.run(context.WithoutCancel(ctx), nil, "cancel", job)
		return job, err
	}
	return job, nil
}

// wait polls until job has left the queue, then asks CUPS how it ended.
func (p Printer) wait(ctx context.Context, q, job string) error {
	limit := p.JobTimeout
	if limit <= 0 {
		limit = 30 * time.Second
	}
	deadline := time.Now().Add(limit)
	for tick := 100 * time.Millisecond; ; tick = min(tick*2, time.Second) {
		out, err := p.run(ctx, nil, "lpstat", "-o", q)
		if err != nil && ctx.Err() != nil {
			return p.fail(ErrJobFailed, q, job, ctx.Err().Error())
		}
		if err == nil && !hasJob(out, job) {
			break
		}
		if s, err := p.run(ctx, nil, "lpstat", "-p", q); err == nil && strings.Contains(s, "printer "+q+" disabled") {
			return p.fail(ErrPrinterStopped, q, job, "stopped while printing: "+parseStatus(q, s).Reason)
		}
		if time.Now().After(deadline) {
			return p.fail(ErrJobFailed, q, job, fmt.Sprintf("still queued after %s", limit))
		}
		select {
		case <-ctx.Done():
			return p.fail(ErrJobFailed, q, job, ctx.Err().Error())
		case <-time.After(tick):
		}
	}
	// lpstat lists completed, cancelled and aborted jobs alike; ask CUPS
	// itself (IPP Get-Job-Attributes) which it was.
	state, err := jobState(ctx, job)
	switch {
	case err != nil:
		return nil // left the queue and CUPS will not say more: count it as printed
	case state == ippJobCompleted:
		return nil
	default:
		return p.fail(ErrJobFailed, q, job, "job "+ippJobStateName(state))
	}
}

// hasJob reports whether `lpstat -o` output lists job.
func hasJob(out, job string) bool {
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 0 && f[0] == job {
			return true
		}
	}
	return false
}
