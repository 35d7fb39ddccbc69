//go:build linux || darwin || freebsd || netbsd || openbsd

package hostile_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, user and system.
// Measuring with it rather than the wall clock leaves out the time other
// processes take on a busy machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return wallTime()
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
