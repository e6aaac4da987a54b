package report

import (
	"bytes"
	"strings"
	"testing"

	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// TestTable: the table lists the base, every variant and its delta, and an
// undefined figure as "—".
func TestTable(t *testing.T) {
	s, err := scenarios.Preset("annuity")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTable(&b, s, runs); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// 600·(1−1.1⁻³)/0.1 = 1,492.11 (the annuity formula).
	for _, want := range []string{"base", runs[1].Name, "1,492.11", "expected lifetime (periods)", "—"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
