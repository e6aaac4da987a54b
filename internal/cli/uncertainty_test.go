package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clvlab/internal/report"
	"clvlab/scenarios"
)

// TestRunTrialsWritesBands: `clvlab run -trials N -seed S` prints the two
// probabilities, adds an "uncertainty" object to every run of summary.json
// and writes bands.csv with one row per run × period × series (a row per
// stage for customers, one each for active customers, net cash flow and
// cumulative discounted net cash flow).
func TestRunTrialsWritesBands(t *testing.T) {
	dir := t.TempDir()
	status, out, errs := runCLI(t, "run", "-o", dir, "-charts", "none", "-trials", "300", "-seed", "3", scenarios.DefaultPreset)
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, errs)
	}
	for _, want := range []string{"P(customer equity < 0)", "P(payback within horizon)", "CLV 5–95%", "Monte Carlo: 300 trials per run, seed 3"} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	s, _ := scenarios.Preset(scenarios.DefaultPreset)
	b, err := os.ReadFile(filepath.Join(dir, s.Slug(), "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Runs []struct {
			Variant     string
			Uncertainty *struct {
				Trials          int      `json:"trials"`
				Seed            uint64   `json:"seed"`
				Parameters      []string `json:"parameters"`
				PNegativeEquity *float64 `json:"p_customer_equity_negative"`
				PPayback        *float64 `json:"p_payback_within_horizon"`
				CLV             struct{ P5, P50, P95 float64 }
				Bands           struct {
					Customers   map[string][]struct{ Mean, P5, P95 float64 }
					NetCashFlow []struct{ Mean float64 } `json:"net_cash_flow"`
				}
			}
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	for _, r := range doc.Runs {
		u := r.Uncertainty
		if u == nil {
			t.Fatalf("run %s has no uncertainty object", r.Variant)
		}
		if u.Trials != 300 || u.Seed != 3 || u.PNegativeEquity == nil || u.PPayback == nil {
			t.Errorf("run %s: trials %d seed %d, probabilities %v %v", r.Variant, u.Trials, u.Seed, u.PNegativeEquity, u.PPayback)
		}
		if len(u.Bands.Customers["stability"]) != 36 || len(u.Bands.NetCashFlow) != 36 || !(u.CLV.P5 <= u.CLV.P50 && u.CLV.P50 <= u.CLV.P95) {
			t.Errorf("run %s: bands %d and %d periods, CLV %+v", r.Variant, len(u.Bands.Customers["stability"]), len(u.Bands.NetCashFlow), u.CLV)
		}
	}
	if got := doc.Runs[0].Uncertainty.Parameters; strings.Join(got, ",") != "stage.stability.revenue,stage.stability.to.stability" {
		t.Errorf("base parameters %v: want the two distributions of four-stage.toml", got)
	}
	f, err := os.Open(filepath.Join(dir, s.Slug(), "bands.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != strings.Join(report.BandsHeader, ",") || len(report.BandsHeader) != 10 {
		t.Errorf("header %v", rows[0])
	}
	if want := 1 + 3*36*(4+3); len(rows) != want {
		t.Errorf("bands.csv has %d rows, want %d (header + 3 runs × 36 periods × (4 stages + 3 series))", len(rows), want)
	}
}

// TestSameSeedSameFiles: two runs with the same seed write byte-identical
// summary.json and bands.csv; another seed changes the bands.
func TestSameSeedSameFiles(t *testing.T) {
	read := func(dir, name string) []byte {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, "four-stage", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	var dirs []string
	for _, seed := range []string{"11", "11", "12"} {
		dir := t.TempDir()
		if status, _, errs := runCLI(t, "run", "-o", dir, "-charts", "none", "-trials", "200", "-seed", seed, "four-stage"); status != ExitOK {
			t.Fatal(errs)
		}
		dirs = append(dirs, dir)
	}
	for _, name := range []string{"summary.json", "bands.csv"} {
		if !bytes.Equal(read(dirs[0], name), read(dirs[1], name)) {
			t.Errorf("%s differs between two runs with seed 11", name)
		}
	}
	if bytes.Equal(read(dirs[0], "bands.csv"), read(dirs[2], "bands.csv")) {
		t.Error("seeds 11 and 12 write the same bands.csv")
	}
}

// TestTrialsDefault: without -trials a scenario's [uncertainty] table
// decides (acquisition-vs-retention has one, four-stage none); -trials 0
// turns the table off. No Monte Carlo, no bands.csv and no "uncertainty".
func TestTrialsDefault(t *testing.T) {
	for _, c := range []struct {
		args  []string
		id    string
		bands bool
	}{
		{nil, "four-stage", false},
		{nil, "acquisition-vs-retention", true},
		{[]string{"-trials", "0"}, "acquisition-vs-retention", false},
	} {
		dir := t.TempDir()
		args := append(append([]string{"run", "-o", dir, "-charts", "none"}, c.args...), c.id)
		status, out, errs := runCLI(t, args...)
		if status != ExitOK {
			t.Fatal(errs)
		}
		_, err := os.Stat(filepath.Join(dir, c.id, "bands.csv"))
		summary, _ := os.ReadFile(filepath.Join(dir, c.id, "summary.json"))
		if (err == nil) != c.bands || bytes.Contains(summary, []byte(`"uncertainty"`)) != c.bands || strings.Contains(out, "P(customer equity < 0)") != c.bands {
			t.Errorf("clvlab %v: bands.csv written %v, uncertainty in summary.json %v; want %v",
				args[4:], err == nil, bytes.Contains(summary, []byte(`"uncertainty"`)), c.bands)
		}
	}
}

// TestTrialsFlagErrors: a bad -trials or -seed is a usage error that
// writes nothing.
func TestTrialsFlagErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-trials", "many"}, "give a whole number of trials"},
		{[]string{"-trials", "-5"}, "-trials -5, give 0 (no Monte Carlo) to 100000"},
		{[]string{"-trials", "100001"}, "-trials 100001, give 0 (no Monte Carlo) to 100000"},
		{[]string{"-seed", "-1"}, "give a whole number from 0 to"},
		{[]string{"-trials", "100000", "constant-retention"}, "constant-retention.toml, run base: 100000 trials × 100 periods × (1 stages + 3) = 40000000 values, at most 30000000 are kept; run at most 75000 trials"},
	} {
		dir := t.TempDir()
		args := append([]string{"run", "-o", dir, "-charts", "none"}, c.args...)
		if len(c.args) < 3 {
			args = append(args, "annuity")
		}
		status, _, errs := runCLI(t, args...)
		if status != ExitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("clvlab %v: status %d, stderr %q; want %d and %q", args, status, errs, ExitUsage, c.want)
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("clvlab %v wrote %d entries", args, len(entries))
		}
	}
}

// TestHelpListsTrials: run -h documents -trials and -seed.
func TestHelpListsTrials(t *testing.T) {
	_, _, errs := runCLI(t, "run", "-h")
	for _, want := range []string{"-trials trials", "-seed seed", "bands.csv"} {
		if !strings.Contains(errs, want) {
			t.Errorf("run -h lacks %q:\n%s", want, errs)
		}
	}
}
