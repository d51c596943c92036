package cli

import (
	"os"
	"time"
)

// QuitGrace is how long the window loop has to return once the program is
// asked to quit (SIGTERM, Ctrl-C) before QuitWithin ends it.
const QuitGrace = 5 * time.Second

// QuitWithin makes sure that a request to quit ends the program. Fyne
// 2.7.1's GLFW driver can leave the main goroutine waiting for good in
// Lifecycle.WaitForEvents after its window loop has ended: when the loop
// ends it queues the app's OnStopped event, whose runner hands it to the
// loop's function queue (and waits for it) — if that hand-over lands after
// the loop has drained the queue for the last time but before it marks it
// drained, nothing runs it any more, the event runner waits forever, and
// so does WaitForEvents behind it (a race in fyne's
// internal/driver/glfw/loop.go runGL and internal/app/lifecycle.go; the
// signal handler of the driver and ours both only call Quit). So: once
// quitting was asked for, QuitWithin waits up to grace for returned (closed
// when ShowAndRun has returned); past that it logs it, calls closeStores
// (which closes the data files: a transaction under way commits or rolls
// back first, nothing is left half-written) and exits with 0 through exit
// (os.Exit when nil). It reports whether it had to.
func QuitWithin(returned <-chan struct{}, grace time.Duration, closeStores func(), exit func(int),
	logf func(string, ...any)) bool {
	t := time.NewTimer(grace)
	defer t.Stop()
	select {
	case <-returned:
		return false
	case <-t.C:
	}
	logf("bianmin: the window did not close within %v of the request to quit (fyne's shutdown is stuck); "+
		"closing the data file and exiting", grace)
	if closeStores != nil {
		closeStores()
	}
	if exit == nil {
		exit = os.Exit
	}
	exit(0)
	return true
}
