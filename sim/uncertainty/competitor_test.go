package uncertainty_test

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// market is a brand-switching market: our stage "a" (margin 10; 10%
// churn out of the market, 20% to the competitor), the competitor "b"
// (30% back to us, the rest staying), 120 of ours and 80 of theirs at
// period 0 and 10 new customers a month, 12 months.
func market() *sim.Model {
	return &sim.Model{
		StageIDs: []string{"a", "b"}, Competitor: []bool{false, true},
		Period: sim.Month, Horizon: 12, DiscountRate: 0.1, NewCustomers: constant(12, 10),
		Segments: []sim.Segment{{
			ID: "all", Share: 1, AcquisitionCost: 5,
			Stages:     []sim.Economics{{Revenue: 10}, {}},
			Transition: [][]float64{{0.7, 0.2}, {0.3, 0}},
			Existing:   []float64{120, 80},
		}},
	}
}

func constant(n int, v float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out
}

// median and mean read a band.
func median(s uncertainty.Stats) float64 { return s.P50 }
func mean(s uncertainty.Stats) float64   { return s.Mean }

// marketSeries is series for a market: a stage's band counts the
// customers in it, a competitor's customers in a competitor stage, and
// the active customers are ours only.
func marketSeries(b *uncertainty.Bands, r *sim.Result, of func(uncertainty.Stats) float64) map[string][2]float64 {
	out := map[string][2]float64{}
	m := r.Model
	for t := range m.Horizon {
		active := 0.0
		for i, id := range m.StageIDs {
			c := 0.0
			for s := range m.Segments {
				x := r.Cell(t, s, i)
				c += x.Customers + x.Rivals
			}
			if !m.IsCompetitor(i) {
				active += c
			}
			out[fmt.Sprintf("customers %s period %d", id, t)] = [2]float64{of(b.Customers[i][t]), c}
		}
		out[fmt.Sprintf("active customers period %d", t)] = [2]float64{of(b.ActiveCustomers[t]), active}
		out[fmt.Sprintf("net cash flow period %d", t)] = [2]float64{of(b.NetCashFlow[t]), r.Totals[t].NetCashFlow}
	}
	out["customer equity"] = [2]float64{of(b.CustomerEquity), r.Summary.CustomerEquity}
	return out
}

// TestMarketZeroVarianceEqualsDeterministic: without randomness every
// trial of a market records the engine's customers by stage (the
// competitor's in its stage), our active customers and the cash flows,
// bit for bit.
func TestMarketZeroVarianceEqualsDeterministic(t *testing.T) {
	m := market()
	r := deterministic(t, m)
	b := run(t, m, uncertainty.Config{Trials: 10, Seed: 1})
	for name, v := range marketSeries(b, r, median) {
		if v[0] != v[1] {
			t.Errorf("%s: %v, engine %v", name, v[0], v[1])
		}
	}
	if b.Customers[1][0].P50 != 80 || b.ActiveCustomers[0].P50 != 130 {
		t.Errorf("period 0: %v of the competitor's, %v active; want 80 and 120 + 10", b.Customers[1][0].P50, b.ActiveCustomers[0].P50)
	}
}

// TestMarketProcessNoiseMeanConverges: customers switching as whole
// people, with the competitor's row (0.3 back, 0 stay) keeping what it
// leaves; the means of 4,000 trials are the engine's within z standard
// errors (Bonferroni, family-wise 0.001).
func TestMarketProcessNoiseMeanConverges(t *testing.T) {
	const trials = 4000
	m := market()
	r := deterministic(t, m)
	b := run(t, m, uncertainty.Config{Trials: trials, Seed: 3, ProcessNoise: true})
	figs := marketSeries(b, r, mean)
	sd := map[string]float64{}
	for t := range m.Horizon {
		for i, id := range m.StageIDs {
			sd[fmt.Sprintf("customers %s period %d", id, t)] = b.Customers[i][t].StdDev
		}
		sd[fmt.Sprintf("active customers period %d", t)] = b.ActiveCustomers[t].StdDev
		sd[fmt.Sprintf("net cash flow period %d", t)] = b.NetCashFlow[t].StdDev
	}
	sd["customer equity"] = b.CustomerEquity.StdDev
	z := distuv.UnitNormal.Quantile(1 - 0.001/(2*float64(len(figs))))
	for name, v := range figs {
		se := sd[name] / math.Sqrt(trials)
		if math.Abs(v[0]-v[1]) > z*se+1e-9*math.Abs(v[1]) {
			t.Errorf("%s mean %v, deterministic %v: %.1f standard errors (limit %.1f)", name, v[0], v[1], math.Abs(v[0]-v[1])/se, z)
		}
	}
}
