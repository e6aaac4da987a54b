package scenarios

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"testing"

	"clvlab/sim"
)

// TestExistingSplit: a count is split by the shares of the dimensions
// that do not give their own, a class's count winning over a segment's
// (docs/scenarios.md, "Existing customers"). In the valid corpus's file:
//
//	active:  gold gives 400 → gold×loyal 400·0.4 = 160, gold×fickle 240;
//	         rest takes the stage's 1000·0.75 → ×0.4 = 300, ×0.6 = 450.
//	lapsing: loyal gives 20 → gold×loyal 20·0.25 = 5, rest×loyal 15;
//	         fickle takes 200·share(g)·0.6 → gold 30, rest 90.
func TestExistingSplit(t *testing.T) {
	s, err := Load(os.DirFS("testdata/valid"), "existing-base.toml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	want := [2][2][]float64{{{160, 5}, {240, 30}}, {{300, 15}, {450, 90}}}
	for g := range 2 {
		for c := range 2 {
			got := m.Segments[g].Classes[c].Existing
			for i := range got {
				if math.Abs(got[i]-want[g][c][i]) > 1e-12 {
					t.Errorf("segment %d class %d: existing %v, want %v", g, c, got, want[g][c])
					break
				}
			}
		}
	}
	runs, err := s.Runs()
	if err != nil {
		t.Fatal(err)
	}
	if got := runs[1].Model.Segments[1].Classes[1].Existing[0]; got != 2000*0.75*0.6 {
		t.Errorf("the variant's rest×fickle active base %v, want 900", got)
	}
	var b bytes.Buffer
	if err := s.Encode(&b); err != nil {
		t.Fatal(err)
	}
	back, err := Parse("back.toml", b.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	m2, _ := back.Model()
	if fmt.Sprint(m2.Segments) != fmt.Sprint(m.Segments) {
		t.Errorf("read back:\n%v\nwant\n%v", m2.Segments, m.Segments)
	}
}

// TestExistingEquity: 1,000 customers today in one stage of retention 0.8
// and margin 10 a month, 12 months at 10% a year, cash at period end:
// customer_equity_existing = N·m·Σₜ 0.8ᵗ/(1.1^(1/12))^(t+1) =
// 45079.05389046739 (Python), the new cohorts the rest of customer
// equity.
func TestExistingEquity(t *testing.T) {
	s := mustParse(t, "horizon = 12\n[acquisition]\nnew_customers = 50\ncost_per_customer = 20\n[[stage]]\nid = \"a\"\nrevenue = 10\nexisting = 1000\nto = { a = 0.8 }\n")
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Summary.CustomerEquityExisting; math.Abs(got-45079.05389046739) > 1e-9 {
		t.Errorf("existing equity %v, want 45079.05389046739", got)
	}
	s.Stages[0].Existing = 0
	m0, _ := s.Model()
	r0, _ := sim.Run(m0)
	if math.Abs(r.Summary.CustomerEquityNew-r0.Summary.CustomerEquity) > 1e-9*math.Abs(r0.Summary.CustomerEquity) {
		t.Errorf("new equity %v, want the equity without a base %v", r.Summary.CustomerEquityNew, r0.Summary.CustomerEquity)
	}
	if _, err := Parse("neg.toml", []byte("[[stage]]\nid = \"a\"\nexisting = -5\n")); err == nil {
		t.Error("a negative existing count is accepted")
	}
}
