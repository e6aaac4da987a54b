package report

import "testing"

// TestUnitsText: the fit page counts its units as the segment page and the
// charts do; months in Chinese take 个 ("12 个月", as SpanZH writes it).
func TestUnitsText(t *testing.T) {
	for _, c := range []struct {
		li   int
		x    float64
		unit string
		want string
	}{
		{1, 12, "month", "12 个月"}, {1, 39.5, "week", "39.5 周"}, {1, 7, "day", "7 天"}, {1, 5, "year", "5 年"},
		{1, 3, "period", "3 期"}, {0, 1, "month", "1 month"}, {0, 39.5, "week", "39.5 weeks"},
	} {
		if got := unitsText(c.li, c.x, c.unit); got != c.want {
			t.Errorf("unitsText(%d, %v, %q) = %q, want %q", c.li, c.x, c.unit, got, c.want)
		}
		if c.li == 1 && c.x == float64(int(c.x)) {
			if got := SpanZH(int(c.x), c.unit); got != c.want {
				t.Errorf("SpanZH(%v, %q) = %q, want %q", c.x, c.unit, got, c.want)
			}
		}
	}
}
