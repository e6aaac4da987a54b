package records

import (
	"fmt"
	"io"
	"math"
	"strconv"
)

// CostOptions name the columns of a per-customer cost summary; "" recognises
// the names in brackets (compared without case, spaces and underscores):
// Customer (customer, customer_id, id; optional: rows are numbered without
// it), Acquisition (acquisition_cost, cac), Retention (retention_cost) and
// Value (value, clv, margin, revenue; optional).
type CostOptions struct {
	Customer, Acquisition, Retention, Value string
}

// Cost is one customer's costs: what it cost to win and what it costs to
// keep, and its value (NaN when the file has none).
type Cost struct {
	ID                            string
	Acquisition, Retention, Value float64
}

const costWhat = "a cost summary has a header row, then one row per customer: acquisition_cost and retention_cost, and optionally customer and value"

// ReadCosts reads a per-customer summary with an acquisition cost and a
// retention cost column (delimited text with a header; the separator
// detected). Costs and values are numbers, costs 0 or more.
func ReadCosts(path string, opt CostOptions) ([]Cost, error) {
	return readFile(path, func(r io.Reader) ([]Cost, error) { return readCosts(r, path, opt) })
}

func readCosts(r io.Reader, name string, opt CostOptions) ([]Cost, error) {
	t, err := openTable(r, name, costWhat)
	if err != nil {
		return nil, err
	}
	cols := []summaryColumn{
		{"acquisition cost", opt.Acquisition, []string{"acquisition_cost", "cac"}, true},
		{"retention cost", opt.Retention, []string{"retention_cost"}, true},
		{"value", opt.Value, []string{"value", "clv", "margin", "revenue"}, false},
		{"customer", opt.Customer, []string{"customer", "customer_id", "id"}, false},
	}
	flags := []string{"acquisition-cost", "retention-cost", "value-column", "customer"}
	at := make([]int, len(cols))
	for i, c := range cols {
		if c.option != "" {
			at[i] = findNamed(t.header, []string{c.option})
			if at[i] < 0 {
				return nil, fileError(name, 1, "the %s column is named %q, but the header has no such column (it has %s): name one of these", c.role, c.option, listNames(t.header))
			}
			continue
		}
		at[i] = findNamed(t.header, c.names)
		if at[i] < 0 && c.required {
			return nil, fileError(name, 1, "no column of the header (%s) is the %s column (%s): the acquisition cost × retention cost matrix needs both costs per customer; rename the column to one of these, or name it (-%s NAME)", listNames(t.header), c.role, recognised(c.names), flags[i])
		}
	}
	need := 0
	for _, k := range at {
		need = max(need, k)
	}
	var out []Cost
	for line, f := range t.rows(need) {
		c := Cost{ID: strconv.Itoa(len(out) + 1), Value: math.NaN()}
		if at[3] >= 0 {
			c.ID = string(f[at[3]])
		}
		bad := false
		for i, dst := range []*float64{&c.Acquisition, &c.Retention, &c.Value} {
			if at[i] < 0 {
				continue
			}
			x, err := number(f[at[i]], "the "+cols[i].role)
			switch {
			case err != nil:
				t.probs.add(line, "%v", err)
				bad = true
			case i < 2 && x < 0:
				t.probs.add(line, "the %s %s is negative: a cost is 0 or more", cols[i].role, quoted(f[at[i]]))
				bad = true
			}
			*dst = x
		}
		if !bad {
			out = append(out, c)
		}
	}
	if t.sc.err != nil {
		return nil, fmt.Errorf("%s: %w", name, t.sc.err)
	}
	if err := t.probs.err(); err != nil {
		return nil, err
	}
	if len(out) < 2 {
		return nil, fileError(name, 0, "%s: a matrix sorts a customer base; give every customer's costs", plural(len(out), "customer"))
	}
	return out, nil
}

// LooksLikeSummary reports whether the file at path is delimited text
// whose header has a summary's frequency, recency and T columns (named as
// opt names them, or by their standard or lifetimes' names: the names
// ReadSummary takes), rather than a transaction log's.
func LooksLikeSummary(path string, opt SummaryOptions) bool {
	ok, _ := readFile(path, func(r io.Reader) (bool, error) {
		t, err := openTable(r, path, summaryWhat)
		if err != nil {
			return false, nil
		}
		cols := summaryColumns(opt)
		for _, k := range []int{colFrequency, colRecency, colT} {
			if cols[k].find(t.header) < 0 {
				return false, nil
			}
		}
		return true, nil
	})
	return ok
}
