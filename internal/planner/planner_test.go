package planner

import (
	"bytes"
	"math"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
	"clvlab/sim"
)

func newPlanner(t *testing.T, id string) *Planner {
	t.Helper()
	s, err := scenarios.Preset(id)
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(s, id)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

const stay = "stage.stability.to.stability"

// TestRowStaysValid: a probability can rise only as far as its row's
// churn allows; the slider takes from churn, never from another stage.
func TestRowStaysValid(t *testing.T) {
	p := newPlanner(t, "four-stage")
	before := p.Churn("stability")
	decline := p.Value("stage.stability.to.decline")
	_, hi := p.Range(stay)
	// Four-stage stability row: stay 0.90 + decline 0.05 (the file), so at
	// most 1 − 0.05 = 0.95.
	if math.Abs(hi-(1-decline)) > 1e-12 {
		t.Errorf("range top %v, want 1 − %v", hi, decline)
	}
	if err := p.Set(stay, 0.99); err != nil {
		t.Fatal(err)
	}
	if got := p.Value(stay); math.Abs(got-hi) > 1e-12 {
		t.Errorf("stay %v after asking 0.99, want it clamped to %v", got, hi)
	}
	if p.Churn("stability") > 1e-12 || before <= 0 {
		t.Errorf("churn %v (was %v), want 0 at the top of the range", p.Churn("stability"), before)
	}
	if p.Value("stage.stability.to.decline") != decline {
		t.Error("raising stay changed another destination")
	}
}

// TestUndoRedo: a drag (many Sets, one EndEdit) is one undo step; undo and
// redo restore values and results.
func TestUndoRedo(t *testing.T) {
	p := newPlanner(t, "four-stage")
	clv0 := p.Result().Summary.CLV
	for _, v := range []float64{0.91, 0.92, 0.93} {
		p.Set(stay, v)
	}
	p.EndEdit()
	p.Set("acquisition.cost_per_customer", 90)
	p.EndEdit()
	if !p.Undo() || p.Value("acquisition.cost_per_customer") != 120 || p.Value(stay) != 0.93 {
		t.Fatalf("after one undo: cost %v, stay %v", p.Value("acquisition.cost_per_customer"), p.Value(stay))
	}
	if !p.Undo() || p.Value(stay) != 0.90 || p.Result().Summary.CLV != clv0 {
		t.Fatalf("after two undos: stay %v, CLV %v (want 0.90, %v)", p.Value(stay), p.Result().Summary.CLV, clv0)
	}
	if p.Undo() {
		t.Error("undo beyond the first change")
	}
	if !p.Redo() || p.Value(stay) != 0.93 {
		t.Errorf("redo: stay %v, want 0.93", p.Value(stay))
	}
	p.Set("stage.decline.revenue", 50)
	if p.CanRedo() {
		t.Error("a new change kept the redo history")
	}
}

// TestKPIsAgainstBaseline: more retention raises CLV against the baseline
// (good news); a pinned baseline makes the delta zero; payback is better
// when it falls.
func TestKPIsAgainstBaseline(t *testing.T) {
	p := newPlanner(t, "four-stage")
	p.Set(stay, 0.94)
	k := p.KPIs()
	if d, ok := k[0].Delta(); !ok || d <= 0 || k[0].Better() != 1 {
		t.Errorf("CLV delta %v (%v), better %d; want positive, good news", d, ok, k[0].Better())
	}
	pin(t, p)
	for _, k := range p.KPIs() {
		if d, ok := k.Delta(); ok && d != 0 {
			t.Errorf("%s: delta %v against a pinned copy of itself", k.Key, d)
		}
	}
	pb := KPI{Value: someOf(3), Baseline: someOf(4), LowerIsBetter: true}
	if pb.Better() != 1 {
		t.Error("a shorter payback is not good news")
	}
	if err := p.SetBaseline(BaselineVariant, 0); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.BaselineName("en"), "Loyalty") {
		t.Errorf("baseline %q, want the first variant", p.BaselineName("en"))
	}
	if err := p.SetBaseline(BaselineVariant, 9); err == nil {
		t.Error("variant 10 accepted")
	}
}

// TestFragmentRoundTrip: a link reproduces the values, the baseline, the
// language, the tab and large text.
func TestFragmentRoundTrip(t *testing.T) {
	p := newPlanner(t, "four-stage")
	p.Set(stay, 0.93)
	p.Set("horizon", 48)
	pin(t, p)
	p.Set("acquisition.cost_per_customer", 95.5)
	frag := p.Fragment(View{Lang: "zh", Tab: 3, Big: true})
	preset, link, err := ParseFragment("#" + frag)
	if err != nil || preset != "four-stage" {
		t.Fatalf("preset %q, err %v", preset, err)
	}
	q := newPlanner(t, preset)
	if err := q.Apply(link); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(q.Overrides(), p.Overrides()) || !reflect.DeepEqual(q.Baseline(), p.Baseline()) {
		t.Errorf("overrides %v baseline %v, want %v %v", q.Overrides(), q.Baseline(), p.Overrides(), p.Baseline())
	}
	if link.View != (View{Lang: "zh", Tab: 3, Big: true}) {
		t.Errorf("view %+v", link.View)
	}
	if q.Result().Summary.CLV != p.Result().Summary.CLV {
		t.Error("same link, different CLV")
	}
}

// TestHostileFragments: malformed or oversized links are refused with a
// message, unknown values skipped, and nothing panics.
func TestHostileFragments(t *testing.T) {
	for _, c := range []struct{ frag, want string }{
		{strings.Repeat("v=a%3D1&", 2000), "characters long"},
		{"v=stage.a.revenue%3Dnan", "not path=number"},
		{"v=stage.a.revenue%3D1e999", "not path=number"},
		{"v=%zz", "not readable"},
		{"b=-3", "not a variant number"},
		{strings.Repeat("v=x%3D1&", 300), "at most 200"},
	} {
		if _, _, err := ParseFragment(c.frag); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ParseFragment(%.40q): %v, want %q", c.frag, err, c.want)
		}
	}
	p := newPlanner(t, "four-stage")
	_, link, err := ParseFragment("v=stage.nosuch.revenue%3D5&v=stage.stability.to.stability%3D7&b=42&tab=99999")
	if err != nil {
		t.Fatal(err)
	}
	err = p.Apply(link)
	if err == nil || !strings.Contains(err.Error(), "stage.nosuch.revenue") || !strings.Contains(err.Error(), "baseline variant 42") {
		t.Errorf("Apply: %v", err)
	}
	if v := p.Value(stay); v > 1 {
		t.Errorf("stay %v from a link: not clamped", v)
	}
}

// TestExportRoundTrip: the exported TOML loads back to the current
// scenario: same model, same CLV.
func TestExportRoundTrip(t *testing.T) {
	for _, id := range scenarios.Presets() {
		p := newPlanner(t, id)
		for _, c := range p.Controls()[:3] {
			lo, hi := p.Range(c.Path)
			p.Set(c.Path, lo+0.37*(hi-lo))
		}
		var b bytes.Buffer
		if err := p.ExportTOML(&b); err != nil {
			t.Fatal(err)
		}
		back, err := scenarios.Parse("export.toml", b.Bytes())
		if err != nil {
			t.Fatalf("%s: export does not load: %v", id, err)
		}
		// The file is the scenario as loaded, its variants, and the
		// current values as a last variant.
		if len(back.Variants) != len(p.Base().Variants)+1 {
			t.Fatalf("%s: %d variants exported, want the %d of the file and the current values", id, len(back.Variants), len(p.Base().Variants))
		}
		cur, probs := back.WithVariant(len(back.Variants) - 1)
		m1, _ := p.Scenario().Model()
		m2, err := cur.Model()
		if len(probs) > 0 || err != nil || !reflect.DeepEqual(m1, m2) {
			t.Errorf("%s: exported current values differ (%v %v)", id, probs, err)
		}
	}
}

// TestEveryControlMoves: every control of every shipped scenario can be
// set within its range and gives a valid projection.
func TestEveryControlMoves(t *testing.T) {
	for _, id := range scenarios.Presets() {
		p := newPlanner(t, id)
		for _, c := range p.Controls() {
			lo, hi := p.Range(c.Path)
			for _, v := range []float64{lo, hi, (lo + hi) / 2} {
				if err := p.Set(c.Path, v); err != nil {
					t.Errorf("%s: %s = %v: %v", id, c.Path, v, err)
				}
			}
			p.ResetAll()
		}
	}
}

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		k    scenarios.Kind
		v    float64
		lang string
		want string
	}{
		{scenarios.Probability, 0.925, "en", "92.5%"}, {scenarios.Money, 1234.5, "en", "1,234.50 CNY"}, {scenarios.Money, 123456, "en", "123,456 CNY"},
		{scenarios.Periods, 36, "en", "36 months"}, {scenarios.Periods, 1, "en", "1 month"}, {scenarios.Periods, 12, "zh", "12 个月"},
		{scenarios.Count, 1500, "en", "1,500"}, {scenarios.Rate, 0.1, "en", "10.0%"},
	} {
		if got := FormatKind(c.k, c.v, "CNY", "month", c.lang); got != c.want {
			t.Errorf("FormatKind(%v, %v) = %q, want %q", c.k, c.v, got, c.want)
		}
	}
	for _, c := range []struct {
		u    kpi.Unit
		v    float64
		want string
	}{{kpi.Money, 1234.5, "1,234.50 CNY"}, {kpi.Periods, 36, "36 months"}, {kpi.WholePeriods, 1, "1 month"}, {kpi.Ratio, 3.14159, "3.14"}} {
		if got := FormatUnit(c.u, c.v, "CNY", "month", "en"); got != c.want {
			t.Errorf("FormatUnit(%v, %v) = %q, want %q", c.u, c.v, got, c.want)
		}
	}
}

func someOf(v float64) sim.Optional { return sim.Some(v) }

// TestStageSlidersFromRegistry: every stage value of the registry gets a
// slider in each stage, in the registry's order (today's four, and bad
// debt, purchases, existing, referrals and the referral reward, and the
// tenure levers, which four-stage does not set: no slider).
func TestStageSlidersFromRegistry(t *testing.T) {
	want := []string{"revenue", "cost_to_serve", "retention_spend", "price_discount"}
	if keys := append(slices.Clone(want), "bad_debt", "purchases", "existing", "referrals", "referral_reward", "revenue_growth", "revenue_cap", "renewal", "renewal_discount"); !reflect.DeepEqual(stageKeys, keys) {
		t.Fatalf("stage keys %v, want %v", stageKeys, keys)
	}
	p := newPlanner(t, "four-stage")
	for _, key := range want {
		path := "stage.formation." + key
		found := false
		for _, c := range p.Controls() {
			found = found || c.Path == path
		}
		if !found {
			t.Errorf("no slider for %s", path)
		}
	}
	for _, c := range p.Controls() {
		if strings.HasSuffix(c.Path, ".purchases") || strings.HasSuffix(c.Path, ".existing") || strings.HasSuffix(c.Path, ".bad_debt") ||
			strings.HasSuffix(c.Path, ".referrals") || strings.HasSuffix(c.Path, ".referral_reward") {
			t.Errorf("a slider for %s in a scenario without purchases, bad debt, referrals or an existing base", c.Path)
		}
		for _, key := range []string{".revenue_growth", ".revenue_cap", ".renewal", ".renewal_discount", "renewal_every"} {
			if strings.HasSuffix(c.Path, key) {
				t.Errorf("a slider for %s in a scenario without growth or contracts", c.Path)
			}
		}
	}
}

// pin saves the current values as a plan named "Pinned" and makes it the
// baseline, as the Pin button did before plans.
func pin(t *testing.T, p *Planner) {
	t.Helper()
	i, err := p.SavePlan("Pinned", "")
	if err != nil {
		t.Fatal(err)
	}
	if err := p.SetBaselinePlan(i); err != nil {
		t.Fatal(err)
	}
}

// TestSavedPlanSurvivesBaselineCycle (issue 12, defect 6, now with
// plans): cycling the baseline away from a saved plan keeps the plan; the
// cycle (as loaded, each variant, each saved plan) comes back to it, and
// the KPIs are again measured against its values. Before anything is
// saved, the cycle has no saved plan.
func TestSavedPlanSurvivesBaselineCycle(t *testing.T) {
	p := newPlanner(t, "four-stage")
	if n := len(p.Baselines()); n != 1+len(p.Base().Variants) {
		t.Errorf("%d baselines before a plan is saved, want as loaded and %d variants", n, len(p.Base().Variants))
	}
	if err := p.SetBaseline(BaselineSaved, 0); err == nil {
		t.Error("a saved plan as the baseline was accepted with none saved")
	}
	p.Set(stay, 0.94)
	p.EndEdit()
	pin(t, p)
	pinned := p.Overrides()
	p.Set("acquisition.cost_per_customer", 90)
	// The cycle from the saved plan: as loaded, the variants, then the plan again.
	var names []string
	for range len(p.Baselines()) {
		if err := p.NextBaseline(); err != nil {
			t.Fatal(err)
		}
		names = append(names, p.BaselineName("en"))
	}
	if want := len(p.Base().Variants) + 2; len(names) != want || names[len(names)-1] != "Pinned" || names[0] != "as loaded" {
		t.Fatalf("baselines cycled through %q, want as loaded, the %d variants, Pinned", names, want-2)
	}
	if b := p.Baseline(); b.Kind != BaselineSaved || !reflect.DeepEqual(b.Overrides, pinned) {
		t.Errorf("baseline %+v after the cycle; want the saved %v", b, pinned)
	}
	// The baseline is the saved values (stay 0.94): CLV's change is the
	// acquisition cost's alone, which CLV does not include.
	if d, ok := p.KPIs()[0].Delta(); !ok || d != 0 {
		t.Errorf("CLV delta %v against the saved plan, want 0 (only the acquisition cost changed)", d)
	}
}

// TestStayFirst (issue 12, defect 15): each stage's sliders begin with
// staying, then the other destinations in stage order (the decline stage
// listed "to Stability" before "stay").
func TestStayFirst(t *testing.T) {
	for _, id := range scenarios.Presets() {
		p := newPlanner(t, id)
		first := map[string]string{}
		for _, c := range p.Controls() {
			if _, ok := first[c.Group]; !ok {
				first[c.Group] = c.Path
			}
		}
		for _, st := range p.Scenario().Stages {
			stayPath := scenarios.Path{Stage: st.ID, Key: "to", To: st.ID}.String()
			if _, ok := p.Control(stayPath); ok && first[st.ID] != stayPath {
				t.Errorf("%s: stage %s starts with %s, want %s", id, st.ID, first[st.ID], stayPath)
			}
		}
	}
}

// TestLinkKeepsBaselinePlanAndSeek (issue 12, defects 6 and 8, with
// plans): a link keeps a saved plan that is the baseline (its name and
// values), and the seek bar's goal; a link of the old form (b=pinned
// with its values) opens with the pin as a saved plan named "Pinned".
func TestLinkKeepsBaselinePlanAndSeek(t *testing.T) {
	p := newPlanner(t, "four-stage")
	p.Set(stay, 0.93)
	i, err := p.SavePlan("Retain more", "")
	if err != nil {
		t.Fatal(err)
	}
	p.SetBaselinePlan(i)
	p.Set("horizon", 48)
	v := View{Lang: "en", Seek: Seek{KPI: "clv", Target: "1100", Lever: "acquisition.cost_per_customer"}}
	_, link, err := ParseFragment(p.Fragment(v))
	if err != nil {
		t.Fatal(err)
	}
	if link.View != v {
		t.Errorf("view %+v, want %+v", link.View, v)
	}
	q := newPlanner(t, "four-stage")
	if err := q.Apply(link); err != nil {
		t.Fatal(err)
	}
	if b := q.Baseline(); b.Kind != BaselineSaved || q.BaselineName("en") != "Retain more" || b.Overrides[stay] != 0.93 || q.Value("horizon") != 48 {
		t.Errorf("baseline %+v named %q, horizon %v; want the saved plan Retain more (stay 0.93), 48", b, q.BaselineName("en"), q.Value("horizon"))
	}
	// The same link opened where the plan is saved already: no copy.
	if err := q.Apply(link); err != nil || len(q.SavedPlans()) != 1 {
		t.Errorf("the link opened again gave %d saved plans (%v), want 1", len(q.SavedPlans()), err)
	}
	// Before plans, links wrote the pin only with b=pinned.
	_, old, err := ParseFragment("s=four-stage&b=pinned&bv=stage.stability.to.stability%3D0.92&v=horizon%3D48")
	if err != nil {
		t.Fatal(err)
	}
	r := newPlanner(t, "four-stage")
	if err := r.Apply(old); err != nil {
		t.Fatal(err)
	}
	if b := r.Baseline(); b.Kind != BaselineSaved || b.Overrides[stay] != 0.92 || r.Value("horizon") != 48 || r.BaselineName("en") != "Pinned" {
		t.Errorf("old link: baseline %+v (%q), horizon %v", b, r.BaselineName("en"), r.Value("horizon"))
	}
	if old.View.Seek != (Seek{}) {
		t.Errorf("old link: seek %+v, want the defaults", old.View.Seek)
	}
}

// TestOpenLeavesNothingToUndo (issue 12, defect 10): a session opened from
// a link starts there: nothing to undo until something changes.
func TestOpenLeavesNothingToUndo(t *testing.T) {
	_, link, err := ParseFragment("s=four-stage&v=horizon%3D48")
	if err != nil {
		t.Fatal(err)
	}
	p := newPlanner(t, "four-stage")
	if err := p.Open(link); err != nil {
		t.Fatal(err)
	}
	if p.CanUndo() || p.Value("horizon") != 48 {
		t.Errorf("after Open: can undo %v, horizon %v", p.CanUndo(), p.Value("horizon"))
	}
	p.Set(stay, 0.93)
	if !p.Undo() || p.Value(stay) != 0.90 || p.Value("horizon") != 48 {
		t.Errorf("undo after a change: stay %v horizon %v, want 0.90 and the link's 48", p.Value(stay), p.Value("horizon"))
	}
}

// TestFormatWeeksAndPurchases: periods are named by the scenario's period,
// weeks and days too, and purchases show two decimals.
func TestFormatWeeksAndPurchases(t *testing.T) {
	for _, c := range []struct {
		k                  scenarios.Kind
		v                  float64
		period, lang, want string
	}{
		{scenarios.Periods, 157, "week", "en", "157 weeks"},
		{scenarios.Periods, 157, "week", "zh", "157 周"},
		{scenarios.Periods, 1, "day", "en", "1 day"},
		{scenarios.Periods, 1096, "day", "zh", "1096 天"},
		{scenarios.Number, 0.5, "week", "en", "0.50"},
	} {
		if got := FormatKind(c.k, c.v, "CNY", c.period, c.lang); got != c.want {
			t.Errorf("FormatKind(%v, %v, %s, %s) = %q, want %q", c.k, c.v, c.period, c.lang, got, c.want)
		}
	}
}

// TestExistingBaseSliders: a scenario with an existing base gets a
// slider for each stage's existing customers, and moving it moves
// customer equity by the base's value and leaves CLV alone.
func TestExistingBaseSliders(t *testing.T) {
	s, err := scenarios.Load(os.DirFS("../../scenarios/testdata/valid"), "existing-base.toml")
	if err != nil {
		t.Fatal(err)
	}
	p, err := New(s, "existing-base")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, c := range p.Controls() {
		found = found || c.Path == "stage.active.existing"
	}
	if !found {
		t.Fatal("no slider for stage.active.existing")
	}
	before := p.Result().Summary
	if err := p.Set("stage.active.existing", 2000); err != nil {
		t.Fatal(err)
	}
	after := p.Result().Summary
	if after.CLV != before.CLV || after.CustomerEquityNew != before.CustomerEquityNew {
		t.Errorf("CLV %v → %v, new equity %v → %v: the base moved them", before.CLV, after.CLV, before.CustomerEquityNew, after.CustomerEquityNew)
	}
	if !(after.CustomerEquityExisting > before.CustomerEquityExisting) {
		t.Errorf("existing equity %v → %v with twice the active base", before.CustomerEquityExisting, after.CustomerEquityExisting)
	}
	var b bytes.Buffer
	if err := p.ExportTOML(&b); err != nil || !strings.Contains(b.String(), `"stage.active.existing" = 2000`) {
		t.Errorf("the exported TOML does not set stage.active.existing = 2000:\n%s", b.String())
	}
}

// TestReferralSliders: in referral-value, which sets referrals, every
// stage that does not take its referrals from a curve gets a referrals
// slider (0.02 in stability, 0 to 0.2 in steps of 0.001) and every stage a
// reward slider; formation's referrals, the target of the reward curve,
// get none (its lever, the reward, moves them), and moving the lever moves
// the run's referral value.
func TestReferralSliders(t *testing.T) {
	p := newPlanner(t, "referral-value")
	has := func(path string) bool { _, ok := p.Control(path); return ok }
	for _, path := range []string{"stage.stability.referrals", "stage.decline.referrals", "stage.exploration.referrals",
		"stage.formation.referral_reward", "stage.stability.referral_reward"} {
		if !has(path) {
			t.Errorf("no slider for %s", path)
		}
	}
	if has("stage.formation.referrals") {
		t.Errorf("a slider for stage.formation.referrals, which the reward curve sets")
	}
	if lo, hi := p.Range("stage.stability.referrals"); lo != 0 || hi != 0.2 {
		t.Errorf("stability referrals slider [%v, %v], want [0, 0.2]", lo, hi)
	}
	before := p.Result().Summary.ReferralValue
	if err := p.Set("stage.formation.referral_reward", 0); err != nil {
		t.Fatal(err)
	}
	if after := p.Result().Summary.ReferralValue; !(after < before) {
		t.Errorf("no reward: referral value %v, with it %v; want less", after, before)
	}
}
