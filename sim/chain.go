package sim

// chain is one segment's lifecycle as an absorbing Markov chain with rewards.
//
// Its states are the N stages followed by W lost states: W is 0 without
// win-back (churn leaves the chain at once), 1 when every lost customer stays
// a win-back target (the lost state keeps 1−rate of itself), and Window when
// only customers lost within the last Window periods are targeted (lost state
// a holds customers lost a+1 periods ago). What a row does not assign leaves
// the chain for good ("gone"). Reward[i] is the net cash flow of one customer
// in state i for one period: a stage's margin, or minus the win-back spend on
// the share of a lost state won back.
type chain struct {
	n, size  int       // stages, stages + lost states
	a        []float64 // size × size transition matrix, row-major
	reward   []float64 // net cash flow per customer and period, by state
	leak     []float64 // 1 − row sum: the share of each state leaving for good
	churn    []float64 // by stage: share churning into the lost pool
	wonBack  float64   // share of each lost state won back per period
	winTo    int       // stage the won-back customers return to
	winSpend float64   // spend per customer won back
}

func lostStates(w Winback) int {
	switch {
	case w.Rate == 0:
		return 0
	case w.Window == 0:
		return 1
	default:
		return w.Window
	}
}

func newChain(s *Segment, w Winback) *chain {
	n := len(s.Stages)
	lost := lostStates(w)
	size := n + lost
	c := &chain{
		n: n, size: size,
		a:       make([]float64, size*size),
		reward:  make([]float64, size),
		leak:    make([]float64, size),
		churn:   make([]float64, n),
		wonBack: w.Rate, winTo: w.To, winSpend: w.CostPerCustomer,
	}
	for i := 0; i < n; i++ {
		sum := 0.0
		for j, p := range s.Transition[i] {
			c.a[i*size+j] = p
			sum += p
		}
		c.churn[i] = max(0, 1-sum)
		if lost > 0 {
			c.a[i*size+n] = c.churn[i] // churn enters the first lost state
		}
		c.reward[i] = s.Stages[i].Margin()
	}
	for k := 0; k < lost; k++ {
		l := n + k
		c.a[l*size+w.To] = w.Rate
		switch {
		case w.Window == 0:
			c.a[l*size+l] = 1 - w.Rate // stays a target for ever
		case k+1 < lost:
			c.a[l*size+l+1] = 1 - w.Rate // one period older
		}
		c.reward[l] = -w.Rate * w.CostPerCustomer
	}
	for i := 0; i < size; i++ {
		sum := 0.0
		for j := 0; j < size; j++ {
			sum += c.a[i*size+j]
		}
		c.leak[i] = max(0, 1-sum)
	}
	return c
}

// stepTo sets dst = x·A, the state one period on. dst and x have length size
// and must not overlap.
func (c *chain) stepTo(dst, x []float64) {
	clear(dst)
	size := c.size
	for i, xi := range x {
		if xi == 0 {
			continue
		}
		row := c.a[i*size : (i+1)*size]
		for j, p := range row {
			dst[j] += xi * p
		}
	}
}

// reachable returns the states a customer starting in state from can
// reach, from included, in increasing order.
func (c *chain) reachable(from int) []int {
	size := c.size
	reach := make([]bool, size)
	reach[from] = true
	stack := []int{from}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for j := 0; j < size; j++ {
			if c.a[i*size+j] > 0 && !reach[j] {
				reach[j] = true
				stack = append(stack, j)
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
func (c *chain) neverEnds(from int) bool {
	size := c.size
	reach := make([]bool, size)
	for _, i := range c.reachable(from) {
		reach[i] = true
	}
	// exits: states that can reach a leak, found backwards from the leaks.
	exits := make([]bool, size)
	var stack []int
	for i := 0; i < size; i++ {
		if c.leak[i] > rowTolerance {
			exits[i] = true
			stack = append(stack, i)
		}
	}
	for len(stack) > 0 {
		j := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for i := 0; i < size; i++ {
			if c.a[i*size+j] > 0 && !exits[i] {
				exits[i] = true
				stack = append(stack, i)
			}
		}
	}
	for i := 0; i < size; i++ {
		if reach[i] && !exits[i] {
			return true
		}
	}
	return false
}
