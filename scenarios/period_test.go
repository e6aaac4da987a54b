package scenarios

import (
	"bytes"
	"testing"

	"clvlab/sim"
)

// TestWeeksAndDays: "week" and "day" are periods; three years' worth is
// 157 weeks (3·365.25/7 = 156.54, rounded) and 1096 days (1095.75,
// rounded).
func TestWeeksAndDays(t *testing.T) {
	for _, c := range []struct {
		period  string
		want    sim.Period
		horizon int
	}{{"week", sim.Week, 157}, {"day", sim.Day, 1096}, {"month", sim.Month, 36}, {"quarter", sim.Quarter, 12}, {"year", sim.Year, 3}} {
		s := mustParse(t, "period = \""+c.period+"\"\n[[stage]]\nid = \"a\"\nrevenue = 1\nto = { a = 0.9 }\n")
		m, err := s.Model()
		if err != nil {
			t.Fatalf("%s: %v", c.period, err)
		}
		if m.Period != c.want || m.Horizon != c.horizon {
			t.Errorf("%s: period %v, horizon %d; want %v, %d", c.period, m.Period, m.Horizon, c.want, c.horizon)
		}
	}
}

// TestPurchasesResolve: a stage's purchases reach the engine, a segment
// may override them (no multiplier scales them), a variant may set them,
// and Encode writes them back.
func TestPurchasesResolve(t *testing.T) {
	src := `period = "week"
[[stage]]
id = "active"
revenue = 30
purchases = 0.5
to = { active = 0.95 }

[[segment]]
id = "heavy"
share = 0.25
revenue_multiplier = 2
[segment.stage.active]
purchases = 1.5

[[segment]]
id = "light"
share = 0.75

[[variant]]
name = "more"
[variant.set]
"stage.active.purchases" = 0.75
`
	s := mustParse(t, src)
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	if got := []float64{m.Segments[0].Stages[0].Purchases, m.Segments[1].Stages[0].Purchases}; got[0] != 1.5 || got[1] != 0.5 {
		t.Errorf("purchases by segment %v, want [1.5 0.5]", got)
	}
	runs, err := s.Runs()
	if err != nil {
		t.Fatal(err)
	}
	if got := runs[1].Model.Segments[1].Stages[0].Purchases; got != 0.75 {
		t.Errorf("the variant's light purchases %v, want 0.75", got)
	}
	var b bytes.Buffer
	if err := s.Encode(&b); err != nil {
		t.Fatal(err)
	}
	back, err := Parse("back.toml", b.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	if back.Period != "week" || back.Stages[0].Purchases != 0.5 || *back.Segments[0].Stage["active"].Purchases != 1.5 {
		t.Errorf("encoded and read back: period %q, purchases %v and %v\n%s", back.Period, back.Stages[0].Purchases, *back.Segments[0].Stage["active"].Purchases, b.String())
	}
	if _, err := Parse("neg.toml", []byte("[[stage]]\nid = \"a\"\npurchases = -1\n")); err == nil {
		t.Error("negative purchases are accepted")
	}
}
