package sim

import (
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestExistingAnnuity: 1,000 customers already in a one-stage model of
// retention 0.8 and margin 10 a month, nobody acquired, 12 months at 10%
// a year, cash at period end: the base is worth N·m·Σₜ 0.8ᵗ·v^(t+1),
// v = 1.1^(−1/12) (Python: 1000*10*sum(0.8**t*v**(t+1) for t in
// range(12)) = 45079.05389046739); all of customer equity, none of it
// new. Period 2 has 1000·0.8² = 640 of them active.
func TestExistingAnnuity(t *testing.T) {
	m := oneStage(Month, 12, 0.10, 10, 0.8, CashEnd)
	m.NewCustomers = constant(12, 0)
	m.Segments[0].Existing = []float64{1000}
	r := run(t, m)
	s := r.Summary
	closeTo(t, "existing equity", s.CustomerEquityExisting, 45079.05389046739, 1e-13)
	closeTo(t, "customer equity", s.CustomerEquity, 45079.05389046739, 1e-13)
	closeTo(t, "new equity", s.CustomerEquityNew, 0, 1e-12)
	closeTo(t, "customers in period 2", r.Cell(2, 0, 0).Customers, 640, 1e-13)
	closeTo(t, "existing customers in period 2", r.Existing[2].Customers, 640, 1e-13)
	if r.Totals[0].New != 0 || r.Totals[0].AcquisitionSpend != 0 || s.ExistingCustomers != 1000 {
		t.Errorf("period 0: %v new, %v acquisition spend; %v existing customers", r.Totals[0].New, r.Totals[0].AcquisitionSpend, s.ExistingCustomers)
	}
	closeTo(t, "CLV (new customers only)", s.CLV, run(t, oneStage(Month, 12, 0.10, 10, 0.8, CashEnd)).Summary.CLV, 0)
}

// TestExistingIsALayer: a model's existing customers add a layer to its
// projection: customer equity without them is the with-run's new equity,
// and per period the with-run's customers and discounted cash are those
// without plus the existing layer's (the chain is linear).
func TestExistingIsALayer(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 36).Draw(t, "horizon"), 0)
		without := mustRun(t, m)
		with := *m
		with.Segments = append([]Segment(nil), m.Segments...)
		for s := range with.Segments {
			ex := make([]float64, len(m.StageIDs))
			for i := range ex {
				ex[i] = rapid.Float64Range(0, 5000).Draw(t, "existing")
			}
			with.Segments[s].Existing = ex
		}
		r := mustRun(t, &with)
		near := func(what string, got, want float64) {
			if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
				t.Fatalf("%s = %v, want %v", what, got, want)
			}
		}
		near("new equity", r.Summary.CustomerEquityNew, without.Summary.CustomerEquity)
		near("equity", r.Summary.CustomerEquity, r.Summary.CustomerEquityExisting+r.Summary.CustomerEquityNew)
		near("CLV", r.Summary.CLV, without.Summary.CLV)
		for tt := range m.Horizon {
			near(fmt.Sprintf("active customers in period %d", tt), active(r, tt), active(without, tt)+r.Existing[tt].Customers)
			near(fmt.Sprintf("discounted cash in period %d", tt), r.Totals[tt].DiscountedNetCashFlow, without.Totals[tt].DiscountedNetCashFlow+r.Existing[tt].DiscountedNetCashFlow)
			near(fmt.Sprintf("won back in period %d", tt), r.Totals[tt].WonBack, without.Totals[tt].WonBack+r.Existing[tt].WonBack)
		}
	})
}

// TestExistingInClasses: a class's existing customers are its own; two
// classes of retention 0.9 and 0.5 with 100 and 300 customers today hold
// 100·0.9ᵗ + 300·0.5ᵗ of them at period t.
func TestExistingInClasses(t *testing.T) {
	m := twoClasses(Month, 6, 0.1, 0.4, 0.9, 0.5)
	m.NewCustomers = constant(6, 0)
	m.Segments[0].Classes[0].Existing = []float64{100}
	m.Segments[0].Classes[1].Existing = []float64{300}
	r := run(t, m)
	for tt := range 6 {
		want := 100*math.Pow(0.9, float64(tt)) + 300*math.Pow(0.5, float64(tt))
		closeTo(t, fmt.Sprintf("customers in period %d", tt), active(r, tt), want, 1e-13)
	}
	m.Segments[0].Existing = []float64{5}
	if err := m.Validate(); err == nil {
		t.Error("a segment with classes and its own existing customers is accepted")
	}
}

// active returns the active customers of period t: every stage's, no
// lost row.
func active(r *Result, t int) float64 {
	sum := 0.0
	for s := range r.Model.Segments {
		for i := range r.Model.StageIDs {
			sum += r.Cell(t, s, i).Customers
		}
	}
	return sum
}
