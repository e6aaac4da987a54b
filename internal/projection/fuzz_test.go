package projection

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"clvlab/scenarios"
	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// FuzzTrialsMatchProjection checks invariants, not only the absence of a
// panic, on whatever scenario file loads:
//   - the projection has no NaN; customers, survival and shares stay in
//     their ranges, and customers are conserved: in every period the
//     customers of every stage and the lost pool add up to the customers
//     acquired or referred so far and the existing ones (to 1e-9
//     relative);
//   - trials whose distributions are replaced by zero-spread ones at
//     their means (uncertainty.Point, still drawn), without process noise
//     or Poisson acquisition, equal the projection to 1e-9 relative (of
//     the larger of the value and 1): what a trial draws, the projection
//     takes the mean of;
//   - trials as the file asks for them report no NaN (CLV only when no
//     trial had a first cohort is 0), no negative count of customers,
//     ordered percentiles and shares in [0, 1].
//
// Its seed corpus is the valid scenario files of the scenarios package and
// issue 10's budget file; `make test` runs it for a bounded time.
func FuzzTrialsMatchProjection(f *testing.F) {
	files, _ := filepath.Glob("../../scenarios/testdata/valid/*.toml")
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil && len(b) < 4000 {
			f.Add(b)
		}
	}
	f.Add([]byte(issueBudget))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := scenarios.Parse("fuzz.toml", src)
		if err != nil {
			return
		}
		m, err := s.Model()
		if err != nil {
			t.Fatalf("parsed but no model: %v", err)
		}
		if m.Horizon*len(m.Segments)*(len(m.StageIDs)+1) > 4000 {
			return // keep each input fast
		}
		r, err := sim.Run(m)
		if err != nil {
			t.Fatalf("projection: %v", err)
		}
		checkProjection(t, r)

		c := s.MonteCarlo()
		c.Trials, c.ProcessNoise, c.PoissonAcquisition = 3, false, false
		for k := range c.Parameters {
			d := &c.Parameters[k].Distribution
			*d = uncertainty.Distribution{Family: uncertainty.Point, A: d.Mean()}
		}
		b, err := uncertainty.Run(m, c)
		if err != nil {
			t.Fatalf("zero-spread trials: %v", err)
		}
		for _, fg := range figures(b, valuesOf(r)) {
			tol := 1e-9 * math.Max(1, math.Abs(fg.want))
			if !(math.Abs(fg.band.Mean-fg.want) <= tol && math.Abs(fg.band.P5-fg.want) <= tol && math.Abs(fg.band.P95-fg.want) <= tol) {
				t.Fatalf("zero-spread trials, %s: mean %v (p5 %v, p95 %v), projection %v", fg.name, fg.band.Mean, fg.band.P5, fg.band.P95, fg.want)
			}
		}

		c = s.MonteCarlo()
		c.Trials = 4
		if b, err = uncertainty.Run(m, c); err != nil {
			t.Fatalf("trials: %v", err)
		}
		checkBands(t, b)
	})
}

// checkProjection checks r for NaN, ranges and the conservation of
// customers.
func checkProjection(t *testing.T, r *sim.Result) {
	t.Helper()
	m := r.Model
	acquired := r.Summary.ExistingCustomers // today's base, there from period 0
	for tt := range m.Horizon {
		total := 0.0
		for s := range m.Segments {
			for row := range r.Rows {
				c := r.Cell(tt, s, row)
				if !(c.Customers >= 0) || math.IsNaN(c.NetCashFlow) || math.IsNaN(c.DiscountedNetCashFlow) {
					t.Fatalf("period %d, segment %d, row %d: customers %v, net cash flow %v", tt, s, row, c.Customers, c.NetCashFlow)
				}
				total += c.Customers + c.Rivals // a competitor's customers stay in the market, counted apart (sim's competitor.go)
				acquired += c.New + c.Referred  // a referred customer arrives without acquisition
			}
		}
		if math.Abs(total-acquired) > 1e-9*math.Max(1, acquired) {
			t.Fatalf("period %d: %v customers in the stages and the lost pool, %v acquired or referred so far", tt, total, acquired)
		}
		if p := r.Summary.Survival[tt]; !(p >= 0 && p <= 1) {
			t.Fatalf("period %d: survival %v outside [0, 1]", tt, p)
		}
	}
	if math.IsNaN(r.Summary.CustomerEquity) || math.IsNaN(r.Summary.CLV) {
		t.Fatalf("customer equity %v, CLV %v", r.Summary.CustomerEquity, r.Summary.CLV)
	}
}

// checkBands checks b for NaN, negative customers, unordered percentiles
// and shares outside [0, 1].
func checkBands(t *testing.T, b *uncertainty.Bands) {
	t.Helper()
	check := func(name string, s uncertainty.Stats, count bool) {
		q := []float64{s.P5, s.P25, s.P50, s.P75, s.P95}
		for i, x := range append(q, s.Mean, s.StdDev) {
			if math.IsNaN(x) || count && x < 0 || i > 0 && i < len(q) && x < q[i-1] {
				t.Fatalf("%s: %+v", name, s)
			}
		}
	}
	for i := range b.Customers {
		for tt, s := range b.Customers[i] {
			check("customers", s, true)
			check("active customers", b.ActiveCustomers[tt], true)
			check("net cash flow", b.NetCashFlow[tt], false)
			check("cumulative discounted net cash flow", b.CumulativeDiscountedNetCashFlow[tt], false)
		}
	}
	check("customer equity", b.CustomerEquity, false)
	check("CLV", b.CLV, false)
	if !(b.NegativeEquity >= 0 && b.NegativeEquity <= 1) || b.Payback.Defined && !(b.Payback.Value >= 0 && b.Payback.Value <= 1) {
		t.Fatalf("P(equity < 0) %v, P(payback) %v", b.NegativeEquity, b.Payback)
	}
}
