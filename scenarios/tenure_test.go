package scenarios

import (
	"bytes"
	"fmt"
	"math"
	"testing"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// tenureFile is one stage of revenue 100 kept with 0.8 a year, growing
// 10% a year up to 1.5×, at 10% (TestRevenueGrowthByHand in sim), and a
// segment "gold" whose own growth is 0 and who renews nothing special.
const tenureFile = `
period = "year"
horizon = 10
[[stage]]
id = "a"
revenue = 100
revenue_growth = 0.1
revenue_cap = 1.5
to = { a = 0.8 }

[[segment]]
id = "plain"
share = 0.5

[[segment]]
id = "flat"
share = 0.5
[segment.stage.a]
revenue_growth = 0
`

// TestTenureFile: a file's growth reaches the engine, a segment's
// override of it too. The plain segment's CLV is sim's hand-calculated
// 386.63305182886074 (Σ_{τ<10} 100·min(1.1^τ, 1.5)·0.8^τ/1.1^(τ+1));
// the flat one's, without growth, Σ_{τ<10} 100·0.8^τ/1.1^(τ+1)
// = (100/1.1)·(1 − (0.8/1.1)^10)/(1 − 0.8/1.1) = 320.72580624727384.
func TestTenureFile(t *testing.T) {
	s := mustParse(t, tenureFile)
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	flat := 100 / 1.1 * (1 - math.Pow(0.8/1.1, 10)) / (1 - 0.8/1.1)
	for _, c := range []struct {
		seg  int
		want float64
	}{{0, 386.63305182886074}, {1, flat}} {
		if got := r.Summary.Segments[c.seg].CLV; math.Abs(got-c.want) > 1e-12*c.want {
			t.Errorf("segment %d: CLV %.15g, want %.15g", c.seg, got, c.want)
		}
	}
}

// renewalFile is a monthly subscription with yearly contracts renewed
// with 0.8 and a renewal discount that a curve turns into the renewal
// probability: 0.6 + (0.9 − 0.6)·(1 − e^(−0.1·10)) = 0.78963617...
const renewalFile = `
horizon = 36
renewal_every = 12
[[stage]]
id = "subscribed"
revenue = 30
renewal_discount = 10
renewal = 0.8
to = { subscribed = 1 }

[[response]]
lever = "stage.subscribed.renewal_discount"
target = "stage.subscribed.renewal"
p0 = 0.6
pmax = 0.9
k = 0.1
`

// TestRenewalCurve: the curve sets the renewal probability from the
// discount; survival is flat within a year and drops by it at each
// renewal; the discount is paid by those who renew, in the contract's
// last month; a variant may move the lever but not the target.
func TestRenewalCurve(t *testing.T) {
	s := mustParse(t, renewalFile)
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	p := 0.6 + 0.3*-math.Expm1(-1)
	if got := m.Segments[0].Stages[0].Renewal; got != p {
		t.Fatalf("renewal %v, want %v", got, p)
	}
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	for τ, want := range map[int]float64{0: 1, 11: 1, 12: p, 23: p, 24: p * p, 35: p * p} {
		if got := r.Summary.Survival[τ]; math.Abs(got-want) > 1e-15 {
			t.Errorf("S(%d) = %v, want %v", τ, got, want)
		}
	}
	// Month 11: the first cohort renews; 1000 customers of each of the 12
	// cohorts are active, the first pays p·1000·10 in renewal discounts.
	if got, want := r.Totals[11].Discount, p*1000*10; math.Abs(got-want) > 1e-9 {
		t.Errorf("discount in month 11: %v, want %v", got, want)
	}
	if err := s.Clone().Set("stage.subscribed.renewal", 0.5); err != nil {
		t.Fatal(err)
	}
	if err := s.variantMaySet("stage.subscribed.renewal"); err == nil {
		t.Error("a variant may set the curve's target")
	}
	if _, err := s.Parameter("stage.subscribed.renewal"); err == nil {
		t.Error("the what-if analyses may move the curve's target")
	}
	if q, err := s.Parameter("stage.subscribed.renewal_discount"); err != nil || q.Value != 10 {
		t.Errorf("the lever as a parameter: %v, %v", q, err)
	}
}

// TestTenureEncodeRoundTrip: Encode writes the levers and a segment's
// override of them, and Parse reads back the same model.
func TestTenureEncodeRoundTrip(t *testing.T) {
	for _, src := range []string{tenureFile, renewalFile + "\n[[segment]]\nid = \"x\"\nshare = 1\n[segment.stage.subscribed]\nrenewal_discount = 4\nrevenue_growth = 0.01\nrevenue_cap = 2\n"} {
		s := mustParse(t, src)
		var b bytes.Buffer
		if err := s.Encode(&b); err != nil {
			t.Fatal(err)
		}
		back, err := Parse("back.toml", b.Bytes())
		if err != nil {
			t.Fatalf("%v\n%s", err, b.String())
		}
		m1, err1 := s.Model()
		m2, err2 := back.Model()
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if fmt.Sprint(*m1) != fmt.Sprint(*m2) {
			t.Errorf("model\n%v\nread back as\n%v\n%s", *m1, *m2, b.String())
		}
	}
}

// TestTenureUncertain: a renewal probability, a growth and a renewal
// discount may be distributions; the trials draw them into the model's
// stages, and a trial's drawn renewal shows in its survival. With
// renewal = { beta = [8, 2] } (mean 0.8) and no other noise, the mean
// survival after the first renewal over 4000 trials is 0.8 within
// 3 × sd/√4000 (sd of Beta(8, 2) = √(0.8·0.2/11) = 0.1206).
func TestTenureUncertain(t *testing.T) {
	s := mustParse(t, `
horizon = 14
renewal_every = 12
[uncertainty]
trials = 4000
process_noise = false
poisson_acquisition = false
[acquisition]
new_customers = [1000, 0]
[[stage]]
id = "subscribed"
revenue = 30
revenue_growth = { mean = 0.01, sd = 0.002 }
revenue_cap = 2
renewal_discount = { mean = 5, sd = 1 }
renewal = { beta = [8, 2] }
to = { subscribed = 1 }
`)
	c := s.MonteCarlo()
	quantities := map[uncertainty.Quantity]bool{}
	for _, p := range c.Parameters {
		for _, tg := range p.Targets {
			quantities[tg.Quantity] = true
		}
	}
	for _, q := range []uncertainty.Quantity{uncertainty.RevenueGrowth, uncertainty.Renewal, uncertainty.RenewalDiscount} {
		if !quantities[q] {
			t.Errorf("quantity %d not drawn", q)
		}
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	sm, err := uncertainty.New(m, c)
	if err != nil {
		t.Fatal(err)
	}
	res := sm.Run()
	// Active customers in period 12: the cohort of 1000 after one renewal.
	got := res.ActiveCustomers[12].Mean / 1000
	if sd := math.Sqrt(0.8 * 0.2 / 11); math.Abs(got-0.8) > 3*sd/math.Sqrt(4000) {
		t.Errorf("mean survival after a renewal %v, want 0.8 ± %v", got, 3*sd/math.Sqrt(4000))
	}
}

// TestGrowthWithoutCapWarns: a growth without a cap (the default 1) is
// valid, grows nothing, and is warned about at its line, in a stage and
// in a segment's override.
func TestGrowthWithoutCapWarns(t *testing.T) {
	s, err := Parse("w.toml", []byte(`
[[stage]]
id = "a"
revenue = 30
revenue_growth = 0.02
to = { a = 0.9 }

[[segment]]
id = "gold"
share = 1
[segment.stage.a]
revenue_growth = 0.05
`))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`warning: w.toml:5: stage "a": revenue_growth = 0.02 with revenue_cap = 1 (the default) grows nothing: growth stops at revenue_cap times the stage's revenue; give revenue_cap, e.g. revenue_cap = 2`,
		`warning: w.toml:12: segment "gold", stage "a": revenue_growth = 0.05 with revenue_cap = 1 (the default) grows nothing: growth stops at revenue_cap times the stage's revenue; give revenue_cap, e.g. revenue_cap = 2`,
	}
	if got := s.WarningLines(); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("warnings\n%q\nwant\n%q", got, want)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	if l := m.TenureStates(); l != 1 {
		t.Errorf("%d tenure states, want 1: nothing grows", l)
	}
}

// TestSubscriptionFigures checks the numbers the comments of
// scenarios/shipped/subscription.toml quote: the premium renewal at a
// discount of 30, 0.75 + 0.17·(1 − e^−1.2) = 0.8688; the cap 78 reached
// after ⌈ln 1.3/ln 1.01⌉ = 27 months (48 tenure states: the smallest
// multiple of 12 with L − 12 ≥ 27); an upgrade at month 20 paying
// 60·1.01^20 = 73.21; the basic plan's survival 1, 0.70, 0.49 by year
// without upgrades; the CLVs 1,081.27, 1,776.26 and 975.14 of the base
// and its variants (as run); and an optimum discount near 52 (the CLV at
// 52 above the CLV at 45 and at 60).
func TestSubscriptionFigures(t *testing.T) {
	s, err := Preset("subscription")
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Segments[0].Stages[1].Renewal; math.Abs(got-0.8688) > 5e-5 {
		t.Errorf("premium renewal %v, want 0.8688", got)
	}
	if l := m.TenureStates(); l != 48 {
		t.Errorf("%d tenure states, want 48", l)
	}
	c := sim.ChainOf(nil, m, &m.Segments[0])
	if rev, _ := c.Revenue(20*2 + 1); math.Abs(rev-73.21) > 0.005 {
		t.Errorf("premium revenue at month 20: %v, want 73.21", rev)
	}
	if rev, _ := c.Revenue(27*2 + 1); rev != 78 {
		t.Errorf("premium revenue at month 27: %v, want the cap 78", rev)
	}
	clv := func(sc *Scenario) float64 {
		t.Helper()
		m, err := sc.Model()
		if err != nil {
			t.Fatal(err)
		}
		r, err := sim.Run(m)
		if err != nil {
			t.Fatal(err)
		}
		return r.Summary.CLV
	}
	for i, want := range []float64{1081.27, 1776.26, 975.14} {
		sc := s
		if i > 0 {
			var probs []Problem
			if sc, probs = s.WithVariant(i - 1); len(probs) > 0 {
				t.Fatal(probs)
			}
		}
		if got := clv(sc); math.Round(got*100)/100 != want {
			t.Errorf("run %d: CLV %v, want %v", i, got, want)
		}
	}
	at := func(x float64) float64 {
		c := s.Clone()
		if err := c.Set("stage.premium.renewal_discount", x); err != nil {
			t.Fatal(err)
		}
		return clv(c)
	}
	if mid := at(52); !(mid > at(45) && mid > at(60)) {
		t.Errorf("CLV at 52 (%v) is not above the CLV at 45 and 60", mid)
	}
	basic := s.Clone()
	if err := basic.Set("stage.basic.to.premium", 0.0); err != nil {
		t.Fatal(err)
	}
	if err := basic.Set("stage.basic.to.basic", 1.0); err != nil {
		t.Fatal(err)
	}
	m, _ = basic.Model()
	r, _ := sim.Run(m)
	for τ, want := range map[int]float64{0: 1, 11: 1, 12: 0.7, 23: 0.7, 24: 0.49, 35: 0.49} {
		if got := r.Summary.Survival[τ]; math.Abs(got-want) > 1e-12 {
			t.Errorf("basic survival at month %d: %v, want %v", τ, got, want)
		}
	}
}
