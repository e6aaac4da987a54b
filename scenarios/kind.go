package scenarios

// Kind says what kind of number a parameter is: how it is shown (a
// percentage, money, a count) and, for an uncertain value, which
// distributions fit it. The values a parameter may take are its registry
// entry's (Param.Min, Param.Max).
type Kind int

const (
	// Money is an amount of money per customer (or per period, for a
	// budget), in the scenario's currency.
	Money Kind = iota + 1
	// Count is a number of customers per period.
	Count
	// Fraction is a share: a price discount, the win-back rate, a
	// segment's share of new customers.
	Fraction
	// Probability is a transition probability per period; its row may
	// not sum to more than 1.
	Probability
	// Rate is an annual rate: the discount rate.
	Rate
	// Periods is a whole number of periods: the horizon, the win-back
	// window.
	Periods
	// Multiplier is a segment multiplier.
	Multiplier
	// Number is a plain number per customer and period: a stage's
	// expected purchases.
	Number
)

// Percent reports whether values of the kind are shown, and typed, as
// percentages: probabilities, fractions and rates.
func (k Kind) Percent() bool { return k == Fraction || k == Probability || k == Rate }

// Unbounded reports whether the kind has no natural upper bound (money,
// counts and multipliers), so an analysis needs a range to search in.
func (k Kind) Unbounded() bool { return k == Money || k == Count || k == Multiplier || k == Number }

// example returns a value of the kind, as a message shows one.
func (k Kind) example() string {
	switch k {
	case Money:
		return "40"
	case Count:
		return "1000"
	case Fraction:
		return "0.1"
	case Probability:
		return "0.8"
	case Rate:
		return "0.10"
	case Periods:
		return "36"
	case Multiplier:
		return "1.5"
	case Number:
		return "0.4"
	}
	return "1"
}

// String returns "money", "count", "fraction", "probability", "rate",
// "periods", "multiplier" or "number".
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
	case Number:
		return "number"
	}
	return "unknown"
}
