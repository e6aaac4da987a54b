package sim

import "fmt"

// Engine advances a model one period at a time. Create it with NewEngine;
// the zero Engine panics when used.
type Engine struct {
	m          *Model
	pop        *Population
	res        *Result
	summarized bool
}

// NewEngine validates m and returns an engine positioned at period 0 with the
// first cohort acquired. The engine keeps m; do not change it while stepping.
func NewEngine(m *Model) (*Engine, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	segs := len(m.Segments)
	rows := len(m.StageIDs) + 1
	e := &Engine{
		m:   m,
		pop: NewPopulation(m, LostStates(m.Winback), Expected{}),
		res: &Result{
			Model:                           m,
			Rows:                            rows,
			Cells:                           make([]Flows, m.Horizon*segs*rows),
			Totals:                          make([]Flows, m.Horizon),
			CumulativeNetCashFlow:           make([]float64, m.Horizon),
			CumulativeDiscountedNetCashFlow: make([]float64, m.Horizon),
		},
	}
	return e, nil
}

// DiscountFactors returns, per period t, the factor for operating cash
// flows ((1+d)^−(t+1) at period end, (1+d)^−t at the start) and for
// acquisition spend ((1+d)^−t).
func (m *Model) DiscountFactors() (op, acq []float64) {
	op = make([]float64, m.Horizon)
	acq = make([]float64, m.Horizon)
	v := 1 / (1 + m.PeriodRate())
	f := 1.0
	for t := range op {
		acq[t] = f
		if m.CashTiming == CashStart {
			op[t] = f
		} else {
			op[t] = f * v
		}
		f *= v
	}
	return op, acq
}

// made panics with a message naming method if e was not made by NewEngine.
func (e *Engine) made(method string) {
	if e.m == nil {
		panic("sim: Engine." + method + " on an Engine not made by NewEngine")
	}
}

// Period returns the index of the next period Step will record.
func (e *Engine) Period() int {
	e.made("Period")
	return e.pop.t
}

// Done reports whether every period up to the horizon has been recorded.
func (e *Engine) Done() bool {
	e.made("Done")
	return e.pop.t >= e.m.Horizon
}

// Step records period t's customers and cash flows, then moves every
// customer on one period and acquires the next cohort
// ([Population.StepTo] with the [Expected] mover). It does nothing once
// the horizon is reached, and reports whether it recorded a period. Step
// does not allocate.
func (e *Engine) Step() bool {
	e.made("Step")
	if e.pop.t >= e.m.Horizon {
		return false
	}
	r, t := e.res, e.pop.t
	per := len(e.m.Segments) * r.Rows
	total := &r.Totals[t]
	e.pop.StepTo(r.Cells[t*per:(t+1)*per], total, Expected{})
	cum, dcum := total.NetCashFlow, total.DiscountedNetCashFlow
	if t > 0 {
		cum += r.CumulativeNetCashFlow[t-1]
		dcum += r.CumulativeDiscountedNetCashFlow[t-1]
	}
	r.CumulativeNetCashFlow[t] = cum
	r.CumulativeDiscountedNetCashFlow[t] = dcum
	return true
}

// Summarize computes the result's Summary and returns the result, which
// is complete from then on. It allocates and solves linear systems; call
// it once the engine is Done (Run does). A second call returns the same
// result. It panics if a period is still to be stepped.
func (e *Engine) Summarize() *Result {
	e.made("Summarize")
	if e.pop.t < e.m.Horizon {
		panic(fmt.Sprintf("sim: Engine.Summarize after %d of %d periods; step to the horizon first", e.pop.t, e.m.Horizon))
	}
	if !e.summarized {
		e.summarize()
		e.summarized = true
	}
	return e.res
}

// Run projects m to its horizon and returns the result with its summary.
func Run(m *Model) (*Result, error) {
	e, err := NewEngine(m)
	if err != nil {
		return nil, err
	}
	for e.Step() {
	}
	return e.Summarize(), nil
}
