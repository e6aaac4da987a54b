package sim

import (
	"math"
	"slices"
)

// Referral is what one new customer brings by referral (referral.go):
// the customers it refers, directly and through its referred customers'
// referrals, and their value to the firm. A segment's figures mix its
// classes by their shares; the summary's mix the segments by theirs.
//
// With ρ the stages' referrals per period, c their rewards per referred
// customer, A the transition matrix of a class (lost states included),
// e the entry stage and β = 1/(1+d) the per-period discount factor:
//
//   - ReferralsDirect, R = e·(I − A)⁻¹·ρ: the customers one new customer
//     refers over its lifetime, undiscounted (ρ/(1−r) for one stage kept
//     with probability r). Undefined when infinite (a customer who may
//     never leave and refers).
//   - ReferralsTotal = R/(1−R): the customers it brings through every
//     generation (R + R² + …), defined only when R < 1. At R ≥ 1 each
//     customer replaces itself by referral, and the base grows without
//     acquisition.
//   - ReferralValue: the present value, at the customer's acquisition,
//     of the customers it brings within the horizon, directly and through
//     their referrals: their net cash flows within the horizon less the
//     rewards paid for them (and for those they refer). Their own direct
//     CLV counts only the part within the horizon, as the engine's
//     cohort run does.
//   - ReferralValueInfinite: the same over an infinite horizon, in closed
//     form. A referred customer is worth CLV∞ − its reward when it arrives
//     one period after the referring period, so with D = β·e·(I − βA)⁻¹·ρ
//     (discounted referrals) and W = β·e·(I − βA)⁻¹·(ρ∘c) (their discounted
//     rewards), RV∞ = D·(CLV∞ + RV∞) − W, that is
//     RV∞ = (D·CLV∞ − W)/(1 − D). Undefined when R ≥ 1 (the discounted sum
//     may converge, but it rests on a cascade of referrals that grows for
//     ever, which no market sustains) or when CLV∞ is undefined.
type Referral struct {
	ReferralsDirect       Optional `json:"referrals_direct"`
	ReferralsTotal        Optional `json:"referrals_total"`
	ReferralValue         float64  `json:"referral_value"`
	ReferralValueInfinite Optional `json:"referral_value_infinite"`
	// Referring is whether the model refers at all (Model.Refers).
	Referring bool `json:"-"`
}

// referralValues sets the referral figures of every segment and of the
// summary, by share.
func (e *Engine) referralValues() {
	m, sum := e.m, &e.res.Summary
	direct, total, infinite := Some(0), Some(0), Some(0)
	value := 0.0
	for s := range m.Segments {
		seg := &sum.Segments[s]
		seg.Referral = e.segmentReferral(s, seg.CLVInfinite)
		w := seg.Share
		value += w * seg.ReferralValue
		if w > 0 {
			direct = addOptional(direct, w, seg.ReferralsDirect)
			total = addOptional(total, w, seg.ReferralsTotal)
			infinite = addOptional(infinite, w, seg.ReferralValueInfinite)
		}
	}
	sum.Referral = Referral{ReferralsDirect: direct, ReferralsTotal: total, ReferralValue: value,
		ReferralValueInfinite: infinite, Referring: true}
}

// segmentReferral returns the referral figures of one new customer of
// segment s, whose CLV over an infinite horizon is clvInfinite.
func (e *Engine) segmentReferral(s int, clvInfinite Optional) Referral {
	m := e.m
	n := len(m.StageIDs)
	d := m.PeriodRate()
	beta := 1 / (1 + d)
	first, last := e.pop.first[s], e.pop.first[s+1]
	direct, discounted := Some(0), Some(0)
	reward := 0.0
	for g := first; g < last; g++ {
		c, class := e.pop.chains[g], e.pop.classes[g]
		w := e.classShare(s, g)
		rho, rhoC := make([]float64, c.size), make([]float64, c.size)
		for a := range c.active { // every tenure state of stage a mod n refers (tenure.go)
			i := a % n
			rho[a] = m.referrals(class, i)
			rhoC[a] = rho[a] * class.Stages[i].ReferralReward
		}
		free, r, endless := c.directReferrals(m.Entry, rho)
		dk, wk := Optional{}, 0.0
		if !endless && d == 0 {
			dk = r
		}
		if d > 0 {
			x, ok1 := c.solve(beta, rho, m.Entry)
			y, ok2 := c.solve(beta, rhoC, m.Entry)
			if ok1 && ok2 {
				dk, wk = Some(beta*x), beta*y
			}
		} else if !endless {
			if y, ok := free.solve(1, rhoC, m.Entry); ok {
				wk = y
			}
		}
		direct = addOptional(direct, w, r)
		discounted = addOptional(discounted, w, dk)
		reward += w * wk
	}
	ref := Referral{ReferralsDirect: direct, ReferralValue: e.referredWithinHorizon(s), Referring: true}
	if direct.Defined && direct.Value < 1 {
		ref.ReferralsTotal = Some(direct.Value / (1 - direct.Value))
		if clvInfinite.Defined && discounted.Defined {
			D := discounted.Value
			ref.ReferralValueInfinite = Some((D*clvInfinite.Value - reward) / (1 - D))
		}
	}
	return ref
}

// directReferrals returns R = e·(I − A)⁻¹·rho of chain c from state
// entry, the chain it solved over (c.untrapped) and whether a customer
// refers for ever (R is then undefined). A customer who may stay for
// ever in stages that refer brings infinitely many; stages it may stay
// in for ever that do not refer add nothing, and leave the sum finite.
func (c *Chain) directReferrals(entry int, rho []float64) (free *Chain, r Optional, endless bool) {
	free, endless = c.untrapped(entry, rho)
	if !endless {
		if x, ok := free.solve(1, rho, entry); ok && !math.IsInf(x, 0) && !math.IsNaN(x) {
			r = Some(x)
		}
	}
	return free, r, endless
}

// DirectReferrals returns, per segment of the valid model m, the
// customers one new customer refers over its lifetime, undiscounted
// (Referral.ReferralsDirect), without running the model: a check of
// whether the base grows by referral alone (R ≥ 1).
func (m *Model) DirectReferrals() []Optional {
	n := len(m.StageIDs)
	out := make([]Optional, len(m.Segments))
	for s := range m.Segments {
		seg, r := &m.Segments[s], Some(0)
		for k := range seg.ClassCount() {
			class := m.Class(s, k)
			c := newChain(n, m.TenureStates(), LostStates(m.Winback))
			c.fill(class, m.Winback, m.RenewalEvery, m.Competitor)
			rho := make([]float64, c.size)
			for a := range c.active { // every tenure state of stage a mod n refers (tenure.go)
				rho[a] = m.referrals(class, a%n)
			}
			w := 1.0
			if len(seg.Classes) > 0 {
				w = class.Share
			}
			_, rk, _ := c.directReferrals(m.Entry, rho)
			r = addOptional(r, w, rk)
		}
		out[s] = r
	}
	return out
}

// classShare returns the share of group g within its segment s: its
// class's share, or 1 for a segment without classes.
func (e *Engine) classShare(s, g int) float64 {
	if classes := e.m.Segments[s].Classes; len(classes) > 0 {
		return classes[g-e.pop.first[s]].Share
	}
	return 1
}

// referredWithinHorizon follows one new customer of segment s and the
// customers it brings (directly and through their referrals) through the
// horizon, as the engine steps a cohort acquired in period 0, and returns
// the present value of the brought customers' net cash flows less the
// rewards paid for every referral.
func (e *Engine) referredWithinHorizon(s int) float64 {
	m := e.m
	n, h := len(m.StageIDs), m.Horizon
	first, last := e.pop.first[s], e.pop.first[s+1]
	k := last - first
	u, v, next := make([][]float64, k), make([][]float64, k), make([]float64, e.pop.chains[first].size)
	for j := range k {
		u[j] = make([]float64, len(next))
		v[j] = make([]float64, len(next))
		u[j][m.Entry] = e.classShare(s, first+j)
	}
	value, due := 0.0, 0.0
	gone := 0.0
	for τ := range h {
		value -= due * e.pop.acqD[τ]
		total, reward := 0.0, 0.0
		for j := range k {
			c, stages := e.pop.chains[first+j], e.pop.classes[first+j].Stages
			flow := 0.0
			for i, x := range v[j] {
				flow += x * c.reward[i]
			}
			value += flow * e.pop.disc[τ]
			for a := range c.active { // every tenure state of stage a mod n refers (tenure.go)
				i := a % n
				r := (u[j][a] + v[j][a]) * m.referrals(e.pop.classes[first+j], i)
				total += r
				reward += r * stages[i].ReferralReward
			}
			c.expectTo(next, u[j], &gone)
			u[j], next = next, u[j]
			c.expectTo(next, v[j], &gone)
			v[j], next = next, v[j]
		}
		due = 0
		if τ+1 < h {
			for j := range k {
				v[j][m.Entry] += total * e.classShare(s, first+j)
			}
			due = reward
		}
	}
	return value
}

// existingReferringLayer returns the flows, by period, of the existing
// customers of a model that refers and of the customers they bring: the
// model's run without new customers. With the cohorts' run (the model
// without its existing customers) it adds up to the model's run, the
// chain and the referrals being linear.
func (e *Engine) existingReferringLayer() []Flows {
	m := *e.m
	m.NewCustomers = make([]float64, m.Horizon)
	c := e.pop.chains[0]
	pop := NewPopulation(&m, c.size-c.active, Expected{})
	cells := make([]Flows, len(m.Segments)*(c.n+1))
	layer := make([]Flows, m.Horizon)
	for t := range layer {
		pop.StepTo(cells, &layer[t], Expected{})
	}
	return layer
}

// untrapped returns c with the states a customer starting in state from
// can reach but never leave for good (the trapped states, a closed set)
// emptied of their moves, so that the undiscounted sums over it are
// finite, and reports whether a trapped state refers (rho > 0): a
// customer there refers for ever. The trapped states of a chain that
// does not refer in them add nothing to the sums.
func (c *Chain) untrapped(from int, rho []float64) (*Chain, bool) {
	trapped := c.trapped(from)
	if !slices.Contains(trapped, true) {
		return c, false
	}
	free := *c
	free.moves = append([][]Move(nil), c.moves...)
	for i := range c.size {
		if trapped[i] {
			if rho[i] > 0 {
				return nil, true
			}
			free.moves[i] = nil
		}
	}
	return &free, false
}
