package planner

import (
	"math"
	"strconv"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
	"clvlab/sim"
)

// Control is one lever of the scenario that a slider moves: a parameter of
// the registry (scenarios.Params) at one path.
type Control struct {
	Path  string // scenario path, as in a variant's set table
	Group string // stage id, or "acquisition", "economics", "winback"
	Stage string // for transition probabilities: the stage whose row it is in
	Label scenarios.Text
	// Param is the registry entry: its kind, label, unit and explanation.
	Param *scenarios.Param
	Min   float64
	Max   float64
	Step  float64 // the nudge of an arrow key
	at    scenarios.Path
}

// Kind returns the kind of the control's number, its registry entry's.
func (c Control) Kind() scenarios.Kind { return c.Param.Kind }

// Integer reports whether the control moves in whole steps (periods).
func (c Control) Integer() bool { return c.Param.Kind == scenarios.Periods }

// get returns the control's value in s.
func (c Control) get(s *scenarios.Scenario) float64 { return c.Param.Get(s, c.at) }

// value converts v to the TOML value Set expects.
func (c Control) value(v float64) any {
	if c.Integer() {
		return int64(math.Round(v))
	}
	return v
}

// Format shows v with its kind: "92.0%", "1,250.00 CNY", "36 months".
func (c Control) Format(v float64, currency, period, lang string) string {
	return FormatKind(c.Kind(), v, currency, period, lang)
}

// FormatKind shows a parameter's value v of kind k: probabilities,
// fractions and rates as percentages, periods with the period's name,
// customers as a whole number, money as the tables write it
// (kpi.Money) with the currency.
func FormatKind(k scenarios.Kind, v float64, currency, period, lang string) string {
	switch k {
	case scenarios.Probability, scenarios.Fraction, scenarios.Rate:
		return strconv.FormatFloat(100*v, 'f', 1, 64) + "%"
	case scenarios.Periods:
		n := strconv.FormatFloat(v, 'f', 0, 64)
		if name, ok := scenarios.PeriodNamed(period); ok {
			return name.Count(n, lang)
		}
		if n == "1" {
			return n + " " + period
		}
		return n + " " + period + "s"
	case scenarios.Count:
		return kpi.Group(strconv.FormatFloat(v, 'f', 0, 64))
	case scenarios.Number:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case scenarios.Multiplier:
		return "×" + strconv.FormatFloat(v, 'f', 2, 64)
	}
	return kpi.Money.Format(sim.Some(v)) + " " + currency
}

// FormatUnit shows a KPI's value v in the catalogue's unit u, as the
// KPI strip writes it: money with the currency, periods with the
// period's name, ratios with two decimals, shares as percentages.
func FormatUnit(u kpi.Unit, v float64, currency, period, lang string) string {
	switch u {
	case kpi.Periods, kpi.WholePeriods:
		return FormatKind(scenarios.Periods, v, currency, period, lang)
	case kpi.Ratio, kpi.Purchases, kpi.Share:
		return u.Format(sim.Some(v))
	}
	return FormatKind(scenarios.Money, v, currency, period, lang)
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

// stageKeys are the keys of a stage's own values in the registry, in its
// order (revenue, cost to serve, retention spend, price discount, bad
// debt, purchases, existing customers): every one gets a slider in each
// stage, so a stage parameter added to the registry gets one too, except
// a WhenSet one (bad debt, purchases, existing) in a scenario that never
// sets it, nor any of its variants.
// Transitions have their own sliders.
var stageKeys = func() []string {
	var keys []string
	for _, e := range scenarios.Params() {
		if p := e.Path(); p.Stage != "" && p.Segment == "" && p.Key != "to" {
			keys = append(keys, p.Key)
		}
	}
	return keys
}()

func allControls(s *scenarios.Scenario) []Control {
	var cs []Control
	add := func(group string, p scenarios.Path) {
		e, _ := scenarios.Lookup(p)
		c := Control{Path: p.String(), Group: group, Label: s.ShortLabel(p), Param: e, at: p}
		if p.Key == "to" {
			c.Stage = p.Stage
		}
		c.Min, c.Max, c.Step = sliderRange(s, c)
		cs = append(cs, c)
	}
	for _, st := range s.Stages {
		// Staying first, then the other destinations in stage order.
		if _, ok := st.To[st.ID]; ok {
			add(st.ID, scenarios.Path{Stage: st.ID, Key: "to", To: st.ID})
		}
		for _, other := range s.Stages {
			if _, ok := st.To[other.ID]; ok && other.ID != st.ID {
				add(st.ID, scenarios.Path{Stage: st.ID, Key: "to", To: other.ID})
			}
		}
		for _, key := range stageKeys {
			p := scenarios.Path{Stage: st.ID, Key: key}
			if e, _ := scenarios.Lookup(p); e.WhenSet && !s.Sets(e) {
				continue // purchases, or a base, in a scenario without any: no slider
			}
			if st.Competitor && key != "existing" {
				continue // a competitor's stage has no economics of ours: its switching and starting share only
			}
			add(st.ID, p)
		}
	}
	if len(s.Acquisition.NewCustomers) == 1 {
		add("acquisition", scenarios.Path{Table: "acquisition", Key: "new_customers"})
	}
	if hasLever(s, "acquisition.budget") {
		add("acquisition", scenarios.Path{Table: "acquisition", Key: "budget"})
	}
	add("acquisition", scenarios.Path{Table: "acquisition", Key: "cost_per_customer"})
	add("economics", scenarios.Path{Key: "discount_rate"})
	add("economics", scenarios.Path{Key: "horizon"})
	if s.RenewalEvery > 0 { // contracts: their length
		add("economics", scenarios.Path{Key: "renewal_every"})
	}
	add("winback", scenarios.Path{Table: "winback", Key: "rate"})
	add("winback", scenarios.Path{Table: "winback", Key: "cost_per_customer"})
	return cs
}

// sliderRange returns the range and the arrow-key step of a control's
// slider, which always holds the file's value: a transition probability
// from 0 to 1, a share or rate up to at least a sensible ceiling, an amount
// from 0 to a few times its value, the horizon up to what the engine
// allows.
func sliderRange(s *scenarios.Scenario, c Control) (lo, hi, step float64) {
	v := c.get(s)
	switch c.Param.Pattern {
	case "stage.ID.to.ID":
		return 0, 1, 0.01
	case "stage.ID.price_discount":
		return 0, math.Max(0.9, v), 0.01
	case "stage.ID.bad_debt":
		return 0, math.Max(0.5, v), 0.005
	case "stage.ID.revenue_growth": // tenure: a growth per period, up to its registry's 1
		return 0, math.Min(1, math.Max(0.1, 2*v)), 0.001
	case "stage.ID.revenue_cap":
		return 1, math.Max(5, 2*v), 0.1
	case "stage.ID.renewal":
		return 0, 1, 0.01
	case "renewal_every":
		return 1, math.Max(36, 3*v), 1
	case "discount_rate", "winback.rate":
		return 0, math.Max(0.5, v), 0.005
	case "stage.ID.referrals": // per customer and month, a few hundredths
		return 0, math.Min(scenarios.MaxReferrals, math.Max(0.2, 2*v)), 0.001
	case "horizon":
		segs := max(1, len(s.Segments))
		maxH := min(sim.MaxHorizon, sim.MaxCells/(segs*(len(s.Stages)+1)))
		return 1, float64(min(maxH, max(120, 3*int(v)))), 1
	}
	floor := 100.0
	if c.Kind() == scenarios.Count || c.Param.Pattern == "acquisition.budget" {
		floor = 1000
	}
	hi = span(v, floor)
	return 0, hi, stepFor(hi)
}

func stageOf(s *scenarios.Scenario, id string) *scenarios.Stage {
	for i := range s.Stages {
		if s.Stages[i].ID == id {
			return &s.Stages[i]
		}
	}
	return &scenarios.Stage{}
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
