package chart

import (
	"image/color"
	"slices"

	"gonum.org/v1/plot"
)

// comparison draws every run's cumulative discounted cash flow and active
// customers.
func (st *style) comparison() [][]*plot.Plot {
	title := st.t(msgComparisonTitle)
	if st.in.Scenario != "" {
		title += "\n" + st.in.Scenario
	}
	if len(st.in.Runs) < 2 {
		return [][]*plot.Plot{{st.placeholder(title, st.t(msgNoVariants))}}
	}
	top := st.newPlot(title, "", st.moneyLabel(msgCumulative))
	bottom := st.newPlot("", st.periodLabel(), st.t(msgCustomersOverTime))
	names := st.runNames()
	for i, run := range st.in.Runs {
		r := run.Result
		xs := periods(r.Model.Horizon)
		width, dashed := 1.75, false
		if i == 0 {
			width, dashed = 2.25, true
		}
		if l := st.line(top, xs, r.CumulativeDiscountedNetCashFlow, st.runColour(i), width, dashed); l != nil {
			top.Legend.Add(names[i], l)
		}
		st.line(bottom, xs, active(r), st.runColour(i), width, dashed)
	}
	for _, p := range []*plot.Plot{top, bottom} {
		p.Y.Tick.Marker = humanTicks{st.lang}
		p.Legend.Left = true
	}
	bottom.Y.Min = 0
	return [][]*plot.Plot{{top}, {bottom}}
}

// runColour is the colour of run i in the comparison: the base black;
// over the app's current values (Input.Overlay) Current in currentColour
// and the plans in the other colours; else the variants in runColours.
func (st *style) runColour(i int) color.Color {
	if !st.in.Overlay || i == 0 {
		return runColour(i)
	}
	if i == st.in.Current {
		return currentColour
	}
	others := runColours[1:] // runColours[0] is currentColour
	return others[(i-1)%len(others)]
}

// runNames are the runs' names in the comparison's legend: a plan whose
// curves are Current's is drawn under it, so its name says it is the same.
func (st *style) runNames() []string {
	names := make([]string, len(st.in.Runs))
	cur := st.in.Runs[st.in.Current].Result
	for i, run := range st.in.Runs {
		names[i] = run.Name
		r := run.Result
		if st.in.Overlay && i != 0 && i != st.in.Current &&
			slices.Equal(r.CumulativeDiscountedNetCashFlow, cur.CumulativeDiscountedNetCashFlow) && slices.Equal(active(r), active(cur)) {
			names[i] += st.t(msgSameAsCurrent)
		}
	}
	return names
}
