package kpi

import (
	"fmt"
	"strings"

	"clvlab/scenarios"
	"clvlab/sim"
)

// KPI names one figure of a run; see sim.Summary for the engine's
// definitions and catalogue.go for the texts.
type KPI int

// The KPIs, in the order of the summary table.
const (
	CLV                    KPI         = iota // CLV per new customer over the horizon
	AcquisitionCost                           // cost of acquiring one customer
	CLVNet                                    // CLV net of acquisition cost
	LTVCAC                                    // CLV / acquisition cost; undefined without acquisition cost
	CLVInfinite                               // CLV over an infinite horizon; undefined when it diverges
	CustomerEquity                            // present value of every cohort within the horizon and of today's customers
	CustomerEquityExisting                    // present value of today's customer base
	CustomerEquityNew                         // present value of the cohorts still to be acquired
	PaybackPeriods                            // whole periods to pay back acquisition; undefined beyond the horizon
	ExpectedLifetime                          // expected active periods; undefined when infinite
	ExpectedPurchases                         // expected purchases of a new customer over the horizon
	ReferralValue                             // present value of the customers a new customer brings by referral, within the horizon
	ReferralValueInfinite                     // the same over an infinite horizon; undefined when R ≥ 1
	ReferralsDirect                           // customers a new customer refers over its lifetime (R)
	ReferralsTotal                            // customers it brings through every generation, R/(1−R); undefined when R ≥ 1
	SteadyShare                               // our share of a brand-switching market in the steady state; undefined when the market has none
	Count                  = int(iota)        // the number of KPIs
)

// All lists every KPI in the order of the summary table.
var All = []KPI{CLV, AcquisitionCost, CLVNet, LTVCAC, CLVInfinite, CustomerEquity, CustomerEquityExisting, CustomerEquityNew, PaybackPeriods, ExpectedLifetime, ExpectedPurchases,
	ReferralValue, ReferralValueInfinite, ReferralsDirect, ReferralsTotal, SteadyShare}

// Outcomes lists the KPIs the what-if analyses (compare, sensitivity,
// seek, optimize) report, in the order they show them: every KPI of the
// catalogue but the inputs, in the summary table's order, with the ones
// marked to come last at the end. A new catalogue entry joins it unless
// it is marked as an input.
var Outcomes = outcomes()

func outcomes() []KPI {
	var first, last []KPI
	for _, k := range All {
		switch e := k.entry(); {
		case e.input:
		case e.outcomeLast:
			last = append(last, k)
		default:
			first = append(first, k)
		}
	}
	return append(first, last...)
}

// Direction says which way a KPI moves when the news is good.
type Direction int

const (
	Higher Direction = iota // more is better (CLV, customer equity)
	Lower                   // less is better (acquisition cost, payback)
)

// entry is one KPI of the catalogue.
type entry struct {
	id            string         // as in summary.json
	label         scenarios.Text // for table rows: "CLV per new customer"
	short         scenarios.Text // for legends and the KPI strip: "CLV"
	unit          Unit
	good          Direction
	explanation   scenarios.Text // what it means for a manager
	formula       scenarios.Text // how it is computed, in words
	get           func(*sim.Summary) sim.Optional
	alwaysDefined bool
	// input marks a figure that variants set rather than an outcome
	// (acquisition cost): the what-if analyses leave it out of Outcomes.
	input bool
	// outcomeLast puts the KPI at the end of Outcomes, after the
	// figures of the horizon itself (CLV over an infinite horizon).
	outcomeLast bool
	// used, when set, says whether a run uses what the KPI reports
	// (purchases): a table leaves out a KPI that no run uses (Shown).
	used func(*sim.Summary) bool
	// unlisted leaves the KPI out of the what-if outputs of runs that do
	// not use it, as the summary table does (Listed): a market figure has
	// no value at all without competitors. Compare lists the older KPIs of
	// unused things (referrals, purchases) for every run, as it always
	// has.
	unlisted bool
}

func (k KPI) entry() *entry {
	if k < 0 || int(k) >= len(catalogue) {
		panic(fmt.Sprintf("kpi: no KPI %d", int(k)))
	}
	return &catalogue[k]
}

// String returns the KPI's id as in summary.json, e.g. "customer_equity";
// "KPI(n)" for a number that names no KPI.
func (k KPI) String() string {
	if k < 0 || int(k) >= len(catalogue) {
		return fmt.Sprintf("KPI(%d)", int(k))
	}
	return catalogue[k].id
}

// Label returns the KPI's name in lang ("en" or "zh") as the summary
// table writes it: "CLV per new customer", "payback (periods)".
func (k KPI) Label(lang string) string { return k.entry().label.In(lang) }

// Short returns the KPI's short name in lang, for chart legends and the
// planner's KPI strip: "CLV", "payback".
func (k KPI) Short(lang string) string { return k.entry().short.In(lang) }

// Explanation returns one or two sentences in lang on what the KPI means
// for a manager.
func (k KPI) Explanation(lang string) string { return k.entry().explanation.In(lang) }

// Formula returns how the KPI is computed, in words, in lang.
func (k KPI) Formula(lang string) string { return k.entry().formula.In(lang) }

// Unit returns what the KPI's number is: money, a ratio or periods.
func (k KPI) Unit() Unit { return k.entry().unit }

// Good returns which direction of change is good news.
func (k KPI) Good() Direction { return k.entry().good }

// Of returns the KPI's value in a summary.
func (k KPI) Of(s *sim.Summary) sim.Optional { return k.entry().get(s) }

// AlwaysDefined reports whether every run has the KPI: the ones whose
// change can be attributed and that can be maximised.
func (k KPI) AlwaysDefined() bool { return k.entry().alwaysDefined }

// Step reports whether the KPI moves in whole steps (payback), so that
// goal seek looks for a boundary rather than a root.
func (k KPI) Step() bool { return k.Unit() == WholePeriods }

// Shown reports whether a table of the runs with these summaries shows
// the KPI: always, but for a KPI of something most scenarios leave out
// (expected purchases, where no stage has purchases), which is shown
// when one of the runs uses it.
func (k KPI) Shown(runs ...*sim.Summary) bool {
	used := k.entry().used
	if used == nil {
		return true
	}
	for _, s := range runs {
		if used(s) {
			return true
		}
	}
	return false
}

// Listed reports whether compare's table and files for runs with these
// summaries list the KPI: always, but for a market figure (steady share)
// that none of the runs uses (Shown).
func (k KPI) Listed(runs ...*sim.Summary) bool {
	return !k.entry().unlisted || k.Shown(runs...)
}

// Format formats a value of the KPI for people; "—" when it is undefined.
func (k KPI) Format(o sim.Optional) string { return k.Unit().Format(o) }

// Delta formats the change of the KPI from base to v; see Unit.Delta.
func (k KPI) Delta(base, v sim.Optional) string { return k.Unit().Delta(base, v) }

// DeltaIn formats the change of the KPI from base to v in lang; see
// Unit.DeltaIn.
func (k KPI) DeltaIn(base, v sim.Optional, lang string) string {
	return k.Unit().DeltaIn(base, v, lang)
}

// Parse returns the KPI whose id is s among the KPIs given, or among all
// KPIs when none are given; the error lists the ids it accepts.
func Parse(s string, among ...KPI) (KPI, error) {
	if len(among) == 0 {
		among = All
	}
	ids := make([]string, len(among))
	for i, k := range among {
		if k.String() == s {
			return k, nil
		}
		ids[i] = k.String()
	}
	return 0, fmt.Errorf("unknown KPI %q; KPIs are %s", s, strings.Join(ids, ", "))
}
