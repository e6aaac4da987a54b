package uncertainty

import (
	"math"
	"math/bits"
	"slices"
	"sync"
	"sync/atomic"

	"gonum.org/v1/gonum/floats"

	"clvlab/sim"
)

// Stats summarises the values of one figure over the trials: their mean,
// standard deviation and the 5th, 25th, 50th, 75th and 95th percentiles. Percentiles are gonum's
// stat.Quantile with stat.Empirical on the sorted values: the p-quantile of
// N values is the ⌈p·N⌉-th smallest, with no interpolation, so every
// percentile is a value some trial produced.
type Stats struct {
	Mean float64 `json:"mean"`
	// StdDev is the sample standard deviation (divisor N−1; 0 for one
	// trial). StdDev/√N is the standard error of Mean.
	StdDev float64 `json:"sd"`
	P5     float64 `json:"p5"`
	P25    float64 `json:"p25"`
	P50    float64 `json:"p50"`
	P75    float64 `json:"p75"`
	P95    float64 `json:"p95"`
}

// Percentiles are the probabilities of Stats' percentiles, in field order.
var Percentiles = [5]float64{0.05, 0.25, 0.50, 0.75, 0.95}

// Bands is the result of a Monte Carlo run: per period, the spread of the
// customer base and cash flows, and the spread of the headline figures.
type Bands struct {
	Trials int    // number of trials
	Seed   uint64 // the run's seed
	// Customers[i][t] is the number of customers in stage i during period
	// t, all segments together: a competitor's customers in a competitor
	// stage (sim.Model.Competitor).
	Customers [][]Stats
	// ActiveCustomers[t] is the number of our customers, in any of our
	// stages, during period t.
	ActiveCustomers []Stats
	// NetCashFlow[t] is period t's net cash flow, acquisition and win-back
	// spend included, undiscounted.
	NetCashFlow []Stats
	// CumulativeDiscountedNetCashFlow[t] is the discounted net cash flow of
	// periods 0..t; at the last period it is the customer equity.
	CumulativeDiscountedNetCashFlow []Stats
	// MarketShare[t], in a market with competitor stages
	// (sim.Model.Competitor), is our share of the market in period t: our
	// customers over ours and the competitors', 0 for an empty market
	// (sim.Market.Share). Nil without competitors.
	MarketShare []Stats
	// CompetitorShare[i][t], for a competitor stage i, is that
	// competitor's share of the market in period t
	// (sim.Result.MarketShare); nil for our stages, and without
	// competitors.
	CompetitorShare [][]Stats
	// CLV is a trial's realised present value, at acquisition, of the net
	// cash flows of the cohort acquired in period 0, divided by its size:
	// what one customer of that cohort turned out to be worth, acquisition
	// cost excluded (as sim.Summary.CLV, whose expectation it shares). It
	// is over the CLVTrials trials whose first cohort was not empty, and
	// zero when there are none.
	CLV       Stats
	CLVTrials int
	// CustomerEquity is a trial's present value of every cohort acquired
	// within the horizon, acquisition spend included (sim.Summary's
	// CustomerEquity).
	CustomerEquity Stats
	// NegativeEquity is the share of trials whose customer equity is below
	// zero.
	NegativeEquity float64
	// Payback is the share of trials, among the CLVTrials, in which the
	// first cohort's cumulative undiscounted net cash flow, from minus its
	// acquisition spend, reaches zero within the horizon; undefined when
	// CLVTrials is 0.
	Payback sim.Optional
	// Draws is the number of random variates drawn over all trials
	// (binomial, Poisson, parameter and rounding draws).
	Draws int64
}

// summarize returns the Stats of x, reordering x. The mean and standard
// deviation sum x in trial order. Each percentile is the value gonum's stat.Quantile(p,
// stat.Empirical, x, nil) returns for the sorted x (TestSummarizeMatchesGonum
// checks it), found by selection instead of a full sort: the median is
// selected first, then each quartile within its half and each outer
// percentile beyond its quartile, about five passes over x in all.
func summarize(x []float64) Stats {
	n := len(x)
	if n == 0 {
		return Stats{}
	}
	st := Stats{Mean: floats.Sum(x) / float64(n)}
	if n > 1 {
		ss := 0.0
		for _, v := range x {
			d := v - st.Mean
			ss += d * d
		}
		st.StdDev = math.Sqrt(ss / float64(n-1))
	}
	var k [5]int
	for i, p := range Percentiles {
		k[i] = empiricalRank(p, n)
	}
	selectRank(x, k[2])
	selectRank(x[:k[2]+1], k[1])
	selectRank(x[:k[1]+1], k[0])
	selectRank(x[k[2]:], k[3]-k[2])
	selectRank(x[k[3]:], k[4]-k[3])
	st.P5, st.P25, st.P50, st.P75, st.P95 = x[k[0]], x[k[1]], x[k[2]], x[k[3]], x[k[4]]
	return st
}

// empiricalRank returns the 0-based rank of stat.Empirical's p-quantile of
// n sorted values: the first i with i+1 ≥ p·n, in the same floating-point
// arithmetic as gonum.
func empiricalRank(p float64, n int) int {
	return min(n-1, max(0, int(math.Ceil(p*float64(n)))-1))
}

// selectRank reorders x so that x[k] is the value a sort would put there,
// with no larger value before it and no smaller one after it
// (Hoare's selection with a median-of-three pivot; a slice it cannot
// shrink fast enough is sorted instead).
func selectRank(x []float64, k int) {
	lo, hi := 0, len(x)-1
	for budget := 2 * bits.Len(uint(len(x))); hi-lo > 16; budget-- {
		if budget == 0 {
			slices.Sort(x[lo : hi+1])
			return
		}
		mid := lo + (hi-lo)/2
		if x[mid] < x[lo] {
			x[mid], x[lo] = x[lo], x[mid]
		}
		if x[hi] < x[lo] {
			x[hi], x[lo] = x[lo], x[hi]
		}
		if x[hi] < x[mid] {
			x[hi], x[mid] = x[mid], x[hi]
		}
		pivot := x[mid]
		i, j := lo, hi
		for i <= j {
			for x[i] < pivot {
				i++
			}
			for pivot < x[j] {
				j--
			}
			if i <= j {
				x[i], x[j] = x[j], x[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return // x[j+1 .. i-1] all equal the pivot
		}
	}
	slices.Sort(x[lo : hi+1])
}

// bands summarises the recorded trials, using up to nw goroutines. The
// columns are independent, so the result does not depend on nw.
func (s *Simulator) bands(nw int) *Bands {
	b, stats := s.newBands()
	cols := len(stats)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range nw {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				c := int(next.Add(1)) - 1
				if c >= cols {
					return
				}
				s.summarizeColumn(stats, c)
			}
		}()
	}
	wg.Wait()
	s.finishBands(b)
	return b
}

// newBands returns the bands of the run with their per-period Stats not
// yet summarised, and those Stats as one slice of columns: the stages,
// then active customers, net cash flow and cumulative discounted net cash
// flow, then in a market our share and each competitor's, each by period
// (column c summarises samples column c).
func (s *Simulator) newBands() (*Bands, []Stats) {
	n, h := s.n, s.m.Horizon
	stats := make([]Stats, s.series*h)
	b := &Bands{
		Trials:                          s.trials,
		Seed:                            s.cfg.Seed,
		Customers:                       make([][]Stats, n),
		ActiveCustomers:                 stats[n*h : (n+1)*h : (n+1)*h],
		NetCashFlow:                     stats[(n+1)*h : (n+2)*h : (n+2)*h],
		CumulativeDiscountedNetCashFlow: stats[(n+2)*h : (n+3)*h : (n+3)*h],
	}
	for i := range n {
		b.Customers[i] = stats[i*h : (i+1)*h : (i+1)*h]
	}
	if len(s.rivals) > 0 {
		b.MarketShare = stats[(n+3)*h : (n+4)*h : (n+4)*h]
		b.CompetitorShare = make([][]Stats, n)
		for r, i := range s.rivals {
			c := n + 4 + r
			b.CompetitorShare[i] = stats[c*h : (c+1)*h : (c+1)*h]
		}
	}
	return b, stats
}

// summarizeColumn sets stats[c] to the Stats of the trials' values of
// samples column c.
func (s *Simulator) summarizeColumn(stats []Stats, c int) {
	stats[c] = summarize(s.samples[c*s.trials : (c+1)*s.trials])
}

// finishBands sets b's headline figures: the share of trials with
// negative equity, the draws, and CLV, payback and customer equity.
func (s *Simulator) finishBands(b *Bands) {
	trials := s.trials
	negative, paid := 0, 0
	b.Draws = 0
	for i := range trials {
		if s.equity[i] < 0 {
			negative++
		}
		if s.paid[i] == 1 {
			paid++
		}
		b.Draws += s.draws[i]
	}
	b.NegativeEquity = float64(negative) / float64(trials)
	clv := make([]float64, 0, trials)
	for _, v := range s.clv {
		if !math.IsNaN(v) {
			clv = append(clv, v)
		}
	}
	b.CLVTrials = len(clv)
	b.CLV = summarize(clv)
	if len(clv) > 0 {
		b.Payback = sim.Some(float64(paid) / float64(len(clv)))
	}
	b.CustomerEquity = summarize(slices.Clone(s.equity))
}
