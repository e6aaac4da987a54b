package planner

import (
	"bytes"
	"math"
	"reflect"
	"strings"
	"testing"

	"clvlab/scenarios"
)

// TestBadDebtSlider: decline-decision's Decliners default variant sets
// the decline stage's bad debt, so the planner gives every stage a bad
// debt slider (a fraction, 0 to 0.5 at 0.005 a step). Setting decline's
// to 0.25 gives the variant's CLV, 553.56 (the scenario's comments work
// it out), shows 0.25 of revenue billed but never collected in the
// run's bad debt, and exports as a setting that loads back to the same
// model.
func TestBadDebtSlider(t *testing.T) {
	p := newPlanner(t, "decline-decision")
	var c *Control
	for i, x := range p.Controls() {
		if x.Path == "stage.decline.bad_debt" {
			c = &p.Controls()[i]
		}
	}
	if c == nil {
		t.Fatal("no slider for stage.decline.bad_debt")
	}
	if lo, hi := p.Range(c.Path); lo != 0 || hi != 0.5 || c.Step != 0.005 || c.Kind() != scenarios.Fraction {
		t.Errorf("bad debt slider %v to %v by %v, kind %v; want a fraction from 0 to 0.5 by 0.005", lo, hi, c.Step, c.Kind())
	}
	if err := p.Set(c.Path, 0.25); err != nil {
		t.Fatal(err)
	}
	r := p.Result()
	if got := r.Summary.CLV; math.Abs(got-553.56) > 0.005 {
		t.Errorf("CLV %v with decline's bad debt at 0.25, want the variant's 553.56", got)
	}
	f := r.Totals[12]
	decline := 3
	billed := 0.0
	for s := range r.Model.Segments {
		c := r.Cell(12, s, decline)
		billed += c.Revenue - c.Discount
	}
	if math.Abs(f.BadDebt-0.25*billed) > 1e-9*billed || f.BadDebt == 0 {
		t.Errorf("period 12: bad debt %v, want 0.25 of decline's %v billed", f.BadDebt, billed)
	}
	var b bytes.Buffer
	if err := p.ExportTOML(&b); err != nil || !strings.Contains(b.String(), `"stage.decline.bad_debt" = 0.25`) {
		t.Fatalf("the exported TOML does not set stage.decline.bad_debt = 0.25 (%v):\n%s", err, b.String())
	}
	back, err := scenarios.Parse("export.toml", b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	cur, probs := back.WithVariant(len(back.Variants) - 1)
	m1, _ := p.Scenario().Model()
	m2, err := cur.Model()
	if len(probs) > 0 || err != nil || !reflect.DeepEqual(m1, m2) {
		t.Errorf("exported current values differ (%v %v)", probs, err)
	}
}

// TestNoBadDebtSliderWithoutIt: scenarios that set no bad debt, in their
// stages, overrides or variants, get no bad debt slider.
func TestNoBadDebtSliderWithoutIt(t *testing.T) {
	for _, id := range []string{"four-stage", "value-segments", "annuity"} {
		for _, c := range newPlanner(t, id).Controls() {
			if strings.HasSuffix(c.Path, ".bad_debt") {
				t.Errorf("%s: a bad debt slider, %s, though nothing sets one", id, c.Path)
			}
		}
	}
}
