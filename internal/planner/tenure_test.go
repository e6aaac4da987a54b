package planner

import (
	"slices"
	"testing"
)

// TestTenureSliders: the subscription scenario has sliders for its tenure
// levers (the contract length, the basic plan's renewal, the premium
// plan's growth, cap and renewal discount) but none for the premium
// renewal, which its [[response]] curve sets from the discount; moving
// the discount moves CLV through that curve, and the exported file keeps
// the levers (TestExportRoundTrip covers every shipped scenario).
func TestTenureSliders(t *testing.T) {
	p := newPlanner(t, "subscription")
	var paths []string
	for _, c := range p.Controls() {
		paths = append(paths, c.Path)
	}
	for _, want := range []string{"renewal_every", "stage.basic.renewal", "stage.premium.revenue_growth", "stage.premium.revenue_cap", "stage.premium.renewal_discount"} {
		if !slices.Contains(paths, want) {
			t.Errorf("no slider for %s", want)
		}
	}
	if slices.Contains(paths, "stage.premium.renewal") {
		t.Error("a slider for the renewal the curve sets")
	}
	clv := p.Result().Summary.CLV
	if err := p.Set("stage.premium.renewal_discount", 0); err != nil {
		t.Fatal(err)
	}
	// The variant "No renewal discount" of the file: 975.14 (TestSubscriptionFigures).
	if got := p.Result().Summary.CLV; !(got < clv) || got < 975.13 || got > 975.15 {
		t.Errorf("CLV without the renewal discount %v, want 975.14 (below %v)", got, clv)
	}
	if err := p.Set("renewal_every", 6); err != nil {
		t.Fatal(err)
	}
	if l := p.Result().Model.RenewalEvery; l != 6 {
		t.Errorf("renewal every %d months after the slider, want 6", l)
	}
}
