package chart

import (
	"testing"

	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/sim/uncertainty"
)

// TestMarketShareFans: with Monte Carlo bands, the customers chart of
// brand-switching draws the fans of our market share (grey) and of each
// competitor's (its stage colour) under the share lines, in both
// languages. Our switching to b and b's back to us are drawn (sd 0.03 and
// 0.04), so the bands are wide enough to see.
func TestMarketShareFans(t *testing.T) {
	s, runs, b := drawnMarketBands(t)
	for _, lang := range []string{"en", "zh"} {
		in := NewInput(s, runs, lang)
		in.Runs[0].Bands = b
		check(t, "customers_market_fan_"+lang, renderPNG(t, Customers, in))
	}
}

// drawnMarketBands runs brand-switching with our switching to b and b's
// back to us drawn (sd 0.03 and 0.04), so its market-share bands are wide
// enough to see: 200 trials, seed 7.
func drawnMarketBands(t *testing.T) (*scenarios.Scenario, []projection.Run, *uncertainty.Bands) {
	t.Helper()
	s, err := scenarios.Preset("brand-switching")
	if err != nil {
		t.Fatal(err)
	}
	for path, d := range map[string]map[string]any{
		"stage.a.to.b": {"mean": 0.1, "sd": 0.03},
		"stage.b.to.a": {"mean": 0.2, "sd": 0.04},
	} {
		if err := s.Set(path, d); err != nil {
			t.Fatal(err)
		}
	}
	runs, err := projection.Runs(s)
	if err != nil {
		t.Fatal(err)
	}
	c := s.MonteCarlo()
	c.Trials, c.Seed = 200, 7
	b, err := uncertainty.Run(runs[0].Model, c)
	if err != nil {
		t.Fatal(err)
	}
	if b.MarketShare == nil {
		t.Fatal("no share bands")
	}
	return s, runs, b
}
