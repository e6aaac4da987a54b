package sim

import (
	"math"

	"gonum.org/v1/gonum/mat"
)

// Market share in a brand-switching market (competitor.go).
//
// The market is the stages: ours and the competitors'. Our share in a
// period is our customers over the market's customers (ours plus the
// competitors'); the lost pool is outside the market.
//
// The steady state is the long-run mix of the market, what the shares
// tend to when the model runs on for ever. Which long run depends on
// whether customers leave the market:
//
//   - A closed market (no one leaves it: our stages churn no one out of
//     the market, and a competitor's customers never do): the steady
//     state is the stationary distribution π = π·P of the switching chain,
//     Σπ = 1, the left eigenvector of P for eigenvalue 1. With several
//     segments (or classes), each one's π is weighted by its market
//     customers, which a closed market keeps: its existing customers and
//     all it acquires within the horizon.
//   - A market customers leave (our churn out of the market): without
//     acquisition such a market empties, so the steady state is that of
//     the market with the acquisition going on: each period's new
//     customers spend, in expectation, v = e·(I − A)⁻¹ periods in each
//     state (e the entry stage, A the chain's matrix, win-back included),
//     and a steady flow of them makes a market whose mix is v over the
//     stages, normalised. Segments (and classes) are weighted by their
//     share of the new customers.
//
// Both are the long-run share of customer-periods spent with each brand.
// With the tenure levers (tenure.go) both are solved over the engine's own
// chain, each of our stages at each tenure state, and a stage's tenure
// states add up: renewal's churn at contract ends is churn out of the
// market like any other, and revenue growth moves no one.
// When neither applies (a segment's market is closed and another's is
// not, a market with several closed classes, or customers who can stay
// for ever in a part of a market others leave), the steady state is
// undefined.

// Market is the market of a model with competitor stages.
type Market struct {
	// Share[t] is our share of the market's customers in period t: our
	// customers over ours and the competitors' (0 for an empty market).
	Share []float64
	// Steady[i] is stage i's share of the market in the steady state; the
	// entries sum to 1. Nil when the steady state is undefined.
	Steady []float64
	// SteadyShare is our share of the market in the steady state: Steady
	// summed over our stages.
	SteadyShare Optional
	// Closed reports whether the steady state is that of a closed market
	// (no customer leaves it) rather than one with acquisition going on.
	Closed bool
}

// summarizeMarket fills the summary's Market for a model with competitors.
func (e *Engine) summarizeMarket() {
	m, r := e.m, e.res
	if !m.HasCompetitors() {
		return
	}
	mk := &Market{Share: make([]float64, m.Horizon)}
	for t := range mk.Share {
		ours, theirs := r.market(t)
		mk.Share[t] = share(ours, theirs)
	}
	mk.Steady, mk.Closed = m.SteadyState()
	if mk.Steady != nil {
		mk.SteadyShare = Some(m.ours(mk.Steady))
	}
	r.Summary.Market = mk
}

// share returns ours / (ours + theirs), or 0 for an empty market.
func share(ours, theirs float64) float64 {
	if ours+theirs <= 0 {
		return 0
	}
	return ours / (ours + theirs)
}

// ours returns the part of the stage distribution x in our stages.
func (m *Model) ours(x []float64) float64 {
	s := 0.0
	for i, xi := range x {
		if !m.IsCompetitor(i) {
			s += xi
		}
	}
	return s
}

// MarketShare returns stage i's share of the market's customers in
// period t (ours and the competitors', all segments): a competitor's
// share for a competitor stage. It is 0 for an empty market, and panics
// if t or i is out of range.
func (r *Result) MarketShare(t, i int) float64 {
	r.summarized("MarketShare")
	r.period("MarketShare", t)
	n := len(r.Model.StageIDs)
	if i < 0 || i >= n {
		panic("sim: Result.MarketShare: stage out of range")
	}
	k := 0.0
	for s := range r.Model.Segments {
		c := r.Cell(t, s, i)
		k += c.Customers + c.Rivals
	}
	ours, theirs := r.market(t)
	return share(k, ours+theirs-k)
}

// market returns our customers and the competitors' in period t (a
// period's total also counts the lost row's customers, outside the
// market).
func (r *Result) market(t int) (ours, theirs float64) {
	n := len(r.Model.StageIDs)
	for s := range r.Model.Segments {
		for i := range n {
			c := &r.Cells[(t*len(r.Model.Segments)+s)*r.Rows+i]
			ours += c.Customers
			theirs += c.Rivals
		}
	}
	return ours, theirs
}

// SteadyState returns each stage's share of the market in the steady
// state (see the comment at the top of market.go), and whether it is
// that of a closed market; nil when it is undefined. m must be valid.
func (m *Model) SteadyState() (dist []float64, closed bool) {
	n := len(m.StageIDs)
	lost, tenure := LostStates(m.Winback), m.TenureStates()
	x := make([]float64, n)
	closedGroups, openGroups := 0, 0
	for s := range m.Segments {
		seg := &m.Segments[s]
		for k := range seg.ClassCount() {
			cl := m.Class(s, k)
			c := newChain(n, tenure, lost) // the engine's chain, tenure states too (tenure.go)
			c.fill(cl, m.Winback, m.RenewalEvery, m.Competitor)
			v, isClosed, ok := c.steady(m.Entry)
			if !ok {
				return nil, false
			}
			var w float64
			if isClosed {
				closedGroups++
				w = m.marketCustomers(s, k)
			} else {
				openGroups++
				w = seg.Share
				if len(seg.Classes) > 0 {
					w *= cl.Share
				}
			}
			for i := range n {
				x[i] += w * v[i]
			}
		}
	}
	if closedGroups > 0 && openGroups > 0 {
		return nil, false
	}
	total := 0.0
	for _, xi := range x {
		total += xi
	}
	if !(total > 0) || math.IsInf(total, 0) {
		return nil, false
	}
	for i := range x {
		x[i] /= total
	}
	return x, closedGroups > 0
}

// marketCustomers returns the customers a closed market of class k of
// segment s holds for ever: its existing customers and all it acquires
// within the horizon; at least a tiny weight, so that a market without
// customers still has a mix.
func (m *Model) marketCustomers(s, k int) float64 {
	seg := &m.Segments[s]
	cl := m.Class(s, k)
	w := 0.0
	for _, e := range cl.Existing {
		w += e
	}
	share := seg.Share
	if len(seg.Classes) > 0 {
		share *= cl.Share
	}
	for _, nc := range m.NewCustomers {
		w += nc * share
	}
	return max(w, 1e-300)
}

// steady returns the chain's steady mix over its stages (unnormalised
// when open: expected periods per new customer; a distribution when
// closed), whether the market is closed, and false when it is
// undefined.
func (c *Chain) steady(entry int) (v []float64, closed, ok bool) {
	// The states the market's customers can ever be in: those reachable
	// from a stage.
	in := make([]bool, c.size)
	for i := range c.n {
		for _, j := range c.reachable(i) {
			in[j] = true
		}
	}
	var states []int
	leaks := false
	for i := range c.size {
		if in[i] {
			states = append(states, i)
			leaks = leaks || c.leak[i] > RowTolerance
		}
	}
	if !leaks {
		pi, ok := c.stationary(states)
		return pi, true, ok
	}
	// Every state must be able to leave: otherwise some customers stay
	// for ever in a market others leave, and no steady mix exists.
	exits := c.exits()
	for _, i := range states {
		if !exits[i] {
			return nil, false, false
		}
	}
	v, ok = c.timeIn(c.reachable(entry), entry)
	return v, false, ok
}

// matrix returns the chain's transition matrix restricted to states,
// with a[i][j] the probability from states[i] to states[j].
func (c *Chain) matrix(states []int) [][]float64 {
	pos := make([]int, c.size)
	for i := range pos {
		pos[i] = -1
	}
	for i, s := range states {
		pos[s] = i
	}
	a := make([][]float64, len(states))
	for i, s := range states {
		a[i] = make([]float64, len(states))
		for _, mv := range c.moves[s] {
			if mv.To != Gone && pos[mv.To] >= 0 {
				a[i][pos[mv.To]] += mv.P
			}
		}
	}
	return a
}

// stationary returns, over the stages, the stationary distribution π of
// the closed chain on states: π = π·A, Σπ = 1, solved as (I − A)ᵀ·π = 0
// with the last equation replaced by Σπ = 1. ok is false when π is not
// unique (several closed classes).
func (c *Chain) stationary(states []int) ([]float64, bool) {
	k := len(states)
	b := make([]float64, k)
	b[k-1] = 1
	return c.solveTransposed(states, b, true)
}

// timeIn returns, over the stages, the expected periods a customer
// starting in entry spends in each: v = e·(I − A)⁻¹ over the states it can
// reach, solved as (I − A)ᵀ·v = e.
func (c *Chain) timeIn(states []int, entry int) ([]float64, bool) {
	b := make([]float64, len(states))
	for i, s := range states {
		if s == entry {
			b[i] = 1
		}
	}
	return c.solveTransposed(states, b, false)
}

// solveTransposed solves (I − A)ᵀ·x = b over states, A the chain's moves
// among them, with the last equation replaced by Σx = b's last entry when
// sum is set, by LU as summary.go's solve does; it returns x over the
// stages (a rounding residue below 0 as 0), or false when the system is
// singular.
func (c *Chain) solveTransposed(states []int, b []float64, sum bool) ([]float64, bool) {
	a := c.matrix(states)
	k := len(states)
	sys := mat.NewDense(k, k, nil)
	for i := range k {
		for j := range k {
			x := -a[j][i]
			if i == j {
				x++
			}
			if sum && i == k-1 {
				x = 1
			}
			sys.Set(i, j, x)
		}
	}
	var lu mat.LU
	lu.Factorize(sys)
	var x mat.VecDense
	if err := lu.SolveVecTo(&x, false, mat.NewVecDense(k, b)); err != nil {
		return nil, false
	}
	v := make([]float64, c.n)
	for i, s := range states {
		if s < c.active {
			v[s%c.n] += max(0, x.AtVec(i)) // a stage's tenure states add up (tenure.go)
		}
	}
	return v, true
}
