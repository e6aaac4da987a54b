package tables

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"slices"
	"strconv"
	"testing"

	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// TestPeriodsExistingColumns: periods.csv's existing columns hold the
// existing base's part of each row. On testdata existing-base.toml
// (today's customers split over segments and classes) and the shipped
// brand-switching (today's market: our customers and two competitors'),
// per run and period our stages' existing_customers add up to sim's
// existing customers still active, every row's
// existing_discounted_net_cash_flow over the horizon to
// customer_equity_existing, and in each segment today's customers, ours,
// a competitor's and lost, stay what the segment had at period 0. A
// scenario without a base writes zeros there (four-stage).
func TestPeriodsExistingColumns(t *testing.T) {
	valid, err := scenarios.Load(os.DirFS("../../../scenarios/testdata/valid"), "existing-base.toml")
	if err != nil {
		t.Fatal(err)
	}
	market, err := scenarios.Preset("brand-switching")
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) int { return slices.Index(PeriodsHeader, name) }
	customers, disc := col("existing_customers"), col("existing_discounted_net_cash_flow")
	if customers < 0 || disc < 0 || col("existing_net_cash_flow") < 0 {
		t.Fatalf("header %v lacks the existing columns", PeriodsHeader)
	}
	for _, s := range []*scenarios.Scenario{valid, market} {
		runs, err := projection.Runs(s)
		if err != nil {
			t.Fatal(err)
		}
		checkExisting(t, runs, write(t, runs), customers, disc)
	}

	four, err := scenarios.Preset("four-stage")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := projection.Runs(four)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range write(t, runs)[1:] {
		for _, c := range row[customers : customers+3] {
			if c != "0" {
				t.Fatalf("four-stage has no base, yet a row's existing columns are %v", row[customers:customers+3])
			}
		}
	}
}

func write(t *testing.T, runs []projection.Run) [][]string {
	t.Helper()
	var b bytes.Buffer
	if err := WritePeriods(&b, runs); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func number(t *testing.T, s string) float64 {
	t.Helper()
	x, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// checkExisting checks periods.csv's rows of runs against sim's existing
// layer (TestPeriodsExistingColumns).
func checkExisting(t *testing.T, runs []projection.Run, rows [][]string, customers, disc int) {
	t.Helper()
	for _, r := range runs {
		m, res := r.Result.Model, r.Result
		active := make([]float64, m.Horizon)
		segBase := map[[2]string]float64{} // (period, segment) → active + lost
		equity := 0.0
		for _, row := range rows[1:] {
			if row[0] != r.Name {
				continue
			}
			t0, _ := strconv.Atoi(row[1])
			x, d := number(t, row[customers]), number(t, row[disc])
			if i := slices.Index(m.StageIDs, row[3]); i >= 0 && !m.IsCompetitor(i) {
				active[t0] += x
			}
			segBase[[2]string{row[1], row[2]}] += x
			equity += d
		}
		for t0, x := range active {
			if want := res.Existing[t0].Customers; math.Abs(x-want) > 1e-6*want {
				t.Errorf("%s period %d: existing customers %v, sim %v", r.Name, t0, x, want)
			}
		}
		if want := res.Summary.CustomerEquityExisting; math.Abs(equity-want) > 1e-6*want {
			t.Errorf("%s: existing discounted cash %v, sim's customer_equity_existing %v", r.Name, equity, want)
		}
		for s, seg := range m.Segments {
			had := 0.0
			for k := range seg.ClassCount() {
				for _, x := range m.Class(s, k).Existing {
					had += x
				}
			}
			for t0 := range m.Horizon {
				if got := segBase[[2]string{strconv.Itoa(t0), seg.ID}]; math.Abs(got-had) > 1e-6*had {
					t.Errorf("%s period %d segment %s: %v of today's customers, active and lost; had %v", r.Name, t0, seg.ID, got, had)
				}
			}
		}
	}

}
