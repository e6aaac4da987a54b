package uncertainty

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"

	"clvlab/sim"
)

// worker runs trials one at a time. It owns its generator, its copy of the
// model and every buffer a trial needs, so a trial allocates nothing.
type worker struct {
	s     *Simulator
	src   rand.PCG
	model sim.Model // the trial's copy, with its drawn parameters
	segs  []segmentState
	// customers[i] is this period's customers in stage i, all segments.
	customers []float64
	draws     int64 // random variates drawn in this trial
}

// segmentState is one segment's state within a trial. x holds every
// cohort, x0 the first cohort (acquired in period 0) alone, which gives the
// trial's CLV and payback; both count customers by state: the stages, then
// the lost states (as in package sim's chain: one lost state when every
// lost customer stays a win-back target, Window states when only those lost
// within the last Window periods are, none without win-back).
type segmentState struct {
	margin   []float64 // per stage: net cash flow per customer and period
	moves    [][]move  // per stage: where its customers go next period
	x, y     []float64 // every cohort: this period, next period
	x0, y0   []float64 // the first cohort: this period, next period
	acquired float64   // customers acquired this period
}

// move is one destination of a stage's customers.
type move struct {
	to int     // state index, or gone
	p  float64 // probability
	// q is the probability conditional on not taking an earlier move of the
	// list, p/(1 − Σ earlier p), at most 1: the binomial chain's step.
	q float64
}

// gone marks a move out of the chain: churn without win-back.
const gone = -1

func newWorker(s *Simulator) *worker {
	m := s.m
	w := &worker{s: s, model: *m, customers: make([]float64, s.n)}
	w.model.Segments = make([]sim.Segment, len(m.Segments))
	size := s.n + s.lost
	for i, seg := range m.Segments {
		c := seg
		c.Stages = slices.Clone(seg.Stages)
		c.Transition = make([][]float64, len(seg.Transition))
		for j, r := range seg.Transition {
			c.Transition[j] = slices.Clone(r)
		}
		w.model.Segments[i] = c
		st := segmentState{
			margin: make([]float64, s.n),
			moves:  make([][]move, s.n),
			x:      make([]float64, size), y: make([]float64, size),
			x0: make([]float64, size), y0: make([]float64, size),
		}
		for j := range st.moves {
			st.moves[j] = make([]move, 0, s.n+1)
		}
		w.segs = append(w.segs, st)
	}
	w.compile()
	return w
}

// trialSeed derives trial i's generator seed from the run's seed with the
// SplitMix64 finaliser, so that neighbouring trials get unrelated streams.
func trialSeed(seed uint64, i int) (uint64, uint64) {
	return mix(seed ^ mix(2*uint64(i))), mix(seed ^ mix(2*uint64(i)+1))
}

// mix is SplitMix64's output function (Steele, Lea & Flood 2014).
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ x>>30) * 0xbf58476d1ce4e5b9
	x = (x ^ x>>27) * 0x94d049bb133111eb
	return x ^ x>>31
}

// trial runs trial i and records its values in the simulator's buffers.
func (w *worker) trial(i int) {
	s, m := w.s, w.s.m
	w.src.Seed(trialSeed(s.cfg.Seed, i))
	w.draws = 0
	if len(s.cfg.Parameters) > 0 {
		w.drawParameters()
		w.compile()
	}
	entry, n, h, trials := m.Entry, s.n, m.Horizon, s.trials
	winCost := w.model.Winback.CostPerCustomer
	w.acquire(0)
	first, firstSpend := 0.0, 0.0 // the first cohort's size and acquisition spend
	for k := range w.segs {
		st := &w.segs[k]
		clear(st.x)
		clear(st.x0)
		st.x[entry] = st.acquired
		st.x0[entry] = st.acquired
		first += st.acquired
		firstSpend += st.acquired * w.model.Segments[k].AcquisitionCost
	}
	// The first cohort's present value, and its cumulative undiscounted net
	// cash flow from minus its acquisition spend, for payback.
	value, cum := 0.0, -firstSpend
	paid := cum >= 0
	cumulative := 0.0 // discounted net cash flow, all cohorts
	for t := range h {
		net, discounted, firstFlow := 0.0, 0.0, 0.0
		clear(w.customers)
		for k := range w.segs {
			st, seg := &w.segs[k], &w.model.Segments[k]
			x, x0 := st.x, st.x0
			// The same arithmetic, in the same order, as sim.Engine.Step, so
			// that a trial without randomness reproduces it bit for bit.
			for i := range n {
				c, e := x[i], &seg.Stages[i]
				revenue := c * e.Revenue
				op := revenue - revenue*e.PriceDiscount - c*e.CostToServe - c*e.RetentionSpend
				acquisition := 0.0
				if i == entry {
					acquisition = st.acquired * seg.AcquisitionCost
				}
				net += op - acquisition
				discounted += op*s.disc[t] - acquisition*s.acqD[t]
				w.customers[i] += c
				firstFlow += x0[i] * st.margin[i]
			}
			won, firstWon := w.move(st)
			spend := won * winCost
			net += -spend
			discounted += -spend * s.disc[t]
			firstFlow -= firstWon * winCost
		}
		if t+1 < h {
			w.acquire(t + 1)
		}
		for k := range w.segs {
			st := &w.segs[k]
			if t+1 < h {
				st.y[entry] += st.acquired
			}
			st.x, st.y = st.y, st.x
			st.x0, st.y0 = st.y0, st.x0
		}
		cumulative += discounted
		value += firstFlow * s.disc[t]
		cum += firstFlow
		paid = paid || cum >= 0
		active := 0.0
		for j, c := range w.customers {
			s.samples[(j*h+t)*trials+i] = c
			active += c
		}
		s.samples[(n*h+t)*trials+i] = active
		s.samples[((n+1)*h+t)*trials+i] = net
		s.samples[((n+2)*h+t)*trials+i] = cumulative
	}
	s.equity[i] = cumulative
	s.clv[i], s.paid[i] = math.NaN(), -1
	if first > 0 {
		s.clv[i] = value / first
		s.paid[i] = 0
		if paid {
			s.paid[i] = 1
		}
	}
	s.draws[i] = w.draws
}

// acquire sets each segment's customers acquired in period t.
func (w *worker) acquire(t int) {
	s := w.s
	planned := s.m.NewCustomers[t]
	segs := w.model.Segments
	switch {
	case s.cfg.PoissonAcquisition:
		for k := range w.segs {
			lambda := planned * segs[k].Share
			w.segs[k].acquired = 0
			if lambda > 0 {
				w.segs[k].acquired = distuv.Poisson{Lambda: lambda, Src: &w.src}.Rand()
				w.draws++
			}
		}
	case s.cfg.ProcessNoise:
		// Whole customers: round the plan at random (keeping its mean), then
		// split it over the segments by one multinomial draw.
		total := math.Floor(planned)
		if frac := planned - total; frac > 0 {
			w.draws++
			if uniform(&w.src) < frac {
				total++
			}
		}
		share := 1.0
		for k := range w.segs {
			q := 1.0
			if k < len(w.segs)-1 && share > 0 {
				q = min(1, segs[k].Share/share)
			}
			d := w.binomial(total, q)
			w.segs[k].acquired = d
			total -= d
			share -= segs[k].Share
		}
	default:
		for k := range w.segs {
			w.segs[k].acquired = planned * segs[k].Share
		}
	}
}

// binomial draws Binomial(n, p), counting the draw when it is random.
func (w *worker) binomial(n, p float64) float64 {
	if n <= 0 || p <= 0 {
		return 0
	}
	if p >= 1 {
		return n
	}
	w.draws++
	return binomial(&w.src, n, p)
}

// move moves a segment's customers on one period into st.y and st.y0 and
// returns how many customers, of every cohort and of the first, were won
// back (their spend falls in this period; they are active from the next).
func (w *worker) move(st *segmentState) (won, firstWon float64) {
	s := w.s
	n, size := s.n, s.n+s.lost
	x, x0, y, y0 := st.x, st.x0, st.y, st.y0
	clear(y)
	clear(y0)
	rate, to, window := w.model.Winback.Rate, w.model.Winback.To, w.model.Winback.Window
	if !s.cfg.ProcessNoise {
		// Expected flows: y = x·A, in sim's order of operations.
		for i := range n {
			xi, x0i := x[i], x0[i]
			for _, mv := range st.moves[i] {
				if mv.to != gone {
					if xi != 0 {
						y[mv.to] += xi * mv.p
					}
					if x0i != 0 {
						y0[mv.to] += x0i * mv.p
					}
				}
			}
		}
		for l := n; l < size; l++ {
			xl, x0l := x[l], x0[l]
			won += xl * rate
			firstWon += x0l * rate
			if xl != 0 {
				y[to] += xl * rate
			}
			if x0l != 0 {
				y0[to] += x0l * rate
			}
			if next := lostNext(l, size, window); next != gone {
				if xl != 0 {
					y[next] += xl * (1 - rate)
				}
				if x0l != 0 {
					y0[next] += x0l * (1 - rate)
				}
			}
		}
		return won, firstWon
	}
	// Random whole counts: the first cohort and the others split apart.
	for i := range n {
		w.split(x[i]-x0[i], st.moves[i], y, nil)
		w.split(x0[i], st.moves[i], y, y0)
	}
	for l := n; l < size; l++ {
		next := lostNext(l, size, window)
		rest, first := x[l]-x0[l], x0[l]
		b := w.binomial(rest, rate)
		b0 := w.binomial(first, rate)
		won += b + b0
		firstWon += b0
		y[to] += b + b0
		y0[to] += b0
		if next != gone {
			y[next] += rest - b + first - b0
			y0[next] += first - b0
		}
	}
	return won, firstWon
}

// lostNext returns where the part of lost state l not won back goes: the
// same state when every lost customer stays a target (one lost state), the
// next older one within the window, or out of the chain.
func lostNext(l, size, window int) int {
	switch {
	case window == 0:
		return l
	case l+1 < size:
		return l + 1
	}
	return gone
}

// split sends c customers along the moves by one multinomial draw, done as
// a chain of binomials: each move takes Binomial(left, q) of those left and
// the last takes the rest. Customers arrive in y, and also in y0 when y0 is
// not nil.
func (w *worker) split(c float64, moves []move, y, y0 []float64) {
	last := len(moves) - 1
	for j := 0; j < last && c > 0; j++ {
		d := w.binomial(c, moves[j].q)
		c -= d
		if to := moves[j].to; to != gone && d > 0 {
			y[to] += d
			if y0 != nil {
				y0[to] += d
			}
		}
	}
	if to := moves[last].to; to != gone && c > 0 {
		y[to] += c
		if y0 != nil {
			y0[to] += c
		}
	}
}

// compile derives margins and moves from the trial's model.
func (w *worker) compile() {
	n, lost := w.s.n, w.s.lost
	for k := range w.segs {
		st, seg := &w.segs[k], &w.model.Segments[k]
		for i := range n {
			st.margin[i] = seg.Stages[i].Margin()
			moves := st.moves[i][:0]
			sum := 0.0
			for j, p := range seg.Transition[i] {
				if p > 0 {
					moves = append(moves, move{to: j, p: p})
				}
				sum += p
			}
			if churn := max(0, 1-sum); churn > 0 {
				to := gone
				if lost > 0 {
					to = n // churn enters the first lost state
				}
				moves = append(moves, move{to: to, p: churn})
			}
			left := 1.0
			for j := range moves {
				moves[j].q = 1
				if left > 0 {
					moves[j].q = min(1, moves[j].p/left)
				}
				left -= moves[j].p
			}
			st.moves[i] = moves
		}
	}
}

// drawParameters draws the trial's parameters into its model, applying the
// row rule.
func (w *worker) drawParameters() {
	s := w.s
	for attempt := 0; ; attempt++ {
		for _, r := range s.rows {
			copy(w.model.Segments[r.segment].Transition[r.stage], s.m.Segments[r.segment].Transition[r.stage])
		}
		for _, p := range s.cfg.Parameters {
			v := p.Distribution.rand(&w.src)
			w.draws++
			for _, t := range p.Targets {
				w.set(t, v)
			}
		}
		if s.cfg.Rows != RedrawRows || attempt == MaxRedraws || !w.rowsExceed() {
			break
		}
	}
	for _, r := range s.rows {
		row := w.model.Segments[r.segment].Transition[r.stage]
		if sum := rowSum(row); sum > 1 {
			for j := range row {
				row[j] /= sum
			}
		}
	}
}

// rowTolerance is how far above 1 a row may sum from rounding (as in sim).
const rowTolerance = 1e-9

func (w *worker) rowsExceed() bool {
	for _, r := range w.s.rows {
		if rowSum(w.model.Segments[r.segment].Transition[r.stage]) > 1+rowTolerance {
			return true
		}
	}
	return false
}

func rowSum(row []float64) float64 {
	sum := 0.0
	for _, p := range row {
		sum += p
	}
	return sum
}

// set writes a drawn value into the trial's model.
func (w *worker) set(t Target, v float64) {
	v = min(v*t.Scale, sim.MaxAmount)
	if !(v >= 0) {
		v = 0
	}
	m := &w.model
	switch t.Quantity {
	case TransitionProbability:
		m.Segments[t.Segment].Transition[t.Stage][t.To] = v
	case Revenue:
		m.Segments[t.Segment].Stages[t.Stage].Revenue = v
	case CostToServe:
		m.Segments[t.Segment].Stages[t.Stage].CostToServe = v
	case RetentionSpend:
		m.Segments[t.Segment].Stages[t.Stage].RetentionSpend = v
	case PriceDiscount:
		m.Segments[t.Segment].Stages[t.Stage].PriceDiscount = v
	case AcquisitionCost:
		m.Segments[t.Segment].AcquisitionCost = v
	case WinbackRate:
		m.Winback.Rate = v
	case WinbackCost:
		m.Winback.CostPerCustomer = v
	}
}
