package segment

import (
	"math"
	"slices"
	"sort"
)

// sample is a set of values with weights (the customers a row stands
// for), sorted once so that its cut points and ranks are quick to find.
type sample struct {
	// values are the distinct values, ascending; below[i] is the weight
	// of the values below values[i], upto[i] of those at or below it.
	values, below, upto []float64
	total               float64
}

// newSample sorts values (weights: nil, or one per value). NaN values are
// left out.
func newSample(values, weights []float64) *sample {
	s := &sample{}
	if weights == nil || allOnes(weights) {
		v := make([]float64, 0, len(values))
		for _, x := range values {
			if !math.IsNaN(x) {
				v = append(v, x)
			}
		}
		slices.Sort(v)
		for i := 0; i < len(v); {
			j := i + 1
			for j < len(v) && v[j] == v[i] {
				j++
			}
			s.values = append(s.values, v[i])
			s.below = append(s.below, float64(i))
			s.upto = append(s.upto, float64(j))
			i = j
		}
		s.total = float64(len(v))
		return s
	}
	type vw struct{ v, w float64 }
	v := make([]vw, 0, len(values))
	for i, x := range values {
		if !math.IsNaN(x) {
			v = append(v, vw{x, weights[i]})
		}
	}
	slices.SortFunc(v, func(a, b vw) int {
		switch {
		case a.v < b.v:
			return -1
		case a.v > b.v:
			return 1
		}
		return 0
	})
	acc := 0.0
	for i := 0; i < len(v); {
		s.values = append(s.values, v[i].v)
		s.below = append(s.below, acc)
		j := i
		for ; j < len(v) && v[j].v == v[i].v; j++ {
			acc += v[j].w
		}
		s.upto = append(s.upto, acc)
		i = j
	}
	s.total = acc
	return s
}

func allOnes(w []float64) bool {
	for _, x := range w {
		if x != 1 {
			return false
		}
	}
	return true
}

// cuts returns the k−1 cut points that split the sample into k groups of
// about equal weight: cut j (j = 1 … k−1) is the value v among the
// sample's at which the share of the weight at or below v is nearest j/k
// (the lower value when two are as near). A value equal to a cut falls in
// the lower group, so equal values always share a group; when many values
// are equal, two cuts may coincide and a group stay empty.
func (s *sample) cuts(k int) []float64 {
	out := make([]float64, k-1)
	for j := 1; j < k; j++ {
		target := s.total * float64(j) / float64(k)
		// i: the first distinct value with at least target at or below it
		i := sort.Search(len(s.values), func(i int) bool { return s.upto[i] >= target })
		switch {
		case i == len(s.values):
			i--
		case i > 0 && target-s.upto[i-1] <= s.upto[i]-target:
			i--
		}
		out[j-1] = s.values[i]
	}
	return out
}

// group is the 0-based group of v among cuts (ascending): the number of
// cuts below v.
func group(v float64, cuts []float64) int {
	g := 0
	for _, c := range cuts {
		if v > c {
			g++
		}
	}
	return g
}
