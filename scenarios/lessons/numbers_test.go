package lessons_test

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"clvlab/internal/planner"
	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/scenarios/lessons"
	"clvlab/sim"
)

// screen is what a step shows: its scenario (the lesson's, with the
// step's settings) and the run of it, the run of the scenario as loaded,
// and the run of the step before.
type screen struct {
	s, startS  *scenarios.Scenario
	run, start *sim.Result
	prev       *sim.Result // nil on the first step
}

// figure is one number a lesson quotes: as written (in English, with
// its digits; Chinese writes it without the thousands comma), where the
// run or the scenario has it, and the hand calculation of it.
type figure struct {
	shown string
	got   func(e screen) float64
	hand  float64
}

// Getters of a screen's figures.
func clv(e screen) float64      { return e.run.Summary.CLV }
func startCLV(e screen) float64 { return e.start.Summary.CLV }
func prevCLV(e screen) float64  { return e.prev.Summary.CLV }
func clvInf(e screen) float64   { return e.run.Summary.CLVInfinite.Value }
func rate(e screen) float64     { return e.s.DiscountRate * 100 }
func onePlusRate(e screen) float64 {
	return 1 + e.s.DiscountRate
}
func horizon(e screen) float64 { return float64(e.s.Horizon) }
func stage(id string, f func(st *scenarios.Stage) float64) func(screen) float64 {
	return func(e screen) float64 {
		for i := range e.s.Stages {
			if e.s.Stages[i].ID == id {
				return f(&e.s.Stages[i])
			}
		}
		panic("no stage " + id)
	}
}
func revenue(id string) func(screen) float64 {
	return stage(id, func(st *scenarios.Stage) float64 { return st.Revenue })
}
func costToServe(id string) func(screen) float64 {
	return stage(id, func(st *scenarios.Stage) float64 { return st.CostToServe })
}

// margin is a stage's revenue after its price discount less its cost to
// serve and retention spend: its net cash flow per customer and period.
func margin(id string) func(screen) float64 {
	return stage(id, func(st *scenarios.Stage) float64 {
		return st.Revenue*(1-st.PriceDiscount) - st.CostToServe - st.RetentionSpend
	})
}

// unitFlow is the net cash flow of one new customer in tenure period τ
// (0 for the first), from the run's first cohort, acquisition excluded.
func unitFlow(e screen, τ int) float64 {
	k := e.run.Model.NewCustomers[0]
	f := e.run.Cohort(0, τ).NetCashFlow
	if τ == 0 {
		f += k * e.run.Summary.AcquisitionCost
	}
	return f / k
}

// discounted is unitFlow of period τ discounted to acquisition, cash at
// each period's end.
func discounted(τ int) func(screen) float64 {
	return func(e screen) float64 { return unitFlow(e, τ) / math.Pow(1+e.s.DiscountRate, float64(τ+1)) }
}

func constant(x float64) func(screen) float64 { return func(screen) float64 { return x } }

// Getters of the scenario as loaded, the run before, and figures of a run.
func atStart(f func(screen) float64) func(screen) float64 {
	return func(e screen) float64 { e.s = e.startS; return f(e) }
}
func prevInf(e screen) float64      { return e.prev.Summary.CLVInfinite.Value }
func clvNet(e screen) float64       { return e.run.Summary.CLVNet }
func prevNet(e screen) float64      { return e.prev.Summary.CLVNet }
func equity(e screen) float64       { return e.run.Summary.CustomerEquity }
func lifetime(e screen) float64     { return e.run.Summary.ExpectedLifetime.Value }
func rateFrac(e screen) float64     { return e.s.DiscountRate }
func cac(e screen) float64          { return e.s.Acquisition.CostPerCustomer }
func newCustomers(e screen) float64 { return e.s.Acquisition.NewCustomers[0] }
func to(from, dest string) func(screen) float64 {
	return stage(from, func(st *scenarios.Stage) float64 { return st.To[dest] })
}
func retentionSpend(id string) func(screen) float64 {
	return stage(id, func(st *scenarios.Stage) float64 { return st.RetentionSpend })
}
func times(f func(screen) float64, k float64) func(screen) float64 {
	return func(e screen) float64 { return f(e) * k }
}

// same is f where f and g agree, NaN where they do not: for a number the
// text quotes twice with two meanings ("70 instead of 40 ... 70% become
// loyal").
func same(f, g func(screen) float64) func(screen) float64 {
	return func(e screen) float64 {
		if a, b := f(e), g(e); math.Abs(a-b) < 1e-9 {
			return a
		}
		return math.NaN()
	}
}

// alt is the figure f of the screen's scenario with one more value set.
func alt(path string, v float64, f func(screen) float64) func(screen) float64 {
	return func(e screen) float64 {
		run, err := projection.Project(e.s, scenarios.Setting{Path: path, Value: v})
		if err != nil {
			panic(err)
		}
		e.run = run
		return f(e)
	}
}

// figures holds, by lesson and step, the numbers that the step's text,
// and the question and answer of the step before (revealed on this
// step's screen), quote: every one of them.
var figures = map[string][][]figure{
	// customer-value, on annuity.toml: revenue R = 1,000, cost to serve
	// C = 400, r = 10%, n = 3, cash at year end. The annuity factor
	// a = (1 − 1.1^−3) / 0.1 = 2.4868520.
	"customer-value": {
		{ // as loaded: profit R − C = 600
			{"1,000", revenue("loyal"), 1000}, {"400", costToServe("loyal"), 400}, {"600", margin("loyal"), 600},
		},
		{ // C = 550: profit 450; CLV 600·a = 1,492.1112 → 450·a = 1,119.0834;
			// 450 / 600 = 0.75
			{"550", costToServe("loyal"), 550}, {"1,000", revenue("loyal"), 1000}, {"450", margin("loyal"), 450},
			{"10", rate, 10}, {"1,492.11", startCLV, 1492.1111946}, {"1,119.08", clv, 1119.0833959},
			{"600", func(e screen) float64 { return startCLV(e) / clv(e) * 450 }, 600},
			{"0.75", func(e screen) float64 { return clv(e) / startCLV(e) }, 0.75},
		},
		{ // C = 400, a 10% discount: revenue 900, profit 500, CLV 500·a =
			// 1,243.4260; 1,492.1112 − 1,243.4260 = 248.6852
			{"400", costToServe("loyal"), 400}, {"10", stage("loyal", func(st *scenarios.Stage) float64 { return st.PriceDiscount * 100 }), 10},
			{"900", stage("loyal", func(st *scenarios.Stage) float64 { return st.Revenue * (1 - st.PriceDiscount) }), 900},
			{"500", margin("loyal"), 500}, {"1,243.43", clv, 1243.4259955}, {"1,119.08", prevCLV, 1119.0833959},
			{"1,492.11", startCLV, 1492.1111946}, {"248.69", func(e screen) float64 { return startCLV(e) - clv(e) }, 248.6851991},
		},
	},
	// annuity, on annuity.toml: Pr = 600, r = 10%, n = 3, cash at year
	// end. 600/1.1 = 545.4545, 600/1.21 = 495.8678, 600/1.331 = 450.7889;
	// their sum 1,492.1112.
	"annuity": {
		{
			{"600", margin("loyal"), 600}, {"3", horizon, 3}, {"10", rate, 10}, {"1.1", onePlusRate, 1.1},
			{"545.45", discounted(0), 545.4545455}, {"495.87", discounted(1), 495.8677686}, {"450.79", discounted(2), 450.7888805},
			{"1,492.11", clv, 1492.1111946}, {"1", constant(1), 1},
		},
		{ // n = 5: 600·(1 − 1.1^−5)/0.1 = 2,274.4721, 1.5243 times the
			// 3-year CLV (52% more); 600/1.1⁴ = 409.8081, 600/1.1⁵ = 372.5528
			{"5", horizon, 5}, {"3", constant(3), 3}, {"2,274.47", clv, 2274.4720616},
			{"52", func(e screen) float64 { return (clv(e)/startCLV(e) - 1) * 100 }, 52.433148},
			{"600", margin("loyal"), 600}, {"1.1", onePlusRate, 1.1}, {"4", constant(4), 4},
			{"409.81", discounted(3), 409.8080732}, {"372.55", discounted(4), 372.5527938},
			{"1", constant(1), 1}, {"0.1", func(e screen) float64 { return e.s.DiscountRate }, 0.1},
		},
		{ // n = 3, r = 15%: 600·(1 − 1.15^−3)/0.15 = 1,369.9351, 122.1761
			// less than 1,492.1112; perpetuities 600/0.15 = 4,000 and
			// 600/0.1 = 6,000
			{"3", horizon, 3}, {"15", rate, 15}, {"600", margin("loyal"), 600}, {"1", constant(1), 1},
			{"1.15", onePlusRate, 1.15}, {"0.15", func(e screen) float64 { return e.s.DiscountRate }, 0.15},
			{"1,369.94", clv, 1369.9350703}, {"122.18", func(e screen) float64 { return startCLV(e) - clv(e) }, 122.1761243},
			{"10", constant(10), 10}, {"4,000", clvInf, 4000},
			{"6,000", func(e screen) float64 { return e.start.Summary.CLVInfinite.Value }, 6000},
			{"0.1", func(e screen) float64 { return e.start.Model.DiscountRate }, 0.1},
		},
	},
	// discounted-cash-flow, on constant-retention.toml: margin m = 100 CNY
	// a year, renewal 0.8, cash at year end. Expected margins 100, 80, 64.
	"discounted-cash-flow": {
		{ // n = 3, r = 10%: 100/1.1 = 90.9091, 80/1.21 = 66.1157,
			// 64/1.331 = 48.0841; sum 205.1089
			{"10", rate, 10}, {"100", func(e screen) float64 { return unitFlow(e, 0) }, 100}, {"0.8", to("customer", "customer"), 0.8},
			{"80", func(e screen) float64 { return unitFlow(e, 1) }, 80}, {"64", func(e screen) float64 { return unitFlow(e, 2) }, 64},
			{"1.1", onePlusRate, 1.1}, {"90.91", discounted(0), 90.9090909}, {"66.12", discounted(1), 66.1157025},
			{"48.08", discounted(2), 48.0841473}, {"205.11", clv, 205.1089406},
		},
		{ // r = 15%: 100/1.15 = 86.9565, 80/1.3225 = 60.4915, 64/1.520875
			// = 42.0810; sum 189.5290. Revealed: the infinite horizon at
			// 10%, m / (1 + i − r) = 100 / 0.3 = 333.3333; 205.1089 /
			// 333.3333 = 61.53%
			{"15", rate, 15}, {"100", func(e screen) float64 { return unitFlow(e, 0) }, 100}, {"1.15", onePlusRate, 1.15},
			{"80", func(e screen) float64 { return unitFlow(e, 1) }, 80}, {"64", func(e screen) float64 { return unitFlow(e, 2) }, 64},
			{"86.96", discounted(0), 86.9565217}, {"60.49", discounted(1), 60.4914934}, {"42.08", discounted(2), 42.0810389},
			{"189.53", clv, 189.5290540},
			{"333.33", prevInf, 333.3333333}, {"205.11", prevCLV, 205.1089406},
			{"62", func(e screen) float64 { return prevCLV(e) / prevInf(e) * 100 }, 61.5326822},
			{"0.8", to("customer", "customer"), 0.8},
		},
	},
	// margin-multiple, on constant-retention.toml: m = 160 − 60 = 100,
	// r = 0.8, i = 10%, 100 years (the infinite formula to the cent).
	"margin-multiple": {
		{ // CLV = 100 / (1.1 − 0.8) = 333.3333, 3.3333 times m; lifetime
			// 1 / (1 − 0.8) = 5 years
			{"100", margin("customer"), 100}, {"160", revenue("customer"), 160}, {"60", costToServe("customer"), 60},
			{"0.8", to("customer", "customer"), 0.8}, {"10", rate, 10}, {"1", constant(1), 1}, {"0.1", rateFrac, 0.1},
			{"333.33", clv, 333.3333333}, {"3.33", func(e screen) float64 { return clv(e) / 100 }, 3.3333333},
			{"5", lifetime, 5},
		},
		{ // r = 0.9: 1 + i − r falls from 0.3 to 0.2; CLV 100 / 0.2 = 500,
			// the multiple 5; lifetime 1 / (1 − 0.9) = 10
			{"1", constant(1), 1},
			{"0.3", func(e screen) float64 { return 1 + e.s.DiscountRate - e.startS.Stages[0].To["customer"] }, 0.3},
			{"0.2", func(e screen) float64 { return 1 + e.s.DiscountRate - e.s.Stages[0].To["customer"] }, 0.2},
			{"3.33", func(e screen) float64 { return startCLV(e) / 100 }, 3.3333333},
			{"5.00", func(e screen) float64 { return clv(e) / 100 }, 5},
			{"0.9", to("customer", "customer"), 0.9}, {"100", margin("customer"), 100}, {"1.1", onePlusRate, 1.1},
			{"500.00", clv, 500}, {"10", lifetime, 10},
		},
		{ // i = 5%, r = 0.9: CLV 100 / 0.15 = 666.6667, multiple 6.6667;
			// at r = 0.8, 100 / 0.25 = 400: a gain of 266.6667 (66.67%),
			// against 500 − 333.3333 = 166.6667 (50%) at 10%
			{"6.67", func(e screen) float64 { return clv(e) / 100 }, 6.6666667},
			{"5", rate, 5}, {"0.8", atStart(to("customer", "customer")), 0.8}, {"0.9", to("customer", "customer"), 0.9},
			{"10", func(e screen) float64 { return e.prev.Model.DiscountRate * 100 }, 10}, {"100", margin("customer"), 100},
			{"0.25", func(e screen) float64 { return 1 + e.s.DiscountRate - e.startS.Stages[0].To["customer"] }, 0.25},
			{"400.00", alt("stage.customer.to.customer", 0.8, clv), 400},
			{"0.15", func(e screen) float64 { return 1 + e.s.DiscountRate - e.s.Stages[0].To["customer"] }, 0.15},
			{"666.67", clv, 666.6666667},
			{"266.67", func(e screen) float64 { return clv(e) - alt("stage.customer.to.customer", 0.8, clv)(e) }, 266.6666667},
			{"67", func(e screen) float64 { return (clv(e)/alt("stage.customer.to.customer", 0.8, clv)(e) - 1) * 100 }, 66.6666667},
			{"166.67", func(e screen) float64 { return prevCLV(e) - startCLV(e) }, 166.6666667},
			{"50", func(e screen) float64 { return (prevCLV(e)/startCLV(e) - 1) * 100 }, 50},
		},
	},
	// acquisition-vs-retention, on acquisition-vs-retention.toml: a new
	// customer earns 500 − 300 − 40 = 160 in year 1, becomes loyal with
	// 0.6 and then earns 800 − 420 − 40 = 340 a year, staying with 0.8;
	// 5 years at 10%, CAC 300, 1,000 new customers a year. With d_t =
	// 1.1^−t, CLV = 160·d1 + 340·(0.6·d2 + 0.48·d3 + 0.384·d4 +
	// 0.3072·d5) = 590.6924. Customer equity sums the five cohorts c =
	// 0..4: −1,000·300·d_c + 1,000·Σ_τ flow_τ·d_{c+τ+1} = 513,944.65.
	"acquisition-vs-retention": {
		{
			{"300", cac, 300}, {"40", retentionSpend("new"), 40}, {"7.5", func(e screen) float64 { return cac(e) / retentionSpend("new")(e) }, 7.5},
			{"500", revenue("new"), 500}, {"160", margin("new"), 160}, {"60", times(to("new", "loyal"), 100), 60},
			{"800", revenue("loyal"), 800}, {"420", costToServe("loyal"), 420}, {"340", margin("loyal"), 340},
			{"80", times(to("loyal", "loyal"), 100), 80}, {"590.69", clv, 590.6923894}, {"290.69", clvNet, 290.6923894},
		},
		{ // retention spend 70, 0.7 to loyal, 0.88 staying: margins 130 and
			// 310, CLV = 130·d1 + 310·(0.7·d2 + 0.616·d3 + 0.54208·d4 +
			// 0.4770304·d5) = 647.5901 (+9.63%), net 347.5901; customer
			// equity 570,582.05
			{"300", cac, 300}, {"347.59", clvNet, 347.5900826}, {"290.69", prevNet, 290.6923894},
			{"513,945", func(e screen) float64 { return e.start.Summary.CustomerEquity }, 513944.6510733},
			{"570,582", equity, 570582.0541319},
			{"30", func(e screen) float64 { return retentionSpend("new")(e) - atStart(retentionSpend("new"))(e) }, 30},
			{"70", same(retentionSpend("new"), times(to("new", "loyal"), 100)), 70},
			{"40", atStart(retentionSpend("new")), 40},
			{"60", atStart(times(to("new", "loyal"), 100)), 60},
			{"88", times(to("loyal", "loyal"), 100), 88}, {"80", atStart(times(to("loyal", "loyal"), 100)), 80},
			{"647.59", clv, 647.5900826}, {"9.6", func(e screen) float64 { return (clv(e)/prevCLV(e) - 1) * 100 }, 9.6323728},
		},
		{ // back to the base, 1,200 new customers at 320: CLV 590.6924,
			// net 270.6924; (1,200·320 − 1,000·300) / 200 = 420; customer
			// equity 516,656.81, +0.53% (retention: 570,582.05 / 513,944.65
			// = +11.02%)
			{"1,200", newCustomers, 1200}, {"320", cac, 320}, {"1,000", atStart(newCustomers), 1000}, {"300", atStart(cac), 300},
			{"200", func(e screen) float64 { return newCustomers(e) - atStart(newCustomers)(e) }, 200},
			{"420", func(e screen) float64 {
				n0, c0 := atStart(newCustomers)(e), atStart(cac)(e)
				return (newCustomers(e)*cac(e) - n0*c0) / (newCustomers(e) - n0)
			}, 420},
			{"590.69", clv, 590.6923894}, {"270.69", clvNet, 270.6923894},
			{"513,945", func(e screen) float64 { return e.start.Summary.CustomerEquity }, 513944.6510733},
			{"516,657", equity, 516656.8105755},
			{"0.5", func(e screen) float64 { return (equity(e)/e.start.Summary.CustomerEquity - 1) * 100 }, 0.5277143},
			{"11.0", func(e screen) float64 {
				return (e.prev.Summary.CustomerEquity/e.start.Summary.CustomerEquity - 1) * 100
			}, 11.0201367},
		},
	},
	// lifecycle, on four-stage.toml with win-back off: monthly margins
	// exploration 30 − 8 − 2 = 20, formation 80 − 20 − 4 = 56, stability
	// 150 − 30 − 3 = 117, decline 60 − 20 − 0 = 40; 36 months at 10% a
	// year. CLV and its parts by stage are the tenure sum Σ_τ x(τ)·margin
	// / (1+d)^(τ+1) (tenureValue), which the run must match.
	"lifecycle": {
		{ // CLV 589.1083 = 32.8961 + 79.0202 + 429.3455 + 47.8465;
			// stability's part 72.88%
			{"20", margin("exploration"), 20}, {"56", margin("formation"), 56}, {"117", margin("stability"), 117},
			{"40", margin("decline"), 40}, {"589.11", markov(clv, calcCLV), 589.1083408},
			{"32.90", markov(stagePart(0)), 32.8961360}, {"79.02", markov(stagePart(1)), 79.0202351},
			{"429.35", markov(stagePart(2)), 429.3455054}, {"47.85", markov(stagePart(3)), 47.8464643},
			{"73", markov(func(e screen) float64 { return e.run.Summary.CLVByStage[2] / clv(e) * 100 }, func(v value) float64 { return v.ByStage[2] / v.CLV * 100 }), 72.8805681},
		},
		{ // formation: stay 0.50, on to stability 0.35. CLV 623.5950,
			// stability 477.9804, formation 63.4643; in the twelfth month
			// (τ = 11) 21.47% of a cohort is in stability (20.12% before)
			{"21.5", markov(func(e screen) float64 { return e.run.CohortMix(nil, 11)[2] * 100 }, func(v value) float64 { return v.Mix[11][2] * 100 }), 21.4686832},
			{"20.1", func(e screen) float64 { return e.prev.CohortMix(nil, 11)[2] * 100 }, 20.1152280},
			{"35", times(to("formation", "stability"), 100), 35}, {"25", atStart(times(to("formation", "stability"), 100)), 25},
			{"50", times(to("formation", "formation"), 100), 50}, {"60", atStart(times(to("formation", "formation"), 100)), 60},
			{"477.98", markov(stagePart(2)), 477.9803761}, {"429.35", func(e screen) float64 { return e.prev.Summary.CLVByStage[2] }, 429.3455054},
			{"79.02", func(e screen) float64 { return e.prev.Summary.CLVByStage[1] }, 79.0202351}, {"63.46", markov(stagePart(1)), 63.4642804},
			{"623.60", markov(clv, calcCLV), 623.5950117},
		},
	},
	// decline, on decline-decision.toml (no win-back): decline's margin
	// 60 − 20 − 5 = 35 a month, stability's 117; tenure sums as in
	// lifecycle.
	"decline": {
		{ // CLV 568.8650, decline's part 35.7212
			{"35", margin("decline"), 35}, {"117", margin("stability"), 117}, {"5", times(to("decline", "stability"), 100), 5},
			{"65", times(to("decline", "decline"), 100), 65}, {"30", churn("decline"), 30},
			{"568.87", markov(clv, calcCLV), 568.8650113}, {"35.72", markov(stagePart(3)), 35.7212305},
		},
		{ // restore: spend 30, recovery 0.12, stay 0.60, churn 0.28,
			// margin 60 − 20 − 30 = 10; CLV 605.7508, decline 9.7267,
			// stability 484.1078 (421.2274 before)
			{"7", func(e screen) float64 {
				return to("decline", "stability")(e)*100 - atStart(to("decline", "stability"))(e)*100
			}, 7},
			{"30", retentionSpend("decline"), 30}, {"12", times(to("decline", "stability"), 100), 12},
			{"28", churn("decline"), 28},
			{"10", margin("decline"), 10}, {"605.75", markov(clv, calcCLV), 605.7508356}, {"9.73", markov(stagePart(3)), 9.7266948},
			{"484.11", markov(stagePart(2)), 484.1077696}, {"421.23", func(e screen) float64 { return e.prev.Summary.CLVByStage[2] }, 421.2274097},
		},
		{ // let go: spend 0, recovery 0.02, churn 0.38; CLV 534.6357
			{"605.75", prevCLV, 605.7508356}, {"568.87", startCLV, 568.8650113}, {"534.64", markov(clv, calcCLV), 534.6357128},
			{"2", times(to("decline", "stability"), 100), 2}, {"38", churn("decline"), 38},
			{"5", atStart(retentionSpend("decline")), 5},
		},
	},
	// value-segments, on value-segments.toml: five segments, each its own
	// four-stage chain (multipliers and overrides); tenure sums per
	// segment.
	"value-segments": {
		{ // shares 5/15/30/30/20%; CLV platinum 2,467.2699, gold
			// 1,148.8932, silver 589.1083, development 301.4841, adjust
			// 93.3563; share-weighted 581.5465
			{"5", share(0), 5}, {"15", share(1), 15}, {"30", same(share(2), share(3)), 30}, {"20", share(4), 20},
			{"2,467.27", markov(segmentCLV(0)), 2467.2699339}, {"1,148.89", markov(segmentCLV(1)), 1148.8931839},
			{"589.11", markov(segmentCLV(2)), 589.1083408}, {"301.48", markov(segmentCLV(3)), 301.4840542},
			{"93.36", markov(segmentCLV(4)), 93.3563053}, {"581.55", markov(clv, calcCLV), 581.5464538},
		},
		{ // net of acquisition (120 × 2.5 = 300 for platinum, 120 × 0.6 =
			// 72 for adjust): 2,167.2699 and 21.3563. Revealed: (0.05 ×
			// 2,467.2699 + 0.15 × 1,148.8932) / 581.5465 = 50.85%
			{"2,167.27", func(e screen) float64 { return e.run.Summary.Segments[0].CLVNet }, 2167.2699339},
			{"21.36", func(e screen) float64 { return e.run.Summary.Segments[4].CLVNet }, 21.3563053},
			{"72", func(e screen) float64 { return e.run.Summary.Segments[4].AcquisitionCost }, 72},
			{"301.48", markov(segmentCLV(3)), 301.4840542}, {"589.11", markov(segmentCLV(2)), 589.1083408},
			{"0.05", func(e screen) float64 { return share(0)(e) / 100 }, 0.05}, {"0.15", func(e screen) float64 { return share(1)(e) / 100 }, 0.15},
			{"2,467.27", markov(segmentCLV(0)), 2467.2699339}, {"1,148.89", markov(segmentCLV(1)), 1148.8931839}, {"581.55", markov(clv, calcCLV), 581.5464538},
			{"51", func(e screen) float64 {
				sg := e.run.Summary.Segments
				return (sg[0].Share*sg[0].CLV + sg[1].Share*sg[1].CLV) / clv(e) * 100
			}, 50.8467505},
		},
	},
	// referral-value, on referral-value.toml: the four-stage ladder
	// without win-back. A new customer's expected months in each stage
	// (undiscounted, from exploration): x_E = 1/0.6 = 1.6667, x_F =
	// 0.35·x_E/0.4 = 1.4583; x_S and x_D from 0.1·x_S − 0.05·x_D =
	// 0.25·x_F and −0.06·x_S + 0.3·x_D = 0.05·x_E + 0.05·x_F: x_D = 0.375
	// /0.27 = 1.3889, x_S = 3.6458 + 0.5·x_D = 4.3403. Formation's
	// referrals at the 20 CNY reward: 0.005 + 0.025·(1 − e^−1) = 0.0208030.
	// The referral values and customer equities are the run's, checked
	// against package explain's own tenure table (referralValue).
	"referral-value": {
		{ // CLV 628.3305 (tenure sum); advocates' R = 0.0208030·1.4583 +
			// 0.08·4.3403 + 0.05·1.3889 = 0.4470044, R/(1 − R) = 0.8083326
			{"628.33", markov(clv, calcCLV), 628.3304861},
			{"0.08", stage("stability", func(st *scenarios.Stage) float64 { return st.Referrals }), 0.08},
			{"0.05", stage("decline", func(st *scenarios.Stage) float64 { return st.Referrals }), 0.05},
			{"0.45", segmentReferrals(0), 0.4470044}, {"1", constant(1), 1}, {"0.81", segmentReferralsTotal(0), 0.8083326},
		},
		{ // no referrals in decline: R = 0.0208030·1.4583 + 0.08·4.3403 =
			// 0.3775600; referral value 113.1744 → 93.4749 (−17.4063%) over
			// 36 months; customer equity 12,382,429.89 → 12,120,530.66,
			// −261,899.23 (−2.1151%)
			{"0.38", segmentReferrals(0), 0.3775600}, {"113.17", prevReferralValue, 113.1744491},
			{"93.47", referralValue, 93.4749434}, {"36", horizon, 36},
			{"261,899", func(e screen) float64 { return e.prev.Summary.CustomerEquity - equity(e) }, 261899.2273578},
			{"17.4", func(e screen) float64 { return (1 - referralValue(e)/prevReferralValue(e)) * 100 }, 17.4063191},
			{"2.1", func(e screen) float64 { return (1 - equity(e)/e.prev.Summary.CustomerEquity) * 100 }, 2.1150875},
		},
		{ // decline back at 0.05, no formation reward: formation refers
			// the curve's 0.005 (0.0208030 before); referral value 95.5857;
			// customer equity 12,070,956.27, 311,473.63 below the
			// scenario's. The curve 0.005 + (0.03 − 0.005)·(1 − e^(−0.05·c)).
			{"20", func(e screen) float64 { return e.startS.Stages[1].ReferralReward }, 20},
			{"0.005", func(e screen) float64 { return referralsIn(e.run, 1) }, 0.005},
			{"0.0208", func(e screen) float64 { return referralsIn(e.prev, 1) }, 0.0208030},
			{"95.59", referralValue, 95.5856517},
			{"311,474", func(e screen) float64 { return e.start.Summary.CustomerEquity - equity(e) }, 311473.6250853},
			{"0.025", func(e screen) float64 { return e.s.Responses[0].VMax - e.s.Responses[0].V0 }, 0.025},
			{"1", constant(1), 1}, {"0.05", func(e screen) float64 { return e.s.Responses[0].K }, 0.05},
		},
	},
	// win-back, on four-stage.toml: win-back of 3% a month of the
	// customers lost within 12 months, 40 CNY each, into formation. The
	// tenure sum follows the lost customers by the months since they left.
	"win-back": {
		{ // off: CLV 589.1083; expected lifetime 8.8542 months (the run's
			// closed form)
			{"589.11", markov(clv, calcCLV), 589.1083408}, {"8.85", lifetimeOf, 8.8541667},
		},
		{ // on: CLV 819.7623, win-back spend 12.8301, lifetime 13.9408;
			// stability 614.0850 (429.3455 without)
			{"614.09", markov(stagePart(2)), 614.0850333}, {"429.35", func(e screen) float64 { return e.prev.Summary.CLVByStage[2] }, 429.3455054},
			{"3", func(e screen) float64 { return e.s.Winback.Rate * 100 }, 3}, {"12", func(e screen) float64 { return float64(e.s.Winback.Window) }, 12},
			{"40", func(e screen) float64 { return e.s.Winback.CostPerCustomer }, 40},
			{"819.76", markov(clv, calcCLV), 819.7623351}, {"12.83", markov(negate(stagePart(4))), 12.8300516}, {"13.94", lifetimeOf, 13.9407936},
		},
		{ // 80 CNY each: CLV 806.9323, win-back spend 25.6601; without
			// win-back 589.1083, so win-back adds 217.8240
			{"80", func(e screen) float64 { return e.s.Winback.CostPerCustomer }, 80},
			{"806.93", markov(clv, calcCLV), 806.9322835}, {"25.66", markov(negate(stagePart(4))), 25.6601033},
			{"217.82", func(e screen) float64 { return clv(e) - alt("winback.rate", 0, clv)(e) }, 217.8239427},
		},
	},
}

// numberRE finds the numbers a text quotes: ASCII digits, with thousands
// commas and a decimal part (superscripts such as ² are not digits).
var numberRE = regexp.MustCompile(`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`)

// quoted returns the numbers of text, without thousands commas, sorted.
func quoted(text string) []string {
	var out []string
	for _, n := range numberRE.FindAllString(text, -1) {
		out = append(out, strings.ReplaceAll(n, ",", ""))
	}
	slices.Sort(out)
	return out
}

// TestLessonNumbers: every number a shipped lesson quotes, in English and
// in Chinese, is the number its screen shows: each step's settings are
// applied through internal/projection (and through the planner, which
// must reach the same CLV), and each figure is checked against the run
// or the scenario and against the hand calculation in figures' comments.
func TestLessonNumbers(t *testing.T) {
	for _, id := range lessons.Shipped() {
		t.Run(id, func(t *testing.T) {
			l, err := lessons.Lookup(id)
			if err != nil {
				t.Fatal(err)
			}
			want, ok := figures[id]
			if !ok || len(want) != len(l.Steps) {
				t.Fatalf("figures has %d steps for %s, the lesson %d", len(want), id, len(l.Steps))
			}
			start, err := scenarios.Preset(l.Scenario)
			if err != nil {
				t.Fatal(err)
			}
			startRun, err := projection.Project(start)
			if err != nil {
				t.Fatal(err)
			}
			p, err := planner.New(start, l.Scenario)
			if err != nil {
				t.Fatal(err)
			}
			var prev *sim.Result
			for i, st := range l.Steps {
				e := stepScreen(t, l, i, start, startRun, prev)
				checkPlanner(t, p, l, i, e)
				texts := []scenarios.Text{st.Text}
				if q, a, ok := l.Revealed(i); ok {
					texts = append(texts, q, a)
				}
				checkFigures(t, fmt.Sprintf("step %d", i+1), texts, want[i], e)
				prev = e.run
			}
		})
	}
}

// stepScreen projects step i of l through internal/projection, and checks
// that Lesson.At gives the same scenario.
func stepScreen(t *testing.T, l *lessons.Lesson, i int, start *scenarios.Scenario, startRun, prev *sim.Result) screen {
	t.Helper()
	var set []scenarios.Setting
	for _, s := range l.Settings(i) {
		set = append(set, scenarios.Setting{Path: s.Path.String(), Value: s.Value})
	}
	run, err := projection.Project(start, set...)
	if err != nil {
		t.Fatalf("step %d: %v", i+1, err)
	}
	s, err := l.At(i)
	if err != nil {
		t.Fatalf("step %d: %v", i+1, err)
	}
	if atRun, err := projection.Project(s); err != nil || atRun.Summary.CLV != run.Summary.CLV {
		t.Errorf("step %d: At gives CLV %v (%v), the settings %v", i+1, atRun.Summary.CLV, err, run.Summary.CLV)
	}
	return screen{s: s, startS: start, run: run, start: startRun, prev: prev}
}

// checkPlanner applies step i's settings in the planner as it would:
// every value reset, then each setting set by path. Each must be one of
// its controls, within the slider's range, and the planner's CLV the
// projection's.
func checkPlanner(t *testing.T, p *planner.Planner, l *lessons.Lesson, i int, e screen) {
	t.Helper()
	if err := p.ResetAll(); err != nil {
		t.Fatal(err)
	}
	for _, s := range l.Settings(i) {
		path := s.Path.String()
		if _, ok := p.Control(path); !ok {
			t.Errorf("step %d: the planner has no control %q", i+1, path)
			continue
		}
		if lo, hi := p.Range(path); s.Value < lo || s.Value > hi {
			t.Errorf("step %d: %s = %v is outside the planner's slider, [%v, %v]", i+1, path, s.Value, lo, hi)
		}
		if err := p.Set(path, s.Value); err != nil {
			t.Errorf("step %d: planner Set(%s, %v): %v", i+1, path, s.Value, err)
		}
	}
	if got, want := p.Result().Summary.CLV, e.run.Summary.CLV; math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("step %d: the planner's CLV %v, the projection's %v", i+1, got, want)
	}
}

// checkFigures checks that texts quote the same numbers in English and
// Chinese, that each is one of figs, and that each figure is the screen's
// and the hand calculation's, to the digits shown.
func checkFigures(t *testing.T, where string, texts []scenarios.Text, figs []figure, e screen) {
	t.Helper()
	byShown := map[string]figure{}
	for _, f := range figs {
		byShown[strings.ReplaceAll(f.shown, ",", "")] = f
	}
	used := map[string]bool{}
	for _, text := range texts {
		en, zh := quoted(text.EN), quoted(text.ZH)
		if !slices.Equal(en, zh) {
			t.Errorf("%s: English quotes %v, Chinese %v:\n%s\n%s", where, en, zh, text.EN, text.ZH)
		}
		for _, n := range append(en, zh...) {
			if _, ok := byShown[n]; !ok {
				t.Errorf("%s: the text quotes %s, which no figure checks:\n%s", where, n, text.EN)
			}
			used[n] = true
		}
	}
	for _, f := range figs {
		n := strings.ReplaceAll(f.shown, ",", "")
		if !used[n] {
			t.Errorf("%s: figure %s is not quoted", where, f.shown)
			continue
		}
		decimals := 0
		if _, frac, ok := strings.Cut(n, "."); ok {
			decimals = len(frac)
		}
		got := f.got(e)
		if math.Abs(got-f.hand) > 1e-6*math.Max(1, math.Abs(f.hand)) {
			t.Errorf("%s: %s: the run gives %.7f, the hand calculation %.7f", where, f.shown, got, f.hand)
		}
		if s := strconv.FormatFloat(f.hand, 'f', decimals, 64); s != n {
			t.Errorf("%s: the hand calculation %.7f rounds to %s, the text says %s", where, f.hand, s, f.shown)
		}
	}
}

// TestSettingsOrder: a step that raises one transition probability and
// lowers another of the same row, where raising first would overfill the
// row (0.70 + 0.35 + 0.05 > 1), reaches its values in the planner, set
// one by one in the order Settings gives.
func TestSettingsOrder(t *testing.T) {
	l, err := lessons.Parse("order.toml", []byte(`title = { en = "Order", zh = "顺序" }
scenario = "four-stage"

[[step]]
show = "customers"
text = { en = "Look.", zh = "看。" }
[step.set]
"stage.exploration.to.exploration" = 0.70
"stage.exploration.to.formation" = 0.05
`))
	if err != nil {
		t.Fatal(err)
	}
	set := l.Settings(0)
	if len(set) != 2 || set[0].Path.String() != "stage.exploration.to.formation" {
		t.Errorf("Settings(0) = %v: want the lowered value first", set)
	}
	start, err := scenarios.Preset("four-stage")
	if err != nil {
		t.Fatal(err)
	}
	p, err := planner.New(start, "four-stage")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range set {
		if err := p.Set(s.Path.String(), s.Value); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range set {
		if got := p.Value(s.Path.String()); got != s.Value {
			t.Errorf("%s: the planner holds %v, the lesson sets %v", s.Path, got, s.Value)
		}
	}
}
