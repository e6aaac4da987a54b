package scenarios

import "clvlab/sim"

// Kind says what kind of number a parameter is: which values it may take,
// how it is shown (a percentage, money, a count) and, for an uncertain
// value, which distributions fit it.
type Kind int

const (
	// Money is an amount of money per customer (or per period, for a
	// budget), in the scenario's currency: [0, sim.MaxAmount].
	Money Kind = iota + 1
	// Count is a number of customers per period: [0, sim.MaxAmount].
	Count
	// Fraction is a share in [0, 1]: a price discount, the win-back rate,
	// a segment's share of new customers.
	Fraction
	// Probability is a transition probability per period in [0, 1]; its
	// row may not sum to more than 1.
	Probability
	// Rate is an annual rate in [0, 1]: the discount rate.
	Rate
	// Periods is a whole number of periods: the horizon, the win-back
	// window.
	Periods
	// Multiplier is a segment multiplier in [0, MaxMultiplier].
	Multiplier
)

// Min returns the smallest value of the kind: 0.
func (k Kind) Min() float64 { return 0 }

// Max returns the largest value of the kind: 1 for shares, probabilities
// and rates, MaxMultiplier for multipliers, sim.MaxHorizon for periods,
// sim.MaxAmount otherwise.
func (k Kind) Max() float64 {
	switch k {
	case Fraction, Probability, Rate:
		return 1
	case Multiplier:
		return MaxMultiplier
	case Periods:
		return sim.MaxHorizon
	}
	return sim.MaxAmount
}

// Percent reports whether values of the kind are shown, and typed, as
// percentages: probabilities, fractions and rates.
func (k Kind) Percent() bool { return k == Fraction || k == Probability || k == Rate }

// Unbounded reports whether the kind has no natural upper bound (money,
// counts and multipliers), so an analysis needs a range to search in.
func (k Kind) Unbounded() bool { return k == Money || k == Count || k == Multiplier }

// what names the kind in messages; money and counts are "an amount", a
// rate "a fraction", as messages have always said.
func (k Kind) what() string {
	switch k {
	case Fraction, Rate:
		return "a fraction"
	case Probability:
		return "a probability"
	case Multiplier:
		return "a multiplier"
	case Periods:
		return "a number of periods"
	}
	return "an amount"
}

// String returns "money", "count", "fraction", "probability", "rate",
// "periods" or "multiplier".
func (k Kind) String() string {
	switch k {
	case Money:
		return "money"
	case Count:
		return "count"
	case Fraction:
		return "fraction"
	case Probability:
		return "probability"
	case Rate:
		return "rate"
	case Periods:
		return "periods"
	case Multiplier:
		return "multiplier"
	}
	return "unknown"
}
