package whatif

import (
	"math"
	"strings"
	"testing"

	"clvlab/internal/kpi"
)

// twoBrands is a two-brand market: our brand a keeps 0.7 of its customers
// and loses a = 0.3 to the competitor b a month; b loses b = 0.1 of its
// customers to us a month and keeps the rest (a competitor's row fills up
// with its stay). It is closed: no one leaves the market.
//
// The steady share of a two-state chain with switching probabilities a
// (ours to theirs) and b (theirs to ours) is b/(a+b): π_a·a = π_b·b and
// π_a + π_b = 1. Here 0.1/0.4 = 0.25. When our row leaves a part l of our
// customers out of the market (lowering a or our stay), the steady state
// is that of the market with acquisition going on (sim/market.go): a new
// customer spends v_a = 1 + s·v_a + b·v_b periods with us and
// v_b = a·v_a + (1 − b)·v_b with them, so v_b = (a/b)·v_a and the share
// v_a/(v_a + v_b) = b/(a+b) again, whatever our stay s.
const twoBrands = `
period = "month"
horizon = 12
[acquisition]
new_customers = 0
entry = "a"
[[stage]]
id = "a"
revenue = 50
cost_to_serve = 30
existing = 500
to = { a = 0.7, b = 0.3 }
[[stage]]
id = "b"
competitor = true
existing = 500
to = { a = 0.1 }
`

// share is the two-brand steady share b/(a+b).
func share(a, b float64) float64 { return b / (a + b) }

// TestSeekSteadyShare: goal seek on the steady share of the two-brand
// market against the closed form σ = b/(a+b) (see twoBrands).
//   - Our switching a that gives σ = 0.5 with b = 0.1: a = b·(1 − σ)/σ = 0.1.
//   - Their switching b that gives σ = 0.5 with a = 0.3: b = a·σ/(1 − σ) = 0.3.
//   - σ = 0.9 through b needs b = 0.3·0.9/0.1 = 2.7, beyond a probability:
//     b = 1 gives at most 1/1.3 = 0.769..., and seek says so.
//   - Our stay s alone does not move σ (what it leaves churns out of the
//     market), and seek says that too.
//   - A target of 50 (meant as 50%) is refused with the share's range.
func TestSeekSteadyShare(t *testing.T) {
	s := parse(t, twoBrands)
	base, err := kpiAt(s, kpi.SteadyShare, nil)
	if err != nil || !base.Defined || math.Abs(base.Value-share(0.3, 0.1)) > 1e-12 {
		t.Fatalf("base steady share %v (%v), want 0.25", base, err)
	}
	for _, c := range []struct {
		path string
		want float64
	}{
		{"stage.a.to.b", 0.1 * (1 - 0.5) / 0.5},
		{"stage.b.to.a", 0.3 * 0.5 / (1 - 0.5)},
	} {
		r, err := Seek(s, SeekOptions{Path: c.path, KPI: kpi.SteadyShare, Goal: Equal, Target: 0.5})
		if err != nil {
			t.Fatal(err)
		}
		if !r.Found || math.Abs(r.Value-c.want) > 1e-8 || math.Abs(r.KPIValue.Value-0.5) > 1e-9 {
			t.Errorf("%s: found %v at %v (share %v), want %v: %s", c.path, r.Found, r.Value, r.KPIValue, c.want, r.Message)
		}
	}
	r, err := Seek(s, SeekOptions{Path: "stage.b.to.a", KPI: kpi.SteadyShare, Goal: Equal, Target: 0.9})
	if err != nil {
		t.Fatal(err)
	}
	if r.Found || !near(r.KPIMax.Value, share(0.3, 1), 1e-12) || r.ArgMax != 1 ||
		!strings.Contains(r.Message, "steady_share = 0.9") || !strings.Contains(r.Message, "to 0.769231 (at 1)") {
		t.Errorf("share 0.9 through b: found %v, max %v at %v, message %q; want out of reach, at most 1/1.3 at b = 1", r.Found, r.KPIMax, r.ArgMax, r.Message)
	}
	r, err = Seek(s, SeekOptions{Path: "stage.a.to.a", KPI: kpi.SteadyShare, Goal: Equal, Target: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if r.Found || !strings.Contains(r.Message, "steady_share is 0.25 at every value scanned, so it does not move with stage.a.to.a") {
		t.Errorf("share through our stay: found %v, message %q; want 0.25 whatever the stay", r.Found, r.Message)
	}
	for _, c := range []struct {
		goal   Goal
		target float64
		want   string
	}{
		{Equal, 50, "steady_share is a share of the market, from 0 to 1, so no value reaches = 50; for 50% give 0.5"},
		{AtLeast, 1.2, "steady_share is a share of the market, from 0 to 1, so no value reaches >= 1.2; for 1.2% give 0.012"},
		{Equal, -0.1, "steady_share is a share of the market, from 0 to 1, so no value reaches = -0.1; give a share from 0 to 1, e.g. 0.5 for 50%"},
	} {
		_, err := Seek(s, SeekOptions{Path: "stage.b.to.a", KPI: kpi.SteadyShare, Goal: c.goal, Target: c.target})
		if err == nil || err.Error() != c.want {
			t.Errorf("goal %s %v: %v, want %q", c.goal, c.target, err, c.want)
		}
	}
	// A goal every share meets is the search's: it holds over the range.
	r, err = Seek(s, SeekOptions{Path: "stage.b.to.a", KPI: kpi.SteadyShare, Goal: AtMost, Target: 1.2})
	if err != nil || !r.Holds {
		t.Errorf("<= 1.2: %+v, %v; want a goal that holds over the whole range", r, err)
	}
}

// TestSensitivitySteadyShare: the tornado of the steady share, ±1% on
// each switching, against the closed form σ = b/(a+b) at the moved values
// and its derivatives ∂σ/∂b = a/(a+b)² (1.875 at the base) and
// ∂σ/∂a = −b/(a+b)² (−0.625 at the base). Our switching a cannot rise
// above 0.3 (our row would sum over 1), so its move is 0.297 to 0.3. The
// tornado's slope (σ(high) − σ(low))/(high − low) is a central difference
// about the move's midpoint m with half-width h: within h²/6·max|σ‴| of
// the derivative at m, with |∂³σ/∂b³| = 6a/(a+b)⁴ and |∂³σ/∂a³| =
// 6b/(a+b)⁴, largest at the smallest a+b of the move.
func TestSensitivitySteadyShare(t *testing.T) {
	s := parse(t, twoBrands)
	tor, err := Sensitivity(s, SensitivityOptions{KPI: kpi.SteadyShare, Percent: 1, Paths: []string{"stage.a.to.b", "stage.b.to.a", "stage.a.revenue"}})
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(tor.Base.Value-0.25) > 1e-12 {
		t.Errorf("base %v, want 0.25", tor.Base)
	}
	const a, b = 0.3, 0.1
	for _, bar := range tor.Bars {
		m, h := (bar.Low+bar.High)/2, (bar.High-bar.Low)/2
		var lo, hi, slope, bound float64
		switch bar.Path {
		case "stage.a.to.b":
			if math.Abs(bar.Low-0.297) > 1e-15 || math.Abs(bar.High-0.3) > 1e-15 || bar.Clamped == "" { // 1 − 0.7 in floating point
				t.Errorf("a's move %v to %v (%q), want 0.297 to 0.3, clamped", bar.Low, bar.High, bar.Clamped)
			}
			lo, hi = share(bar.Low, b), share(bar.High, b)
			slope, bound = -b/((m+b)*(m+b)), h*h/6*6*b/math.Pow(bar.Low+b, 4)
		case "stage.b.to.a":
			lo, hi = share(a, bar.Low), share(a, bar.High)
			slope, bound = a/((a+m)*(a+m)), h*h/6*6*a/math.Pow(a+bar.Low, 4)
		default: // revenue: no effect on the market
			if bar.KPILow.Value != tor.Base.Value || bar.KPIHigh.Value != tor.Base.Value {
				t.Errorf("%s moves the steady share: %v, %v", bar.Path, bar.KPILow, bar.KPIHigh)
			}
			continue
		}
		if math.Abs(bar.KPILow.Value-lo) > 1e-12 || math.Abs(bar.KPIHigh.Value-hi) > 1e-12 {
			t.Errorf("%s: share %v at %v and %v at %v, the closed form %v and %v", bar.Path, bar.KPILow, bar.Low, bar.KPIHigh, bar.High, lo, hi)
		}
		got := (bar.KPIHigh.Value - bar.KPILow.Value) / (bar.High - bar.Low)
		if math.Abs(got-slope) > bound+1e-9 { // 1e-9: the shares' rounding over a move of 0.002
			t.Errorf("%s: slope %v, derivative %v (bound %v)", bar.Path, got, slope, bound)
		}
	}
	if len(tor.Bars) != 3 || tor.Bars[0].Path != "stage.b.to.a" {
		t.Errorf("bars %+v, want b's switching first (the largest swing)", tor.Bars)
	}
}

// TestCompareListsSteadyShare: compare lists the steady share for a
// brand-switching market (Stronger loyalty: 43.75% → 6/11 of the
// scenario's steady state, 50.91%), and not for a scenario without
// competitors, whose table stays as it was.
func TestCompareListsSteadyShare(t *testing.T) {
	has := func(c *Comparison) (Change, bool) {
		for _, ch := range c.Changes {
			if ch.KPI == kpi.SteadyShare {
				return ch, true
			}
		}
		return Change{}, false
	}
	c, err := Compare(preset(t, "brand-switching"), 0, CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ch, ok := has(c)
	if !ok || math.Abs(ch.Base.Value-0.4375) > 1e-12 || !(ch.Value.Value > 0.5) {
		t.Errorf("brand-switching: steady share %+v (listed %v), want 0.4375 rising above 0.5", ch, ok)
	}
	c, err = Compare(preset(t, "four-stage"), 0, CompareOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := has(c); ok || len(c.Changes) != len(kpi.Outcomes)-1 {
		t.Errorf("four-stage lists %d changes with the steady share %v; want every outcome but it", len(c.Changes), ok)
	}
}
