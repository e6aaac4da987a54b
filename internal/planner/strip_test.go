package planner

import (
	"math"
	"slices"
	"testing"
)

// TestStripPerScenario: the KPI strip holds the five headline figures,
// then the referral value and R in a scenario that refers, and our steady
// share in a brand-switching market (43.75%, the scenario's hand
// calculation), each against the baseline like the others: a win rate
// from B raised from 0.2 to 0.3 takes the three-brand share to the 50%
// of `clvlab seek brand-switching -param stage.b.to.a -kpi steady_share
// -target 0.5`, good news; more stable referrals raise the referral
// value and R against the baseline.
func TestStripPerScenario(t *testing.T) {
	keys := func(p *Planner) []string {
		var out []string
		for _, k := range p.KPIs() {
			out = append(out, k.Key)
		}
		return out
	}
	headline := []string{"clv", "clv_net", "ltv_cac", "customer_equity", "payback_periods"}
	for _, c := range []struct {
		id   string
		want []string
	}{
		{"four-stage", headline},
		{"referral-value", append(slices.Clone(headline), "referral_value", "referrals_direct")},
		{"brand-switching", append(slices.Clone(headline), "steady_share")},
	} {
		p := newPlanner(t, c.id)
		if got := keys(p); !slices.Equal(got, c.want) {
			t.Errorf("%s: strip %v, want %v", c.id, got, c.want)
		}
		if len(p.Strip()) != len(p.KPIs()) {
			t.Errorf("%s: Strip %v and KPIs differ", c.id, p.Strip())
		}
	}

	p := newPlanner(t, "brand-switching")
	share := p.KPIs()[5]
	if share.Label != [2]string{"Steady share", "稳态份额"} || math.Abs(share.Value.Value-0.4375) > 1e-12 || share.Better() != 0 {
		t.Errorf("steady share card %+v, want 43.75%% and no change", share)
	}
	// The planner's slider of B's win rate stops where B's stay leaves
	// off: lower the stay first (the what-if takes it out of the stay).
	if err := p.Set("stage.b.to.b", 0.6); err != nil {
		t.Fatal(err)
	}
	if err := p.Set("stage.b.to.a", 0.3); err != nil {
		t.Fatal(err)
	}
	share = p.KPIs()[5]
	if d, ok := share.Delta(); !ok || math.Abs(share.Value.Value-0.5) > 1e-9 || math.Abs(d-0.0625) > 1e-9 || share.Better() != 1 {
		t.Errorf("steady share after B's win rate 0.3: %+v (delta %v), want 0.5, +0.0625, good news", share, d)
	}
	if got := FormatUnit(share.Unit, share.Value.Value, "CNY", "month", "en"); got != "50.00%" {
		t.Errorf("steady share shows %q, want 50.00%%", got)
	}

	p = newPlanner(t, "referral-value")
	if err := p.Set("stage.stability.referrals", 0.12); err != nil {
		t.Fatal(err)
	}
	rv, r := p.KPIs()[5], p.KPIs()[6]
	if !(rv.Value.Value > rv.Baseline.Value) || rv.Better() != 1 || !(r.Value.Value > r.Baseline.Value) || r.Better() != 1 {
		t.Errorf("more stable referrals: referral value %+v, R %+v; want both up, good news", rv, r)
	}
	if r.Label != [2]string{"Referrals (R)", "推荐数（R）"} {
		t.Errorf("R's labels %q", r.Label)
	}
}
