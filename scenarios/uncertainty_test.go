package scenarios

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"clvlab/sim/uncertainty"
)

func loadValid(t *testing.T, name string) *Scenario {
	t.Helper()
	s, err := Load(os.DirFS("testdata/valid"), name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestDistributionsKeepTheirMean: a value given as a distribution holds its
// mean, which the engine model uses, and the distribution is kept by set
// path.
func TestDistributionsKeepTheirMean(t *testing.T) {
	s := loadValid(t, "distributions-every-form.toml")
	want := map[string]Distribution{
		"acquisition.cost_per_customer":     {Form: "lognormal", A: 4.6, B: 0.2, Money: true},
		"stage.trial.revenue":               {Form: "mean", A: 100, B: 10, Money: true},
		"stage.trial.price_discount":        {Form: "beta", A: 1, B: 9},
		"stage.trial.to.trial":              {Form: "beta", A: 46, B: 4},
		"stage.member.cost_to_serve":        {Form: "gamma", A: 4, B: 5, Money: true},
		"stage.member.to.member":            {Form: "mean", A: 0.5, B: 0.1},
		"winback.rate":                      {Form: "mean", A: 0.05, B: 0.01},
		"segment.gold.stage.trial.revenue":  {Form: "mean", A: 300, B: 30, Money: true},
		"segment.gold.stage.trial.to.trial": {Form: "mean", A: 0.9, B: 0.05},
	}
	if !reflect.DeepEqual(s.Distributions, want) {
		t.Errorf("distributions\n%v\nwant\n%v", s.Distributions, want)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	gold, rest := m.Segments[0], m.Segments[1]
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"acquisition cost: e^(4.6 + 0.2²/2)", rest.AcquisitionCost, math.Exp(4.6 + 0.02)},
		{"trial revenue, rest", rest.Stages[0].Revenue, 100},
		{"trial revenue, gold: override 300 × multiplier 2", gold.Stages[0].Revenue, 600},
		{"price discount 1/(1+9)", rest.Stages[0].PriceDiscount, 0.1},
		{"stay in trial 46/50", rest.Transition[0][0], 0.92},
		{"stay in trial, gold override", gold.Transition[0][0], 0.9},
		{"member cost to serve 4 × 5", rest.Stages[1].CostToServe, 20},
		{"win-back rate", m.Winback.Rate, 0.05},
		{"win-back cost, sd = 0", m.Winback.CostPerCustomer, 10},
	} {
		if math.Abs(c.got-c.want) > 1e-12*c.want {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	if _, ok := s.Distributions["winback.cost_per_customer"]; ok {
		t.Error("sd = 0 kept as a distribution; it is a fixed value")
	}
}

// TestMonteCarloParameters: each distribution becomes one parameter that
// sets every segment not overriding it, times the segment's multiplier for
// money; a segment's own distribution sets that segment only. Parameters
// come in path order.
func TestMonteCarloParameters(t *testing.T) {
	s := loadValid(t, "distributions-every-form.toml")
	c := s.MonteCarlo()
	if c.Seed != 7 || c.Trials != 0 || !c.ProcessNoise || !c.PoissonAcquisition || c.Rows != uncertainty.ScaleRows {
		t.Errorf("config %+v: want seed 7, no trials without [uncertainty], noise and Poisson on, scaled rows", c)
	}
	target := func(q uncertainty.Quantity, seg, stage, to int, scale float64) uncertainty.Target {
		return uncertainty.Target{Slot: uncertainty.Slot{Quantity: q, Segment: seg, Stage: stage, To: to}, Scale: scale}
	}
	want := map[string][]uncertainty.Target{
		"acquisition.cost_per_customer":     {target(uncertainty.AcquisitionCost, 0, 0, 0, 1), target(uncertainty.AcquisitionCost, 1, 0, 0, 1)},
		"segment.gold.stage.trial.revenue":  {target(uncertainty.Revenue, 0, 0, 0, 2)},
		"segment.gold.stage.trial.to.trial": {target(uncertainty.TransitionProbability, 0, 0, 0, 1)},
		"stage.member.cost_to_serve":        {target(uncertainty.CostToServe, 0, 1, 0, 1), target(uncertainty.CostToServe, 1, 1, 0, 1)},
		"stage.member.to.member":            {target(uncertainty.TransitionProbability, 0, 1, 1, 1), target(uncertainty.TransitionProbability, 1, 1, 1, 1)},
		"stage.trial.price_discount":        {target(uncertainty.PriceDiscount, 0, 0, 0, 1), target(uncertainty.PriceDiscount, 1, 0, 0, 1)},
		"stage.trial.revenue":               {target(uncertainty.Revenue, 1, 0, 0, 1)}, // gold overrides it
		"stage.trial.to.trial":              {target(uncertainty.TransitionProbability, 1, 0, 0, 1)},
		"winback.rate":                      {{Slot: uncertainty.Slot{Quantity: uncertainty.WinbackRate}, Scale: 1}},
	}
	var names []string
	for _, p := range c.Parameters {
		names = append(names, p.Name)
		if !reflect.DeepEqual(p.Targets, want[p.Name]) {
			t.Errorf("%s sets %+v, want %+v", p.Name, p.Targets, want[p.Name])
		}
		if mean := p.Distribution.Mean(); math.Abs(mean-s.Distributions[p.Name].Mean()) > 1e-12*mean {
			t.Errorf("%s: law's mean %v, the file's %v", p.Name, mean, s.Distributions[p.Name].Mean())
		}
	}
	if len(names) != len(want) || !slicesSorted(names) {
		t.Errorf("parameters %v: want the %d paths in order", names, len(want))
	}
	runs, err := s.Runs()
	if err != nil {
		t.Fatal(err)
	}
	// The variant replaces stage.trial.to.trial by a number, adds a
	// distribution for cost to serve and another for member retention.
	v := runs[1].Scenario
	if _, ok := v.Distributions["stage.trial.to.trial"]; ok {
		t.Error("the variant's fixed value did not replace the distribution")
	}
	if d := v.Distributions["stage.member.to.member"]; d != (Distribution{Form: "beta", A: 30, B: 30}) {
		t.Errorf("variant member retention %+v, want beta [30, 30]", d)
	}
	if d := v.Distributions["stage.trial.cost_to_serve"]; d != (Distribution{Form: "mean", A: 5, B: 1, Money: true}) || v.Stages[0].CostToServe != 5 {
		t.Errorf("variant cost to serve %+v (value %v), want mean 5 sd 1", d, v.Stages[0].CostToServe)
	}
	if _, ok := s.Distributions["stage.trial.cost_to_serve"]; ok {
		t.Error("the variant's distribution leaked into the base")
	}
	for _, r := range runs {
		if _, err := uncertainty.New(r.Model, r.Scenario.MonteCarlo()); err != nil {
			t.Errorf("%s: %v", r.Name, err)
		}
	}
}

func slicesSorted(s []string) bool {
	for i := 1; i < len(s); i++ {
		if s[i-1] >= s[i] {
			return false
		}
	}
	return true
}

// TestUncertaintyTable: the [uncertainty] table's keys and defaults.
func TestUncertaintyTable(t *testing.T) {
	c := loadValid(t, "uncertainty-table.toml").MonteCarlo()
	if c.Trials != 5000 || c.Seed != 20260101 || c.ProcessNoise || c.PoissonAcquisition || c.Rows != uncertainty.RedrawRows {
		t.Errorf("config %+v", c)
	}
	d := loadValid(t, "uncertainty-defaults.toml").MonteCarlo()
	if d.Trials != uncertainty.DefaultTrials || d.Seed != DefaultSeed || !d.ProcessNoise || !d.PoissonAcquisition || d.Rows != uncertainty.ScaleRows {
		t.Errorf("an empty [uncertainty] table gives %+v", d)
	}
	if n := loadValid(t, "minimal.toml").MonteCarlo(); n.Trials != 0 || len(n.Parameters) != 0 {
		t.Errorf("a file without uncertainty gives %+v", n)
	}
}

// TestEncodeKeepsUncertainty: a scenario with distributions, a seed and an
// [uncertainty] table, written out and read back, has the same ones.
func TestEncodeKeepsUncertainty(t *testing.T) {
	for _, name := range []string{"distributions-every-form.toml", "referral-distributions.toml", "uncertainty-table.toml", "uncertainty-defaults.toml"} {
		s := loadValid(t, name)
		var b bytes.Buffer
		if err := s.Encode(&b); err != nil {
			t.Fatal(err)
		}
		back, err := Parse(name, b.Bytes())
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, b.String())
		}
		if !reflect.DeepEqual(back.Distributions, s.Distributions) || back.Seed != s.Seed || back.Uncertainty != s.Uncertainty {
			t.Errorf("%s: after a round trip distributions %v seed %d %+v\nwant %v seed %d %+v",
				name, back.Distributions, back.Seed, back.Uncertainty, s.Distributions, s.Seed, s.Uncertainty)
		}
		if !reflect.DeepEqual(back.MonteCarlo(), s.MonteCarlo()) {
			t.Errorf("%s: Monte Carlo configuration differs after a round trip", name)
		}
	}
}

// TestSetDistribution: Set takes a distribution table where a value may be
// one, and a plain number there drops the distribution.
func TestSetDistribution(t *testing.T) {
	s := mustParse(t, small)
	if err := s.Set("stage.loyal.to.loyal", map[string]any{"beta": []any{int64(9), int64(1)}}); err != nil {
		t.Fatal(err)
	}
	if s.Stages[1].To["loyal"] != 0.9 || s.Distributions["stage.loyal.to.loyal"] != (Distribution{Form: "beta", A: 9, B: 1}) {
		t.Errorf("to.loyal %v, distribution %+v", s.Stages[1].To["loyal"], s.Distributions["stage.loyal.to.loyal"])
	}
	if err := s.Set("stage.loyal.to.loyal", 0.85); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Distributions["stage.loyal.to.loyal"]; ok || s.Stages[1].To["loyal"] != 0.85 {
		t.Error("a number did not replace the distribution")
	}
	for _, c := range []struct {
		path  string
		value any
		want  string
	}{
		{"horizon", map[string]any{"mean": 2.0, "sd": 1.0}, `"horizon": expected a whole number, got a table`},
		{"segment.gold.share", map[string]any{"beta": []any{1.0, 1.0}}, `"segment.gold.share": expected a number, got a table`},
		{"stage.loyal.revenue", map[string]any{"gamma": []any{1.0}}, `"stage.loyal.revenue": gamma = [shape, scale] needs two numbers, got a list of 1`},
	} {
		if err := s.Set(c.path, c.value); err == nil || err.Error() != c.want {
			t.Errorf("Set(%q): error %v, want %q", c.path, err, c.want)
		}
	}
}

// FuzzMonteCarlo: whatever loads gives every run a Monte Carlo
// configuration that sim/uncertainty accepts and runs without panicking.
func FuzzMonteCarlo(f *testing.F) {
	for _, dir := range []string{"testdata/valid", "testdata/invalid", "shipped"} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.toml"))
		for _, file := range files {
			b, _ := os.ReadFile(file)
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := Parse("fuzz.toml", src)
		if err != nil {
			return
		}
		runs, err := s.Runs()
		if err != nil {
			t.Fatalf("parsed but does not resolve: %v", err)
		}
		for _, r := range runs {
			c := r.Scenario.MonteCarlo()
			c.Trials = 2
			if r.Model.Horizon*len(r.Model.Segments) > 2000 {
				c.Trials = 1 // keep each input fast
			}
			if _, err := uncertainty.Run(r.Model, c); err != nil {
				t.Fatalf("run %s: %v", r.Name, err)
			}
		}
	})
}

// TestUncertainSlots: every entry that may be uncertain names the quantity
// of the model its draws go into, and only those; MonteCarlo panics rather
// than draw into another quantity for one that does not.
func TestUncertainSlots(t *testing.T) {
	for _, e := range Params() {
		if e.Uncertain != (e.quantity != 0) {
			t.Errorf("%s: uncertain %v, quantity %v", e.Pattern, e.Uncertain, e.quantity)
		}
	}
	s := mustParse(t, small)
	defer func() {
		if r := recover(); r != "scenarios: no uncertainty slot for stage.ID.revenue" {
			t.Errorf("a draw without a slot: recovered %v", r)
		}
	}()
	e := *param("stage.ID.revenue")
	e.quantity = 0
	s.targets(&e, Path{Stage: "new", Key: "revenue"}, s.Segments)
}
