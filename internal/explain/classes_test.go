package explain

import (
	"testing"

	"clvlab/sim"
)

// TestLatentClasses: a model whose segment has latent classes (two
// classes of retention 0.9 and 0.5, shares 0.4 and 0.6) is explained as a
// mixture: its form is Markov, the tenure table sums to sim's CLV, and
// the infinite-horizon CLV and lifetime are sim's.
func TestLatentClasses(t *testing.T) {
	class := func(id string, share, r float64) sim.Segment {
		return sim.Segment{ID: id, Share: share, Stages: []sim.Economics{{Revenue: 10}}, Transition: [][]float64{{r}}}
	}
	m := &sim.Model{StageIDs: []string{"active"}, Period: sim.Week, Horizon: 52, DiscountRate: 0.1,
		NewCustomers: make([]float64, 52),
		Segments:     []sim.Segment{{ID: "all", Share: 1, Classes: []sim.Segment{class("loyal", 0.4, 0.9), class("fickle", 0.6, 0.5)}}}}
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	e := Explain(r, "en")
	if e.Form != Markov {
		t.Errorf("form %v, want markov", e.Form)
	}
	if !close(e.Table.CLV, r.Summary.CLV, 1e-12) {
		t.Errorf("table CLV %v, sim %v", e.Table.CLV, r.Summary.CLV)
	}
	f := e.Fundamentals[0]
	if !close(f.CLV.Value, r.Summary.CLVInfinite.Value, 1e-12) || !close(f.Lifetime.Value, r.Summary.ExpectedLifetime.Value, 1e-12) {
		t.Errorf("CLV∞ %v and lifetime %v, sim %v and %v", f.CLV, f.Lifetime, r.Summary.CLVInfinite, r.Summary.ExpectedLifetime)
	}
}
