package uncertainty

import (
	"testing"

	"clvlab/sim"
)

// classed returns lifecycle(window) with its "gold" segment split into
// two latent classes: one as gold, one that stays less in loyal.
func classed(window int) *sim.Model {
	m := lifecycle(window)
	gold := m.Segments[0]
	a, b := gold, gold
	a.ID, a.Share, b.ID, b.Share = "steady", 0.4, "flighty", 0.6
	b.Transition = [][]float64{{0.5, 0.3, 0.05}, {0, 0.6, 0.2}, {0, 0.1, 0.6}}
	m.Segments[0] = sim.Segment{ID: "gold", Share: gold.Share, Classes: []sim.Segment{a, b}}
	return m
}

// TestTrialWithClassesAllocatesNothing: a trial of a model with latent
// classes, every source of randomness on (a parameter drawn into each
// class) and an existing base, allocates nothing.
func TestTrialWithClassesAllocatesNothing(t *testing.T) {
	c := uncertainConfig(10)
	c.Parameters[0].Targets = []Target{
		{Slot{Quantity: TransitionProbability, Segment: 0, Class: 0, Stage: 1, To: 1}, 1},
		{Slot{Quantity: TransitionProbability, Segment: 0, Class: 1, Stage: 1, To: 1}, 1},
		{Slot{Quantity: TransitionProbability, Segment: 1, Stage: 1, To: 1}, 1},
	}
	c.Parameters[1].Targets = []Target{{Slot{Quantity: Revenue, Segment: 0, Class: 1, Stage: 1}, 2}}
	c.Parameters[2].Targets = []Target{{Slot{Quantity: AcquisitionCost, Segment: 0, Class: 0}, 1}, {Slot{Quantity: AcquisitionCost, Segment: 1}, 1}}
	for _, window := range []int{0, 4} {
		m := classed(window)
		m.Segments[0].Classes[1].Existing = []float64{10.5, 3, 0.25} // rounded at random each trial
		s, err := New(m, c)
		if err != nil {
			t.Fatal(err)
		}
		w := newWorker(s)
		w.trial(0)
		i := 0
		if allocs := testing.AllocsPerRun(20, func() { w.trial(i % 10); i++ }); allocs != 0 {
			t.Errorf("window %d: %v allocations per trial, want 0", window, allocs)
		}
	}
	c.Parameters[1].Targets[0].Class = 2
	if _, err := New(classed(0), c); err == nil {
		t.Error("a slot in class 2 of a segment with two classes is accepted")
	}
}

// TestTrialOfMarketAllocatesNothing: a trial of a brand-switching market,
// which records our share and the competitor's each period, every source
// of randomness on, allocates nothing.
func TestTrialOfMarketAllocatesNothing(t *testing.T) {
	m := &sim.Model{
		StageIDs: []string{"a", "b"}, Competitor: []bool{false, true},
		Period: sim.Month, Horizon: 12, DiscountRate: 0.1,
		Segments: []sim.Segment{{ID: "all", Share: 1,
			Stages:     []sim.Economics{{Revenue: 10}, {}},
			Transition: [][]float64{{0.7, 0.2}, {0.3, 0}},
			Existing:   []float64{120.5, 80},
		}},
	}
	m.NewCustomers = []float64{10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10}
	c := Config{Trials: 10, ProcessNoise: true, PoissonAcquisition: true, Parameters: []Parameter{{Name: "a.to.b",
		Distribution: Distribution{Family: Beta, A: 20, B: 80}, Targets: []Target{{Slot{Quantity: TransitionProbability, To: 1}, 1}}}}}
	s, err := New(m, c)
	if err != nil {
		t.Fatal(err)
	}
	w := newWorker(s)
	w.trial(0)
	i := 0
	if allocs := testing.AllocsPerRun(20, func() { w.trial(i % 10); i++ }); allocs != 0 {
		t.Errorf("%v allocations per trial, want 0", allocs)
	}
}
