package segment

import (
	"errors"
	"fmt"
	"slices"
)

// DefaultABC are ABC's default cut points: A is the most valuable
// customers who hold the first 80% of the value, B those who hold the
// next 15%, C the rest.
var DefaultABC = []float64{0.80, 0.95}

var abcGroups = []Group{
	{ID: "A", Name: Text{"A", "A 类"}},
	{ID: "B", Name: Text{"B", "B 类"}},
	{ID: "C", Name: Text{"C", "C 类"}},
}

// paretoPoints is the most points the Pareto curve keeps.
const paretoPoints = 400

// ClassifyABC ranks the customers by value (spend), the most valuable
// first, and classes them by the share of the total value held by the
// customers ranked above them: A while it is below cuts[0], B while below
// cuts[1], C after (nil cuts: DefaultABC). Customers of equal value are
// one block, classed together by the share held above the block. The
// scores are the value and the cumulative share of the value held by the
// customers of at least this value.
func ClassifyABC(cs []Customer, cuts []float64) (*Result, error) {
	given := cuts != nil
	if cuts == nil {
		cuts = DefaultABC
	}
	if err := checkCuts("-cuts", cuts, 2); err != nil {
		return nil, err
	}
	if !(cuts[0] > 0 && cuts[1] < 1) {
		return nil, fmt.Errorf("-cuts %v,%v: give two shares of the value between 0 and 1, such as 0.8,0.95", cuts[0], cuts[1])
	}
	if len(cs) == 0 {
		return nil, errors.New("no customers to segment")
	}
	n := len(cs)
	value := make([]float64, n)
	for i, c := range cs {
		if !(c.Spend >= 0) {
			return nil, fmt.Errorf("customer %q has a negative value %v: ABC ranks customers by the value they bring", c.ID, c.Spend)
		}
		value[i] = c.Spend
	}
	w := weights(cs)
	s := newSample(value, w)
	// Walk the blocks of equal value from the top: the value held above
	// each block gives its class; the cumulative share at each block is
	// its customers' score.
	total := 0.0
	for k, v := range s.values {
		total += v * (s.upto[k] - s.below[k])
	}
	if !(total > 0) {
		return nil, errors.New("no customer has any value (spend): ABC needs amounts; give the log's amount column (-amount)")
	}
	nb := len(s.values)
	class := make([]uint8, nb)
	share := make([]float64, nb)
	above := 0.0
	pts := []Point{{0, 0}}
	step := max(1, nb/paretoPoints)
	for k := nb - 1; k >= 0; k-- {
		held := above / total
		switch {
		case held < cuts[0]:
			class[k] = 0
		case held < cuts[1]:
			class[k] = 1
		default:
			class[k] = 2
		}
		above += s.values[k] * (s.upto[k] - s.below[k])
		share[k] = above / total
		if (nb-1-k)%step == 0 || k == 0 {
			pts = append(pts, Point{Customers: (s.total - s.below[k]) / s.total, Value: share[k]})
		}
	}
	if last := pts[len(pts)-1]; last != (Point{1, 1}) {
		pts = append(pts, Point{1, 1})
	}
	res := newResult(ABC, n, append([]Group(nil), abcGroups...), "value", "cumulative_share")
	res.Grid = newGrid(Text{"", ""}, Text{"Class", "类别"}, []Text{{"Customers", "客户"}}, []Text{{"A", "A 类"}, {"B", "B 类"}, {"C", "C 类"}}, [][]int{{0, 1, 2}})
	for i, c := range cs {
		k := s.rank[i]
		g := int(class[k])
		res.Scores[0][i], res.Scores[1][i] = c.Spend, share[k]
		res.count(i, g, c, c.Spend, 0, g)
	}
	res.Pareto = slices.Clip(pts)
	res.Cuts = []Cut{{Name: "value share", Values: slices.Clone(cuts), Given: given, Preset: !given}}
	return res, nil
}
