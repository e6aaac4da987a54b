package whatif_test

import (
	"fmt"

	"clvlab/internal/kpi"
	"clvlab/internal/whatif"
	"clvlab/scenarios"
)

// The four-stage scenario's "Loyalty programme" variant changes three
// parameters of the stability stage; the Shapley values split its change
// of CLV per new customer among them and sum to the change.
func ExampleCompare() {
	s, err := scenarios.Preset("four-stage")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := whatif.Compare(s, 0, whatif.CompareOptions{Attribute: []kpi.KPI{kpi.CLV}})
	if err != nil {
		fmt.Println(err)
		return
	}
	a := c.Attribution[0]
	fmt.Printf("%s, %s: %.2f → %.2f\n", c.Variant, a.KPI.Label("en"), a.Base, a.Variant)
	for i, p := range c.Players {
		fmt.Printf("  %-32s %+7.2f\n", p.Name, a.Shapley[i])
	}
	fmt.Printf("exact over all %d subsets: %v\n", 1<<len(c.Players), c.Exact)
	// Output:
	// Loyalty programme, CLV per new customer: 819.76 → 901.81
	//   stage.stability.retention_spend   -11.33
	//   stage.stability.to.decline        -12.89
	//   stage.stability.to.stability     +106.27
	// exact over all 8 subsets: true
}

// How loyal must stable customers be for CLV to repay acquisition eight
// times over? Goal seek scans the stay probability of the stability stage
// over its natural range and refines the bracket by Brent's method.
func ExampleSeek() {
	s, err := scenarios.Preset("four-stage")
	if err != nil {
		fmt.Println(err)
		return
	}
	r, err := whatif.Seek(s, whatif.SeekOptions{Path: "stage.stability.to.stability", KPI: kpi.LTVCAC, Goal: whatif.Equal, Target: 8})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("now %.2f, range [%.2f, %.2f]\n", r.Parameter.Value, r.Low, r.High)
	fmt.Printf("found %v: %s = %.4f gives %s %.2f\n", r.Found, r.Parameter.Path, r.Value, r.KPI, r.KPIValue.Value)
	// Output:
	// now 0.90, range [0.00, 0.94]
	// found true: stage.stability.to.stability = 0.9250 gives ltv_cac 8.00
}
