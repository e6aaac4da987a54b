package segment

import (
	"math"
	"sort"
)

// sample is a set of values with weights (the customers a row stands
// for), sorted once so that its cut points and ranks are quick to find.
type sample struct {
	// values are the distinct values, ascending; below[k] is the weight
	// of the values below values[k], upto[k] of those at or below it.
	values, below, upto []float64
	total               float64
	// rank[i] is the index in values of input value i (−1 for NaN).
	rank []int32
}

// newSample sorts values (weights: nil, or one per value). NaN values are
// left out.
func newSample(values, weights []float64) *sample {
	n := len(values)
	keys, idx := make([]uint64, 0, n), make([]int32, 0, n)
	for i, x := range values {
		if math.IsNaN(x) {
			continue
		}
		if x == 0 {
			x = 0 // −0 and +0 are one value
		}
		keys, idx = append(keys, orderKey(x)), append(idx, int32(i))
	}
	s := &sample{rank: make([]int32, n)}
	for i := range s.rank {
		s.rank[i] = -1
	}
	if len(keys) == 0 {
		return s
	}
	keys, idx = sortKeys(keys, idx, make([]uint64, len(keys)), make([]int32, len(keys)))
	distinct := 1
	for i := 1; i < len(keys); i++ {
		if keys[i] != keys[i-1] {
			distinct++
		}
	}
	s.values, s.below, s.upto = make([]float64, 0, distinct), make([]float64, 0, distinct), make([]float64, 0, distinct)
	acc := 0.0
	for i := 0; i < len(keys); {
		k := int32(len(s.values))
		s.values = append(s.values, values[idx[i]])
		s.below = append(s.below, acc)
		j := i
		for ; j < len(keys) && keys[j] == keys[i]; j++ {
			s.rank[idx[j]] = k
			if weights == nil {
				acc++
			} else {
				acc += weights[idx[j]]
			}
		}
		s.upto = append(s.upto, acc)
		i = j
	}
	s.total = acc
	return s
}

// groups returns the group (sample.group) of each distinct value.
func (s *sample) groups(cuts []float64) []uint8 {
	g := make([]uint8, len(s.values))
	for k, v := range s.values {
		g[k] = uint8(group(v, cuts))
	}
	return g
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
