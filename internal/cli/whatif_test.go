package cli

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
)

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

func mustExist(t *testing.T, dir string, names ...string) {
	t.Helper()
	for _, n := range names {
		st, err := os.Stat(filepath.Join(dir, n))
		if err != nil {
			t.Errorf("%s: %v", n, err)
		} else if strings.HasSuffix(n, ".png") && st.Size() < 5000 {
			t.Errorf("%s: %d bytes, too small for a chart", n, st.Size())
		}
	}
}

// TestCompareCommand: `clvlab compare` prints the KPI table and the
// attribution and writes its files; the Shapley values in compare.json sum
// to the change, which matches the summary table of `clvlab run` (819.76 →
// 901.81 for the loyalty programme).
func TestCompareCommand(t *testing.T) {
	dir := t.TempDir()
	status, out, errs := runCLI(t, "compare", "four-stage", "-o", dir) // flags after the scenario
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, errs)
	}
	for _, want := range []string{"Loyalty programme against the base", "819.76", "901.81", "Shapley values, exact", "total (variant - base)", "Cheaper acquisition"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	d := filepath.Join(dir, "four-stage", "compare")
	mustExist(t, d, "compare.json", "kpis.csv", "attribution.csv", "waterfall-loyalty-programme.png", "waterfall-cheaper-acquisition.png")
	var doc struct {
		Comparisons []struct {
			Variant     string
			Exact       bool
			Attribution []struct {
				KPI     string
				Total   float64 `json:"total_change"`
				Shapley []struct{ Value float64 }
			}
		}
	}
	readJSON(t, filepath.Join(d, "compare.json"), &doc)
	if len(doc.Comparisons) != 2 || doc.Comparisons[0].Variant != "Loyalty programme" || !doc.Comparisons[0].Exact {
		t.Fatalf("comparisons %+v", doc.Comparisons)
	}
	for _, a := range doc.Comparisons[0].Attribution {
		sum := 0.0
		for _, s := range a.Shapley {
			sum += s.Value
		}
		if math.Abs(sum-a.Total) > 1e-9*math.Abs(a.Total) {
			t.Errorf("%s: Shapley values sum to %v, the change is %v", a.KPI, sum, a.Total)
		}
		if a.KPI == "clv" && math.Abs(a.Total-(901.81-819.76)) > 0.01 {
			t.Errorf("CLV change %v, want 82.05 (901.81 − 819.76)", a.Total)
		}
	}
	status, _, _ = runCLI(t, "compare", "-o", dir, "-variant", "cheaper acquisition", "four-stage")
	if _, err := os.Stat(filepath.Join(d, "waterfall-loyalty-programme.png")); status != ExitOK || err == nil {
		t.Errorf("-variant: status %d; the other variant's chart should be gone (the folder is replaced)", status)
	}
	status, _, errs = runCLI(t, "compare", "-o", dir, "-variant", "nosuch", "four-stage")
	if status != ExitUsage || !strings.Contains(errs, `no variant "nosuch"`) || !strings.Contains(errs, `"Loyalty programme"`) {
		t.Errorf("unknown variant: status %d, %q", status, errs)
	}
}

// TestSensitivityCommand: the tornado ranks by swing as whatif.Sensitivity
// does, and -grid writes the grid and its heat map.
func TestSensitivityCommand(t *testing.T) {
	dir := t.TempDir()
	status, out, errs := runCLI(t, "sensitivity", "-o", dir, "-kpi", "clv", "-grid", "acquisition.cost_per_customer,stage.stability.to.stability",
		"-size", "8", "-xrange", "0,1200", "four-stage")
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, errs)
	}
	d := filepath.Join(dir, "four-stage", "sensitivity")
	mustExist(t, d, "tornado.json", "tornado.csv", "tornado.png", "grid.json", "grid.csv", "heatmap.png")
	s, _ := scenarios.Preset("four-stage")
	want, err := whatif.Sensitivity(s, whatif.SensitivityOptions{KPI: kpi.CLV})
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		KPI  string
		Bars []struct {
			Path    string
			Clamped string
			Swing   float64
		}
	}
	readJSON(t, filepath.Join(d, "tornado.json"), &doc)
	if doc.KPI != "clv" || len(doc.Bars) != len(want.Bars) || doc.Bars[0].Path != want.Bars[0].Path || doc.Bars[0].Swing != want.Bars[0].Swing.Value {
		t.Errorf("tornado.json: %s, first bar %+v; want %s %v", doc.KPI, doc.Bars[0], want.Bars[0].Path, want.Bars[0].Swing)
	}
	if !strings.Contains(out, "stage.stability.to.stability: high clamped from 0.99 to 0.94 (its row would sum over 1)") {
		t.Errorf("stdout does not say the stay probability was clamped:\n%s", out)
	}
	var grid struct {
		Z [][]*float64
		X struct{ Values []float64 }
	}
	readJSON(t, filepath.Join(d, "grid.json"), &grid)
	if len(grid.Z) != 8 || len(grid.Z[0]) != 8 || grid.X.Values[7] != 1200 {
		t.Errorf("grid %d×?, x up to %v", len(grid.Z), grid.X.Values)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-kpi", "roi"}, `unknown KPI "roi"`},
		{[]string{"-grid", "discount_rate"}, "give two parameter paths"},
		{[]string{"-params", "horizon"}, "horizon: not a number the analyses can move"},
		{[]string{"-xrange", "1,2"}, "need -grid"},
		{[]string{"-pct", "0.5x"}, "invalid value"},
		{[]string{"-pct", "0"}, "clvlab sensitivity: -pct 0: a move of ±0% moves nothing, so the tornado would be empty; give a percentage above 0, at most 100"},
		{[]string{"-pct", "-5"}, "clvlab sensitivity: -pct -5: give a percentage above 0, at most 100"},
		{[]string{"-pct", "150"}, "clvlab sensitivity: -pct 150: give a percentage above 0, at most 100"},
	} {
		status, _, errs := runCLI(t, append([]string{"sensitivity", "-o", dir}, c.args...)...)
		if status != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: status %d, %q; want 2 and %q", c.args, status, errs, c.want)
		}
	}
}

// TestSeekCommand: the stability stay probability for LTV:CAC = 3, plugged
// back into the scenario, gives 3 within 1e-6; an unreachable target exits
// with status 1, says what the range reaches, and still writes the scan.
func TestSeekCommand(t *testing.T) {
	dir := t.TempDir()
	status, out, errs := runCLI(t, "seek", "-o", dir, "-param", "stage.stability.to.stability", "-kpi", "ltv_cac", "-target", "3")
	if status != ExitOK || !strings.Contains(out, "using the default, four-stage") {
		t.Fatalf("status %d: %s %s", status, out, errs)
	}
	d := filepath.Join(dir, "four-stage", "seek")
	mustExist(t, d, "seek.json", "seek.csv", "seek.png")
	var doc struct {
		Found bool
		Value float64
	}
	readJSON(t, filepath.Join(d, "seek.json"), &doc)
	s, _ := scenarios.Preset("four-stage")
	res, err := projection.Project(s, scenarios.Setting{Path: "stage.stability.to.stability", Value: doc.Value})
	if err != nil {
		t.Fatal(err)
	}
	if sum := res.Summary; !doc.Found || math.Abs(sum.LTVCAC.Value-3) > 1e-6 {
		t.Errorf("found %v at %v: LTV:CAC there %v", doc.Found, doc.Value, sum.LTVCAC)
	}
	status, _, errs = runCLI(t, "seek", "-o", dir, "four-stage", "-param", "stage.stability.to.stability", "-kpi", "ltv_cac", "-target", "30")
	if status != ExitFailure || !strings.Contains(errs, "ltv_cac runs from") {
		t.Errorf("unreachable: status %d, %q", status, errs)
	}
	mustExist(t, d, "seek.json")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-kpi", "clv", "-target", "3"}, "give -param, -kpi and -target"},
		{[]string{"-param", "horizon", "-kpi", "clv", "-target", "3"}, "not a number the analyses can move"},
		{[]string{"-param", "discount_rate", "-kpi", "clv", "-target", "3%"}, "-target"},
		{[]string{"-param", "discount_rate", "-kpi", "clv", "-target", "<="}, `clvlab seek: -target: "<=" has no number after <=; give one, e.g. <=12`},
		{[]string{"-param", "discount_rate", "-kpi", "clv", "-target", "3", "-range", "0.2,0.1"}, "low is above high"},
		{[]string{"-param", "acquisition.cost_per_customer", "-kpi", "payback_periods", "-target", "12"}, "ask for <=12 or >=12"},
	} {
		status, _, errs := runCLI(t, append([]string{"seek", "-o", dir}, c.args...)...)
		if status != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: status %d, %q; want 2 and %q", c.args, status, errs, c.want)
		}
	}
}

// TestSeekCommandWideRange: issue 10, item 3, on the command line: stage
// a earns revenue R less 40 a year, stays with probability 0.8, 10% a
// year, cash at year end, 100 years, so CLV = (R − 40)·S with
// S = (1 − q^100)/0.3, q = 0.8/1.1, and CLV = 150 at R* = 40 + 150/S
// (85 to 1e-12). Over the amount's whole range [0, 1e12] seek.json says
// found, at R* to 1e-9·150/S = 4.5e-8 (CLV within 1e-9·150), and the
// status is 0; it used to say found at R = 0, where CLV is −133.
func TestSeekCommandWideRange(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a.toml")
	src := "period = \"year\"\nhorizon = 100\ndiscount_rate = 0.10\ncash_timing = \"end\"\n[[stage]]\nid = \"a\"\nrevenue = 100\ncost_to_serve = 40\nto = { a = 0.8 }\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	status, out, errs := runCLI(t, "seek", "-o", dir, "-charts", "none", "-param", "stage.a.revenue", "-kpi", "clv", "-target", "150", "-range", "0,1e12", file)
	if status != ExitOK {
		t.Fatalf("status %d: %s %s", status, out, errs)
	}
	var doc struct {
		Found    bool
		Value    float64
		KPIValue float64 `json:"kpi_value"`
	}
	readJSON(t, filepath.Join(dir, "a", "seek", "seek.json"), &doc)
	S := (1 - math.Pow(0.8/1.1, 100)) / 0.3
	if want := 40 + 150/S; !doc.Found || math.Abs(doc.Value-want) > 1e-9*150/S || math.Abs(doc.KPIValue-150) > 1e-9*150 {
		t.Errorf("found %v at %v (CLV %v), want %v (CLV 150)", doc.Found, doc.Value, doc.KPIValue, want)
	}
}

// TestOptimizeCommand: the shipped retention-spend scenario has an interior
// optimum above its current customer equity; a scenario without response
// curves is refused with the reason.
func TestOptimizeCommand(t *testing.T) {
	dir := t.TempDir()
	status, out, errs := runCLI(t, "optimize", "-o", dir, "-lang", "zh", "retention-spend")
	if status != ExitOK || !strings.Contains(out, "stage.decline.retention_spend") {
		t.Fatalf("status %d: %s %s", status, out, errs)
	}
	d := filepath.Join(dir, "retention-spend", "optimize")
	mustExist(t, d, "optimize.json", "levers.csv", "optimum.png")
	var doc struct {
		KPI              string
		Current, Optimum float64
		Levers           []struct {
			Path                           string
			Low, High, Optimum             float64
			MarginalNow, MarginalAtOptimum float64 `json:"-"`
			Bound                          string  `json:"at_bound"`
		}
	}
	readJSON(t, filepath.Join(d, "optimize.json"), &doc)
	if doc.KPI != "customer_equity" || !(doc.Optimum > doc.Current) || len(doc.Levers) != 2 {
		t.Fatalf("optimize.json: %+v", doc)
	}
	for _, l := range doc.Levers {
		if l.Bound != "" || !(l.Optimum > l.Low && l.Optimum < l.High) {
			t.Errorf("%s: optimum %v in [%v, %v], bound %q; want inside", l.Path, l.Optimum, l.Low, l.High, l.Bound)
		}
	}
	status, _, errs = runCLI(t, "optimize", "-o", dir, "four-stage")
	if status != ExitUsage || !strings.Contains(errs, "no [[response]] curves") {
		t.Errorf("four-stage: status %d, %q", status, errs)
	}
	status, _, errs = runCLI(t, "optimize", "-o", dir, "-levers", "stage.decline.retention_spend=0:40", "-kpi", "clv", "retention-spend")
	if status != ExitOK {
		t.Errorf("-levers: status %d, %s", status, errs)
	}
	status, _, errs = runCLI(t, "optimize", "-o", dir, "-levers", "stage.decline.retention_spend", "retention-spend")
	if status != ExitUsage || !strings.Contains(errs, "give PATH=low:high") {
		t.Errorf("bad -levers: status %d, %q", status, errs)
	}
	status, _, errs = runCLI(t, "optimize", "-o", dir, "-levers", "stage.decline.retention_spend=0:5,stage.decline.retention_spend=0:6", "retention-spend")
	if want := "clvlab optimize: stage.decline.retention_spend is given twice (0:5 and 0:6); give each lever once\n"; status != ExitUsage || errs != want {
		t.Errorf("a lever twice: status %d, %q; want 2 and %q", status, errs, want)
	}
	status, _, errs = runCLI(t, "optimize", "-o", dir, "-kpi", "ltv_cac", "retention-spend")
	if status != ExitUsage || !strings.Contains(errs, "cannot maximise ltv_cac") {
		t.Errorf("-kpi ltv_cac: status %d, %q", status, errs)
	}
}

// TestRunKeepsAnalyses: `clvlab run` replaces DIR/<scenario>/ atomically
// but carries over the analyses in its subfolders, and an analysis leaves
// the run's files alone.
func TestRunKeepsAnalyses(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"compare", "-o", dir, "-charts", "none", "annuity"},
		{"run", "-o", dir, "-charts", "none", "annuity"},
		{"sensitivity", "-o", dir, "-charts", "none", "annuity"},
		{"run", "-o", dir, "-charts", "none", "annuity"},
	} {
		if status, _, errs := runCLI(t, args...); status != ExitOK {
			t.Fatalf("%v: status %d, %s", args, status, errs)
		}
	}
	mustExist(t, filepath.Join(dir, "annuity"), "summary.json", "compare/compare.json", "sensitivity/tornado.json")
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d entries in the output folder, want only annuity", len(entries))
	}
}

func TestWhatIfUsage(t *testing.T) {
	for _, cmd := range []string{"compare", "sensitivity", "seek", "optimize"} {
		status, _, errs := runCLI(t, cmd, "-h")
		if status != ExitOK || !strings.Contains(errs, "Usage: clvlab "+cmd) || !strings.Contains(errs, "-o folder") {
			t.Errorf("%s -h: status %d, %q", cmd, status, errs)
		}
		if status, _, errs := runCLI(t, cmd, "-o", t.TempDir(), "nosuch"); status != ExitUsage || !strings.Contains(errs, "no shipped scenario") {
			t.Errorf("%s nosuch: status %d, %q", cmd, status, errs)
		}
		if status, _, errs := runCLI(t, cmd, "-lang", "fr"); status != ExitUsage || !strings.Contains(errs, `-lang "fr"`) {
			t.Errorf("%s -lang fr: status %d, %q", cmd, status, errs)
		}
	}
	if status, out, _ := runCLI(t, "-h"); status != ExitOK || !strings.Contains(out, "clvlab optimize") {
		t.Errorf("usage lacks the what-if commands: %s", out)
	}
	if status, _, errs := runCLI(t, "compare", "annuity", "four-stage"); status != ExitUsage || !strings.Contains(errs, "one scenario at a time") {
		t.Errorf("two scenarios: status %d, %q", status, errs)
	}
}

// TestFailedRunKeepsAnalyses: a run that fails half-way leaves the previous
// results and their analysis folders as they were.
func TestFailedRunKeepsAnalyses(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"run", "-o", dir, "-charts", "none", "annuity"}, {"compare", "-o", dir, "-charts", "none", "annuity"}} {
		if status, _, errs := runCLI(t, args...); status != ExitOK {
			t.Fatalf("%v: %s", args, errs)
		}
	}
	defer func(orig func(string) (*os.File, error)) { create = orig }(create)
	create = func(name string) (*os.File, error) {
		if filepath.Base(name) == "periods.csv" {
			return nil, os.ErrPermission
		}
		return os.Create(name)
	}
	if status, _, _ := runCLI(t, "run", "-o", dir, "-charts", "none", "annuity"); status != ExitFailure {
		t.Fatalf("status %d, want %d", status, ExitFailure)
	}
	mustExist(t, filepath.Join(dir, "annuity"), "summary.json", "periods.csv", "compare/compare.json")
}
