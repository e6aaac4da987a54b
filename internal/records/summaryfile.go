package records

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// SummaryOptions say how to read a per-customer summary file: its unit and
// the names of its columns. A name "" recognises the standard column or
// lifetimes' name for it (in brackets, compared without case, spaces and
// underscores): Frequency "frequency" (x, frequency_cal), Recency "recency"
// (t_x, recency_cal), T "T" (periods, the discrete case's number of
// opportunities; T_cal), Monetary "monetary_value" (zbar,
// monetary_value_cal; optional), Weight "weight" (weights; optional, for
// grouped rows), HoldoutFrequency "frequency_holdout" and HoldoutMonetary
// "monetary_value_holdout" (optional), Customer "customer" (customer_id,
// id; optional: rows are numbered 1, 2, ... without it). A column
// duration_holdout gives the holdout's length.
type SummaryOptions struct {
	Unit                                                                       Unit
	Frequency, Recency, T, Monetary, Weight, HoldoutFrequency, HoldoutMonetary string
	Customer                                                                   string
	// Purpose says why one customer is not enough, as LogOptions'.
	Purpose string
}

// summaryColumn is one column a summary file may have.
type summaryColumn struct {
	role     string   // in messages
	option   string   // the column's name as given; "" recognises names
	names    []string // recognised names
	required bool
}

// ReadSummary reads a per-customer summary file (delimited text with a
// header; the separator detected): one row per customer, or per group of
// customers with the same summary and a weight. Each row must be a
// possible history: frequency a whole number >= 0, 0 <= recency <= T,
// recency 0 when frequency is 0, monetary value >= 0, weight > 0.
func ReadSummary(path string, opt SummaryOptions) (Summary, error) {
	return readSummaryNamed(path, path, opt)
}

func readSummaryNamed(path, name string, opt SummaryOptions) (Summary, error) {
	return readFile(path, func(r io.Reader) (Summary, error) { return readSummary(r, name, opt) })
}

const summaryWhat = "a summary file has a header row, then one row per customer: frequency, recency, T and optionally monetary_value, weight and holdout columns"

// Indices of the columns of a summary file.
const (
	colFrequency = iota
	colRecency
	colT
	colMonetary
	colWeight
	colHoldoutFrequency
	colHoldoutMonetary
	colCustomer
	colDuration
	nSummaryColumns
)

// summaryColumns are the columns of a summary file: each one's name as
// opt gives it, or the names recognised.
func summaryColumns(opt SummaryOptions) [nSummaryColumns]summaryColumn {
	return [nSummaryColumns]summaryColumn{
		{"frequency", opt.Frequency, []string{"frequency", "x", "frequency_cal"}, true},
		{"recency", opt.Recency, []string{"recency", "t_x", "recency_cal"}, true},
		{"T", opt.T, []string{"T", "periods", "T_cal"}, true},
		{"monetary value", opt.Monetary, []string{"monetary_value", "zbar", "monetary_value_cal", "monetary"}, false},
		{"weight", opt.Weight, []string{"weight", "weights"}, false},
		{"holdout frequency", opt.HoldoutFrequency, []string{"frequency_holdout"}, false},
		{"holdout monetary value", opt.HoldoutMonetary, []string{"monetary_value_holdout"}, false},
		{"customer", opt.Customer, []string{"customer", "customer_id", "id"}, false},
		{"holdout length", "", []string{"duration_holdout"}, false},
	}
}

// find returns the index of c in header: the column named as given, or
// the first recognised name; −1 when there is none.
func (c summaryColumn) find(header []string) int {
	if c.option == "" {
		return findNamed(header, c.names)
	}
	for j, h := range header {
		if h == c.option {
			return j
		}
	}
	return -1
}

func readSummary(r io.Reader, name string, opt SummaryOptions) (Summary, error) {
	if opt.Unit < Day || opt.Unit > Year {
		return Summary{}, fmt.Errorf("%s: unknown unit %d", name, opt.Unit)
	}
	t, err := openTable(r, name, summaryWhat)
	if err != nil {
		return Summary{}, err
	}
	cols := summaryColumns(opt)
	var at [nSummaryColumns]int
	for i, c := range cols {
		at[i] = -1
		if c.option != "" {
			k := c.find(t.header)
			if k < 0 {
				return Summary{}, fileError(name, 1, "the %s column is named %q, but the header has no such column (it has %s): name one of these", c.role, c.option, listNames(t.header))
			}
			at[i] = k
			continue
		}
		at[i] = findNamed(t.header, c.names)
		if at[i] < 0 && c.required {
			return Summary{}, fileError(name, 1, "no column of the header (%s) is the %s column (%s): rename the column to one of these, or name it (clvlab fit summary -%s NAME)", listNames(t.header), c.role, recognised(c.names), flagOf(i))
		}
	}
	sum := Summary{Unit: opt.Unit}
	var weight float64
	holdout := math.NaN()
	need := 0
	for _, k := range at {
		need = max(need, k)
	}
	for line, f := range t.rows(need) {
		var v [nSummaryColumns]float64
		bad := false
		for i, k := range at {
			if k < 0 || i == colCustomer {
				continue
			}
			x, err := number(f[k], "the "+cols[i].role)
			if err != nil {
				t.probs.add(line, "%v", err)
				bad = true
			}
			v[i] = x
		}
		if bad {
			continue
		}
		c := Customer{Frequency: v[colFrequency], Recency: v[colRecency], T: v[colT], Monetary: v[colMonetary], Weight: 1,
			HoldoutFrequency: v[colHoldoutFrequency], HoldoutMonetary: v[colHoldoutMonetary]}
		if at[colWeight] >= 0 {
			c.Weight = v[colWeight]
		}
		if at[colCustomer] >= 0 {
			c.ID = string(f[at[colCustomer]])
		} else {
			c.ID = strconv.Itoa(sum.Rows + 1)
		}
		if msg := checkCustomer(c); msg != "" {
			t.probs.add(line, "%s", msg)
			continue
		}
		if at[colDuration] >= 0 {
			if d := v[colDuration]; !(d > 0) || (!math.IsNaN(holdout) && d != holdout) {
				t.probs.add(line, "the holdout length (duration_holdout) %g is not the same positive number on every row", d)
				continue
			}
			holdout = v[colDuration]
		}
		sum.Rows++
		weight += c.Weight
		sum.Customers = append(sum.Customers, c)
	}
	if t.sc.err != nil {
		return Summary{}, fmt.Errorf("%s: %w", name, t.sc.err)
	}
	if err := t.probs.err(); err != nil {
		return Summary{}, err
	}
	if sum.Rows == 0 {
		return Summary{}, fileError(name, 0, "the file has a header but no rows: %s", summaryWhat)
	}
	if weight < 2 {
		return Summary{}, fileError(name, 0, "only one customer: %s; give the summary of all customers", purpose(opt.Purpose))
	}
	if !math.IsNaN(holdout) {
		sum.Holdout = holdout
	} else if at[colHoldoutFrequency] >= 0 {
		sum.Warnings = append(sum.Warnings, fmt.Sprintf("%s: holdout purchases are given but not the holdout's length (a duration_holdout column): the holdout is taken as unknown", name))
	}
	return sum, nil
}

// checkCustomer says what is impossible about a customer's summary; "" when
// nothing is.
func checkCustomer(c Customer) string {
	switch {
	case c.Frequency < 0 || c.Frequency != math.Trunc(c.Frequency):
		return fmt.Sprintf("frequency %g is not a whole number of repeat purchases (0 or more)", c.Frequency)
	case c.Recency < 0 || c.T < 0:
		return fmt.Sprintf("recency %g and T %g must not be negative: both are times since the first purchase", c.Recency, c.T)
	case c.Recency > c.T:
		return fmt.Sprintf("recency %g is more than T %g: the last purchase cannot be after the end of calibration; check the columns (recency is the time from the first to the last repeat purchase, T from the first purchase to the calibration end)", c.Recency, c.T)
	case c.Frequency == 0 && c.Recency != 0:
		return fmt.Sprintf("recency %g with frequency 0: recency is the time to the last repeat purchase, so 0 when there is none", c.Recency)
	case c.Monetary < 0 || c.HoldoutMonetary < 0:
		return "a monetary value is negative: it is a mean amount spent, 0 or more"
	case !(c.Weight > 0):
		return fmt.Sprintf("weight %g: a row stands for a positive number of customers", c.Weight)
	case c.HoldoutFrequency < 0 || c.HoldoutFrequency != math.Trunc(c.HoldoutFrequency):
		return fmt.Sprintf("holdout frequency %g is not a whole number of purchases (0 or more)", c.HoldoutFrequency)
	}
	return ""
}

// flagOf is the option (clvlab fit summary's flag) that names column i.
func flagOf(i int) string {
	return [...]string{"frequency", "recency", "T", "monetary", "weight", "holdout-frequency", "holdout-monetary", "customer", "duration"}[i]
}

// recognised lists the names a column is recognised by.
func recognised(names []string) string {
	return "recognised names: " + strings.Join(names, ", ")
}

// SummaryFrom reads a per-customer summary file, as ReadSummary, from r;
// name names it in messages (the browser app reads a dropped file this way).
func SummaryFrom(r io.Reader, name string, opt SummaryOptions) (Summary, error) {
	return readSummary(r, name, opt)
}
