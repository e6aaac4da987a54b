package kpi

import (
	"fmt"

	"clvlab/scenarios"
)

// Band names a figure over a run's Monte Carlo trials: the spread of a
// KPI over the trials, or the share of trials in which something
// happens.
type Band int

// The Monte Carlo figures, in the order of the summary table.
const (
	CLVRange             Band = iota // CLV, 5th to 95th percentile of the trials
	CustomerEquityRange              // customer equity, 5th to 95th percentile
	NegativeEquity                   // share of trials whose customer equity is below 0
	PaybackWithinHorizon             // share of trials whose first cohort pays back within the horizon
)

// Bands lists the Monte Carlo figures in the order of the summary table.
var Bands = []Band{CLVRange, CustomerEquityRange, NegativeEquity, PaybackWithinHorizon}

// bandEntry is one Monte Carlo figure: the KPI it is about and its label,
// a format whose %s is the KPI's short label.
type bandEntry struct {
	of    KPI
	label scenarios.Text
	share bool
}

var bands = [...]bandEntry{
	CLVRange:             {of: CLV, label: scenarios.Text{EN: "%s 5–95%%", ZH: "%s 90%% 区间"}},
	CustomerEquityRange:  {of: CustomerEquity, label: scenarios.Text{EN: "%s 5–95%%", ZH: "%s 90%% 区间"}},
	NegativeEquity:       {of: CustomerEquity, label: scenarios.Text{EN: "P(%s < 0)", ZH: "%s为负的概率"}, share: true},
	PaybackWithinHorizon: {of: PaybackPeriods, label: scenarios.Text{EN: "P(%s within horizon)", ZH: "%s在期限内的概率"}, share: true},
}

func (b Band) entry() *bandEntry {
	if b < 0 || int(b) >= len(bands) {
		panic(fmt.Sprintf("kpi: no Monte Carlo figure %d", int(b)))
	}
	return &bands[b]
}

// KPI returns the KPI the figure is about.
func (b Band) KPI() KPI { return b.entry().of }

// Share reports whether the figure is a share of the trials (a
// probability) rather than a range of the KPI's values.
func (b Band) Share() bool { return b.entry().share }

// Label returns the figure's name in lang, built from its KPI's short
// label: "CLV 5–95%", "P(customer equity < 0)"; "客户资产为负的概率".
func (b Band) Label(lang string) string {
	e := b.entry()
	return fmt.Sprintf(e.label.In(lang), e.of.Short(lang))
}
