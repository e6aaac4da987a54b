package fit

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"clvlab/internal/records"

	"gonum.org/v1/gonum/mathext"
)

// purchaseData is a continuous-time summary (frequency x, recency t_x, age
// T) prepared for the likelihoods of BG/NBD and Pareto/NBD: identical
// customers grouped into one weighted row, and the distinct values of x,
// t_x and T listed once, so that an evaluation computes each logarithm and
// log-gamma ratio once per distinct value instead of once per customer.
type purchaseData struct {
	xs, txs, ts []float64 // distinct frequencies (ascending), recencies, ages
	rows        []purchaseRow
	// customers is the weighted number of customers; repeat their repeat
	// purchases; maxX the largest frequency.
	customers, repeat float64
}

// purchaseRow is one group of identical customers: indexes into the
// distinct values, and the group's weight.
type purchaseRow struct {
	x, tx, t int32
	w        float64
}

// checkPurchases validates a continuous-time summary for the model named:
// every frequency a whole number ≥ 0, 0 ≤ recency ≤ T, weights ≥ 0, all
// finite; at least two customers; at least one repeat purchase. The errors
// name the customer and say what to fix.
func checkPurchases(model string, cs []records.Customer) error {
	if len(cs) == 0 {
		return fmt.Errorf("%s: no customers to fit: the summary is empty", model)
	}
	customers, repeat := 0.0, 0.0
	for i, c := range cs {
		who := func() string { return customerName(c, i) }
		switch {
		case !finite(c.Frequency) || !finite(c.Recency) || !finite(c.T) || !finite(c.Weight):
			return fmt.Errorf("%s: %s: frequency, recency, T and weight must be numbers (got %g, %g, %g, %g)", model, who(), c.Frequency, c.Recency, c.T, c.Weight)
		case c.Frequency < 0 || c.Frequency != math.Trunc(c.Frequency):
			return fmt.Errorf("%s: %s: frequency %g is not a whole number of repeat purchases ≥ 0", model, who(), c.Frequency)
		case c.Frequency > math.MaxInt32:
			return fmt.Errorf("%s: %s: frequency %g is too large", model, who(), c.Frequency)
		case c.Recency < 0 || c.T < 0:
			return fmt.Errorf("%s: %s: recency %g and T %g must be ≥ 0", model, who(), c.Recency, c.T)
		case c.Recency > c.T:
			return fmt.Errorf("%s: %s: recency %g > T %g: recency (first to last purchase) cannot exceed T (first purchase to the calibration end); check the columns' order and unit", model, who(), c.Recency, c.T)
		case c.Weight < 0:
			return fmt.Errorf("%s: %s: weight %g is negative", model, who(), c.Weight)
		}
		w := c.Count()
		customers += w
		repeat += w * c.Frequency
	}
	if customers < 2 {
		return fmt.Errorf("%s: only one customer: a model of a customer base needs many customers (hundreds at least) to tell the purchase rates' spread from the dropout", model)
	}
	if repeat == 0 {
		return fmt.Errorf("%s: all customers made 0 repeat purchases: frequency carries no information about purchase rates or dropout; use a longer calibration period (-calibration-end) or check the frequency column", model)
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// customerName names summary row i in messages: its customer id and row,
// or its row when it has no id.
func customerName(c records.Customer, i int) string {
	if c.ID != "" {
		return fmt.Sprintf("customer %q (row %d)", c.ID, i+1)
	}
	return fmt.Sprintf("row %d", i+1)
}

// newPurchaseData indexes the distinct values of x, t_x and T of cs
// (already checked) and groups identical customers, in the order of first
// appearance: one pass with small maps of distinct values, one with a map
// of index triples.
func newPurchaseData(cs []records.Customer) *purchaseData {
	d := &purchaseData{}
	xs, txs, ts := newIndex(), newIndex(), newIndex()
	at := make(map[[3]int32]int32)
	for _, c := range cs {
		tx := c.Recency
		if c.Frequency == 0 {
			tx = 0 // t_x does not enter a likelihood when x = 0
		}
		key := [3]int32{xs.of(c.Frequency), txs.of(tx), ts.of(c.T)}
		w := c.Count()
		d.customers += w
		d.repeat += w * c.Frequency
		if i, ok := at[key]; ok {
			d.rows[i].w += w
			continue
		}
		at[key] = int32(len(d.rows))
		d.rows = append(d.rows, purchaseRow{x: key[0], tx: key[1], t: key[2], w: w})
	}
	// Sort the distinct values (the x table is built by running sums over
	// ascending x) and renumber the rows.
	xmap, tmap, txmap := xs.sorted(&d.xs), ts.sorted(&d.ts), txs.sorted(&d.txs)
	for i := range d.rows {
		r := &d.rows[i]
		r.x, r.t, r.tx = xmap[r.x], tmap[r.t], txmap[r.tx]
	}
	return d
}

// index numbers distinct values in the order they are met.
type index struct {
	at   map[float64]int32
	vals []float64
}

func newIndex() *index { return &index{at: make(map[float64]int32)} }

func (ix *index) of(v float64) int32 {
	if i, ok := ix.at[v]; ok {
		return i
	}
	i := int32(len(ix.vals))
	ix.at[v] = i
	ix.vals = append(ix.vals, v)
	return i
}

// sorted writes the distinct values in ascending order to *dst and returns
// the map from first-met numbers to sorted ones.
func (ix *index) sorted(dst *[]float64) []int32 {
	order := make([]int32, len(ix.vals))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(ix.vals[a], ix.vals[b]) })
	renumber := make([]int32, len(order))
	*dst = make([]float64, len(order))
	for k, i := range order {
		renumber[i] = int32(k)
		(*dst)[k] = ix.vals[i]
	}
	return renumber
}

// risingLog fills dst[i] with log Γ(c+xs[i]) − log Γ(c) and dd[i] with its
// derivative in c, ψ(c+xs[i]) − ψ(c), for the ascending whole numbers xs:
// as running sums of log(c+k) and 1/(c+k) where the steps are short, by
// log-gamma and digamma where a step is long. One call per parameter and
// evaluation replaces a log-gamma per customer.
func risingLog(dst, dd, xs []float64, c float64) {
	k, lg, dg := 0.0, 0.0, 0.0
	for i, x := range xs {
		if x-k > 64 {
			lc, _ := math.Lgamma(c)
			lx, _ := math.Lgamma(c + x)
			lg, dg, k = lx-lc, mathext.Digamma(c+x)-mathext.Digamma(c), x
		}
		for ; k < x; k++ {
			lg += math.Log(c + k)
			dg += 1 / (c + k)
		}
		dst[i], dd[i] = lg, dg
	}
}
