package sim

import (
	"fmt"
	"testing"
)

// bigModel is n stages, segs segments, horizon periods: a lifecycle where
// each stage keeps 60%, moves 25% on and 5% to the last stage.
func bigModel(n, segs, horizon int) *Model {
	m := &Model{
		StageIDs: make([]string, n), Period: Month, Horizon: horizon,
		DiscountRate: 0.1, NewCustomers: constant(horizon, 1000),
		Winback: Winback{Rate: 0.02, CostPerCustomer: 40, To: min(1, n-1), Window: 12},
	}
	for i := range n {
		m.StageIDs[i] = fmt.Sprintf("s%d", i)
	}
	for s := range segs {
		seg := Segment{ID: fmt.Sprintf("g%d", s), Share: 1 / float64(segs), AcquisitionCost: 100,
			Stages: make([]Economics, n), Transition: make([][]float64, n)}
		for i := range n {
			seg.Stages[i] = Economics{Revenue: float64(20 + 10*i), CostToServe: 5, RetentionSpend: 2}
			row := make([]float64, n)
			row[i] = 0.6
			if i+1 < n {
				row[i+1] = 0.25
			}
			row[n-1] += 0.05
			seg.Transition[i] = row
		}
		m.Segments = append(m.Segments, seg)
	}
	return m
}

// BenchmarkStep measures one period step (ns/op is per period).
func BenchmarkStep(b *testing.B) {
	for _, c := range []struct{ n, segs int }{{4, 1}, {12, 4}} {
		b.Run(fmt.Sprintf("stages=%d/segments=%d", c.n, c.segs), func(b *testing.B) {
			e, err := NewEngine(bigModel(c.n, c.segs, MaxHorizon))
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if !e.Step() {
					b.StopTimer()
					e, _ = NewEngine(e.m)
					b.StartTimer()
				}
			}
		})
	}
}

// BenchmarkRun measures a whole run with its summary.
func BenchmarkRun(b *testing.B) {
	for _, c := range []struct{ n, segs, horizon int }{{4, 1, 36}, {12, 4, 120}} {
		b.Run(fmt.Sprintf("stages=%d/segments=%d/periods=%d", c.n, c.segs, c.horizon), func(b *testing.B) {
			m := bigModel(c.n, c.segs, c.horizon)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Run(m); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
