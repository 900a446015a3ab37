package redistest

import "syscall"

// sysProcAttr asks the kernel to kill redis-server when the test binary dies
// without running its cleanups (a -timeout panic, a kill). Pdeathsig follows
// the OS thread that started the child, which Go only ends when a goroutine
// locked to it exits still locked; tests do not do that.
func sysProcAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
