package fit

import (
	"math"
	"strings"
	"testing"
	"time"

	"clvlab/internal/records"
)

// steady is a purchase model with closed forms, for checking the
// arithmetic built on Purchases by hand: a new customer buys at rate
// lambda per period; a customer with repeat purchases is alive, one
// without alive with probability one half.
type steady struct{ lambda float64 }

func (m steady) PAlive(c records.Customer) float64 {
	if c.Frequency > 0 {
		return 1
	}
	return 0.5
}

func (m steady) ConditionalPurchases(c records.Customer, t float64) float64 {
	return m.PAlive(c) * m.lambda * t
}

func (m steady) ExpectedPurchases(t float64) float64 { return m.lambda * t }

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %.12g, want %.12g", what, got, want)
	}
}

// TestPeriodRate: 10% a year is (1.10)^(7/365.25) − 1 a week and 10% a
// year of 365.25 days; the defaults are three years' worth of each unit.
func TestPeriodRate(t *testing.T) {
	near(t, "weekly rate", PeriodRate(0.10, records.Week), 0.0018282846336430403, 1e-15)
	near(t, "yearly rate", PeriodRate(0.10, records.Year), 0.10, 1e-15)
	for u, want := range map[records.Unit]int{records.Day: 1096, records.Week: 157, records.Month: 36, records.Year: 3} {
		if got := ThreeYears(u); got != want {
			t.Errorf("ThreeYears(%s) = %d, want %d", u, got, want)
		}
	}
}

// TestResidualCLVByHand: a customer with a repeat purchase buys 0.5 a
// week, spends 40, the firm keeps 30%, over 3 weeks at 10% a year. By
// hand: d = 1.1^(7/365.25) − 1 = 0.00182828, v = 1/(1+d) = 0.99817505,
// v + v² + v³ = 2.98906363, CLV = 0.3 × 40 × 0.5 × 2.98906363 = 17.9343818.
func TestResidualCLVByHand(t *testing.T) {
	c := records.Customer{Frequency: 2, Recency: 5, T: 10}
	got := ResidualCLV(steady{0.5}, c, 40, CLVOptions{Margin: 0.3, Rate: PeriodRate(0.10, records.Week), Horizon: 3})
	near(t, "CLV", got, 0.3*40*0.5*2.9890636270101822, 1e-12)
	near(t, "CLV", got, 17.934381762, 1e-8)
	// Undiscounted, one period: margin × spend × purchases.
	near(t, "CLV at rate 0", ResidualCLV(steady{0.5}, c, 40, CLVOptions{Margin: 1, Horizon: 1}), 20, 1e-12)
}

// holdoutSummary is four customers over 10 weeks of calibration and 2 of
// holdout: two never came back (and bought nothing in the holdout), one
// bought once more and twice in the holdout, one bought 9 more times and
// once in the holdout.
func holdoutSummary() *records.Summary {
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	return &records.Summary{
		Unit: records.Week, Start: start, CalibrationEnd: start.AddDate(0, 0, 70), HoldoutEnd: start.AddDate(0, 0, 84),
		Holdout: 2, Repeat: make([]float64, 12),
		Customers: []records.Customer{
			{ID: "a", Frequency: 0, T: 10, Weight: 2},
			{ID: "b", Frequency: 1, Recency: 3, T: 8, HoldoutFrequency: 2},
			{ID: "c", Frequency: 9, Recency: 9, T: 10, HoldoutFrequency: 1},
		},
	}
}

// TestValidateByHand: with lambda 0.5 and a holdout of 2 weeks, bin 0
// expects 0.5 × 0.5 × 2 = 0.5 (actual 0), bin 1 expects 1 (actual 2), bin
// 7+ expects 1 (actual 1): MAE (0.5 + 1 + 0)/3 = 0.5. The cumulative
// holdout purchases are 3; the model expects λ·h = 1 of each of 4
// customers, 4: an error of +1/3.
func TestValidateByHand(t *testing.T) {
	v := Validate(steady{0.5}, holdoutSummary())
	want := map[int]Bin{0: {2, 0, 0.5}, 1: {1, 2, 1}, 7: {1, 1, 1}}
	for i, b := range v.Bins {
		if b != want[i] {
			t.Errorf("bin %s = %+v, want %+v", BinLabel(i), b, want[i])
		}
	}
	near(t, "MAE", v.BinMAE, 0.5, 1e-15)
	near(t, "actual", v.Actual, 3, 0)
	near(t, "expected", v.Expected, 4, 1e-12)
	near(t, "error", v.Error, 1.0/3, 1e-15)
}

// TestTrackingByHand: three customers first seen at week 0 and one at
// week 2 (T = 8 of 10), at 0.5 a week each: 1.5 a week in weeks 1 and 2,
// 2 a week from week 3 to the end of the holdout.
func TestTrackingByHand(t *testing.T) {
	got := Tracking(steady{0.5}, holdoutSummary())
	if len(got) != 12 {
		t.Fatalf("%d periods, want 12", len(got))
	}
	for k, x := range got {
		want := 2.0
		if k < 2 {
			want = 1.5
		}
		near(t, "period "+BinLabel(min(k, 7)), x, want, 1e-12)
	}
	if Tracking(steady{0.5}, &records.Summary{Unit: records.Week}) != nil {
		t.Error("a summary file without per-period counts has a tracking series")
	}
}

func TestChoose(t *testing.T) {
	// Models by their display names, numbers grouped as in the table
	// beside them: 1,745.1 expected, 1,882.0 actual (the CDNOW holdout).
	a := Candidate{Result: Result{Model: "bgnbd", BIC: 19195.94}, Validation: &Validation{Error: -0.114, Expected: 1667.5, Actual: 1882}}
	b := Candidate{Result: Result{Model: "paretonbd", BIC: 19221}, Validation: &Validation{Error: -0.073, Expected: 1745.14, Actual: 1882}}
	i, why := Choose([]Candidate{a, b})
	if i != 1 || why != "Pareto/NBD predicts the cumulative holdout purchases best: off by -7.3% (1,745.1 expected, 1,882.0 actual); BG/NBD by -11.4%" {
		t.Errorf("with a holdout: %d, %q", i, why)
	}
	a = Candidate{Result: Result{Model: "bgnbd", BIC: 100}, Validation: &Validation{Error: 0.05, Expected: 105, Actual: 100}}
	b = Candidate{Result: Result{Model: "paretonbd", BIC: 90}, Validation: &Validation{Error: -0.02, Expected: 98, Actual: 100}}
	i, why = Choose([]Candidate{a, b})
	if i != 1 || !strings.Contains(why, "Pareto/NBD predicts the cumulative holdout purchases best: off by -2.0% (98.0 expected, 100.0 actual)") ||
		!strings.Contains(why, "BG/NBD by +5.0%") {
		t.Errorf("with a holdout: %d, %q", i, why)
	}
	a.Validation, b.Validation = nil, nil
	b.Result.BIC = 110
	i, why = Choose([]Candidate{a, b})
	if i != 0 || why != "no holdout, so by BIC: BG/NBD has the lowest (100.0); Pareto/NBD 110.0" {
		t.Errorf("without a holdout: %d, %q", i, why)
	}
	if i, why := Choose([]Candidate{b}); i != 0 || why != "Pareto/NBD is the only purchase model fitted" {
		t.Errorf("one model: %d, %q", i, why)
	}
}

// TestMeanSpendDensity: for one customer the density integrates to 1, and
// its mean is E[z̄] = pγ/(q−1) whatever x (the mean of ν⁻¹ ~ inverse
// gamma is γ/(q−1), and E[z̄ | ν] = p/ν); checked by the trapezoid rule
// with Fader, Hardie & Lee's CDNOW estimates p = 6.25, q = 3.74,
// γ = 15.44, for which pγ/(q−1) = 35.218978.
func TestMeanSpendDensity(t *testing.T) {
	p, q, g := 6.25, 3.74, 15.44
	for _, x := range []float64{1, 3} {
		cs := []records.Customer{{Frequency: x}, {Frequency: 0}} // the customer without repeat purchases is left out
		area, mean, h := 0.0, 0.0, 0.01
		for z := h; z < 5000; z += h {
			d := MeanSpendDensity(p, q, g, cs, z)
			area += d * h
			mean += z * d * h
		}
		near(t, "area", area, 1, 2e-3)
		near(t, "mean", mean, p*g/(q-1), 0.05)
	}
	if MeanSpendDensity(p, q, g, []records.Customer{{Frequency: 0}}, 10) != 0 {
		t.Error("density without repeat buyers")
	}
}
