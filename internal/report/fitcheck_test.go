package report

import (
	"math"
	"strings"
	"testing"

	"clvlab/internal/fit"
	"clvlab/internal/records"
)

// TestFitCheck: a prediction that is not a finite number (BG/NBD's E[X(t)]
// at a = 8.5e10, b = 1.2e-11 is NaN) is an error that names the number and
// the parameters; NaN spend without a spend model is not.
func TestFitCheck(t *testing.T) {
	f := &Fit{Chosen: "bgnbd", Summary: &records.Summary{Customers: []records.Customer{{ID: "7"}}},
		Models:     []FitModel{{Result: fit.Result{Model: "bgnbd", Params: []fit.Param{{Name: "a", Value: 8.5e10}, {Name: "b", Value: 1.2e-11}}}}},
		Customers:  []Prediction{{PAlive: 0.5, ExpectedPurchases: 1, ExpectedSpend: math.NaN(), CLV: math.NaN()}},
		Population: []float64{0.1, math.NaN()}}
	err := f.Check()
	if err == nil || !strings.Contains(err.Error(), "BG/NBD predicts E[X(2)] = NaN, not a finite number") || !strings.Contains(err.Error(), "a = 8.5e+10, b = 1.2e-11") {
		t.Errorf("%v", err)
	}
	f.Population[1] = 0.2
	if err := f.Check(); err != nil {
		t.Errorf("finite predictions refused: %v", err)
	}
	f.Customers[0].PAlive = math.Inf(1)
	if err := f.Check(); err == nil || !strings.Contains(err.Error(), "P(alive) of customer 7 = +Inf") {
		t.Errorf("%v", err)
	}
}
