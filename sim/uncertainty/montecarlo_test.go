package uncertainty_test

import (
	"fmt"
	"math"
	"reflect"
	"runtime"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"

	"clvlab/scenarios"
	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// preset returns the base model of a shipped scenario.
func preset(t testing.TB, id string) *sim.Model {
	t.Helper()
	s, err := scenarios.Preset(id)
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// withCohorts returns m acquiring n customers every period.
func withCohorts(m *sim.Model, n float64) *sim.Model {
	c := *m
	c.NewCustomers = make([]float64, m.Horizon)
	for t := range c.NewCustomers {
		c.NewCustomers[t] = n
	}
	return &c
}

func run(t testing.TB, m *sim.Model, c uncertainty.Config) *uncertainty.Bands {
	t.Helper()
	b, err := uncertainty.Run(m, c)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func deterministic(t testing.TB, m *sim.Model) *sim.Result {
	t.Helper()
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// stageCustomers returns the customers of stage i in period t of r, summed
// over segments in segment order (as a trial sums them): a competitor's
// customers in a competitor stage (sim.Model.Competitor).
func stageCustomers(r *sim.Result, t, i int) float64 {
	sum := 0.0
	for s := range r.Model.Segments {
		c := r.Cell(t, s, i)
		sum += c.Customers + c.Rivals
	}
	return sum
}

// series lists every per-period figure of the bands with the value of the
// deterministic result it estimates.
func series(b *uncertainty.Bands, r *sim.Result) []struct {
	name string
	got  uncertainty.Stats
	want float64
} {
	var out []struct {
		name string
		got  uncertainty.Stats
		want float64
	}
	add := func(name string, got uncertainty.Stats, want float64) {
		out = append(out, struct {
			name string
			got  uncertainty.Stats
			want float64
		}{name, got, want})
	}
	m := r.Model
	for t := range m.Horizon {
		active := 0.0
		for i, id := range m.StageIDs {
			c := stageCustomers(r, t, i)
			if !m.IsCompetitor(i) {
				active += c // ours only
			}
			add(fmt.Sprintf("customers %s period %d", id, t), b.Customers[i][t], c)
		}
		add(fmt.Sprintf("active customers period %d", t), b.ActiveCustomers[t], active)
		add(fmt.Sprintf("net cash flow period %d", t), b.NetCashFlow[t], r.Totals[t].NetCashFlow)
		add(fmt.Sprintf("cumulative discounted net cash flow period %d", t), b.CumulativeDiscountedNetCashFlow[t], r.CumulativeDiscountedNetCashFlow[t])
	}
	add("customer equity", b.CustomerEquity, r.Summary.CustomerEquity)
	add("CLV", b.CLV, r.Summary.CLV)
	return out
}

// TestZeroVarianceEqualsDeterministic: without process noise, Poisson
// acquisition or uncertain parameters, every band of every shipped
// scenario (base and variants) has zero width and equals the deterministic
// engine. The per-period values are equal bit for bit (a trial steps a
// sim.Population by sim.Expected, as the engine does); the mean of N equal values may differ from
// them by rounding (relative 1e-15 per addition, so 1e-12 for 1,000 values);
// CLV is summed in another order (per cohort rather than per unit
// customer), so it is compared to 1e-12 relative.
func TestZeroVarianceEqualsDeterministic(t *testing.T) {
	for _, id := range scenarios.Presets() {
		s, err := scenarios.Preset(id)
		if err != nil {
			t.Fatal(err)
		}
		runs, err := s.Runs()
		if err != nil {
			t.Fatal(err)
		}
		for _, rn := range runs {
			r := deterministic(t, rn.Model)
			b := run(t, rn.Model, uncertainty.Config{Trials: 50, Seed: 1})
			// A scenario that acquires no one in period 0 (brand-switching's
			// market of existing buyers) has no first cohort: no trial has
			// a CLV or a payback (doc.go).
			firstCohort := rn.Model.NewCustomers[0] > 0
			for _, c := range series(b, r) {
				if c.name == "CLV" && !firstCohort {
					continue
				}
				q := []float64{c.got.P5, c.got.P25, c.got.P50, c.got.P75, c.got.P95}
				exact := c.name != "CLV"
				for _, v := range q {
					if exact && v != c.want || !exact && math.Abs(v-c.want) > 1e-12*math.Abs(c.want) {
						t.Errorf("%s/%s: %s percentiles %v, want all %v", id, rn.Name, c.name, q, c.want)
						break
					}
				}
				if c.got.StdDev != 0 && math.Abs(c.got.StdDev) > 1e-12*math.Abs(c.want) {
					t.Errorf("%s/%s: %s sd %v, want 0", id, rn.Name, c.name, c.got.StdDev)
				}
				if math.Abs(c.got.Mean-c.want) > 1e-12*math.Abs(c.want) {
					t.Errorf("%s/%s: %s mean %v, want %v", id, rn.Name, c.name, c.got.Mean, c.want)
				}
			}
			negative := 0.0
			if r.Summary.CustomerEquity < 0 {
				negative = 1
			}
			if b.NegativeEquity != negative {
				t.Errorf("%s/%s: P(equity < 0) = %v, want %v", id, rn.Name, b.NegativeEquity, negative)
			}
			if !firstCohort {
				if b.Payback.Defined || b.CLVTrials != 0 || b.Draws != 0 {
					t.Errorf("%s/%s: no first cohort, but P(payback) %v, CLV over %d trials, %d draws; want undefined, 0, 0", id, rn.Name, b.Payback, b.CLVTrials, b.Draws)
				}
				continue
			}
			paid := 0.0
			if r.Summary.PaybackPeriods.Defined {
				paid = 1
			}
			if b.Payback != sim.Some(paid) || b.CLVTrials != 50 || b.Draws != 0 {
				t.Errorf("%s/%s: P(payback) %v (deterministic payback %v), CLV over %d trials, %d draws; want %v, 50, 0",
					id, rn.Name, b.Payback, r.Summary.PaybackPeriods, b.CLVTrials, b.Draws, paid)
			}
		}
	}
}

// TestProcessNoiseMeanConverges: with process noise alone, the mean over
// 4,000 trials of every per-period figure, of customer equity and of CLV
// is the deterministic engine's value, within z standard errors (sd/√N,
// from the trials). z is set for a family-wise false-alarm rate of 0.001
// over all the figures of a scenario (Bonferroni: z = Φ⁻¹(1 − 0.001/(2k))
// for k figures, about 4.6 for the 254 figures of the four-stage model).
// Small cohorts (40 a period; the value-segments split them over five
// segments by a multinomial draw) make the noise large; a whole number of
// planned customers keeps the first cohort's size fixed, so its CLV's
// expectation is exactly sim's CLV.
func TestProcessNoiseMeanConverges(t *testing.T) {
	const trials = 4000
	cases := []struct {
		name string
		m    *sim.Model
	}{
		{"four-stage", withCohorts(preset(t, "four-stage"), 40)},
		{"value-segments", withCohorts(preset(t, "value-segments"), 40)},
		{"recency", withCohorts(preset(t, "recency"), 40)},
		{"win-back without window", winbackForEver()},
	}
	for _, c := range cases {
		r := deterministic(t, c.m)
		b := run(t, c.m, uncertainty.Config{Trials: trials, Seed: 11, ProcessNoise: true})
		figures := series(b, r)
		z := distuv.UnitNormal.Quantile(1 - 0.001/(2*float64(len(figures))))
		noisy := 0
		for _, f := range figures {
			se := f.got.StdDev / math.Sqrt(trials)
			if se > 0 {
				noisy++
			}
			if math.Abs(f.got.Mean-f.want) > z*se+1e-9*math.Abs(f.want) {
				t.Errorf("%s: %s mean %v, deterministic %v: %.1f standard errors (limit %.1f)",
					c.name, f.name, f.got.Mean, f.want, math.Abs(f.got.Mean-f.want)/se, z)
			}
		}
		if noisy < len(figures)/2 {
			t.Errorf("%s: only %d of %d figures vary; process noise is not on", c.name, noisy, len(figures))
		}
	}
}

// winbackForEver is a two-stage yearly model whose lost customers stay
// win-back targets for ever (one lost state).
func winbackForEver() *sim.Model {
	m := &sim.Model{
		StageIDs: []string{"trial", "member"}, Period: sim.Year, Horizon: 8, DiscountRate: 0.08,
		NewCustomers: []float64{30, 30, 30, 30, 30, 30, 30, 30},
		Winback:      sim.Winback{Rate: 0.2, CostPerCustomer: 15, To: 1},
		Segments: []sim.Segment{{ID: "all", Share: 1, AcquisitionCost: 50,
			Stages:     []sim.Economics{{Revenue: 20, CostToServe: 4}, {Revenue: 90, CostToServe: 30, RetentionSpend: 5}},
			Transition: [][]float64{{0.3, 0.4}, {0, 0.7}},
		}},
	}
	return m
}

// TestBandWidthShrinksWithCohortSize: under process noise the counts are
// sums of independent customers, so the standard deviation grows like √N
// and the band relative to the mean shrinks like 1/√N. From 10⁴ to 10⁶
// customers a period the relative 5–95% width of customers in stability at
// the last period, and of active customers, must fall by √100 = 10.
//
// Tolerance: the 5% and 95% sample quantiles of T = 2,000 trials each have
// a standard error of about 2.1σ/√T for normal data (√(p(1−p))/φ(z_p)), so
// a width of 3.29σ has a relative error of about √2·2.1/(3.29·√T) = 2.0%,
// and the ratio of two independent widths √2 times that; the ratio must be
// within 4 of those standard errors (11.5%) of 10.
func TestBandWidthShrinksWithCohortSize(t *testing.T) {
	const trials = 2000
	base := preset(t, "four-stage")
	width := func(n float64) (stability, active float64) {
		b := run(t, withCohorts(base, n), uncertainty.Config{Trials: trials, Seed: 5, ProcessNoise: true})
		rel := func(s uncertainty.Stats) float64 { return (s.P95 - s.P5) / s.Mean }
		last := base.Horizon - 1
		return rel(b.Customers[2][last]), rel(b.ActiveCustomers[last])
	}
	s4, a4 := width(1e4)
	s6, a6 := width(1e6)
	tol := 4 * math.Sqrt2 * math.Sqrt2 * 2.1 / (3.29 * math.Sqrt(trials))
	for _, c := range []struct {
		what       string
		wide, thin float64
	}{{"stability customers", s4, s6}, {"active customers", a4, a6}} {
		if ratio := c.wide / c.thin; math.Abs(ratio/10-1) > tol {
			t.Errorf("%s: relative width %.4g at 10⁴ and %.4g at 10⁶ a period, ratio %.3g; want 10 within %.1f%%",
				c.what, c.wide, c.thin, ratio, 100*tol)
		}
	}
}

// TestQuantilesOrdered: with every source of randomness, every band has
// p5 ≤ p25 ≤ p50 ≤ p75 ≤ p95 and a non-negative standard deviation.
func TestQuantilesOrdered(t *testing.T) {
	m := withCohorts(preset(t, "four-stage"), 200)
	b := run(t, m, fullConfig(m, 500, 3))
	check := func(what string, s uncertainty.Stats) {
		if !(s.P5 <= s.P25 && s.P25 <= s.P50 && s.P50 <= s.P75 && s.P75 <= s.P95 && s.StdDev >= 0) {
			t.Errorf("%s: %+v not ordered", what, s)
		}
	}
	for t := range m.Horizon {
		for i, id := range m.StageIDs {
			check(fmt.Sprintf("%s period %d", id, t), b.Customers[i][t])
		}
		check(fmt.Sprintf("active period %d", t), b.ActiveCustomers[t])
		check(fmt.Sprintf("net cash flow period %d", t), b.NetCashFlow[t])
		check(fmt.Sprintf("cumulative period %d", t), b.CumulativeDiscountedNetCashFlow[t])
	}
	check("CLV", b.CLV)
	check("customer equity", b.CustomerEquity)
	if b.CustomerEquity.P95 == b.CustomerEquity.P5 {
		t.Error("customer equity band has zero width with every source of randomness on")
	}
}

// fullConfig turns on every source of randomness for the four-stage model:
// the stability stay probability, stability revenue and acquisition cost
// are uncertain.
func fullConfig(m *sim.Model, trials int, seed uint64) uncertainty.Config {
	stay, _ := uncertainty.BetaWithMoments(0.9, 0.03)
	revenue, _ := uncertainty.GammaWithMoments(150, 20)
	return uncertainty.Config{
		Trials: trials, Seed: seed, ProcessNoise: true, PoissonAcquisition: true,
		Parameters: []uncertainty.Parameter{
			{Name: "stage.stability.to.stability", Distribution: stay,
				Targets: []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.TransitionProbability, Stage: 2, To: 2}, Scale: 1}}},
			{Name: "stage.stability.revenue", Distribution: revenue,
				Targets: []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.Revenue, Stage: 2}, Scale: 1}}},
			{Name: "acquisition.cost_per_customer", Distribution: uncertainty.Distribution{Family: uncertainty.LogNormal, A: math.Log(120) - 0.02, B: 0.2},
				Targets: []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.AcquisitionCost}, Scale: 1}}},
		},
	}
}

// TestSameBandsOnAnyNumberOfCores: the bands are identical, bit for bit,
// with 1, 2 and 4 goroutines (runtime.GOMAXPROCS), for a trial count that
// is not a multiple of the work chunk.
func TestSameBandsOnAnyNumberOfCores(t *testing.T) {
	m := withCohorts(preset(t, "four-stage"), 1000)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var first *uncertainty.Bands
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		b := run(t, m, fullConfig(m, 333, 42))
		if first == nil {
			first = b
			continue
		}
		if !reflect.DeepEqual(first, b) {
			t.Errorf("GOMAXPROCS %d gives other bands than GOMAXPROCS 1", procs)
		}
	}
}

// TestSeeds: the same seed gives identical bands, another seed other ones.
func TestSeeds(t *testing.T) {
	m := withCohorts(preset(t, "four-stage"), 1000)
	a := run(t, m, fullConfig(m, 200, 1))
	b := run(t, m, fullConfig(m, 200, 1))
	c := run(t, m, fullConfig(m, 200, 2))
	if !reflect.DeepEqual(a, b) {
		t.Error("seed 1 twice gives different bands")
	}
	if a.CustomerEquity == c.CustomerEquity || a.Customers[2][35] == c.Customers[2][35] {
		t.Error("seeds 1 and 2 give the same bands")
	}
}

// TestParameterDrawnOncePerTrial: a one-stage yearly model without process
// noise whose margin is Gamma-distributed, written with a segment scale of
// 2: each trial's CLV is 2 × its draw × the annuity factor Σ 0.8ᵗ/1.1ᵗ⁺¹
// (t < 3), so the CLV percentiles are those of the gamma times that factor.
//
// Tolerance: a sample p-quantile of T = 4,000 draws has standard error
// √(p(1−p)/T)/f(q_p), computed here from the gamma density; each percentile
// must be within 4 of those.
func TestParameterDrawnOncePerTrial(t *testing.T) {
	const trials = 4000
	m := &sim.Model{
		StageIDs: []string{"customer"}, Period: sim.Year, Horizon: 3, DiscountRate: 0.1,
		NewCustomers: []float64{1000, 1000, 1000},
		Segments: []sim.Segment{{ID: "all", Share: 1,
			Stages: []sim.Economics{{Revenue: 200}}, Transition: [][]float64{{0.8}}}},
	}
	g := uncertainty.Distribution{Family: uncertainty.Gamma, A: 4, B: 25} // mean 100
	c := uncertainty.Config{Trials: trials, Seed: 9, Parameters: []uncertainty.Parameter{{
		Name: "revenue", Distribution: g,
		Targets: []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.Revenue}, Scale: 2}},
	}}}
	b := run(t, m, c)
	factor := 2 * (1/1.1 + 0.8/1.21 + 0.64/1.331)
	ref := distuv.Gamma{Alpha: 4, Beta: 1.0 / 25}
	got := []float64{b.CLV.P5, b.CLV.P25, b.CLV.P50, b.CLV.P75, b.CLV.P95}
	for i, p := range uncertainty.Percentiles {
		q := ref.Quantile(p)
		se := math.Sqrt(p*(1-p)/trials) / ref.Prob(q)
		if math.Abs(got[i]/factor-q) > 4*se {
			t.Errorf("CLV percentile %v = %v, want %v × gamma quantile %v ± 4·%v", p, got[i], factor, q, se)
		}
	}
}

// TestDeriveSeesEachTrialsDraws: Config.Derive gets each trial's draws,
// which Draws returns too, after they are set in the trial's model. One
// customer stage, no process noise: Derive sets the period's new
// customers to 100 times the drawn revenue (a parameter that sets a slot)
// plus the draw of a parameter that sets none, so trial i has exactly
// 100·r_i + x_i customers in period 0, and the mean over the trials is the
// mean of those numbers. A Point parameter draws its value in every trial.
func TestDeriveSeesEachTrialsDraws(t *testing.T) {
	const trials = 300
	m := &sim.Model{
		StageIDs: []string{"customer"}, Period: sim.Year, Horizon: 2,
		NewCustomers: []float64{1000, 1000},
		Segments: []sim.Segment{{ID: "all", Share: 1,
			Stages: []sim.Economics{{Revenue: 200}}, Transition: [][]float64{{0.8}}}},
	}
	c := uncertainty.Config{Trials: trials, Seed: 3, Parameters: []uncertainty.Parameter{
		{Name: "revenue", Distribution: uncertainty.Distribution{Family: uncertainty.Gamma, A: 4, B: 25},
			Targets: []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.Revenue}, Scale: 1}}},
		{Name: "x", Distribution: uncertainty.Distribution{Family: uncertainty.LogNormal, A: 3, B: 0.5}},
		{Name: "point", Distribution: uncertainty.Distribution{Family: uncertainty.Point, A: 7}},
	}}
	c.Derive = func(m *sim.Model, draws []float64) {
		if draws[2] != 7 {
			panic("point parameter drew another value")
		}
		m.NewCustomers[0] = 100*m.Segments[0].Stages[0].Revenue + draws[1]
	}
	b := run(t, m, c)
	want := 0.0
	var draws []float64
	for i := range trials {
		draws = uncertainty.Draws(draws, c, i)
		want += (100*draws[0] + draws[1]) / trials
	}
	if got := b.Customers[0][0].Mean; math.Abs(got-want) > 1e-12*want {
		t.Errorf("period 0: mean %v customers, want the mean of the trials' draws %v", got, want)
	}
	if b.Draws != 3*trials {
		t.Errorf("%d draws, want %d", b.Draws, 3*trials)
	}
}

// TestRowRules: stage a keeps a share drawn from Beta(6, 4) (mean 0.6) and
// sends a fixed 0.5 to stage b, so the row exceeds 1 whenever the draw
// exceeds 0.5 (in about 74% of trials). One cohort of 10⁴ customers, no
// process noise: customers in a at period 1 are 10⁴ times the trial's
// stay probability after the row rule, and those in a and b together 10⁴
// times the row sum, which the rule caps at 1.
//
//   - ScaleRows: stay = x/(x + 0.5) when x > 0.5, so E[stay] =
//     ∫ min(x, x/(x+0.5)) f(x) dx.
//   - RedrawRows: stay is the draw conditioned on x ≤ 0.5, so E[stay] =
//     ∫₀^½ x f(x) dx / F(½).
//
// The integrals are computed with gonum's quad.Fixed (Legendre, 200 points)
// and the mean of 4,000 trials must be within 4 standard errors of them.
func TestRowRules(t *testing.T) {
	const trials, cohort = 4000, 1e4
	beta := distuv.Beta{Alpha: 6, Beta: 4}
	m := &sim.Model{
		StageIDs: []string{"a", "b"}, Period: sim.Month, Horizon: 2, DiscountRate: 0.1,
		NewCustomers: []float64{cohort, 0},
		Segments: []sim.Segment{{ID: "all", Share: 1,
			Stages: []sim.Economics{{Revenue: 10}, {Revenue: 10}},
			// 0.4 keeps the model valid; the parameter replaces it in every trial.
			Transition: [][]float64{{0.4, 0.5}, {0, 0.9}}}},
	}
	for _, c := range []struct {
		rule uncertainty.RowRule
		want float64
	}{
		{uncertainty.ScaleRows, quad.Fixed(func(x float64) float64 { return math.Min(x, x/(x+0.5)) * beta.Prob(x) }, 0, 1, 200, nil, 0)},
		{uncertainty.RedrawRows, quad.Fixed(func(x float64) float64 { return x * beta.Prob(x) }, 0, 0.5, 200, nil, 0) / beta.CDF(0.5)},
	} {
		b := run(t, m, uncertainty.Config{Trials: trials, Seed: 4, Rows: c.rule, Parameters: []uncertainty.Parameter{{
			Name: "stage.a.to.a", Distribution: uncertainty.Distribution{Family: uncertainty.Beta, A: 6, B: 4},
			Targets: []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.TransitionProbability}, Scale: 1}},
		}}})
		stay := b.Customers[0][1]
		if se := stay.StdDev / math.Sqrt(trials); math.Abs(stay.Mean/cohort-c.want) > 4*se/cohort {
			t.Errorf("%v: mean stay %v, want %v ± 4·%v", c.rule, stay.Mean/cohort, c.want, se/cohort)
		}
		if active := b.ActiveCustomers[1]; active.P95 > cohort*(1+1e-12) {
			t.Errorf("%v: %v customers active after one period of a cohort of %v: a row exceeded 1", c.rule, active.P95, cohort)
		}
	}
}

// ExampleRun shows the risk in a small plan: 20 new customers a year at 150
// each, each earning 100 a year and renewing with probability 0.8. In
// expectation the plan is worth 20 × (422.99 − 150 × 2.7355) = 253 over
// three years (the README's worked example, with a cheaper acquisition),
// but with so few customers chance decides.
func ExampleRun() {
	m := &sim.Model{
		StageIDs: []string{"customer"}, Period: sim.Year, Horizon: 3, DiscountRate: 0.10,
		NewCustomers: []float64{20, 20, 20},
		Segments: []sim.Segment{{ID: "all", Share: 1, AcquisitionCost: 150,
			Stages: []sim.Economics{{Revenue: 100}}, Transition: [][]float64{{0.8}}}},
	}
	b, err := uncertainty.Run(m, uncertainty.Config{Trials: 10_000, Seed: 1, ProcessNoise: true})
	if err != nil {
		fmt.Println(err)
		return
	}
	ce := b.CustomerEquity
	fmt.Printf("customer equity: mean %.0f, 90%% of trials between %.0f and %.0f\n", ce.Mean, ce.P5, ce.P95)
	fmt.Printf("P(customer equity < 0) = %.2f\n", b.NegativeEquity)
	// Output:
	// customer equity: mean 258, 90% of trials between -273 and 742
	// P(customer equity < 0) = 0.20
}
