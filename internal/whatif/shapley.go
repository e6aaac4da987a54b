package whatif

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
)

// ShapleyExact returns the Shapley values phi[i][k] of n players for each
// output k of value, from all 2^n coalitions (bit i of a mask set: player
// i is in):
//
//	phi_i = Σ_{S ⊆ N∖{i}} |S|!·(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S)).
//
// They sum to v(N) − v(∅) (efficiency). value is called once per
// coalition, concurrently; n must be at most 20.
func ShapleyExact(n int, value func(mask uint64) ([]float64, error)) ([][]float64, error) {
	if n < 0 || n > 20 {
		return nil, fmt.Errorf("whatif: exact Shapley values for %d players; at most 20", n)
	}
	size := 1 << n
	v := make([][]float64, size)
	if err := parallel(size, func(m int) error {
		out, err := value(uint64(m))
		v[m] = out
		return err
	}); err != nil {
		return nil, err
	}
	outputs := len(v[0])
	// weight[s] = s!(n−s−1)!/n!, computed as a product to stay exact-ish.
	weight := make([]float64, n)
	for s := range n {
		w := 1.0 / float64(n)
		// s!(n−1−s)!/(n−1)! = 1/C(n−1, s)
		w /= binomial(n-1, s)
		weight[s] = w
	}
	phi := make([][]float64, n)
	for i := range n {
		phi[i] = make([]float64, outputs)
		bit := 1 << i
		for m := range size {
			if m&bit != 0 {
				continue
			}
			w := weight[popcount(uint64(m))]
			for k := range outputs {
				phi[i][k] += w * (v[m|bit][k] - v[m][k])
			}
		}
	}
	return phi, nil
}

// ShapleySampled estimates the Shapley values of n players by averaging
// each player's marginal contribution over random orderings: ordering p is
// drawn from PCG(seed, p). It returns the estimates, their standard errors
// (standard deviation over orderings / √orderings) and the number of
// calls of value. Every ordering's contributions sum to v(N) − v(∅), so
// the estimates do too.
func ShapleySampled(n, orderings int, seed uint64, value func(mask uint64) ([]float64, error)) (phi, stderr [][]float64, calls int, err error) {
	if n < 1 || n > maxPlayers {
		return nil, nil, 0, fmt.Errorf("whatif: sampled Shapley values for %d players; 1 to %d", n, maxPlayers)
	}
	if orderings < 2 {
		return nil, nil, 0, errors.New("whatif: at least 2 orderings are needed for a standard error")
	}
	full := uint64(1)<<n - 1
	if n == 64 {
		full = math.MaxUint64
	}
	empty, err := value(0)
	if err != nil {
		return nil, nil, 0, err
	}
	all, err := value(full)
	if err != nil {
		return nil, nil, 0, err
	}
	outputs := len(empty)
	// contrib[p][i][k]: player i's contribution to output k in ordering p.
	contrib := make([][][]float64, orderings)
	if err := parallel(orderings, func(p int) error {
		rng := rand.New(rand.NewPCG(seed, uint64(p)))
		order := rng.Perm(n)
		c := make([][]float64, n)
		prev, mask := empty, uint64(0)
		for step, i := range order {
			mask |= 1 << i
			cur := all
			if step < n-1 {
				var err error
				if cur, err = value(mask); err != nil {
					return err
				}
			}
			c[i] = make([]float64, outputs)
			for k := range outputs {
				c[i][k] = cur[k] - prev[k]
			}
			prev = cur
		}
		contrib[p] = c
		return nil
	}); err != nil {
		return nil, nil, 0, err
	}
	phi, stderr = make([][]float64, n), make([][]float64, n)
	for i := range n {
		phi[i], stderr[i] = make([]float64, outputs), make([]float64, outputs)
		for k := range outputs {
			mean := 0.0
			for p := range orderings {
				mean += contrib[p][i][k]
			}
			mean /= float64(orderings)
			ss := 0.0
			for p := range orderings {
				d := contrib[p][i][k] - mean
				ss += d * d
			}
			phi[i][k] = mean
			stderr[i][k] = math.Sqrt(ss/float64(orderings-1)) / math.Sqrt(float64(orderings))
		}
	}
	return phi, stderr, 2 + orderings*(n-1), nil
}

func binomial(n, k int) float64 {
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}

func popcount(m uint64) int {
	c := 0
	for ; m != 0; m &= m - 1 {
		c++
	}
	return c
}
