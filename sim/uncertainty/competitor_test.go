package uncertainty_test

import (
	"fmt"
	"math"
	"slices"
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

// shareSeries returns, per period, the share bands of b and the shares of
// r they stand for: ours (sim.Market.Share) and each competitor stage's
// (sim.Result.MarketShare).
func shareSeries(b *uncertainty.Bands, r *sim.Result) map[string][]struct {
	band uncertainty.Stats
	want float64
} {
	type fig = struct {
		band uncertainty.Stats
		want float64
	}
	m := r.Model
	out := map[string][]fig{}
	for t := range m.Horizon {
		out["ours"] = append(out["ours"], fig{b.MarketShare[t], r.Summary.Market.Share[t]})
		for i, id := range m.StageIDs {
			if m.IsCompetitor(i) {
				out[id] = append(out[id], fig{b.CompetitorShare[i][t], r.MarketShare(t, i)})
			}
		}
	}
	return out
}

// ordered reports whether a band's percentiles are in order.
func ordered(s uncertainty.Stats) bool {
	return s.P5 <= s.P25 && s.P25 <= s.P50 && s.P50 <= s.P75 && s.P75 <= s.P95
}

// TestMarketShareBandsWithoutRandomness: without randomness every trial
// records the engine's market shares, ours and the competitor's, so every
// percentile of each share band is the deterministic share, bit for bit
// (the mean, a sum of ten equal values over ten, to an ulp or two), and a
// model without competitors has no share bands.
func TestMarketShareBandsWithoutRandomness(t *testing.T) {
	m := market()
	r := deterministic(t, m)
	b := run(t, m, uncertainty.Config{Trials: 10, Seed: 1})
	if len(b.MarketShare) != m.Horizon || len(b.CompetitorShare) != 2 || b.CompetitorShare[0] != nil || len(b.CompetitorShare[1]) != m.Horizon {
		t.Fatalf("share bands: %d of ours, competitors' %v; want %d periods of ours and of stage b's", len(b.MarketShare), b.CompetitorShare, m.Horizon)
	}
	for id, figs := range shareSeries(b, r) {
		for tt, f := range figs {
			s := f.band
			if math.Abs(s.Mean-f.want) > 1e-15 {
				t.Errorf("%s, period %d: mean %v, engine %v", id, tt, s.Mean, f.want)
			}
			for _, x := range []float64{s.P5, s.P25, s.P50, s.P75, s.P95} {
				if x != f.want {
					t.Errorf("%s, period %d: band %+v, engine %v", id, tt, s, f.want)
					break
				}
			}
		}
	}
	// Period 0: 120 + 10 of ours, 80 of theirs.
	if got := b.MarketShare[0].P50; got != 130.0/210 {
		t.Errorf("period 0: our share %v, want 130/210", got)
	}
	plain := run(t, referringBase(), uncertainty.Config{Trials: 2})
	if plain.MarketShare != nil || plain.CompetitorShare != nil {
		t.Error("share bands for a model without competitors")
	}
}

// TestMarketShareBandsAreTheDrawsShares: with the switching entry a → b
// drawn from Beta(20, 80) and no other randomness, each trial is the
// engine's projection at its draw, so the share bands are the percentiles
// (the ⌈p·N⌉-th smallest) of the engine's shares at the 200 trials' own
// draws (uncertainty.Draws), computed here with sim.Run, exactly; a draw
// that makes the row a sum above 1 is scaled as ScaleRows does.
func TestMarketShareBandsAreTheDrawsShares(t *testing.T) {
	const trials = 200
	m := market()
	c := uncertainty.Config{Trials: trials, Seed: 17, Parameters: []uncertainty.Parameter{{Name: "stage.a.to.b",
		Distribution: uncertainty.Distribution{Family: uncertainty.Beta, A: 20, B: 80},
		Targets:      []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.TransitionProbability, To: 1}, Scale: 1}}}}}
	b := run(t, m, c)
	ours := make([][]float64, m.Horizon)
	theirs := make([][]float64, m.Horizon)
	var draws []float64
	for i := range trials {
		draws = uncertainty.Draws(draws, c, i)
		d := market()
		row := d.Segments[0].Transition[0]
		row[1] = draws[0]
		if sum := row[0] + row[1]; sum > 1 {
			row[0], row[1] = row[0]/sum, row[1]/sum
		}
		r := deterministic(t, d)
		for tt := range m.Horizon {
			ours[tt] = append(ours[tt], r.Summary.Market.Share[tt])
			theirs[tt] = append(theirs[tt], r.MarketShare(tt, 1))
		}
	}
	pct := func(x []float64, p float64) float64 {
		s := slices.Sorted(slices.Values(x))
		return s[int(math.Ceil(p*float64(len(s))))-1]
	}
	for tt := range m.Horizon {
		for _, f := range []struct {
			name string
			band uncertainty.Stats
			x    []float64
		}{{"ours", b.MarketShare[tt], ours[tt]}, {"b", b.CompetitorShare[1][tt], theirs[tt]}} {
			want := [5]float64{pct(f.x, 0.05), pct(f.x, 0.25), pct(f.x, 0.5), pct(f.x, 0.75), pct(f.x, 0.95)}
			if got := [5]float64{f.band.P5, f.band.P25, f.band.P50, f.band.P75, f.band.P95}; got != want {
				t.Errorf("%s, period %d: percentiles %v, the engine's at the draws %v", f.name, tt, got, want)
			}
		}
	}
	if last := b.MarketShare[m.Horizon-1]; !(last.P5 < last.P95) {
		t.Errorf("the last period's band %+v has no spread", last)
	}
}

// TestMarketShareMedianWithProcessNoise: a closed market (our stage a
// keeps 0.8 and loses 0.2 to b, which wins back 0.3 and keeps the rest;
// no churn out, no acquisition) of 6,000 + 4,000 customers, moving as
// whole people. The market holds 10,000 in every trial, so a share is a
// count over 10,000, and the expected count is the engine's (each
// period's multinomial moves keep the expected flows: E[x(t+1)] =
// E[x(t)]·P), so the mean share is the engine's share. The median of a
// distribution is within one standard deviation σ of its mean (Hotelling
// and Solomons), and the median of 2,000 trials within 4 standard errors,
// 4·1.2533·σ/√2000 for a near-normal count, of the median: the limit is
// σ·(1 + 4·1.2533/√2000), with σ the trials' own. The percentiles are in
// order, each a share in [0, 1], and the band widens from period 0, when
// every trial holds the same 6,000 of ours.
func TestMarketShareMedianWithProcessNoise(t *testing.T) {
	const trials = 2000
	m := &sim.Model{
		StageIDs: []string{"a", "b"}, Competitor: []bool{false, true},
		Period: sim.Month, Horizon: 12, DiscountRate: 0.1, NewCustomers: make([]float64, 12),
		Segments: []sim.Segment{{ID: "all", Share: 1,
			Stages:     []sim.Economics{{Revenue: 10}, {}},
			Transition: [][]float64{{0.8, 0.2}, {0.3, 0}},
			Existing:   []float64{6000, 4000},
		}},
	}
	r := deterministic(t, m)
	b := run(t, m, uncertainty.Config{Trials: trials, Seed: 23, ProcessNoise: true})
	limit := 1 + 4*1.2533/math.Sqrt(trials)
	for id, figs := range shareSeries(b, r) {
		for tt, f := range figs {
			s := f.band
			if !ordered(s) || s.P5 < 0 || s.P95 > 1 {
				t.Errorf("%s, period %d: band %+v out of order or outside [0, 1]", id, tt, s)
			}
			if d := math.Abs(s.P50 - f.want); d > s.StdDev*limit {
				t.Errorf("%s, period %d: median %v, engine %v: %.3g apart, limit %.3g", id, tt, s.P50, f.want, d, s.StdDev*limit)
			}
		}
	}
	if first, last := b.MarketShare[0], b.MarketShare[m.Horizon-1]; first.P5 != 0.6 || first.P95 != 0.6 || !(last.P95-last.P5 > 0) {
		t.Errorf("our share's band: period 0 %+v (want 0.6 in every trial), last %+v (want a spread)", first, last)
	}
}
