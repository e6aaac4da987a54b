package scenarios

import (
	"math"
	"strings"
	"testing"

	"clvlab/sim"
)

// TestBrandSwitchingContracts checks the hand figures in the comment of
// scenarios/shipped/brand-switching.toml for its variant "Yearly
// contracts with add-ons" (A keeps q = 0.96 a month, renews r = 0.8 a
// year, grows 1% a month up to 1.3×, acquires 300 a month): 48 tenure
// states; months 0 and 1 (shares 6,300/10,300 and 7,048/10,600, B 2,426
// and C 1,126, revenue 355,424); 804.18 leaving the market at the end of
// month 11; the steady state with acquisition (a0 = 1/(0.2·0.96^11),
// 75.85 months with A, which is the expected lifetime, 2.994 switches,
// 25/7 and 20/7 months in B and C per switch: 79.76% / 11.24% / 9.00%);
// and CLV 570.83 as run.
func TestBrandSwitchingContracts(t *testing.T) {
	s, err := Preset("brand-switching")
	if err != nil {
		t.Fatal(err)
	}
	k := -1
	for i, v := range s.Variants {
		if v.Name.EN == "Yearly contracts with add-ons" && v.Name.ZH == "年度合同与附加服务" {
			k = i
		}
	}
	if k < 0 {
		t.Fatal("no variant \"Yearly contracts with add-ons\"")
	}
	v, probs := s.WithVariant(k)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	m, err := v.Model()
	if err != nil {
		t.Fatal(err)
	}
	if l := m.TenureStates(); l != 48 {
		t.Errorf("%d tenure states, want 48", l)
	}
	r, err := sim.Run(m)
	if err != nil {
		t.Fatal(err)
	}
	near := func(what string, got, want, tol float64) {
		t.Helper()
		if math.Abs(got-want) > tol {
			t.Errorf("%s: %.10g, want %.10g", what, got, want)
		}
	}
	mk := r.Summary.Market
	near("share in month 0", mk.Share[0], 6300.0/10300, 1e-15)
	near("share in month 1", mk.Share[1], 7048.0/10600, 1e-15)
	near("A in month 1", r.Cell(1, 0, 0).Customers, 7048, 1e-9)
	near("B in month 1", r.Cell(1, 0, 1).Rivals, 2426, 1e-9)
	near("C in month 1", r.Cell(1, 0, 2).Rivals, 1126, 1e-9)
	near("A's revenue in month 1", r.Cell(1, 0, 0).Revenue, 6048*50*1.01+1000*50, 1e-8)
	near("A's revenue in month 1 (hand)", r.Cell(1, 0, 0).Revenue, 355424, 1e-8)
	near("leaving the market at the end of month 11", r.Cell(11, 0, 0).Churned, 6300*math.Pow(0.96, 11)*0.2, 1e-9)
	near("leaving the market at the end of month 11 (hand)", r.Cell(11, 0, 0).Churned, 804.18, 0.005)

	q, rn := 0.96, 0.8
	a0 := 1 / ((1 - rn) * math.Pow(q, 11))
	ours := a0 * (1 - math.Pow(q, 12)) / (1 - q)
	switches := (1 - q) * (ours - 1)
	b, c := switches*25/7, switches*20/7
	near("a0 (hand)", a0, 7.834, 0.0005)
	near("months with A (hand)", ours, 75.85, 0.005)
	near("switches (hand)", switches, 2.994, 0.0005)
	if mk.Closed || !mk.SteadyShare.Defined {
		t.Fatalf("market %+v: want the steady state with acquisition", mk)
	}
	total := ours + b + c
	for i, want := range []float64{ours / total, b / total, c / total} {
		near("steady share of "+m.StageIDs[i], mk.Steady[i], want, 1e-12)
	}
	for i, want := range []float64{0.7976, 0.1124, 0.0900} {
		near("steady share of "+m.StageIDs[i]+" (hand)", mk.Steady[i], want, 0.00005)
	}
	near("expected lifetime", r.Summary.ExpectedLifetime.Value, ours, 1e-9)
	if got := math.Round(r.Summary.CLV*100) / 100; got != 570.83 {
		t.Errorf("CLV %v, want 570.83", r.Summary.CLV)
	}
}

// TestCompetitorHasNoContract: a competitor stage may not give a tenure
// lever (its customers have no contract with us), in the stage, a
// segment's override or a variant, each refused at its line; without
// them, contracts in a market with a competitor are valid, within the
// expanded chain's limits.
func TestCompetitorHasNoContract(t *testing.T) {
	// {b} is a line of stage b's, {end} lines at the file's end.
	const src = `name = "contracts in a market"
horizon = 12
renewal_every = 3
[acquisition]
new_customers = 0
[[stage]]
id = "a"
revenue = 50
existing = 600
renewal = 0.9
to = { a = 0.8, b = 0.2 }
[[stage]]
id = "b"
competitor = true
existing = 400
{b}
to = { a = 0.2 }
[[segment]]
id = "all"
share = 1
{end}`
	file := func(b, end string) []byte {
		return []byte(strings.NewReplacer("{b}", b, "{end}", end).Replace(src))
	}
	s, err := Parse("market.toml", file("", ""))
	if err != nil {
		t.Fatalf("contracts with a competitor: %v", err)
	}
	if m, err := s.Model(); err != nil || m.TenureStates() != 3 {
		t.Fatalf("model: %v", err)
	}
	// The expanded chain's limits hold with competitors (whose states
	// count, as every stage's): contracts of 601 months make 601 tenure
	// states × 2 stages.
	long := strings.Replace(string(file("", "")), "renewal_every = 3", "renewal_every = 601", 1)
	if _, err := Parse("market.toml", []byte(long)); err == nil || !strings.Contains(err.Error(), "market.toml:3: renewal_every: 601 tenure states × 2 stages = 1202 active states, at most 1200 are allowed") {
		t.Errorf("contracts of 601 periods: %v", err)
	}
	for _, c := range []struct{ b, end, want string }{
		{"renewal = 0.5", "", `market.toml:16: stage "b": renewal = 0.5 in a competitor stage: a competitor's customers have no contract with us`},
		{"revenue_cap = 2", "", `market.toml:16: stage "b": revenue_cap = 2 in a competitor stage`},
		{"", "[segment.stage.b]\nrevenue_growth = 0.1\n", `market.toml:22: segment "all", stage "b": revenue_growth = 0.1 in a competitor stage: a competitor's customers have no contract with us and no revenue of ours to grow`},
		{"", "[[variant]]\nname = \"v\"\n[variant.set]\n\"stage.b.renewal_discount\" = 5\n", `market.toml:24: variant "v": stage "b": renewal_discount = 5 in a competitor stage`},
	} {
		_, err := Parse("market.toml", file(c.b, c.end))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q %q: error %v, want %q", c.b, c.end, err, c.want)
		}
	}
}
