package uncertainty

import (
	"math"
	"math/rand/v2"
)

// binomial returns a Binomial(n, p) variate: the number of successes in n
// independent trials of probability p. n must be a whole number ≥ 0 (it is
// a count of customers, at most 2⁵³) and p in [0, 1].
//
// It is written here rather than taken from gonum's distuv.Binomial because
// that is the bottleneck of a trial: distuv draws large-n variates by
// rejection from a Cauchy proposal with three math.Lgamma calls, a Tan and an
// Exp per attempt (about 260 ns a draw), while a trial of the default
// scenario makes about 1,600 binomial draws with n in the thousands to
// millions. This one (docs/benchmarks.md has the figures) uses:
//
//   - n·min(p, 1−p) < 10: inversion of the distribution function, walking
//     up from 0 with the recurrence P(k)/P(k−1) = (n−k+1)·p/(k·(1−p)) on one
//     uniform (algorithm BINV of Kachitvichyanukul & Schmeiser 1988); it
//     starts over on a new uniform if rounding carries it past
//     110 (a mean below 10 gets there with probability under 10⁻⁶⁰).
//   - otherwise: transformed rejection with squeeze, algorithm BTRS of
//     W. Hörmann, "The generation of binomial random variates", J. Statist.
//     Comput. Simul. 46 (1993) 101–110. About 85% of the draws are accepted
//     by the squeeze on two uniforms; the rest evaluate the exact log ratio
//     f(k)/f(m) in the form that stays accurate for large n (Stirling's
//     series with its tail; see logRatio).
//
// binomial_test.go checks it against distuv.Binomial's distribution
// function (chi-square) and moments over a range of n and p.
func binomial(src *rand.PCG, n, p float64) float64 {
	switch {
	case n <= 0 || p <= 0:
		return 0
	case p >= 1:
		return n
	}
	if p > 0.5 {
		// n − Binomial(n, 1−p), without calling binomial again: 1−p is
		// in (0, ½).
		q := 1 - p
		if n*q < 10 {
			return n - binomialInversion(src, n, q)
		}
		return n - binomialBTRS(src, n, q)
	}
	if n*p < 10 {
		return binomialInversion(src, n, p)
	}
	return binomialBTRS(src, n, p)
}

// uniform returns a uniform variate in [0, 1) from 53 random bits, as
// rand.Rand.Float64 does.
func uniform(src *rand.PCG) float64 {
	return float64(src.Uint64()>>11) * 0x1p-53
}

// binomialInversion draws Binomial(n, p) for p ≤ 0.5 and n·p < 10 by
// sequential search of the distribution function.
func binomialInversion(src *rand.PCG, n, p float64) float64 {
	q0 := math.Exp(n * math.Log1p(-p)) // P(0) = (1−p)ⁿ > e^−10.1 since n·p < 10
	ratio := p / (1 - p)
	for {
		k, pk := 0.0, q0
		u := uniform(src)
		for u > pk {
			u -= pk
			k++
			if k > inversionBound || k > n {
				break
			}
			pk *= (n - k + 1) * ratio / k
		}
		if k <= inversionBound && k <= n {
			return k
		}
	}
}

// inversionBound is where binomialInversion starts over: with a mean below
// 10, P(X > 110) < 10⁻⁶⁰, so only rounding ever gets there.
const inversionBound = 110

// binomialBTRS draws Binomial(n, p) for p ≤ 0.5 and n·p ≥ 10 by Hörmann's
// transformed rejection with squeeze.
func binomialBTRS(src *rand.PCG, n, p float64) float64 {
	q := 1 - p
	spq := math.Sqrt(n * p * q)
	b := 1.15 + 2.53*spq
	a := -0.0873 + 0.0248*b + 0.01*p
	c := n*p + 0.5
	vr := 0.92 - 4.2/b
	for {
		u := uniform(src) - 0.5
		v := uniform(src)
		us := 0.5 - math.Abs(u)
		k := math.Floor((2*a/us+b)*u + c)
		if k < 0 || k > n {
			continue
		}
		if us >= 0.07 && v <= vr {
			return k
		}
		// The squeeze failed: accept k with probability f(k)/(f(m)·hat).
		alpha := (2.83 + 5.1/b) * spq
		m := math.Floor((n + 1) * p)
		if math.Log(v*alpha/(a/(us*us)+b)) <= logRatio(n, p, k, m) {
			return k
		}
	}
}

// logRatio returns log(f(k)/f(m)) for the Binomial(n, p) probabilities f,
// written with Stirling's series log x! = (x+½)·log(x+1) − (x+1) +
// ½·log 2π + tail(x) so that no two large numbers are subtracted:
//
//	(m+½)·log((m+1)/(r·(n−m+1))) + (n+1)·log((n−m+1)/(n−k+1))
//	+ (k+½)·log(r·(n−k+1)/(k+1)) + tail(m) + tail(n−m) − tail(k) − tail(n−k)
//
// with r = p/(1−p). The middle term is computed as (n+1)·log1p((k−m)/(n−k+1)),
// exact to rounding even for n near 10¹².
func logRatio(n, p, k, m float64) float64 {
	r := p / (1 - p)
	return (m+0.5)*math.Log((m+1)/(r*(n-m+1))) +
		(n+1)*math.Log1p((k-m)/(n-k+1)) +
		(k+0.5)*math.Log(r*(n-k+1)/(k+1)) +
		stirlingTail(m) + stirlingTail(n-m) - stirlingTail(k) - stirlingTail(n-k)
}

// stirlingTail returns log x! − ((x+½)·log(x+1) − (x+1) + ½·log 2π) for a
// whole number x ≥ 0: exact values up to 9, the series
// 1/(12(x+1)) − 1/(360(x+1)³) + 1/(1260(x+1)⁵) beyond (error below 10⁻¹¹).
func stirlingTail(x float64) float64 {
	if x < 10 {
		return stirlingTails[int(x)]
	}
	x1 := x + 1
	x1sq := x1 * x1
	return (1.0/12 - (1.0/360-1.0/1260/x1sq)/x1sq) / x1
}

// stirlingTails[x] is stirlingTail(x) for x < 10, from math.Lgamma (see
// TestStirlingTail).
var stirlingTails = [10]float64{
	0.08106146679532726,
	0.04134069595540929,
	0.02767792568499834,
	0.02079067210376509,
	0.01664469118982119,
	0.01387612882307075,
	0.01189670994589177,
	0.01041126526197209,
	0.009255462182712733,
	0.008330563433362871,
}
