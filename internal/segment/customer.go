package segment

import (
	"math"

	"clvlab/internal/records"
)

// Customer is one customer as the matrices read it (or, with Weight above
// 1, that many customers alike, as a grouped summary's row). Times are in
// the summary's unit.
type Customer struct {
	ID string
	// Weight is how many customers the row stands for (0 counts as 1).
	Weight float64
	// Purchases is the number of purchase days up to the calibration end,
	// the first included (frequency + 1).
	Purchases float64
	// Recency is the time from the last purchase to the calibration end
	// (T − t_x): RFM's recency, smaller is more recent.
	Recency float64
	// Tenure is the time from the first purchase to the calibration end
	// (T).
	Tenure float64
	// Spend is the customer's spend over those purchases.
	Spend float64
	// Cycle is the mean time between purchases, t_x / frequency; NaN with
	// a single purchase (no cycle).
	Cycle float64
	// Amount is the mean spend per purchase.
	Amount float64
}

// rate is the customer's spend per period of tenure: spend over T, T
// counted as at least one period (a customer seen for less than a period
// has spent that in its first).
func (c Customer) rate() float64 {
	return c.Spend / max(c.Tenure, 1)
}

func (c Customer) count() float64 {
	if c.Weight == 0 {
		return 1
	}
	return c.Weight
}

// FromSummary returns the customers of a summary. From a transaction log
// (s.Start set) spend is every purchase's amount, the first included, and
// the mean amount is spend / purchases. A summary file does not give the
// first purchase's amount: spend is then the repeat purchases'
// (frequency × monetary value) and the mean amount their mean (monetary
// value; 0 with no repeat purchase).
func FromSummary(s *records.Summary) []Customer {
	fromLog := !s.Start.IsZero()
	out := make([]Customer, len(s.Customers))
	for i, c := range s.Customers {
		cu := Customer{ID: c.ID, Weight: c.Count(), Purchases: c.Frequency + 1, Recency: c.T - c.Recency, Tenure: c.T, Cycle: math.NaN()}
		if c.Frequency > 0 {
			cu.Cycle = c.Recency / c.Frequency
		}
		repeat := c.Frequency * c.Monetary
		if fromLog {
			// A log's times are whole days: T − t_x in days is a whole
			// number, rounded back from the difference of two quotients
			// so that customers whose last purchase was on the same day
			// have the same recency, as ties must.
			days := s.Unit.Days()
			cu.Recency = math.Round(cu.Recency*days) / days
			cu.Spend = c.FirstAmount + repeat
			cu.Amount = cu.Spend / cu.Purchases
		} else {
			// A summary's T and t_x are any numbers: T − t_x is rounded
			// to 1e-9 of a unit so that equal recencies computed from
			// different T and t_x (10 − 9.7 and 1.3 − 1) are equal, and
			// share a score as ties must.
			cu.Recency = math.Round(cu.Recency*1e9) / 1e9
			cu.Spend, cu.Amount = repeat, c.Monetary
		}
		out[i] = cu
	}
	return out
}
