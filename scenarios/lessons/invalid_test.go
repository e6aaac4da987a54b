package lessons

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/invalid/*.err from the current messages")

// TestInvalidCorpus: every file in testdata/invalid is refused with the
// full message its .err file holds (go test -update rewrites them; read
// the diff).
func TestInvalidCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.toml")
	if len(files) < 20 {
		t.Fatalf("%d invalid lessons, want at least 20", len(files))
	}
	for _, f := range files {
		_, err := Load(os.DirFS("testdata/invalid"), filepath.Base(f))
		if err == nil {
			t.Errorf("%s: accepted", f)
			continue
		}
		errFile := strings.TrimSuffix(f, ".toml") + ".err"
		if *update {
			os.WriteFile(errFile, []byte(err.Error()+"\n"), 0o644)
			continue
		}
		want, rerr := os.ReadFile(errFile)
		if rerr != nil {
			t.Errorf("%s: %v (go test -update writes it)", f, rerr)
			continue
		}
		if got := err.Error() + "\n"; got != string(want) {
			t.Errorf("%s:\ngot  %s\nwant %s", f, got, want)
		}
	}
}
