package records

import (
	"fmt"
	"time"
)

// Unit is the time unit of a summary: every recency, T and horizon is a
// number of these. A week is 7 days, a month 365.25/12 days, a year 365.25
// days.
type Unit int

const (
	Day Unit = iota
	Week
	Month
	Year
)

// Days is the length of one unit in days.
func (u Unit) Days() float64 {
	switch u {
	case Week:
		return 7
	case Month:
		return 365.25 / 12
	case Year:
		return 365.25
	}
	return 1
}

// String is the unit's name as flags and outputs spell it: day, week,
// month, year.
func (u Unit) String() string {
	switch u {
	case Week:
		return "week"
	case Month:
		return "month"
	case Year:
		return "year"
	}
	return "day"
}

// ParseUnit reads a unit's name.
func ParseUnit(s string) (Unit, error) {
	for _, u := range []Unit{Day, Week, Month, Year} {
		if s == u.String() {
			return u, nil
		}
	}
	return 0, fmt.Errorf("unknown period %q: use day, week, month or year", s)
}

// Since is the time from a to b in units, fractional (days / 7 for weeks).
// Both are calendar days (UTC midnight); the count of days is exact.
func (u Unit) Since(a, b time.Time) float64 {
	days := b.Sub(a).Hours() / 24
	return days / u.Days()
}

// Customer is one customer's summary (or, with Weight > 1, that many
// customers with the same summary, as in grouped data).
type Customer struct {
	ID string
	// Frequency is the number of repeat purchases (days with a purchase after
	// the first) up to the calibration end: x in the literature.
	Frequency float64
	// Recency is the time from the first purchase to the last calibration
	// purchase (0 when Frequency is 0): t_x.
	Recency float64
	// T is the time from the first purchase to the calibration end; in the
	// discrete models, the number of transaction opportunities n.
	T float64
	// Monetary is the mean value of the repeat purchases (the first purchase
	// excluded); 0 when Frequency is 0 or amounts are unknown.
	Monetary float64
	// FirstAmount is the amount of the first purchase day (the purchases
	// of that calendar day summed); 0 when amounts are unknown, and for a
	// summary file, which does not give it.
	FirstAmount float64
	// Weight is how many customers this row stands for (1 unless grouped).
	Weight float64
	// HoldoutFrequency is the number of purchases in the holdout period (only
	// when the Summary has a holdout).
	HoldoutFrequency float64
	// HoldoutMonetary is the mean value of the holdout purchases.
	HoldoutMonetary float64
}

// Count is how many customers the row stands for: its Weight, 0 (unset)
// counting as 1.
func (c Customer) Count() float64 {
	if c.Weight == 0 {
		return 1
	}
	return c.Weight
}

// Summary is the per-customer summary of a log or a summary file.
type Summary struct {
	Unit Unit
	// Start is the date of the first purchase in the log; CalibrationEnd and
	// HoldoutEnd close the two periods (HoldoutEnd zero: no holdout). All
	// three are zero for a summary read from a summary file.
	Start, CalibrationEnd, HoldoutEnd time.Time
	// Holdout is the length of the holdout in units (0: none).
	Holdout   float64
	Customers []Customer
	// Repeat is the number of repeat purchases (days) in each period since
	// Start, over calibration and holdout: the tracking plot's actuals.
	// Nil for a summary file.
	Repeat []float64
	// Rows and Purchases count the log's rows and its purchase days (a
	// customer's purchases on one calendar day are one), over the whole log.
	Rows, Purchases int
	// Excluded counts the customers left out because their first purchase
	// is after the calibration end (they have no calibration history).
	Excluded int
	// Warnings say what a reader did that the user should know (customers
	// left out, a log read twice); each begins with the file's name.
	Warnings []string
}

// Cohort is one row of a cohort retention table: the customers of a cohort
// still active at the end of periods 0, 1, 2, ... (Active[0] is the cohort's
// starting size).
type Cohort struct {
	Label  string
	Active []float64
}

// Cohorts is a cohort retention table.
type Cohorts struct {
	Unit    Unit
	Cohorts []Cohort
}
