package uncertainty

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"
)

// binomialCases cover both of binomial's methods (inversion below n·p = 10,
// BTRS above), p above ½ (drawn as n minus a draw with 1−p), and counts up
// to the largest the engine allows.
var binomialCases = []struct{ n, p float64 }{
	{1, 0.5}, {7, 0.3}, {20, 0.45}, {100, 0.005}, {1000, 0.009}, // inversion
	{30, 0.4}, {200, 0.05}, {1000, 0.3}, {1e6, 0.03}, {1e6, 0.4}, // BTRS
	{50, 0.9}, {1e5, 0.97}, // p > ½
	{1e12, 1e-11}, {1e12, 0.2}, // huge n
}

// TestBinomialMatchesDistuv: 1,000,000 draws of binomial(n, p) fit the
// binomial distribution function (chi-square over bins of roughly equal
// probability) and have its mean np and variance npq.
//
// The reference distribution function is gonum's distuv.Binomial.CDF up to
// n = 10⁶. For n = 10¹² that function is wrong (it returns −30.8 at the
// mean of Binomial(10¹², 0.2)), so the reference is then Poisson(np) when
// p = 10⁻¹¹ (the two differ by less than p·np = 10⁻¹⁰, Le Cam's bound) and
// the normal with continuity correction when p = 0.2 (skewness 1.5·10⁻⁶, so
// an error of order 10⁻⁷ in each bin probability, far below what 1,000,000
// draws resolve).
//
// Tolerances: the chi-square statistic must stay below the 0.999 quantile
// of the chi-square distribution with bins−1 degrees of freedom; the mean
// within 4 standard errors √(npq/N), the variance within 4 standard errors
// σ²·√((κ+2+2/(N−1))/N), with κ = (1−6pq)/(npq) the excess kurtosis (the
// exact variance of a sample variance). With the fixed seeds below each
// check would fail by chance for about one seed in 1,000 (chi-square) or
// 16,000 (moments).
func TestBinomialMatchesDistuv(t *testing.T) {
	const draws = 1_000_000
	for ci, c := range binomialCases {
		t.Run(fmt.Sprintf("n=%g/p=%g", c.n, c.p), func(t *testing.T) {
			ref := reference(c.n, c.p)
			src := rand.NewPCG(uint64(ci), 42)
			x := make([]float64, draws)
			sum := 0.0
			for i := range x {
				x[i] = binomial(src, c.n, c.p)
				if x[i] != math.Floor(x[i]) || x[i] < 0 || x[i] > c.n {
					t.Fatalf("draw %v is not a whole number in [0, %v]", x[i], c.n)
				}
				sum += x[i]
			}
			mean := sum / draws
			ss := 0.0
			for _, v := range x {
				ss += (v - mean) * (v - mean)
			}
			variance := ss / (draws - 1)
			npq := c.n * c.p * (1 - c.p)
			if se := math.Sqrt(npq / draws); math.Abs(mean-c.n*c.p) > 4*se {
				t.Errorf("mean %v, want %v ± 4·%v", mean, c.n*c.p, se)
			}
			kurt := (1 - 6*c.p*(1-c.p)) / npq
			if se := npq * math.Sqrt((kurt+2+2.0/(draws-1))/draws); math.Abs(variance-npq) > 4*se {
				t.Errorf("variance %v, want %v ± 4·%v", variance, npq, se)
			}
			chi, df := chiSquare(x, c.n, ref)
			if limit := (distuv.ChiSquared{K: float64(df)}).Quantile(0.999); chi > limit {
				t.Errorf("chi-square %.1f with %d degrees of freedom, above the 0.999 quantile %.1f", chi, df, limit)
			}
		})
	}
}

// reference returns the distribution function the draws of Binomial(n, p)
// are checked against (see TestBinomialMatchesDistuv).
func reference(n, p float64) func(k float64) float64 {
	switch {
	case n <= 1e6:
		return distuv.Binomial{N: n, P: p}.CDF
	case n*p < 100:
		return distuv.Poisson{Lambda: n * p}.CDF
	}
	normal := distuv.Normal{Mu: n * p, Sigma: math.Sqrt(n * p * (1 - p))}
	return func(k float64) float64 { return normal.CDF(k + 0.5) }
}

// chiSquare bins the draws of a distribution on 0..n at the j/40-quantiles
// of cdf (j = 1..39; fewer bins where the distribution has fewer values)
// and returns the chi-square statistic and its degrees of freedom.
func chiSquare(x []float64, n float64, cdf func(float64) float64) (float64, int) {
	var edges []float64 // bin j holds the draws in (edges[j−1], edges[j]]
	for j := 1; j < 40; j++ {
		// The smallest k with P(X ≤ k) ≥ j/40, by bisection.
		lo, hi := 0.0, n
		for lo < hi {
			mid := math.Floor((lo + hi) / 2)
			if cdf(mid) >= float64(j)/40 {
				hi = mid
			} else {
				lo = mid + 1
			}
		}
		if lo < n && (len(edges) == 0 || lo > edges[len(edges)-1]) {
			edges = append(edges, lo)
		}
	}
	counts := make([]float64, len(edges)+1)
	for _, v := range x {
		b, _ := slices.BinarySearch(edges, v) // first edge ≥ v
		counts[b]++
	}
	chi, prev := 0.0, 0.0
	for i := range counts {
		p := 1.0
		if i < len(edges) {
			p = cdf(edges[i])
		}
		expect := (p - prev) * float64(len(x))
		prev = p
		chi += (counts[i] - expect) * (counts[i] - expect) / expect
	}
	return chi, len(counts) - 1
}

// TestStirlingTail: the table and the series agree with math.Lgamma, to
// 1e-14 for the table (Lgamma's own rounding) and within the series'
// truncation error 1/(1680(x+1)⁷) plus Lgamma's rounding beyond.
func TestStirlingTail(t *testing.T) {
	for _, x := range []float64{0, 1, 2, 5, 9, 10, 11, 20, 50, 100} {
		lg, _ := math.Lgamma(x + 1)
		want := lg - ((x+0.5)*math.Log(x+1) - (x + 1) + 0.5*math.Log(2*math.Pi))
		tol := 1e-14 + 1/(1680*math.Pow(x+1, 7)) + 4e-16*math.Abs(lg)
		if got := stirlingTail(x); math.Abs(got-want) > tol {
			t.Errorf("stirlingTail(%v) = %.17g, Lgamma gives %.17g (tolerance %g)", x, got, want, tol)
		}
	}
}

// TestLogRatio: logRatio equals the log ratio of distuv.Binomial's
// probabilities where both are accurate (moderate n), to 1e-9.
func TestLogRatio(t *testing.T) {
	for _, c := range []struct{ n, p, k float64 }{{100, 0.3, 20}, {1000, 0.1, 130}, {5000, 0.45, 2200}, {40, 0.5, 20}} {
		ref := distuv.Binomial{N: c.n, P: c.p}
		m := math.Floor((c.n + 1) * c.p)
		want := ref.LogProb(c.k) - ref.LogProb(m)
		if got := logRatio(c.n, c.p, c.k, m); math.Abs(got-want) > 1e-9 {
			t.Errorf("logRatio(%v, %v, %v, %v) = %v, distuv gives %v", c.n, c.p, c.k, m, got, want)
		}
	}
}

// TestBinomialEdges: no draw for n = 0, p = 0 or p = 1.
func TestBinomialEdges(t *testing.T) {
	src := rand.NewPCG(1, 1)
	for _, c := range []struct{ n, p, want float64 }{{0, 0.5, 0}, {10, 0, 0}, {10, 1, 10}, {1e12, 1, 1e12}} {
		if got := binomial(src, c.n, c.p); got != c.want {
			t.Errorf("binomial(%v, %v) = %v, want %v", c.n, c.p, got, c.want)
		}
	}
}

// BenchmarkBinomial compares this package's sampler with distuv.Binomial
// (docs/benchmarks.md).
func BenchmarkBinomial(b *testing.B) {
	var sink float64
	for _, c := range []struct{ n, p float64 }{{20, 0.3}, {1000, 0.005}, {1000, 0.3}, {1e6, 0.03}, {1e6, 0.4}, {1e12, 0.2}} {
		b.Run(fmt.Sprintf("clvlab/n=%g/p=%g", c.n, c.p), func(b *testing.B) {
			src := rand.NewPCG(1, 2)
			b.ReportAllocs()
			for b.Loop() {
				sink += binomial(src, c.n, c.p)
			}
		})
		b.Run(fmt.Sprintf("distuv/n=%g/p=%g", c.n, c.p), func(b *testing.B) {
			src := rand.NewPCG(1, 2)
			b.ReportAllocs()
			for b.Loop() {
				sink += distuv.Binomial{N: c.n, P: c.p, Src: src}.Rand()
			}
		})
	}
	_ = sink
}
