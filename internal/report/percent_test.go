package report

import (
	"math"
	"testing"
)

// TestPercent: the one percent formatter. 100 × 0.07 is
// 7.000000000000001 in floating point: the shortest form rounds it away.
func TestPercent(t *testing.T) {
	for _, c := range []struct {
		x        float64
		decimals int
		want     string
	}{
		{0.07, -1, "7%"}, {0.12345, -1, "12.345%"}, {0.1, -1, "10%"},
		{0.2163, 1, "21.6%"}, {1, 1, "100.0%"}, {math.NaN(), 1, "—"},
	} {
		if got := percent(c.x, c.decimals); got != c.want {
			t.Errorf("percent(%v, %d) = %q, want %q", c.x, c.decimals, got, c.want)
		}
	}
}
