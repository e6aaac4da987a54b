package segment

import (
	"errors"
	"math"
	"slices"
	"sync"
)

// The CRVP groups, in display order: the five value segments of the
// purchase cycle × purchase amount matrix and, apart, the customers with
// one purchase (no cycle yet).
var crvpGroups = []Group{
	{ID: "platinum", Name: Text{"Platinum", "白金客户"}},
	{ID: "gold", Name: Text{"Gold", "黄金客户"}},
	{ID: "silver", Name: Text{"Silver", "白银客户"}},
	{ID: "development", Name: Text{"Development", "发展型客户"}},
	{ID: "adjust", Name: Text{"Adjust", "调整型客户"}},
	{ID: "new", Name: Text{"New (one purchase)", "新客户（仅一次购买）"}},
}

// crvpNew is the group of the customers with one purchase.
const crvpNew = 5

// crvpCells lays out the nine cells as the literature does: rows are the
// amount (large, medium, small), columns the cycle (short, medium, long);
// silver runs on the diagonal from large-and-long to small-and-short.
var crvpCells = [][]int{
	{0, 1, 2}, // large: platinum, gold, silver
	{1, 2, 3}, // medium: gold, silver, development
	{2, 3, 4}, // small: silver, development, adjust
}

// ClassifyCRVP places each customer with two purchases or more on the 3×3
// matrix of purchase cycle (the mean time between purchases: short,
// medium, long) by mean purchase amount (large, medium, small). cycle and
// amount are the two thresholds of each (a value at a threshold falls in
// the lower group: a cycle at cycle[0] is short, an amount at amount[0]
// small); nil takes the tertiles of the customers with a cycle
// (sample.cuts). Customers with one purchase have no cycle: they are the
// group "new", shown apart. The scores are the cycle (empty for new
// customers), the amount and the two levels (1 short/small to 3
// long/large).
func ClassifyCRVP(cs []Customer, cycle, amount []float64) (*Result, error) {
	if len(cs) == 0 {
		return nil, errors.New("no customers to segment")
	}
	n := len(cs)
	cyc, amt := make([]float64, n), make([]float64, n)
	repeat, anyAmount := 0, false
	for i, c := range cs {
		cyc[i], amt[i] = c.Cycle, math.NaN()
		if !math.IsNaN(c.Cycle) {
			amt[i] = c.Amount
			repeat++
		}
		anyAmount = anyAmount || c.Amount > 0
	}
	if !anyAmount {
		return nil, errors.New("no customer has an amount: CRVP sorts customers by their purchase amount; give the log's amount column (-amount)")
	}
	cuts := []Cut{{Name: "cycle", Values: cycle, Given: cycle != nil, Time: true}, {Name: "amount", Values: amount, Given: amount != nil}}
	if cycle != nil {
		if err := checkCuts("-cycle", cycle, 2); err != nil {
			return nil, err
		}
	}
	if amount != nil {
		if err := checkCuts("-amount-cuts", amount, 2); err != nil {
			return nil, err
		}
	}
	if repeat == 0 && (cycle == nil || amount == nil) {
		return nil, errors.New("no customer bought twice or more: CRVP's purchase cycle is the time between purchases, and its default thresholds are the tertiles of the repeat buyers; give a longer log, or both -cycle and -amount-cuts")
	}
	w := weights(cs)
	var cl, al levelled
	var wg sync.WaitGroup
	wg.Go(func() { cl = levels(cyc, w, cycle, 3) }) // the two measures sort apart: one a core
	al = levels(amt, w, amount, 3)
	wg.Wait()
	cuts[0].Values, cuts[1].Values = cl.cuts, al.cuts
	res := newResult(CRVP, n, slices.Clone(crvpGroups), "cycle", "amount", "cycle_level", "amount_level")
	size := []Text{{"large", "大"}, {"medium", "中"}, {"small", "小"}}
	length := []Text{{"short", "短"}, {"medium", "中"}, {"long", "长"}}
	res.Grid = newGrid(Text{"Purchase amount", "购买金额"}, Text{"Purchase cycle", "购买周期"}, size, length, crvpCells)
	res.Grid.Apart = []int{crvpNew}
	for i, c := range cs {
		res.Scores[0][i], res.Scores[1][i] = c.Cycle, c.Amount
		if math.IsNaN(c.Cycle) {
			res.Scores[2][i], res.Scores[3][i] = math.NaN(), math.NaN()
			res.count(i, crvpNew, c, c.Spend, -1, 0)
			continue
		}
		c3, a3 := cl.of(i), al.of(i)
		res.Scores[2][i], res.Scores[3][i] = float64(c3+1), float64(a3+1)
		row := 2 - a3
		res.count(i, crvpCells[row][c3], c, c.Spend, row, c3)
	}
	res.Cuts = cuts
	return res, nil
}

// levelled is a measure split into groups: at given cut points, or at
// its quantiles.
type levelled struct {
	values []float64
	cuts   []float64
	s      *sample // nil with given cuts
	g      []uint8 // the group of each of s's distinct values
}

// levels splits values into len(given)+1 groups at given, or (given nil)
// into k groups at the quantiles.
func levels(values, w, given []float64, k int) levelled {
	if given != nil {
		return levelled{values: values, cuts: given}
	}
	s := newSample(values, w)
	c := s.cuts(k)
	return levelled{values: values, cuts: c, s: s, g: s.groups(c)}
}

// of is value i's group (0 the lowest).
func (l levelled) of(i int) int {
	if l.s == nil {
		return group(l.values[i], l.cuts)
	}
	return int(l.g[l.s.rank[i]])
}
