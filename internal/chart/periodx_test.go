package chart

import "testing"

// TestPeriodX: the column PeriodX gives for a period is the one PeriodAt
// gives for the pointer over it, at both ends and in the middle of the
// axis; off the axis, or on a chart without periods, there is none.
func TestPeriodX(t *testing.T) {
	in := input(t, "en")
	fig, _ := Build(CashFlow, in, DefaultSize)
	drawn(t, fig)
	for _, period := range []int{0, 17, 35} {
		x, top, bottom, ok := fig.PeriodX(period)
		if !ok || top >= bottom {
			t.Fatalf("period %d: ok %v, rows %d..%d", period, ok, top, bottom)
		}
		got, xAt, _, _, ok := fig.PeriodAt(x, top+5) // inside the first data area
		if !ok || got != period || xAt != x {
			t.Errorf("period %d at column %d; PeriodAt there gives period %d at %d (%v)", period, x, got, xAt, ok)
		}
	}
	if _, _, _, ok := fig.PeriodX(-1); ok {
		t.Error("period −1 has a column")
	}
	if _, _, _, ok := fig.PeriodX(10000); ok {
		t.Error("period 10,000 of a 36-month horizon has a column")
	}
	fig, _ = Build(Breakdown, in, DefaultSize)
	drawn(t, fig)
	if _, _, _, ok := fig.PeriodX(3); ok {
		t.Error("the breakdown chart has periods")
	}
}
