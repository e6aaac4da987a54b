package explain

import "clvlab/sim"

// ExistingStage is today's customer base in one stage (sim.Segment's
// Existing) explained: how many there are at period 0, all segments and
// classes together, and what one of them is worth.
type ExistingStage struct {
	Stage     int     // the stage index
	Customers float64 // X_i: today's customers in the stage at period 0
	// Value is V_i, the present value at period 0 of one of them over the
	// horizon: its margins (and the win-back spend on it once lost),
	// discounted as sim discounts the existing layer, with no acquisition
	// cost; the mean over the segments and classes weighted by their
	// customers in the stage. Customers × Value summed over the stages is
	// sim's Summary.CustomerEquityExisting.
	Value float64
}

// Existing returns the stages of the valid model m that hold existing
// customers, in stage order; none when m has no existing base. It
// follows one customer from each such stage through the horizon, as
// Table.Fill follows a new one from the entry stage.
func Existing(m *sim.Model) []ExistingStage {
	n, h := len(m.StageIDs), m.Horizon
	var count, worth []float64 // by stage: X_i and Σ X_gi·V_gi over groups g
	disc, _ := m.DiscountFactors()
	var c *sim.Chain
	for s := range m.Segments {
		for k := range m.Segments[s].ClassCount() {
			g := m.Class(s, k)
			c = sim.ChainOf(c, m, g) // sim's chain: tenure states too (today's customers start at tenure 0)
			u, next := make([]float64, c.States()), make([]float64, c.States())
			for i, x := range g.Existing {
				if x == 0 {
					continue
				}
				if count == nil {
					count, worth = make([]float64, n), make([]float64, n)
				}
				clear(u)
				u[i] = 1
				v := 0.0
				for τ := range h {
					flow := 0.0
					for j, y := range u {
						flow += y * c.Reward(j)
					}
					v += flow * disc[τ]
					step(next, u, c)
					u, next = next, u
				}
				count[i] += x
				worth[i] += x * v
			}
		}
	}
	var out []ExistingStage
	for i, x := range count {
		if x > 0 {
			out = append(out, ExistingStage{Stage: i, Customers: x, Value: worth[i] / x})
		}
	}
	return out
}
