package chart

import (
	"fmt"
	"strings"
	"testing"
)

// TestMarketShareHoverBand: the crosshair's box over brand-switching's
// customers chart gives our market share, and once trials ran its 5–95%
// band, the one the market-share plot's fan draws (Bands.MarketShare at
// that period), in both languages. Our switching to b and b's back to us
// are drawn (sd 0.03 and 0.04, as in TestMarketShareFans), so the band
// has a width.
func TestMarketShareHoverBand(t *testing.T) {
	s, runs, b := drawnMarketBands(t)
	const period = 10
	band := b.MarketShare[period]
	if !(band.P5 < band.P95) {
		t.Fatalf("share band at period %d: %v to %v, want a width", period, band.P5, band.P95)
	}
	share := runs[0].Result.Summary.Market.Share[period]
	pct := func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }
	for _, w := range []struct{ lang, without, with string }{
		{"en", "our share: " + pct(share), "our share: " + pct(share) + " (5-95% of trials: " + pct(band.P5) + " to " + pct(band.P95) + ")"},
		{"zh", "我们的份额: " + pct(share), "我们的份额: " + pct(share) + "（90% 的模拟在 " + pct(band.P5) + " 至 " + pct(band.P95) + "）"},
	} {
		in := NewInput(s, runs, w.lang)
		lines := Values(Customers, in, period)
		if got := lines[len(lines)-1]; got != w.without {
			t.Errorf("%s, no trials: %q, want %q", w.lang, got, w.without)
		}
		in.Runs[0].Bands = b
		lines = Values(Customers, in, period)
		if got := lines[len(lines)-1]; got != w.with {
			t.Errorf("%s, trials: %q, want %q", w.lang, got, w.with)
		}
		if got := strings.Join(lines, "\n"); Printable(got) != got {
			t.Errorf("%s: %q has characters the chart font lacks", w.lang, got)
		}
	}
}
