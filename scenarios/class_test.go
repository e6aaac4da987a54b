package scenarios

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"strings"
	"testing"

	"clvlab/sim"
)

// TestClassesResolve: the valid corpus's classes file becomes segments
// split into classes: a class's override over the stage's value, its
// multiplier times the segment's, shares of new customers share(g) ×
// share(c); the survival is 0.4·0.9ᵗ + 0.6·0.5ᵗ, and the variant moves
// one class.
func TestClassesResolve(t *testing.T) {
	s, err := Load(os.DirFS("testdata/valid"), "classes.toml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := s.Model()
	if err != nil {
		t.Fatal(err)
	}
	north := m.Segments[0]
	if len(north.Classes) != 2 || north.Stages != nil {
		t.Fatalf("north has %d classes and stages %v, want 2 and none", len(north.Classes), north.Stages)
	}
	loyal, fickle := north.Classes[0], north.Classes[1]
	if loyal.Transition[0][0] != 0.9 || fickle.Transition[0][0] != 0.5 || loyal.Share != 0.4 {
		t.Errorf("rows %v %v, loyal share %v", loyal.Transition, fickle.Transition, loyal.Share)
	}
	// revenue 10 × north's 2 × fickle's 0.5; purchases: loyal's own 0.5,
	// fickle the stage's 0.3.
	if fickle.Stages[0].Revenue != 10 || loyal.Stages[0].Revenue != 20 || loyal.Stages[0].Purchases != 0.5 || fickle.Stages[0].Purchases != 0.3 {
		t.Errorf("loyal %+v, fickle %+v", loyal.Stages[0], fickle.Stages[0])
	}
	runs, err := s.Runs()
	if err != nil {
		t.Fatal(err)
	}
	res, err := sim.Run(runs[0].Model)
	if err != nil {
		t.Fatal(err)
	}
	for τ, got := range res.Summary.Survival {
		want := 0.4*math.Pow(0.9, float64(τ)) + 0.6*math.Pow(0.5, float64(τ))
		if math.Abs(got-want) > 1e-14 {
			t.Errorf("S(%d) = %v, want %v", τ, got, want)
		}
	}
	// Expected purchases over 52 weeks: 0.4·0.5·Σ0.9ᵗ + 0.6·0.3·Σ0.5ᵗ.
	want := 0.4*0.5*(1-math.Pow(0.9, 52))/0.1 + 0.6*0.3*(1-math.Pow(0.5, 52))/0.5
	if got := res.Summary.ExpectedPurchases; math.Abs(got-want) > 1e-12 {
		t.Errorf("expected purchases %v, want %v", got, want)
	}
	if got := runs[1].Model.Segments[1].Classes[1].Transition[0][0]; got != 0.6 {
		t.Errorf("the variant's fickle retention %v, want 0.6", got)
	}
	if got := s.Label("class.loyal.stage.active.to.active", "en"); got != "Loyal: active: stay" {
		t.Errorf("label %q", got)
	}
}

// TestClassesEncodeRoundTrip: Encode writes the [[class]] tables, and
// reading them back gives the same model.
func TestClassesEncodeRoundTrip(t *testing.T) {
	s, err := Load(os.DirFS("testdata/valid"), "classes.toml")
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.Encode(&b); err != nil {
		t.Fatal(err)
	}
	back, err := Parse("back.toml", b.Bytes())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	m1, _ := s.Model()
	m2, err := back.Model()
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(m1) != fmt.Sprint(m2) {
		t.Errorf("read back:\n%v\nwant\n%v", m2, m1)
	}
}

// TestClassProblems: bad classes are refused with what to fix.
func TestClassProblems(t *testing.T) {
	base := "[[stage]]\nid = \"a\"\nrevenue = 1\nto = { a = 0.5 }\n"
	many := base
	for i := range 501 {
		many += fmt.Sprintf("[[class]]\nid = \"c%d\"\nshare = 0.001\n", i)
	}
	for _, c := range []struct{ src, want string }{
		{base + "[[class]]\nid = \"x\"\nshare = 0.5\n[[class]]\nid = \"y\"\nshare = 0.4\n", `class shares sum to 0.9 (x 0.5 + y 0.4), they must sum to 1`},
		{base + "[[class]]\nid = \"x\"\nshare = 1\n[class.stage.a]\nrevenue = { mean = 5, sd = 1 }\n", `a class's values are numbers, not distributions`},
		{base + "[[class]]\nid = \"x\"\nshare = 1\n[class.stage.b]\nrevenue = 5\n", `no stage "b"`},
		{base + "[[class]]\nid = \"x\"\nshare = 1\nrevnue_multiplier = 2\n", `class "x": unknown key "revnue_multiplier"`},
		{base + "[[class]]\nshare = 1\n", `id is missing; give each class an id such as "loyal"`},
		{base + "[[class]]\nid = \"x\"\nshare = 1\n[class.stage.a]\nto = { a = 1.2 }\n", `to.a = 1.2, a probability must be in [0, 1]`},
		{base + "[[segment]]\nid = \"g\"\nshare = 1\n[segment.stage.a]\nto = { a = 0.6 }\n[[class]]\nid = \"x\"\nshare = 1\n[class.stage.a]\nto = { a = 0.2, b = 0 }\n", `no stage "b"`},
		{many, "501 classes, at most 500 are allowed"},
		{base + "[[class]]\nid = \"x\"\nshare = 1\n[[variant]]\nname = \"v\"\n[variant.set]\n\"class.x.stage.a.revenue\" = { mean = 5, sd = 1 }\n", `a class's values are numbers`},
		{base + "[[class]]\nid = \"x\"\nshare = 1\n[[variant]]\nname = \"v\"\n[variant.set]\n\"class.y.share\" = 1\n", `no class "y"; classes are x`},
	} {
		_, err := Parse("c.toml", []byte(c.src))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("got %v, want %q", err, c.want)
		}
	}
}

// TestClassesMonteCarlo: a stage's distribution is drawn into every
// class (and segment) that does not override it, times both
// multipliers.
func TestClassesMonteCarlo(t *testing.T) {
	s := mustParse(t, `[[stage]]
id = "a"
revenue = { mean = 10, sd = 1 }
to = { a = 0.5 }
[[segment]]
id = "g"
share = 1
revenue_multiplier = 2
[[class]]
id = "x"
share = 0.5
revenue_multiplier = 3
[[class]]
id = "y"
share = 0.5
[class.stage.a]
revenue = 4
`)
	c := s.MonteCarlo()
	if len(c.Parameters) != 1 || len(c.Parameters[0].Targets) != 1 {
		t.Fatalf("parameters %+v, want one with one target", c.Parameters)
	}
	if tg := c.Parameters[0].Targets[0]; tg.Class != 0 || tg.Scale != 6 {
		t.Errorf("target %+v, want class 0 scaled by 2 × 3", tg)
	}
}
