package explain_test

import (
	"fmt"

	"clvlab/internal/explain"
	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// The annuity preset explained: its CLV formula with the values put in,
// and the tenure table that builds the same number.
func Example() {
	s, _ := scenarios.Preset("annuity")
	res, _ := projection.Project(s)
	e := explain.Explain(res, "en")
	fmt.Println(e.Form)
	fmt.Println(e.Formulas[0])
	for _, r := range e.Table.Rows {
		fmt.Printf("τ=%d active %.2f margin %.2f × %.4f = %.2f, sum %.2f\n",
			r.Tenure, r.Active, r.Margin, r.Discount, r.Contribution, r.Sum)
	}
	// Output:
	// annuity
	// CLV = P·(1 − (1+r)^−n)/r = 600 · (1 − 1.1^−3) / 0.1 = 1,492.11
	// τ=0 active 1.00 margin 600.00 × 0.9091 = 545.45, sum 545.45
	// τ=1 active 1.00 margin 600.00 × 0.8264 = 495.87, sum 1041.32
	// τ=2 active 1.00 margin 600.00 × 0.7513 = 450.79, sum 1492.11
}

// A planner keeps one Table and refills it while a slider moves: after
// the first fill of a model this large, Fill does not allocate.
func ExampleTable_Fill() {
	s, _ := scenarios.Preset("constant-retention")
	m, _ := s.Model()
	var tab explain.Table
	for _, retention := range []float64{0.8, 0.9} {
		m.Segments[0].Transition[0][0] = retention
		tab.Fill(m, explain.Mixed)
		fmt.Printf("r = %.1f: CLV %.2f, τ=1 contributes %.2f\n", retention, tab.CLV, tab.Rows[1].Contribution)
	}
	// Output:
	// r = 0.8: CLV 333.33, τ=1 contributes 66.12
	// r = 0.9: CLV 500.00, τ=1 contributes 74.38
}
