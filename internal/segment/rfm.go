package segment

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sync"
)

// The RFM segments, in display order, and the rules that name them (the
// first rule that holds, on the recency score R and frequency score F;
// together they cover the 5×5 grid once):
var rfmGroups = []Group{
	{ID: "champions", Name: Text{"Champions", "冠军客户"}},                     // R ≥ 4, F ≥ 4
	{ID: "loyal", Name: Text{"Loyal", "忠诚客户"}},                             // R = 3, F ≥ 4
	{ID: "potential-loyalists", Name: Text{"Potential loyalists", "潜力客户"}}, // R ≥ 4, F 2–3
	{ID: "new", Name: Text{"New", "新客户"}},                                  // R ≥ 4, F = 1
	{ID: "need-attention", Name: Text{"Need attention", "需关注客户"}},          // R = 3, F ≤ 3
	{ID: "at-risk", Name: Text{"At risk", "有流失风险"}},                        // R ≤ 2, F ≥ 3
	{ID: "hibernating", Name: Text{"Hibernating", "休眠客户"}},                 // R = 2, F ≤ 2
	{ID: "lost", Name: Text{"Lost", "流失客户"}},                               // R = 1, F ≤ 2
}

// rfmSegment is the group of scores r and f (1 to 5) by the rules of
// rfmGroups.
func rfmSegment(r, f int) int {
	switch {
	case r >= 4 && f >= 4:
		return 0
	case r == 3 && f >= 4:
		return 1
	case r >= 4 && f >= 2:
		return 2
	case r >= 4:
		return 3
	case r == 3:
		return 4
	case f >= 3:
		return 5
	case r == 2:
		return 6
	}
	return 7
}

// RFMRule describes the rules of rfmGroups, in their order, for the docs
// and the page.
var RFMRule = []Text{
	{"R ≥ 4 and F ≥ 4", "R ≥ 4 且 F ≥ 4"},
	{"R = 3 and F ≥ 4", "R = 3 且 F ≥ 4"},
	{"R ≥ 4 and F 2–3", "R ≥ 4 且 F 为 2–3"},
	{"R ≥ 4 and F = 1", "R ≥ 4 且 F = 1"},
	{"R = 3 and F ≤ 3", "R = 3 且 F ≤ 3"},
	{"R ≤ 2 and F ≥ 3", "R ≤ 2 且 F ≥ 3"},
	{"R = 2 and F ≤ 2", "R = 2 且 F ≤ 2"},
	{"R = 1 and F ≤ 2", "R = 1 且 F ≤ 2"},
}

// fixedFrequencyCuts score frequency on counts: 1, 2, 3, 4 and 5 or more
// purchases.
var fixedFrequencyCuts = []float64{1, 2, 3, 4}

// collapsed says whether two quintile cuts coincide (ties leave a score
// empty).
func collapsed(cuts []float64) bool {
	for j := 1; j < len(cuts); j++ {
		if cuts[j] == cuts[j-1] {
			return true
		}
	}
	return false
}

// ClassifyRFM scores each customer 1 to 5 on recency (time since the last
// purchase: 5 the most recent fifth), frequency (purchases: 5 the most)
// and monetary value (spend: 5 the most), by quintiles (sample.cuts:
// equal values always share a score, so a score may be empty when many
// customers tie). Frequency is sparse (most customers buy once or
// twice): when ties make two of its quintile cuts coincide, F is scored
// on counts instead, the usual practice: 1, 2, 3, 4, 5 or more
// purchases (fixedFrequencyCuts). Each customer's segment is named from
// R and F by the rules of RFMRule. The grid is R (rows, 5 at the top) by F.
func ClassifyRFM(cs []Customer) (*Result, error) {
	if len(cs) == 0 {
		return nil, errors.New("no customers to segment")
	}
	n := len(cs)
	res := newResult(RFM, n, slices.Clone(rfmGroups), "recency", "frequency", "monetary", "R", "F", "M")
	rec, freq, spend := res.Scores[0], res.Scores[1], res.Scores[2]
	for i, c := range cs {
		rec[i], freq[i], spend[i] = c.Recency, c.Purchases, c.Spend
		if math.IsNaN(c.Recency + c.Purchases + c.Spend) {
			return nil, fmt.Errorf("customer %q has no recency, frequency or spend (NaN)", c.ID)
		}
	}
	w := weights(cs)
	// The three samples sort apart: one a core.
	var rs, fs, ms *sample
	var wg sync.WaitGroup
	wg.Go(func() { rs = newSample(rec, w) })
	wg.Go(func() { fs = newSample(freq, w) })
	ms = newSample(spend, w)
	wg.Wait()
	rc, fc, mc := rs.cuts(5), fs.cuts(5), ms.cuts(5)
	fixedF := collapsed(fc)
	if fixedF {
		fc = slices.Clone(fixedFrequencyCuts)
	}
	rg, fg, mg := rs.groups(rc), fs.groups(fc), ms.groups(mc)
	var rows, cols []Text
	cell := make([][]int, 5)
	for i := range 5 {
		s := string(rune('5' - i))
		rows = append(rows, Text{"R " + s, "R " + s})
		cols = append(cols, Text{"F " + string(rune('1'+i)), "F " + string(rune('1'+i))})
	}
	for r := range 5 {
		cell[r] = make([]int, 5)
		for f := range 5 {
			cell[r][f] = rfmSegment(5-r, f+1)
		}
	}
	res.Grid = newGrid(Text{"Recency score R", "最近购买得分 R"}, Text{"Frequency score F", "购买频次得分 F"}, rows, cols, cell)
	for i, c := range cs {
		r := 5 - int(rg[rs.rank[i]])
		f := 1 + int(fg[fs.rank[i]])
		m := 1 + int(mg[ms.rank[i]])
		res.Scores[3][i], res.Scores[4][i], res.Scores[5][i] = float64(r), float64(f), float64(m)
		res.count(i, rfmSegment(r, f), c, c.Spend, 5-r, f-1)
	}
	res.Cuts = []Cut{{Name: "recency", Values: rc, Time: true}, {Name: "frequency", Values: fc, Counts: fixedF}, {Name: "monetary", Values: mc}}
	return res, nil
}
