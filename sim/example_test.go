package sim_test

import (
	"fmt"

	"clvlab/sim"
)

// A customer who earns a margin of 100 a year and renews with probability
// 0.8, at a 10% discount rate, is worth m/(1+i−r) = 333.33 over an infinite
// horizon; the three-year horizon keeps 205.11 of it.
func ExampleRun() {
	m := &sim.Model{
		StageIDs:     []string{"customer"},
		Period:       sim.Year,
		Horizon:      3,
		DiscountRate: 0.10,
		NewCustomers: []float64{1000, 1000, 1000},
		Segments: []sim.Segment{{
			ID: "all", Share: 1, AcquisitionCost: 200,
			Stages:     []sim.Economics{{Revenue: 100}},
			Transition: [][]float64{{0.8}},
		}},
	}
	r, err := sim.Run(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	s := r.Summary
	fmt.Printf("CLV %.2f, infinite horizon %.2f, payback %v periods, lifetime %v periods\n",
		s.CLV, s.CLVInfinite.Value, s.PaybackPeriods, s.ExpectedLifetime)
	fmt.Printf("customer equity %.0f\n", s.CustomerEquity)
	// Output:
	// CLV 205.11, infinite horizon 333.33, payback 3 periods, lifetime 5 periods
	// customer equity -124117
}
