package explain

import (
	"slices"
	"strconv"

	"gonum.org/v1/gonum/mat"

	"clvlab/sim"
)

// Fundamental is the fundamental-matrix form of one segment's
// infinite-horizon CLV and expected lifetime, as sim computes them:
//
//	CLV∞ = e·N·R, divided by (1+d) with cash at the period's end,
//	N = (I − A/(1+d))⁻¹,
//
// over the states a new customer can reach (the stages, then the lost
// states of win-back), and the expected lifetime e·(I − A)⁻¹·1 over the
// stages.
type Fundamental struct {
	Segment int // index in the model's segments
	// States are the reachable states in increasing order: a stage's
	// index, or Stages()+l for lost state l. With the tenure levers
	// (sim.Model.TenureStates above 1) States, Names, Visits, Reward and
	// Periods add each stage's tenure states up (Reward is their margins'
	// mean weighted by the visits, so Visits·Reward still sums to CLV∞),
	// while A and N are over the chain's own states, stage × tenure state.
	States []int
	// Names are the states' names: the stage ids, then "lost" (or
	// "lost 1" … "lost W" for a win-back window of W periods).
	Names []string
	// A is the transition matrix between the states, Beta 1/(1+d).
	A    *mat.Dense
	Beta float64
	// N is (I − Beta·A)⁻¹, nil when singular (no discounting and a
	// customer who may never leave).
	N *mat.Dense
	// Visits is e·N, the row of the entry stage: the discounted expected
	// periods a new customer spends in each state.
	Visits []float64
	// Reward is R, each state's net cash flow per customer and period
	// (a lost state's is minus the win-back spend).
	Reward []float64
	// CLV is CLV over an infinite horizon, undefined where sim's is.
	CLV sim.Optional
	// Periods is e·(I − A)⁻¹ over the stages, the expected periods in
	// each state undiscounted (nil when the lifetime is infinite), and
	// Lifetime their sum over the stages.
	Periods  []float64
	Lifetime sim.Optional
}

// Fundamentals returns the fundamental-matrix form of each segment of
// the valid model m. It allocates; the table is the part a planner
// refills while a slider moves.
func Fundamentals(m *sim.Model) []Fundamental {
	out := make([]Fundamental, len(m.Segments))
	for s := range m.Segments {
		if len(m.Segments[s].Classes) == 0 {
			out[s] = fundamental(m, s, &m.Segments[s])
			continue
		}
		out[s] = classMixture(m, s)
	}
	return out
}

// classMixture returns the Fundamental of a segment with latent classes:
// no matrix of its own (each class has one), its infinite-horizon CLV and
// lifetime the classes' share-weighted sums, undefined if a class's is.
func classMixture(m *sim.Model, s int) Fundamental {
	f := Fundamental{Segment: s, CLV: sim.Some(0), Lifetime: sim.Some(0)}
	for k := range m.Segments[s].Classes {
		c := &m.Segments[s].Classes[k]
		fk := fundamental(m, s, c)
		f.CLV = addShare(f.CLV, c.Share, fk.CLV)
		f.Lifetime = addShare(f.Lifetime, c.Share, fk.Lifetime)
	}
	return f
}

// addShare returns acc + w·x, undefined if either is.
func addShare(acc sim.Optional, w float64, x sim.Optional) sim.Optional {
	if !acc.Defined || !x.Defined {
		return sim.Optional{}
	}
	return sim.Some(acc.Value + w*x.Value)
}

func fundamental(m *sim.Model, s int, seg *sim.Segment) Fundamental {
	lost := sim.LostStates(m.Winback)
	c := sim.ChainOf(nil, m, seg)
	size := c.States()
	full := mat.NewDense(size, size, nil)
	// Row i of A is where one customer in state i goes: step of a unit vector.
	u, next := make([]float64, size), make([]float64, size)
	reward := make([]float64, size)
	for i := range size {
		clear(u)
		u[i] = 1
		step(next, u, c)
		full.SetRow(i, next)
		reward[i] = c.Reward(i)
	}
	states := reachable(full, m.Entry)
	k := len(states)
	f := Fundamental{Segment: s, States: states, A: mat.NewDense(k, k, nil), Reward: make([]float64, k)}
	pos := 0
	for a, i := range states {
		if i == m.Entry {
			pos = a
		}
		f.Names = append(f.Names, stateName(m, c, i, lost))
		f.Reward[a] = reward[i]
		for b, j := range states {
			f.A.Set(a, b, full.At(i, j))
		}
	}
	d := m.PeriodRate()
	f.Beta = 1 / (1 + d)
	endless := neverEnds(f.A, pos)
	if !(endless && d == 0) {
		if N, ok := inverse(f.A, f.Beta); ok {
			f.N = N
			f.Visits = mat.Row(nil, pos, N)
			x := 0.0
			for a, v := range f.Visits {
				x += v * f.Reward[a]
			}
			if m.CashTiming == sim.CashEnd {
				x /= 1 + d
			}
			f.CLV = sim.Some(x)
		}
	}
	if !endless {
		if N, ok := inverse(f.A, 1); ok {
			f.Periods = mat.Row(nil, pos, N)
			x := 0.0
			for a, i := range states {
				if i < c.Active() && !m.IsCompetitor(i%c.Stages()) { // a competitor's stage is not ours
					x += f.Periods[a]
				}
			}
			f.Lifetime = sim.Some(x)
		}
	}
	if c.TenureStates() > 1 {
		f.byStage(c, lost, m)
	}
	return f
}

// byStage adds the tenure states of each stage up in the figures a
// reader sees (States, Names, Visits, Reward and Periods), the lost states
// keeping their own: a stage's Visits are its tenure states' e·N summed,
// its Reward their margins' mean weighted by those visits, so that
// Σ Visits·Reward is still CLV∞ (before the cash timing's 1/(1+d)). A and
// N stay over the chain's states.
func (f *Fundamental) byStage(c *sim.Chain, lost int, m *sim.Model) {
	n, active := c.Stages(), c.Active()
	key := func(i int) int { // a stage, or n + the lost state
		if i < active {
			return i % n
		}
		return n + i - active
	}
	var states []int
	visits, value, periods := map[int]float64{}, map[int]float64{}, map[int]float64{}
	for a, i := range f.States {
		k := key(i)
		if _, seen := visits[k]; !seen {
			states = append(states, k)
		}
		if f.Visits != nil {
			visits[k] += f.Visits[a]
			value[k] += f.Visits[a] * f.Reward[a]
		} else {
			visits[k] += 0
		}
		if f.Periods != nil {
			periods[k] += f.Periods[a]
		}
	}
	slices.Sort(states)
	f.States, f.Names, f.Reward = states, nil, make([]float64, len(states))
	if f.Visits != nil {
		f.Visits = make([]float64, len(states))
	}
	if f.Periods != nil {
		f.Periods = make([]float64, len(states))
	}
	for a, k := range states {
		f.Names = append(f.Names, stateName(m, nil, k, lost))
		if f.Visits != nil {
			f.Visits[a] = visits[k]
			if visits[k] != 0 {
				f.Reward[a] = value[k] / visits[k]
			}
		}
		if f.Periods != nil {
			f.Periods[a] = periods[k]
		}
	}
}

// inverse returns (I − beta·a)⁻¹, or false if it is singular.
func inverse(a *mat.Dense, beta float64) (*mat.Dense, bool) {
	k, _ := a.Dims()
	var m mat.Dense
	m.Scale(-beta, a)
	for i := range k {
		m.Set(i, i, 1+m.At(i, i))
	}
	var inv mat.Dense
	if err := inv.Inverse(&m); err != nil {
		return nil, false // singular or near-singular, where sim's solve fails too
	}
	return &inv, true
}

// reachable returns the states reachable from state from along a's
// positive entries, from included, in increasing order.
func reachable(a *mat.Dense, from int) []int {
	size, _ := a.Dims()
	reach := make([]bool, size)
	reach[from] = true
	stack := []int{from}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for j := range size {
			if a.At(i, j) > 0 && !reach[j] {
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

// neverEnds reports whether a customer starting in state from of the
// (reachable) chain a can stay for ever: some reachable state cannot
// reach a state whose row sums to less than 1, as sim decides.
func neverEnds(a *mat.Dense, from int) bool {
	size, _ := a.Dims()
	exits := make([]bool, size)
	var stack []int
	for i := range size {
		if 1-mat.Sum(a.RowView(i)) > sim.RowTolerance {
			exits[i] = true
			stack = append(stack, i)
		}
	}
	for len(stack) > 0 {
		j := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for i := range size {
			if a.At(i, j) > 0 && !exits[i] {
				exits[i] = true
				stack = append(stack, i)
			}
		}
	}
	for _, e := range exits {
		if !e {
			return true
		}
	}
	return false
}

// stateName returns the name of state i of chain c (nil: of the stages
// and then the lost states) with lost lost states: a stage's id, with
// its tenure state "@τ" when the chain has several.
func stateName(m *sim.Model, c *sim.Chain, i, lost int) string {
	n, active := len(m.StageIDs), len(m.StageIDs)
	if c != nil {
		active = c.Active()
	}
	switch {
	case i < active && active > n:
		return m.StageIDs[i%n] + "@" + strconv.Itoa(i/n)
	case i < active:
		return m.StageIDs[i]
	case lost == 1:
		return "lost"
	default:
		return "lost " + strconv.Itoa(i-active+1)
	}
}
