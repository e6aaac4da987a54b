package scenarios

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"clvlab/sim"
)

// ParameterKind says what kind of number a parameter is, and so which
// values it may take.
type ParameterKind int

const (
	// Amount is money or customers: [0, sim.MaxAmount].
	Amount ParameterKind = iota + 1
	// Fraction is a share in [0, 1]: a price discount, the discount rate,
	// the win-back rate.
	Fraction
	// Probability is a transition probability in [0, 1]; its row may not
	// sum to more than 1.
	Probability
	// Multiplier is a segment multiplier in [0, MaxMultiplier].
	Multiplier
)

func (k ParameterKind) min() float64 { return 0 }

func (k ParameterKind) max() float64 {
	switch k {
	case Fraction, Probability:
		return 1
	case Multiplier:
		return MaxMultiplier
	}
	return sim.MaxAmount
}

// what names the kind in messages.
func (k ParameterKind) what() string {
	switch k {
	case Fraction:
		return "a fraction"
	case Probability:
		return "a probability"
	case Multiplier:
		return "a multiplier"
	}
	return "an amount"
}

// String returns "amount", "fraction", "probability" or "multiplier".
func (k ParameterKind) String() string {
	return strings.TrimPrefix(strings.TrimPrefix(k.what(), "an "), "a ")
}

// Parameter is one number of a scenario that the what-if analyses move.
type Parameter struct {
	Path  string // in the variant path syntax, e.g. "stage.stability.to.stability"
	Kind  ParameterKind
	Value float64 // its value in the scenario (what the model uses)
	// Min and Max bound the values it may take: its kind's domain, with a
	// transition probability's Max lowered so that its row, as written,
	// stays at most 1 in the stage and in every segment.
	Min, Max float64
}

// Parameter returns the number at path, in the variant path syntax, with
// the values it may take. A segment override not written falls back to
// the stage's value and a `to` entry not written is 0, as in the model.
// It fails, saying why, for paths that name no number the analyses can
// move continuously: text, ids, whole numbers (horizon, winback.window),
// segment shares (they must sum to 1), a new_customers list of several
// values, and targets of a [[response]] (move its lever instead).
func (s *Scenario) Parameter(path string) (Parameter, error) {
	p := Parameter{Path: path}
	x, kind, err := s.number(strings.Split(path, "."))
	if err != nil {
		return p, err
	}
	p.Value, p.Kind, p.Min, p.Max = x, kind, kind.min(), kind.max()
	if kind == Probability {
		p.Max = math.Max(math.Min(p.Max, s.rowRoom(path)), math.Min(x, 1))
	}
	return p, nil
}

// number returns the value and kind at the path parts.
func (s *Scenario) number(parts []string) (float64, ParameterKind, error) {
	fail := func(format string, args ...any) (float64, ParameterKind, error) {
		return 0, 0, fmt.Errorf(format, args...)
	}
	path := strings.Join(parts, ".")
	if err := s.Clone().Set(path, 0.5); err != nil {
		var msg string
		if _, after, ok := strings.Cut(err.Error(), ": "); ok {
			msg = after
		}
		if msg == "" || strings.Contains(msg, "expected a string") || strings.Contains(msg, "expected a whole number") || strings.Contains(msg, "at least 1 period") || strings.Contains(msg, "cannot rename") {
			return fail("not a number the analyses can move (they move money, fractions and probabilities)")
		}
		return 0, 0, errors.New(msg)
	}
	if r := s.responseFor(path); r != nil {
		return fail("set by the [[response]] curve of %s; move the lever instead", r.Lever)
	}
	switch parts[0] {
	case "discount_rate":
		return s.DiscountRate, Fraction, nil
	case "acquisition":
		switch parts[1] {
		case "cost_per_customer":
			return s.Acquisition.CostPerCustomer, Amount, nil
		case "budget":
			return s.Acquisition.Budget, Amount, nil
		case "new_customers":
			for _, r := range s.Responses {
				if r.Form() == BudgetCurve {
					return fail("set by the [[response]] curve of acquisition.budget; move the budget instead")
				}
			}
			if n := len(s.Acquisition.NewCustomers); n != 1 {
				return fail("a list of %d values; give one value to move it", n)
			}
			return s.Acquisition.NewCustomers[0], Amount, nil
		}
	case "winback":
		switch parts[1] {
		case "rate":
			return s.Winback.Rate, Fraction, nil
		case "cost_per_customer":
			return s.Winback.CostPerCustomer, Amount, nil
		}
	case "stage":
		st := &s.Stages[s.stageIndex(parts[1])]
		if parts[2] == "to" {
			return st.To[parts[3]], Probability, nil
		}
		return stageNumber(st, nil, parts[2])
	case "segment":
		seg := &s.Segments[s.segmentIndex(parts[1])]
		switch parts[2] {
		case "share":
			return fail("segment shares must sum to 1; move a segment's multipliers or its stage overrides instead")
		case "revenue_multiplier":
			return seg.RevenueMultiplier, Multiplier, nil
		case "cost_to_serve_multiplier":
			return seg.CostToServeMultiplier, Multiplier, nil
		case "retention_spend_multiplier":
			return seg.RetentionSpendMultiplier, Multiplier, nil
		case "acquisition_cost_multiplier":
			return seg.AcquisitionCostMultiplier, Multiplier, nil
		case "stage":
			st := &s.Stages[s.stageIndex(parts[3])]
			o := seg.Stage[st.ID]
			if parts[4] == "to" {
				if r := s.responseFor("stage." + st.ID + ".to." + parts[5]); r != nil {
					return fail("set by the [[response]] curve of %s in every segment; move the lever instead", r.Lever)
				}
				if o != nil {
					if p, ok := o.To[parts[5]]; ok {
						return p, Probability, nil
					}
				}
				return st.To[parts[5]], Probability, nil
			}
			return stageNumber(st, o, parts[4])
		}
	}
	return fail("not a number the analyses can move (they move money, fractions and probabilities)")
}

// stageNumber returns a stage's economic value key, overridden by o if o
// sets it.
func stageNumber(st *Stage, o *StageOverride, key string) (float64, ParameterKind, error) {
	pick := func(x float64, ov func(*StageOverride) *float64) float64 {
		if o != nil && ov(o) != nil {
			return *ov(o)
		}
		return x
	}
	switch key {
	case "revenue":
		return pick(st.Revenue, func(o *StageOverride) *float64 { return o.Revenue }), Amount, nil
	case "cost_to_serve":
		return pick(st.CostToServe, func(o *StageOverride) *float64 { return o.CostToServe }), Amount, nil
	case "retention_spend":
		return pick(st.RetentionSpend, func(o *StageOverride) *float64 { return o.RetentionSpend }), Amount, nil
	case "price_discount":
		return pick(st.PriceDiscount, func(o *StageOverride) *float64 { return o.PriceDiscount }), Fraction, nil
	}
	return 0, 0, errors.New("not a number the analyses can move (they move money, fractions and probabilities)")
}

// rowRoom returns the largest value the probability at path (stage.ID.to.DEST
// or segment.ID.stage.ID.to.DEST) may take with every row it enters
// summing to at most 1, as written (a response target counts with its
// written value: the curves never take a row over 1, see applyResponses).
func (s *Scenario) rowRoom(path string) float64 {
	parts := strings.Split(path, ".")
	var stageID, dest, segID string
	if parts[0] == "stage" {
		stageID, dest = parts[1], parts[3]
	} else {
		segID, stageID, dest = parts[1], parts[3], parts[5]
	}
	st := &s.Stages[s.stageIndex(stageID)]
	others := func(row map[string]float64) float64 {
		sum := 0.0
		for d, p := range row {
			if d != dest {
				sum += p
			}
		}
		return sum
	}
	room := 1.0
	if segID == "" {
		room = 1 - others(st.To)
	}
	for _, seg := range s.Segments {
		if segID != "" && seg.ID != segID {
			continue
		}
		o := seg.Stage[stageID]
		if segID == "" && o != nil {
			if _, own := o.To[dest]; own {
				continue // the segment keeps its own value
			}
		}
		row := map[string]float64{}
		for d, p := range st.To {
			row[d] = p
		}
		if o != nil {
			for d, p := range o.To {
				row[d] = p
			}
		}
		room = math.Min(room, 1-others(row))
	}
	return math.Max(0, room)
}

// Parameters returns the numbers the what-if analyses move by default, in
// file order: the discount rate; the acquisition cost, the number of new
// customers (one value, no budget response) or the acquisition budget
// (with one); each stage's revenue, cost to serve, retention spend, price
// discount and every `to` entry written (targets of a [[response]] left
// out: their lever is in the list); the win-back rate and cost. Segment
// values are left out; give them by path.
func (s *Scenario) Parameters() []Parameter {
	var paths []string
	add := func(p string) { paths = append(paths, p) }
	add("discount_rate")
	add("acquisition.cost_per_customer")
	add("acquisition.new_customers")
	add("acquisition.budget")
	for _, st := range s.Stages {
		for _, key := range []string{"revenue", "cost_to_serve", "retention_spend", "price_discount"} {
			add("stage." + st.ID + "." + key)
		}
		for _, dest := range sortedKeys(st.To) {
			add("stage." + st.ID + ".to." + dest)
		}
		for i := range s.Responses {
			r := &s.Responses[i]
			if d := r.Destination(); r.Stage() == st.ID && d != "" {
				if _, written := st.To[d]; !written {
					add(r.Target) // left out below, with the written ones
				}
			}
		}
	}
	add("winback.rate")
	add("winback.cost_per_customer")
	var out []Parameter
	budget := false
	for _, r := range s.Responses {
		budget = budget || r.Form() == BudgetCurve
	}
	for _, p := range paths {
		if p == "acquisition.budget" && !budget {
			continue
		}
		if q, err := s.Parameter(p); err == nil {
			out = append(out, q)
		}
	}
	return out
}
