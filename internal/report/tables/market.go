package tables

import (
	"clvlab/internal/projection"
	"clvlab/sim"
)

// MarketColumns are the columns periods.csv adds when a run's model has
// competitor stages (sim.Model.Competitor): the competitor's customers
// in a competitor stage's row, churn to competitors in our stages' rows,
// wins from competitors in a competitor stage's row, and the row's share
// of the period's market (ours and the competitors'; summed over our
// stages, our market share). The lost row's are 0.
var MarketColumns = []string{"competitor_customers", "to_competitors", "from_competitors", "market_share"}

// hasMarket reports whether a run has competitor stages.
func hasMarket(runs []projection.Run) bool {
	for _, r := range runs {
		m := r.Model
		if m == nil {
			m = r.Result.Model
		}
		if m.HasCompetitors() {
			return true
		}
	}
	return false
}

// appendMarket appends the market columns of cell c, row i of period t.
func appendMarket(row []string, res *sim.Result, t int, c *sim.Flows, i int) []string {
	share := 0.0
	if i < len(res.Model.StageIDs) && res.Model.HasCompetitors() {
		// The stage's share of the market over all segments, times this
		// segment's part of the stage's customers: the column sums to the
		// stage's share over segments.
		all := 0.0
		for s := range res.Model.Segments {
			x := res.Cell(t, s, i)
			all += x.Customers + x.Rivals
		}
		if all > 0 {
			share = res.MarketShare(t, i) * (c.Customers + c.Rivals) / all
		}
	}
	for _, x := range []float64{c.Rivals, c.ToRivals, c.FromRivals, share} {
		row = append(row, Float(x))
	}
	return row
}
