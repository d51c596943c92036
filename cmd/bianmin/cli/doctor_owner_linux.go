//go:build linux

package cli

import (
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// becomeOwner is Env.AsOwner on Linux: run as root on a data file (or, when
// it does not exist yet, a folder) that belongs to another user, the
// process takes that user's identity, groups included, for the rest of the
// run (on Linux, Go changes it for every thread).
func becomeOwner(path string) (string, error) {
	if os.Geteuid() != 0 {
		return "", nil
	}
	var st os.FileInfo
	for p := path; ; p = filepath.Dir(p) {
		var err error
		if st, err = os.Stat(p); err == nil {
			break
		}
		if p == filepath.Dir(p) {
			return "", nil
		}
	}
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok || sys.Uid == 0 {
		return "", nil
	}
	name := strconv.Itoa(int(sys.Uid))
	gid := int(sys.Gid)
	var groups []int
	if u, err := user.LookupId(name); err == nil {
		name = u.Username
		if g, err := strconv.Atoi(u.Gid); err == nil {
			gid = g
		}
		if ids, err := u.GroupIds(); err == nil {
			for _, id := range ids {
				if g, err := strconv.Atoi(id); err == nil {
					groups = append(groups, g)
				}
			}
		}
	}
	if len(groups) == 0 {
		groups = []int{gid}
	}
	if err := syscall.Setgroups(groups); err != nil {
		return name, fmt.Errorf("setgroups: %w", err)
	}
	if err := syscall.Setgid(gid); err != nil {
		return name, fmt.Errorf("setgid: %w", err)
	}
	if err := syscall.Setuid(int(sys.Uid)); err != nil {
		return name, fmt.Errorf("setuid: %w", err)
	}
	return name, nil
}
