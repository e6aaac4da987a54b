package projection

import (
	"flag"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/gonum/floats"
	"pgregory.net/rapid"

	"clvlab/scenarios"
	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// The rule these tests hold the trials to: what a trial draws, the
// projection takes the mean of. A trial of a scenario is the projection
// of the scenario with the trial's draws set in it.

// figure is one number a Monte Carlo run reports (a band), with the
// projection's value of it.
type figure struct {
	name string
	band uncertainty.Stats
	want float64
}

// values are the figures of a projection that a Monte Carlo run has
// bands of: per stage and period the customers, per period the active
// customers, the net cash flow and the cumulative discounted net cash
// flow, and customer equity and CLV.
type values struct {
	stages                  []string
	customers               [][]float64
	active, net, cumulative []float64
	equity, clv             float64
}

// valuesOf returns r's figures; the customers of a stage are summed over
// segments in order, as a trial sums them.
func valuesOf(r *sim.Result) *values {
	m := r.Model
	v := &values{stages: m.StageIDs, customers: make([][]float64, len(m.StageIDs)),
		active: make([]float64, m.Horizon), net: make([]float64, m.Horizon),
		cumulative: slices.Clone(r.CumulativeDiscountedNetCashFlow),
		equity:     r.Summary.CustomerEquity, clv: r.Summary.CLV}
	for i := range m.StageIDs {
		v.customers[i] = make([]float64, m.Horizon)
		for t := range m.Horizon {
			for s := range m.Segments {
				c := r.Cell(t, s, i)
				v.customers[i][t] += c.Customers + c.Rivals // a competitor's customers in its stage's band
			}
			if !m.IsCompetitor(i) {
				v.active[t] += v.customers[i][t] // active customers are ours only
			}
		}
	}
	for t := range m.Horizon {
		v.net[t] = r.Totals[t].NetCashFlow
	}
	return v
}

// add adds x times w's figures to v's.
func (v *values) add(w *values, x float64) {
	for i := range v.customers {
		floats.AddScaled(v.customers[i], x, w.customers[i])
	}
	floats.AddScaled(v.active, x, w.active)
	floats.AddScaled(v.net, x, w.net)
	floats.AddScaled(v.cumulative, x, w.cumulative)
	v.equity += x * w.equity
	v.clv += x * w.clv
}

// figures lists every per-period band of b and the headline bands, each
// with the value v, a projection, gives it.
func figures(b *uncertainty.Bands, v *values) []figure {
	var out []figure
	for t := range v.net {
		for i, id := range v.stages {
			out = append(out, figure{fmt.Sprintf("customers %s period %d", id, t), b.Customers[i][t], v.customers[i][t]})
		}
		out = append(out,
			figure{fmt.Sprintf("active customers period %d", t), b.ActiveCustomers[t], v.active[t]},
			figure{fmt.Sprintf("net cash flow period %d", t), b.NetCashFlow[t], v.net[t]},
			figure{fmt.Sprintf("cumulative discounted net cash flow period %d", t), b.CumulativeDiscountedNetCashFlow[t], v.cumulative[t]})
	}
	out = append(out, figure{"customer equity", b.CustomerEquity, v.equity})
	if b.CLVTrials > 0 {
		out = append(out, figure{"CLV", b.CLV, v.clv})
	}
	return out
}

// withDraws returns a copy of s with the values draws holds for the
// parameters of c set in it: a value's path for a parameter named by one,
// the curve's number for a response's ("response[TARGET].KEY").
func withDraws(s *scenarios.Scenario, c uncertainty.Config, draws []float64) (*scenarios.Scenario, error) {
	out := s.Clone()
	for k, p := range c.Parameters {
		if rest, ok := strings.CutPrefix(p.Name, "response["); ok {
			target, key, _ := strings.Cut(rest, "].")
			found := false
			for i := range out.Responses {
				r := &out.Responses[i]
				if r.Target != target {
					continue
				}
				found = true
				switch key {
				case "p0":
					r.P0 = draws[k]
				case "pmax":
					r.PMax = draws[k]
				case "k":
					r.K = draws[k]
				case "v0":
					r.V0 = draws[k]
				case "vmax":
					r.VMax = draws[k]
				default:
					return nil, fmt.Errorf("parameter %q: no curve number %q", p.Name, key)
				}
			}
			if !found {
				return nil, fmt.Errorf("parameter %q: no response", p.Name)
			}
			continue
		}
		if err := out.Set(p.Name, draws[k]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// issueBudget is issue 10's second file: a budget curve buys new
// customers at acquisition.budget = 100,000 a period, and the cost per
// customer is uncertain.
const issueBudget = `
seed = 7
horizon = 24

[acquisition]
cost_per_customer = { mean = 30, sd = 0.01 }
budget = 100000

[[stage]]
id = "active"
revenue = 40
cost_to_serve = 10
to = { active = 0.8 }

[[response]]
lever = "acquisition.budget"
target = "acquisition.new_customers"
v0 = 1000
vmax = 5000
k = 0.00001

[uncertainty]
trials = 200
process_noise = false
poisson_acquisition = false
`

// TestTrialsSpendTheBudget: with a budget curve and an uncertain cost per
// customer, a trial pays the budget as the projection does. v(b) =
// 1000 + 4000·(1 − e^(−1)) = 3528.5 customers, each at 30 + 100000/v(b)
// = 58.34, so period 0's net cash flow is about 3528.5·(40 − 10 − 58.34)
// = −100,000 less than without the budget; before the fix the trials
// left the budget's 100,000 out (the issue's −115,647 against −215,647).
// Without process noise or Poisson acquisition, the only spread is the
// cost's (sd 0.01), so every figure's mean is within 4 standard errors
// (plus 1e-9 relative) of the projection's.
func TestTrialsSpendTheBudget(t *testing.T) {
	s, err := scenarios.Parse("budget.toml", []byte(issueBudget))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Project(s)
	if err != nil {
		t.Fatal(err)
	}
	u, err := Trials(s, MonteCarlo{})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range figures(u.Bands, valuesOf(r)) {
		se := f.band.StdDev / math.Sqrt(float64(u.Bands.Trials))
		if d := math.Abs(f.band.Mean - f.want); d > 4*se+1e-9*math.Max(1, math.Abs(f.want)) {
			t.Errorf("%s: trials' mean %.6g, projection %.6g (standard error %.3g)", f.name, f.band.Mean, f.want, se)
		}
	}
}

// TestCurveNumbersAreDrawn: a response curve's p0, pmax and k may be
// distributions; the trials draw them (one parameter each, after the
// file's other distributions), and the projection uses their means.
func TestCurveNumbersAreDrawn(t *testing.T) {
	src := `
horizon = 12
[acquisition]
new_customers = 100
cost_per_customer = 20
[[stage]]
id = "loyal"
revenue = 50
retention_spend = { mean = 5, sd = 1 }
[[response]]
lever = "stage.loyal.retention_spend"
target = "stage.loyal.to.loyal"
p0 = { mean = 0.5, sd = 0.05 }
pmax = { beta = [6, 4] }
k = { mean = 0.3, sd = 0.05 }
[uncertainty]
trials = 400
process_noise = false
poisson_acquisition = false
`
	s, err := scenarios.Parse("curve.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	c := s.MonteCarlo()
	var names []string
	for _, p := range c.Parameters {
		names = append(names, p.Name)
	}
	want := "stage.loyal.retention_spend response[stage.loyal.to.loyal].p0 response[stage.loyal.to.loyal].pmax response[stage.loyal.to.loyal].k"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("parameters %s, want %s", got, want)
	}
	// The projection's stay: p(5) = 0.5 + (0.6 − 0.5)·(1 − e^(−1.5)), with
	// pmax's mean 6/(6+4) = 0.6.
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := m.Segments[0].Transition[0][0], 0.5+0.1*-math.Expm1(-1.5); math.Abs(got-want) > 1e-15 {
		t.Errorf("projection's stay %v, want %v", got, want)
	}
	checkTrialsAreProjections(t, s, c, 1e-9)
	var buf strings.Builder
	if err := s.Encode(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := scenarios.Parse("back.toml", []byte(buf.String()))
	if err != nil {
		t.Fatalf("encoded file does not load: %v\n%s", err, buf.String())
	}
	if got := len(back.MonteCarlo().Parameters); got != 4 {
		t.Errorf("encoded and read back: %d parameters, want 4\n%s", got, buf.String())
	}
}

// checkTrialsAreProjections checks, for a run without process noise or
// Poisson acquisition, that the mean of the trials equals the mean of the
// projections of each trial's own draws (uncertainty.Draws) to tol
// relative (of the larger of the value and 1), figure by figure. Each
// trial being its draws' projection, the two means add the same numbers.
func checkTrialsAreProjections(t testing.TB, s *scenarios.Scenario, c uncertainty.Config, tol float64) {
	t.Helper()
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	b, err := uncertainty.Run(m, c)
	if err != nil {
		t.Fatal(err)
	}
	mean := projectDraws(t, s, c, b)
	for _, f := range figures(b, mean) {
		if d := math.Abs(f.band.Mean - f.want); !(d <= tol*math.Max(1, math.Abs(f.want))) {
			t.Errorf("%s: trials' mean %.12g, mean of the projections of their draws %.12g", f.name, f.band.Mean, f.want)
		}
	}
}

// fataler is what projectDraws needs of a test: *testing.T, *rapid.T.
type fataler interface {
	Helper()
	Fatalf(format string, args ...any)
}

// projectDraws projects s with each trial's draws and returns the means
// of the projections' figures.
func projectDraws(t fataler, s *scenarios.Scenario, c uncertainty.Config, b *uncertainty.Bands) *values {
	t.Helper()
	var mean *values
	var draws []float64
	for i := range b.Trials {
		draws = uncertainty.Draws(draws, c, i)
		d, err := withDraws(s, c, draws)
		if err != nil {
			t.Fatalf("trial %d: %v", i, err)
		}
		r, err := Project(d)
		if err != nil {
			t.Fatalf("trial %d: %v", i, err)
		}
		v := valuesOf(r)
		if mean == nil {
			mean = valuesOf(r)
			mean.add(v, -1) // zero, of the right shape
		}
		mean.add(v, 1/float64(b.Trials))
	}
	return mean
}

// randomScenario draws a scenario file that uses every feature a trial
// draws through: 2–4 stages, 0 or 2–3 segments with multipliers and a
// stage override, win-back with a window, a retention curve, a budget
// curve, a list of new customers; each value that may be uncertain is a
// distribution or a number. At least 1,000 customers are acquired a
// period, and a fixed transition is 0 or at least 0.05, so that the counts
// of process noise are large enough for a standard error estimated from
// 200 trials (a count of 0.001 customers would be 0 in every trial, and
// its estimated standard error 0). A row that a trial draws
// has one destination, so that no draw makes a row sum above 1 and every
// trial's draws make a valid file to project.
func randomScenario(t *rapid.T) string {
	var b strings.Builder
	w := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	g := func(name string, lo, hi float64) float64 { return rapid.Float64Range(lo, hi).Draw(t, name) }
	// money returns an amount in [lo, hi], or a gamma around it.
	money := func(name string, lo, hi float64) string {
		x := g(name, lo, hi)
		if lo > 0 && rapid.Bool().Draw(t, name+" uncertain") {
			return fmt.Sprintf("{ mean = %v, sd = %v }", x, x*g(name+" cv", 0.01, 0.5))
		}
		return fmt.Sprint(x)
	}
	// prob returns a probability in [lo, hi], or a Beta around it.
	prob := func(name string, lo, hi float64) string {
		x := g(name, lo, hi)
		if lo > 0 && hi < 1 && rapid.Bool().Draw(t, name+" uncertain") {
			return fmt.Sprintf("{ mean = %v, sd = %v }", x, math.Sqrt(x*(1-x))*g(name+" spread", 0.01, 0.7))
		}
		return fmt.Sprint(x)
	}
	n := rapid.IntRange(2, 4).Draw(t, "stages")
	horizon := rapid.IntRange(2, 12).Draw(t, "horizon")
	w("seed = %d", rapid.IntRange(0, 1000).Draw(t, "seed"))
	w("horizon = %d", horizon)
	w("discount_rate = %v", g("discount rate", 0, 0.3))
	budget := rapid.Bool().Draw(t, "budget")
	w("[acquisition]")
	w("cost_per_customer = %s", money("cac", 1, 100))
	if rapid.Bool().Draw(t, "list") {
		var list []string
		for range rapid.IntRange(1, horizon).Draw(t, "list length") {
			list = append(list, fmt.Sprint(g("new", 1000, 10000)))
		}
		w("new_customers = [%s]", strings.Join(list, ", "))
	} else {
		w("new_customers = %v", g("new", 1000, 10000))
	}
	if budget {
		w("budget = %v", g("budget", 0, 1e5))
	}
	curve := -1 // the stage whose stay a retention curve sets
	if rapid.Bool().Draw(t, "retention curve") {
		curve = rapid.IntRange(0, n-1).Draw(t, "curve stage")
	}
	for i := range n {
		w("[[stage]]")
		w(`id = "s%d"`, i)
		w("revenue = %s", money("revenue", 1, 200))
		w("cost_to_serve = %s", money("cost", 1, 50))
		w("retention_spend = %s", money("retention", 1, 10))
		if i == curve || !rapid.Bool().Draw(t, "drawn row") {
			// A fixed row, without the curve's own destination.
			var to []string
			left := 0.95
			for j := range n {
				if j == curve && i == curve || !rapid.Bool().Draw(t, "edge") {
					continue
				}
				if left < 0.05 {
					break
				}
				p := g("p", 0.05, left)
				left -= p
				to = append(to, fmt.Sprintf("s%d = %v", j, p))
			}
			w("to = { %s }", strings.Join(to, ", "))
		} else {
			j := rapid.IntRange(0, n-1).Draw(t, "destination")
			w("to = { s%d = %s }", j, prob("drawn p", 0.05, 0.95))
		}
	}
	if rapid.Bool().Draw(t, "winback") {
		w("[winback]")
		w("rate = %s", prob("winback rate", 0.01, 0.3))
		w("cost_per_customer = %s", money("winback cost", 1, 50))
		w("window = %d", rapid.IntRange(0, 3).Draw(t, "window"))
	}
	if curve >= 0 {
		w("[[response]]")
		w(`lever = "stage.s%d.retention_spend"`, curve)
		w(`target = "stage.s%d.to.s%d"`, curve, curve)
		w("p0 = %s", prob("p0", 0.05, 0.9))
		w("pmax = %s", prob("pmax", 0.05, 0.95))
		w("k = %s", money("k", 0.01, 1))
	}
	if budget {
		w("[[response]]")
		w(`lever = "acquisition.budget"`)
		w(`target = "acquisition.new_customers"`)
		v0 := g("v0", 1000, 5000)
		w("v0 = { mean = %v, sd = %v }", v0, v0*g("v0 cv", 0.01, 0.2))
		w("vmax = %v", 3*v0+g("vmax", 0, 4000)) // above every v0 drawn: 10 sd above its mean
		w("k = %s", money("budget k", 1e-6, 1e-4))
	}
	if segs := rapid.IntRange(0, 3).Draw(t, "segments"); segs >= 2 {
		left := 1.0
		for k := range segs {
			share := left
			if k < segs-1 {
				share = g("share", 0.05, math.Max(0.05, left-0.05*float64(segs-1-k)))
			}
			left -= share
			w("[[segment]]")
			w(`id = "g%d"`, k)
			w("share = %v", share)
			w("revenue_multiplier = %v", g("revenue multiplier", 0.5, 2))
			w("retention_spend_multiplier = %v", g("retention multiplier", 0.5, 2))
			w("acquisition_cost_multiplier = %v", g("cac multiplier", 0.5, 2))
			if rapid.Bool().Draw(t, "override") {
				w("[segment.stage.s%d]", rapid.IntRange(0, n-1).Draw(t, "override stage"))
				w("revenue = %s", money("override revenue", 1, 300))
			}
		}
	}
	return b.String()
}

// TestTrialsWithoutSpreadAreTheProjection is the exact property of issue
// 10's item 2: with process_noise = false, poisson_acquisition = false and
// every distribution replaced by one of zero spread at its mean
// (uncertainty.Point, drawn like any other), every trial equals the
// projection to 1e-9 relative (of the larger of the value and 1). Every
// trial equal means: the 5th and 95th percentiles and the mean equal the
// projection, and the standard deviation is 0 (to the same tolerance;
// sd ≤ ε bounds every trial to √N·ε of the mean).
func TestTrialsWithoutSpreadAreTheProjection(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		src := randomScenario(t)
		s, err := scenarios.Parse("random.toml", []byte(src))
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		r, err := Project(s)
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		m, err := s.Model()
		if err != nil {
			t.Fatal(err)
		}
		c := s.MonteCarlo()
		c.Trials, c.ProcessNoise, c.PoissonAcquisition = 16, false, false
		for k := range c.Parameters {
			d := &c.Parameters[k].Distribution
			*d = uncertainty.Distribution{Family: uncertainty.Point, A: d.Mean()}
		}
		b, err := uncertainty.Run(m, c)
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		if want := int64(16 * len(c.Parameters)); b.Draws != want {
			t.Fatalf("%d draws, want %d (the draw path was not taken)\n%s", b.Draws, want, src)
		}
		for _, f := range figures(b, valuesOf(r)) {
			tol := 1e-9 * math.Max(1, math.Abs(f.want))
			for _, x := range []float64{f.band.Mean, f.band.P5, f.band.P95} {
				if !(math.Abs(x-f.want) <= tol) {
					t.Fatalf("%s: trials' mean, p5, p95 %v %v %v, projection %v\n%s", f.name, f.band.Mean, f.band.P5, f.band.P95, f.want, src)
				}
			}
			if !(f.band.StdDev <= tol) {
				t.Fatalf("%s: sd %v over the trials, want 0\n%s", f.name, f.band.StdDev, src)
			}
		}
	})
}

// TestTrialsMeanIsTheProjectionsMean is the statistical property of issue
// 10's item 2: with real spreads, and process noise and Poisson
// acquisition on or off, the mean of 200 trials is within 4 standard
// errors (sd/√N of the trials, plus 1e-9 relative) of the mean of the
// projections of the trials' own draws, for customer equity, CLV, the
// net cash flow of the first and last periods and the active customers of
// the last. Given its draws, a trial's expectation is their projection
// (process noise and Poisson acquisition keep the expected flows), so the
// difference is noise of mean 0: 4 standard errors are passed by chance
// once in 16,000 figures, about once in 300 runs of 100 scenarios with
// noise in half of them. (Without noise a trial is its draws' projection,
// and every figure is checked exactly, below 1e-9.) The scenarios come
// from a fixed rapid seed unless -rapid.seed gives one, so that the check
// is the same in every run.
func TestTrialsMeanIsTheProjectionsMean(t *testing.T) {
	if f := flag.Lookup("rapid.seed"); f != nil && f.Value.String() == "0" {
		f.Value.Set("20261201")
		defer f.Value.Set("0")
	}
	rapid.Check(t, func(t *rapid.T) {
		src := randomScenario(t)
		s, err := scenarios.Parse("random.toml", []byte(src))
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		m, err := s.Model()
		if err != nil {
			t.Fatal(err)
		}
		c := s.MonteCarlo()
		c.Trials = 200
		c.ProcessNoise = rapid.Bool().Draw(t, "process noise")
		c.PoissonAcquisition = rapid.Bool().Draw(t, "poisson")
		b, err := uncertainty.Run(m, c)
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		mean := projectDraws(t, s, c, b)
		last := m.Horizon - 1
		noisy := c.ProcessNoise || c.PoissonAcquisition
		se := 1 / math.Sqrt(float64(b.Trials))
		for _, f := range figures(b, mean) {
			headline := f.name == "customer equity" || f.name == "CLV" || f.name == "net cash flow period 0" ||
				f.name == fmt.Sprintf("net cash flow period %d", last) || f.name == fmt.Sprintf("active customers period %d", last)
			switch {
			case f.name == "CLV" && b.CLVTrials < b.Trials:
				continue // the trials' CLV is over those with a first cohort, the projections' over all
			case noisy && !headline:
				continue
			}
			tol := 4*f.band.StdDev*se + 1e-9*math.Max(1, math.Abs(f.want))
			if !noisy {
				tol = 1e-9 * math.Max(1, math.Abs(f.want))
			}
			if d := math.Abs(f.band.Mean - f.want); !(d <= tol) {
				t.Fatalf("%s: trials' mean %.10g, mean of the projections of their draws %.10g, %.3g apart (allowed %.3g, standard error %.3g)\n%s",
					f.name, f.band.Mean, f.want, d, tol, f.band.StdDev*se, src)
			}
		}
	})
}
