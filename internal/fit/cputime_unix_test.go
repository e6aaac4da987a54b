//go:build unix

package fit

import (
	"syscall"
	"time"
)

// processCPU is the CPU time (user and system) the test process has used:
// on a machine shared with other work, CPU time per fit is the figure that
// does not depend on the load, where wall time does.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
