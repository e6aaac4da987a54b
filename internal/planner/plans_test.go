package planner

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
)

// TestSaveRenameDeletePlans: saved plans join the list after the
// scenario as loaded and its variants, with names that must be given and
// unique; only saved plans are renamed or deleted, and deleting the
// baseline's plan falls back to the scenario as loaded.
func TestSaveRenameDeletePlans(t *testing.T) {
	p := newPlanner(t, "four-stage")
	nv := len(p.Base().Variants)
	p.Set(stay, 0.93)
	i, err := p.SavePlan("Retain more", "stay 93%")
	if err != nil || i != 1+nv {
		t.Fatalf("first plan at %d (%v), want %d", i, err, 1+nv)
	}
	p.Set("acquisition.cost_per_customer", 90)
	j, err := p.SavePlan("  Cheaper   leads ", "")
	if err != nil || j != i+1 || p.Plans()[j].Name.EN != "Cheaper leads" {
		t.Fatalf("second plan at %d named %q (%v)", j, p.Plans()[j].Name.EN, err)
	}
	for _, name := range []string{"", "   ", "retain MORE", p.Base().Variants[0].Name.EN, "As loaded", strings.Repeat("x", maxPlanName+1)} {
		if _, err := p.SavePlan(name, ""); err == nil {
			t.Errorf("saved a plan named %q", name)
		}
	}
	if got := p.PlanValues(i); len(got) != 1 || got[stay] != 0.93 {
		t.Errorf("plan %d values %v, want only stay 0.93", i, got)
	}
	if err := p.RenamePlan(i, "Loyalty push"); err != nil || p.Plans()[i].Name.EN != "Loyalty push" {
		t.Errorf("rename: %v, name %q", err, p.Plans()[i].Name.EN)
	}
	if err := p.RenamePlan(i, "Cheaper leads"); err == nil {
		t.Error("renamed a plan to another plan's name")
	}
	if err := p.RenamePlan(0, "x"); err == nil || p.DeletePlan(1) == nil {
		t.Error("renamed or deleted a plan of the file")
	}
	// Baseline: the second saved plan; its KPIs row has no change.
	if err := p.SetBaselinePlan(j); err != nil || p.BaselinePlan() != j || p.BaselineName("en") != "Cheaper leads" {
		t.Fatalf("baseline %d %q (%v), want %d", p.BaselinePlan(), p.BaselineName("en"), err, j)
	}
	for _, r := range p.PlanRows("en") {
		if r.Baseline != (r.Plan == j) {
			t.Errorf("row %q marked baseline %v", r.Name, r.Baseline)
		}
		for _, k := range r.KPIs {
			if r.Plan == j && k.Better() != 0 {
				t.Errorf("the baseline's own %s changes against itself", k.Key)
			}
		}
	}
	// Deleting the first saved plan keeps the second as the baseline.
	if err := p.DeletePlan(i); err != nil || p.BaselineName("en") != "Cheaper leads" || p.BaselinePlan() != i {
		t.Errorf("after deleting plan %d: baseline %q at %d (%v)", i, p.BaselineName("en"), p.BaselinePlan(), err)
	}
	if err := p.DeletePlan(i); err != nil || p.Baseline().Kind != BaselineScenario || len(p.Plans()) != 1+nv {
		t.Errorf("after deleting the baseline's plan: baseline %+v, %d plans (%v)", p.Baseline(), len(p.Plans()), err)
	}
}

// TestComparedPlansJoinTheRuns: a plan chosen for the charts is a run
// between the baseline and the current values, with its projection.
func TestComparedPlansJoinTheRuns(t *testing.T) {
	p := newPlanner(t, "four-stage")
	p.Set(stay, 0.93)
	i, _ := p.SavePlan("Retain more", "")
	p.ResetAll()
	if err := p.SetCompared(i, true); err != nil {
		t.Fatal(err)
	}
	if err := p.SetCompared(1, true); err != nil { // the first variant
		t.Fatal(err)
	}
	runs := p.Runs("en")
	if len(runs) != 4 || runs[1].Title.EN != "Retain more" || runs[2].Title.EN != p.Base().Variants[0].Name.EN || runs[3].Name != "current" {
		t.Fatalf("runs %v", names(runs))
	}
	p.Set(stay, 0.93) // the current values equal the plan's now
	if a, b := runs[1].Result.Summary.CLV, p.Result().Summary.CLV; a != b {
		t.Errorf("the plan's run has CLV %v, its values give %v", a, b)
	}
	// The baseline is not drawn twice.
	p.SetBaselinePlan(i)
	if runs := p.Runs("en"); len(runs) != 3 {
		t.Errorf("with the compared plan as the baseline: runs %v", names(runs))
	}
}

func names(runs []projection.Run) []string {
	var out []string
	for _, r := range runs {
		out = append(out, r.Title.EN)
	}
	return out
}

// TestStoreRoundTrip: the saved plans go into a Store, through its JSON,
// and back into a new session on the same scenario, equal; a plan that
// does not fit the scenario is skipped with a message.
func TestStoreRoundTrip(t *testing.T) {
	p := newPlanner(t, "four-stage")
	p.Set(stay, 0.93)
	p.SavePlan("Retain more", "stay 93%")
	p.Set("horizon", 48)
	p.SavePlan("方案 二", "")
	st := NewStore()
	st.Scenarios[p.StoreKey()] = p.SavedPlans()
	b, err := st.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := ReadStore(b)
	if err != nil {
		t.Fatal(err)
	}
	q := newPlanner(t, "four-stage")
	if err := q.Restore(back.Scenarios[q.StoreKey()]); err != nil {
		t.Fatal(err)
	}
	got, want := q.SavedPlans(), p.SavedPlans()
	if len(got) != 2 || got[0].Name != want[0].Name || got[0].Description != "stay 93%" || !equalValues(got[1].Values, want[1].Values) || got[1].Name != "方案 二" {
		t.Errorf("restored %+v, want %+v", got, want)
	}
	bad := []Saved{{Name: "Elsewhere", Values: map[string]float64{"stage.nowhere.revenue": 1}}}
	if err := q.Restore(bad); err == nil || !strings.Contains(err.Error(), "Elsewhere") || len(q.SavedPlans()) != 2 {
		t.Errorf("a plan of values this scenario lacks: %v, %d plans", err, len(q.SavedPlans()))
	}
}

// TestCorruptStore: what is not a store of plans is an error that says
// so, never a panic, and an empty one is an empty store.
func TestCorruptStore(t *testing.T) {
	if s, err := ReadStore(nil); err != nil || len(s.Scenarios) != 0 {
		t.Errorf("no store: %v, %v", s, err)
	}
	for _, c := range []struct{ data, want string }{
		{`{"format":"clvlab plans","version":1,"scenarios":{"four-stage":[{"name":"a","values":{"horizon":`, "not readable"},
		{`[1,2,3]`, "not readable"},
		{`{"theme":"dark"}`, "not clvlab's"},
		{`{"format":"clvlab plans","version":7,"scenarios":{}}`, "version 7"},
		{`{"format":"clvlab plans","version":1,"scenarios":{"four-stage":[{"name":"","values":{}}]}}`, "name is missing"},
		{`{"format":"clvlab plans","version":1,"scenarios":{"four-stage":[{"name":"a","values":{"horizon":"x"}}]}}`, "not readable"},
		{`{"format":"clvlab plans","version":1,"scenarios":{"four-stage":[{"name":"a","values":{},"extra":1}]}}`, "not readable"},
		{"\x00\xff garbage", "not readable"},
	} {
		s, err := ReadStore([]byte(c.data))
		var pr *Problem
		if err == nil || s != nil || !errors.As(err, &pr) || !strings.Contains(err.Error(), c.want) || pr.ZH == "" {
			t.Errorf("%.40q: store %v, error %v; want one saying %q", c.data, s, err, c.want)
		}
	}
}

// TestExportEveryPlan: Export TOML writes the scenario as loaded, its
// variants, the saved plans and the current values as one file; parsed
// again with package scenarios, every plan has the KPIs it had.
func TestExportEveryPlan(t *testing.T) {
	for _, id := range []string{"four-stage", "retention-spend"} {
		p := newPlanner(t, id)
		c := p.Controls()
		p.Set(c[0].Path, p.Value(c[0].Path)*0.9)
		p.SavePlan("Plan one", "the first slider 10% lower")
		p.ResetAll()
		p.SavePlan("Untouched", "") // sets nothing
		p.Set(c[len(c)-1].Path, p.Value(c[len(c)-1].Path)+1)
		var b bytes.Buffer
		if err := p.ExportTOML(&b); err != nil {
			t.Fatal(err)
		}
		back, err := scenarios.Parse("plans.toml", b.Bytes())
		if err != nil {
			t.Fatalf("%s: the export does not load: %v\n%s", id, err, b.String())
		}
		plans := p.Plans()
		if len(back.Variants) != len(plans) { // the variants, the saved plans and the current values
			t.Fatalf("%s: %d variants, want %d", id, len(back.Variants), len(plans))
		}
		q, err := New(back, "")
		if err != nil {
			t.Fatal(err)
		}
		got := q.Plans()
		for i, pl := range plans {
			res, err := p.PlanResult(i)
			if err != nil {
				t.Fatal(err)
			}
			if i > 0 && got[i].Name.EN != pl.Name.EN {
				t.Errorf("%s: plan %d is %q, want %q", id, i, got[i].Name.EN, pl.Name.EN)
			}
			if i > len(p.Base().Variants) && got[i].Description.EN != pl.Description.EN {
				t.Errorf("%s: plan %q's description %q, want %q", id, pl.Name.EN, got[i].Description.EN, pl.Description.EN)
			}
			again, err := q.PlanResult(i)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range kpi.All {
				if a, b := k.Of(&res.Summary), k.Of(&again.Summary); a != b {
					t.Errorf("%s: plan %q: %s %v, after export %v", id, pl.Name.EN, k, a, b)
				}
			}
		}
		last, _ := q.PlanResult(len(got) - 1)
		if got[len(got)-1].Name.EN != "Current values" || last.Summary.CLV != p.Result().Summary.CLV {
			t.Errorf("%s: the last variant %q has CLV %v, the current values %v", id, got[len(got)-1].Name.EN, last.Summary.CLV, p.Result().Summary.CLV)
		}
	}
}

// TestVariantPlanValues: a variant's plan values are what its scenario
// runs at the paths it sets, a distribution by its value: the four-stage
// loyalty programme sets stay to beta(46, 4), whose mean is 46/50 = 0.92.
func TestVariantPlanValues(t *testing.T) {
	p := newPlanner(t, "four-stage")
	v := p.PlanValues(1)
	if len(v) != 3 || math.Abs(v[stay]-0.92) > 1e-12 || v["stage.stability.retention_spend"] != 5 || v["stage.stability.to.decline"] != 0.05 {
		t.Errorf("loyalty programme's values %v", v)
	}
}
