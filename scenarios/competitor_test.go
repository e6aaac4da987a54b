package scenarios

import (
	"math"
	"testing"

	"gonum.org/v1/gonum/mat"

	"clvlab/sim"
)

// TestBrandSwitchingSteadyState: the shipped brand-switching scenario's
// steady state is the left eigenvector of its switching matrix for the
// eigenvalue 1, computed here by gonum's mat.Eigen (independent of the
// engine's own solve), and the hand values of the file's comment:
// π = (0.4375, 0.3125, 0.25). The first month moves the shares from
// (0.6, 0.3, 0.1) to (0.55, 0.29, 0.16).
func TestBrandSwitchingSteadyState(t *testing.T) {
	s, err := Preset("brand-switching")
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	mk := r.Summary.Market
	if mk == nil || !mk.Closed || !mk.SteadyShare.Defined {
		t.Fatalf("market %+v: want a closed market's steady state", mk)
	}
	p := m.Segments[0].Transition
	a := mat.NewDense(3, 3, nil)
	for i, row := range p {
		a.SetRow(i, row)
		if m.IsCompetitor(i) { // the rest of a competitor's row is its stay
			a.Set(i, i, row[i]+max(0, 1-(row[0]+row[1]+row[2])))
		}
	}
	var eig mat.Eigen
	if !eig.Factorize(a, mat.EigenLeft) {
		t.Fatal("mat.Eigen failed")
	}
	k := -1
	for i, v := range eig.Values(nil) {
		if math.Abs(real(v)-1) < 1e-12 && imag(v) == 0 {
			k = i
		}
	}
	if k < 0 {
		t.Fatalf("no eigenvalue 1 among %v", eig.Values(nil))
	}
	var vecs mat.CDense
	eig.LeftVectorsTo(&vecs)
	sum := 0.0
	for i := range 3 {
		sum += real(vecs.At(i, k))
	}
	hand := []float64{0.4375, 0.3125, 0.25}
	for i := range 3 {
		pi := real(vecs.At(i, k)) / sum
		if math.Abs(mk.Steady[i]-pi) > 1e-12 || math.Abs(pi-hand[i]) > 1e-12 {
			t.Errorf("stage %s: steady %v, eigenvector %v, by hand %v", m.StageIDs[i], mk.Steady[i], pi, hand[i])
		}
	}
	if math.Abs(mk.SteadyShare.Value-0.4375) > 1e-12 {
		t.Errorf("steady share %v, want 0.4375", mk.SteadyShare.Value)
	}
	for i, want := range []float64{0.55, 0.29, 0.16} {
		if got := r.MarketShare(1, i); math.Abs(got-want) > 1e-12 {
			t.Errorf("stage %s's share after a month %v, want %v", m.StageIDs[i], got, want)
		}
	}
	if got := mk.Share[0]; got != 0.6 {
		t.Errorf("our share at period 0 %v, want 0.6", got)
	}
}

// TestCompetitorFlagsReachTheModel: competitor = true marks the stage in
// the engine's model; a scenario without one has no flags (nil), so its
// model is the one it always was.
func TestCompetitorFlagsReachTheModel(t *testing.T) {
	s, err := Preset("brand-switching")
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	if want := []bool{false, true, true}; len(m.Competitor) != 3 || m.Competitor[0] != want[0] || m.Competitor[1] != want[1] || m.Competitor[2] != want[2] {
		t.Errorf("flags %v, want %v", m.Competitor, want)
	}
	for _, id := range Presets() {
		if id == "brand-switching" {
			continue
		}
		s, _ := Preset(id)
		m, err := s.Model()
		if err != nil {
			t.Fatal(err)
		}
		if m.Competitor != nil {
			t.Errorf("%s: competitor flags %v, want none", id, m.Competitor)
		}
	}
}
