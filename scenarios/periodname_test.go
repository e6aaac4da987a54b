package scenarios

import (
	"testing"

	"clvlab/sim"
)

// TestPeriodNames checks every period's words and counts in both
// languages against the texts the files, charts and planner print.
func TestPeriodNames(t *testing.T) {
	cases := []struct {
		p                   sim.Period
		lang, one, many     string
		countOne, countMany string
	}{
		{sim.Month, "en", "month", "months", "1 month", "12 months"},
		{sim.Month, "zh", "月", "个月", "1 个月", "12 个月"},
		{sim.Quarter, "en", "quarter", "quarters", "1 quarter", "3 quarters"},
		{sim.Quarter, "zh", "季度", "个季度", "1 个季度", "3 个季度"},
		{sim.Year, "en", "year", "years", "1 year", "5 years"},
		{sim.Year, "zh", "年", "年", "1 年", "5 年"},
		{sim.Week, "en", "week", "weeks", "1 week", "52 weeks"},
		{sim.Week, "zh", "周", "周", "1 周", "52 周"},
		{sim.Day, "en", "day", "days", "1 day", "7 days"},
		{sim.Day, "zh", "天", "天", "1 天", "7 天"},
	}
	seen := map[sim.Period]int{}
	for _, c := range cases {
		seen[c.p]++
		byString, ok := PeriodNamed(c.p.String())
		if !ok || byString != NameOf(c.p) {
			t.Errorf("PeriodNamed(%q) = %v, %v; want NameOf(%v) = %v", c.p, byString, ok, c.p, NameOf(c.p))
		}
		n := NameOf(c.p)
		if got := n.One.In(c.lang); got != c.one {
			t.Errorf("%v %s: One = %q, want %q", c.p, c.lang, got, c.one)
		}
		if got := n.Many.In(c.lang); got != c.many {
			t.Errorf("%v %s: Many = %q, want %q", c.p, c.lang, got, c.many)
		}
		if got := n.Count("1", c.lang); got != c.countOne {
			t.Errorf("%v %s: Count(1) = %q, want %q", c.p, c.lang, got, c.countOne)
		}
		count := c.countMany[:len(c.countMany)-len(c.many)-1]
		if got := n.Count(count, c.lang); got != c.countMany {
			t.Errorf("%v %s: Count(%s) = %q, want %q", c.p, c.lang, count, got, c.countMany)
		}
	}
	for _, p := range sim.Periods {
		if seen[p] != 2 {
			t.Errorf("period %v has %d cases, want one per language", p, seen[p])
		}
	}
	if _, ok := PeriodNamed("fortnight"); ok {
		t.Error(`PeriodNamed("fortnight") is ok, want false`)
	}
	if got := NameOf(sim.Period(99)); got != NameOf(sim.Month) {
		t.Errorf("NameOf(99) = %v, want month's name as Period.String names it", got)
	}
}
