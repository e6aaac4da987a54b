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

// Acquire sets dst[k] to the customers of segment k acquired in period t:
// the plan (m.NewCustomers[t] × the share), a Poisson draw around it, or,
// under process noise, the plan rounded at random to whole customers and
// split over the segments by one multinomial draw.
func (w *worker) Acquire(dst []float64, m *sim.Model, t int) {
	planned := m.NewCustomers[t]
	segs := m.Segments
	switch {
	case w.s.cfg.PoissonAcquisition:
		for k := range segs {
			lambda := planned * segs[k].Share
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
		share := 1.0
		for k := range segs {
			q := 1.0
			if k < len(segs)-1 && share > 0 {
				q = min(1, segs[k].Share/share)
			}
			d := w.binomial(total, q)
			dst[k] = d
			total -= d
			share -= segs[k].Share
		}
	default:
		sim.Expected{}.Acquire(dst, m, t)
	}
}

// Move sets next to segment k's customers one period after x and returns
// those won back, and moves the first cohort (w.first[k]) the same way,
// adding its net cash flow of the period to w.firstFlow. Without process
// noise both move by sim.Expected; with it, each state's customers of the
// first cohort and of the others split apart, by w.split.
func (w *worker) Move(k int, c *sim.Chain, next, x []float64, gone *float64) (wonBack float64) {
	f := &w.first[k]
	x0, y0 := f.x, f.y
	n := c.Stages()
	for i := range n {
		w.firstFlow += x0[i] * f.margin[i]
	}
	firstWon := 0.0
	if !w.s.cfg.ProcessNoise {
		wonBack = sim.Expected{}.Move(k, c, next, x, gone)
		firstGone := 0.0
		firstWon = sim.Expected{}.Move(k, c, y0, x0, &firstGone)
	} else {
		clear(next)
		clear(y0)
		for i := range c.States() {
			moves, q := c.Moves(i), f.q[i]
			rest := w.split(x[i]-x0[i], moves, q, n, next, nil, gone)
			first := w.split(x0[i], moves, q, n, next, y0, gone)
			if i >= n {
				wonBack += rest + first
				firstWon += first
			}
		}
	}
	w.firstFlow -= firstWon * w.model.Winback.CostPerCustomer
	f.x, f.y = y0, x0
	return wonBack
}

// split sends c customers along the moves by one multinomial draw, done as
// a chain of binomials: move j takes Binomial(left, q[j]) of those left and
// the last takes the rest. Customers arrive in y, and also in y0 when y0 is
// not nil; those leaving the chain are added to *gone. split returns how
// many arrived in a stage (a state below n).
func (w *worker) split(c float64, moves []sim.Move, q []float64, n int, y, y0 []float64, gone *float64) (toStages float64) {
	last := len(moves) - 1
	for j := 0; j < last && c > 0; j++ {
		d := w.binomial(c, q[j])
		c -= d
		toStages += arrive(moves[j].To, d, n, y, y0, gone)
	}
	if last >= 0 && c > 0 {
		toStages += arrive(moves[last].To, c, n, y, y0, gone)
	}
	return toStages
}

// conditionals sets, for every state of every segment's chain, q[j] to the
// probability of move j given that no earlier move was taken,
// P/(1 − Σ earlier P), at most 1: the binomial chain's steps.
func (w *worker) conditionals() {
	for k := range w.first {
		c, f := w.pop.Chain(k), &w.first[k]
		for i := range c.States() {
			q := f.q[i][:0]
			left := 1.0
			for _, mv := range c.Moves(i) {
				qj := 1.0
				if left > 0 {
					qj = min(1, mv.P/left)
				}
				q = append(q, qj)
				left -= mv.P
			}
			f.q[i] = q
		}
	}
}

// arrive adds d customers to state to of y (and of y0 when not nil), or to
// *gone, and returns d if to is a stage (below n), else 0.
func arrive(to int, d float64, n int, y, y0 []float64, gone *float64) float64 {
	if to == sim.Gone {
		*gone += d
		return 0
	}
	if d > 0 {
		y[to] += d
		if y0 != nil {
			y0[to] += d
		}
	}
	if to < n {
		return d
	}
	return 0
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
