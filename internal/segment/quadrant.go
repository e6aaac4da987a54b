package segment

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
)

// Quadrants is a 2×2 matrix: its groups (high/high, high/low, low/high,
// low/low on the row and column measures) and the measures' names.
type Quadrants struct {
	Method   Method
	Row, Col Text   // the measures' names
	RowKey   string // the measures' names in segments.csv and the flags
	ColKey   string
	Groups   [4]Group // row high & col high, row high & col low, row low & col high, row low & col low
}

// ValueLoyaltyQuadrants is Kelly and Julie's (1999) value × loyalty
// matrix: gold (high value, high loyalty), risk (high value, low loyalty),
// marginal (low value, high loyalty), low-service (low, low).
func ValueLoyaltyQuadrants(value, loyalty Text) Quadrants {
	return Quadrants{Method: ValueLoyalty, Row: value, Col: loyalty, RowKey: "value", ColKey: "loyalty", Groups: [4]Group{
		{ID: "gold", Name: Text{"Gold", "黄金客户"}},
		{ID: "risk", Name: Text{"Risk", "风险客户"}},
		{ID: "marginal", Name: Text{"Marginal", "边缘客户"}},
		{ID: "low-service", Name: Text{"Low-service", "低服务客户"}},
	}}
}

// AcquisitionRetentionQuadrants is the acquisition cost × retention cost
// matrix: loyal (both high), easy-to-keep-hard-to-win (high acquisition,
// low retention cost), easy-to-win-hard-to-keep (low, high), casual (both
// low).
var AcquisitionRetentionQuadrants = Quadrants{Method: AcquisitionRetention,
	Row: Text{"Acquisition cost", "获客成本"}, Col: Text{"Retention cost", "保留成本"}, RowKey: "acquisition_cost", ColKey: "retention_cost",
	Groups: [4]Group{
		{ID: "loyal", Name: Text{"Loyal", "忠诚客户"}},
		{ID: "easy-to-keep-hard-to-win", Name: Text{"Easy to keep, hard to win", "易保留难获客"}},
		{ID: "easy-to-win-hard-to-keep", Name: Text{"Easy to win, hard to keep", "易获客难保留"}},
		{ID: "casual", Name: Text{"Casual", "随意客户"}},
	}}

// Classify splits the customers on two measures (row and col, one per
// customer) at splits (a value above a split is high; NaN takes that
// measure's median by sample.cuts: customers equal to the median go to
// the side that leaves the halves nearer equal). value is each customer's
// value for the groups' totals (nil: none, NaN totals). The scores are
// the two measures and value.
func (q Quadrants) Classify(cs []Customer, row, col, value []float64, splits [2]float64) (*Result, error) {
	n := len(cs)
	if n == 0 {
		return nil, errors.New("no customers to segment")
	}
	if len(row) != n || len(col) != n || (value != nil && len(value) != n) {
		panic("segment: a measure has not one value per customer")
	}
	for k, m := range [][]float64{row, col} {
		for i, x := range m {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return nil, fmt.Errorf("customer %q has no %s (%v)", cs[i].ID, []string{q.RowKey, q.ColKey}[k], x)
			}
		}
	}
	w := weights(cs)
	cuts := []Cut{{Name: q.RowKey}, {Name: q.ColKey}}
	var lv [2]levelled
	var wg sync.WaitGroup
	for k, m := range [][]float64{row, col} {
		var given []float64
		if !math.IsNaN(splits[k]) {
			if math.IsInf(splits[k], 0) {
				return nil, fmt.Errorf("the %s split %v is not a number", cuts[k].Name, splits[k])
			}
			given = []float64{splits[k]}
		}
		cuts[k].Given = given != nil
		wg.Go(func() { lv[k] = levels(m, w, given, 2) }) // the two measures sort apart: one a core
	}
	wg.Wait()
	cuts[0].Values, cuts[1].Values = lv[0].cuts, lv[1].cuts
	groups := slices.Clone(q.Groups[:])
	res := newResult(q.Method, n, groups, q.RowKey, q.ColKey, "value")
	hl := []Text{{"high", "高"}, {"low", "低"}}
	res.Grid = newGrid(q.Row, q.Col, hl, hl, [][]int{{0, 1}, {2, 3}})
	for i, c := range cs {
		v := math.NaN()
		if value != nil {
			v = value[i]
		}
		res.Scores[0][i], res.Scores[1][i], res.Scores[2][i] = row[i], col[i], v
		r, k := 1-lv[0].of(i), 1-lv[1].of(i)
		res.count(i, 2*r+k, c, v, r, k)
	}
	res.Cuts = cuts
	return res, nil
}
