package sim

import (
	"strconv"

	"gonum.org/v1/gonum/mat"
)

// Optional is a figure that may be undefined: CLV per unit of acquisition cost without an
// acquisition cost, a payback beyond the horizon, an infinite lifetime.
// Its JSON form is the number, or null.
type Optional struct {
	Value   float64
	Defined bool
}

// Some returns a defined Optional.
func Some(v float64) Optional { return Optional{Value: v, Defined: true} }

// MarshalJSON encodes o as a number, or null when it is undefined.
func (o Optional) MarshalJSON() ([]byte, error) {
	if !o.Defined {
		return []byte("null"), nil
	}
	return strconv.AppendFloat(nil, o.Value, 'g', -1, 64), nil
}

// String formats o with %g, or "—" when it is undefined.
func (o Optional) String() string {
	if !o.Defined {
		return "—"
	}
	return strconv.FormatFloat(o.Value, 'g', 6, 64)
}

// Value figures of one new customer; see Summary for their definitions.
type Value struct {
	CLV              float64  `json:"clv"`
	AcquisitionCost  float64  `json:"acquisition_cost"`
	CLVNet           float64  `json:"clv_net"`
	LTVCAC           Optional `json:"ltv_cac"`
	CLVInfinite      Optional `json:"clv_infinite"`
	PaybackPeriods   Optional `json:"payback_periods"`
	ExpectedLifetime Optional `json:"expected_lifetime"`
	// ExpectedPurchases is the expected number of purchases of one new
	// customer over the horizon, undiscounted: Στ Σi P(stage i at τ) ×
	// the stage's Purchases.
	ExpectedPurchases float64 `json:"expected_purchases"`
	// CLVByStage[i] is the part of CLV earned in stage i; the last entry is
	// the (negative) win-back spend. The entries sum to CLV.
	CLVByStage []float64 `json:"clv_by_stage"`
	// Referral is what the customer brings by referral (referralvalue.go);
	// zero, and its optional figures undefined, in a model without
	// referrals.
	Referral
}

// SegmentSummary is the Value of one new customer of a segment.
type SegmentSummary struct {
	ID    string  `json:"id"`
	Share float64 `json:"share"`
	Value
}

// Summary holds the headline figures of a run.
//
//   - CLV: expected present value, at acquisition, of one new customer's net
//     cash flows over the horizon (revenue after discount − bad debt −
//     cost to serve − retention spend − win-back spend), acquisition cost excluded;
//     share-weighted over segments.
//   - AcquisitionCost: share-weighted cost of acquiring one customer.
//   - CLVNet = CLV − AcquisitionCost; LTVCAC = CLV / AcquisitionCost,
//     undefined when the cost is 0.
//   - CLVInfinite: CLV over an infinite horizon, in closed form
//     e·(I − A/(1+d))⁻¹·R, divided by (1+d) under CashEnd; undefined where it
//     does not converge (no discounting and a customer who may never leave).
//   - CustomerEquity: present value at period 0 of every cohort acquired
//     within the horizon, acquisition spend included, and of the existing
//     customers, flows cut at the horizon: the sum of
//     DiscountedNetCashFlow over all periods.
//   - CustomerEquityExisting: the part of CustomerEquity the existing
//     customers (Segment.Existing) make: the present value of today's
//     base over the horizon, win-back spend on them included;
//     CustomerEquityNew, the cohorts still to be acquired: the customer
//     equity of the model without its existing customers. The two add up
//     to CustomerEquity (the chain is linear), to rounding.
//     ExistingCustomers counts the base at period 0.
//   - PaybackPeriods: periods after acquisition until one customer's expected
//     cumulative undiscounted net cash flow, starting at −AcquisitionCost,
//     is ≥ 0 (0 when the cost is 0); undefined if not within the horizon.
//   - ExpectedLifetime: expected number of active periods of a new customer,
//     over an infinite horizon, undiscounted; undefined if infinite.
//   - ExpectedPurchases: expected purchases of one new customer over the
//     horizon (Value.ExpectedPurchases), share-weighted over segments.
//   - Survival[τ]: the share of a cohort active at tenure τ.
type Summary struct {
	Value
	CustomerEquity         float64          `json:"customer_equity"`
	CustomerEquityExisting float64          `json:"customer_equity_existing"`
	CustomerEquityNew      float64          `json:"customer_equity_new"`
	ExistingCustomers      float64          `json:"-"`
	Survival               []float64        `json:"survival"`
	Segments               []SegmentSummary `json:"segments"`
	// Market is the brand-switching market's share over time and steady
	// state (market.go); nil without competitor stages.
	Market *Market `json:"-"`
}

// summarize computes the result's Summary and its unit flows.
func (e *Engine) summarize() {
	m, r := e.m, e.res
	n, h := len(m.StageIDs), m.Horizon
	sum := &r.Summary
	*sum = Summary{Survival: make([]float64, h), Segments: make([]SegmentSummary, len(m.Segments))}
	sum.CLVByStage = make([]float64, n+1)
	r.unit = make([][]float64, len(m.Segments))
	r.unitActive = make([][]float64, len(m.Segments))
	r.unitRevenue = make([][]float64, len(m.Segments))
	r.unitStage = make([][]float64, len(m.Segments))
	unitAll := make([]float64, h) // share-weighted unit net cash flow
	infinite, lifetime := Some(0), Some(0)
	for s := range m.Segments {
		seg := &m.Segments[s]
		v := e.segmentValue(s)
		sum.Segments[s] = SegmentSummary{ID: seg.ID, Share: seg.Share, Value: v}
		w := seg.Share
		sum.CLV += w * v.CLV
		sum.AcquisitionCost += w * v.AcquisitionCost
		sum.ExpectedPurchases += w * v.ExpectedPurchases
		for i, x := range v.CLVByStage {
			sum.CLVByStage[i] += w * x
		}
		for τ := range h {
			sum.Survival[τ] += w * r.unitActive[s][τ]
			unitAll[τ] += w * r.unit[s][τ]
		}
		if w > 0 {
			infinite = addOptional(infinite, w, v.CLVInfinite)
			lifetime = addOptional(lifetime, w, v.ExpectedLifetime)
		}
	}
	sum.CLVInfinite, sum.ExpectedLifetime = infinite, lifetime
	sum.CLVNet = sum.CLV - sum.AcquisitionCost
	sum.LTVCAC = ratio(sum.CLV, sum.AcquisitionCost)
	sum.PaybackPeriods = payback(unitAll, sum.AcquisitionCost)
	for t := range r.Totals {
		sum.CustomerEquity += r.Totals[t].DiscountedNetCashFlow
	}
	if m.Refers() {
		e.referralValues()
	}
	sum.CustomerEquityNew = sum.CustomerEquity
	if e.existingLayer() {
		sum.CustomerEquityNew = e.newCohortsEquity()
	}
	e.summarizeMarket() // market.go
}

// newCohortsEquity returns the customer equity of the model without its
// existing customers: the cohorts acquired within the horizon, stepped
// as the engine steps them, so that it is the customer equity of a run
// without the existing base, bit for bit, however large the base.
func (e *Engine) newCohortsEquity() float64 {
	m := *e.m
	m.Segments = make([]Segment, len(e.m.Segments))
	for s, seg := range e.m.Segments {
		seg.Existing = nil
		if seg.Classes != nil {
			seg.Classes = append([]Segment(nil), seg.Classes...)
			for k := range seg.Classes {
				seg.Classes[k].Existing = nil
			}
		}
		m.Segments[s] = seg
	}
	c := e.pop.chains[0]
	pop := NewPopulation(&m, c.size-c.active, Expected{})
	cells := make([]Flows, len(m.Segments)*(c.n+1))
	var total Flows
	equity := 0.0
	for range m.Horizon {
		pop.StepTo(cells, &total, Expected{})
		equity += total.DiscountedNetCashFlow
	}
	return equity
}

// existingLayer follows the existing customers of every group through
// the horizon, recording their flows in Result.Existing (by period) and
// Result.ExistingCells (by period, segment and row) and their
// present value and number in the summary, and reports whether there are
// any. The engine's customers are the sum of this layer and the cohorts'
// (the chain is linear), so the layer needs no state of its own while
// stepping.
func (e *Engine) existingLayer() bool {
	m, r := e.m, e.res
	n, h := len(m.StageIDs), m.Horizon
	var layer, cells []Flows
	segs, rows := len(m.Segments), n+1
	for g, gr := range e.pop.groups {
		seg := m.Class(gr.Segment, gr.Class)
		if len(seg.Existing) == 0 {
			continue
		}
		if layer == nil {
			layer = make([]Flows, h)
			cells = make([]Flows, h*segs*rows)
		}
		c := e.pop.chains[g]
		u, next := make([]float64, c.size), make([]float64, c.size)
		copy(u, seg.Existing)
		for _, k := range seg.Existing {
			r.Summary.ExistingCustomers += k
		}
		gone := 0.0
		for τ := range h {
			f := &layer[τ]
			row := cells[(τ*segs+gr.Segment)*rows:][:rows] // this period's cells of the group's segment
			for a, k := range u[:c.active] {
				i := a % n
				st := &seg.Stages[i]
				revenue := k * c.revenue[a]
				discount := revenue * st.PriceDiscount
				priceDiscount := discount
				badDebt := (revenue - priceDiscount) * st.BadDebt
				if c.every > 0 {
					discount += k * c.renewal[a]
				}
				op := revenue - discount - badDebt - k*st.CostToServe - k*st.RetentionSpend
				for _, acc := range [2]*Flows{f, &row[i]} {
					if c.isRival(i) {
						acc.Rivals += k
						acc.FromRivals += k * c.crosses[a]
					} else {
						acc.Customers += k
						acc.ToRivals += k * c.crosses[a]
					}
					acc.Churned += k * c.churn[a]
					acc.Purchases += k * st.Purchases
					acc.Revenue += revenue
					acc.Discount += discount
					acc.BadDebt += badDebt
					acc.CostToServe += k * st.CostToServe
					acc.RetentionSpend += k * st.RetentionSpend
					acc.NetCashFlow += op
					acc.DiscountedNetCashFlow += op * e.pop.disc[τ]
				}
			}
			lost := &row[n]
			lost.Customers += gone
			for _, k := range u[c.active:] {
				won := k * c.wonBack
				lost.Customers += k
				for _, acc := range [2]*Flows{f, lost} {
					acc.WonBack += won
					acc.WinbackSpend += won * c.winSpend
					acc.NetCashFlow -= won * c.winSpend
					acc.DiscountedNetCashFlow -= won * c.winSpend * e.pop.disc[τ]
				}
			}
			c.expectTo(next, u, &gone)
			u, next = next, u
		}
	}
	if layer != nil && m.Refers() {
		// the base and the customers it brings by referral; ExistingCells
		// keeps the base's own customers
		layer = e.existingReferringLayer()
	}
	r.Existing, r.ExistingCells = layer, cells
	for _, f := range layer {
		r.Summary.CustomerEquityExisting += f.DiscountedNetCashFlow
	}
	return layer != nil
}

// unitFlows are one new customer's flows by tenure τ: net cash flow, the
// active share, net revenue, and the share in stage i at [τ·n+i].
type unitFlows struct{ net, active, revenue, stage []float64 }

// segmentValue follows one new customer of segment s through the
// horizon, recording its unit flows in the result, and returns its Value:
// that of its one chain, or the share-weighted mixture of its classes'.
func (e *Engine) segmentValue(s int) Value {
	m, r := e.m, e.res
	seg := &m.Segments[s]
	first := e.pop.first[s]
	if len(seg.Classes) == 0 {
		v, u := e.unitValue(e.pop.chains[first], seg)
		r.unit[s], r.unitActive[s], r.unitRevenue[s], r.unitStage[s] = u.net, u.active, u.revenue, u.stage
		return v
	}
	n, h := len(m.StageIDs), m.Horizon
	mix := unitFlows{make([]float64, h), make([]float64, h), make([]float64, h), make([]float64, h*n)}
	v := Value{CLVByStage: make([]float64, n+1)}
	infinite, lifetime := Some(0), Some(0)
	for k := range seg.Classes {
		class := &seg.Classes[k]
		vk, u := e.unitValue(e.pop.chains[first+k], class)
		w := class.Share
		v.CLV += w * vk.CLV
		v.AcquisitionCost += w * class.AcquisitionCost
		v.ExpectedPurchases += w * vk.ExpectedPurchases
		for i, x := range vk.CLVByStage {
			v.CLVByStage[i] += w * x
		}
		for τ := range h {
			mix.net[τ] += w * u.net[τ]
			mix.active[τ] += w * u.active[τ]
			mix.revenue[τ] += w * u.revenue[τ]
		}
		for j, x := range u.stage {
			mix.stage[j] += w * x
		}
		if w > 0 {
			infinite = addOptional(infinite, w, vk.CLVInfinite)
			lifetime = addOptional(lifetime, w, vk.ExpectedLifetime)
		}
	}
	for τ := range h {
		mix.active[τ] = min(mix.active[τ], 1) // an ulp above 1 from rounding
	}
	for j := range mix.stage {
		mix.stage[j] = min(mix.stage[j], 1)
	}
	v.CLVInfinite, v.ExpectedLifetime = infinite, lifetime
	v.CLVNet = v.CLV - v.AcquisitionCost
	v.LTVCAC = ratio(v.CLV, v.AcquisitionCost)
	v.PaybackPeriods = payback(mix.net, v.AcquisitionCost)
	r.unit[s], r.unitActive[s], r.unitRevenue[s], r.unitStage[s] = mix.net, mix.active, mix.revenue, mix.stage
	return v
}

// unitValue follows one new customer of the segment or class seg, moved
// by chain c, through the horizon, and returns its Value and unit flows.
func (e *Engine) unitValue(c *Chain, seg *Segment) (Value, unitFlows) {
	m := e.m
	n, h := len(m.StageIDs), m.Horizon
	uf := unitFlows{make([]float64, h), make([]float64, h), make([]float64, h), make([]float64, h*n)}
	v := Value{AcquisitionCost: seg.AcquisitionCost, CLVByStage: make([]float64, n+1)}
	u, next := make([]float64, c.size), make([]float64, c.size)
	u[m.Entry] = 1
	gone := 0.0
	for τ := range h {
		flow, active, revenue := 0.0, 0.0, 0.0
		mix := uf.stage[τ*n : (τ+1)*n]
		for i, ui := range u {
			f := ui * c.reward[i]
			flow += f
			stage := n // a lost state: the win-back spend
			if i < c.active {
				stage = i % n
			}
			v.CLVByStage[stage] += f * e.pop.disc[τ]
			if i < c.active {
				if !c.isRival(stage) {
					active += ui // a competitor's customer is not ours
				}
				st := &seg.Stages[stage]
				revenue += ui * c.revenue[i] * (1 - st.PriceDiscount)
				if c.every > 0 {
					revenue -= ui * c.renewal[i]
				}
				v.ExpectedPurchases += ui * st.Purchases
				mix[stage] += ui // the stage's tenure states, in order
			}
		}
		for i, x := range mix {
			mix[i] = min(x, 1)
		}
		// The active share (and a stage's) is at most 1; the rounding of
		// a period's sums can leave it an ulp above, which no output shows.
		active = min(active, 1)
		uf.net[τ], uf.active[τ], uf.revenue[τ] = flow, active, revenue
		c.expectTo(next, u, &gone)
		u, next = next, u
	}
	for _, x := range v.CLVByStage {
		v.CLV += x
	}
	v.CLVNet = v.CLV - v.AcquisitionCost
	v.LTVCAC = ratio(v.CLV, v.AcquisitionCost)
	v.PaybackPeriods = payback(uf.net, v.AcquisitionCost)
	endless := c.neverEnds(m.Entry)
	d := m.PeriodRate()
	if !(endless && d == 0) {
		if x, ok := c.solve(1/(1+d), c.reward, m.Entry); ok {
			if m.CashTiming == CashEnd {
				x /= 1 + d
			}
			v.CLVInfinite = Some(x)
		}
	}
	if !endless {
		active := make([]float64, c.size)
		for i := range c.active {
			if !c.isRival(i % n) {
				active[i] = 1
			}
		}
		if x, ok := c.solve(1, active, m.Entry); ok {
			v.ExpectedLifetime = Some(x)
		}
	}
	return v, uf
}

// solve returns the entry `from` of (I − β·A)⁻¹·b, the expected discounted
// sum Στ βᵗ·(Aᵗ·b)[from], or false if the system is singular or too
// near it to answer (maxCondition). It solves
// over the states reachable from `from` only: a stage the customer can
// never reach (one that never churns, say) must not make the system
// singular.
func (c *Chain) solve(beta float64, b []float64, from int) (float64, bool) {
	states := c.reachable(from)
	n := len(states)
	a := mat.NewDense(n, n, nil)
	rhs := mat.NewVecDense(n, nil)
	row := make([]float64, c.size) // the transition matrix's row si
	pos := 0
	for i, si := range states {
		if si == from {
			pos = i
		}
		rhs.SetVec(i, b[si])
		clear(row)
		for _, mv := range c.moves[si] {
			if mv.To != Gone {
				row[mv.To] = mv.P
			}
		}
		for j, sj := range states {
			x := -beta * row[sj]
			if i == j {
				x++
			}
			a.Set(i, j, x)
		}
	}
	var lu mat.LU
	lu.Factorize(a)
	if lu.Cond() > maxCondition {
		return 0, false
	}
	var x mat.VecDense
	if err := lu.SolveVecTo(&x, false, rhs); err != nil {
		return 0, false
	}
	return x.AtVec(pos), true
}

// maxCondition is the largest condition number of I − β·A that solve
// answers for. The answer's relative error grows as the condition
// number times the float64 rounding (about 1.1e−16), so at 10¹⁰ it may
// lose six digits, and past it more than any output shows right. The
// condition number of I − A is about the expected lifetime: a stage left
// once in 10¹⁵ periods gave R = 1.033 for a true 0.9 (the referrals'
// property test, rapid seed 12965882844804534672). Such figures are
// undefined ("—"), as for a chain that never ends.
const maxCondition = 1e10

// payback returns the number of periods until the cumulative unit flow,
// starting at −cost, is ≥ 0.
func payback(unit []float64, cost float64) Optional {
	cum := -cost
	if cum >= 0 {
		return Some(0)
	}
	for τ, f := range unit {
		cum += f
		if cum >= 0 {
			return Some(float64(τ + 1))
		}
	}
	return Optional{}
}

func ratio(a, b float64) Optional {
	if b == 0 {
		return Optional{}
	}
	return Some(a / b)
}

// addOptional returns acc + w·x, undefined if either is.
func addOptional(acc Optional, w float64, x Optional) Optional {
	if !acc.Defined || !x.Defined {
		return Optional{}
	}
	return Some(acc.Value + w*x.Value)
}
