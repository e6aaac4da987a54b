package scenarios

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// Response is one [[response]] table: a lever (a spend or a price discount)
// that moves a target (a transition probability, or the number of new
// customers) along a curve with diminishing returns. Scenario.Model
// replaces the target's value by the curve's value at the lever, so the
// engine sees plain numbers. Numbers not given are NaN.
//
// The lever decides the form (ResponseForm):
//   - RetentionCurve: lever "stage.ID.retention_spend", target
//     "stage.ID.to.DEST" of the same stage. The ceiling curve
//     p(s) = P0 + (PMax − P0)·(1 − e^(−K·s)) of the retention spend s per
//     customer and period, in each segment its own spend (after overrides
//     and multipliers). PMax may be below P0 for a transition that spend
//     lowers (e.g. to.decline).
//   - BudgetCurve: lever "acquisition.budget", target
//     "acquisition.new_customers". New customers per period
//     v(b) = V0 + (VMax − V0)·(1 − e^(−K·b)) of the budget b per period,
//     which is spent on them: each new customer costs
//     acquisition.cost_per_customer + b/v(b) (times the segment's
//     acquisition_cost_multiplier).
//   - DiscountElasticity: lever "stage.ID.price_discount", target
//     "stage.ID.to.DEST". A price discount δ closes the gap between the
//     probability and PMax with a constant price elasticity:
//     p(δ) = PMax − (PMax − P0)·(1 − δ)^Elasticity, so a 1% lower price
//     closes about Elasticity % of the gap (with PMax = 1 and a row that
//     only stays, the gap is the churn, and Elasticity is the churn's
//     price elasticity). Returns diminish as the gap closes.
//   - RenewalCurve: lever "stage.ID.renewal_discount", target
//     "stage.ID.renewal" of the same stage (with contracts,
//     renewal_every). The ceiling curve of RetentionCurve, of the renewal
//     discount s given to each customer who renews (tenure.go).
type Response struct {
	Lever      string
	Target     string
	P0, PMax   float64 // probabilities, for RetentionCurve and DiscountElasticity
	K          float64 // response rate per unit of spend, > 0, for the curves
	V0, VMax   float64 // new customers per period, for BudgetCurve
	Elasticity float64 // for DiscountElasticity, in [0, MaxElasticity]
	// Dists holds the curve's uncertain numbers by key ("p0", "pmax",
	// "k", "v0" or "vmax"; see CurveKeys): the trials draw them, and the
	// field holds the distribution's mean. Nil when none is uncertain.
	Dists map[string]Distribution
}

// CurveKeys are the numbers of a response that may be distributions.
var CurveKeys = [...]string{"p0", "pmax", "k", "v0", "vmax"}

// setCurveNumber sets the number CurveKeys[n] to x.
func (r *Response) setCurveNumber(n int, x float64) {
	switch n {
	case 0:
		r.P0 = x
	case 1:
		r.PMax = x
	case 2:
		r.K = x
	case 3:
		r.V0 = x
	case 4:
		r.VMax = x
	}
}

// ResponseForm is the shape of a response, decided by its lever.
type ResponseForm int

const (
	NoForm             ResponseForm = iota // the lever is not one of the four
	RetentionCurve                         // stage.ID.retention_spend → stage.ID.to.DEST
	BudgetCurve                            // acquisition.budget → acquisition.new_customers
	DiscountElasticity                     // stage.ID.price_discount → stage.ID.to.DEST
	ReferralCurve                          // stage.ID.referral_reward → stage.ID.referrals (referralcurve.go)
	RenewalCurve                           // stage.ID.renewal_discount → stage.ID.renewal (tenure.go)
)

// MaxElasticity bounds a response's elasticity.
const MaxElasticity = 100

// Range is one [[sensitivity]] table: the low and high values of a
// parameter for the what-if analyses (the tornado moves it to both, and
// goal seek, grids and the optimiser search within them). Low and High
// are NaN when not given.
type Range struct {
	Path      string
	Low, High float64
}

func newResponse() Response {
	nan := math.NaN()
	return Response{P0: nan, PMax: nan, K: nan, V0: nan, VMax: nan, Elasticity: nan}
}

func responseFields(r *Response) []field {
	return []field{
		{"lever", str(&r.Lever)},
		{"target", str(&r.Target)},
		{"p0", curveNumber(r, "p0", &r.P0, Probability)},
		{"pmax", curveNumber(r, "pmax", &r.PMax, Probability)},
		{"k", curveNumber(r, "k", &r.K, Money)},
		{"v0", curveNumber(r, "v0", &r.V0, Money)},
		{"vmax", curveNumber(r, "vmax", &r.VMax, Money)},
		{"elasticity", number(&r.Elasticity)},
	}
}

// curveNumber decodes a number of response r, or a distribution table for
// it (a probability's for p0 and pmax, a positive amount's for the
// others): the number becomes its mean, the distribution goes to r.Dists.
func curveNumber(r *Response, key string, dst *float64, k Kind) func(any) error {
	return func(v any) error {
		m, ok := v.(map[string]any)
		if !ok {
			return number(dst)(v)
		}
		mean, dist, err := parseDistribution(m, k)
		if err != nil {
			return err
		}
		*dst = mean
		if dist != nil {
			if r.Dists == nil {
				r.Dists = map[string]Distribution{}
			}
			r.Dists[key] = *dist
		}
		return nil
	}
}

func rangeFields(r *Range) []field {
	return []field{
		{"path", str(&r.Path)},
		{"low", number(&r.Low)},
		{"high", number(&r.High)},
	}
}

// decodeAnalysis decodes the [[response]] or [[sensitivity]] tables.
func (d *decoder) decodeAnalysis(s *Scenario, k string, v any, at place) {
	for i, m := range d.asTables(at, v) {
		if k == "response" {
			s.Responses = append(s.Responses, newResponse())
			r := &s.Responses[len(s.Responses)-1]
			d.table(at.index(i, tableLabel("response", m["target"], i)), m, responseFields(r), nil)
			continue
		}
		s.Sensitivity = append(s.Sensitivity, Range{Low: math.NaN(), High: math.NaN()})
		r := &s.Sensitivity[len(s.Sensitivity)-1]
		d.table(at.index(i, tableLabel("sensitivity", m["path"], i)), m, rangeFields(r), nil)
	}
}

// tableLabel names element i of an array of tables by a path it holds, or
// by its number.
func tableLabel(kind string, path any, i int) string {
	if p, ok := path.(string); ok && p != "" {
		return fmt.Sprintf("%s %q", kind, p)
	}
	return fmt.Sprintf("%s %d", kind, i+1)
}

// Form returns the response's form, from its lever (Param.Lever).
func (r *Response) Form() ResponseForm {
	if e, p, ok := r.lever(); ok && p.Segment == "" {
		return e.Lever
	}
	return NoForm
}

// lever returns the registry entry and the path of the lever.
func (r *Response) lever() (*Param, Path, bool) {
	p, err := ParsePath(r.Lever)
	if err != nil {
		return nil, p, false
	}
	e, ok := Lookup(p)
	return e, p, ok
}

// Stage returns the id of the stage whose lever and transition the
// response links, or "" for the acquisition budget.
func (r *Response) Stage() string {
	if _, p, ok := r.lever(); ok && p.Segment == "" && p.Key != "to" {
		return p.Stage
	}
	return ""
}

// Destination returns DEST of a target "stage.ID.to.DEST", or "".
func (r *Response) Destination() string {
	if p, err := ParsePath(r.Target); err == nil && p.Segment == "" && p.Key == "to" {
		return p.To
	}
	return ""
}

// targetStage returns ID of a target "stage.ID.to.DEST", or "".
func (r *Response) targetStage() string {
	if p, err := ParsePath(r.Target); err == nil && p.Segment == "" && p.Key == "to" {
		return p.Stage
	}
	return ""
}

// At returns the target's value when the lever is x. It is finite for
// every x ≥ 0 of a valid response.
func (r *Response) At(x float64) float64 {
	return r.at(r.Form(), x)
}

// at is At for a response of form f.
func (r *Response) at(f ResponseForm, x float64) float64 {
	switch f {
	case RetentionCurve, RenewalCurve:
		return r.P0 + (r.PMax-r.P0)*-math.Expm1(-r.K*x)
	case BudgetCurve:
		return r.V0 + (r.VMax-r.V0)*-math.Expm1(-r.K*x)
	case ReferralCurve:
		return r.referralCurveAt(x)
	case DiscountElasticity:
		if x >= 1 {
			return r.PMax
		}
		return r.PMax - (r.PMax-r.P0)*math.Pow(1-math.Max(0, x), r.Elasticity)
	}
	return math.NaN()
}

// Saturation returns the lever value beyond which the response hardly
// moves, where 99.9% of the way from P0 (V0) to PMax (VMax) is gone: for
// the curves ln(1000)/K, for an elasticity the discount 1 − 0.001^(1/E)
// (0 when the probability does not respond). Spending beyond it only
// costs.
func (r *Response) Saturation() float64 {
	switch r.Form() {
	case RetentionCurve, BudgetCurve, ReferralCurve, RenewalCurve:
		return math.Log(1000) / r.K
	case DiscountElasticity:
		if r.Elasticity <= 0 || r.PMax == r.P0 {
			return 0
		}
		return 1 - math.Pow(0.001, 1/r.Elasticity)
	}
	return 0
}

// responseFor returns the response whose target is path, or nil.
func (s *Scenario) responseFor(target string) *Response {
	for i := range s.Responses {
		if s.Responses[i].Target == target {
			return &s.Responses[i]
		}
	}
	return nil
}

// applyResponses sets each response's target in m from its lever; segs
// are the scenario's segments in model order. Where the curves would make a
// row sum over 1, the targets in that row are scaled down together until
// it sums to 1 (no one churns from that stage): spend cannot buy more than
// the whole row.
func (s *Scenario) applyResponses(m *sim.Model, segs []Segment) {
	s.curves(segs).apply(m, nil)
}

// curves are a scenario's responses resolved against its model, so that a
// Monte Carlo trial can set their targets again from its own draws
// (uncertainty.Config.Derive) as Scenario.Model sets them from the means.
type curves struct {
	list []curve
	rows []curveRow // the rows that hold a curve's target
	// budget and cost are acquisition.budget and cost_per_customer;
	// costDraw is cost_per_customer's index among a trial's draws, or −1.
	budget, cost float64
	costDraw     int
	mult         [][]float64 // per model segment and class: the acquisition cost multiplier
}

// curve is one response of a valid form: its target's row and column for
// a transition, and the index of each of CurveKeys among a trial's draws
// (−1 when the number is fixed).
type curve struct {
	r    Response
	form ResponseForm
	i, j int
	draw [len(CurveKeys)]int
}

// curveRow is a transition row and the destinations curves set in it.
type curveRow struct {
	i  int
	js []int
}

// curves resolves s's responses; segs are its segments in model order.
func (s *Scenario) curves(segs []Segment) *curves {
	c := &curves{budget: s.Acquisition.Budget, cost: s.Acquisition.CostPerCustomer, costDraw: -1}
	for _, seg := range segs {
		if len(s.Classes) == 0 {
			c.mult = append(c.mult, []float64{seg.AcquisitionCostMultiplier})
			continue
		}
		ms := make([]float64, len(s.Classes))
		for k, class := range s.Classes {
			ms[k] = seg.AcquisitionCostMultiplier * class.AcquisitionCostMultiplier
		}
		c.mult = append(c.mult, ms)
	}
	for k := range s.Responses {
		r := &s.Responses[k]
		cv := curve{r: *r, form: r.Form(), i: -1, j: -1}
		for n := range cv.draw {
			cv.draw[n] = -1
		}
		switch cv.form {
		case RetentionCurve, DiscountElasticity:
			cv.i, cv.j = s.stageIndex(r.Stage()), s.stageIndex(r.Destination())
			if cv.i < 0 || cv.j < 0 {
				continue
			}
			at := slices.IndexFunc(c.rows, func(row curveRow) bool { return row.i == cv.i })
			if at < 0 {
				at = len(c.rows)
				c.rows = append(c.rows, curveRow{i: cv.i})
			}
			c.rows[at].js = append(c.rows[at].js, cv.j)
		case RenewalCurve:
			if cv.i = s.stageIndex(r.Stage()); cv.i < 0 {
				continue
			}
		case BudgetCurve:
		case ReferralCurve:
			if cv.i = s.stageIndex(r.Stage()); cv.i < 0 {
				continue
			}
		default:
			continue
		}
		c.list = append(c.list, cv)
	}
	return c
}

// apply sets every curve's target in m from its lever. draws are a
// trial's draws (nil for the means): a curve's uncertain numbers and the
// acquisition cost per customer are read from them, the levers from m,
// where the trial has drawn them. It allocates nothing.
func (c *curves) apply(m *sim.Model, draws []float64) {
	for k := range c.list {
		cv := &c.list[k]
		r := cv.r
		if draws != nil {
			for n, d := range cv.draw {
				if d >= 0 {
					r.setCurveNumber(n, draws[d])
				}
			}
		}
		switch cv.form {
		case RetentionCurve, DiscountElasticity:
			for g := range m.Segments {
				for k := range m.Segments[g].ClassCount() {
					class := m.Class(g, k)
					e := class.Stages[cv.i]
					x := e.RetentionSpend
					if cv.form == DiscountElasticity {
						x = e.PriceDiscount
					}
					class.Transition[cv.i][cv.j] = r.at(cv.form, x)
				}
			}
		case ReferralCurve:
			for g := range m.Segments {
				for k := range m.Segments[g].ClassCount() {
					e := &m.Class(g, k).Stages[cv.i]
					e.Referrals = r.at(cv.form, e.ReferralReward)
				}
			}
		case RenewalCurve:
			for g := range m.Segments {
				for k := range m.Segments[g].ClassCount() {
					st := &m.Class(g, k).Stages[cv.i]
					st.Renewal = r.at(cv.form, st.RenewalDiscount)
				}
			}
		case BudgetCurve:
			cost := c.cost
			if draws != nil && c.costDraw >= 0 {
				cost = draws[c.costDraw]
			}
			b := c.budget
			v := r.at(cv.form, b)
			for t := range m.NewCustomers {
				m.NewCustomers[t] = v
			}
			for g := range m.Segments {
				for k, mult := range c.mult[g] {
					ac := cost * mult
					if v > 0 { // else no one is acquired; a valid curve then has b = 0
						ac += b / v * mult
					}
					m.Class(g, k).AcquisitionCost = min(ac, sim.MaxAmount)
				}
			}
		}
	}
	for _, cr := range c.rows {
		for g := range m.Segments {
			for k := range m.Segments[g].ClassCount() {
				scaleRow(m.Class(g, k).Transition[cr.i], cr.js)
			}
		}
	}
}

// scaleRow scales the destinations js of a transition row that the
// curves set, so that the row sums to at most 1 with its other entries
// as they are.
func scaleRow(row []float64, js []int) {
	curves, others := 0.0, 0.0
	for j, p := range row {
		if slices.Contains(js, j) {
			curves += p
		} else {
			others += p
		}
	}
	if curves+others <= 1 || curves == 0 {
		return
	}
	scale := math.Max(0, 1-others) / curves
	for _, j := range js {
		row[j] *= scale
	}
}

// derive returns, for the trials of Scenario.MonteCarlo, the response
// curves of s with the parameters params draws; it appends to params the
// curves' own uncertain numbers. It returns nil when s has no curve.
func (s *Scenario) derive(segs []Segment, params *[]uncertainty.Parameter) func(*sim.Model, []float64) {
	c := s.curves(segs)
	if len(c.list) == 0 {
		return nil
	}
	for k, p := range *params {
		if p.Name == "acquisition.cost_per_customer" {
			c.costDraw = k
		}
	}
	for k := range c.list {
		cv := &c.list[k]
		for n, key := range CurveKeys {
			d, ok := cv.r.Dists[key]
			if !ok {
				continue
			}
			cv.draw[n] = len(*params)
			*params = append(*params, uncertainty.Parameter{Name: fmt.Sprintf("response[%s].%s", cv.r.Target, key), Distribution: d.Law()})
		}
	}
	return c.apply
}

// analysis validates the [[response]] and [[sensitivity]] tables and the
// acquisition budget.
func (v *validator) analysis() {
	v.responses()
	v.ranges()
}

func (v *validator) responses() {
	s := v.s
	budget, targets := false, map[string]int{}
	for i := range s.Responses {
		r := &s.Responses[i]
		at := place{path: "response"}.index(i, tableLabel("response", r.Target, i))
		form := r.Form()
		switch {
		case r.Lever == "":
			v.add(at, `lever is missing; give the spend that drives the response, e.g. lever = "stage.stability.retention_spend"`)
			continue
		case form == NoForm:
			v.add(at.key("lever"), "lever = %q; a lever is %s", r.Lever, leverList)
			continue
		case form != BudgetCurve && len(s.Stages) > 0 && !v.stageRef(at.key("lever"), r.Stage()):
			continue
		}
		budget = budget || form == BudgetCurve
		v.responseTarget(at, r)
		v.drawnTarget(i, r)
		if j, dup := targets[r.Target]; dup && r.Target != "" {
			v.add(at.key("target"), "target %q is driven by response %d already; give one curve per target", r.Target, j+1)
		} else {
			targets[r.Target] = i
		}
		v.responseNumbers(at, r)
	}
	v.budgetCost()
	if !budget && s.Acquisition.Budget != 0 {
		v.add(place{}.key("acquisition").key("budget"), `acquisition.budget = %s is only used by a [[response]] with lever = "acquisition.budget"; add one, or remove budget`, num(s.Acquisition.Budget))
	}
}

// leverList names the levers of the registry (Param.Lever) for a
// message, a stage's first as messages have always listed them:
// "stage.ID.retention_spend", "stage.ID.price_discount" or
// "acquisition.budget".
var leverList = func() string {
	var stage, other []string
	for _, e := range registry {
		switch {
		case e.Lever == NoForm:
		case e.stage != nil:
			stage = append(stage, strconv.Quote(e.Pattern))
		default:
			other = append(other, strconv.Quote(e.Pattern))
		}
	}
	return or(append(stage, other...))
}()

// responseTarget checks that the target fits the lever.
func (v *validator) responseTarget(at place, r *Response) {
	tat := at.key("target")
	stay := Path{Stage: r.Stage(), Key: "to", To: r.Stage()}.String()
	switch {
	case r.Target == "":
		example := stay
		if r.Form() == BudgetCurve {
			example = "acquisition.new_customers"
		}
		v.add(at, "target is missing; give what the lever moves, e.g. target = %q", example)
	case r.Form() == ReferralCurve:
		v.referralTarget(at, r)
	case r.Form() == BudgetCurve:
		if r.Target != "acquisition.new_customers" {
			v.add(tat, `target = %q; the acquisition budget drives "acquisition.new_customers"`, r.Target)
		}
	case r.Form() == RenewalCurve:
		v.renewalTarget(at, r) // tenure.go
	case r.Destination() == "" || r.targetStage() != r.Stage():
		e, _, _ := r.lever()
		v.add(tat, `target = %q; a %s drives a transition of its own stage, e.g. %q`, r.Target, e.Label.EN, stay)
	default:
		v.stageRef(tat, r.Destination())
	}
}

// drawnTarget refuses a distribution for the transition that response i
// (r) sets, in a stage or a segment's override of it: the trials would
// draw what the projection takes from the curve.
func (v *validator) drawnTarget(i int, r *Response) {
	s := v.s
	st, to := r.targetStage(), r.Destination()
	if st == "" || to == "" || s.stageIndex(st) < 0 {
		return
	}
	keys := []string{"p0", "pmax", "k"}
	if r.Form() == DiscountElasticity {
		keys = keys[:2]
	}
	example := "pmax"
	mean := r.PMax
	if !(mean > 0.01 && mean < 0.99) {
		example, mean = "p0", r.P0
	}
	if !(mean > 0.01 && mean < 0.99) {
		mean = 0.5
	}
	for _, path := range slices.Sorted(maps.Keys(s.Distributions)) {
		p, err := ParsePath(path)
		if err != nil || p.Stage != st || p.Key != "to" || p.To != to {
			continue
		}
		at, ok := s.stageValuePlace(p)
		if !ok {
			continue
		}
		v.add(at, "%s = %s is set by the curve of response %d (lever %q), so the trials cannot draw it; give %s a number, and make the curve's own %s uncertain instead, e.g. %s = { mean = %s, sd = 0.01 }",
			at.rel, s.Distributions[path], i+1, r.Lever, at.rel, or(keys), example, num(mean))
	}
}

// stageValuePlace returns the place in the file of the stage value at p
// (its key, and its destination for a "to" entry): in its [[stage]], or in
// a segment's override of it. ok is false for a stage or segment s does
// not have.
func (s *Scenario) stageValuePlace(p Path) (at place, ok bool) {
	si := s.stageIndex(p.Stage)
	if si < 0 {
		return place{}, false
	}
	at = place{path: "stage"}.index(si, fmt.Sprintf("stage %q", p.Stage))
	if p.Segment != "" {
		gi := s.segmentIndex(p.Segment)
		if gi < 0 {
			return place{}, false
		}
		at = place{path: "segment"}.index(gi, fmt.Sprintf("segment %q", p.Segment)).key("stage").key(p.Stage)
		at.where, at.rel = fmt.Sprintf("%s, stage %q", at.where, p.Stage), ""
	}
	at = at.key(p.Key)
	if p.Key == "to" {
		at = at.key(p.To)
	}
	return at, true
}

// responseNumbers checks that the form's numbers are given, and only those.
func (v *validator) responseNumbers(at place, r *Response) {
	type key struct {
		name string
		x    float64
	}
	keys := []key{{"p0", r.P0}, {"pmax", r.PMax}, {"k", r.K}, {"v0", r.V0}, {"vmax", r.VMax}, {"elasticity", r.Elasticity}}
	need, curve := map[ResponseForm][]string{
		RetentionCurve:     {"p0", "pmax", "k"},
		RenewalCurve:       {"p0", "pmax", "k"},
		BudgetCurve:        {"v0", "vmax", "k"},
		DiscountElasticity: {"p0", "pmax", "elasticity"},
		ReferralCurve:      {"v0", "vmax", "k"},
	}[r.Form()], map[ResponseForm]string{
		RetentionCurve:     "p(s) = p0 + (pmax - p0)·(1 - e^(-k·s))",
		RenewalCurve:       "p(s) = p0 + (pmax - p0)·(1 - e^(-k·s))",
		BudgetCurve:        "v(b) = v0 + (vmax - v0)·(1 - e^(-k·b))",
		DiscountElasticity: "p(d) = pmax - (pmax - p0)·(1 - d)^elasticity",
		ReferralCurve:      "referrals(c) = v0 + (vmax - v0)·(1 - e^(-k·c))",
	}[r.Form()]
	var missing []string
	for _, k := range keys {
		needed := slices.Contains(need, k.name)
		switch {
		case needed && math.IsNaN(k.x):
			missing = append(missing, k.name)
		case !needed && !math.IsNaN(k.x):
			v.add(at.key(k.name), "%s is not used with lever %q; the response %s uses %s", k.name, r.Lever, curve, and(need))
		}
	}
	switch len(missing) {
	case 0:
	case 1:
		v.add(at, "%s is missing; the response %s needs %s", missing[0], curve, and(need))
	default:
		v.add(at, "%s are missing; the response %s needs %s", and(missing), curve, and(need))
	}
	if len(need) == 0 {
		return
	}
	for _, k := range keys[:2] {
		if !math.IsNaN(k.x) && r.Form() != BudgetCurve && r.Form() != ReferralCurve {
			v.between(at.key(k.name), k.x, 0, 1, "a probability")
		}
	}
	if !math.IsNaN(r.K) && !(r.K > 0 && r.K <= sim.MaxAmount) {
		v.add(at.key("k"), "k = %s, the response rate per unit of spend must be above 0 (and at most %s)", num(r.K), num(sim.MaxAmount))
	}
	if r.Form() == BudgetCurve {
		v.amount(at.key("v0"), r.V0)
		v.amount(at.key("vmax"), r.VMax)
		if r.VMax < r.V0 || r.VMax == 0 {
			v.add(at.key("vmax"), "vmax = %s, the new customers the budget can reach must be above 0 and at least v0 = %s", num(r.VMax), num(r.V0))
		}
	}
	if r.Form() == ReferralCurve {
		v.referralNumbers(at, r)
	}
	if r.Form() == DiscountElasticity {
		v.between(at.key("elasticity"), r.Elasticity, 0, MaxElasticity, "an elasticity")
		if r.PMax < r.P0 {
			v.add(at.key("pmax"), "pmax = %s is below p0 = %s; a price discount raises the probability up to pmax", num(r.PMax), num(r.P0))
		}
	}
}

func (v *validator) ranges() {
	s := v.s
	seen := map[string]int{}
	for i, r := range s.Sensitivity {
		at := place{path: "sensitivity"}.index(i, tableLabel("sensitivity", r.Path, i))
		if r.Path == "" {
			v.add(at, `path is missing; give the parameter, e.g. path = "stage.stability.to.stability"`)
			continue
		}
		if j, dup := seen[r.Path]; dup {
			v.add(at.key("path"), "path %q has a range in sensitivity %d already", r.Path, j+1)
			continue
		}
		seen[r.Path] = i
		p, err := s.Parameter(r.Path)
		if err != nil {
			v.add(at.key("path"), "path = %q: %v", r.Path, err)
			continue
		}
		for _, b := range []struct {
			key string
			x   float64
		}{{"low", r.Low}, {"high", r.High}} {
			if math.IsNaN(b.x) {
				v.add(at, "%s is missing; give the range as low = ... and high = ...", b.key)
				continue
			}
			v.check(at.key(b.key), p.Param, b.x)
		}
		if r.Low > r.High {
			v.add(at.key("low"), "low = %s is above high = %s", num(r.Low), num(r.High))
		}
	}
}

// RangeFor returns the [[sensitivity]] range of path, if the file gives one.
func (s *Scenario) RangeFor(path string) (Range, bool) {
	for _, r := range s.Sensitivity {
		if r.Path == path {
			return r, true
		}
	}
	return Range{}, false
}

// encodeAnalysis adds the [[response]] and [[sensitivity]] tables to a
// document for Encode.
func (s *Scenario) encodeAnalysis(doc map[string]any) {
	if len(s.Responses) > 0 {
		list := make([]map[string]any, len(s.Responses))
		for i, r := range s.Responses {
			m := map[string]any{"lever": r.Lever, "target": r.Target}
			for k, x := range map[string]float64{"p0": r.P0, "pmax": r.PMax, "k": r.K, "v0": r.V0, "vmax": r.VMax, "elasticity": r.Elasticity} {
				if !math.IsNaN(x) {
					m[k] = x
				}
			}
			for k, d := range r.Dists {
				m[k] = d.table()
			}
			list[i] = m
		}
		doc["response"] = list
	}
	if len(s.Sensitivity) > 0 {
		list := make([]map[string]any, len(s.Sensitivity))
		for i, r := range s.Sensitivity {
			m := map[string]any{"path": r.Path}
			for k, x := range map[string]float64{"low": r.Low, "high": r.High} {
				if !math.IsNaN(x) {
					m[k] = x
				}
			}
			list[i] = m
		}
		doc["sensitivity"] = list
	}
}

// and joins words as "a, b and c".
func and(words []string) string { return list(words, " and ") }

// or joins words as "a, b or c".
func or(words []string) string { return list(words, " or ") }

// list joins words with ", " and last before the last one.
func list(words []string, last string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + last + words[len(words)-1]
}

// budgetCost checks that the acquisition cost a budget curve implies (the
// budget spread over the customers it buys, on top of cost_per_customer)
// stays within sim.MaxAmount in every segment.
func (v *validator) budgetCost() {
	s := v.s
	for i := range s.Responses {
		r := &s.Responses[i]
		if r.Form() != BudgetCurve || !(r.K > 0) || !(r.VMax >= r.V0) {
			continue
		}
		b := s.Acquisition.Budget
		n := r.At(b)
		if !(n > 0) || !(b >= 0 && b <= sim.MaxAmount) {
			continue
		}
		mult := 1.0
		for _, seg := range s.Segments {
			mult = math.Max(mult, seg.AcquisitionCostMultiplier)
		}
		if cost := (s.Acquisition.CostPerCustomer + b/n) * mult; cost > sim.MaxAmount {
			v.add(place{}.key("acquisition").key("budget"), "acquisition.budget = %s buys %s customers a period, so one costs %s, at most %s are allowed; lower the budget or raise v0 and vmax",
				num(b), num(n), num(cost), num(sim.MaxAmount))
		}
		return
	}
}
