package explain

import (
	"strings"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/sim"
)

// TestBadDebtInTheMargin: where bad debt is used, the formulas show the
// margin with it. decline-decision's Decliners default variant (Markov
// form) writes decline's margin 60·(1 − 0.25) − 20 − 5 = 20 into CLV's
// and CLV∞'s explanations, in English and Chinese, and its fundamental
// matrix's R for decline is 20; the base says nothing of bad debt. A
// one-stage annuity with revenue 100, discount 0.2, bad debt 0.1, cost 30
// and retention spend 2 writes P = 100·(1 − 0.2)·(1 − 0.1) − 30 − 2 = 40
// and names bad debt among the margin's parts.
func TestBadDebtInTheMargin(t *testing.T) {
	const decline = "decline: 60·(1 − 0.25) − 20 − 5 = 20"
	for lang, word := range map[string]string{"en": "Bad debt", "zh": "坏账"} {
		f := formulas(t, "decline-decision", "Decliners default", lang)
		for _, k := range []kpi.KPI{kpi.CLV, kpi.CLVInfinite} {
			if w := f[k].Where; !strings.Contains(w, decline) || !strings.Contains(w, word) {
				t.Errorf("%s %s: where %q lacks %q and %q", lang, k, w, decline, word)
			}
		}
		base := formulas(t, "decline-decision", "base", lang)
		if w := base[kpi.CLV].Where + base[kpi.CLVInfinite].Where; strings.Contains(w, word) {
			t.Errorf("%s: the base, without bad debt, mentions it: %q", lang, w)
		}
	}
	for _, r := range shippedRuns(t)["decline-decision"] {
		if r.Name != "Decliners default" {
			continue
		}
		fu := Fundamentals(r.Model)[0]
		for a, i := range fu.States {
			if i == 3 && fu.Reward[a] != 20 {
				t.Errorf("decline's R %v, want 20", fu.Reward[a])
			}
		}
	}

	m := &sim.Model{
		StageIDs: []string{"loyal"}, Period: sim.Year, Horizon: 3, DiscountRate: 0.1,
		NewCustomers: []float64{1, 1, 1},
		Segments: []sim.Segment{{ID: "all", Share: 1,
			Stages:     []sim.Economics{{Revenue: 100, PriceDiscount: 0.2, BadDebt: 0.1, CostToServe: 30, RetentionSpend: 2}},
			Transition: [][]float64{{1}}}},
	}
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	e := Explain(r, "en")
	if e.Form != Annuity {
		t.Fatalf("form %s, want the annuity", e.Form)
	}
	clv, _ := e.Formula(kpi.CLV)
	if want := "P = 100·(1 − 0.2)·(1 − 0.1) − 30 − 2 = 40,"; !strings.HasPrefix(clv.Where, want) || !strings.Contains(clv.Where, "bad debt") {
		t.Errorf("annuity where %q, want it to start %q and name bad debt", clv.Where, want)
	}
	// 40·(1 − 1.1⁻³)/0.1 = 40·2.486852 = 99.474
	if !strings.HasPrefix(clv.Values, "40 · ") || clv.Result != "99.47" {
		t.Errorf("annuity %q = %q, want 40 · … = 99.47", clv.Values, clv.Result)
	}
}
