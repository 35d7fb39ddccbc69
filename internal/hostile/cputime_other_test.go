//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package hostile_test

import "time"

// cpuTime falls back to the wall clock where the process's CPU time is
// not at hand.
func cpuTime() time.Duration { return wallTime() }
