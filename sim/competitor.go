package sim

import "fmt"

// Competitors in a brand-switching market.
//
// A stage marked in Model.Competitor is a competitor's brand: the
// market's customers who buy from that competitor this period. It has no
// economics (Validate refuses any), its customers are not ours (a Flows
// counts them in Rivals, not Customers, so they are never active
// customers, survival or CLV), and the chain moves them like any other
// stage, so that the market's customers switch between our stages and
// the competitors' along the transition matrix, the Markov
// brand-switching model of the literature. Two rules make the market
// whole:
//
//   - A competitor's customers never leave the market: what a competitor
//     stage's row does not assign stays in that stage (a row written as
//     "to a: 0.3" keeps the other 0.7 with the competitor). Only our
//     customers churn out of the market (into the lost pool, as before).
//   - A move from our stage to a competitor stage is churn to a
//     competitor (Flows.ToRivals), apart from churn out of the market
//     (Flows.Churned); a move from a competitor stage to ours is a win
//     from a competitor (Flows.FromRivals), which costs no win-back spend.
//
// New customers enter, and won-back customers return, at our stages
// only; today's customers of the competitors are a competitor stage's
// Existing customers (its starting share of the market). With the tenure
// levers a competitor's stage has tenure state 0 only, and a win from it
// starts a new relationship at tenure 0 (tenure.go).

// IsCompetitor reports whether stage i is a competitor's stage.
func (m *Model) IsCompetitor(i int) bool {
	return m.Competitor != nil && i >= 0 && i < len(m.Competitor) && m.Competitor[i]
}

// HasCompetitors reports whether any stage is a competitor's.
func (m *Model) HasCompetitors() bool {
	for _, c := range m.Competitor {
		if c {
			return true
		}
	}
	return false
}

// validateCompetitors checks the competitor flags: one per stage, at
// least one stage of ours, new and won-back customers entering ours, and
// no economics in a competitor stage.
func (m *Model) validateCompetitors() []error {
	if m.Competitor == nil {
		return nil
	}
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf("sim: "+format, args...)) }
	n := len(m.StageIDs)
	if len(m.Competitor) != n {
		bad("%d competitor flags for %d stages", len(m.Competitor), n)
		return errs
	}
	ours := 0
	for _, c := range m.Competitor {
		if !c {
			ours++
		}
	}
	if ours == 0 {
		bad("every stage is a competitor's; at least one must be ours")
	}
	if m.IsCompetitor(m.Entry) {
		bad("entry stage %q is a competitor's; new customers enter one of our stages", m.StageIDs[m.Entry])
	}
	if m.Winback.Rate > 0 && m.IsCompetitor(m.Winback.To) {
		bad("win-back stage %q is a competitor's; won-back customers return to one of our stages", m.StageIDs[m.Winback.To])
	}
	for s := range m.Segments {
		for k := range m.Segments[s].ClassCount() {
			seg := m.Class(s, k)
			for i, e := range seg.Stages {
				if m.IsCompetitor(i) && e != (Economics{Renewal: e.Renewal}) { // a renewal is unused without contracts (tenure.go)
					bad("segment %q: stage %q is a competitor's and has economics %+v; a competitor stage has no revenue, cost, spend, discount or purchases of ours", m.Segments[s].ID, m.StageIDs[i], e)
				}
			}
		}
	}
	return errs
}

// isRival reports whether stage i of the chain is a competitor's.
func (c *Chain) isRival(i int) bool { return c.rival != nil && i < c.n && c.rival[i] }

// rivalStays returns what the row of stage i leaves unassigned when i is
// a competitor's stage (its customers stay there), and 0 otherwise.
func (c *Chain) rivalStays(row []float64, i int) float64 {
	if !c.isRival(i) {
		return 0
	}
	sum := 0.0
	for _, p := range row {
		sum += p
	}
	return max(0, 1-sum)
}

// crossing returns the share of active state i's customers moving to the other
// side of the market each period, from the chain's moves: from our stage
// to competitor stages, or from a competitor stage to ours. It is 0
// without competitors.
func (c *Chain) crossing(i int) float64 {
	if c.rival == nil {
		return 0
	}
	x := 0.0
	for _, mv := range c.moves[i] {
		if mv.To != Gone && mv.To < c.active && c.rival[mv.To%c.n] != c.rival[i%c.n] { // i, mv.To: active states (tenure.go)
			x += mv.P
		}
	}
	return x
}
