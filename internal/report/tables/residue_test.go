package tables

import (
	"bytes"
	"encoding/csv"
	"testing"

	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// TestPeriodsWriteRowResiduesAsZero: brand-switching's "Stronger loyalty"
// row a is 0.85 + 0.075 + 0.075 = 0.9999999999999993, a closed market in
// which no one churns; periods.csv shows churned 0 and an empty lost pool
// (not 6.66e-13), while the base's switching columns are unchanged.
func TestPeriodsWriteRowResiduesAsZero(t *testing.T) {
	s, err := scenarios.Preset("brand-switching")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WritePeriods(&buf, runs); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	n := 0
	for _, r := range rows[1:] {
		if r[col["variant"]] != "Stronger loyalty" {
			continue
		}
		n++
		if r[col["churned"]] != "0" || r[col["stage"]] == "lost" && r[col["customers"]] != "0" {
			t.Fatalf("row %v: want churned 0 and no lost customers", r)
		}
	}
	if n == 0 {
		t.Fatal("no Stronger loyalty rows")
	}
}
