package uncertainty

import (
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/stat"

	"clvlab/sim"
)

// lifecycle returns a three-stage model with two segments and win-back
// limited to a window: every path of a trial.
func lifecycle(window int) *sim.Model {
	m := &sim.Model{
		StageIDs: []string{"new", "loyal", "lapsing"}, Period: sim.Month, Horizon: 24,
		DiscountRate: 0.1, NewCustomers: make([]float64, 24), Entry: 0,
		Winback: sim.Winback{Rate: 0.05, CostPerCustomer: 30, To: 1, Window: window},
	}
	for t := range m.NewCustomers {
		m.NewCustomers[t] = 1000.5 // not whole: rounded at random under process noise
	}
	for s, id := range []string{"gold", "rest"} {
		m.Segments = append(m.Segments, sim.Segment{
			ID: id, Share: []float64{0.3, 0.7}[s], AcquisitionCost: 80,
			Stages: []sim.Economics{
				{Revenue: 20, CostToServe: 5, RetentionSpend: 1},
				{Revenue: 60 * float64(2-s), CostToServe: 15, PriceDiscount: 0.1},
				{Revenue: 25, CostToServe: 10},
			},
			Transition: [][]float64{
				{0.5, 0.3, 0.05},
				{0, 0.85, 0.1},
				{0, 0.1, 0.6},
			},
		})
	}
	return m
}

// uncertainConfig is a configuration with every source of randomness.
func uncertainConfig(trials int) Config {
	return Config{
		Trials: trials, Seed: 7, ProcessNoise: true, PoissonAcquisition: true, Rows: RedrawRows,
		Parameters: []Parameter{
			{Name: "stage.loyal.to.loyal", Distribution: Distribution{Family: Beta, A: 85, B: 15},
				Targets: []Target{{Slot{Quantity: TransitionProbability, Segment: 0, Stage: 1, To: 1}, 1}, {Slot{Quantity: TransitionProbability, Segment: 1, Stage: 1, To: 1}, 1}}},
			{Name: "stage.loyal.revenue", Distribution: Distribution{Family: Gamma, A: 25, B: 2.4},
				Targets: []Target{{Slot{Quantity: Revenue, Segment: 0, Stage: 1}, 2}, {Slot{Quantity: Revenue, Segment: 1, Stage: 1}, 1}}},
			{Name: "acquisition.cost_per_customer", Distribution: Distribution{Family: LogNormal, A: math.Log(80) - 0.02, B: 0.2},
				Targets: []Target{{Slot{Quantity: AcquisitionCost, Segment: 0}, 1}, {Slot{Quantity: AcquisitionCost, Segment: 1}, 1}}},
			{Name: "winback.rate", Distribution: Distribution{Family: Beta, A: 5, B: 95},
				Targets: []Target{{Slot{Quantity: WinbackRate}, 1}}},
		},
	}
}

// TestTrialAllocatesNothing: after a warm-up trial, a whole trial (its
// parameter draws, every period and its records) allocates nothing, with
// every source of randomness on and with none.
func TestTrialAllocatesNothing(t *testing.T) {
	derived := uncertainConfig(10)
	derived.Derive = func(m *sim.Model, draws []float64) { m.NewCustomers[0] = 10 * draws[1] }
	for _, c := range []Config{uncertainConfig(10), {Trials: 10}, derived} {
		for _, window := range []int{0, 4} {
			s, err := New(lifecycle(window), c)
			if err != nil {
				t.Fatal(err)
			}
			w := newWorker(s)
			w.trial(0)
			i := 0
			if allocs := testing.AllocsPerRun(20, func() { w.trial(i % 10); i++ }); allocs != 0 {
				t.Errorf("window %d, noise %v: %v allocations per trial, want 0", window, c.ProcessNoise, allocs)
			}
		}
	}
}

// TestSummarizeMatchesGonum: summarize's percentiles are exactly gonum's
// stat.Quantile(p, stat.Empirical) of the sorted values, and its mean and
// standard deviation stat.Mean and stat.StdDev, on data with ties and on
// sizes that make p·N fall on and off whole numbers.
func TestSummarizeMatchesGonum(t *testing.T) {
	src := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{1, 2, 3, 7, 19, 20, 100, 1000, 1001, 4096} {
		for _, ties := range []bool{false, true} {
			x := make([]float64, n)
			for i := range x {
				x[i] = src.NormFloat64()
				if ties {
					x[i] = math.Round(x[i] * 2)
				}
			}
			sorted := slices.Sorted(slices.Values(x))
			mean, sd := stat.Mean(x, nil), stat.StdDev(x, nil)
			got := summarize(slices.Clone(x))
			want := []float64{got.P5, got.P25, got.P50, got.P75, got.P95}
			for i, p := range Percentiles {
				if q := stat.Quantile(p, stat.Empirical, sorted, nil); want[i] != q {
					t.Errorf("n %d ties %v: percentile %v = %v, gonum says %v", n, ties, p, want[i], q)
				}
			}
			if math.Abs(got.Mean-mean) > 1e-12 {
				t.Errorf("n %d: mean %v, gonum %v", n, got.Mean, mean)
			}
			if n > 1 && math.Abs(got.StdDev-sd) > 1e-12 {
				t.Errorf("n %d: sd %v, gonum %v", n, got.StdDev, sd)
			}
		}
	}
}

// TestConfigErrors: a configuration that does not fit the model is
// refused with a message naming the problem.
func TestConfigErrors(t *testing.T) {
	m := lifecycle(4)
	prob := func(q Quantity, seg, stage, to int, d Distribution, scale float64) Config {
		return Config{Parameters: []Parameter{{Name: "p", Distribution: d, Targets: []Target{{Slot{Quantity: q, Segment: seg, Stage: stage, To: to}, scale}}}}}
	}
	beta := Distribution{Family: Beta, A: 2, B: 3}
	for _, c := range []struct {
		cfg  Config
		want string
	}{
		{Config{Trials: MaxTrials + 1}, "100001 trials, must be in [1, 100000]"},
		{Config{Trials: -3}, "-3 trials"},
		{Config{Rows: 7}, "unknown row rule 7"},
		{prob(TransitionProbability, 2, 0, 0, beta, 1), "segment 2 out of range [0, 2)"},
		{prob(TransitionProbability, 0, 3, 0, beta, 1), "stage 3 out of range [0, 3)"},
		{prob(TransitionProbability, 0, 0, -1, beta, 1), "destination stage -1 out of range"},
		{prob(PriceDiscount, 0, 0, 0, Distribution{Family: Gamma, A: 2, B: 0.1}, 1), "needs a Beta distribution and scale 1"},
		{prob(Revenue, 0, 0, 0, Distribution{Family: Gamma, A: 0, B: 1}, 1), "gamma shape 0 must be in (0, 1e+09]"},
		{prob(Revenue, 0, 0, 0, Distribution{Family: LogNormal, A: 1, B: 4}, 1), "lognormal σ = 4 must be in (0, 3]"},
		{prob(Revenue, 0, 0, 0, Distribution{Family: Beta, A: math.NaN(), B: 1}, 1), "must be finite"},
		{prob(Revenue, 0, 0, 0, beta, -1), "scale -1 must be in [0, 1e+06]"},
		{prob(99, 0, 0, 0, beta, 1), "unknown quantity 99"},
		{Config{Parameters: []Parameter{{Name: "p", Distribution: beta}}}, `parameter "p": sets no slot`},
		{prob(Revenue, 0, 0, 0, Distribution{Family: Point, A: -1}, 1), "point value -1 must be at least 0"},
		{prob(TransitionProbability, 0, 0, 0, Distribution{Family: Point, A: 1.5}, 1), "needs a Beta distribution and scale 1"},
		{prob(Revenue, 0, 0, 0, Distribution{Family: Point, A: 2e12}, 1), "point mean 2e+12 exceeds 1e+12"},
	} {
		_, err := New(m, c.cfg)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want it to contain %q", c.cfg, err, c.want)
		}
	}
	big := lifecycle(4)
	big.Horizon = 1200
	big.NewCustomers = make([]float64, 1200)
	if _, err := New(big, Config{Trials: 10_000}); err == nil || !strings.Contains(err.Error(), "values, at most 30000000 are kept") {
		t.Errorf("10,000 trials of 1200 periods: error %v", err)
	}
}

// TestMomentsConversions: BetaWithMoments and GammaWithMoments give
// distributions with the requested mean and standard deviation, and refuse
// what cannot be met.
func TestMomentsConversions(t *testing.T) {
	for _, c := range []struct{ mean, sd float64 }{{0.92, 0.02}, {0.5, 0.2}, {0.03, 0.01}} {
		d, ok := BetaWithMoments(c.mean, c.sd)
		if !ok || math.Abs(d.Mean()-c.mean) > 1e-12 || math.Abs(d.StdDev()-c.sd) > 1e-12 {
			t.Errorf("BetaWithMoments(%v, %v) = %+v (mean %v sd %v)", c.mean, c.sd, d, d.Mean(), d.StdDev())
		}
	}
	for _, c := range []struct{ mean, sd float64 }{{0.9, 0.3}, {0.9, 0.31}, {0, 0.1}, {1, 0.1}, {0.5, 0}} {
		if _, ok := BetaWithMoments(c.mean, c.sd); ok {
			t.Errorf("BetaWithMoments(%v, %v) accepted; sd must be below √(m(1−m))", c.mean, c.sd)
		}
	}
	d, ok := GammaWithMoments(150, 30)
	if !ok || math.Abs(d.Mean()-150) > 1e-9 || math.Abs(d.StdDev()-30) > 1e-9 || d.A != 25 {
		t.Errorf("GammaWithMoments(150, 30) = %+v: want shape 25 = 150²/30²", d)
	}
	if _, ok := GammaWithMoments(0, 1); ok {
		t.Error("GammaWithMoments(0, 1) accepted")
	}
	ln := Distribution{Family: LogNormal, A: 1, B: 0.5}
	if want := math.Exp(1 + 0.125); math.Abs(ln.Mean()-want) > 1e-12 {
		t.Errorf("lognormal mean %v, want e^(μ+σ²/2) = %v", ln.Mean(), want)
	}
}

// BenchmarkTrial measures one trial of the lifecycle model on one
// goroutine, with every source of randomness.
func BenchmarkTrial(b *testing.B) {
	s, err := New(lifecycle(12), uncertainConfig(64))
	if err != nil {
		b.Fatal(err)
	}
	w := newWorker(s)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		w.trial(i % 64)
		i++
	}
}
