package planner

import (
	"math"
	"strconv"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
	"clvlab/sim"
)

// Unit says what a control's number means and how to show it.
type Unit int

const (
	Money       Unit = iota // per customer per period, in the scenario's currency
	Probability             // per period, shown as a percentage
	Fraction                // e.g. a price discount, shown as a percentage
	Rate                    // an annual rate, shown as a percentage
	Periods                 // a number of periods
	Customers               // customers per period
	Ratio                   // a ratio, such as CLV to acquisition cost
)

// Control is one lever of the scenario that a slider moves.
type Control struct {
	Path    string // scenario path, as in a variant's set table
	Group   string // stage id, or "acquisition", "economics", "winback"
	Stage   string // for transition probabilities: the stage whose row it is in
	Label   scenarios.Text
	Unit    Unit
	Min     float64
	Max     float64
	Step    float64 // the nudge of an arrow key
	Integer bool
	get     func(*scenarios.Scenario) float64
}

// value converts v to the TOML value Set expects.
func (c Control) value(v float64) any {
	if c.Integer {
		return int64(math.Round(v))
	}
	return v
}

// Format shows v with its unit: "92.0%", "1,250.00 CNY", "36 months".
func (c Control) Format(v float64, currency, period, lang string) string {
	return FormatUnit(c.Unit, v, currency, period, lang)
}

// FormatUnit shows v in unit u.
func FormatUnit(u Unit, v float64, currency, period, lang string) string {
	switch u {
	case Probability, Fraction, Rate:
		return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
	case Periods:
		n := strconv.FormatFloat(v, 'f', 0, 64)
		if lang == "zh" {
			return n + " " + map[string]string{"month": "个月", "quarter": "个季度", "year": "年"}[period]
		}
		if n == "1" {
			return n + " " + period
		}
		return n + " " + period + "s"
	case Customers:
		return kpi.Group(strconv.FormatFloat(v, 'f', 0, 64))
	case Ratio:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	digits := 2
	if math.Abs(v) >= 1e5 {
		digits = 0
	}
	return kpi.Group(strconv.FormatFloat(v, 'f', digits, 64)) + " " + currency
}

// span returns a slider range around base: from 0 to a few times the
// value, with a floor for values that start at zero.
func span(base, floor float64) float64 {
	return math.Max(floor, 3*base)
}

// controlsFor lists the levers of s: per stage its transition
// probabilities, revenue, cost to serve, retention spend and price
// discount; acquisition volume and cost; discount rate and horizon;
// win-back.
//
// A value that a [[response]] curve computes from its lever (a transition
// probability driven by retention spend, new customers driven by the
// acquisition budget) gets no slider: its lever has one.
func controlsFor(s *scenarios.Scenario) []Control {
	cs := allControls(s)
	targets := map[string]bool{}
	for _, r := range s.Responses {
		targets[r.Target] = true
	}
	out := cs[:0]
	for _, c := range cs {
		if !targets[c.Path] {
			out = append(out, c)
		}
	}
	return out
}

func allControls(s *scenarios.Scenario) []Control {
	var cs []Control
	t := func(en, zh string) scenarios.Text { return scenarios.Text{EN: en, ZH: zh} }
	stageIndex := func(id string) int {
		for i, st := range s.Stages {
			if st.ID == id {
				return i
			}
		}
		return -1
	}
	for _, st := range s.Stages {
		id := st.ID
		// Staying first, then destinations in stage order.
		dests := make([]string, 0, len(st.To))
		for _, other := range s.Stages {
			if _, ok := st.To[other.ID]; ok {
				dests = append(dests, other.ID)
			}
		}
		for _, d := range dests {
			dest := d
			label := t("stay", "留存")
			if dest != id {
				dn := s.Stages[stageIndex(dest)].Name
				if dn.IsZero() {
					dn = t(dest, dest)
				}
				label = t("to "+dn.In("en"), "转入"+dn.In("zh"))
			}
			cs = append(cs, Control{
				Path: "stage." + id + ".to." + dest, Group: id, Stage: id, Label: label, Unit: Probability,
				Min: 0, Max: 1, Step: 0.01,
				get: func(s *scenarios.Scenario) float64 { return stageOf(s, id).To[dest] },
			})
		}
		money := func(key, en, zh string, get func(*scenarios.Stage) float64) {
			base := get(&st)
			cs = append(cs, Control{
				Path: "stage." + id + "." + key, Group: id, Label: t(en, zh), Unit: Money,
				Min: 0, Max: span(base, 100), Step: stepFor(span(base, 100)),
				get: func(s *scenarios.Scenario) float64 { return get(stageOf(s, id)) },
			})
		}
		money("revenue", "revenue", "收入", func(s *scenarios.Stage) float64 { return s.Revenue })
		money("cost_to_serve", "cost to serve", "服务成本", func(s *scenarios.Stage) float64 { return s.CostToServe })
		money("retention_spend", "retention spend", "保留支出", func(s *scenarios.Stage) float64 { return s.RetentionSpend })
		cs = append(cs, Control{
			Path: "stage." + id + ".price_discount", Group: id, Label: t("price discount", "价格折扣"), Unit: Fraction,
			Min: 0, Max: math.Max(0.9, st.PriceDiscount), Step: 0.01,
			get: func(s *scenarios.Scenario) float64 { return stageOf(s, id).PriceDiscount },
		})
	}
	if nc := s.Acquisition.NewCustomers; len(nc) == 1 {
		cs = append(cs, Control{
			Path: "acquisition.new_customers", Group: "acquisition", Label: t("new customers", "新客户数"), Unit: Customers,
			Min: 0, Max: span(nc[0], 1000), Step: stepFor(span(nc[0], 1000)),
			get: func(s *scenarios.Scenario) float64 { return s.Acquisition.NewCustomers[0] },
		})
	}
	if budget := s.Acquisition.Budget; hasLever(s, "acquisition.budget") {
		cs = append(cs, Control{
			Path: "acquisition.budget", Group: "acquisition", Label: t("acquisition budget", "获客预算"), Unit: Money,
			Min: 0, Max: span(budget, 1000), Step: stepFor(span(budget, 1000)),
			get: func(s *scenarios.Scenario) float64 { return s.Acquisition.Budget },
		})
	}
	cac := s.Acquisition.CostPerCustomer
	cs = append(cs, Control{
		Path: "acquisition.cost_per_customer", Group: "acquisition", Label: t("acquisition cost", "获客成本"), Unit: Money,
		Min: 0, Max: span(cac, 100), Step: stepFor(span(cac, 100)),
		get: func(s *scenarios.Scenario) float64 { return s.Acquisition.CostPerCustomer },
	})
	cs = append(cs, Control{
		Path: "discount_rate", Group: "economics", Label: t("discount rate (annual)", "年折现率"), Unit: Rate,
		Min: 0, Max: math.Max(0.5, s.DiscountRate), Step: 0.005,
		get: func(s *scenarios.Scenario) float64 { return s.DiscountRate },
	})
	segs := max(1, len(s.Segments))
	maxH := min(sim.MaxHorizon, sim.MaxCells/(segs*(len(s.Stages)+1)))
	cs = append(cs, Control{
		Path: "horizon", Group: "economics", Label: t("horizon", "期限"), Unit: Periods,
		Min: 1, Max: float64(min(maxH, max(120, 3*horizonOf(s)))), Step: 1, Integer: true,
		get: func(s *scenarios.Scenario) float64 { return float64(horizonOf(s)) },
	})
	cs = append(cs,
		Control{
			Path: "winback.rate", Group: "winback", Label: t("win-back rate", "赢回率"), Unit: Probability,
			Min: 0, Max: math.Max(0.5, s.Winback.Rate), Step: 0.005,
			get: func(s *scenarios.Scenario) float64 { return s.Winback.Rate },
		},
		Control{
			Path: "winback.cost_per_customer", Group: "winback", Label: t("win-back cost", "赢回成本"), Unit: Money,
			Min: 0, Max: span(s.Winback.CostPerCustomer, 100), Step: stepFor(span(s.Winback.CostPerCustomer, 100)),
			get: func(s *scenarios.Scenario) float64 { return s.Winback.CostPerCustomer },
		})
	return cs
}

func stageOf(s *scenarios.Scenario, id string) *scenarios.Stage {
	for i := range s.Stages {
		if s.Stages[i].ID == id {
			return &s.Stages[i]
		}
	}
	return &scenarios.Stage{}
}

// horizonOf returns the scenario's horizon in periods, defaults resolved.
func horizonOf(s *scenarios.Scenario) int {
	if s.Horizon > 0 {
		return s.Horizon
	}
	p, _ := sim.ParsePeriod(s.Period)
	return 3 * p.PerYear()
}

// stepFor returns a round nudge of about 1% of a range.
func stepFor(r float64) float64 {
	s := math.Pow(10, math.Floor(math.Log10(r/100)))
	if s <= 0 || math.IsInf(s, 0) || math.IsNaN(s) {
		return 1
	}
	return s
}

// hasLever reports whether a response curve is driven by path.
func hasLever(s *scenarios.Scenario, path string) bool {
	for _, r := range s.Responses {
		if r.Lever == path {
			return true
		}
	}
	return false
}
