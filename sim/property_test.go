package sim

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// randomModel draws a valid model: 1–6 stages, 1–3 segments, random rows
// (each summing to at most 1), economics (bad debt in about half the
// stages), acquisition and win-back.
func randomModel(t *rapid.T, period Period, horizon int, minRate float64) *Model {
	n := rapid.IntRange(1, 6).Draw(t, "stages")
	segs := rapid.IntRange(1, 3).Draw(t, "segments")
	m := &Model{
		StageIDs:     make([]string, n),
		Period:       period,
		Horizon:      horizon,
		DiscountRate: rapid.Float64Range(minRate, 0.5).Draw(t, "rate"),
		CashTiming:   CashTiming(rapid.IntRange(0, 1).Draw(t, "timing")),
		NewCustomers: make([]float64, horizon),
		Entry:        rapid.IntRange(0, n-1).Draw(t, "entry"),
	}
	for i := range n {
		m.StageIDs[i] = string(rune('a' + i))
	}
	for i := range m.NewCustomers {
		m.NewCustomers[i] = rapid.Float64Range(0, 1e4).Draw(t, "new")
	}
	if rapid.Bool().Draw(t, "winback") {
		m.Winback = Winback{
			Rate:            rapid.Float64Range(0, 1).Draw(t, "winback rate"),
			CostPerCustomer: rapid.Float64Range(0, 100).Draw(t, "winback cost"),
			To:              rapid.IntRange(0, n-1).Draw(t, "winback to"),
			Window:          rapid.IntRange(0, 5).Draw(t, "window"),
		}
	}
	left := 1.0
	for s := range segs {
		share := left
		if s < segs-1 {
			share = rapid.Float64Range(0, left).Draw(t, "share")
		}
		left -= share
		seg := Segment{ID: string(rune('A' + s)), Share: share,
			AcquisitionCost: rapid.Float64Range(0, 500).Draw(t, "cac"),
			Stages:          make([]Economics, n), Transition: make([][]float64, n)}
		for i := range n {
			seg.Stages[i] = Economics{
				Revenue:        rapid.Float64Range(0, 200).Draw(t, "revenue"),
				CostToServe:    rapid.Float64Range(0, 50).Draw(t, "cost"),
				RetentionSpend: rapid.Float64Range(0, 20).Draw(t, "retention"),
				PriceDiscount:  rapid.Float64Range(0, 1).Draw(t, "discount"),
			}
			if rapid.Bool().Draw(t, "bad debt?") {
				seg.Stages[i].BadDebt = rapid.Float64Range(0, 1).Draw(t, "bad debt")
			}
			// Split a random mass (≤ 1) over random positive weights.
			mass := rapid.Float64Range(0, 1).Draw(t, "mass")
			w := make([]float64, n)
			total := 0.0
			for j := range w {
				w[j] = rapid.Float64Range(0, 1).Draw(t, "weight")
				total += w[j]
			}
			row := make([]float64, n)
			for j := range row {
				if total > 0 {
					row[j] = mass * w[j] / total
				}
			}
			seg.Transition[i] = row
		}
		m.Segments = append(m.Segments, seg)
	}
	return m
}

// TestConservation: in every period and segment, active + lost = acquired
// so far; the lost pool grows by churn and shrinks by win-back; the active
// base changes by new − churned + won back (a period late).
func TestConservation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 60).Draw(t, "horizon"), 0)
		r, err := Run(m)
		if err != nil {
			t.Fatal(err)
		}
		n := len(m.StageIDs)
		for s, seg := range m.Segments {
			acquired := 0.0
			var prevActive, prevLost, prevChurned, prevWonBack float64
			for tt := range m.Horizon {
				acquired += m.NewCustomers[tt] * seg.Share
				active, churned := 0.0, 0.0
				for i := range n {
					c := r.Cell(tt, s, i)
					active += c.Customers
					churned += c.Churned
				}
				lost := r.Cell(tt, s, n)
				tol := 1e-9 * math.Max(1, acquired)
				if d := active + lost.Customers - acquired; math.Abs(d) > tol {
					t.Fatalf("segment %d period %d: active %v + lost %v ≠ acquired %v", s, tt, active, lost.Customers, acquired)
				}
				if tt > 0 {
					newNow := m.NewCustomers[tt] * seg.Share
					if d := active - (prevActive - prevChurned + prevWonBack + newNow); math.Abs(d) > tol {
						t.Fatalf("segment %d period %d: active %v, want %v − %v + %v + %v", s, tt, active, prevActive, prevChurned, prevWonBack, newNow)
					}
					if d := lost.Customers - (prevLost + prevChurned - prevWonBack); math.Abs(d) > tol {
						t.Fatalf("segment %d period %d: lost %v, want %v + %v − %v", s, tt, lost.Customers, prevLost, prevChurned, prevWonBack)
					}
				}
				prevActive, prevLost, prevChurned, prevWonBack = active, lost.Customers, churned, lost.WonBack
			}
		}
	})
}

// TestLongHorizonMatchesClosedForm: over 1200 years at a rate of at least
// 5% the neglected tail is below 1.05⁻¹²⁰⁰ ≈ 4e−26 of the flows, so the
// simulated CLV equals the fundamental-matrix value to 1e−9 relative.
func TestLongHorizonMatchesClosedForm(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Year, MaxHorizon, 0.05)
		m.NewCustomers = constant(m.Horizon, 1)
		r, err := Run(m)
		if err != nil {
			t.Fatal(err)
		}
		for _, seg := range r.Summary.Segments {
			if !seg.CLVInfinite.Defined {
				t.Fatalf("segment %s: closed form undefined with a positive rate", seg.ID)
			}
			// Scale: the largest absolute flow one customer can have.
			scale := 1.0
			for _, e := range m.Segments[0].Stages {
				scale = math.Max(scale, e.Revenue+e.CostToServe+e.RetentionSpend)
			}
			scale = math.Max(scale, m.Winback.CostPerCustomer)
			if d := math.Abs(seg.CLV - seg.CLVInfinite.Value); d > 1e-9*math.Max(math.Abs(seg.CLVInfinite.Value), scale) {
				t.Fatalf("segment %s: simulated %.15g, closed form %.15g", seg.ID, seg.CLV, seg.CLVInfinite.Value)
			}
		}
	})
}
