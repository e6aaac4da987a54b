package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"clvlab/internal/report"
)

// cdnow is the CDNOW sample in the repository, from this package's folder.
var cdnow = filepath.Join("..", "records", "testdata", "CDNOW_sample.txt")

// cdnowArgs are the flags that read the CDNOW sample as Fader, Hardie &
// Lee (2005) do: weeks, calibration to 1997-09-30 (39 weeks), holdout to
// 1998-06-30.
var cdnowArgs = []string{"-customer", "1", "-date", "3", "-amount", "5", "-period", "week",
	"-calibration-end", "1997-09-30", "-holdout-end", "1998-06-30"}

// readmeFitCommand returns the arguments of the `clvlab fit` command the
// README shows, its data file relative to this package's folder.
func readmeFitCommand(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(string(b), "\\\n", " ")
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		_, cmd, ok := strings.Cut(line, "go run ./cmd/clvlab fit ")
		if !ok {
			continue
		}
		args := append([]string{"fit"}, strings.Fields(cmd)...)
		for i, a := range args {
			if strings.HasSuffix(a, ".txt") {
				args[i] = filepath.Join("..", "..", a)
			}
		}
		return args
	}
	t.Fatal("README.md shows no `go run ./cmd/clvlab fit` command")
	return nil
}

type fitDoc struct {
	Unit   string `json:"unit"`
	Models map[string]struct {
		Params        map[string]float64  `json:"params"`
		SE            *map[string]float64 `json:"se"`
		LogLikelihood float64             `json:"log_likelihood"`
		Converged     bool                `json:"converged"`
		Holdout       *struct {
			Actual, Expected float64
			Error            *float64
		} `json:"holdout"`
	} `json:"models"`
	Chosen      string `json:"chosen"`
	Why         string `json:"why"`
	Predictions struct {
		Model      string  `json:"model"`
		PeriodRate float64 `json:"period_rate"`
	} `json:"predictions"`
}

func readFitDoc(t *testing.T, dir string) fitDoc {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "fit.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc fitDoc
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc
}

func readCSV(t *testing.T, name string) [][]string {
	t.Helper()
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestFitREADMECommand runs the README's `clvlab fit` command on the CDNOW
// sample and finds what the README promises: the BG/NBD parameters of
// Fader, Hardie & Lee (2005, Marketing Science 24(2), "Counting Your
// Customers the Easy Way", Table 1 / section 5: r = 0.243, α = 4.414,
// a = 0.793, b = 2.426) to their printed precision, the tracking plot and
// the per-customer predictions, every output in weeks.
func TestFitREADMECommand(t *testing.T) {
	out := t.TempDir()
	args := append(readmeFitCommand(t), "-o", out)
	status, stdout, stderr := runCLI(t, args...)
	if status != ExitOK {
		t.Fatalf("%v: status %d\n%s", args, status, stderr)
	}
	dir := filepath.Join(out, "CDNOW_sample", "fit")
	doc := readFitDoc(t, dir)
	if doc.Unit != "week" {
		t.Errorf("unit %q", doc.Unit)
	}
	bg, ok := doc.Models["bgnbd"]
	if !ok {
		t.Fatalf("fit.json has no bgnbd: %v", doc.Models)
	}
	for name, want := range map[string]float64{"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426} {
		if got := math.Round(bg.Params[name]*1000) / 1000; got != want {
			t.Errorf("BG/NBD %s = %.5f, published %.3f", name, bg.Params[name], want)
		}
	}
	if bg.SE == nil || !bg.Converged || bg.Holdout == nil {
		t.Errorf("BG/NBD: se %v, converged %v, holdout %v", bg.SE, bg.Converged, bg.Holdout)
	}
	if doc.Chosen == "" || doc.Why == "" || doc.Predictions.Model != doc.Chosen {
		t.Errorf("chosen %q (why %q), predictions from %q", doc.Chosen, doc.Why, doc.Predictions.Model)
	}
	if !strings.Contains(stdout, "chosen: "+report.ModelName(doc.Chosen)+": "+doc.Why) || !strings.Contains(stdout, "r = 0.2426") {
		t.Errorf("stdout lacks the parameters or the choice:\n%s", stdout)
	}
	rows := readCSV(t, filepath.Join(dir, "customers.csv"))
	if got, want := strings.Join(rows[0], ","), strings.Join(report.CustomersHeader, ",")+",unit"; got != want {
		t.Errorf("customers.csv header %s, want %s", got, want)
	}
	if len(rows) != 2358 {
		t.Errorf("customers.csv has %d rows, want 2,357 customers and a header", len(rows)-1)
	}
	for _, r := range rows[1:] {
		if r[len(r)-1] != "week" {
			t.Fatalf("row %v does not say its unit", r)
		}
		for i := 5; i < 9; i++ {
			if _, err := strconv.ParseFloat(r[i], 64); err != nil {
				t.Fatalf("row %v: column %s is %q", r, rows[0][i], r[i])
			}
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, report.HTMLFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`src="tracking.png"`, `src="holdout-by-frequency.png"`, `src="p-alive.png"`, `src="spend.png"`,
		"unit: week", "BG/NBD", "Chosen: " + report.ModelName(doc.Chosen), "customers.csv"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	for _, name := range []string{"tracking.png", "holdout-by-frequency.png", "p-alive.png", "spend.png", "summary.csv", "holdout.csv", "tracking.csv"} {
		if st, err := os.Stat(filepath.Join(dir, name)); err != nil || st.Size() < 100 {
			t.Errorf("%s missing or empty (%v)", name, err)
		}
	}
	for _, name := range []string{"summary.csv", "holdout.csv", "tracking.csv"} {
		rows := readCSV(t, filepath.Join(dir, name))
		if rows[0][len(rows[0])-1] != "unit" || rows[1][len(rows[1])-1] != "week" {
			t.Errorf("%s does not say the unit: %v %v", name, rows[0], rows[1])
		}
	}
}

// TestFitCLVOfOneCustomer checks customer 00004 of the CDNOW sample (two
// repeat purchases of mean 22.345 in calibration) by hand, over one week:
// expected spend (Gamma-Gamma's conditional mean, Fader & Hardie's note
// eq. 5) = (γ + m·x)·p / (p·x + q − 1) with the fitted p, q, γ; CLV =
// margin × spend × expected purchases in the week / (1 + d), d =
// 1.10^(7/365.25) − 1 = 0.0018282846.
func TestFitCLVOfOneCustomer(t *testing.T) {
	out := t.TempDir()
	args := append([]string{"fit", "transactions", cdnow, "-o", out, "-charts", "none", "-model", "bgnbd",
		"-predict", "1", "-horizon", "1", "-margin", "0.3"}, cdnowArgs...)
	if status, _, stderr := runCLI(t, args...); status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	dir := filepath.Join(out, "CDNOW_sample", "fit")
	doc := readFitDoc(t, dir)
	gg := doc.Models["gammagamma"].Params
	rows := readCSV(t, filepath.Join(dir, "customers.csv"))
	var row []string
	for _, r := range rows {
		if r[0] == "00004" {
			row = r
		}
	}
	if row == nil {
		t.Fatal("customer 00004 is not in customers.csv")
	}
	value := func(i int) float64 {
		v, err := strconv.ParseFloat(row[i], 64)
		if err != nil {
			t.Fatalf("%s = %q", rows[0][i], row[i])
		}
		return v
	}
	x, m, purchases, spend, clv := value(1), value(4), value(6), value(7), value(8)
	if x != 2 || m != 22.345 {
		t.Fatalf("customer 00004: frequency %v, monetary %v; want 2 and (29.73 + 14.96)/2 = 22.345", x, m)
	}
	wantSpend := (gg["gamma"] + m*x) * gg["p"] / (gg["p"]*x + gg["q"] - 1)
	if math.Abs(spend-wantSpend) > 1e-6*wantSpend {
		t.Errorf("expected spend %v, by hand %v", spend, wantSpend)
	}
	d := math.Pow(1.10, 7/365.25) - 1
	if math.Abs(doc.Predictions.PeriodRate-d) > 1e-15 {
		t.Errorf("period rate %v, want %v", doc.Predictions.PeriodRate, d)
	}
	if want := 0.3 * spend * purchases / (1 + d); math.Abs(clv-want) > 1e-8*want {
		t.Errorf("CLV %v, by hand %v", clv, want)
	}
}

// TestFitBadInput: each mistake gets a message that says what to fix,
// exit status 2, and nothing is written.
func TestFitBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		name string
		args []string
		want []string
	}{
		{"no kind", []string{"fit"}, []string{"Usage: clvlab fit transactions|summary|cohorts FILE"}},
		{"unknown kind", []string{"fit", "logs", cdnow}, []string{`"logs" is not an input kind; use clvlab fit transactions|summary|cohorts FILE`}},
		{"no such file", []string{"fit", "transactions", filepath.Join(dir, "missing.csv")}, []string{"missing.csv: no such file"}},
		{"a folder", []string{"fit", "transactions", dir}, []string{"is a folder; give a file"}},
		{"holdout before calibration", append([]string{"fit", "transactions", cdnow}, "-customer", "1", "-date", "3", "-amount", "5",
			"-calibration-end", "1997-09-30", "-holdout-end", "1997-06-30"),
			[]string{"the holdout end 1997-06-30 is not after the calibration end 1997-09-30"}},
		{"bad date", []string{"fit", "transactions", cdnow, "-calibration-end", "30/09/1997"}, []string{`-calibration-end "30/09/1997": give a date as YYYY-MM-DD`}},
		{"sbg on a log", append([]string{"fit", "transactions", cdnow, "-models", "sbg"}, cdnowArgs...),
			[]string{"-models sbg: sBG fits a cohort retention table (clvlab fit cohorts FILE); a transaction log suits bgnbd, paretonbd and gammagamma"}},
		{"bgbb on a log", append([]string{"fit", "transactions", cdnow, "-models", "bgbb"}, cdnowArgs...), []string{"BG/BB needs whole periods"}},
		{"unknown model", []string{"fit", "transactions", cdnow, "-models", "bgnbd,nbd"}, []string{`-models: unknown model "nbd"`}},
		{"model not fitted", append([]string{"fit", "transactions", cdnow, "-models", "bgnbd", "-model", "paretonbd"}, cdnowArgs...),
			[]string{"-model paretonbd: it is not among the models fitted (bgnbd)"}},
		{"log flags on a summary", []string{"fit", "summary", cdnow, "-calibration-end", "1997-09-30"}, []string{"-calibration-end applies to a transaction log"}},
		{"year for a log", []string{"fit", "transactions", cdnow, "-period", "year"}, []string{"-period year is for a cohort table or a summary in years"}},
		{"margin", []string{"fit", "transactions", cdnow, "-margin", "1.5"}, []string{"-margin 1.5: give the share of spend kept, from 0 to 1"}},
		{"horizon", []string{"fit", "transactions", cdnow, "-horizon", "-3"}, []string{"-horizon -3: give a number of periods"}},
		{"wrong kind of file", []string{"fit", "cohorts", cdnow}, []string{"(clvlab fit cohorts reads a cohort retention table; if " + cdnow +
			" is another kind of file, try clvlab fit transactions " + cdnow + " or clvlab fit summary " + cdnow + ")"}},
	} {
		out := filepath.Join(dir, "out")
		status, _, stderr := runCLI(t, append(c.args, "-o", out)...)
		if status != ExitUsage {
			t.Errorf("%s: status %d, want %d; stderr %s", c.name, status, ExitUsage, stderr)
		}
		for _, w := range c.want {
			if !strings.Contains(stderr, w) {
				t.Errorf("%s: stderr %q, want it to contain %q", c.name, stderr, w)
			}
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("%s: output written", c.name)
		}
	}
}

// TestFitThatFails: a log in which no customer came back gives BG/NBD
// nothing to learn from frequency; the fit's own message comes through,
// the command exits 1 and writes nothing.
func TestFitThatFails(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "once.csv")
	var b bytes.Buffer
	b.WriteString("customer,date,amount\n")
	for i := range 50 {
		b.WriteString("c" + strconv.Itoa(i) + ",2020-01-" + strconv.Itoa(10+i%20) + ",10\n")
	}
	os.WriteFile(log, b.Bytes(), 0o644)
	out := filepath.Join(dir, "out")
	status, _, stderr := runCLI(t, "fit", "transactions", log, "-models", "bgnbd", "-calibration-end", "2020-01-29", "-o", out)
	if status != ExitFailure || !strings.Contains(stderr, "BG/NBD could not be fitted: ") ||
		!strings.Contains(stderr, "all customers made 0 repeat purchases: frequency carries no information") {
		t.Errorf("status %d, stderr %q", status, stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "once")); !os.IsNotExist(err) {
		t.Error("something was written")
	}
}

// TestFitFailedWriteKeepsPreviousResults: a file that cannot be written
// half-way leaves the previous fit whole and no temporary folder; the
// fit, like run, writes through writeResults.
func TestFitFailedWriteKeepsPreviousResults(t *testing.T) {
	out := t.TempDir()
	args := append([]string{"fit", "transactions", cdnow, "-o", out, "-charts", "none", "-models", "bgnbd"}, cdnowArgs...)
	if status, _, stderr := runCLI(t, args...); status != ExitOK {
		t.Fatal(stderr)
	}
	dir := filepath.Join(out, "CDNOW_sample", "fit")
	before, _ := os.ReadFile(filepath.Join(dir, "fit.json"))
	defer func(orig func(string) (*os.File, error)) { create = orig }(create)
	create = func(name string) (*os.File, error) {
		if filepath.Base(name) == "customers.csv" {
			return nil, errors.New("disk full")
		}
		return os.Create(name)
	}
	status, _, stderr := runCLI(t, append(args, "-margin", "0.5")...)
	if status != ExitFailure || !strings.Contains(stderr, "customers.csv: disk full") {
		t.Errorf("status %d, stderr %q", status, stderr)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "fit.json"))
	if !bytes.Equal(before, after) {
		t.Error("the previous fit.json changed")
	}
	left, _ := filepath.Glob(filepath.Join(out, "CDNOW_sample", ".fit.*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// TestFitChineseSVG: -lang zh -charts svg writes Chinese SVG charts and a
// Chinese page that says the unit, and no progress line on a buffer.
func TestFitChineseSVG(t *testing.T) {
	out := t.TempDir()
	args := append([]string{"fit", "transactions", cdnow, "-o", out, "-charts", "svg", "-lang", "zh", "-models", "bgnbd"}, cdnowArgs...)
	status, _, stderr := runCLI(t, args...)
	if status != ExitOK {
		t.Fatal(stderr)
	}
	if strings.Contains(stderr, "\r") {
		t.Errorf("a progress line on a buffer: %q", stderr)
	}
	dir := filepath.Join(out, "CDNOW_sample", "fit")
	page, _ := os.ReadFile(filepath.Join(dir, report.HTMLFile))
	for _, want := range []string{`lang="zh"`, "时间单位：周", "拟合：CDNOW_sample", `src="tracking.svg"`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("index.html lacks %q", want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "p-alive.svg")); err != nil {
		t.Error(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "p-alive.png")); err == nil {
		t.Error("png written without being asked for")
	}
}

// TestFitKeepsScenarioResults: fit writes DIR/<name>/fit/ beside a run's
// results of the same name, leaving them alone, and a run keeps the fit.
func TestFitKeepsScenarioResults(t *testing.T) {
	out := t.TempDir()
	dir := filepath.Join(out, "annuity")
	os.MkdirAll(dir, 0o755)
	src, _ := os.ReadFile(cdnow)
	data := filepath.Join(t.TempDir(), "annuity.txt")
	os.WriteFile(data, src, 0o644)
	if status, _, stderr := runCLI(t, "run", "-o", out, "-charts", "none", "annuity"); status != ExitOK {
		t.Fatal(stderr)
	}
	args := append([]string{"fit", "transactions", data, "-o", out, "-charts", "none", "-models", "bgnbd"}, cdnowArgs...)
	if status, _, stderr := runCLI(t, args...); status != ExitOK {
		t.Fatal(stderr)
	}
	if status, _, stderr := runCLI(t, "run", "-o", out, "-charts", "none", "annuity"); status != ExitOK {
		t.Fatal(stderr)
	}
	for _, name := range []string{"summary.json", filepath.Join("fit", "fit.json")} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
}

// TestFitReadingProgress: on a terminal, reading a log shows how much of
// it is read, rewritten in place.
func TestFitReadingProgress(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b}
	show := progressOf(p, "big.csv")
	show(50e6, 200e6)
	show(3e6, -1)                                                                                                               // a size unknown
	want := "\rclvlab fit: reading big.csv: 25% of 200.0 MB" + "\rclvlab fit: reading big.csv: 3.0 MB" + strings.Repeat(" ", 9) // 9 blanks: the first line is 9 wider
	if got := b.String(); got != want {
		t.Errorf("progress wrote\n%q\nwant\n%q", got, want)
	}
}

// TestFitSummaryFile: Hardie's summary of the CDNOW sample (x, t_x, T,
// zbar; no holdout) gives the same BG/NBD as the log, Fader, Hardie &
// Lee's (2005) r = 0.243, α = 4.414, a = 0.793, b = 2.426; without a
// holdout the model is chosen by BIC and there is no holdout.csv or
// tracking plot.
func TestFitSummaryFile(t *testing.T) {
	out := t.TempDir()
	file := filepath.Join("..", "records", "testdata", "cdnow_customers_summary_with_transactions.csv")
	status, stdout, stderr := runCLI(t, "fit", "summary", file, "-o", out, "-charts", "none")
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	dir := filepath.Join(out, "cdnow_customers_summary_with_transactions", "fit")
	doc := readFitDoc(t, dir)
	for name, want := range map[string]float64{"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426} {
		if got := math.Round(doc.Models["bgnbd"].Params[name]*1000) / 1000; got != want {
			t.Errorf("BG/NBD %s = %v, published %v", name, doc.Models["bgnbd"].Params[name], want)
		}
	}
	if !strings.Contains(doc.Why, "by BIC") && !strings.Contains(doc.Why, "only purchase model") {
		t.Errorf("why %q", doc.Why)
	}
	if !strings.Contains(stdout, "no holdout") {
		t.Errorf("stdout does not say there is no holdout:\n%s", stdout)
	}
	for _, name := range []string{"holdout.csv", "tracking.csv"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			t.Errorf("%s written without a holdout", name)
		}
	}
}

// TestFitDonations: the donations data (6 yearly opportunities, grouped)
// are whole periods with one T, so BG/BB is fitted, reproducing Fader,
// Hardie & Shang (2010, Marketing Science 29(6), Table 6): α = 1.204,
// β = 0.750, γ = 0.657, δ = 2.783; customers.csv has a weight column.
func TestFitDonations(t *testing.T) {
	out := t.TempDir()
	file := filepath.Join("..", "records", "testdata", "donations.csv")
	status, _, stderr := runCLI(t, "fit", "summary", file, "-period", "year", "-o", out)
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	dir := filepath.Join(out, "donations", "fit")
	doc := readFitDoc(t, dir)
	if doc.Chosen != "bgbb" || doc.Unit != "year" {
		t.Fatalf("chosen %q, unit %q", doc.Chosen, doc.Unit)
	}
	for name, want := range map[string]float64{"alpha": 1.204, "beta": 0.750, "gamma": 0.657, "delta": 2.783} {
		if got := math.Round(doc.Models["bgbb"].Params[name]*1000) / 1000; got != want {
			t.Errorf("BG/BB %s = %v, published %v", name, doc.Models["bgbb"].Params[name], want)
		}
	}
	rows := readCSV(t, filepath.Join(dir, "customers.csv"))
	if got := strings.Join(rows[0][len(rows[0])-2:], ","); got != "weight,unit" || len(rows) != 23 {
		t.Errorf("customers.csv: %d rows, header ends %s", len(rows), got)
	}
	if _, err := os.Stat(filepath.Join(dir, "p-alive.png")); err != nil {
		t.Error(err)
	}
}

// TestFitCohorts: the "regular" and "high end" cohorts of Fader & Hardie
// (2007, Journal of Interactive Marketing 21(1), Table 1) fitted jointly
// with sBG; each cohort alone reproduces the paper's α, β (tested in
// package fit); here the command's files: the survival curve projected
// past the 12 years, retention rising with tenure, DEL and DERL.
func TestFitCohorts(t *testing.T) {
	out := t.TempDir()
	file := filepath.Join("..", "fit", "testdata", "retention-fader-hardie-2007.csv")
	status, stdout, stderr := runCLI(t, "fit", "cohorts", file, "-o", out)
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	dir := filepath.Join(out, "retention-fader-hardie-2007", "fit")
	b, err := os.ReadFile(filepath.Join(dir, "fit.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Unit    string
		Chosen  string
		Cohorts struct {
			Survival, Retention []float64
			Observed            int `json:"observed_periods"`
			DEL                 float64
			DERL                []float64
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	c := doc.Cohorts
	if doc.Unit != "year" || doc.Chosen != "sbg" || c.Observed != 12 || len(c.Survival) != 25 || len(c.DERL) != 13 {
		t.Fatalf("unit %q, chosen %q, observed %d, %d survival points, %d DERL", doc.Unit, doc.Chosen, c.Observed, len(c.Survival), len(c.DERL))
	}
	for t1 := 2; t1 < len(c.Retention); t1++ {
		if !(c.Retention[t1] > c.Retention[t1-1]) || !(c.Survival[t1] < c.Survival[t1-1]) {
			t.Errorf("at %d: retention %v after %v, survival %v after %v", t1, c.Retention[t1], c.Retention[t1-1], c.Survival[t1], c.Survival[t1-1])
		}
	}
	// DEL = 1 + DERL(0)/(1+d) (a new customer pays now, then lives on
	// as one who renewed 0 times; Fader & Hardie 2010), d = 10% a year.
	if want := 1 + c.DERL[0]/1.1; math.Abs(c.DEL-want) > 1e-9 {
		t.Errorf("DEL %v, 1 + DERL(0)/1.1 = %v", c.DEL, want)
	}
	for _, name := range []string{"cohorts.csv", "survival.png", "index.html"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Error(err)
		}
	}
	if !strings.Contains(stdout, "DEL ") {
		t.Errorf("stdout lacks DEL:\n%s", stdout)
	}
}

// TestFitModelThatFailed: -model names a model of the default set that
// could not be fitted while another did (fifteen purchases of eight
// customers over two years: BG/NBD's spread of purchase rates runs to zero,
// Pareto/NBD fits); the command says why instead of crashing (a nil model
// before the check), exits 1 and writes nothing.
func TestFitModelThatFailed(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "few.csv")
	os.WriteFile(log, []byte(`customer,date,amount
2,2020-01-05,2
1,2020-01-13,14
5,2020-01-16,5
3,2020-01-22,12
6,2020-02-01,20
0,2020-02-14,20
7,2020-02-16,11
4,2020-02-23,16
7,2020-05-07,17
4,2020-08-29,9
0,2020-12-03,14
3,2021-02-07,1
2,2021-07-11,15
7,2021-09-25,20
7,2021-12-17,8
`), 0o644)
	out := filepath.Join(dir, "out")
	status, _, stderr := runCLI(t, "fit", "transactions", log, "-model", "bgnbd", "-o", out)
	want := "-model bgnbd: BG/NBD could not be fitted: bgnbd: the spread of purchase rates runs to zero"
	if status != ExitFailure || !strings.Contains(stderr, want) {
		t.Errorf("status %d, stderr %q, want it to contain %q", status, stderr, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("something was written")
	}
}

// TestFitLogIsContinuous: a transaction log whose customers all bought
// first on one day, read in days, has whole-number histories with one T,
// as a BG/BB summary has; it is still a log in continuous time, so the
// default models are BG/NBD and Pareto/NBD, not BG/BB.
func TestFitLogIsContinuous(t *testing.T) {
	dir := t.TempDir()
	log := filepath.Join(dir, "oneday.csv")
	var b bytes.Buffer
	b.WriteString("customer,date,amount\n")
	day0 := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 300 {
		id := "c" + strconv.Itoa(i)
		b.WriteString(id + ",2020-01-01,10\n")
		// Each customer buys every 1/rate days on average until dropping
		// out after a purchase with probability p: BG/NBD's own story.
		rate, p := rng.ExpFloat64()/20, 0.05+0.4*rng.Float64()
		for d := 0.0; rng.Float64() > p; {
			d += rng.ExpFloat64() / rate
			if d > 180 {
				break
			}
			b.WriteString(id + "," + day0.AddDate(0, 0, int(d)).Format("2006-01-02") + ",10\n")
		}
	}
	os.WriteFile(log, b.Bytes(), 0o644)
	out := filepath.Join(dir, "out")
	status, _, stderr := runCLI(t, "fit", "transactions", log, "-period", "day", "-charts", "none", "-o", out)
	if status != ExitOK {
		t.Fatalf("status %d, stderr %q", status, stderr)
	}
	doc := readFitDoc(t, filepath.Join(out, "oneday", "fit"))
	if _, ok := doc.Models["bgbb"]; ok {
		t.Errorf("BG/BB fitted to a log by default: models %v", doc.Models)
	}
	if _, ok := doc.Models["bgnbd"]; !ok {
		t.Errorf("BG/NBD not fitted: models %v, stderr %q", doc.Models, stderr)
	}
}

// TestFitCohortAdvice: an sBG fit that fails on a cohort table is advised
// about the table, not told to fit "the other models" (sBG is the only
// one): a table that halves every period has one churn probability, 0.5,
// and its beta mixing runs to infinity; one with no losses has no churn.
func TestFitCohortAdvice(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ table, want string }{
		{"cohort,0,1,2,3\na,1000,500,250,125\nb,1000,500,250\n",
			"sBG could not be fitted: sbg: the churn probability does not vary between customers (alpha = "},
		{"cohort,0,1\na,100,100\nb,100,100\n",
			"sBG could not be fitted: sbg: no customer of any cohort cancelled: churn cannot be estimated from a table with no losses (alpha → 0); observe the cohorts for longer\n"},
	} {
		file := filepath.Join(dir, "c.csv")
		os.WriteFile(file, []byte(c.table), 0o644)
		status, _, stderr := runCLI(t, "fit", "cohorts", file, "-o", filepath.Join(dir, "out"))
		if status != ExitFailure || !strings.Contains(stderr, c.want) || strings.Contains(stderr, "-models") {
			t.Errorf("status %d, stderr %q, want it to contain %q and no -models", status, stderr, c.want)
		}
	}
}

// TestFitCohortAlone: -cohort fits a cohort table's rows alone. Each of
// Fader & Hardie's (2007, Journal of Interactive Marketing 21(1), "How to
// project customer retention", Table 1) cohorts fitted alone gives the
// published estimates to their printed three decimals: regular alpha =
// 0.704, beta = 1.182; high end alpha = 0.668, beta = 3.806. Without
// -cohort the two are pooled into one fit, and the output says so; a
// label the table lacks is refused with the table's labels. The paper fits
// years 0–7 (the table's first eight counts) and projects the rest.
func TestFitCohortAlone(t *testing.T) {
	file := filepath.Join(t.TempDir(), "retention-fader-hardie-2007.csv")
	os.WriteFile(file, []byte("cohort,0,1,2,3,4,5,6,7\nregular,1000,631,468,382,326,289,262,241\nhigh end,1000,869,743,653,593,551,517,491\n"), 0o644)
	for _, c := range []struct {
		label       string
		alpha, beta string
	}{{"regular", "0.704", "1.182"}, {"high end", "0.668", "3.806"}} {
		out := t.TempDir()
		status, stdout, stderr := runCLI(t, "fit", "cohorts", file, "-cohort", c.label, "-charts", "none", "-o", out)
		if status != ExitOK {
			t.Fatalf("%s: status %d: %s", c.label, status, stderr)
		}
		doc := readFitDoc(t, filepath.Join(out, "retention-fader-hardie-2007", "fit"))
		p := doc.Models["sbg"].Params
		if a, b := strconv.FormatFloat(p["alpha"], 'f', 3, 64), strconv.FormatFloat(p["beta"], 'f', 3, 64); a != c.alpha || b != c.beta {
			t.Errorf("%s: alpha %s, beta %s; published %s, %s", c.label, a, b, c.alpha, c.beta)
		}
		if !strings.Contains(stdout, "fitted to cohort "+c.label+" alone") {
			t.Errorf("%s: stdout %q does not say which cohort", c.label, stdout)
		}
	}
	status, stdout, _ := runCLI(t, "fit", "cohorts", file, "-charts", "none", "-o", t.TempDir())
	if want := "the 2 cohorts (regular, high end) pooled into one fit, one alpha and beta for all: fit one alone with -cohort LABEL"; status != ExitOK || !strings.Contains(stdout, want) {
		t.Errorf("status %d, stdout %q, want it to contain %q", status, stdout, want)
	}
	status, _, stderr := runCLI(t, "fit", "cohorts", file, "-cohort", "regular,vip", "-o", t.TempDir())
	if want := "-cohort vip: the table has no such cohort (it has regular, high end)"; status != ExitUsage || !strings.Contains(stderr, want) {
		t.Errorf("status %d, stderr %q, want it to contain %q", status, stderr, want)
	}
}

// TestFitUndiscountedDEL: with -discount-rate 0, DEL is the expected
// lifetime, infinite for Fader & Hardie's (2007) cohorts (alpha < 1): the
// table shows ∞ and says why, instead of "—" with no reason.
func TestFitUndiscountedDEL(t *testing.T) {
	file := filepath.Join("..", "fit", "testdata", "retention-fader-hardie-2007.csv")
	status, stdout, stderr := runCLI(t, "fit", "cohorts", file, "-discount-rate", "0", "-charts", "none", "-o", t.TempDir())
	if status != ExitOK || !strings.Contains(stdout, "DEL ∞ payments at 0% a year") ||
		!strings.Contains(stdout, "undiscounted (-discount-rate 0), DEL and DERL are expected lifetimes, and with alpha = 0.567 ≤ 1 they are infinite") {
		t.Errorf("status %d, stdout %q, stderr %q", status, stdout, stderr)
	}
}

// TestFitCohortsMonthly: -monthly writes the sBG of the Fader & Hardie
// (2007) table as a monthly scenario with yearly renewals that runs: its
// survival is flat within each year and steps down at months 12, 24, ...
// by the model's retention S(k)/S(k−1); -monthly without a cohort table is
// refused, saying why.
func TestFitCohortsMonthly(t *testing.T) {
	out := t.TempDir()
	file := filepath.Join("..", "fit", "testdata", "retention-fader-hardie-2007.csv")
	toml := filepath.Join(out, "monthly.toml")
	if status, _, stderr := runCLI(t, "fit", "cohorts", file, "-o", out, "-charts", "none", "-scenario", toml, "-monthly"); status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	if status, _, stderr := runCLI(t, "run", "-charts", "none", "-o", out, toml); status != ExitOK {
		t.Fatalf("run: status %d: %s", status, stderr)
	}
	var doc struct {
		Runs []struct{ Survival []float64 }
	}
	b, err := os.ReadFile(filepath.Join(out, "monthly", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &doc); err != nil || len(doc.Runs) == 0 {
		t.Fatalf("%v: %s", err, b)
	}
	s := doc.Runs[0].Survival
	if len(s) != 36 {
		t.Fatalf("%d months of survival, want 36 (three years)", len(s))
	}
	for τ := 1; τ < 36; τ++ {
		if flat := s[τ] == s[τ-1]; flat != (τ%12 != 0) {
			t.Errorf("survival at month %d: %v after %v", τ, s[τ], s[τ-1])
		}
	}
	summary := filepath.Join("..", "records", "testdata", "cdnow_customers_summary_with_transactions.csv")
	status, _, stderr := runCLI(t, "fit", "summary", summary, "-o", out, "-charts", "none", "-scenario", filepath.Join(out, "x.toml"), "-monthly")
	if status == ExitOK || !strings.Contains(stderr, "-monthly makes the sBG scenario of a cohort table") {
		t.Errorf("-monthly with a summary: status %d: %s", status, stderr)
	}
}
