//go:build unix

package speech

import (
	"os/exec"
	"syscall"
)

// prepare puts espeak-ng in a process group of its own, so that kill ends
// whatever it may have started too.
func prepare(cmd *exec.Cmd) { cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true} }

// kill ends the process group of a started command.
func kill(cmd *exec.Cmd) {
	if cmd.Process == nil {
		return
	}
	if err := syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); err != nil {
		_ = cmd.Process.Kill()
	}
}
