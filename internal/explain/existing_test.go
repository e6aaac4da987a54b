package explain

import (
	"os"
	"strings"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/sim"
)

// TestExistingAnnuity: 1,000 customers already in a one-stage model of
// margin 10 and retention 0.8 a month, 12 months at 10% a year, cash at
// period end, nobody acquired: one of them is worth V = 10·Σₜ
// 0.8ᵗ·v^(t+1), v = 1.1^(−1/12) (Python: 10*sum(0.8**t*v**(t+1) for t in
// range(12)) = 45.07905389046739, sim's TestExistingAnnuity), and
// customer equity is 0 + 1,000 · 45.08.
func TestExistingAnnuity(t *testing.T) {
	m := &sim.Model{
		StageIDs: []string{"loyal"}, Period: sim.Month, Horizon: 12, DiscountRate: 0.10,
		NewCustomers: make([]float64, 12),
		Segments: []sim.Segment{{ID: "all", Share: 1, Stages: []sim.Economics{{Revenue: 10}},
			Transition: [][]float64{{0.8}}, Existing: []float64{1000}}},
	}
	ex := Existing(m)
	if len(ex) != 1 || ex[0].Stage != 0 || ex[0].Customers != 1000 || !close(ex[0].Value, 45.07905389046739, 1e-13) {
		t.Fatalf("existing %+v, want 1,000 in stage 0 worth 45.07905389046739", ex)
	}
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	f, _ := Explain(r, "en").Formula(kpi.CustomerEquity)
	if !strings.HasSuffix(f.Values, " + 1,000 · 45.08") || !strings.Contains(f.Symbols, "CE_new + CE_existing") {
		t.Errorf("customer equity %s = %s: want CE_new + CE_existing and the base's 1,000 · 45.08 last", f.Symbols, f.Values)
	}
}

// TestExistingAgainstSim: on a scenario with an existing base split over
// segments and classes (testdata existing-base.toml, base and variant),
// today's customers by stage add up to sim's ExistingCustomers, their
// Σ_i X_i·V_i is sim's customer_equity_existing, and customer equity's
// formula shows both parts, in English and Chinese, with its result sim's
// customer equity.
func TestExistingAgainstSim(t *testing.T) {
	s, err := scenarios.Load(os.DirFS("../../scenarios/testdata/valid"), "existing-base.toml")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range runs {
		sum := &r.Result.Summary
		ex := Existing(r.Model)
		count, worth := 0.0, 0.0
		for _, x := range ex {
			count += x.Customers
			worth += x.Customers * x.Value
		}
		if len(ex) != 2 || !close(count, sum.ExistingCustomers, 1e-12) || !close(worth, sum.CustomerEquityExisting, 1e-9) {
			t.Errorf("%s: %d stages, %v customers worth %v; sim: %v worth %v", r.Name, len(ex), count, worth, sum.ExistingCustomers, sum.CustomerEquityExisting)
		}
		for lang, words := range map[string]string{"en": "today's customers", "zh": "现有客户"} {
			f, _ := Explain(r.Result, lang).Formula(kpi.CustomerEquity)
			for _, want := range []string{words, money(sum.CustomerEquityNew), money(sum.CustomerEquityExisting)} {
				if !strings.Contains(f.Where, want) {
					t.Errorf("%s %s: customer equity's where %q lacks %q", r.Name, lang, f.Where, want)
				}
			}
			if f.Result != kpi.CustomerEquity.Format(sim.Some(sum.CustomerEquity)) {
				t.Errorf("%s %s: result %s, sim %v", r.Name, lang, f.Result, sum.CustomerEquity)
			}
		}
	}
}
