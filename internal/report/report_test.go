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
	if err := WriteTable(&b, s, runs, "en"); err != nil {
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

// TestCSVHasNoNegativeZero: periods.csv writes 0 where a flow is a
// negative zero (the lost stage's net cash flow, −1 × 0, in annuity's
// every period), not "-0".
func TestCSVHasNoNegativeZero(t *testing.T) {
	s, err := scenarios.Preset("annuity")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteCSV(&b, runs); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(b.String(), "\n") {
		for _, field := range strings.Split(line, ",") {
			if field == "-0" {
				t.Fatalf("line %d has -0: %s", i+1, line)
			}
		}
	}
}
