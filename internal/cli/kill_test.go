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
	killCmdEnv   = "CLVLAB_TEST_KILL_COMMAND" // "run" (the default) or "compare"
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
	cmd := os.Getenv(killCmdEnv)
	if cmd == "" {
		cmd = "run"
	}
	runCLI(t, cmd, "-o", os.Getenv(killOutEnv), "-charts", "none", "annuity")
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

// TestAnalysisKilledThenRun (issue 10, item 7, found in review): an
// analysis command killed between its two renames leaves its previous
// results moved aside inside the scenario's folder
// (annuity/.compare.old) or its new ones in a temporary folder there; the
// next `run` recovers them before it carries the analysis folders over, so
// compare/ is never lost. Before the fix, run deleted them with the
// scenario's previous results.
func TestAnalysisKilledThenRun(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the test binary four times")
	}
	const renames = 2 // the previous compare/ aside, the new one into place
	for k := 0; k <= renames+1; k++ {
		out := t.TempDir()
		if status, _, errs := runCLI(t, "run", "-o", out, "-charts", "none", "annuity"); status != ExitOK {
			t.Fatal(errs)
		}
		writeTestFile(t, filepath.Join(out, "annuity", "compare", Marker), "")
		writeTestFile(t, filepath.Join(out, "annuity", "compare", "mine.txt"), "previous compare")

		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledRunHelper$")
		cmd.Env = append(os.Environ(), killAfterEnv+"="+strconv.Itoa(k), killOutEnv+"="+out, killCmdEnv+"=compare")
		output, err := cmd.CombinedOutput()
		var exit *exec.ExitError
		killed := errors.As(err, &exit) && exit.ExitCode() == killedExit
		switch {
		case k <= renames && !killed:
			t.Fatalf("kill after rename %d: the child was not killed (%v): %s; does compare still make %d renames?", k, err, output, renames)
		case k > renames && err != nil:
			t.Fatalf("the compare without a kill failed: %v: %s", err, output)
		}

		if status, _, errs := runCLI(t, "run", "-o", out, "-charts", "none", "annuity"); status != ExitOK {
			t.Fatalf("kill after rename %d: the next run: %s", k, errs)
		}
		// Killed before the new compare/ took its place, the previous one
		// stays; after, the new one (which has compare.json) is there.
		want := "mine.txt"
		if k >= renames {
			want = "compare.json"
		}
		if _, err := os.Stat(filepath.Join(out, "annuity", "compare", want)); err != nil {
			t.Errorf("kill after rename %d: compare/ lost: %v", k, err)
		}
		entries, _ := os.ReadDir(filepath.Join(out, "annuity"))
		for _, e := range entries {
			if e.IsDir() && e.Name()[0] == '.' {
				t.Errorf("kill after rename %d: %s left in annuity/", k, e.Name())
			}
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
