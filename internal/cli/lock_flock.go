//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package cli

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes an exclusive advisory lock (flock) on the folder f without
// waiting: it reports false when another process, or another open of the
// folder, holds it. The lock goes with the file: closing f releases it,
// and so does the process's end, however it ends.
//
// A file system that offers no flock on a folder opened for reading (NFS
// emulates flock with a write lock, which such a descriptor cannot take;
// some FUSE and CIFS mounts have none) answers EBADF, ENOLCK, EOPNOTSUPP
// or ENOSYS: tryLock then reports the folder as locked by this process,
// and the command goes on without the lock, as on a system without flock
// (lock_other.go), rather than refusing to write at all.
func tryLock(f *os.File) (bool, error) {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, syscall.EWOULDBLOCK):
		return false, nil
	case errors.Is(err, syscall.EBADF), errors.Is(err, syscall.ENOLCK),
		errors.Is(err, syscall.EOPNOTSUPP), errors.Is(err, syscall.ENOSYS):
		return true, nil
	}
	return false, err
}
