package uncertainty_test

import (
	"fmt"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// ExampleParameter: how sure is the CLV of a customer whose renewal
// probability is known only roughly? The customer earns 100 a year and
// renews with a probability drawn from a Beta distribution of mean 0.8 and
// standard deviation 0.05; over three years at 10% the CLV is
// 100/1.1·(1 + p/1.1 + p²/1.1²), 205.11 at p = 0.8. It grows with p, so its
// 5th and 95th percentiles are its values at those of p, Beta(50.4, 12.6)'s
// 0.7126 and 0.8765 (gonum's distuv.Beta.Quantile): 187.95 and 221.07.
// Its mean exceeds 205.11 by 100/1.1³·Var(p) = 0.19.
func ExampleParameter() {
	m := &sim.Model{
		StageIDs: []string{"customer"}, Period: sim.Year, Horizon: 3, DiscountRate: 0.10,
		NewCustomers: []float64{1000, 1000, 1000},
		Segments: []sim.Segment{{ID: "all", Share: 1, AcquisitionCost: 200,
			Stages: []sim.Economics{{Revenue: 100}}, Transition: [][]float64{{0.8}}}},
	}
	renewal, ok := uncertainty.BetaWithMoments(0.8, 0.05)
	if !ok {
		fmt.Println("no Beta distribution has these moments")
		return
	}
	b, err := uncertainty.Run(m, uncertainty.Config{Trials: 4000, Seed: 7, Parameters: []uncertainty.Parameter{{
		Name:         "stage.customer.to.customer",
		Distribution: renewal,
		Targets:      []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.TransitionProbability}, Scale: 1}},
	}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("CLV: mean %.0f, 90%% of trials between %.0f and %.0f\n", b.CLV.Mean, b.CLV.P5, b.CLV.P95)
	// Output:
	// CLV: mean 205, 90% of trials between 188 and 221
}
