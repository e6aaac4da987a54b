package uncertainty

import (
	"math"
	"math/rand/v2"
	"slices"

	"clvlab/sim"
)

// worker runs trials one at a time. It owns its generator, its copy of the
// model, a population of every cohort and the first cohort's own state, so
// a trial allocates nothing.
type worker struct {
	src   rand.PCG // first, so that worker.binomial is cheap enough to inline
	s     *Simulator
	model sim.Model // the trial's copy, with its drawn parameters
	pop   *sim.Population
	first []firstCohort // per group (sim.Population.Group): the classes of each segment
	cells []sim.Flows   // one period of the population's flows
	// customers[i] is this period's customers in stage i, all segments.
	customers []float64
	firstFlow float64   // the first cohort's net cash flow this period
	values    []float64 // the trial's parameter draws, in Config.Parameters order
	draws     int64     // random variates drawn in this trial
}

// firstCohort is the part of a group's customers acquired in period 0,
// which gives the trial's CLV and payback, by state as in sim.Chain.
type firstCohort struct {
	x, y   []float64 // this period, next period
	margin []float64 // per active state (sim.Chain.Active): net cash flow per customer and period
	// steps[i] is state i's binomial chain under process noise
	// (worker.steps); it belongs to the group, not the cohort.
	steps [][]step
}

func newWorker(s *Simulator) *worker {
	m := s.m
	w := &worker{s: s, model: *m, customers: make([]float64, s.n), values: make([]float64, len(s.cfg.Parameters))}
	w.model.NewCustomers = slices.Clone(m.NewCustomers) // Config.Derive may set them
	w.model.Segments = make([]sim.Segment, len(m.Segments))
	for i, seg := range m.Segments {
		w.model.Segments[i] = cloneSegment(seg)
	}
	w.pop = sim.NewPopulation(&w.model, s.lost, sim.Expected{})
	for range w.pop.Groups() {
		w.first = append(w.first, newFirstCohort(w.pop.Chain(0)))
	}
	w.cells = make([]sim.Flows, len(m.Segments)*(s.n+1))
	return w
}

// cloneSegment returns a copy of seg, its classes included, that a trial
// may draw into.
func cloneSegment(seg sim.Segment) sim.Segment {
	c := seg
	c.Stages = slices.Clone(seg.Stages)
	if seg.Transition != nil {
		c.Transition = make([][]float64, len(seg.Transition))
		for j, r := range seg.Transition {
			c.Transition[j] = slices.Clone(r)
		}
	}
	if seg.Classes != nil {
		c.Classes = make([]sim.Segment, len(seg.Classes))
		for k, class := range seg.Classes {
			c.Classes[k] = cloneSegment(class)
		}
	}
	return c
}

// newFirstCohort returns the empty first cohort of a group whose chain
// has c's states.
func newFirstCohort(c *sim.Chain) firstCohort {
	size := c.States()
	f := firstCohort{
		x: make([]float64, size), y: make([]float64, size),
		margin: make([]float64, c.Active()),
		steps:  make([][]step, size),
	}
	for i := range f.steps {
		f.steps[i] = make([]step, 0, c.Stages()+1)
	}
	return f
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
	}
	w.pop.Reset(&w.model, w)
	if s.cfg.ProcessNoise {
		w.steps()
		w.wholeExisting()
	}
	n, h, trials := s.n, m.Horizon, s.trials
	first, firstSpend := w.startFirstCohort()
	// The first cohort's present value, and its cumulative undiscounted net
	// cash flow from minus its acquisition spend, for payback.
	value, cum := 0.0, -firstSpend
	paid := cum >= 0
	cumulative := 0.0 // discounted net cash flow, all cohorts
	var total sim.Flows
	for t := range h {
		w.firstFlow = 0
		w.pop.StepTo(w.cells, &total, w)
		clear(w.customers)
		for k := range m.Segments {
			for j := range n {
				c := &w.cells[k*(n+1)+j]
				w.customers[j] += c.Customers + c.Rivals // a competitor's stage holds its rivals
			}
		}
		cumulative += total.DiscountedNetCashFlow
		value += w.firstFlow * s.disc[t]
		cum += w.firstFlow
		paid = paid || cum >= 0
		active := 0.0
		for j, c := range w.customers {
			s.samples[(j*h+t)*trials+i] = c
			if !m.IsCompetitor(j) {
				active += c // ours only
			}
		}
		s.samples[(n*h+t)*trials+i] = active
		s.samples[((n+1)*h+t)*trials+i] = total.NetCashFlow
		s.samples[((n+2)*h+t)*trials+i] = cumulative
		if len(s.rivals) > 0 {
			w.recordShares(i, t)
		}
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

// recordShares records trial i's market shares in period t: ours, then
// each competitor's, from the period's cells and w.customers, with the
// additions of sim's own (sim.Market.Share, sim.Result.MarketShare) in
// the same order, so that a trial without randomness records the
// engine's shares bit for bit.
func (w *worker) recordShares(i, t int) {
	s := w.s
	n, h, trials := s.n, s.m.Horizon, s.trials
	ours, theirs := 0.0, 0.0
	for k := range s.m.Segments {
		for j := range n {
			c := &w.cells[k*(n+1)+j]
			ours += c.Customers
			theirs += c.Rivals
		}
	}
	s.samples[((n+3)*h+t)*trials+i] = share(ours, theirs)
	for r, j := range s.rivals {
		k := w.customers[j]
		s.samples[((n+4+r)*h+t)*trials+i] = share(k, ours+theirs-k)
	}
}

// share returns a / (a + b), or 0 for an empty market, as sim does.
func share(a, b float64) float64 {
	if a+b <= 0 {
		return 0
	}
	return a / (a + b)
}

// wholeExisting rounds each state's customers after Reset, which hold the
// existing customers (sim.Segment.Existing) of a model that has some, at
// random to a whole number keeping their mean, as Acquire rounds the
// plan: under process noise customers are whole people. The acquired
// customers are whole already.
func (w *worker) wholeExisting() {
	n := w.s.n
	for g := range w.first {
		x := w.pop.Customers(g)
		for i, c := range x[:n] {
			if frac := c - math.Floor(c); frac > 0 {
				w.draws++
				x[i] = math.Floor(c)
				if uniform(&w.src) < frac {
					x[i]++
				}
			}
		}
	}
}

// startFirstCohort sets the first cohort to the customers the population
// acquired in period 0, and its margins from the trial's model, and returns
// the cohort's size and acquisition spend.
func (w *worker) startFirstCohort() (size, spend float64) {
	entry := w.model.Entry
	for k := range w.first {
		g := w.pop.Group(k)
		f, seg := &w.first[k], w.model.Class(g.Segment, g.Class)
		c := w.pop.Chain(k)
		for j := range f.margin {
			f.margin[j] = c.Reward(j) // the stage's margin at the state's tenure
		}
		acquired := w.pop.Acquired(k) // not the existing customers of the entry stage
		clear(f.x)
		f.x[entry] = acquired
		size += acquired
		spend += acquired * seg.AcquisitionCost
	}
	return size, spend
}
