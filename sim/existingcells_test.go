package sim

import (
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestExistingCells: the existing base's cells add up, over segments and
// rows, to its per-period flows (Result.Existing; customers over the
// stage rows); each is a part of its cell (no more customers, revenue or
// spend than the cell); and in each segment today's customers are
// conserved: active plus lost (the lost row) is the segment's base at
// period 0 in every period. Without a base there are no cells.
func TestExistingCells(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 24).Draw(t, "horizon"), 0)
		if r := mustRun(t, m); r.ExistingCells != nil || r.ExistingCell(0, 0, 0) != nil {
			t.Fatal("existing cells without an existing base")
		}
		base := make([]float64, len(m.Segments))
		for s := range m.Segments {
			ex := make([]float64, len(m.StageIDs))
			for i := range ex {
				ex[i] = rapid.Float64Range(0, 5000).Draw(t, "existing")
				base[s] += ex[i]
			}
			m.Segments[s].Existing = ex
		}
		r := mustRun(t, m)
		n := len(m.StageIDs)
		near := func(what string, got, want, scale float64) {
			if math.Abs(got-want) > 1e-9*math.Max(1, scale) {
				t.Fatalf("%s = %v, want %v", what, got, want)
			}
		}
		for tt := range m.Horizon {
			var sum Flows
			active := 0.0
			for s := range m.Segments {
				segActive := 0.0
				for row := range n + 1 {
					e, c := r.ExistingCell(tt, s, row), r.Cell(tt, s, row)
					sum.Add(e)
					if row < n {
						segActive += e.Customers
					}
					if e.Customers > c.Customers*(1+1e-12)+1e-9 || e.Revenue > c.Revenue*(1+1e-12)+1e-9 || e.WinbackSpend > c.WinbackSpend*(1+1e-12)+1e-9 {
						t.Fatalf("period %d segment %d row %d: existing %+v exceeds the cell %+v", tt, s, row, *e, *c)
					}
				}
				near("today's customers, active and lost", segActive+r.ExistingCell(tt, s, n).Customers, base[s], base[s])
				active += segActive
			}
			x := r.Existing[tt]
			scale := math.Abs(x.Revenue) + math.Abs(x.WinbackSpend) + x.CostToServe + x.RetentionSpend
			near("active customers", active, x.Customers, x.Customers)
			near("net cash flow", sum.NetCashFlow, x.NetCashFlow, scale)
			near("discounted net cash flow", sum.DiscountedNetCashFlow, x.DiscountedNetCashFlow, scale)
			near("bad debt", sum.BadDebt, x.BadDebt, scale)
			near("won back", sum.WonBack, x.WonBack, x.Customers)
		}
	})
}
