package uncertainty

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"

	"clvlab/sim"
)

// Family names a family of distributions for an uncertain parameter.
type Family int

const (
	// Beta is Beta(α, β) on [0, 1], for probabilities and fractions; its
	// mean is α/(α+β).
	Beta Family = iota + 1
	// Gamma is the gamma distribution with shape k and scale θ on [0, ∞),
	// for money amounts; its mean is k·θ.
	Gamma
	// LogNormal is exp(N(μ, σ²)) on (0, ∞), for money amounts; its mean is
	// exp(μ + σ²/2).
	LogNormal
	// Point is the value A, always: a distribution of zero spread, which
	// still goes through a trial's draws (B is unused). A scenario file
	// cannot give one (sd = 0 there is a plain number); tests use it to
	// check that the draws change nothing but the drawn values.
	Point
)

// String returns "beta", "gamma" or "lognormal".
func (f Family) String() string {
	switch f {
	case Beta:
		return "beta"
	case Gamma:
		return "gamma"
	case LogNormal:
		return "lognormal"
	case Point:
		return "point"
	}
	return fmt.Sprintf("Family(%d)", int(f))
}

// MaxShape bounds the shape parameters of a distribution (Beta's α and β,
// Gamma's k): beyond it a distribution is a fixed value for every purpose,
// and the gamma sampler's arithmetic would lose its meaning.
const MaxShape = 1e9

// MaxSigma bounds a log-normal's σ: at σ = 3 the mean is already e^4.5 ≈ 90
// times the median.
const MaxSigma = 3

// Distribution is the distribution of one uncertain parameter: a family and
// its two parameters, A and B.
//
//   - Beta: A = α > 0, B = β > 0.
//   - Gamma: A = shape k > 0, B = scale θ > 0.
//   - LogNormal: A = μ (any finite number), B = σ in (0, MaxSigma].
//   - Point: A = the value, in [0, sim.MaxAmount]; B is unused.
type Distribution struct {
	Family Family
	A, B   float64
}

// BetaWithMoments returns the Beta distribution with the given mean and
// standard deviation (method of moments: ν = m(1−m)/sd² − 1, α = m·ν,
// β = (1−m)·ν). ok is false unless 0 < m < 1 and 0 < sd² < m(1−m).
func BetaWithMoments(mean, sd float64) (d Distribution, ok bool) {
	v := mean * (1 - mean)
	if !(mean > 0 && mean < 1 && sd > 0 && sd*sd < v) {
		return Distribution{}, false
	}
	nu := v/(sd*sd) - 1
	return Distribution{Family: Beta, A: mean * nu, B: (1 - mean) * nu}, true
}

// GammaWithMoments returns the gamma distribution with the given mean and
// standard deviation (shape k = m²/sd², scale θ = sd²/m). ok is false unless
// m > 0 and sd > 0.
func GammaWithMoments(mean, sd float64) (d Distribution, ok bool) {
	if !(mean > 0 && sd > 0) || math.IsInf(mean, 0) || math.IsInf(sd, 0) {
		return Distribution{}, false
	}
	return Distribution{Family: Gamma, A: mean * mean / (sd * sd), B: sd * sd / mean}, true
}

// Mean returns the distribution's mean: the value the deterministic engine
// uses.
func (d Distribution) Mean() float64 {
	switch d.Family {
	case Beta:
		return d.A / (d.A + d.B)
	case Gamma:
		return d.A * d.B
	case LogNormal:
		return math.Exp(d.A + d.B*d.B/2)
	case Point:
		return d.A
	}
	return math.NaN()
}

// StdDev returns the distribution's standard deviation.
func (d Distribution) StdDev() float64 {
	switch d.Family {
	case Beta:
		s := d.A + d.B
		return math.Sqrt(d.A * d.B / (s * s * (s + 1)))
	case Gamma:
		return math.Sqrt(d.A) * d.B
	case LogNormal:
		s2 := d.B * d.B
		return math.Sqrt(math.Expm1(s2)) * math.Exp(d.A+s2/2)
	case Point:
		return 0
	}
	return math.NaN()
}

// Validate reports whether the distribution's parameters are in range.
func (d Distribution) Validate() error {
	finite := !math.IsNaN(d.A) && !math.IsInf(d.A, 0) && !math.IsNaN(d.B) && !math.IsInf(d.B, 0)
	switch {
	case !finite:
		return fmt.Errorf("%v parameters %v and %v must be finite", d.Family, d.A, d.B)
	case d.Family == Beta && !(d.A > 0 && d.A <= MaxShape && d.B > 0 && d.B <= MaxShape):
		return fmt.Errorf("beta parameters α = %v and β = %v must be in (0, %g]", d.A, d.B, float64(MaxShape))
	case d.Family == Gamma && !(d.A > 0 && d.A <= MaxShape && d.B > 0):
		return fmt.Errorf("gamma shape %v must be in (0, %g] and scale %v positive", d.A, float64(MaxShape), d.B)
	case d.Family == LogNormal && !(d.B > 0 && d.B <= MaxSigma):
		return fmt.Errorf("lognormal σ = %v must be in (0, %d]", d.B, MaxSigma)
	case d.Family == Point && !(d.A >= 0):
		return fmt.Errorf("point value %v must be at least 0", d.A)
	case d.Family != Beta && d.Family != Gamma && d.Family != LogNormal && d.Family != Point:
		return fmt.Errorf("unknown distribution family %d", int(d.Family))
	case !(d.Mean() <= sim.MaxAmount):
		return fmt.Errorf("%v mean %v exceeds %g", d.Family, d.Mean(), sim.MaxAmount)
	}
	return nil
}

// rand draws one value with gonum's samplers.
func (d Distribution) rand(src rand.Source) float64 {
	switch d.Family {
	case Beta:
		return distuv.Beta{Alpha: d.A, Beta: d.B, Src: src}.Rand()
	case Gamma:
		return distuv.Gamma{Alpha: d.A, Beta: 1 / d.B, Src: src}.Rand()
	case Point:
		return d.A
	default:
		return distuv.LogNormal{Mu: d.A, Sigma: d.B, Src: src}.Rand()
	}
}

// Quantity says which number of a sim.Model a Slot is.
type Quantity int

const (
	// TransitionProbability is Class(Segment, Class).Transition[Stage][To]
	// (sim.Model.Class: the segment itself for one without classes), and
	// so on for the others.
	TransitionProbability Quantity = iota + 1
	// Revenue is Segments[Segment].Stages[Stage].Revenue.
	Revenue
	// CostToServe is Segments[Segment].Stages[Stage].CostToServe.
	CostToServe
	// RetentionSpend is Segments[Segment].Stages[Stage].RetentionSpend.
	RetentionSpend
	// PriceDiscount is Segments[Segment].Stages[Stage].PriceDiscount.
	PriceDiscount
	// AcquisitionCost is Segments[Segment].AcquisitionCost.
	AcquisitionCost
	// WinbackRate is Winback.Rate.
	WinbackRate
	// WinbackCost is Winback.CostPerCustomer.
	WinbackCost
	// BadDebt is Segments[Segment].Stages[Stage].BadDebt.
	BadDebt
	// RevenueGrowth is Class(Segment, Class).Stages[Stage].RevenueGrowth,
	// RevenueCap its cap (a draw below 1 is 1), Renewal the renewal
	// probability and RenewalDiscount the renewal discount (sim's
	// tenure.go).
	RevenueGrowth
	RevenueCap
	Renewal
	RenewalDiscount
	// Referrals is Class(Segment, Class).Stages[Stage].Referrals (a draw
	// above MaxReferrals is MaxReferrals), ReferralReward the reward per
	// referred customer (sim's referral.go).
	Referrals
	ReferralReward
)

// MaxReferrals caps a drawn Referrals: a scenario's referrals are at
// most 10 new customers per customer and period, and a draw from a
// distribution's tail is capped there, as a drawn amount is capped at
// sim.MaxAmount.
const MaxReferrals = 10

// fraction reports whether q is a probability or fraction in [0, 1].
func (q Quantity) fraction() bool {
	return q == TransitionProbability || q == PriceDiscount || q == WinbackRate || q == BadDebt || q == RevenueGrowth || q == Renewal
}

// staged reports whether q is a number of one stage: a transition or a
// stage's economics.
func (q Quantity) staged() bool { return q <= PriceDiscount || q >= BadDebt }

// lastQuantity is the highest Quantity.
const lastQuantity = ReferralReward

// Slot names one number of a sim.Model.
type Slot struct {
	Quantity Quantity
	// Segment is the segment index; win-back slots ignore it.
	Segment int
	// Class is the class index within a segment with classes
	// (sim.Model.Class), 0 for a segment without; win-back slots ignore
	// it.
	Class int
	// Stage is the stage index: a transition's origin, or the stage whose
	// economics the slot is. Acquisition and win-back slots ignore it.
	Stage int
	// To is a transition's destination stage; other slots ignore it.
	To int
}

// Target is a slot a parameter writes, and the factor applied to the draw.
type Target struct {
	Slot
	// Scale multiplies the draw before it is written: a segment's multiplier
	// for money amounts, 1 for probabilities and fractions (which must use
	// 1). The written amount is capped at sim.MaxAmount.
	Scale float64
}

// Parameter is one uncertain input: a distribution, drawn once per trial,
// and the slots of the model it sets. One parameter may set several slots:
// a stage's revenue sets that stage's revenue in every segment that does not
// override it, each times the segment's revenue multiplier. A parameter
// that sets no slot is allowed with Config.Derive, which reads its draw
// (a response curve's p0).
type Parameter struct {
	// Name says where the parameter comes from, for messages, e.g.
	// "stage.stability.to.stability".
	Name         string
	Distribution Distribution
	Targets      []Target
}

// RowRule says what a trial does when its drawn transition probabilities
// make a row sum to more than 1.
type RowRule int

const (
	// ScaleRows divides such a row by its sum: the row keeps the proportions
	// between its destinations and nobody churns from that stage in that
	// trial. This is the default.
	ScaleRows RowRule = iota
	// RedrawRows draws all of the trial's parameters again, up to
	// MaxRedraws times, until no row exceeds 1 (the trial's parameters are
	// then drawn from their joint distribution conditioned on valid rows);
	// rows still above 1 after that are scaled as by ScaleRows.
	RedrawRows
)

// MaxRedraws caps the redraws of RedrawRows.
const MaxRedraws = 100

// String returns "scale" or "redraw".
func (r RowRule) String() string {
	if r == RedrawRows {
		return "redraw"
	}
	return "scale"
}

// ParseRowRule returns the rule named "scale" or "redraw".
func ParseRowRule(s string) (RowRule, bool) {
	switch s {
	case "scale":
		return ScaleRows, true
	case "redraw":
		return RedrawRows, true
	}
	return ScaleRows, false
}

// validateParameters checks every parameter against the model.
func validateParameters(m *sim.Model, params []Parameter, derive bool) error {
	var errs []error
	n, segs := len(m.StageIDs), len(m.Segments)
	for _, p := range params {
		bad := func(format string, args ...any) {
			errs = append(errs, fmt.Errorf("uncertainty: parameter %q: "+format, append([]any{p.Name}, args...)...))
		}
		if err := p.Distribution.Validate(); err != nil {
			bad("%v", err)
		}
		if len(p.Targets) == 0 && !derive {
			bad("sets no slot of the model")
		}
		for _, t := range p.Targets {
			q := t.Quantity
			switch {
			case q < TransitionProbability || q > lastQuantity:
				bad("unknown quantity %d", int(q))
				continue
			case q != WinbackRate && q != WinbackCost && (t.Segment < 0 || t.Segment >= segs):
				bad("segment %d out of range [0, %d)", t.Segment, segs)
			case q != WinbackRate && q != WinbackCost && (t.Class < 0 || t.Class >= m.Segments[t.Segment].ClassCount()):
				bad("class %d out of range [0, %d) in segment %d", t.Class, m.Segments[t.Segment].ClassCount(), t.Segment)
			case q.staged() && (t.Stage < 0 || t.Stage >= n):
				bad("stage %d out of range [0, %d)", t.Stage, n)
			case q == TransitionProbability && (t.To < 0 || t.To >= n):
				bad("destination stage %d out of range [0, %d)", t.To, n)
			}
			if f := p.Distribution.Family; q.fraction() && (t.Scale != 1 || f != Beta && !(f == Point && p.Distribution.A <= 1)) {
				bad("a probability or fraction needs a Beta distribution and scale 1")
			}
			if !(t.Scale >= 0 && t.Scale <= MaxScale) {
				bad("scale %v must be in [0, %g]", t.Scale, float64(MaxScale))
			}
		}
	}
	return errors.Join(errs...)
}

// MaxScale bounds a target's Scale (scenario multipliers are at most 1000).
const MaxScale = 1e6
