package chart

import (
	"gonum.org/v1/plot"
)

// comparison draws every run's cumulative discounted cash flow and active
// customers.
func (st *style) comparison() [][]*plot.Plot {
	if len(st.in.Runs) < 2 {
		return [][]*plot.Plot{{st.placeholder(st.t(msgComparisonTitle)+"\n"+st.in.Scenario, st.t(msgNoVariants))}}
	}
	title := st.t(msgComparisonTitle)
	if st.in.Scenario != "" {
		title += "\n" + st.in.Scenario
	}
	top := st.newPlot(title, "", st.moneyLabel(msgCumulative))
	bottom := st.newPlot("", st.periodLabel(), st.t(msgCustomersOverTime))
	for i, run := range st.in.Runs {
		r := run.Result
		xs := periods(r.Model.Horizon)
		width, dashed := 1.75, false
		if i == 0 {
			width, dashed = 2.25, true
		}
		if l := st.line(top, xs, r.CumulativeDiscountedNetCashFlow, runColour(i), width, dashed); l != nil {
			top.Legend.Add(run.Name, l)
		}
		st.line(bottom, xs, active(r), runColour(i), width, dashed)
	}
	for _, p := range []*plot.Plot{top, bottom} {
		p.Y.Tick.Marker = humanTicks{st.lang}
		p.Legend.Left = true
	}
	bottom.Y.Min = 0
	return [][]*plot.Plot{{top}, {bottom}}
}
