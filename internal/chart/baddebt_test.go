package chart

import (
	"strings"
	"testing"
)

// TestCashFlowHoverBadDebt: with 10% bad debt in every stage, the cash
// flow's operating margin has the bad debt deducted and the crosshair
// shows the bad debt as a line of its own; without bad debt it shows no
// such line.
func TestCashFlowHoverBadDebt(t *testing.T) {
	for _, lang := range []string{"en", "zh"} {
		in := input(t, lang)
		st := newStyle(in, DefaultSize)
		if v := strings.Join(Values(CashFlow, in, 3), "\n"); strings.Contains(v, st.t(msgBadDebt)) {
			t.Errorf("%s: a run without bad debt shows it:\n%s", lang, v)
		}
		m := lifecycle(0.88, 120, 1000)
		for s := range m.Segments {
			m.Segments[s].Stages = append(m.Segments[s].Stages[:0:0], m.Segments[s].Stages...)
			for i := range m.Segments[s].Stages {
				m.Segments[s].Stages[i].BadDebt = 0.1
			}
		}
		r := run(t, m)
		in.Runs = []Run{{Name: "bad debt", Result: r}}
		f := r.Totals[3]
		margin := st.t(msgOperatingMargin) + ": " + Human(f.Revenue-f.Discount-f.BadDebt-f.CostToServe-f.RetentionSpend, lang)
		bad := st.t(msgBadDebt) + ": " + Human(-f.BadDebt, lang)
		v := Values(CashFlow, in, 3)
		if len(v) < 3 || v[1] != margin || v[2] != bad {
			t.Errorf("%s: crosshair %q, want %q then %q", lang, v, margin, bad)
		}
	}
}
