package cli

import (
	"fmt"
	"os"
	"time"
)

// lockWait is how long a command waits for another clvlab run writing into
// the same output folder before it gives up.
var lockWait = 5 * time.Second

// lockOutput takes the advisory lock on the output folder out (made if
// missing), so that two commands never write into it at once: each
// cleans up temporary folders the other is still writing. It waits up to
// lockWait for another run to finish, then fails saying so. The returned
// function releases the lock.
func lockOutput(out string) (unlock func(), err error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	f, err := os.Open(out)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(lockWait)
	for {
		ok, err := tryLock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("locking %s: %w", out, err)
		}
		if ok {
			return func() { f.Close() }, nil
		}
		if time.Now().After(deadline) {
			f.Close()
			return nil, fmt.Errorf("another clvlab run is writing into %s; wait for it to finish, or give another -o folder", out)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
