package sim

import "fmt"

// Chain is one segment's lifecycle as an absorbing Markov chain with
// rewards, the customers' ways from one period to the next.
//
// Its states are the active states, the stages at each tenure state
// (tenure.go: one tenure state, the stages themselves, without revenue
// growth and renewal), followed by the lost states: none without
// win-back (churn leaves the chain at once), one when every lost customer
// stays a win-back target (the lost state keeps 1−rate of itself), and
// Window when only customers lost within the last Window periods are
// targeted (lost state a holds customers lost a+1 periods ago); see
// [LostStates]. What a state's moves do not assign leaves the chain for
// good.
type Chain struct {
	n, size int
	// tenure is the number of tenure states, active = tenure·n the active
	// states, every the renewal period (0: none); see tenure.go.
	tenure, active, every int
	moves                 [][]Move  // by state: where its customers go, in state order
	reward                []float64 // net cash flow per customer and period, by state
	leak                  []float64 // 1 − Σ moves inside the chain: the share leaving for good
	churn                 []float64 // by active state: share churning into the lost pool
	revenue               []float64 // by active state: gross revenue per customer and period
	renewal               []float64 // by active state: renewal discount per customer, 0 off a renewal date
	capAt                 []int     // by stage: the tenure its revenue reaches its cap
	// rival marks the competitor stages (nil: none); crosses is, by
	// active state, the share moving to the other side of the market: from
	// our stage to competitor stages, or from a competitor stage to ours
	// (competitor.go).
	rival   []bool
	crosses []float64
	wonBack float64 // share of each lost state won back per period
	window  int     // the win-back window, 0 for ever
	// winTo and winSpend are the stage won-back customers return to and
	// the spend per customer won back.
	winTo    int
	winSpend float64
}

// Move is one way out of a state: the share P of its customers goes to
// state To, or leaves the chain for good when To is Gone.
type Move struct {
	To int
	P  float64
}

// Gone is the To of a Move out of the chain.
const Gone = -1

// LostStates returns the number of lost states of a segment's chain under
// win-back w: 0 when w.Rate is 0, 1 when w.Window is 0, w.Window otherwise.
func LostStates(w Winback) int {
	switch {
	case w.Rate == 0:
		return 0
	case w.Window == 0:
		return 1
	default:
		return w.Window
	}
}

// newChain returns a chain with n stages, tenure tenure states and lost
// lost states, for fill to fill.
func newChain(n, tenure, lost int) *Chain {
	active := n * tenure
	size := active + lost
	c := &Chain{
		n: n, size: size, tenure: tenure, active: active,
		moves:   make([][]Move, size),
		reward:  make([]float64, size),
		leak:    make([]float64, size),
		churn:   make([]float64, active),
		revenue: make([]float64, active),
		renewal: make([]float64, active),
		capAt:   make([]int, n),
		crosses: make([]float64, active),
	}
	backing := make([]Move, size*(n+1)) // at most the stages and a lost state, or two moves
	for i := range c.moves {
		c.moves[i] = backing[i*(n+1) : i*(n+1) : (i+1)*(n+1)]
	}
	return c
}

// fill sets the chain from segment s, win-back w and renewal every
// `every` periods without allocating: s has the chain's stages, and w.Rate
// may be 0 even when the chain has lost states (a Monte Carlo trial that
// draws the rate keeps them). A model whose growth needs more tenure
// states than the chain has (a trial that draws a slower growth) stops
// growing at the chain's last tenure state.
func (c *Chain) fill(s *Segment, w Winback, every int, rival []bool) {
	size := c.size
	c.wonBack, c.window, c.winTo, c.winSpend = w.Rate, w.Window, w.To, w.CostPerCustomer
	c.every, c.rival = every, rival
	c.fillTenure(s) // tenure.go: the active states
	for l := c.active; l < size; l++ {
		moves := c.moves[l][:0]
		if w.Rate > 0 {
			moves = append(moves, Move{w.To, w.Rate})
		}
		if stay := 1 - w.Rate; stay > 0 {
			next := Gone
			switch {
			case w.Window == 0:
				next = l // stays a target for ever
			case l+1 < size:
				next = l + 1 // one period older
			}
			moves = append(moves, Move{next, stay})
		}
		c.moves[l] = moves
		c.reward[l] = -w.Rate * w.CostPerCustomer
	}
	for i, moves := range c.moves {
		sum := 0.0
		for _, mv := range moves {
			if mv.To != Gone {
				sum += mv.P
			}
		}
		c.leak[i] = max(0, 1-sum)
	}
}

// Stages returns the number of stages, n: active state a holds stage a mod n.
func (c *Chain) Stages() int { return c.n }

// States returns the number of states, the active states and then the lost states.
func (c *Chain) States() int { return c.size }

// Moves returns where the customers of state i go next period, each Move
// with P > 0, in increasing order of To and with Gone last. What they do not
// assign also leaves the chain (a rounding residue of at most a few ulp
// when the shares sum to 1). It panics if i is not a state.
func (c *Chain) Moves(i int) []Move {
	if i < 0 || i >= c.size {
		panic(fmt.Sprintf("sim: Chain.Moves(%d) out of range [0, %d)", i, c.size))
	}
	return c.moves[i]
}

// expectTo sets next to the expected customers by state one period after
// x, adds those leaving the chain to *gone and returns those won back. It
// is the engine's period arithmetic: every call does the same operations
// in the same order, so a trial without randomness equals the engine bit
// for bit.
func (c *Chain) expectTo(next, x []float64, gone *float64) (wonBack float64) {
	clear(next)
	g := *gone // added to in a register
	for i, xi := range x {
		if xi == 0 {
			continue // a state without customers adds nothing anywhere
		}
		for _, mv := range c.moves[i] {
			if mv.To != Gone {
				next[mv.To] += xi * mv.P
			}
		}
		g += xi * c.leak[i]
		if i >= c.active {
			wonBack += xi * c.wonBack
		}
	}
	*gone = g
	return wonBack
}

// reachable returns the states a customer starting in state from can
// reach, from included, in increasing order.
func (c *Chain) reachable(from int) []int {
	reach := make([]bool, c.size)
	reach[from] = true
	stack := []int{from}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, mv := range c.moves[i] {
			if mv.To != Gone && !reach[mv.To] {
				reach[mv.To] = true
				stack = append(stack, mv.To)
			}
		}
	}
	var out []int
	for i, r := range reach {
		if r {
			out = append(out, i)
		}
	}
	return out
}

// neverEnds reports whether a customer starting in state from can stay in the
// chain for ever, that is whether a state reachable from it cannot reach a
// leaking state. The expected lifetime, and the undiscounted infinite-horizon
// value, are then infinite.
func (c *Chain) neverEnds(from int) bool {
	for _, t := range c.trapped(from) {
		if t {
			return true
		}
	}
	return false
}

// trapped marks the states a customer starting in state from can reach
// but never leave the chain from: reachable, and no path from them leads
// to a leak.
func (c *Chain) trapped(from int) []bool {
	exits := c.exits()
	trapped := make([]bool, c.size)
	for _, i := range c.reachable(from) {
		trapped[i] = !exits[i]
	}
	return trapped
}

// exits marks the states that can reach a leak (a move out of the chain),
// found backwards from the leaking states.
func (c *Chain) exits() []bool {
	exits := make([]bool, c.size)
	var stack []int
	for i := range c.size {
		if c.leak[i] > RowTolerance {
			exits[i] = true
			stack = append(stack, i)
		}
	}
	for len(stack) > 0 {
		j := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for i, moves := range c.moves {
			for _, mv := range moves {
				if mv.To == j && !exits[i] {
					exits[i] = true
					stack = append(stack, i)
				}
			}
		}
	}
	return exits
}
