//go:build !unix

package speech

import "os/exec"

// prepare needs nothing where there are no process groups.
func prepare(*exec.Cmd) {}

// kill ends a started command.
func kill(cmd *exec.Cmd) {
	if cmd.Process != nil {
		_ = cmd.Process.Kill()
	}
}
