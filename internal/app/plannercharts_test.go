package app

import (
	"fmt"
	"testing"

	"clvlab/internal/projection"
)

// plannerChart is a chart of the planner's: a tab of an app.
type plannerChart struct {
	name string
	app  *App
	tab  int
}

// plannerCharts returns every tab's chart (the optimum on a scenario with
// response curves) and the customers chart with the bands of 200 trials.
func plannerCharts(tb testing.TB) []plannerChart {
	a, err := New("", nil, "")
	if err != nil {
		tb.Fatal(err)
	}
	spend, err := New("retention-spend", nil, "")
	if err != nil {
		tb.Fatal(err)
	}
	spend.optimize()
	if spend.what.optimum == nil {
		tb.Fatalf("no optimum to draw: %s", spend.noticeText())
	}
	banded, err := New("", nil, "")
	if err != nil {
		tb.Fatal(err)
	}
	banded.trials = 200
	setBands(tb, banded)
	var cs []plannerChart
	for tab := range numTabs {
		app := a
		if tab == tabOptimum {
			app = spend
		}
		cs = append(cs, plannerChart{fmt.Sprintf("tab%d", tab), app, tab})
	}
	return append(cs, plannerChart{"tab0-200-trials", banded, 0})
}

// setBands runs a's 200 trials at its values and shows their bands (and
// their row), as when a run of them ends.
func setBands(tb testing.TB, a *App) {
	s, mc := a.p.MonteCarlo(200)
	u, err := projection.Trials(s, mc)
	if err != nil || u == nil {
		tb.Fatalf("trials: %v, %v", u, err)
	}
	a.bands, a.bandsKey, a.rowOn = u.Bands, a.mcKey(), true // as pollMonteCarlo takes a finished run
	if a.shownBands() == nil {
		tb.Fatal("the bands are not shown")
	}
}
