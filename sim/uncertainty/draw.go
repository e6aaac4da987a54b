package uncertainty

import "clvlab/sim"

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

func (w *worker) rowsExceed() bool {
	for _, r := range w.s.rows {
		if rowSum(w.model.Segments[r.segment].Transition[r.stage]) > 1+sim.RowTolerance {
			return true
		}
	}
	return false
}

// rowSum adds row up in order, as sim.Model.Validate does. (gonum's
// floats.Sum adds in another order on amd64, four SIMD accumulators, and
// would move the scaled rows by an ulp.)
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
