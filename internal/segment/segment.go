package segment

import (
	"fmt"
	"math"
)

// Method is a segmentation matrix.
type Method string

// The methods, as -by names them.
const (
	RFM                  Method = "rfm"
	ABC                  Method = "abc"
	CRVP                 Method = "crvp"
	ValueLoyalty         Method = "value-loyalty"
	AcquisitionRetention Method = "acquisition-retention"
)

// Methods lists the methods in the order the docs give them.
var Methods = []Method{RFM, ABC, CRVP, ValueLoyalty, AcquisitionRetention, DirectIndirect}

// Text is a text in English and Chinese.
type Text [2]string

// In returns the text in lang: "zh" or English.
func (t Text) In(lang string) string {
	if lang == "zh" && t[1] != "" {
		return t[1]
	}
	return t[0]
}

// Group is one segment: its id (segments.csv's segment column, a
// scenario's segment id), its name, and its customers and their value.
type Group struct {
	ID   string
	Name Text
	// Customers is the number of customers (their weights summed) and
	// Value their value summed (NaN when the input has no value).
	Customers, Value float64
	// Rate is the customers' spend per period of tenure (Customer.rate)
	// summed, weights counted: a scenario's revenue multiplier is the
	// group's mean rate over the mean of all.
	Rate float64
}

// Cut is a set of thresholds a method used: the values, and whether they
// were given, are the method's defaults (ABC's shares), fixed counts
// (RFM's frequency when its quintiles tie) or were computed from the data
// (quantiles, medians: none of those).
type Cut struct {
	Name          string // e.g. "cycle": the measure, in segments.csv's words
	Values        []float64
	Given, Preset bool
	// Counts: the quantiles tied, and the values are fixed counts
	// instead (RFM's frequency).
	Counts bool
	// Time: the values are times, in the summary's unit (recency,
	// purchase cycle, tenure).
	Time bool
}

// Grid is a matrix as the chart draws it: Rows × Cols cells, each a group
// (Cell[r][c] indexes Groups; several cells may share a group), with the
// customers and value in each cell. Apart lists groups shown beside the
// grid (CRVP's single-purchase customers).
type Grid struct {
	RowTitle, ColTitle Text
	Rows, Cols         []Text
	Cell               [][]int
	Customers, Value   [][]float64
	Apart              []int
}

// Point is a point of the Pareto curve: the share of customers (the most
// valuable first) and the share of the value they hold.
type Point struct{ Customers, Value float64 }

// Result is a classification: every customer's group and scores.
type Result struct {
	Method Method
	Groups []Group
	// Of holds each customer's group (an index into Groups), in the
	// order of the input.
	Of []uint8
	// Columns name the per-customer scores segments.csv holds, and
	// Scores[k][i] is score Columns[k] of customer i.
	Columns []string
	Scores  [][]float64
	Cuts    []Cut
	Grid    Grid
	// Pareto is the Pareto curve (ABC only), from (0, 0) to (1, 1).
	Pareto []Point
	// Total is the customers and value of the whole input.
	Total Group
}

// newResult starts a result of n customers with groups (in display order)
// and score columns.
func newResult(m Method, n int, groups []Group, columns ...string) *Result {
	r := &Result{Method: m, Groups: groups, Of: make([]uint8, n), Columns: columns}
	r.Scores = make([][]float64, len(columns))
	for k := range r.Scores {
		r.Scores[k] = make([]float64, n)
	}
	return r
}

// newGrid is a rows × cols grid with its cells' groups.
func newGrid(rowTitle, colTitle Text, rows, cols []Text, cell [][]int) Grid {
	g := Grid{RowTitle: rowTitle, ColTitle: colTitle, Rows: rows, Cols: cols, Cell: cell}
	g.Customers = make([][]float64, len(rows))
	g.Value = make([][]float64, len(rows))
	for r := range rows {
		g.Customers[r] = make([]float64, len(cols))
		g.Value[r] = make([]float64, len(cols))
	}
	return g
}

// count adds customer i, c, of value v to group g and, when row ≥ 0, to
// that cell of the grid.
func (r *Result) count(i, g int, c Customer, v float64, row, col int) {
	w := c.count()
	r.Of[i] = uint8(g)
	r.Groups[g].Customers += w
	r.Groups[g].Value += w * v
	r.Groups[g].Rate += w * c.rate()
	if row >= 0 {
		r.Grid.Customers[row][col] += w
		r.Grid.Value[row][col] += w * v
	}
	r.Total.Customers += w
	r.Total.Value += w * v
}

// Group returns the group of customer i.
func (r *Result) Group(i int) *Group { return &r.Groups[r.Of[i]] }

// checkCuts checks given thresholds: n finite values, strictly
// increasing; what names them in messages.
func checkCuts(what string, cuts []float64, n int) error {
	if len(cuts) != n {
		return fmt.Errorf("%s: give %d thresholds, got %d", what, n, len(cuts))
	}
	for i, c := range cuts {
		if math.IsNaN(c) || math.IsInf(c, 0) {
			return fmt.Errorf("%s: threshold %v is not a number", what, c)
		}
		if i > 0 && !(c > cuts[i-1]) {
			return fmt.Errorf("%s: thresholds %v, %v must increase", what, cuts[i-1], c)
		}
	}
	return nil
}

// weights returns the customers' weights, or nil when each is one
// customer.
func weights(cs []Customer) []float64 {
	var w []float64
	for i, c := range cs {
		if c.Weight != 1 && w == nil {
			w = make([]float64, len(cs))
			for j := range i {
				w[j] = cs[j].count()
			}
		}
		if w != nil {
			w[i] = c.count()
		}
	}
	return w
}
