package scenarios

import (
	"os"
	"testing"

	"clvlab/sim"
)

// TestOutputsWithinRange: a file whose rows and segment shares sum to a
// little more than 1 (within the tolerances Validate allows) loads, and
// no output of its projection leaves its mathematical range: survival and
// each segment's survival in [0, 1], a cohort's stage shares in [0, 1], segment shares in [0, 1] summing to 1, every
// transition row summing to at most 1. (Before rows were scaled, survival
// reached 1.000000000059 here.)
func TestOutputsWithinRange(t *testing.T) {
	s, err := Load(os.DirFS("testdata/valid"), "row-sums-near-one.toml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	shares := 0.0
	for _, seg := range m.Segments {
		if !(seg.Share >= 0 && seg.Share <= 1) {
			t.Errorf("segment %q: share %v", seg.ID, seg.Share)
		}
		shares += seg.Share
		for i, row := range seg.Transition {
			if sum := inOrder(row); sum > 1 {
				t.Errorf("segment %q, stage %q: row sums to %v > 1", seg.ID, m.StageIDs[i], sum)
			}
		}
	}
	if shares != 1 {
		t.Errorf("segment shares sum to %v, want exactly 1", shares)
	}
	res, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	var mix []float64
	for τ, x := range res.Summary.Survival {
		if !(x >= 0 && x <= 1) {
			t.Errorf("survival[%d] = %v, outside [0, 1]", τ, x)
		}
		for g := range m.Segments {
			if x := res.SegmentSurvival(g, τ); !(x >= 0 && x <= 1) {
				t.Errorf("segment %d survival[%d] = %v, outside [0, 1]", g, τ, x)
			}
		}
		mix = res.CohortMix(mix, τ)
		for i, x := range mix {
			if !(x >= 0 && x <= 1) {
				t.Errorf("cohort mix at %d, stage %d = %v, outside [0, 1]", τ, i, x)
			}
		}
	}
}
