package whatif

import (
	"math"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/sim"
)

// TestOptimizeRenewalDiscount: the optimiser moves the subscription's
// renewal discount, a [[response]] lever that sets the premium renewal
// through its ceiling curve, to where CLV is largest. The check is a scan
// of its own: CLV at every 0.25 CNY of the discount from 0 to 120 (the
// file's [[sensitivity]] range), the best within 0.25 of the optimiser's
// answer and no better than its CLV; the marginal return at the optimum
// is about 0 (below 0.01 CLV per CNY).
func TestOptimizeRenewalDiscount(t *testing.T) {
	s := preset(t, "subscription")
	o, err := Optimize(s, OptimizeOptions{KPI: kpi.CLV})
	if err != nil {
		t.Fatal(err)
	}
	if len(o.Levers) != 1 || o.Levers[0].Path != "stage.premium.renewal_discount" {
		t.Fatalf("levers %+v, want the renewal discount alone", o.Levers)
	}
	best, at := math.Inf(-1), 0.0
	for x := 0.0; x <= 120; x += 0.25 {
		c := s.Clone()
		if err := c.Set("stage.premium.renewal_discount", x); err != nil {
			t.Fatal(err)
		}
		m, err := c.Model()
		if err != nil {
			t.Fatal(err)
		}
		r, err := sim.Run(m)
		if err != nil {
			t.Fatal(err)
		}
		if r.Summary.CLV > best {
			best, at = r.Summary.CLV, x
		}
	}
	l := o.Levers[0]
	if math.Abs(l.Optimum-at) > 0.25 || o.Value < best-1e-9 || math.Abs(l.MarginalAtOptimum) > 0.01 {
		t.Errorf("optimum %v (CLV %v, marginal %v); the scan's best %v at %v", l.Optimum, o.Value, l.MarginalAtOptimum, best, at)
	}
}
