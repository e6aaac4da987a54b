package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"clvlab/scenarios"
)

// within runs f and fails the test when it has not returned after limit:
// a read without bound would never return (or eat all memory), and the
// test must end either way.
func within(t *testing.T, limit time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(limit):
		t.Fatalf("still reading after %v: the read is not bounded", limit)
	}
}

// TestReadIsBounded (issue 10, item 6): a scenario argument that is a
// device or a pipe without end is read at most to the size limit plus one
// byte, then refused with a message saying what it is; every command reads
// through load, and a pipe that ends early is read like a file.
func TestReadIsBounded(t *testing.T) {
	limit := fmt.Sprintf("and it gave more than %d bytes, a scenario file may have at most %d (1 MiB)", scenarios.MaxFileSize, scenarios.MaxFileSize)
	for _, dev := range []string{"/dev/zero", "/dev/urandom"} {
		for _, cmd := range []string{"validate", "run", "compare", "sensitivity", "seek", "optimize"} {
			var status int
			var errs string
			args := []string{cmd, dev}
			if cmd != "validate" {
				args = []string{cmd, "-o", t.TempDir(), dev}
			}
			within(t, 20*time.Second, func() { status, _, errs = runCLI(t, args...) })
			want := dev + ": not a regular file (a device), " + limit
			if status != ExitUsage || !strings.Contains(errs, want) {
				t.Errorf("%s %s: status %d, stderr %q, want %d and %q", cmd, dev, status, errs, ExitUsage, want)
			}
		}
	}

	endless := filepath.Join(t.TempDir(), "endless.toml")
	if err := syscall.Mkfifo(endless, 0o600); err != nil {
		t.Skip("no FIFO here:", err)
	}
	go func() { // writes until the reader closes its end
		f, err := os.OpenFile(endless, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		defer f.Close()
		line := []byte("# a comment line, again and again\n")
		for {
			if _, err := f.Write(line); err != nil {
				return
			}
		}
	}()
	var status int
	var errs string
	within(t, 20*time.Second, func() { status, _, errs = runCLI(t, "validate", endless) })
	if want := endless + ": not a regular file (a pipe), " + limit; status != ExitUsage || !strings.Contains(errs, want) {
		t.Errorf("validate of an endless pipe: status %d, stderr %q, want %d and %q", status, errs, ExitUsage, want)
	}

	short := filepath.Join(t.TempDir(), "short.toml")
	if err := syscall.Mkfifo(short, 0o600); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile("../../scenarios/shipped/" + scenarios.DefaultPreset + ".toml")
	if err != nil {
		t.Fatal(err)
	}
	go func() { os.WriteFile(short, src, 0) }()
	var out string
	within(t, 20*time.Second, func() { status, out, errs = runCLI(t, "validate", short) })
	if status != ExitOK || !strings.HasPrefix(out, short+": ok") {
		t.Errorf("validate of a pipe holding a scenario: status %d, stdout %q, stderr %q", status, out, errs)
	}
}
