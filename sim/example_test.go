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

// An engine steps one period at a time (Step, Period, Done); once the
// horizon is reached, Summarize returns every period's cells and totals
// with the headline figures. The same
// customer as in ExampleRun: 1,000 new customers a year, of whom 80% renew,
// so 1,000, 1,000·0.8 + 1,000 = 1,800 and 1,800·0.8 + 1,000 = 2,440 are
// active; each period's net cash flow is 100 per customer less 200 per new
// one.
func ExampleEngine() {
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
	e, err := sim.NewEngine(m)
	if err != nil {
		fmt.Println(err)
		return
	}
	for e.Step() {
	}
	r := e.Summarize()
	for t, total := range r.Totals {
		fmt.Printf("year %d: %4.0f customers (%4.0f lost so far), net cash flow %7.0f\n",
			t, total.Customers-r.Cell(t, 0, 1).Customers, r.Cell(t, 0, 1).Customers, total.NetCashFlow)
	}
	fmt.Printf("CLV %.2f, CLV net of acquisition cost %.2f, customer equity %.0f\n",
		r.Summary.CLV, r.Summary.CLVNet, r.Summary.CustomerEquity)
	// Output:
	// year 0: 1000 customers (   0 lost so far), net cash flow -100000
	// year 1: 1800 customers ( 200 lost so far), net cash flow  -20000
	// year 2: 2440 customers ( 560 lost so far), net cash flow   44000
	// CLV 205.11, CLV net of acquisition cost 5.11, customer equity -124117
}
