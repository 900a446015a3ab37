//go:build !linux

package redistest

import "syscall"

// sysProcAttr has nothing to add outside Linux: cleanups stop the server.
func sysProcAttr() *syscall.SysProcAttr { return nil }
