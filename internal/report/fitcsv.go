package report

import (
	"io"
	"math"
	"strconv"

	"clvlab/internal/fit"
	"clvlab/internal/records"
)

// grouped reports whether some summary row stands for several customers.
func grouped(cs []records.Customer) bool {
	for _, c := range cs {
		if c.Weight != 0 && c.Weight != 1 {
			return true
		}
	}
	return false
}

// customerID is a row's customer id, or its 1-based row number for a
// summary without ids.
func customerID(c records.Customer, i int) string {
	if c.ID != "" {
		return c.ID
	}
	return itoa(i + 1)
}

// monetary is a customer's mean repeat spend, "" when it has none or the
// data have no amounts (amounts false).
func monetary(c records.Customer, amounts bool) string {
	if c.Frequency == 0 || !amounts {
		return ""
	}
	return csvFloat(c.Monetary)
}

// hasAmounts reports whether some customer has a positive mean spend: a
// log without amounts, or a summary without a monetary column, has none,
// and its monetary values are empty cells rather than zeros.
func hasAmounts(cs []records.Customer) bool {
	for _, c := range cs {
		if c.Monetary > 0 {
			return true
		}
	}
	return false
}

// writeSummaryCSV writes summary.csv: the per-customer summary, with the
// holdout columns when there is a holdout, a weight column for grouped
// rows, and the unit on every row.
func writeSummaryCSV(w io.Writer, f *Fit) error {
	s := f.Summary
	holdout, weights, amounts := s.Holdout > 0, grouped(s.Customers), hasAmounts(s.Customers)
	// The names `clvlab fit summary` reads (lifetimes' names), and numbers
	// to all their digits: the file reads back as the same summary.
	head := []string{"customer", "frequency", "recency", "T"}
	if amounts {
		head = append(head, "monetary_value")
	}
	if holdout {
		head = append(head, "frequency_holdout")
		if amounts {
			head = append(head, "monetary_value_holdout")
		}
		head = append(head, "duration_holdout")
	}
	if weights {
		head = append(head, "weight")
	}
	rows := [][]string{append(head, "unit")}
	for i, c := range s.Customers {
		row := []string{customerID(c, i), exact(c.Frequency), exact(c.Recency), exact(c.T)}
		if amounts {
			row = append(row, exact(c.Monetary))
		}
		if holdout {
			row = append(row, exact(c.HoldoutFrequency))
			if amounts {
				row = append(row, exact(c.HoldoutMonetary))
			}
			row = append(row, exact(s.Holdout))
		}
		if weights {
			row = append(row, exact(c.Count()))
		}
		rows = append(rows, append(row, f.unitName()))
	}
	return writeCSVRows(w, rows)
}

// exact is x with as many digits as it takes to read back as x.
func exact(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// CustomersHeader names the columns of customers.csv (a weight column
// follows for grouped rows, then the unit).
var CustomersHeader = []string{"customer", "frequency", "recency", "T", "monetary_value", "p_alive", "expected_purchases", "expected_spend", "clv"}

// writeCustomersCSV writes customers.csv: each customer's summary and the
// chosen model's predictions.
func writeCustomersCSV(w io.Writer, f *Fit) error {
	s := f.Summary
	weights, amounts := grouped(s.Customers), hasAmounts(s.Customers)
	head := append([]string(nil), CustomersHeader...)
	if weights {
		head = append(head, "weight")
	}
	rows := [][]string{append(head, "unit")}
	for i, c := range s.Customers {
		p := f.Customers[i]
		row := []string{customerID(c, i), csvFloat(c.Frequency), csvFloat(c.Recency), csvFloat(c.T), monetary(c, amounts),
			cell(p.PAlive), cell(p.ExpectedPurchases), cell(p.ExpectedSpend), cell(p.CLV)}
		if weights {
			row = append(row, csvFloat(c.Count()))
		}
		rows = append(rows, append(row, f.unitName()))
	}
	return writeCSVRows(w, rows)
}

// writeHoldoutCSV writes holdout.csv: per model and calibration-frequency
// bin, the customers' mean holdout purchases, actual and expected.
func writeHoldoutCSV(w io.Writer, f *Fit) error {
	rows := [][]string{{"model", "frequency", "customers", "actual", "expected", "holdout", "unit"}}
	for _, m := range f.Models {
		v := m.Validation
		if v == nil {
			continue
		}
		for i, b := range v.Bins {
			actual, expected := math.NaN(), math.NaN()
			if b.Customers > 0 {
				actual, expected = b.Actual, b.Expected
			}
			rows = append(rows, []string{m.Result.Model, fit.BinLabel(i), csvFloat(b.Customers), cell(actual), cell(expected),
				csvFloat(f.Summary.Holdout), f.unitName()})
		}
	}
	return writeCSVRows(w, rows)
}

// writeTrackingCSV writes tracking.csv: per model and period since the
// first purchase in the data, the repeat purchases counted and expected,
// and their running totals.
func writeTrackingCSV(w io.Writer, f *Fit) error {
	rows := [][]string{{"model", "period", "holdout", "actual", "expected", "cumulative_actual", "cumulative_expected", "unit"}}
	s := f.Summary
	calibration := s.Unit.Since(s.Start, s.CalibrationEnd)
	for _, m := range f.Models {
		if len(m.Tracking) != len(s.Repeat) {
			continue
		}
		ca, ce := 0.0, 0.0
		for k, a := range s.Repeat {
			ca += a
			ce += m.Tracking[k]
			holdout := "false"
			if float64(k) >= calibration {
				holdout = "true"
			}
			rows = append(rows, []string{m.Result.Model, itoa(k + 1), holdout, csvFloat(a), csvFloat(m.Tracking[k]),
				csvFloat(ca), csvFloat(ce), f.unitName()})
		}
	}
	return writeCSVRows(w, rows)
}

// writeCohortsCSV writes cohorts.csv: per cohort and period, the
// customers active and the share of the cohort, observed and as the sBG
// fit has it; then the fit's projection past the data (cohort "sBG").
func writeCohortsCSV(w io.Writer, f *Fit) error {
	c := f.Cohort
	rows := [][]string{{"cohort", "period", "active", "share_surviving", "fitted_survival", "fitted_retention", "unit"}}
	for _, co := range f.Cohorts.Cohorts {
		for t, a := range co.Active {
			share := math.NaN()
			if co.Active[0] > 0 {
				share = a / co.Active[0]
			}
			rows = append(rows, []string{co.Label, itoa(t), csvFloat(a), cell(share), cell(at(c.Survival, t)), cell(at(c.Retention, t)), f.unitName()})
		}
	}
	for t := range c.Survival {
		rows = append(rows, []string{"sBG", itoa(t), "", "", cell(c.Survival[t]), cell(at(c.Retention, t)), f.unitName()})
	}
	return writeCSVRows(w, rows)
}

func at(xs []float64, i int) float64 {
	if i < 0 || i >= len(xs) {
		return math.NaN()
	}
	return xs[i]
}
