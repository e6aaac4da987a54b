package cli

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"clvlab/internal/fit"
	"clvlab/internal/records"
	"clvlab/scenarios"
)

// TestFitScenario: `clvlab fit … -scenario FILE.toml` on the CDNOW sample
// (BG/NBD, weeks, calibration to 1997-09-30, margin 0.3) writes a scenario
// whose comments say where its numbers come from, which loads, validates
// and runs (`clvlab run FILE`): a new customer's CLV in its summary.json is
// the model's discrete-period CLV, margin × the Gamma-Gamma mean spend ×
// the E[X] increments of each week discounted at 10% a year over the
// horizon (fit.CurveCLV), to 1e-3; and today's customers, placed in the
// classes by their posterior class probabilities × P(alive | class), are
// worth (customer_equity_existing) the sum of the clv column of
// customers.csv, the same horizon and discounting, to 1e-3.
func TestFitScenario(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "cdnow.toml")
	st, _, stderr := runCLI(t, "fit", "transactions", "../records/testdata/CDNOW_sample.txt", "-customer", "1", "-date", "3", "-amount", "5",
		"-period", "week", "-calibration-end", "1997-09-30", "-model", "bgnbd", "-margin", "0.3", "-charts", "none", "-o", dir, "-scenario", file)
	if st != ExitOK {
		t.Fatalf("fit: %d: %s", st, stderr)
	}
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	text := string(src)
	for _, want := range []string{"BG/NBD", "CDNOW_sample.txt", "1997-01-01 to 1997-09-30", "week", "Gauss–Laguerre", "Gamma-Gamma"} {
		if !strings.Contains(text, want) {
			t.Errorf("the scenario's comments do not say %q", want)
		}
	}
	if _, err := scenarios.Parse(file, src); err != nil {
		t.Fatalf("the fitted scenario does not load: %v", err)
	}
	doc := readFitDoc(t, filepath.Join(dir, "CDNOW_sample", "fit"))
	p, g := doc.Models["bgnbd"].Params, doc.Models["gammagamma"].Params
	m := fit.BGNBD{R: p["r"], Alpha: p["alpha"], A: p["a"], B: p["b"]}
	spend := fit.GammaGamma{P: g["p"], Q: g["q"], Gamma: g["gamma"]}.MeanSpend()
	h := fit.ThreeYears(records.Week)
	curve := make([]float64, h)
	for k := range curve {
		curve[k] = m.ExpectedPurchases(float64(k + 1))
	}
	want := fit.CurveCLV(curve, spend, fit.CLVOptions{Margin: 0.3, Rate: fit.PeriodRate(0.10, records.Week), Horizon: h})

	out := filepath.Join(dir, "run")
	if st, _, stderr := runCLI(t, "run", file, "-o", out, "-charts", "none"); st != ExitOK {
		t.Fatalf("run: %d: %s", st, stderr)
	}
	found, _ := filepath.Glob(filepath.Join(out, "*", "summary.json"))
	if len(found) != 1 {
		t.Fatalf("run wrote %v", found)
	}
	runs := readRunSummary(t, found[0])
	if got := runs[0]["clv"]; math.Abs(got/want-1) > 1e-3 {
		t.Errorf("run: CLV %.6f, the model's %.6f", got, want)
	}
	rows := readCSV(t, filepath.Join(dir, "CDNOW_sample", "fit", "customers.csv"))
	col := slices.Index(rows[0], "clv")
	if col < 0 {
		t.Fatalf("customers.csv has no clv column: %q", rows[0])
	}
	sum := 0.0
	for _, row := range rows[1:] {
		v, err := strconv.ParseFloat(row[col], 64)
		if err != nil {
			t.Fatal(err)
		}
		sum += v
	}
	if got := runs[0]["customer_equity_existing"]; math.Abs(got/sum-1) > 1e-3 {
		t.Errorf("run: customer_equity_existing %.4f, Σ clv of customers.csv %.4f", got, sum)
	}
}

// readRunSummary reads the runs of a summary.json, their numbers by key.
func readRunSummary(t *testing.T, name string) []map[string]float64 {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []map[string]any `json:"runs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var out []map[string]float64
	for _, r := range doc.Runs {
		m := map[string]float64{}
		for k, v := range r {
			if f, ok := v.(float64); ok {
				m[k] = f
			}
		}
		out = append(out, m)
	}
	return out
}

// TestFitScenarioRefused: -scenario needs a .toml name (a usage error
// before anything is fitted), and a model with no mapping (BG/BB) says
// which to choose.
func TestFitScenarioRefused(t *testing.T) {
	dir := t.TempDir()
	st, _, stderr := runCLI(t, "fit", "summary", "../fit/testdata/cdnow/cdnow_customers_summary.csv", "-o", dir, "-charts", "none", "-scenario", filepath.Join(dir, "x.txt"))
	if st != ExitUsage || !strings.Contains(stderr, "ends in .toml") {
		t.Errorf("status %d: %s", st, stderr)
	}
}
