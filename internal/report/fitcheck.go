package report

import (
	"fmt"
	"math"
)

// Check says, before anything is printed or written, when the chosen
// model's predictions are not finite numbers (a fit at the edge of its
// parameter space can give NaN or ±Inf that no file can hold).
func (f *Fit) Check() error {
	bad := func(what string, v float64) error {
		return fmt.Errorf("%s predicts %s = %v, not a finite number: its fit is at the edge of what the data identify (parameters %s); fit the other models only (-models), or use a longer calibration period",
			ModelName(f.Chosen), what, v, f.params())
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	for t, v := range f.Population {
		if !finite(v) {
			return bad(fmt.Sprintf("E[X(%d)]", t+1), v)
		}
	}
	for i, p := range f.Customers {
		who := ""
		if f.Summary != nil && i < len(f.Summary.Customers) {
			who = " of customer " + f.Summary.Customers[i].ID
		}
		switch {
		case !finite(p.PAlive):
			return bad("P(alive)"+who, p.PAlive)
		case !finite(p.ExpectedPurchases):
			return bad("the expected purchases"+who, p.ExpectedPurchases)
		case f.SpendModel != "" && !finite(p.ExpectedSpend):
			return bad("the expected spend"+who, p.ExpectedSpend)
		case f.SpendModel != "" && !finite(p.CLV):
			return bad("the CLV"+who, p.CLV)
		}
	}
	return nil
}

// params are the chosen model's parameters as name = value.
func (f *Fit) params() string {
	for _, m := range f.Models {
		if m.Result.Model != f.Chosen {
			continue
		}
		s := ""
		for i, p := range m.Result.Params {
			if i > 0 {
				s += ", "
			}
			s += fmt.Sprintf("%s = %.3g", p.Name, p.Value)
		}
		return s
	}
	return "none"
}
