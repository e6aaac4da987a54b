package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
)

// killEnv names the variables that make TestKilledRunHelper, run as a
// child process, stop a run at one of its renames.
const (
	killAfterEnv = "CLVLAB_TEST_KILL_AFTER_RENAME"
	killOutEnv   = "CLVLAB_TEST_KILL_OUT"
)

// killedExit is the status the child exits with where it is "killed".
const killedExit = 3

// TestKilledRunHelper is not a test of its own: TestRunKilledAtEveryRename
// runs the test binary on it with killAfterEnv=k, and it runs `clvlab run`
// into killOutEnv, exiting at once (no deferred clean-up runs, as under
// SIGKILL) before the first rename when k is 0, else right after the k-th.
func TestKilledRunHelper(t *testing.T) {
	k, err := strconv.Atoi(os.Getenv(killAfterEnv))
	if err != nil {
		t.Skip("run by TestRunKilledAtEveryRename only")
	}
	n := 0
	rename = func(from, to string) error {
		n++
		if n > k {
			os.Exit(killedExit)
		}
		err := os.Rename(from, to)
		if n == k {
			os.Exit(killedExit)
		}
		return err
	}
	runCLI(t, "run", "-o", os.Getenv(killOutEnv), "-charts", "none", "annuity")
	os.Exit(0) // not killed: there were fewer than k renames
}

// TestRunKilledAtEveryRename (issue 10, item 7): a run over previous
// results that hold two analysis folders makes four renames (each folder
// carried into the new results, the previous results aside, the new ones
// into place). Killed before the first or after any of them, the next run
// finds every analysis folder with its files, and leaves nothing hidden
// behind. Before the fix, the next run deleted the temporary folder that
// held the carried folders.
func TestRunKilledAtEveryRename(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the test binary five times")
	}
	const renames = 4
	for k := 0; k <= renames+1; k++ {
		out := t.TempDir()
		if status, _, errs := runCLI(t, "run", "-o", out, "-charts", "none", "annuity"); status != ExitOK {
			t.Fatal(errs)
		}
		analyses := []string{"compare", "sensitivity"}
		for _, a := range analyses {
			writeTestFile(t, filepath.Join(out, "annuity", a, Marker), "")
			writeTestFile(t, filepath.Join(out, "annuity", a, a+".json"), "previous "+a)
		}

		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledRunHelper$")
		cmd.Env = append(os.Environ(), killAfterEnv+"="+strconv.Itoa(k), killOutEnv+"="+out)
		output, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		killed := errors.As(err, &exit) && exit.ExitCode() == killedExit
		switch {
		case k <= renames && !killed:
			t.Fatalf("kill after rename %d: the child was not killed (%v): %s; does run still make %d renames?", k, err, output, renames)
		case k > renames && err != nil:
			t.Fatalf("the run without a kill failed: %v: %s", err, output)
		}

		if status, _, errs := runCLI(t, "run", "-o", out, "-charts", "none", "annuity"); status != ExitOK {
			t.Fatalf("kill after rename %d: the next run: %s", k, errs)
		}
		for _, a := range analyses {
			b, err := os.ReadFile(filepath.Join(out, "annuity", a, a+".json"))
			if err != nil || string(b) != "previous "+a {
				t.Errorf("kill after rename %d: %s/ lost: %q, %v", k, a, b, err)
			}
		}
		entries, _ := os.ReadDir(out)
		if len(entries) != 1 {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Errorf("kill after rename %d: output folder holds %v, want only annuity", k, names)
		}
	}
}

func writeTestFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(fmt.Errorf("writing %s: %w", name, err))
	}
}
