package sim

import (
	"fmt"
	"math"
	"testing"

	"pgregory.net/rapid"
)

// TestBadDebtByHand: one stage, revenue 100 with a 20% price discount and
// 10% bad debt, cost to serve 30, retention spend 2, stay 0.5, 100
// customers acquired in period 0 at 50 each, no discounting, three
// periods. By hand:
//
//	margin per customer   100·(1 − 0.2)·(1 − 0.1) − 30 − 2 = 72 − 32 = 40
//	period 0 (100 active) revenue 10000, discount 2000,
//	                      bad debt (10000 − 2000)·0.1 = 800, cost 3000,
//	                      retention 200, acquisition 5000:
//	                      net 10000 − 2000 − 800 − 3000 − 200 − 5000 = −1000
//	period 1 (50 active)  revenue 5000, discount 1000, bad debt 400: net 50·40 = 2000
//	period 2 (25 active)  revenue 2500, discount 500, bad debt 200: net 25·40 = 1000
//	CLV                   40·(1 + 0.5 + 0.25) = 70
//	CLV∞                  40/(1 − 0.5) = 80
//	customer equity       −1000 + 2000 + 1000 = 2000
//
// Without the bad debt the margin would be 80 − 32 = 48 and CLV 84: the
// 8 a period billed but never collected costs 14 of CLV.
func TestBadDebtByHand(t *testing.T) {
	m := &Model{
		StageIDs: []string{"active"}, Period: Month, Horizon: 3, DiscountRate: 0,
		NewCustomers: []float64{100, 0, 0},
		Segments: []Segment{{
			ID: "all", Share: 1, AcquisitionCost: 50,
			Stages:     []Economics{{Revenue: 100, PriceDiscount: 0.2, BadDebt: 0.1, CostToServe: 30, RetentionSpend: 2}},
			Transition: [][]float64{{0.5}},
		}},
	}
	closeTo(t, "margin", m.Segments[0].Stages[0].Margin(), 40, 1e-14)
	r := run(t, m)
	for _, c := range []struct {
		t                                   int
		revenue, discount, badDebt, netCash float64
	}{
		{0, 10000, 2000, 800, -1000},
		{1, 5000, 1000, 400, 2000},
		{2, 2500, 500, 200, 1000},
	} {
		f := r.Totals[c.t]
		closeTo(t, "revenue", f.Revenue, c.revenue, 1e-14)
		closeTo(t, "discount", f.Discount, c.discount, 1e-14)
		closeTo(t, "bad debt", f.BadDebt, c.badDebt, 1e-14)
		closeTo(t, "net cash flow", f.NetCashFlow, c.netCash, 1e-13)
		if cell := r.Cell(c.t, 0, 0); cell.BadDebt != f.BadDebt {
			t.Errorf("period %d: the stage's bad debt %v is not the total's %v", c.t, cell.BadDebt, f.BadDebt)
		}
	}
	if lost := r.Cell(1, 0, 1); lost.BadDebt != 0 {
		t.Errorf("the lost row has bad debt %v", lost.BadDebt)
	}
	s := r.Summary
	closeTo(t, "CLV", s.CLV, 70, 1e-13)
	closeTo(t, "CLV∞", s.CLVInfinite.Value, 80, 1e-13)
	closeTo(t, "customer equity", s.CustomerEquity, 2000, 1e-13)

	m.Segments[0].Existing = []float64{10} // the existing layer bills and loses the same share
	r = run(t, m)
	closeTo(t, "existing customers' bad debt in period 1", r.Existing[1].BadDebt, 5*80*0.1, 1e-14)
	closeTo(t, "bad debt in period 1 with the existing base", r.Totals[1].BadDebt, 400+40, 1e-14)
}

// TestBadDebtValidated: a bad debt outside [0, 1] is refused, naming the
// segment and stage.
func TestBadDebtValidated(t *testing.T) {
	for _, b := range []float64{-0.1, 1.5, math.NaN()} {
		m := oneStage(Month, 3, 0.1, 10, 0.8, CashEnd)
		m.Segments[0].Stages[0].BadDebt = b
		err := m.Validate()
		if err == nil {
			t.Errorf("bad debt %v accepted", b)
			continue
		}
		want := `sim: segment "all": stage "loyal": bad debt ` + fmt.Sprint(b) + `, must be in [0, 1]`
		if err.Error() != want {
			t.Errorf("bad debt %v: %q, want %q", b, err, want)
		}
	}
}

// TestZeroBadDebtChangesNothing: without bad debt every cell's cash is
// what it was before bad debt existed, bit for bit: the operating cash
// revenue − discount − cost to serve − retention spend, computed in that
// order, the margin R·(1 − price discount) − cost − retention spend, and
// a bad debt of exactly 0.
func TestZeroBadDebtChangesNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 24).Draw(t, "horizon"), 0)
		for s := range m.Segments {
			for i := range m.Segments[s].Stages {
				m.Segments[s].Stages[i].BadDebt = 0
			}
		}
		r := mustRun(t, m)
		n := len(m.StageIDs)
		for s, seg := range m.Segments {
			for i, e := range seg.Stages {
				if got, want := e.Margin(), e.Revenue*(1-e.PriceDiscount)-e.CostToServe-e.RetentionSpend; got != want {
					t.Fatalf("segment %d stage %d: margin %v, want %v", s, i, got, want)
				}
			}
			for tt := range m.Horizon {
				for i := range n {
					c := r.Cell(tt, s, i)
					op := c.Revenue - c.Discount - c.CostToServe - c.RetentionSpend
					if c.BadDebt != 0 || c.NetCashFlow != op-c.AcquisitionSpend {
						t.Fatalf("period %d segment %d stage %d: bad debt %v, net cash %v, want 0 and %v", tt, s, i, c.BadDebt, c.NetCashFlow, op-c.AcquisitionSpend)
					}
				}
			}
		}
	})
}

// TestBadDebtIsLessRevenue: a bad debt b costs what a revenue of
// R·(1 − b) would: CLV and customer equity equal those of the model with
// its revenue cut so and no bad debt, and each cell's bad debt is b of
// its revenue after the price discount, its cash adding up to its net
// cash flow (money is conserved).
func TestBadDebtIsLessRevenue(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := randomModel(t, Month, rapid.IntRange(1, 36).Draw(t, "horizon"), 0)
		cut := *m
		cut.Segments = append([]Segment(nil), m.Segments...)
		for s := range m.Segments {
			m.Segments[s].Stages = append([]Economics(nil), m.Segments[s].Stages...)
			cut.Segments[s].Stages = append([]Economics(nil), m.Segments[s].Stages...)
			for i := range m.Segments[s].Stages {
				b := rapid.Float64Range(0, 1).Draw(t, "bad debt")
				m.Segments[s].Stages[i].BadDebt = b
				cut.Segments[s].Stages[i].Revenue *= 1 - b
				cut.Segments[s].Stages[i].BadDebt = 0
			}
		}
		r, rc := mustRun(t, m), mustRun(t, &cut)
		near := func(what string, got, want, scale float64) {
			if math.Abs(got-want) > 1e-9*math.Max(scale, math.Abs(want)) {
				t.Fatalf("%s = %v, want %v", what, got, want)
			}
		}
		near("CLV", r.Summary.CLV, rc.Summary.CLV, 1)
		near("customer equity", r.Summary.CustomerEquity, rc.Summary.CustomerEquity, 1)
		for tt := range m.Horizon {
			for s, seg := range m.Segments {
				for i, e := range seg.Stages {
					c := r.Cell(tt, s, i)
					scale := math.Max(1, c.Revenue+c.CostToServe+c.RetentionSpend+c.AcquisitionSpend)
					near("bad debt", c.BadDebt, e.BadDebt*(c.Revenue-c.Discount), scale)
					near("net cash flow", c.NetCashFlow,
						c.Revenue-c.Discount-c.BadDebt-c.CostToServe-c.RetentionSpend-c.AcquisitionSpend, scale)
				}
			}
		}
	})
}
