package explain

import (
	"strings"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// TestSteadyShareFormula: brand-switching's explanation ends with the
// steady share, π_a = 0.4375 of the scenario's hand calculation (a closed
// market), and its Leaky market variant's with the market with
// acquisition going on, v normalised, the same 43.75% (the scenario's
// comment says why); a scenario without competitors has no such formula.
func TestSteadyShareFormula(t *testing.T) {
	s, err := scenarios.Preset("brand-switching")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct{ symbols, where string }{
		{"s∞ = π_a", "π = π·P, Σπ = 1"},
		{},
		{"s∞ = (v_a) / Σ_i v_i", "v = e·(I − A)⁻¹"},
	} {
		if want.symbols == "" {
			continue
		}
		e := Explain(runs[i].Result, "en")
		f, ok := e.Formula(kpi.SteadyShare)
		if !ok || e.Formulas[len(e.Formulas)-1].KPI != kpi.SteadyShare {
			t.Fatalf("%s: no steady share formula last", runs[i].Name)
		}
		if f.Symbols != want.symbols || f.Values != "0.4375" || f.Result != "43.75%" ||
			!strings.HasPrefix(f.Where, want.where) || !strings.Contains(f.Where, "a 0.4375, b 0.3125, c 0.25") {
			t.Errorf("%s: %q (where %q)", runs[i].Name, f, f.Where)
		}
		if zh, _ := Explain(runs[i].Result, "zh").Formula(kpi.SteadyShare); !strings.Contains(zh.Where, "a 0.4375，b 0.3125，c 0.25") {
			t.Errorf("%s: Chinese where %q", runs[i].Name, zh.Where)
		}
	}
	plain, err := scenarios.Preset("four-stage")
	if err != nil {
		t.Fatal(err)
	}
	res, err := projection.Project(plain)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := Explain(res, "en").Formula(kpi.SteadyShare); ok {
		t.Error("four-stage explains a steady share")
	}
}
