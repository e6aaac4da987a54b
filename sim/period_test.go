package sim

import (
	"math"
	"testing"
)

// TestPeriodRates: the period rate is (1+r)^(days/365.25) − 1; a month,
// quarter and year keep the (1+r)^(1/k) − 1 they always had, bit for bit,
// so no shipped number moves.
func TestPeriodRates(t *testing.T) {
	for _, c := range []struct {
		p    Period
		want float64
	}{
		{Month, math.Pow(1.1, 1/float64(12)) - 1},
		{Quarter, math.Pow(1.1, 1/float64(4)) - 1},
		{Year, math.Pow(1.1, 1) - 1},
		{Week, 0.0018282846336430403}, // 1.1^(7/365.25) − 1 (Python: 1.1**(7/365.25)-1)
		{Day, math.Pow(1.1, 1/365.25) - 1},
	} {
		m := &Model{Period: c.p, DiscountRate: 0.1}
		if got := m.PeriodRate(); got != c.want {
			t.Errorf("%s: period rate %.17g, want %.17g", c.p, got, c.want)
		}
	}
	// 52 weeks are 364 days: 1.1^(364/365.25) a little under 1.1.
	w := (&Model{Period: Week, DiscountRate: 0.1}).PeriodRate()
	closeTo(t, "(1+d_week)^(365.25/7)", math.Pow(1+w, 365.25/7), 1.1, 1e-14)
	d := (&Model{Period: Day, DiscountRate: 0.1}).PeriodRate()
	closeTo(t, "(1+d_day)^7", math.Pow(1+d, 7), 1+w, 1e-14)
}

// TestPeriodNames: every period parses from its name and back; a week
// has 365.25/7 periods a year.
func TestPeriodNames(t *testing.T) {
	for _, p := range Periods {
		if q, ok := ParsePeriod(p.String()); !ok || q != p {
			t.Errorf("ParsePeriod(%q) = %v, %v", p, q, ok)
		}
	}
	if _, ok := ParsePeriod("fortnight"); ok {
		t.Error(`ParsePeriod("fortnight") is ok`)
	}
	for p, want := range map[Period]float64{Month: 12, Quarter: 4, Year: 1, Week: 365.25 / 7, Day: 365.25} {
		if got := p.PerYear(); got != want {
			t.Errorf("%s: %v periods a year, want %v", p, got, want)
		}
	}
}

// TestWeeklyAnnuity: one stage, margin 1 a week, nobody leaves, 52 weeks
// at 10% a year, cash at period end: CLV = (1 − v^52)/d with d =
// 1.1^(7/365.25) − 1 = 0.0018282846336430403 and v = 1/(1+d), which is
// 49.561491908095576 (Python). With retention 0.9 a week the infinite
// CLV is 1/(1 + d − 0.9) = 9.820454145896614, and 52 weeks of it
// Σ 0.9^τ v^(τ+1) = 9.783172846859827.
func TestWeeklyAnnuity(t *testing.T) {
	r := run(t, oneStage(Week, 52, 0.10, 1, 1, CashEnd))
	closeTo(t, "weekly annuity CLV", r.Summary.CLV, 49.561491908095576, 1e-13)
	r = run(t, oneStage(Week, 52, 0.10, 1, 0.9, CashEnd))
	closeTo(t, "CLV at retention 0.9", r.Summary.CLV, 9.783172846859827, 1e-13)
	closeTo(t, "infinite CLV at retention 0.9", r.Summary.CLVInfinite.Value, 9.820454145896614, 1e-13)
	closeTo(t, "expected lifetime", r.Summary.ExpectedLifetime.Value, 10, 1e-12) // 1/(1−0.9)
}

// TestExpectedPurchases: one stage with 2 purchases a period and
// retention 0.8 over 3 periods: a new customer makes 2·(1 + 0.8 + 0.64)
// = 4.88 purchases; with 100 new customers a period, period 2 has
// 100·(1 + 0.8 + 0.64) = 244 customers and 488 purchases. Purchases are
// counted, not paid: CLV is that of the revenue alone.
func TestExpectedPurchases(t *testing.T) {
	m := oneStage(Month, 3, 0, 10, 0.8, CashEnd)
	m.NewCustomers = constant(3, 100)
	m.Segments[0].Stages[0].Purchases = 2
	r := run(t, m)
	closeTo(t, "expected purchases", r.Summary.ExpectedPurchases, 4.88, 1e-15)
	closeTo(t, "segment's expected purchases", r.Summary.Segments[0].ExpectedPurchases, 4.88, 1e-15)
	closeTo(t, "period 2 purchases", r.Totals[2].Purchases, 488, 1e-13)
	closeTo(t, "period 2 cell purchases", r.Cell(2, 0, 0).Purchases, 488, 1e-13)
	closeTo(t, "CLV", r.Summary.CLV, 24.4, 1e-14) // 10·2.44, no discounting
	m.Segments[0].Stages[0].Purchases = -1
	if _, err := Run(m); err == nil {
		t.Error("a negative purchases count is accepted")
	}
}
