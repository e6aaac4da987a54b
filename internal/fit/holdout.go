package fit

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"clvlab/internal/records"
)

// Bins is the number of calibration-frequency bins of a holdout check:
// customers with 0, 1, …, Bins−2 repeat purchases, and Bins−1 or more.
const Bins = 8

// BinLabel is the label of frequency bin i: "0", …, "6", "7+".
func BinLabel(i int) string {
	if i == Bins-1 {
		return fmt.Sprintf("%d+", i)
	}
	return fmt.Sprint(i)
}

// Bin is one calibration-frequency bin of a holdout check: its customers'
// mean purchases in the holdout, actual and as a model expects them given
// each customer's calibration history.
type Bin struct {
	Customers        float64 // weighted
	Actual, Expected float64 // means over the bin's customers
}

// Validation is how well a purchase model predicts a holdout.
type Validation struct {
	// Bins are the conditional expectations by calibration frequency
	// (0, 1, …, 7+).
	Bins [Bins]Bin
	// BinMAE is the mean, over the bins that hold customers, of
	// |expected − actual|.
	BinMAE float64
	// Actual and Expected are the repeat purchases of all customers in the
	// holdout: counted, and as the model expects them of customers first
	// seen when they were, Σ_i (E[X(T_i + holdout)] − E[X(T_i)]) (the
	// tracking plot's holdout stretch).
	Actual, Expected float64
	// Error is (Expected − Actual) / Actual: the error of the cumulative
	// holdout purchases (NaN when there are none).
	Error float64
}

// Validate checks m against the holdout of s (s.Holdout > 0).
func Validate(m Purchases, s *records.Summary) Validation {
	var v Validation
	h := s.Holdout
	ex := newExpectation(m)
	// Customers with the same history expect the same: each distinct
	// (x, t_x, T) is computed once.
	type history struct{ x, tx, t float64 }
	expected := map[history]float64{}
	for _, c := range s.Customers {
		w := c.Count()
		i := min(int(c.Frequency), Bins-1)
		b := &v.Bins[i]
		b.Customers += w
		b.Actual += w * c.HoldoutFrequency
		key := history{c.Frequency, c.Recency, c.T}
		e, ok := expected[key]
		if !ok {
			e = m.ConditionalPurchases(c, h)
			expected[key] = e
		}
		b.Expected += w * e
		v.Actual += w * c.HoldoutFrequency
		v.Expected += w * (ex.at(c.T+h) - ex.at(c.T))
	}
	n := 0
	for i := range v.Bins {
		b := &v.Bins[i]
		if b.Customers == 0 {
			continue
		}
		b.Actual /= b.Customers
		b.Expected /= b.Customers
		v.BinMAE += math.Abs(b.Expected - b.Actual)
		n++
	}
	if n > 0 {
		v.BinMAE /= float64(n)
	}
	v.Error = math.NaN()
	if v.Actual > 0 {
		v.Error = (v.Expected - v.Actual) / v.Actual
	}
	return v
}

// Tracking is the expected repeat purchases of the customer base in each
// period since s.Start, over calibration and holdout, aligned with
// s.Repeat: period k ends at k+1 units (the last at the end of the data),
// and a customer first seen at s_i = (calibration end − Start) − T_i
// contributes E[X(t − s_i)] by time t. Nil when s has no per-period counts
// (a summary file).
func Tracking(m Purchases, s *records.Summary) []float64 {
	if len(s.Repeat) == 0 || s.Start.IsZero() || s.CalibrationEnd.IsZero() {
		return nil
	}
	calibration := s.Unit.Since(s.Start, s.CalibrationEnd)
	end := calibration + s.Holdout
	// Customers first seen at the same time are one group.
	starts := map[float64]float64{}
	for _, c := range s.Customers {
		starts[calibration-c.T] += c.Count()
	}
	keys := make([]float64, 0, len(starts))
	for k := range starts {
		keys = append(keys, k)
	}
	sort.Float64s(keys)
	ex := newExpectation(m)
	cumulative := func(t float64) float64 {
		total := 0.0
		for _, s0 := range keys {
			if t > s0 {
				total += starts[s0] * ex.at(t-s0)
			}
		}
		return total
	}
	out := make([]float64, len(s.Repeat))
	prev := 0.0
	for k := range out {
		c := cumulative(math.Min(float64(k+1), end))
		out[k] = c - prev
		prev = c
	}
	return out
}

// expectation caches a model's E[X(t)] by t.
type expectation struct {
	m    Purchases
	seen map[float64]float64
}

func newExpectation(m Purchases) *expectation {
	return &expectation{m: m, seen: map[float64]float64{}}
}

func (e *expectation) at(t float64) float64 {
	if t <= 0 {
		return 0
	}
	if v, ok := e.seen[t]; ok {
		return v
	}
	v := e.m.ExpectedPurchases(t)
	e.seen[t] = v
	return v
}

// Candidate is a fitted purchase model the command can choose from.
type Candidate struct {
	Result Result
	// Validation is the model's holdout check; nil without a holdout.
	Validation *Validation
}

// Choose picks the purchase model whose predictions to use: with a
// holdout, the one whose cumulative holdout purchases are nearest the
// actual ones (|Error| smallest); without, the one with the smallest BIC.
// It returns the index of the chosen candidate and why, in words.
func Choose(cs []Candidate) (int, string) {
	if len(cs) == 0 {
		return -1, ""
	}
	if len(cs) == 1 {
		c := cs[0]
		if c.Validation != nil {
			return 0, fmt.Sprintf("%s is the only purchase model fitted; its cumulative holdout purchases are off by %s (%s expected, %s actual)",
				Name(c.Result.Model), signedPercent(c.Validation.Error), round(c.Validation.Expected), round(c.Validation.Actual))
		}
		return 0, fmt.Sprintf("%s is the only purchase model fitted", Name(c.Result.Model))
	}
	best := 0
	validated := true
	for _, c := range cs {
		validated = validated && c.Validation != nil && !math.IsNaN(c.Validation.Error)
	}
	if validated {
		for i, c := range cs {
			if math.Abs(c.Validation.Error) < math.Abs(cs[best].Validation.Error) {
				best = i
			}
		}
		why := fmt.Sprintf("%s predicts the cumulative holdout purchases best: off by %s (%s expected, %s actual)",
			Name(cs[best].Result.Model), signedPercent(cs[best].Validation.Error), round(cs[best].Validation.Expected), round(cs[best].Validation.Actual))
		for i, c := range cs {
			if i != best {
				why += fmt.Sprintf("; %s by %s", Name(c.Result.Model), signedPercent(c.Validation.Error))
			}
		}
		return best, why
	}
	for i, c := range cs {
		if c.Result.BIC < cs[best].Result.BIC {
			best = i
		}
	}
	reason := "no holdout"
	if cs[0].Validation != nil {
		reason = "no purchases in the holdout"
	}
	why := fmt.Sprintf(reason+", so by BIC: %s has the lowest (%s)", Name(cs[best].Result.Model), round(cs[best].Result.BIC))
	for i, c := range cs {
		if i != best {
			why += fmt.Sprintf("; %s %s", Name(c.Result.Model), round(c.Result.BIC))
		}
	}
	return best, why
}

func signedPercent(x float64) string {
	if math.IsNaN(x) {
		return "an undefined share (no holdout purchases)"
	}
	return fmt.Sprintf("%+.1f%%", 100*x)
}

// round formats x to one decimal with its thousands grouped, as the
// terminal table and the page write numbers: 1,745.1.
func round(x float64) string {
	s := strconv.FormatFloat(x, 'f', 1, 64)
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return sign + b.String() + "." + frac
}
