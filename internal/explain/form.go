package explain

import "clvlab/sim"

// Form is the closed form that explains a model's CLV.
type Form int

const (
	// Markov: the tenure table, and the fundamental-matrix form of the
	// infinite-horizon CLV. Every model that is neither of the others.
	Markov Form = iota
	// Annuity: one segment, one stage nobody leaves, no win-back; CLV is
	// the present value of an annuity, P·(1 − (1+r)^−n)/r.
	Annuity
	// MarginMultiple: one segment, one stage kept with a constant
	// retention below 1, no win-back; CLV is the margin multiple,
	// m·(1 − (r/(1+i))^n)/(1 + i − r), shown beside the tenure table.
	MarginMultiple
)

// String returns "markov", "annuity" or "margin multiple".
func (f Form) String() string {
	switch f {
	case Annuity:
		return "annuity"
	case MarginMultiple:
		return "margin multiple"
	default:
		return "markov"
	}
}

// FormOf returns the form that explains the valid model m. A model with
// several segments is Markov even when each segment has one stage: its
// CLV is the share-weighted sum the tenure table mixes; so is a model
// whose revenue grows with tenure or that renews contracts.
func FormOf(m *sim.Model) Form {
	if len(m.StageIDs) != 1 || mixed(m) || m.Winback.Rate > 0 || m.TenureStates() > 1 {
		return Markov // with the tenure levers, the margin changes with tenure
	}
	if retention(m) >= 1 {
		return Annuity
	}
	return MarginMultiple
}

// mixed reports whether m's CLV mixes several chains: several segments,
// or a segment's latent classes.
func mixed(m *sim.Model) bool {
	return len(m.Segments) > 1 || len(m.Segments[0].Classes) > 0
}

// retention returns the share of the one stage's customers that stay,
// Transition[0][0], of a one-stage, one-segment model.
func retention(m *sim.Model) float64 { return m.Segments[0].Transition[0][0] }
