package chart

import "testing"

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
