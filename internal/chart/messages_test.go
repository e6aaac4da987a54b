package chart

import (
	"strings"
	"testing"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
	"clvlab/sim"
)

// TestMessagesNameKPIsFromTheCatalogue: the messages that name a KPI take
// its short label from package kpi and read as they did when the label
// was written into them.
func TestMessagesNameKPIsFromTheCatalogue(t *testing.T) {
	for _, c := range []struct {
		key    int
		args   []any
		en, zh string
	}{
		{msgCumulativeTitle, nil, "Cumulative discounted cash flow (customer equity to date)", "累计折现现金流（至今的客户资产）"},
		{msgPayback, []any{"4 months"}, "payback of a cohort: 4 months", "单批次回收期：4 months"},
		{msgComparisonTitle, nil, "Scenarios compared: customer equity over time", "情景对比：客户资产随时间变化"},
		{msgBreakdownTitle, nil, "Where CLV comes from", "客户终生价值的来源"},
	} {
		if got := message("en", c.key, c.args...); got != c.en {
			t.Errorf("message %d in English: %q, want %q", c.key, got, c.en)
		}
		if got := message("zh", c.key, c.args...); got != c.zh {
			t.Errorf("message %d in Chinese: %q, want %q", c.key, got, c.zh)
		}
	}
	if got := Comparison.Title("zh"); got != "情景对比：客户资产随时间变化" {
		t.Errorf("Comparison.Title(zh) = %q", got)
	}
}

// TestChartTextsHaveGlyphs (issue 12, defect 4): the charts' own texts
// and the KPI catalogue's labels they show are drawn by the chart font as
// written (names from a scenario pass through Printable); a character the
// font lacks would be a blank in a chart.
func TestChartTextsHaveGlyphs(t *testing.T) {
	var texts []string
	for _, m := range messages {
		texts = append(texts, m[0], m[1])
	}
	for _, lang := range []string{"en", "zh"} {
		for _, k := range kpi.All {
			texts = append(texts, k.Label(lang), k.Short(lang))
		}
		for _, p := range sim.Periods {
			n := scenarios.NameOf(p)
			texts = append(texts, n.One.In(lang), n.Many.In(lang))
		}
	}
	for _, s := range texts {
		if p := Printable(s); p != s {
			t.Errorf("%q: the chart font lacks some of it (drawn %q)", s, p)
		}
	}
}

// TestPeriodAxisLabels: a weekly or daily scenario's charts name the
// period on their axes and in counts, in English and Chinese.
func TestPeriodAxisLabels(t *testing.T) {
	for _, c := range []struct {
		period, lang, label, count string
	}{
		{"week", "en", "week", "4 weeks"}, {"week", "zh", "周", "4 周"},
		{"day", "en", "day", "1 day"}, {"day", "zh", "天", "1 天"},
	} {
		st := &style{lang: c.lang, period: c.period}
		n := 4
		if c.period == "day" {
			n = 1
		}
		if got := st.periodLabel(); !strings.Contains(got, c.label) {
			t.Errorf("%s in %s: axis label %q does not name %q", c.period, c.lang, got, c.label)
		}
		if got := st.count(n); got != c.count {
			t.Errorf("%s in %s: count(%d) = %q, want %q", c.period, c.lang, n, got, c.count)
		}
	}
}

// TestPeriodTicksWhole: a 52- or 78-week axis, which gonum ticks every
// 25 periods, labels them as whole numbers ("25", not "25.00").
func TestPeriodTicksWhole(t *testing.T) {
	for _, hi := range []float64{51, 77} {
		for _, tk := range (periodTicks{}).Ticks(0, hi) {
			if tk.Label != "" && strings.Contains(tk.Label, ".") {
				t.Errorf("0 to %v: tick %v labelled %q", hi, tk.Value, tk.Label)
			}
		}
	}
}

// TestFitUnits: the fit charts count units as the files do; months in
// Chinese take 个 ("39 个月", as report.SpanZH writes it).
func TestFitUnits(t *testing.T) {
	for _, c := range []struct {
		lang, unit string
		x          float64
		name, want string
	}{
		{"zh", "month", 39, "月", "39 个月"}, {"zh", "week", 39.5, "周", "39.5 周"}, {"zh", "period", 3, "期", "3 期"},
		{"en", "month", 1, "month", "1 month"}, {"en", "week", 39.5, "week", "39.5 weeks"}, {"en", "period", 2, "period", "2 periods"},
	} {
		st := &style{lang: c.lang}
		if got := st.unitName(c.unit); got != c.name {
			t.Errorf("unitName(%q) in %s = %q, want %q", c.unit, c.lang, got, c.name)
		}
		if got := st.units(c.x, c.unit); got != c.want {
			t.Errorf("units(%v, %q) in %s = %q, want %q", c.x, c.unit, c.lang, got, c.want)
		}
	}
}
