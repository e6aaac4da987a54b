package uncertainty

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"

	"clvlab/sim"
)

// A worker is the sim.Mover of its trials: sim.Population.StepTo does a
// period's arithmetic, the worker says how many customers are acquired and
// how they move (expected fractions, or random whole counts under process
// noise), and follows the first cohort alongside.

// Acquire sets dst[k] to the customers of group k (a segment, or a class
// of one) acquired in period t: the plan (m.NewCustomers[t] × the share),
// a Poisson draw around it, or, under process noise, the plan rounded at
// random to whole customers and split over the groups by one multinomial
// draw.
func (w *worker) Acquire(dst []float64, m *sim.Model, t int) {
	planned := m.NewCustomers[t]
	switch {
	case w.s.cfg.PoissonAcquisition:
		// Independent Poisson draws per group are a Poisson total split
		// by a multinomial draw over the groups (Poisson thinning).
		sim.Expected{}.Acquire(dst, m, t)
		for k, lambda := range dst[:len(w.first)] {
			dst[k] = 0
			if lambda > 0 {
				dst[k] = distuv.Poisson{Lambda: lambda, Src: &w.src}.Rand()
				w.draws++
			}
		}
	case w.s.cfg.ProcessNoise:
		total := math.Floor(planned)
		if frac := planned - total; frac > 0 {
			w.draws++
			if uniform(&w.src) < frac {
				total++
			}
		}
		share, k := 1.0, 0
		for s := range m.Segments {
			seg := &m.Segments[s]
			for c := range seg.ClassCount() {
				p := seg.Share
				if len(seg.Classes) > 0 {
					p *= seg.Classes[c].Share
				}
				q := 1.0
				if k < len(w.first)-1 && share > 0 {
					q = min(1, p/share)
				}
				d := w.binomial(total, q)
				dst[k] = d
				total -= d
				share -= p
				k++
			}
		}
	default:
		sim.Expected{}.Acquire(dst, m, t)
	}
}

// Refer returns the customers referred into group k who arrive next
// period: a Poisson draw around mean when the trials are random (Poisson
// acquisition or process noise), mean otherwise, so that a trial without
// randomness equals the engine.
func (w *worker) Refer(_ int, mean float64) float64 {
	if !w.s.cfg.PoissonAcquisition && !w.s.cfg.ProcessNoise {
		return mean
	}
	w.draws++
	return distuv.Poisson{Lambda: mean, Src: &w.src}.Rand()
}

// Move sets next to group k's customers one period after x and returns
// those won back, and moves the first cohort (w.first[k]) the same way,
// adding its net cash flow of the period to w.firstFlow. Without process
// noise both move by sim.Expected; with it, each state's customers of the
// first cohort and of the others split apart, by w.split.
func (w *worker) Move(k int, c *sim.Chain, next, x []float64, gone *float64) (wonBack float64) {
	f := &w.first[k]
	x0, y0 := f.x, f.y
	n := c.Active() // the stages at each tenure state; the lost states follow
	for i := range n {
		w.firstFlow += x0[i] * f.margin[i]
	}
	firstWon := 0.0
	if !w.s.cfg.ProcessNoise {
		wonBack = sim.Expected{}.Move(k, c, next, x, gone)
		firstGone := 0.0
		firstWon = sim.Expected{}.Move(k, c, y0, x0, &firstGone)
	} else {
		wonBack, firstWon = w.split(f, n, next, x, gone)
	}
	w.firstFlow -= firstWon * w.model.Winback.CostPerCustomer
	f.x, f.y = y0, x0
	return wonBack
}

// split sets next to the segment's customers by state one period after x,
// and f.y to the first cohort's, in whole customers: each state's customers
// of the later cohorts, then of the first cohort, split along the state's
// steps by one multinomial draw, done as a chain of binomials: step j takes
// Binomial(left, q) of those left and the last step takes the rest. split
// adds those leaving the chain to *gone and returns those won back (moving
// from a lost state to an active state, one of the first n), of every
// cohort and of the first.
func (w *worker) split(f *firstCohort, n int, next, x []float64, gone *float64) (wonBack, firstWon float64) {
	x0, y0 := f.x, f.y
	clear(next)
	clear(y0)
	for i, steps := range f.steps {
		last := len(steps) - 1
		// toStages[0] are the later cohorts' customers arriving in a stage,
		// toStages[1] the first cohort's.
		var toStages [2]float64
		for part, c := range [2]float64{x[i] - x0[i], x0[i]} {
			if !(c > 0) {
				continue
			}
			for j, st := range steps {
				d := c // the last step takes the rest
				if j < last {
					d = w.binomial(c, st.q)
					c -= d
				}
				if st.to == sim.Gone {
					*gone += d
				} else {
					next[st.to] += d
					if part == 1 {
						y0[st.to] += d
					}
					if st.to < n {
						toStages[part] += d
					}
				}
				if !(c > 0) {
					break
				}
			}
		}
		if i >= n {
			wonBack += toStages[0] + toStages[1]
			firstWon += toStages[1]
		}
	}
	return wonBack, firstWon
}

// step is one move of a state's binomial chain: its customers go to state
// to (or leave the chain when to is sim.Gone) with probability q given that
// no earlier step of the state took them.
type step struct {
	to int
	q  float64
}

// steps sets, for every state of every segment's chain, the steps of its
// binomial chain: one per move of the chain, in order, with q the move's
// probability given that no earlier move was taken, P/(1 − Σ earlier P), at
// most 1. The chain is filled once per trial, so its steps are too.
func (w *worker) steps() {
	for k := range w.first {
		c, f := w.pop.Chain(k), &w.first[k]
		for i := range f.steps {
			steps := f.steps[i][:0]
			left := 1.0
			for _, mv := range c.Moves(i) {
				q := 1.0
				if left > 0 {
					q = min(1, mv.P/left)
				}
				steps = append(steps, step{mv.To, q})
				left -= mv.P
			}
			f.steps[i] = steps
		}
	}
}

// binomial draws Binomial(n, p), counting the draw when it is random.
func (w *worker) binomial(n, p float64) float64 {
	if !(n <= 0 || p <= 0 || p >= 1) {
		w.draws++
	}
	return binomial(&w.src, n, p)
}
