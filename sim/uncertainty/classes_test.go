package uncertainty_test

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/stat/distuv"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// withClasses is a yearly model with one stage: a segment "mix" of two
// latent classes (retention 0.9 and 0.5, shares 0.4 and 0.6) beside a
// plain segment (retention 0.7), 30 new customers a year, and win-back.
func withClasses() *sim.Model {
	class := func(id string, share, r float64) sim.Segment {
		return sim.Segment{ID: id, Share: share, AcquisitionCost: 20,
			Stages: []sim.Economics{{Revenue: 50, CostToServe: 10}}, Transition: [][]float64{{r}}}
	}
	plain := class("plain", 0.5, 0.7)
	return &sim.Model{
		StageIDs: []string{"active"}, Period: sim.Year, Horizon: 8, DiscountRate: 0.08,
		NewCustomers: []float64{30, 30, 30, 30, 30, 30, 30, 30},
		Winback:      sim.Winback{Rate: 0.1, CostPerCustomer: 5, To: 0, Window: 3},
		Segments: []sim.Segment{
			{ID: "mix", Share: 0.5, Classes: []sim.Segment{class("loyal", 0.4, 0.9), class("fickle", 0.6, 0.5)}},
			plain,
		},
	}
}

// TestClassesZeroVarianceEqualsDeterministic: without randomness a trial
// of a model with classes records the engine's per-period values bit for
// bit (as TestZeroVarianceEqualsDeterministic for the shipped scenarios).
func TestClassesZeroVarianceEqualsDeterministic(t *testing.T) {
	m := withClasses()
	r := deterministic(t, m)
	b := run(t, m, uncertainty.Config{Trials: 20, Seed: 1})
	for _, c := range series(b, r) {
		exact := c.name != "CLV"
		if exact && c.got.P50 != c.want || !exact && math.Abs(c.got.P50-c.want) > 1e-12*math.Abs(c.want) {
			t.Errorf("%s: median %v, want %v", c.name, c.got.P50, c.want)
		}
	}
}

// TestClassesProcessNoiseMeanConverges: with process noise and Poisson
// acquisition the means of 4,000 trials are the engine's values within z
// standard errors (Bonferroni over the figures, family-wise 0.001), so
// the classes' customers are drawn and moved with their own chains and
// shares.
func TestClassesProcessNoiseMeanConverges(t *testing.T) {
	const trials = 4000
	m := withClasses()
	r := deterministic(t, m)
	b := run(t, m, uncertainty.Config{Trials: trials, Seed: 5, ProcessNoise: true, PoissonAcquisition: true})
	figures := series(b, r)
	z := distuv.UnitNormal.Quantile(1 - 0.001/(2*float64(len(figures))))
	for _, f := range figures {
		if f.name == "CLV" {
			continue // Poisson acquisition makes the first cohort's size random: CLV is a ratio estimate
		}
		se := f.got.StdDev / math.Sqrt(trials)
		if math.Abs(f.got.Mean-f.want) > z*se+1e-9*math.Abs(f.want) {
			t.Errorf("%s mean %v, deterministic %v: %.1f standard errors (limit %.1f)", f.name, f.got.Mean, f.want, math.Abs(f.got.Mean-f.want)/se, z)
		}
	}
}

// TestParameterDrawnIntoOneClass: a parameter whose slot is one class's
// revenue sets that class only: with a point distribution at 80 the
// bands are the engine's for the model with that class's revenue 80.
func TestParameterDrawnIntoOneClass(t *testing.T) {
	m := withClasses()
	c := uncertainty.Config{Trials: 10, Seed: 3, Parameters: []uncertainty.Parameter{{
		Name: "class.fickle.stage.active.revenue", Distribution: uncertainty.Distribution{Family: uncertainty.Point, A: 80},
		Targets: []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: uncertainty.Revenue, Segment: 0, Class: 1}, Scale: 1}},
	}}}
	b := run(t, m, c)
	want := withClasses()
	want.Segments[0].Classes[1].Stages[0].Revenue = 80
	r := deterministic(t, want)
	if got := b.CustomerEquity.P50; got != r.Summary.CustomerEquity {
		t.Errorf("customer equity %v, want %v", got, r.Summary.CustomerEquity)
	}
	if before := deterministic(t, withClasses()).Summary.CustomerEquity; before == r.Summary.CustomerEquity {
		t.Errorf("the class's revenue does not move customer equity (%v)", before)
	}
}

// manyClasses is a weekly one-stage model over 78 weeks with k classes of
// retention spread over [0.5, 0.99].
func manyClasses(k int) *sim.Model {
	m := &sim.Model{StageIDs: []string{"active"}, Period: sim.Week, Horizon: 78, DiscountRate: 0.1,
		NewCustomers: make([]float64, 78)}
	for t := range m.NewCustomers {
		m.NewCustomers[t] = 1000
	}
	seg := sim.Segment{ID: "all", Share: 1}
	for i := range k {
		r := 0.5 + 0.49*float64(i)/float64(max(1, k-1))
		seg.Classes = append(seg.Classes, sim.Segment{ID: fmt.Sprint(i), Share: 1 / float64(k),
			Stages: []sim.Economics{{Revenue: 10, Purchases: 0.2}}, Transition: [][]float64{{r}}})
	}
	m.Segments = []sim.Segment{seg}
	return m
}

// BenchmarkMonteCarloClasses runs 100 trials of a 78-week scenario with
// 300 latent classes, process noise and Poisson acquisition, on one core:
// ns/op is for all 100 trials and their bands.
func BenchmarkMonteCarloClasses(b *testing.B) {
	m := manyClasses(300)
	s, err := uncertainty.New(m, uncertainty.Config{Trials: 100, Seed: 1, ProcessNoise: true, PoissonAcquisition: true})
	if err != nil {
		b.Fatal(err)
	}
	s.Run()
	b.ReportAllocs()
	for b.Loop() {
		s.Run()
	}
}

// withExisting is withClasses with customers today: 40.5 in the loyal
// class and 25 in the plain segment (a fractional count, rounded at
// random under process noise).
func withExisting() *sim.Model {
	m := withClasses()
	m.Segments[0].Classes[0].Existing = []float64{40.5}
	m.Segments[1].Existing = []float64{25}
	return m
}

// TestExistingZeroVarianceEqualsDeterministic: without randomness a
// trial with an existing base records the engine's values bit for bit,
// and its CLV is the new customers' (the base is not the first cohort).
func TestExistingZeroVarianceEqualsDeterministic(t *testing.T) {
	m := withExisting()
	r := deterministic(t, m)
	if r.Summary.CustomerEquityExisting <= 0 {
		t.Fatalf("existing equity %v", r.Summary.CustomerEquityExisting)
	}
	b := run(t, m, uncertainty.Config{Trials: 20, Seed: 1})
	for _, c := range series(b, r) {
		exact := c.name != "CLV"
		if exact && c.got.P50 != c.want || !exact && math.Abs(c.got.P50-c.want) > 1e-12*math.Abs(c.want) {
			t.Errorf("%s: median %v, want %v", c.name, c.got.P50, c.want)
		}
	}
}

// TestExistingProcessNoiseMeanConverges: with process noise the base's
// customers move as whole people (40.5 rounded at random to 40 or 41)
// and the means of 4,000 trials are the engine's within z standard
// errors (Bonferroni, family-wise 0.001), CLV included: the planned
// cohorts are whole, so the first cohort's size is fixed.
func TestExistingProcessNoiseMeanConverges(t *testing.T) {
	const trials = 4000
	m := withExisting()
	r := deterministic(t, m)
	b := run(t, m, uncertainty.Config{Trials: trials, Seed: 9, ProcessNoise: true})
	figures := series(b, r)
	z := distuv.UnitNormal.Quantile(1 - 0.001/(2*float64(len(figures))))
	for _, f := range figures {
		se := f.got.StdDev / math.Sqrt(trials)
		if math.Abs(f.got.Mean-f.want) > z*se+1e-9*math.Abs(f.want) {
			t.Errorf("%s mean %v, deterministic %v: %.1f standard errors (limit %.1f)", f.name, f.got.Mean, f.want, math.Abs(f.got.Mean-f.want)/se, z)
		}
	}
}
