package sim

import (
	"errors"
	"fmt"
	"math"
)

// Period is the length of one simulation step. A year is 365.25 days, a
// week 7 days and a day 1.
type Period int

const (
	Month   Period = iota // twelve periods a year (the default)
	Quarter               // four periods a year
	Year                  // one period a year
	Week                  // 7 days: 365.25/7 periods a year
	Day                   // 365.25 periods a year
)

// PerYear returns the number of periods in a year: 12, 4, 1, 365.25/7
// or 365.25.
func (p Period) PerYear() float64 {
	switch p {
	case Quarter:
		return 4
	case Year:
		return 1
	case Week:
		return daysPerYear / 7
	case Day:
		return daysPerYear
	default:
		return 12
	}
}

// daysPerYear is the length of a year in days.
const daysPerYear = 365.25

// Years returns the length of one period in years: 1/12, 1/4, 1,
// 7/365.25 or 1/365.25.
func (p Period) Years() float64 {
	switch p {
	case Week:
		return 7 / daysPerYear
	case Day:
		return 1 / daysPerYear
	}
	return 1 / p.PerYear()
}

// String returns "month", "quarter", "year", "week" or "day".
func (p Period) String() string {
	switch p {
	case Quarter:
		return "quarter"
	case Year:
		return "year"
	case Week:
		return "week"
	case Day:
		return "day"
	default:
		return "month"
	}
}

// Periods lists the periods by name, in the order messages list them.
var Periods = []Period{Day, Week, Month, Quarter, Year}

// ParsePeriod returns the Period named "day", "week", "month", "quarter"
// or "year".
func ParsePeriod(s string) (Period, bool) {
	for _, p := range Periods {
		if p.String() == s {
			return p, true
		}
	}
	return Month, false
}

// CashTiming says when within a period its operating cash flows fall.
type CashTiming int

const (
	// CashEnd discounts period t's margin by (1+d)^−(t+1) (the default).
	CashEnd CashTiming = iota
	// CashStart discounts period t's margin by (1+d)^−t.
	CashStart
)

// String returns "end" or "start".
func (c CashTiming) String() string {
	if c == CashStart {
		return "start"
	}
	return "end"
}

// Economics is what one active customer in a stage brings and costs per
// period. All amounts are in the scenario's currency per customer per period.
type Economics struct {
	Revenue        float64 // gross revenue, ≥ 0
	CostToServe    float64 // cost of serving the customer, ≥ 0
	RetentionSpend float64 // spend on keeping the customer (loyalty, service), ≥ 0
	PriceDiscount  float64 // fraction of revenue given away, in [0, 1]
	// BadDebt is the fraction of revenue after the price discount that is
	// billed but never collected, in [0, 1]; 0 (the default) collects
	// everything.
	BadDebt float64
	// Purchases is the expected number of purchases per customer and
	// period, ≥ 0; it is counted, not paid (Revenue is the money).
	Purchases float64
	// Referrals is the expected number of new customers one active
	// customer of the stage brings per period by referral, ≥ 0 (0: none).
	// They arrive next period in the entry stage of the referrer's
	// segment, split over its classes by their shares, with no
	// acquisition cost (referral.go).
	Referrals float64
	// ReferralReward is what the firm pays per customer referred from the
	// stage, when the referred customer arrives, ≥ 0.
	ReferralReward float64
	// RevenueGrowth is the compound growth of Revenue per period of
	// tenure (cross- and up-selling), in [0, 1]; 0, the default, keeps it
	// flat. RevenueCap is the multiple of Revenue growth stops at, in
	// [1, MaxRevenueCap] when RevenueGrowth > 0 and unused otherwise.
	// Revenue at tenure τ is Revenue·min((1+RevenueGrowth)^τ, RevenueCap)
	// (tenure.go). Margin is the margin at tenure 0.
	RevenueGrowth, RevenueCap float64
	// Renewal is the probability of renewing at a renewal date, in
	// [0, 1], and RenewalDiscount the money given to each customer who
	// renews, ≥ 0; both are unused unless Model.RenewalEvery > 0.
	Renewal, RenewalDiscount float64
}

// Margin returns revenue after the price discount, less its bad debt
// (the part never collected), cost to serve and retention spend:
// R·(1 − price discount)·(1 − bad debt) − cost − retention spend, the
// stage's net cash flow per customer per period. Without bad debt it is
// R·(1 − price discount) − cost − retention spend, bit for bit.
func (e Economics) Margin() float64 {
	return e.Revenue*(1-e.PriceDiscount)*(1-e.BadDebt) - e.CostToServe - e.RetentionSpend
}

// Segment is a value segment: a share of new customers with its own stage
// economics and transition matrix, or split into latent classes that each
// have their own.
type Segment struct {
	ID    string  // identifier used in results, e.g. "gold"
	Share float64 // share of new customers, in [0, 1]; shares sum to 1
	// AcquisitionCost is the cost of acquiring one customer of this segment,
	// paid at the start of the acquisition period.
	AcquisitionCost float64
	// Stages holds the economics of each stage, in the model's stage order.
	Stages []Economics
	// Transition[i][j] is the probability that a customer in stage i is in
	// stage j next period. 1 − Σj Transition[i][j] churns into the lost state.
	Transition [][]float64
	// Existing[i] is the number of customers already in stage i at period
	// 0, acquired before the projection (no acquisition cost): today's
	// customer base. Nil or one count per stage; nil means none.
	Existing []float64
	// Classes, when not empty, splits the segment's customers into latent
	// classes: each is a Segment whose Share is its share of this
	// segment's customers (the shares sum to 1), with its own
	// AcquisitionCost, Stages, Transition and Existing, and no Classes of
	// its own. The segment's own Stages, Transition and Existing must then
	// be nil, and its AcquisitionCost is unused. Results add the classes up: a Result's
	// cells and a Summary's segments are by segment.
	Classes []Segment
}

// Class returns class c of segment s: its Classes[c], or, for a segment
// without classes, the segment itself as its one class 0. It panics if s
// or c is out of range.
func (m *Model) Class(s, c int) *Segment {
	seg := &m.Segments[s]
	if len(seg.Classes) == 0 {
		if c != 0 {
			panic(fmt.Sprintf("sim: Model.Class(%d, %d): segment %q has no classes", s, c, seg.ID))
		}
		return seg
	}
	return &seg.Classes[c]
}

// ClassCount returns the number of classes of the segment: len(Classes),
// or 1 for a segment without classes.
func (s *Segment) ClassCount() int { return max(1, len(s.Classes)) }

// Winback describes how lost customers are won back. The zero value wins no
// one back.
type Winback struct {
	Rate            float64 // share of the lost pool won back each period, in [0, 1]
	CostPerCustomer float64 // spend per customer won back
	To              int     // stage index the won-back customers return to
	// Window limits win-back to customers lost within the last Window
	// periods; 0 means every lost customer stays a target for ever.
	Window int
}

// Limits on model sizes, so that hostile input cannot exhaust memory.
const (
	MaxStages   = 50
	MaxSegments = 20
	// MaxClasses bounds the latent classes of a segment.
	MaxClasses = 500
	// MaxClassCells bounds segments × classes × stages × (stages+1), the
	// transition entries and economics the classes hold.
	MaxClassCells = 1_000_000
	MaxHorizon    = 1200 // periods: a century of months
	MaxWindow     = 120
	// MaxCells bounds Horizon × segments × (stages+1), the number of result
	// cells a run records (about 100 bytes each).
	MaxCells = 1_000_000
	// MaxAmount bounds every money amount and customer count.
	MaxAmount = 1e12
)

// Model is everything the engine needs to project a scenario. Build one from
// a scenario file with package clvlab/scenarios, or by hand.
type Model struct {
	StageIDs     []string   // stage identifiers, in stage order; used in results and errors
	Period       Period     // length of one step
	Horizon      int        // number of periods simulated, 1..MaxHorizon
	DiscountRate float64    // annual effective rate, in [0, 1]
	CashTiming   CashTiming // when a period's operating cash flows fall
	// NewCustomers[t] is the number of customers acquired in period t; its
	// length is Horizon.
	NewCustomers []float64
	Entry        int       // stage index new customers enter
	Winback      Winback   // optional win-back of lost customers
	Segments     []Segment // at least one; shares sum to 1
	// Competitor marks the stages that are competitors' brands in a
	// brand-switching market (competitor.go): nil, or one flag per stage.
	// Nil means every stage is ours.
	Competitor []bool
	// RenewalEvery is the length of a contract in periods: at the end of
	// each contract a stage's customers renew with probability
	// Economics.Renewal (tenure.go). 0, the default, means no contracts.
	RenewalEvery int
}

// PeriodRate returns the per-period discount rate (1+r)^y − 1 for the
// annual rate r and a period of y years (Period.Years): (1+r)^(1/12) − 1
// for a month, (1+r)^(7/365.25) − 1 for a week.
func (m *Model) PeriodRate() float64 {
	return math.Pow(1+m.DiscountRate, m.Period.Years()) - 1
}

// RowTolerance is how far above 1 a transition row may sum from rounding:
// Validate accepts such a row, and its excess churns no one.
const RowTolerance = 1e-9

// RowSum adds a transition row up in order, as Validate does. (gonum's
// floats.Sum adds in another order on amd64, four SIMD accumulators, and
// could move a sum by an ulp across RowTolerance.)
func RowSum(row []float64) float64 {
	sum := 0.0
	for _, p := range row {
		sum += p
	}
	return sum
}

// Validate reports every problem with the model, naming the stage, segment
// or period concerned. Scenario files are checked more kindly (with file and
// line) by package scenarios before they reach this check.
func (m *Model) Validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	n := len(m.StageIDs)
	switch {
	case n == 0:
		bad("sim: the model has no stages")
	case n > MaxStages:
		bad("sim: %d stages, at most %d are allowed", n, MaxStages)
	}
	if len(m.Segments) == 0 {
		bad("sim: the model has no segments")
	} else if len(m.Segments) > MaxSegments {
		bad("sim: %d segments, at most %d are allowed", len(m.Segments), MaxSegments)
	}
	if m.Horizon < 1 || m.Horizon > MaxHorizon {
		bad("sim: horizon %d periods, must be in [1, %d]", m.Horizon, MaxHorizon)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if cells := m.Horizon * len(m.Segments) * (n + 1); cells > MaxCells {
		bad("sim: horizon × segments × (stages+1) = %d result cells, at most %d are allowed", cells, MaxCells)
	}
	if !(m.DiscountRate >= 0 && m.DiscountRate <= 1) {
		bad("sim: discount rate %v, must be in [0, 1]", m.DiscountRate)
	}
	if m.Period < Month || m.Period > Day {
		bad("sim: unknown period %d", m.Period)
	}
	if m.CashTiming != CashEnd && m.CashTiming != CashStart {
		bad("sim: unknown cash timing %d", m.CashTiming)
	}
	if len(m.NewCustomers) != m.Horizon {
		bad("sim: %d new-customer counts for a horizon of %d periods", len(m.NewCustomers), m.Horizon)
	}
	for t, c := range m.NewCustomers {
		if !amount(c) {
			bad("sim: period %d: %v new customers, must be in [0, %g]", t, c, MaxAmount)
			break
		}
	}
	if m.Entry < 0 || m.Entry >= n {
		bad("sim: entry stage %d out of range [0, %d)", m.Entry, n)
	}
	w := m.Winback
	if !(w.Rate >= 0 && w.Rate <= 1) {
		bad("sim: win-back rate %v, must be in [0, 1]", w.Rate)
	}
	if !amount(w.CostPerCustomer) {
		bad("sim: win-back cost %v, must be in [0, %g]", w.CostPerCustomer, MaxAmount)
	}
	if w.To < 0 || w.To >= n {
		bad("sim: win-back stage %d out of range [0, %d)", w.To, n)
	}
	if w.Window < 0 || w.Window > MaxWindow {
		bad("sim: win-back window %d periods, must be in [0, %d]", w.Window, MaxWindow)
	}
	errs = append(errs, m.validateCompetitors()...)
	share, cells := 0.0, 0
	for i := range m.Segments {
		s := &m.Segments[i]
		share += s.Share
		cells += s.ClassCount() * n * (n + 1)
		if len(s.Classes) == 0 {
			errs = append(errs, s.validate(m.StageIDs, "", m.RenewalEvery)...)
			continue
		}
		errs = append(errs, s.validateClasses(m.StageIDs, m.RenewalEvery)...)
	}
	if math.Abs(share-1) > 1e-9 {
		bad("sim: segment shares sum to %v, must sum to 1", share)
	}
	if cells > MaxClassCells {
		bad("sim: segments × classes × stages × (stages+1) = %d, at most %d are allowed", cells, MaxClassCells)
	}
	if len(errs) == 0 {
		if err := m.validateTenure(cells); err != nil { // tenure.go
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// validateClasses checks the classes of a segment that has some.
func (s *Segment) validateClasses(ids []string, every int) []error {
	var errs []error
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("sim: segment %q: "+format, append([]any{s.ID}, args...)...))
	}
	if !(s.Share >= 0 && s.Share <= 1) {
		bad("share %v, must be in [0, 1]", s.Share)
	}
	if len(s.Classes) > MaxClasses {
		bad("%d classes, at most %d are allowed", len(s.Classes), MaxClasses)
		return errs
	}
	if s.Stages != nil || s.Transition != nil || s.Existing != nil {
		bad("a segment with classes has its stage economics, transitions and existing customers in its classes; its own must be nil")
	}
	share := 0.0
	for i := range s.Classes {
		c := &s.Classes[i]
		share += c.Share
		if len(c.Classes) > 0 {
			bad("class %q has classes of its own", c.ID)
		}
		errs = append(errs, c.validate(ids, fmt.Sprintf("segment %q, class", s.ID), every)...)
	}
	if math.Abs(share-1) > 1e-9 {
		bad("class shares sum to %v, must sum to 1", share)
	}
	return errs
}

// validate checks a segment without classes, or a class: what names it
// in messages ("segment", or `segment "gold", class` for a class); every
// is the model's RenewalEvery.
func (s *Segment) validate(ids []string, what string, every int) []error {
	var errs []error
	if what == "" {
		what = "segment"
	}
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("sim: "+what+" %q: "+format, append([]any{s.ID}, args...)...))
	}
	n := len(ids)
	if !(s.Share >= 0 && s.Share <= 1) {
		bad("share %v, must be in [0, 1]", s.Share)
	}
	if !amount(s.AcquisitionCost) {
		bad("acquisition cost %v, must be in [0, %g]", s.AcquisitionCost, MaxAmount)
	}
	if len(s.Stages) != n || len(s.Transition) != n {
		bad("%d stage economics and %d transition rows for %d stages", len(s.Stages), len(s.Transition), n)
		return errs
	}
	if s.Existing != nil && len(s.Existing) != n {
		bad("%d existing-customer counts for %d stages", len(s.Existing), n)
	}
	for i, e := range s.Existing {
		if !amount(e) {
			bad("stage %q: %v existing customers, must be in [0, %g]", ids[min(i, n-1)], e, MaxAmount)
		}
	}
	for i, e := range s.Stages {
		if !amount(e.Revenue) || !amount(e.CostToServe) || !amount(e.RetentionSpend) || !amount(e.Purchases) {
			bad("stage %q: revenue, cost to serve, retention spend and purchases must be in [0, %g]", ids[i], MaxAmount)
		}
		if !(e.PriceDiscount >= 0 && e.PriceDiscount <= 1) {
			bad("stage %q: price discount %v, must be in [0, 1]", ids[i], e.PriceDiscount)
		}
		if !(e.BadDebt >= 0 && e.BadDebt <= 1) {
			bad("stage %q: bad debt %v, must be in [0, 1]", ids[i], e.BadDebt)
		}
		if !amount(e.Referrals) || !amount(e.ReferralReward) {
			bad("stage %q: referrals and referral reward must be in [0, %g]", ids[i], MaxAmount)
		}
		e.validateTenure(ids[i], every, bad) // tenure.go
		row := s.Transition[i]
		if len(row) != n {
			bad("stage %q: transition row has %d entries for %d stages", ids[i], len(row), n)
			continue
		}
		sum := 0.0
		for j, p := range row {
			if !(p >= 0 && p <= 1) {
				bad("stage %q: probability to %q is %v, must be in [0, 1]", ids[i], ids[j], p)
			}
			sum += p
		}
		if sum > 1+RowTolerance {
			bad("stage %q: transition row sums to %v > 1", ids[i], sum)
		}
	}
	return errs
}

// amount reports whether v is a finite amount in [0, MaxAmount].
func amount(v float64) bool { return v >= 0 && v <= MaxAmount }
