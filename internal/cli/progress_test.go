package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestProgressNotOnAFile: when stderr is not a terminal (a file, a test's
// buffer) a long run writes no progress to it: stderr stays empty.
func TestProgressNotOnAFile(t *testing.T) {
	dir := t.TempDir()
	f, err := os.Create(filepath.Join(dir, "stderr"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	if status := Main([]string{"run", "-o", dir, "-charts", "none", "-trials", "300", "four-stage"}, &out, f); status != ExitOK {
		t.Fatalf("status %d", status)
	}
	if b, _ := os.ReadFile(f.Name()); len(b) != 0 {
		t.Errorf("stderr, a file, got %q, want nothing", b)
	}
	if isTerminal(f) {
		t.Error("a regular file taken for a terminal")
	}
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	if isTerminal(null) {
		t.Errorf("%s taken for a terminal", os.DevNull)
	}
	if p := newProgress(&out); p.w != nil {
		t.Error("a buffer taken for a terminal")
	}
}

// TestProgressLine: the progress line is rewritten in place: each line
// starts with a carriage return and blanks what is left of a longer one;
// ticks add the seconds gone, at most every quarter second; a line wider
// than maxProgress is cut with an ellipsis; clear blanks the line and
// leaves the cursor at its start.
func TestProgressLine(t *testing.T) {
	var b bytes.Buffer
	clock := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	p := &progress{w: &b, now: func() time.Time { return clock }}
	p.show("run %d of %d", 1, 12)
	clock = clock.Add(time.Second / 5)
	p.tick() // a fifth of a second after show: too soon, nothing
	clock = clock.Add(3*time.Second - time.Second/5)
	p.tick() // 3 s after show
	p.show("done")
	p.show("%s", strings.Repeat("x", 100))
	p.clear()
	p.clear() // nothing left to clear
	want := "\rrun 1 of 12" +
		"\rrun 1 of 12, 3 s" +
		"\rdone            " + // 16 wide before, 4 now: 12 blanks
		"\r" + strings.Repeat("x", maxProgress-1) + "…" +
		"\r" + strings.Repeat(" ", maxProgress) + "\r"
	if got := b.String(); got != want {
		t.Errorf("progress wrote\n%q\nwant\n%q", got, want)
	}
}
