package explain

import (
	"testing"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// TestLifetimeCountsOurStages: in a brand-switching market that
// customers leave, the expected lifetime's formula adds up the periods
// in our stages only, as sim's lifetime does: a competitor's customer is
// not ours. By hand (scenarios/shipped/brand-switching.toml):
//   - "Leaky market": A's customers leave the market at 0.05 a month and
//     every competitor's customer comes back to A, so a new customer
//     spends 1/0.05 = 20 months with A;
//   - "Yearly contracts with add-ons": 75.8513 months with A (the file's
//     a0·(1 − 0.96^12)/0.04, a0 = 1/(0.2·0.96^11)).
func TestLifetimeCountsOurStages(t *testing.T) {
	s, err := scenarios.Preset("brand-switching")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"Leaky market": "20", "Yearly contracts with add-ons": "75.8513"}
	for _, r := range runs {
		w, ok := want[r.Name]
		if !ok {
			continue
		}
		delete(want, r.Name)
		f, ok := Explain(r.Result, "en").Formula(kpi.ExpectedLifetime)
		if !ok || f.Values != w {
			t.Errorf("%s: lifetime formula %q = %s, want %q", r.Name, f.Values, f.Result, w)
		}
	}
	for name := range want {
		t.Errorf("no run %q", name)
	}
}
