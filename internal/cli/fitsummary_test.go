package cli

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestFitSummaryColumnFlags: a summary whose columns have names of a
// warehouse's own is read when flags name them, every column a flag; the
// fit is the same as from the standard names (the CDNOW summary's
// published BG/NBD r = 0.243, Fader, Hardie & Lee 2005, Marketing
// Science). The flags name no column of a log or a cohort table.
func TestFitSummaryColumnFlags(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "fit", "testdata", "cdnow", "cdnow_customers_summary_with_transactions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitN(string(src), "\n", 2)
	if lines[0] != "ID,x,t_x,T,zbar" && lines[0] != "ID,x,t_x,T,zbar\r" {
		t.Fatalf("the CDNOW summary's header is %q", lines[0])
	}
	// Names no reader recognises; a weight column of ones; holdout columns
	// of zeros.
	var b strings.Builder
	b.WriteString("cust,repeats,last_seen,age,avg_spend,n,h_repeats,h_spend\n")
	for _, line := range strings.Split(strings.TrimSpace(lines[1]), "\n") {
		b.WriteString(strings.TrimSpace(line) + ",1,0,0\n")
	}
	file := filepath.Join(t.TempDir(), "warehouse.csv")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	status, _, stderr := runCLI(t, "fit", "summary", file, "-models", "bgnbd,gammagamma", "-o", out, "-charts", "none",
		"-customer", "cust", "-frequency", "repeats", "-recency", "last_seen", "-T", "age", "-monetary", "avg_spend", "-weight", "n",
		"-holdout-frequency", "h_repeats", "-holdout-monetary", "h_spend")
	if status != ExitOK {
		t.Fatalf("status %d: %s", status, stderr)
	}
	doc := readFitDoc(t, filepath.Join(out, "warehouse", "fit"))
	if r := doc.Models["bgnbd"].Params["r"]; !(r > 0.2425 && r < 0.2435) {
		t.Errorf("BG/NBD r = %v, published 0.243", r)
	}
	rows := readCSV(t, filepath.Join(out, "warehouse", "fit", "customers.csv"))
	if rows[1][0] != "1" || rows[1][4] == "" {
		t.Errorf("customers.csv's first row %v: the customer and monetary columns are not the ones named", rows[1])
	}
	status, _, stderr = runCLI(t, "fit", "summary", file, "-frequency", "freq", "-o", out)
	if status != ExitUsage || !strings.Contains(stderr, `"freq"`) {
		t.Errorf("a column named that is not in the header: status %d: %s", status, stderr)
	}
	if _, _, help := runCLI(t, "fit", "-h"); !strings.Contains(help, "-holdout-monetary") || !strings.Contains(help, "-T column") {
		t.Errorf("fit -h does not list the summary's column flags:\n%s", help)
	}
	for _, kind := range []string{"transactions", "cohorts"} {
		status, _, stderr = runCLI(t, "fit", kind, file, "-T", "age", "-o", out)
		if status != ExitUsage || !strings.Contains(stderr, "-T names a column of a per-customer summary") {
			t.Errorf("fit %s -T: status %d: %s", kind, status, stderr)
		}
	}
}

// TestFitDiscreteSummaryUnit: a summary in whole periods with one T for
// everyone (the donations: 6 yearly opportunities, lifetimes' periods
// column) read without -period is in periods, not weeks: fit.json,
// customers.csv and the page say "period", and the predictions look as
// many periods ahead as the data look back (6), the discount rate taken
// per period and said so. With -period year, years and three of them.
func TestFitDiscreteSummaryUnit(t *testing.T) {
	file := filepath.Join("..", "records", "testdata", "donations.csv")
	for _, tc := range []struct {
		args    []string
		unit    string
		predict int
	}{{nil, "period", 6}, {[]string{"-period", "year"}, "year", 3}} {
		out := t.TempDir()
		status, stdout, stderr := runCLI(t, append([]string{"fit", "summary", file, "-o", out}, tc.args...)...)
		if status != ExitOK {
			t.Fatalf("%v: status %d: %s", tc.args, status, stderr)
		}
		dir := filepath.Join(out, "donations", "fit")
		doc := readFitDoc(t, dir)
		if doc.Unit != tc.unit || doc.Chosen != "bgbb" {
			t.Errorf("%v: unit %q, chosen %q", tc.args, doc.Unit, doc.Chosen)
		}
		if !strings.Contains(stdout, "unit: "+tc.unit) {
			t.Errorf("%v: the terminal does not say the unit:\n%s", tc.args, stdout)
		}
		rows := readCSV(t, filepath.Join(dir, "customers.csv"))
		if u := rows[1][len(rows[1])-1]; u != tc.unit {
			t.Errorf("%v: customers.csv's unit %q", tc.args, u)
		}
		if rows[2][1] != "1" || rows[2][4] != "" {
			t.Errorf("%v: a donor without amounts has monetary_value %q, want an empty cell: %v", tc.args, rows[2][4], rows[2])
		}
		fitJSON, _ := os.ReadFile(filepath.Join(dir, "fit.json"))
		if want := `"predict": ` + strconv.Itoa(tc.predict); !strings.Contains(string(fitJSON), want) {
			t.Errorf("%v: fit.json lacks %s", tc.args, want)
		}
		page, _ := os.ReadFile(filepath.Join(dir, "index.html"))
		if tc.unit == "period" && !strings.Contains(string(page), "discount rate 10% a period: the period&#39;s length is not known") {
			t.Errorf("the page does not say how the rate is taken without -period")
		}
	}
}
