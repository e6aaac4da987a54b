package kpi

import (
	"strings"
	"testing"

	"clvlab/sim"
)

// TestExplanationAndFormula: every KPI explains itself and gives its
// formula in both languages, the two languages differ, and each formula
// names what it is computed from (the README's "Formulas and timing
// conventions").
func TestExplanationAndFormula(t *testing.T) {
	mentions := map[KPI]struct{ en, zh []string }{
		CLV:                    {[]string{"margin", "discounted", "acquisition cost excluded"}, []string{"折现", "不含获客成本"}},
		AcquisitionCost:        {[]string{"acquiring one customer", "weighted"}, []string{"获取一位客户", "加权"}},
		CLVNet:                 {[]string{"CLV per new customer", "−", "acquisition cost"}, []string{"每位新客户的 CLV", "−", "获客成本"}},
		LTVCAC:                 {[]string{"CLV per new customer", "÷", "acquisition cost", "undefined"}, []string{"÷", "获客成本", "无定义"}},
		CLVInfinite:            {[]string{"transition matrix", "discount rate", "Undefined"}, []string{"转移矩阵", "折现率", "无定义"}},
		CustomerEquity:         {[]string{"net cash flow", "discounted", "after the horizon"}, []string{"净现金流", "折现", "规划期之后"}},
		PaybackPeriods:         {[]string{"whole number of periods", "cumulative net cash flow", "undiscounted"}, []string{"整期数", "累计净现金流", "不折现"}},
		ExpectedLifetime:       {[]string{"chance", "active", "undiscounted"}, []string{"概率", "活跃", "不折现"}},
		CustomerEquityExisting: {[]string{"period 0", "discounted", "no acquisition cost"}, []string{"第 0 期", "折现", "不含获客成本"}},
		CustomerEquityNew:      {[]string{"Customer equity −", "acquisition spend included"}, []string{"客户资产 −", "含获客支出"}},
		ExpectedPurchases:      {[]string{"purchases per customer", "chance", "undiscounted"}, []string{"购买次数", "概率", "不折现"}},
		ReferralValue:          {[]string{"discounted net cash flow", "referral rewards", "entry stage"}, []string{"折现净现金流", "推荐奖励", "入口阶段"}},
		ReferralValueInfinite:  {[]string{"(D·CLV∞ − W)/(1 − D)", "transition matrix", "Undefined when R ≥ 1"}, []string{"(D·CLV∞ − W)/(1 − D)", "转移矩阵", "R ≥ 1 时无定义"}},
		ReferralsDirect:        {[]string{"e·(I − A)⁻¹·q", "undiscounted", "q/(1 − r)"}, []string{"e·(I − A)⁻¹·q", "不折现", "q/(1 − r)"}},
		ReferralsTotal:         {[]string{"R/(1 − R)", "Undefined when R ≥ 1"}, []string{"R/(1 − R)", "R ≥ 1 时无定义"}},
		SteadyShare:            {[]string{"π = π·P", "closed market", "v = e·(I − A)⁻¹", "b/(a + b)", "Undefined"}, []string{"π = π·P", "封闭市场", "v = e·(I − A)⁻¹", "b/(a + b)", "无定义"}},
	}
	for _, k := range All {
		for _, lang := range []string{"en", "zh"} {
			if k.Explanation(lang) == "" || k.Formula(lang) == "" {
				t.Errorf("%s: explanation %q, formula %q in %s", k, k.Explanation(lang), k.Formula(lang), lang)
			}
		}
		if k.Explanation("en") == k.Explanation("zh") || k.Formula("en") == k.Formula("zh") {
			t.Errorf("%s: the Chinese explanation or formula is the English one", k)
		}
		m, ok := mentions[k]
		if !ok {
			t.Errorf("%s: no expected words for its formula in this test", k)
		}
		for _, w := range m.en {
			if !strings.Contains(k.Formula("en"), w) {
				t.Errorf("%s: formula %q does not mention %q", k, k.Formula("en"), w)
			}
		}
		for _, w := range m.zh {
			if !strings.Contains(k.Formula("zh"), w) {
				t.Errorf("%s: Chinese formula %q does not mention %q", k, k.Formula("zh"), w)
			}
		}
	}
}

// TestOutcomes: the what-if analyses' KPIs are every KPI but the
// acquisition cost (an input), in the order compare prints them, with CLV
// over an infinite horizon, expected purchases and the referral figures
// of an infinite horizon and of all generations last, then the market's
// steady share.
func TestOutcomes(t *testing.T) {
	want := []KPI{CLV, CLVNet, LTVCAC, CustomerEquity, CustomerEquityExisting, CustomerEquityNew, PaybackPeriods, ExpectedLifetime, ReferralValue,
		CLVInfinite, ExpectedPurchases, ReferralValueInfinite, ReferralsDirect, ReferralsTotal, SteadyShare}
	if len(Outcomes) != len(want) {
		t.Fatalf("Outcomes = %v, want %v", Outcomes, want)
	}
	for i := range want {
		if Outcomes[i] != want[i] {
			t.Errorf("Outcomes = %v, want %v", Outcomes, want)
			break
		}
	}
}

// TestBandLabels: the Monte Carlo figures' labels as the summary table
// (English) and the planner's status line (both languages) write them.
func TestBandLabels(t *testing.T) {
	for _, c := range []struct {
		b      Band
		of     KPI
		share  bool
		en, zh string
	}{
		{CLVRange, CLV, false, "CLV 5–95%", "客户终生价值 90% 区间"},
		{CustomerEquityRange, CustomerEquity, false, "customer equity 5–95%", "客户资产 90% 区间"},
		{NegativeEquity, CustomerEquity, true, "P(customer equity < 0)", "客户资产为负的概率"},
		{PaybackWithinHorizon, PaybackPeriods, true, "P(payback within horizon)", "回收期在期限内的概率"},
	} {
		if got := c.b.Label("en"); got != c.en {
			t.Errorf("Band %d: English label %q, want %q", c.b, got, c.en)
		}
		if got := c.b.Label("zh"); got != c.zh {
			t.Errorf("Band %d: Chinese label %q, want %q", c.b, got, c.zh)
		}
		if c.b.KPI() != c.of || c.b.Share() != c.share {
			t.Errorf("Band %d: KPI %s share %v, want %s %v", c.b, c.b.KPI(), c.b.Share(), c.of, c.share)
		}
	}
	if len(Bands) != len(bands) {
		t.Errorf("Bands lists %d figures, the table %d", len(Bands), len(bands))
	}
}

// TestRelative: the relative change, also from a negative base, and
// undefined from a zero or undefined figure.
func TestRelative(t *testing.T) {
	for _, c := range []struct {
		base, v float64
		want    float64
		defined bool
	}{
		{120, 90, -0.25, true}, // the README's cheaper acquisition
		{-200, -100, 0.5, true},
		{-200, -300, -0.5, true},
		{0, 5, 0, false},
	} {
		got := Relative(sim.Some(c.base), sim.Some(c.v))
		if got.Defined != c.defined || got.Value != c.want {
			t.Errorf("Relative(%v, %v) = %v, want %v (defined %v)", c.base, c.v, got, c.want, c.defined)
		}
	}
	if Relative(sim.Some(4), sim.Optional{}).Defined || Relative(sim.Optional{}, sim.Some(4)).Defined {
		t.Error("Relative of an undefined figure is defined")
	}
}
