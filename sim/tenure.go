package sim

import (
	"fmt"
	"math"
)

// Tenure: revenue that grows with the relationship, and contract renewal.
//
// Both levers run on one clock per customer, the tenure τ: the periods
// since acquisition (τ = 0 is the period of acquisition). A stage change
// keeps it; a win-back restarts it (a customer won back starts a new
// relationship and a new contract, at τ = 0).
//
//   - Cross- and up-selling: a stage's revenue at tenure τ is
//     Revenue·min((1+RevenueGrowth)^τ, RevenueCap). Growth stops at the
//     cap, which it reaches at tenure τ* = ⌈ln RevenueCap / ln(1+g)⌉.
//   - Renewal: with Model.RenewalEvery = k > 0, a contract runs k periods.
//     At the end of periods τ = k−1, 2k−1, … (the last period of each
//     contract) the customers of stage i renew with probability
//     Economics.Renewal; those who renew then move along the stage's
//     transition row as in any period, and the others churn. Each customer
//     who renews is given Economics.RenewalDiscount, a cash flow of that
//     last period (it is part of the period's Discount).
//
// The chain stays Markov on (stage, tenure state): a segment's chain has
// TenureStates() = L tenure states, each holding every stage (state τ·n+i
// for stage i of n), then the lost states. Tenure states 0…L−2 are tenures
// 0…L−2; from the last, customers move to state L−k with renewal (the
// states L−k…L−1 repeat the contract's phases for ever, every one of them
// past the cap), or stay in it without (it holds every tenure from L−1
// on). Without growth and renewal L = 1 and the chain is the stages and
// the lost states, as before.
//
// Competitors (competitor.go): a customer who moves to a competitor's
// stage leaves the relationship with us, and one won from a competitor
// starts a new one, at τ = 0, as a won-back customer does. A competitor's
// stage so has no tenure states of its own: its customers are in its
// state at tenure state 0 (state i), whatever their tenure with us was;
// its states at later tenure states stay empty. Its customers have no
// contract with us (they never renew or churn at a renewal date). The
// chain stays Markov: where a competitor's customer goes next depends on
// its stage alone, since a win from it starts at τ = 0 whatever its past.
// Market shares and the steady state are the chain's, added up by stage
// (market.go).

// MaxTenure bounds τ*, the tenure at which a stage's revenue reaches its
// cap: a growth so slow that it takes longer is refused (Validate), since
// the chains track every tenure up to it.
const MaxTenure = MaxHorizon

// MaxRevenueCap bounds RevenueCap, the multiple of a stage's revenue that
// growth may reach.
const MaxRevenueCap = 1000

// MaxActiveStates bounds tenure states × stages, the active states of one
// chain: the summary solves a linear system over them (and the lost
// states) per segment and class, and the engine steps them all.
const MaxActiveStates = 1200

// MaxTenureCells bounds groups × tenure states × stages × (stages+1), the
// moves the chains of the expanded model hold.
const MaxTenureCells = 4_000_000

// capTenure returns τ*, the tenure at which the revenue of stage e reaches
// its cap: 0 without growth, MaxTenure+1 when it would take longer than
// MaxTenure periods.
func capTenure(e *Economics) int {
	if !(e.RevenueGrowth > 0) || !(e.RevenueCap > 1) {
		return 0
	}
	t := math.Ceil(math.Log(e.RevenueCap) / math.Log1p(e.RevenueGrowth))
	if !(t <= MaxTenure) {
		return MaxTenure + 1
	}
	return int(t)
}

// revenueMultiple returns the multiple of stage e's revenue at tenure τ:
// min((1+g)^τ, cap), 1 without growth. capAt is capTenure(e).
func revenueMultiple(e *Economics, τ, capAt int) float64 {
	switch {
	case !(e.RevenueGrowth > 0):
		return 1
	case τ >= capAt:
		return e.RevenueCap
	}
	return min(math.Pow(1+e.RevenueGrowth, float64(τ)), e.RevenueCap)
}

// tenureStates returns L, the tenure states that follow every tenure up
// to reach with renewal every k periods (0 for none): reach+1 without
// renewal, else the smallest multiple of k with L−k ≥ reach.
func tenureStates(reach, k int) int {
	if k <= 0 {
		return reach + 1
	}
	return k * ((reach+k-1)/k + 1)
}

// TenureStates returns the number of tenure states of the model's chains:
// 1 without revenue growth and renewal; see the package's "Tenure" notes
// in tenure.go. It is at most MaxTenure + 1 + RenewalEvery for a valid
// model.
func (m *Model) TenureStates() int {
	reach := 0
	for s := range m.Segments {
		for c := range m.Segments[s].ClassCount() {
			for i := range m.Class(s, c).Stages {
				reach = max(reach, min(capTenure(&m.Class(s, c).Stages[i]), MaxTenure))
			}
		}
	}
	return tenureStates(reach, m.RenewalEvery)
}

// validateTenure checks the growth and renewal values of stage e (id),
// with bad adding a problem of the segment or class at hand.
func (e *Economics) validateTenure(id string, every int, bad func(format string, args ...any)) {
	if !(e.RevenueGrowth >= 0 && e.RevenueGrowth <= 1) {
		bad("stage %q: revenue growth %v, must be in [0, 1]", id, e.RevenueGrowth)
	}
	if e.RevenueGrowth > 0 {
		switch {
		case !(e.RevenueCap >= 1 && e.RevenueCap <= MaxRevenueCap):
			bad("stage %q: revenue cap %v, must be in [1, %d] with revenue growth %v", id, e.RevenueCap, MaxRevenueCap, e.RevenueGrowth)
		case capTenure(e) > MaxTenure:
			bad("stage %q: revenue growth %v reaches the cap %v after more than %d periods, at most %d are allowed", id, e.RevenueGrowth, e.RevenueCap, MaxTenure, MaxTenure)
		}
	}
	if every > 0 {
		if !(e.Renewal >= 0 && e.Renewal <= 1) {
			bad("stage %q: renewal probability %v, must be in [0, 1]", id, e.Renewal)
		}
		if !amount(e.RenewalDiscount) {
			bad("stage %q: renewal discount %v, must be in [0, %g]", id, e.RenewalDiscount, MaxAmount)
		}
	}
}

// validateTenure checks the model's renewal period and the size of its
// expanded chains; cells is segments × classes × stages × (stages+1).
func (m *Model) validateTenure(cells int) error {
	if m.RenewalEvery < 0 || m.RenewalEvery > MaxHorizon {
		return fmt.Errorf("sim: renewal every %d periods, must be in [0, %d]", m.RenewalEvery, MaxHorizon)
	}
	l := m.TenureStates()
	switch n := len(m.StageIDs); {
	case l > 1 && l*n > MaxActiveStates:
		return fmt.Errorf("sim: %d tenure states × %d stages = %d active states, at most %d are allowed: revenue growth reaches its cap too slowly, or contracts are too long", l, n, l*n, MaxActiveStates)
	case l > 1 && cells*l > MaxTenureCells:
		return fmt.Errorf("sim: segments × classes × tenure states × stages × (stages+1) = %d × %d, at most %d are allowed", cells, l, MaxTenureCells)
	}
	return nil
}

// fillTenure sets the active states of the chain, stage i at tenure state
// τ being state τ·n+i, from segment s, renewing every c.every periods
// (0: never). It does not allocate.
func (c *Chain) fillTenure(s *Segment) {
	n, L, every := c.n, c.tenure, c.every
	for i := range n {
		c.capAt[i] = capTenure(&s.Stages[i])
	}
	for τ := range L {
		next := τ + 1
		if next == L {
			next = L - 1 // the last state holds every later tenure
			if every > 0 {
				next = L - every // the last contract's phases, for ever
			}
		}
		renew := every > 0 && τ%every == every-1
		for i := range n {
			st := &s.Stages[i]
			a := τ*n + i
			rival := c.isRival(i)
			keep := 1.0 // the share renewing: all, but at a renewal date
			if renew && !rival {
				keep = st.Renewal // a competitor's customers have no contract with us
			}
			sum := 0.0
			stays := c.rivalStays(s.Transition[i], i) // 0 but in a competitor stage (competitor.go)
			for j, p := range s.Transition[i] {
				if j == i {
					p += stays
				}
				sum += p
			}
			moves := c.rowMoves(c.moves[a][:0], s.Transition[i], i, stays, keep, next)
			c.churn[a] = max(0, 1-sum*keep)
			if rival {
				c.churn[a] = 0 // a rounding residue: a competitor's customers stay in the market
			}
			if c.churn[a] > 0 {
				to := Gone
				if c.size > c.active {
					to = c.active // churn enters the first lost state
				}
				moves = append(moves, Move{to, c.churn[a]})
			}
			c.moves[a] = moves
			c.crosses[a] = c.crossing(a)
			e := *st
			if e.RevenueGrowth > 0 {
				e.Revenue *= revenueMultiple(st, τ, c.capAt[i])
			}
			c.revenue[a] = e.Revenue
			c.reward[a] = e.Margin()
			if every > 0 {
				c.renewal[a] = 0
				if renew && !rival {
					c.renewal[a] = keep * st.RenewalDiscount
					c.reward[a] -= c.renewal[a]
				}
			}
		}
	}
}

// rowMoves appends to moves the moves of stage i at a tenure state whose
// customers are at tenure state next in the next period: the row (with
// stays added to its stay), each entry times keep, in increasing order of
// the state moved to. A competitor's stage has one state, at tenure state
// 0 (competitor.go): a move into it goes there, and a move out of it
// starts a new relationship with us, at tenure 0, as a win-back does.
func (c *Chain) rowMoves(moves []Move, row []float64, i int, stays, keep float64, next int) []Move {
	n := c.n
	add := func(j int, to int) {
		p := row[j]
		if j == i {
			p += stays
		}
		if q := p * keep; q > 0 {
			moves = append(moves, Move{to, q})
		}
	}
	if next == 0 || c.isRival(i) { // every move to tenure state 0: one pass in stage order
		for j := range row {
			add(j, j)
		}
		return moves
	}
	for j := range row { // into the competitors' states first: they are at tenure state 0
		if c.isRival(j) {
			add(j, j)
		}
	}
	for j := range row {
		if !c.isRival(j) {
			add(j, next*n+j)
		}
	}
	return moves
}

// Active returns the number of active states: the stages at each tenure
// state, states 0 to Active()−1, stage i at tenure state τ being state
// τ·Stages()+i. The lost states follow.
func (c *Chain) Active() int { return c.active }

// TenureStates returns the chain's number of tenure states (Model.TenureStates).
func (c *Chain) TenureStates() int { return c.tenure }

// Reward returns the net cash flow per customer and period of state i: an
// active state's margin (its revenue at its tenure, less the renewal
// discount at a renewal date), a lost state's minus the win-back spend.
// It panics if i is not a state.
func (c *Chain) Reward(i int) float64 {
	if i < 0 || i >= c.size {
		panic(fmt.Sprintf("sim: Chain.Reward(%d) out of range [0, %d)", i, c.size))
	}
	return c.reward[i]
}

// Revenue returns the gross revenue per customer and period of active
// state i (its stage's revenue at its tenure), and the renewal discount
// given per customer of the state in the period (0 but at a renewal
// date). It panics if i is not an active state.
func (c *Chain) Revenue(i int) (revenue, renewalDiscount float64) {
	if i < 0 || i >= c.active {
		panic(fmt.Sprintf("sim: Chain.Revenue(%d) out of range [0, %d)", i, c.active))
	}
	if c.every > 0 {
		renewalDiscount = c.renewal[i]
	}
	return c.revenue[i], renewalDiscount
}

// ChainOf returns the chain of segment or class seg of the valid model m,
// filled: the Markov chain the engine moves its customers along, for a
// reader of its states (an explanation of the figures). It refills dst
// without allocating when dst has m's shape (stages, tenure states and
// lost states), and allocates a new chain otherwise (dst nil, say).
func ChainOf(dst *Chain, m *Model, seg *Segment) *Chain {
	n, l, lost := len(m.StageIDs), m.TenureStates(), LostStates(m.Winback)
	if dst == nil || dst.n != n || dst.tenure != l || dst.size-dst.active != lost {
		dst = newChain(n, l, lost)
	}
	dst.fill(seg, m.Winback, m.RenewalEvery, m.Competitor)
	return dst
}
