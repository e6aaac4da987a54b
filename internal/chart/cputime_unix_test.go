//go:build unix

package chart

import "syscall"

// cpuTime returns the process's user and system CPU time so far in
// nanoseconds (every thread's: the garbage collector's too), and true.
func cpuTime() (int64, bool) {
	var u syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &u) != nil {
		return 0, false
	}
	return u.Utime.Nano() + u.Stime.Nano(), true
}
