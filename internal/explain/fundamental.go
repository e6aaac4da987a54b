package explain

import (
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
	// index, or Stages()+l for lost state l.
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
	n := len(m.StageIDs)
	lost := sim.LostStates(m.Winback)
	size := n + lost
	full := mat.NewDense(size, size, nil)
	// Row i of A is where one customer in state i goes: step of a unit vector.
	u, next := make([]float64, size), make([]float64, size)
	reward := make([]float64, size)
	for i := range size {
		clear(u)
		u[i] = 1
		step(next, u, seg, m.Winback, n, m.Competitor)
		full.SetRow(i, next)
		if i < n {
			reward[i] = seg.Stages[i].Margin()
		} else {
			reward[i] = -m.Winback.Rate * m.Winback.CostPerCustomer
		}
	}
	states := reachable(full, m.Entry)
	k := len(states)
	f := Fundamental{Segment: s, States: states, A: mat.NewDense(k, k, nil), Reward: make([]float64, k)}
	pos := 0
	for a, i := range states {
		if i == m.Entry {
			pos = a
		}
		f.Names = append(f.Names, stateName(m, i, lost))
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
				if i < n && !m.IsCompetitor(i) { // a competitor's stage is not ours
					x += f.Periods[a]
				}
			}
			f.Lifetime = sim.Some(x)
		}
	}
	return f
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

// stateName returns the name of state i of a chain with lost lost states.
func stateName(m *sim.Model, i, lost int) string {
	n := len(m.StageIDs)
	switch {
	case i < n:
		return m.StageIDs[i]
	case lost == 1:
		return "lost"
	default:
		return "lost " + strconv.Itoa(i-n+1)
	}
}
