package tables

import "clvlab/sim"

// residues returns the customers and churned columns of cell c (stage or
// lost row i of period t) with rounding residues written as 0. A row that
// sums to 1 less a few ulps (0.85 + 0.075 + 0.075 = 0.9999999999999993)
// churns ~1e-16 of a stage's customers each period, which periods.csv
// would show as churned 6.66e-13 and a lost pool in a closed market: a
// churn below sim.RowTolerance of the stage's customers is such a residue,
// and so is a lost pool below sim.RowTolerance of the period's customers
// (ours, lost and the competitors'). The run's own numbers are untouched.
func residues(r *sim.Result, t, i int, c *sim.Flows) (customers, churned float64) {
	customers, churned = c.Customers, c.Churned
	if churned < sim.RowTolerance*customers {
		churned = 0
	}
	if i >= len(r.Model.StageIDs) {
		if tot := r.Totals[t]; customers < sim.RowTolerance*(tot.Customers+tot.Rivals) {
			customers = 0
		}
	}
	return customers, churned
}
