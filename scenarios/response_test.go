package scenarios

import (
	"math"
	"os"
	"strings"
	"testing"
)

func validScenario(t *testing.T, name string) *Scenario {
	t.Helper()
	s, err := Load(os.DirFS("testdata/valid"), name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestResponsesResolve: Model replaces each response's target by its
// curve at the lever, per segment with the segment's own spend, and the
// acquisition budget becomes new customers and a cost per customer.
// Expected values are the curves of responses-every-form.toml evaluated
// by hand.
func TestResponsesResolve(t *testing.T) {
	s := validScenario(t, "responses-every-form.toml")
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	gold, rest := m.Segments[0], m.Segments[1]
	ceiling := func(p0, pmax, k, x float64) float64 { return p0 + (pmax-p0)*(1-math.Exp(-k*x)) }
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		// loyal spends 4, and 8 in gold (retention_spend_multiplier 2).
		{"rest loyal stay", rest.Transition[1][1], ceiling(0.8, 0.9, 0.3, 4)},
		{"gold loyal stay", gold.Transition[1][1], ceiling(0.8, 0.9, 0.3, 8)},
		{"rest loyal lapse", rest.Transition[1][2], ceiling(0.1, 0.04, 0.3, 4)},
		// a 5% discount closes 1 − 0.95^4 of the gap from 0.45 to 0.6.
		{"new stay", rest.Transition[0][0], 0.6 - 0.15*math.Pow(0.95, 4)},
		// v(50000) = 100 + 1900(1 − e^−1); each costs 20 + 50000/v.
		{"new customers", m.NewCustomers[5], 100 + 1900*(1-math.Exp(-1))},
		{"acquisition cost", rest.AcquisitionCost, 20 + 50000/(100+1900*(1-math.Exp(-1)))},
		{"untouched", rest.Transition[0][1], 0.3},
	} {
		if math.Abs(c.got-c.want) > 1e-12 {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
}

// TestResponseCurves: the curves at their ends and their saturation.
func TestResponseCurves(t *testing.T) {
	r := Response{Lever: "stage.a.retention_spend", P0: 0.5, PMax: 0.9, K: 0.1}
	if r.At(0) != 0.5 || math.Abs(r.At(math.Log(1000)/0.1)-(0.9-0.4/1000)) > 1e-15 || r.Saturation() != math.Log(1000)/0.1 {
		t.Errorf("ceiling: %v %v %v", r.At(0), r.At(r.Saturation()), r.Saturation())
	}
	e := Response{Lever: "stage.a.price_discount", P0: 0.5, PMax: 0.9, Elasticity: 2}
	if e.At(0) != 0.5 || e.At(1) != 0.9 || e.At(0.5) != 0.9-0.4*0.25 || math.Abs(e.Saturation()-(1-math.Sqrt(0.001))) > 1e-15 {
		t.Errorf("elasticity: %v %v %v %v", e.At(0), e.At(1), e.At(0.5), e.Saturation())
	}
	if (&Response{Lever: "stage.a.revenue"}).Form() != NoForm || !math.IsNaN((&Response{Lever: "x"}).At(1)) {
		t.Error("a non-lever has a form")
	}
}

// TestParameter: values, kinds and the largest value a probability may
// take with its row (and every segment's row, and response targets at
// their largest) kept at most 1.
func TestParameter(t *testing.T) {
	s := mustParse(t, small) // new: to = {new 0.2, loyal 0.5}; gold overrides loyal's row
	for _, c := range []struct {
		path     string
		kind     Kind
		value    float64
		min, max float64
	}{
		{"stage.new.to.loyal", Probability, 0.5, 0, 0.8},
		{"stage.loyal.to.loyal", Probability, 0.9, 0, 1},
		{"segment.gold.stage.loyal.to.loyal", Probability, 0.95, 0, 1},
		{"segment.rest.stage.new.revenue", Money, 10, 0, 1e12},
		{"segment.gold.revenue_multiplier", Multiplier, 2, 0, 1000},
		{"stage.new.price_discount", Fraction, 0, 0, 1},
		{"discount_rate", Rate, 0.1, 0, 1},
		{"winback.rate", Fraction, 0.1, 0, 1},
		{"acquisition.cost_per_customer", Money, 50, 0, 1e12},
	} {
		p, err := s.Parameter(c.path)
		if err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		if p.Kind != c.kind || p.Value != c.value || p.Min != c.min || math.Abs(p.Max-c.max) > 1e-12 {
			t.Errorf("%s: %+v, want %v %v [%v, %v]", c.path, p, c.kind, c.value, c.min, c.max)
		}
	}
	for path, want := range map[string]string{
		"horizon":                   "not a number the analyses can move",
		"period":                    "not a number the analyses can move",
		"stage.new.id":              "not a number the analyses can move",
		"segment.gold.share":        "segment shares must sum to 1",
		"acquisition.new_customers": "a list of 2 values",
		"stage.nope.revenue":        `no stage "nope"`,
		"stage.nope.id":             `no stage "nope"`,
	} {
		if _, err := s.Parameter(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", path, err, want)
		}
	}
	// Odd paths are refused, never a panic.
	for _, path := range []string{"", ".", "stage", "stage.new", "stage.new.to", "stage.new.to.new.x", "segment.gold.stage", "segment.gold.stage.new",
		"segment.gold.stage.new.to", "acquisition", "acquisition.entry", "winback.to", "winback.window", "segment.gold.id", "name", "stage..to.new"} {
		if _, err := s.Parameter(path); err == nil {
			t.Errorf("%q accepted", path)
		}
	}
	r := validScenario(t, "responses-every-form.toml")
	if _, err := r.Parameter("stage.loyal.to.loyal"); err == nil || !strings.Contains(err.Error(), "move the lever instead") {
		t.Errorf("response target: %v", err)
	}
	// new's row as written: to.loyal 0.3 beside to.new 0.5 (a target, but
	// counted as written: the curves never take a row over 1).
	if p, _ := r.Parameter("stage.new.to.loyal"); math.Abs(p.Max-0.5) > 1e-12 {
		t.Errorf("stage.new.to.loyal may reach %v, want 0.5", p.Max)
	}
}

// TestParameters: the default list has the economics and transitions of
// every stage, leaves response targets and the replaced new_customers
// out, and has the budget when a response uses it.
func TestParameters(t *testing.T) {
	var paths []string
	for _, p := range validScenario(t, "responses-every-form.toml").Parameters() {
		paths = append(paths, p.Path)
	}
	list := " " + strings.Join(paths, " ") + " "
	for _, want := range []string{"discount_rate", "acquisition.budget", "stage.loyal.retention_spend", "stage.new.to.loyal", "stage.lapsing.to.lapsing", "winback.rate"} {
		if !strings.Contains(list, " "+want+" ") {
			t.Errorf("parameters lack %s: %v", want, paths)
		}
	}
	for _, not := range []string{"stage.loyal.to.loyal", "stage.loyal.to.lapsing", "stage.new.to.new", "acquisition.new_customers"} {
		if strings.Contains(list, " "+not+" ") {
			t.Errorf("parameters have %s", not)
		}
	}
}

// TestResponsesNeverOverfillARow: where the curves would make a row sum
// over 1, its targets are scaled down together until it sums to 1, keeping
// their proportions; rows with room are left alone.
func TestResponsesNeverOverfillARow(t *testing.T) {
	s := mustParse(t, `[[stage]]
id = "stability"
revenue = 150
retention_spend = 40
to = { stability = 0.90, decline = 0.06 }

[[stage]]
id = "decline"
revenue = 60
retention_spend = 100
to = { decline = 0.6, stability = 0.1, lost = 0.3 }

[[stage]]
id = "lost"

[[response]]
lever = "stage.stability.retention_spend"
target = "stage.stability.to.stability"
p0 = 0.85
pmax = 0.97
k = 0.3

[[response]]
lever = "stage.decline.retention_spend"
target = "stage.decline.to.stability"
p0 = 0.1
pmax = 0.3
k = 0.5

[[response]]
lever = "stage.decline.retention_spend"
target = "stage.decline.to.decline"
p0 = 0.5
pmax = 0.6
k = 0.5
`)
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	row := m.Segments[0].Transition
	// stability: the curve gives ≈ 0.97, beside to.decline 0.06: scaled to 0.94.
	if math.Abs(row[0][0]-0.94) > 1e-12 || row[0][1] != 0.06 {
		t.Errorf("stability row %v, want stay 0.94", row[0])
	}
	// decline: the curves give ≈ 0.3 and 0.6 beside 0.3 to "lost": 0.9 + 0.3
	// → the two targets share 0.7 in proportion 1 : 2.
	if math.Abs(row[1][0]-0.7/3) > 1e-9 || math.Abs(row[1][1]-1.4/3) > 1e-9 || row[1][2] != 0.3 {
		t.Errorf("decline row %v, want stability 0.233, decline 0.467, lost 0.3", row[1])
	}
}

// TestTrialCurves: MonteCarlo's Derive sets every curve's target from a
// trial's draws as Model sets it from the means, and allocates nothing.
// responses-every-form.toml, with its cost per customer, the loyal stay's
// p0 and the budget's v0 made uncertain, and the loyal retention spend
// too: at draws equal to the means (the distributions' own, equal to the
// file's to rounding) Derive gives a model whose numbers are Model's to
// 1e-12 relative, whatever the targets held before; at other draws the
// new customers are the budget curve's v(b) with the drawn v0, and each
// one costs the drawn cost plus b/v(b) (times the segment's multiplier).
func TestTrialCurves(t *testing.T) {
	s := validScenario(t, "responses-every-form.toml")
	for _, set := range []Setting{
		{"acquisition.cost_per_customer", map[string]any{"mean": 20.0, "sd": 2.0}},
		{"stage.loyal.retention_spend", map[string]any{"mean": 4.0, "sd": 1.0}},
	} {
		if err := s.Set(set.Path, set.Value); err != nil {
			t.Fatal(err)
		}
	}
	for i := range s.Responses {
		r := &s.Responses[i]
		switch r.Target {
		case "stage.loyal.to.loyal":
			r.Dists = map[string]Distribution{"p0": {Form: "mean", A: r.P0, B: 0.05}}
		case "acquisition.new_customers":
			r.Dists = map[string]Distribution{"v0": {Form: "mean", A: r.V0, B: 10, Money: true}}
		}
	}
	want, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	c := s.MonteCarlo()
	if c.Derive == nil || len(c.Parameters) != 4 {
		t.Fatalf("Derive %v, %d parameters, want a Derive and 4", c.Derive != nil, len(c.Parameters))
	}
	draws := make([]float64, len(c.Parameters))
	for k, p := range c.Parameters {
		draws[k] = p.Distribution.Mean()
	}
	got, _ := s.Model()
	for g := range got.Segments { // what the curves set must come back
		got.Segments[g].AcquisitionCost = -1
		for _, r := range s.Responses {
			if i, j := s.stageIndex(r.Stage()), s.stageIndex(r.Destination()); i >= 0 && j >= 0 {
				got.Segments[g].Transition[i][j] = 0.123
			}
		}
	}
	for t := range got.NewCustomers {
		got.NewCustomers[t] = -1
	}
	c.Derive(got, draws)
	close := func(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }
	for g := range want.Segments {
		if !close(got.Segments[g].AcquisitionCost, want.Segments[g].AcquisitionCost) {
			t.Errorf("segment %d: acquisition cost %v, want %v", g, got.Segments[g].AcquisitionCost, want.Segments[g].AcquisitionCost)
		}
		for i, row := range want.Segments[g].Transition {
			for j, p := range row {
				if !close(got.Segments[g].Transition[i][j], p) {
					t.Errorf("segment %d: P[%d][%d] = %v, want %v", g, i, j, got.Segments[g].Transition[i][j], p)
				}
			}
		}
	}
	for t2, n := range want.NewCustomers {
		if !close(got.NewCustomers[t2], n) {
			t.Errorf("period %d: %v new customers, want %v", t2, got.NewCustomers[t2], n)
		}
	}
	// Other draws: cost 25, v0 300. v(50000) = 300 + (2000 − 300)·(1 −
	// e^(−1)); the gold segment's cost multiplier is 1 (the file gives none).
	for k, p := range c.Parameters {
		switch p.Name {
		case "acquisition.cost_per_customer":
			draws[k] = 25
		case "response[acquisition.new_customers].v0":
			draws[k] = 300
		}
	}
	c.Derive(got, draws)
	v := 300 + 1700*-math.Expm1(-1)
	if !close(got.NewCustomers[0], v) || !close(got.Segments[0].AcquisitionCost, 25+50000/v) {
		t.Errorf("drawn cost 25 and v0 300: %v new customers at %v, want %v at %v", got.NewCustomers[0], got.Segments[0].AcquisitionCost, v, 25+50000/v)
	}
	if allocs := testing.AllocsPerRun(50, func() { c.Derive(got, draws) }); allocs != 0 {
		t.Errorf("Derive: %v allocations, want 0", allocs)
	}
}
