package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestTableBeforeRedesign: the summary table `clvlab run` prints reads
// its labels, formats and order from the KPI catalogue now, and prints
// what it printed before. table.txt under testdata/before-redesign is the
// stdout of `clvlab run -charts none` built from main at 1cd4dfa, before
// the catalogue, without its last line (the folder written).
func TestTableBeforeRedesign(t *testing.T) {
	for _, id := range []string{"four-stage", "value-segments"} {
		want, err := os.ReadFile(filepath.Join(beforeRedesign, id, "table.txt"))
		if err != nil {
			t.Fatal(err)
		}
		status, out, errs := runCLI(t, "run", "-charts", "none", "-o", t.TempDir(), id)
		if status != ExitOK {
			t.Fatalf("%s: status %d, stderr %s", id, status, errs)
		}
		table := out[:strings.LastIndex(strings.TrimSuffix(out, "\n"), "\n")+1]
		if table != string(want) {
			t.Errorf("%s: the table changed; got\n%s\nwant\n%s", id, table, want)
		}
	}
}
