package uncertainty

import (
	"math/rand/v2"

	"clvlab/sim"
)

// drawParameters draws the trial's parameters into its model, applying the
// row rule.
func (w *worker) drawParameters() {
	s := w.s
	for attempt := 0; ; attempt++ {
		for _, r := range s.rows {
			copy(w.model.Class(r.segment, r.class).Transition[r.stage], s.m.Class(r.segment, r.class).Transition[r.stage])
		}
		for k, p := range s.cfg.Parameters {
			v := p.Distribution.rand(&w.src)
			w.values[k] = v
			w.draws++
			for _, t := range p.Targets {
				w.set(t, v)
			}
		}
		if s.cfg.Derive != nil {
			s.cfg.Derive(&w.model, w.values)
		}
		if s.cfg.Rows != RedrawRows || attempt == MaxRedraws || !w.rowsExceed() {
			break
		}
	}
	for _, r := range s.rows {
		row := w.model.Class(r.segment, r.class).Transition[r.stage]
		if sum := sim.RowSum(row); sum > 1 {
			for j := range row {
				row[j] /= sum
			}
		}
	}
}

// Draws returns the values trial i of a run with configuration c draws
// for c.Parameters, in order, appended to dst[:0]: the trial's first draw,
// which is its only one unless c.Rows is RedrawRows and a row exceeds 1.
// Tests use it to project a trial's own draws.
func Draws(dst []float64, c Config, i int) []float64 {
	var src rand.PCG
	src.Seed(trialSeed(c.Seed, i))
	dst = dst[:0]
	for _, p := range c.Parameters {
		dst = append(dst, p.Distribution.rand(&src))
	}
	return dst
}

func (w *worker) rowsExceed() bool {
	for _, r := range w.s.rows {
		if sim.RowSum(w.model.Class(r.segment, r.class).Transition[r.stage]) > 1+sim.RowTolerance {
			return true
		}
	}
	return false
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
		m.Class(t.Segment, t.Class).Transition[t.Stage][t.To] = v
	case Revenue:
		m.Class(t.Segment, t.Class).Stages[t.Stage].Revenue = v
	case CostToServe:
		m.Class(t.Segment, t.Class).Stages[t.Stage].CostToServe = v
	case RetentionSpend:
		m.Class(t.Segment, t.Class).Stages[t.Stage].RetentionSpend = v
	case PriceDiscount:
		m.Class(t.Segment, t.Class).Stages[t.Stage].PriceDiscount = v
	case BadDebt:
		m.Class(t.Segment, t.Class).Stages[t.Stage].BadDebt = v
	case AcquisitionCost:
		m.Class(t.Segment, t.Class).AcquisitionCost = v
	case WinbackRate:
		m.Winback.Rate = v
	case WinbackCost:
		m.Winback.CostPerCustomer = v
	case RevenueGrowth:
		m.Class(t.Segment, t.Class).Stages[t.Stage].RevenueGrowth = v
	case RevenueCap:
		m.Class(t.Segment, t.Class).Stages[t.Stage].RevenueCap = max(1, v)
	case Renewal:
		m.Class(t.Segment, t.Class).Stages[t.Stage].Renewal = v
	case RenewalDiscount:
		m.Class(t.Segment, t.Class).Stages[t.Stage].RenewalDiscount = v
	case Referrals:
		m.Class(t.Segment, t.Class).Stages[t.Stage].Referrals = min(v, MaxReferrals)
	case ReferralReward:
		m.Class(t.Segment, t.Class).Stages[t.Stage].ReferralReward = v
	}
}
