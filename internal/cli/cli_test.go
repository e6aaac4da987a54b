package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"clvlab/internal/chart"
	"clvlab/internal/projection"
	"clvlab/internal/report"
	"clvlab/scenarios"
)

func runCLI(t *testing.T, args ...string) (status int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	status = Main(args, &out, &errb)
	return status, out.String(), errb.String()
}

// TestRunWritesResults: `clvlab run` on the default preset writes a
// summary.json with the base first and a tidy periods.csv with one row per
// run × period × segment × stage.
func TestRunWritesResults(t *testing.T) {
	dir := t.TempDir()
	status, out, errs := runCLI(t, "run", "-o", dir, scenarios.DefaultPreset)
	if status != ExitOK {
		t.Fatalf("status %d, stderr %s", status, errs)
	}
	if !strings.Contains(out, "CLV per new customer") || !strings.Contains(out, "customer equity") {
		t.Errorf("summary table missing from stdout:\n%s", out)
	}
	s, _ := scenarios.Preset(scenarios.DefaultPreset)
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Scenario struct{ Stages []string }
		Runs     []map[string]any
	}
	b, err := os.ReadFile(filepath.Join(dir, s.Slug(), "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != len(runs) || doc.Runs[0]["variant"] != "base" {
		t.Fatalf("runs %d (first %v), want %d with base first", len(doc.Runs), doc.Runs[0]["variant"], len(runs))
	}
	for _, key := range []string{"clv", "clv_net", "ltv_cac", "clv_infinite", "customer_equity", "payback_periods", "expected_lifetime", "survival", "segments"} {
		if _, ok := doc.Runs[0][key]; !ok {
			t.Errorf("summary.json run lacks %q", key)
		}
	}
	if got, want := doc.Runs[0]["clv"].(float64), runs[0].Result.Summary.CLV; got != want {
		t.Errorf("clv %v, want %v", got, want)
	}
	f, err := os.Open(filepath.Join(dir, s.Slug(), "periods.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := 1
	for _, r := range runs {
		want += r.Model.Horizon * len(r.Model.Segments) * (len(r.Model.StageIDs) + 1)
	}
	if len(rows) != want {
		t.Errorf("periods.csv has %d rows, want %d (header + runs × periods × segments × (stages + lost))", len(rows), want)
	}
	if strings.Join(rows[0], ",") != strings.Join(report.CSVHeader, ",") {
		t.Errorf("header %v", rows[0])
	}
	page, err := os.ReadFile(filepath.Join(dir, s.Slug(), report.HTMLFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range chart.Kinds {
		name := k.Slug() + ".png"
		if st, err := os.Stat(filepath.Join(dir, s.Slug(), name)); err != nil || st.Size() < 5000 {
			t.Errorf("chart %s missing or too small (%v)", name, err)
		}
		if !strings.Contains(string(page), `src="`+name+`"`) {
			t.Errorf("index.html does not show %s", name)
		}
	}
	if !strings.Contains(string(page), s.Name.EN) || !strings.Contains(string(page), "819.76") {
		t.Errorf("index.html lacks the scenario name or the base CLV")
	}
}

// TestChartsFormatsAndLanguage: -charts svg,pdf -lang zh writes those
// formats only, and a Chinese page.
func TestChartsFormatsAndLanguage(t *testing.T) {
	dir := t.TempDir()
	if status, _, errs := runCLI(t, "run", "-o", dir, "-charts", "svg,pdf", "-lang", "zh", "annuity"); status != ExitOK {
		t.Fatal(errs)
	}
	for _, name := range []string{"cashflow.svg", "cashflow.pdf", "kpi-deltas.svg"} {
		if _, err := os.Stat(filepath.Join(dir, "annuity", name)); err != nil {
			t.Error(err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "annuity", "cashflow.png")); err == nil {
		t.Error("png written without being asked for")
	}
	page, _ := os.ReadFile(filepath.Join(dir, "annuity", report.HTMLFile))
	if !strings.Contains(string(page), `lang="zh"`) || !strings.Contains(string(page), "三年年金") {
		t.Errorf("index.html is not in Chinese")
	}
	if status, _, _ := runCLI(t, "run", "-o", dir, "-charts", "none", "annuity"); status != ExitOK {
		t.Error("-charts none failed")
	}
	if _, err := os.Stat(filepath.Join(dir, "annuity", "cashflow.svg")); err == nil {
		t.Error("-charts none kept the charts of the previous run")
	}
}

// TestEditedScenarioGivesNewNumbers: a user copies a scenario, raises a
// stay probability and gets a higher CLV.
func TestEditedScenarioGivesNewNumbers(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "mine.toml")
	src := `name = "Mine"
period = "year"
horizon = 5
[[stage]]
id = "loyal"
revenue = 100
to = { loyal = 0.5 }
`
	clv := func() float64 {
		t.Helper()
		if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if status, _, errs := runCLI(t, "run", "-o", dir, file); status != ExitOK {
			t.Fatalf("status %d: %s", status, errs)
		}
		var doc struct{ Runs []struct{ CLV float64 } }
		b, _ := os.ReadFile(filepath.Join(dir, "mine", "summary.json"))
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		return doc.Runs[0].CLV
	}
	before := clv()
	src = strings.Replace(src, "loyal = 0.5", "loyal = 0.8", 1)
	if after := clv(); !(after > before) {
		t.Errorf("CLV %v after raising retention, want more than %v", after, before)
	}
}

// TestInvalidScenarioWritesNothing: an invalid file exits 2 with the
// problem on stderr, and no results are written, not even for the valid
// file beside it.
func TestInvalidScenarioWritesNothing(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.toml")
	os.WriteFile(bad, []byte("[[stage]]\nid = \"a\"\nto = { a = 1.2 }\n"), 0o644)
	out := filepath.Join(dir, "out")
	status, _, errs := runCLI(t, "run", "-o", out, scenarios.DefaultPreset, bad)
	if status != ExitUsage {
		t.Errorf("status %d, want %d", status, ExitUsage)
	}
	want := bad + `:3: stage "a": to.a = 1.2, a probability must be in [0, 1]`
	if !strings.Contains(errs, want) {
		t.Errorf("stderr %q, want it to contain %q", errs, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("output folder written for an invalid run")
	}
}

// TestFailedWriteKeepsPreviousResults: when a result file cannot be
// written half-way through, the command fails with status 1, the previous
// results stay whole and no temporary folder is left.
func TestFailedWriteKeepsPreviousResults(t *testing.T) {
	dir := t.TempDir()
	if status, _, errs := runCLI(t, "run", "-o", dir, "annuity"); status != ExitOK {
		t.Fatal(errs)
	}
	before, _ := os.ReadFile(filepath.Join(dir, "annuity", "summary.json"))
	defer func(orig func(string) (*os.File, error)) { create = orig }(create)
	create = func(name string) (*os.File, error) {
		if filepath.Base(name) == "periods.csv" {
			return nil, errors.New("disk full")
		}
		return os.Create(name)
	}
	status, _, errs := runCLI(t, "run", "-o", dir, "annuity")
	if status != ExitFailure || !strings.Contains(errs, "disk full") {
		t.Errorf("status %d, stderr %q; want %d and the cause", status, errs, ExitFailure)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "annuity", "summary.json"))
	if !bytes.Equal(before, after) || len(after) == 0 {
		t.Error("previous results changed")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("output folder holds %d entries, want only annuity", len(entries))
	}
}

// TestAtomicReplace: a second run replaces the results and leaves no
// temporary folders behind.
func TestAtomicReplace(t *testing.T) {
	dir := t.TempDir()
	for range 2 {
		if status, _, errs := runCLI(t, "run", "-o", dir, "annuity"); status != ExitOK {
			t.Fatal(errs)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "annuity" {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("output folder holds %v, want only annuity", names)
	}
}

func TestUsage(t *testing.T) {
	for _, c := range []struct {
		args   []string
		status int
		want   string // in stdout+stderr
	}{
		{nil, ExitUsage, "Usage:"},
		{[]string{"frobnicate"}, ExitUsage, `unknown command "frobnicate"`},
		{[]string{"-h"}, ExitOK, "clvlab run"},
		{[]string{"run", "-h"}, ExitOK, "-o folder"},
		{[]string{"validate", "-h"}, ExitOK, "Usage: clvlab validate"},
		{[]string{"list", "-h"}, ExitOK, "-lang"},
		{[]string{"run"}, ExitUsage, "Usage: clvlab run"},
		{[]string{"run", "-x"}, ExitUsage, "flag provided but not defined: -x"},
		{[]string{"run", "nosuch"}, ExitUsage, "nosuch: no such file, and no shipped scenario of that name"},
		{[]string{"run", "no/such.toml"}, ExitUsage, "no/such.toml: no such file"},
		{[]string{"run", "."}, ExitUsage, "is a folder"},
		{[]string{"list", "-lang", "fr"}, ExitUsage, `-lang "fr", use en or zh`},
		{[]string{"run", "-charts", "png,gif", "annuity"}, ExitUsage, `unknown chart format "gif"; use png, svg or pdf`},
		{[]string{"run", "-lang", "de", "annuity"}, ExitUsage, `-lang "de", use en or zh`},
		{[]string{"validate", "annuity"}, ExitOK, "annuity: ok (1 stage, 1 segment, 3 variants)"},
	} {
		status, out, errs := runCLI(t, c.args...)
		if status != c.status || !strings.Contains(out+errs, c.want) {
			t.Errorf("clvlab %v: status %d, output %q; want %d and %q", c.args, status, out+errs, c.status, c.want)
		}
	}
}

// TestList: every preset is listed, in both languages.
func TestList(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		status, out, _ := runCLI(t, "list", "-lang", lang)
		if status != ExitOK {
			t.Fatal(status)
		}
		for _, id := range scenarios.Presets() {
			if !strings.Contains(out, id+" ") {
				t.Errorf("list -lang %s lacks %s", lang, id)
			}
		}
	}
}

// TestBinaryFile: a dropped binary file is refused, not decoded.
func TestBinaryFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "image.toml")
	os.WriteFile(f, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0o644)
	status, _, errs := runCLI(t, "validate", f)
	if status != ExitUsage || !strings.Contains(errs, "not a text file") {
		t.Errorf("status %d, stderr %q", status, errs)
	}
}

// TestRunKeepsForeignFolders: a folder of the scenario's name that clvlab
// did not write is never replaced: the run fails and the files stay.
func TestRunKeepsForeignFolders(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "annuity"), 0o755)
	notes := filepath.Join(dir, "annuity", "notes.txt")
	os.WriteFile(notes, []byte("mine"), 0o644)
	status, _, errs := runCLI(t, "run", "-o", dir, "-charts", "none", "annuity")
	if status != ExitFailure || !strings.Contains(errs, "was not written by clvlab") {
		t.Errorf("status %d, stderr %q", status, errs)
	}
	if b, err := os.ReadFile(notes); err != nil || string(b) != "mine" {
		t.Errorf("notes.txt lost: %v", err)
	}
}

// TestRunCleansUpAfterAnInterruptedRun: a temporary folder left by a run
// that was stopped is removed, and previous results left moved aside are
// put back before the new run replaces them.
func TestRunCleansUpAfterAnInterruptedRun(t *testing.T) {
	dir := t.TempDir()
	if status, _, errs := runCLI(t, "run", "-o", dir, "-charts", "none", "annuity"); status != ExitOK {
		t.Fatal(errs)
	}
	// As if a run was killed between its two renames.
	os.Rename(filepath.Join(dir, "annuity"), filepath.Join(dir, ".annuity.old"))
	os.MkdirAll(filepath.Join(dir, ".annuity.tmp-123"), 0o755)
	recoverInterrupted(filepath.Join(dir, "annuity"))
	if _, err := os.Stat(filepath.Join(dir, "annuity", "summary.json")); err != nil {
		t.Errorf("previous results not put back: %v", err)
	}
	if status, _, errs := runCLI(t, "run", "-o", dir, "-charts", "none", "annuity"); status != ExitOK {
		t.Fatal(errs)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("output folder holds %v, want only annuity", names)
	}
}

// TestWarningsOnStderr: validate and run print a warning for a stage no
// customer reaches, on stderr, prefixed "warning:", and still succeed.
func TestWarningsOnStderr(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "unreached.toml")
	src := "[[stage]]\nid = \"a\"\nrevenue = 10\nto = { a = 0.8 }\n\n[[stage]]\nid = \"vip\"\nrevenue = 100\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	want := "warning: " + file + `:6: stage "vip": no customer ever reaches this stage`
	for _, args := range [][]string{{"validate", file}, {"run", "-charts", "none", "-o", filepath.Join(dir, "out"), file}} {
		status, out, errs := runCLI(t, args...)
		if status != ExitOK || !strings.HasPrefix(errs, want) || strings.Contains(out, "warning") {
			t.Errorf("clvlab %v: status %d, stdout %q, stderr %q; want %d and stderr starting %q", args, status, out, errs, ExitOK, want)
		}
	}
}
