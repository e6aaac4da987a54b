package fitted

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"clvlab/internal/fit"
)

// TestFitDataCDNOWSummary: the CDNOW summary (Fader, Hardie & Lee 2005's
// 2,357 customers, weeks, with their mean repeat spend) is told from a log
// by its header and fitted as `clvlab fit summary` fits it: BG/NBD's BIC
// is the lower (its LL −9582.4 against Pareto/NBD's −9595.0, both with 4
// parameters), Gamma-Gamma's p = 6.25 (Fader & Hardie 2013).
func TestFitDataCDNOWSummary(t *testing.T) {
	src, err := os.ReadFile("../records/testdata/cdnow_customers_summary_with_transactions.csv")
	if err != nil {
		t.Fatal(err)
	}
	d, err := FitData("cdnow.csv", src, Terms{DiscountRate: 0.10, NewCustomers: -1})
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != "summary" || len(d.Summary.Customers) != 2357 {
		t.Errorf("kind %s, %d customers", d.Kind, len(d.Summary.Customers))
	}
	if d.Purchases.Model != fit.KeyBGNBD || math.Abs(d.Purchases.LogLikelihood+9582.4) > 0.05 {
		t.Errorf("chosen %s, LL %.2f", d.Purchases.Model, d.Purchases.LogLikelihood)
	}
	if p := d.Spend.Value("p"); math.Abs(p-6.25) > 0.005 {
		t.Errorf("Gamma-Gamma p = %.4f", p)
	}
	if d.Tracking != nil || !(d.CLV > 0) {
		t.Errorf("tracking %v, CLV %g", d.Tracking, d.CLV)
	}
	if !strings.Contains(string(d.Scenario.TOML), "[[class]]") {
		t.Error("no classes in the scenario")
	}
}

// TestFitDataLog: a transaction log with a header (lifetimes' example:
// date and id, no amounts) is summarised and fitted; without amounts the
// scenario has no revenue and says so, and the tracking numbers cover
// every week since the first purchase.
func TestFitDataLog(t *testing.T) {
	src, err := os.ReadFile("../records/testdata/example_transactions.csv")
	if err != nil {
		t.Fatal(err)
	}
	d, err := FitData("example.csv", src, Terms{DiscountRate: 0.10, NewCustomers: -1})
	if err != nil {
		t.Fatal(err)
	}
	if d.Kind != "transactions" || d.Spend.Model != "" || !math.IsNaN(d.CLV) {
		t.Errorf("kind %s, spend %q, CLV %g", d.Kind, d.Spend.Model, d.CLV)
	}
	if len(d.Tracking) != len(d.Summary.Repeat) || len(d.Tracking) == 0 {
		t.Errorf("tracking %d periods, data %d", len(d.Tracking), len(d.Summary.Repeat))
	}
	text := string(d.Scenario.TOML)
	if strings.Contains(text, "revenue =") || !strings.Contains(text, "no amounts") {
		t.Error("a scenario without amounts has revenue, or does not say why not")
	}
}

// TestFitDataUnreadable: a file that is neither a log nor a summary gets
// the reader's message and the command that takes its columns.
func TestFitDataUnreadable(t *testing.T) {
	_, err := FitData("notes.csv", []byte("hello,world\nfoo,bar\n"), Terms{NewCustomers: -1})
	if err == nil || !strings.Contains(err.Error(), "clvlab fit transactions notes.csv") {
		t.Errorf("err = %v", err)
	}
	err = TooLarge("big.csv", 300e6, 100e6)
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "clvlab fit transactions big.csv -scenario big.toml") {
		t.Errorf("err = %v", err)
	}
}
