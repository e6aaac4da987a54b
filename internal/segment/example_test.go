package segment_test

import (
	"fmt"
	"math"

	"clvlab/internal/segment"
)

// Customers with two purchases or more go on the 3×3 matrix of purchase
// amount × purchase cycle; a one-time buyer has no cycle and is "new".
func ExampleClassifyCRVP() {
	cs := []segment.Customer{
		{ID: "ann", Cycle: 1, Amount: 30, Spend: 60, Purchases: 2}, // short cycle, large amount
		{ID: "bo", Cycle: 9, Amount: 15, Spend: 30, Purchases: 2},  // long, medium
		{ID: "cy", Cycle: 9, Amount: 1, Spend: 2, Purchases: 2},    // long, small
		{ID: "di", Cycle: math.NaN(), Amount: 8, Spend: 8, Purchases: 1},
	}
	// thresholds: a cycle up to 2 is short, up to 4 medium; an amount up
	// to 10 small, up to 20 medium
	r, err := segment.ClassifyCRVP(cs, []float64{2, 4}, []float64{10, 20})
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, c := range cs {
		fmt.Println(c.ID, r.Group(i).ID)
	}
	// Output:
	// ann platinum
	// bo development
	// cy adjust
	// di new
}
