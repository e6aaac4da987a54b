package kpi

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"clvlab/sim"
)

// TestCatalogueComplete: every KPI has both labels, an explanation and a
// formula in both languages, and the Chinese texts are Chinese.
func TestCatalogueComplete(t *testing.T) {
	if len(All) != Count {
		t.Fatalf("All lists %d KPIs, the catalogue %d", len(All), Count)
	}
	hasHan := func(s string) bool {
		for _, r := range s {
			if unicode.Is(unicode.Han, r) {
				return true
			}
		}
		return false
	}
	for i, k := range All {
		if int(k) != i {
			t.Errorf("All[%d] = %v, want the summary table's order", i, k)
		}
		e := k.entry()
		for name, text := range map[string][2]string{
			"label": {e.label.EN, e.label.ZH}, "short": {e.short.EN, e.short.ZH},
			"explanation": {e.explanation.EN, e.explanation.ZH}, "formula": {e.formula.EN, e.formula.ZH},
		} {
			if text[0] == "" || text[1] == "" {
				t.Errorf("%s: %s missing in a language: %q", k, name, text)
			}
			if name != "label" && name != "short" || k != LTVCAC {
				if !hasHan(text[1]) {
					t.Errorf("%s: Chinese %s %q has no Chinese", k, name, text[1])
				}
			}
		}
		if e.get == nil {
			t.Errorf("%s: no getter", k)
		}
	}
}

// TestIDsAreSummaryKeys: each KPI reads the summary field that
// summary.json writes under its id, and AlwaysDefined matches the field's
// type (a plain number, not an Optional). The market's steady share is
// read from the summary's Market, which sim.Summary's JSON leaves out:
// summary.json's run writes it under its id (internal/report's
// TestSummaryJSONKeysAreCatalogueIDs checks the file itself).
func TestIDsAreSummaryKeys(t *testing.T) {
	s := sim.Summary{CustomerEquity: 6}
	s.CLV, s.AcquisitionCost, s.CLVNet = 1, 2, 3
	s.LTVCAC, s.CLVInfinite = sim.Some(4), sim.Some(5)
	s.PaybackPeriods, s.ExpectedLifetime = sim.Some(7), sim.Some(8)
	s.ReferralValue, s.ReferralValueInfinite = 9, sim.Some(10)
	s.ReferralsDirect, s.ReferralsTotal = sim.Some(0.5), sim.Some(1)
	b, err := json.Marshal(&s)
	if err != nil {
		t.Fatal(err)
	}
	var keys map[string]any
	if err := json.Unmarshal(b, &keys); err != nil {
		t.Fatal(err)
	}
	s.Market = &sim.Market{SteadyShare: sim.Some(0.4375)}
	keys[SteadyShare.String()] = s.Market.SteadyShare.Value
	for _, k := range All {
		v, ok := keys[k.String()].(float64)
		if !ok {
			t.Errorf("summary.json has no number %q", k)
			continue
		}
		if got := k.Of(&s); !got.Defined || got.Value != v {
			t.Errorf("%s: Of = %v, summary.json %v", k, got, v)
		}
		if k.Of(&sim.Summary{}).Defined != k.AlwaysDefined() {
			t.Errorf("%s: AlwaysDefined %v, but the zero summary's value is defined %v", k, k.AlwaysDefined(), k.Of(&sim.Summary{}).Defined)
		}
	}
}

// TestParseRoundTrips: Parse reads every id back to its KPI, and refuses
// unknown ids and ids outside the KPIs given, listing the ones it takes.
func TestParseRoundTrips(t *testing.T) {
	for _, k := range All {
		if got, err := Parse(k.String()); err != nil || got != k {
			t.Errorf("Parse(%s) = %v, %v", k, got, err)
		}
	}
	if _, err := Parse("roi"); err == nil || !strings.Contains(err.Error(), `"roi"; KPIs are clv, acquisition_cost, clv_net,`) {
		t.Errorf("Parse(roi): %v", err)
	}
	if _, err := Parse("acquisition_cost", CLV, CustomerEquity); err == nil || !strings.HasSuffix(err.Error(), "KPIs are clv, customer_equity") {
		t.Errorf("Parse among two: %v", err)
	}
	if got := KPI(Count).String(); got != "KPI(16)" {
		t.Errorf("String of no KPI = %q", got)
	}
}

// TestFormat: the summary table's formats; the expected strings are
// figures of four-stage as the README's table prints them.
func TestFormat(t *testing.T) {
	for _, c := range []struct {
		u    Unit
		v    sim.Optional
		want string
	}{
		{Money, sim.Some(1234.5), "1,234.50"},
		{Money, sim.Some(-99999.994), "-99,999.99"},
		{Money, sim.Some(13146488.4), "13,146,488"},
		{Money, sim.Some(0), "0.00"},
		{Ratio, sim.Some(6.8313), "6.83"},
		{Periods, sim.Some(13.94), "13.9"},
		{WholePeriods, sim.Some(4), "4"},
		{Money, sim.Optional{}, "—"},
		// Whole units of 7.194e29 would print its binary rounding as
		// digits: 719,400,000,000,000,318,466,858,942,464.
		{Money, sim.Some(7.194e29), "7.194e+29"},
		{Money, sim.Some(-7.194e29), "-7.194e+29"},
		{Money, sim.Some(999_999_999_999_999), "999,999,999,999,999"},
		{Ratio, sim.Some(2.5e20), "2.500e+20"},
		{Share, sim.Some(0.4375), "43.75%"}, // brand-switching's steady share
		{Share, sim.Some(1), "100.00%"},
		{Share, sim.Optional{}, "—"},
	} {
		if got := c.u.Format(c.v); got != c.want {
			t.Errorf("Format(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

// TestDelta: the changes as the table prints them.
func TestDelta(t *testing.T) {
	for _, c := range []struct {
		base, v sim.Optional
		want    string
	}{
		{sim.Some(819.76), sim.Some(901.81), "+82.05 (+10.0%)"},
		{sim.Some(120), sim.Some(90), "-30.00 (-25.0%)"},
		{sim.Some(5), sim.Some(5), "0"},
		{sim.Some(0), sim.Some(5), "+5.00"},
		{sim.Some(4), sim.Optional{}, "n/a"},
		{sim.Optional{}, sim.Optional{}, ""},
	} {
		if got := Money.Delta(c.base, c.v); got != c.want {
			t.Errorf("Delta(%v, %v) = %q, want %q", c.base, c.v, got, c.want)
		}
	}
	// A share changes in percentage points, named in the language; a
	// change that rounds to 0.00 points is none (brand-switching's leaky
	// market has the base's 43.75% up to rounding).
	for _, c := range []struct {
		base, v sim.Optional
		lang    string
		want    string
	}{
		{sim.Some(0.4375), sim.Some(0.4625), "en", "+2.50 pts"},
		{sim.Some(0.4375), sim.Some(0.4125), "zh", "-2.50 个百分点"},
		{sim.Some(0.4375), sim.Some(0.4375 + 1e-15), "en", "0"},
		{sim.Some(0.4375), sim.Optional{}, "zh", "n/a"},
	} {
		if got := Share.DeltaIn(c.base, c.v, c.lang); got != c.want {
			t.Errorf("Share.DeltaIn(%v, %v, %s) = %q, want %q", c.base, c.v, c.lang, got, c.want)
		}
	}
}

// TestSteadyShare: the steady share reads the market's (brand-switching:
// 43.75%, the scenario's hand calculation), is undefined and unused
// without a market, and is listed by compare only for runs that use it,
// while the older optional KPIs (referrals) are listed for every run.
func TestSteadyShare(t *testing.T) {
	market := &sim.Summary{Market: &sim.Market{SteadyShare: sim.Some(0.4375)}}
	plain := &sim.Summary{}
	if got := SteadyShare.Of(market); !got.Defined || got.Value != 0.4375 {
		t.Errorf("steady share %v, want 0.4375", got)
	}
	if SteadyShare.Of(plain).Defined || SteadyShare.Shown(plain) || SteadyShare.Listed(plain) {
		t.Error("a run without a market has a steady share, or shows or lists it")
	}
	if !SteadyShare.Shown(plain, market) || !SteadyShare.Listed(plain, market) {
		t.Error("a market's run does not show or list its steady share")
	}
	if SteadyShare.Format(SteadyShare.Of(market)) != "43.75%" || SteadyShare.Good() != Higher || SteadyShare.Step() {
		t.Errorf("steady share formats as %q, good %v, step %v", SteadyShare.Format(SteadyShare.Of(market)), SteadyShare.Good(), SteadyShare.Step())
	}
	if ReferralsDirect.Shown(plain) || !ReferralsDirect.Listed(plain) {
		t.Error("the referral figures: shown without referrals, or not listed by compare")
	}
}

// TestDirectionsAndSteps: payback and acquisition cost are better lower;
// payback alone moves in whole steps.
func TestDirectionsAndSteps(t *testing.T) {
	for _, k := range All {
		wantLower := k == PaybackPeriods || k == AcquisitionCost
		if (k.Good() == Lower) != wantLower {
			t.Errorf("%s: good news is %v", k, k.Good())
		}
		if k.Step() != (k == PaybackPeriods) {
			t.Errorf("%s: Step %v", k, k.Step())
		}
	}
}
