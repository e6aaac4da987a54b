package scenarios

import (
	"maps"
	"math"
	"slices"
)

// Scenario is a scenario file as written: stages and segments are named by
// id, and defaults that depend on other values (the horizon, the entry
// stage) stay zero until Model resolves them. docs/scenarios.md documents
// every field.
type Scenario struct {
	File         string // the file it was read from, for messages and the output folder
	Name         Text
	Description  Text
	Period       string  // "month" (default), "quarter", "year", "week" or "day"
	Horizon      int     // periods; 0 means 3 years' worth
	DiscountRate float64 // annual, default 0.10
	CashTiming   string  // "end" (default) or "start"
	// RenewalEvery is the length of a contract in periods, renewed at its
	// end with each stage's renewal probability (tenure.go); 0, the
	// default, means no contracts.
	RenewalEvery int
	Currency     string // default "CNY"
	Acquisition  Acquisition
	Stages       []Stage
	Winback      Winback
	Segments     []Segment // none means one segment, "all"
	// Classes are the [[class]] tables: latent classes that split every
	// segment, each with a segment's keys (share, multipliers, stage
	// overrides); none means no classes.
	Classes  []Segment
	Variants []Variant
	// Responses are the [[response]] curves: spend that changes behaviour
	// (response.go).
	Responses []Response
	// Sensitivity holds the [[sensitivity]] ranges of parameters for the
	// what-if analyses (response.go).
	Sensitivity []Range
	// Seed seeds the Monte Carlo trials (default DefaultSeed); Uncertainty
	// is the [uncertainty] table, and Distributions the values given as
	// distributions, by set path ("stage.stability.to.stability"), whose
	// fields above hold their means (uncertainty.go).
	Seed          int
	Uncertainty   Uncertainty
	Distributions map[string]Distribution
	// Warnings are what Parse found in a valid file that is probably not
	// meant (a stage no customer ever reaches), with their lines; they do
	// not make the file invalid (warnings.go).
	Warnings []Problem
}

// Acquisition is the [acquisition] table.
type Acquisition struct {
	// NewCustomers holds one value per period; a single value holds for
	// every period, and a short list's last value for the remaining ones.
	NewCustomers    []float64
	CostPerCustomer float64
	Entry           string // stage id; "" means the first stage
	// Budget is the acquisition spend per period that an acquisition
	// [[response]] turns into new customers; 0 without one.
	Budget float64
}

// Stage is one [[stage]] table.
type Stage struct {
	ID             string
	Name           Text
	Revenue        float64
	CostToServe    float64
	RetentionSpend float64
	PriceDiscount  float64
	// BadDebt is the fraction of revenue after the price discount that
	// is billed but never collected.
	BadDebt float64
	// Purchases is the expected purchases per customer and period.
	Purchases float64
	// Existing is the number of customers in the stage at period 0 (today's
	// base), split over segments and classes by their shares.
	Existing float64
	// Referrals is the new customers one active customer of the stage
	// refers per period; ReferralReward what the firm pays per referred
	// customer when it arrives (sim.Economics).
	Referrals, ReferralReward float64
	// RevenueGrowth, RevenueCap (default 1), Renewal (default 1) and
	// RenewalDiscount are the tenure levers (tenure.go): revenue that grows with tenure
	// up to a multiple of Revenue, and contract renewal every
	// Scenario.RenewalEvery periods.
	RevenueGrowth, RevenueCap, Renewal, RenewalDiscount float64
	// To maps a destination stage id to the probability of being there next
	// period; the rest of the row churns (stays, in a competitor stage).
	To map[string]float64
	// Competitor marks a competitor's brand in a brand-switching market
	// (competitor.go): no economics, customers not ours.
	Competitor bool
}

// Winback is the [winback] table; the zero value wins no one back.
type Winback struct {
	Rate            float64
	CostPerCustomer float64
	To              string // stage id; "" means the entry stage
	Window          int    // periods; 0 means no limit
}

// Segment is one [[segment]] table.
type Segment struct {
	ID                        string
	Name                      Text
	Share                     float64 // NaN until set
	RevenueMultiplier         float64 // default 1
	CostToServeMultiplier     float64 // default 1
	RetentionSpendMultiplier  float64 // default 1
	AcquisitionCostMultiplier float64 // default 1
	// Stage holds per-stage overrides, by stage id.
	Stage map[string]*StageOverride
	// stageOrder keeps the overrides in file order, for messages.
	stageOrder []string
}

// StageOverride replaces some of a stage's values within a segment; nil
// fields keep the stage's value.
type StageOverride struct {
	Revenue        *float64
	CostToServe    *float64
	RetentionSpend *float64
	PriceDiscount  *float64
	BadDebt        *float64
	Purchases      *float64
	// Existing is the segment's (or class's) customers in the stage at
	// period 0, split over the other dimension's shares.
	Existing *float64
	To       map[string]float64 // replaces the listed destinations only

	// Referrals and ReferralReward replace the stage's (Stage).
	Referrals, ReferralReward *float64
	// The tenure levers (tenure.go).
	RevenueGrowth, RevenueCap, Renewal, RenewalDiscount *float64
}

// Variant is one [[variant]]: the base scenario with some values replaced.
type Variant struct {
	Name        Text
	Description Text
	Set         []Setting
}

// Setting is one path = value line of a variant's set table.
type Setting struct {
	Path  string // e.g. "stage.stability.to.stability"
	Value any    // a TOML value: int64, float64, string, []any...
}

// New returns a scenario holding the defaults that files are decoded over.
func New() *Scenario {
	return &Scenario{
		Period:       "month",
		DiscountRate: 0.10,
		CashTiming:   "end",
		Currency:     "CNY",
		Acquisition:  Acquisition{NewCustomers: []float64{1000}},
		Seed:         DefaultSeed,
		Uncertainty:  Uncertainty{ProcessNoise: true, PoissonAcquisition: true, Rows: "scale"},
	}
}

func newSegment() Segment {
	return Segment{
		Share:                     math.NaN(), // "missing": TOML's nan is refused on decode
		RevenueMultiplier:         1,
		CostToServeMultiplier:     1,
		RetentionSpendMultiplier:  1,
		AcquisitionCostMultiplier: 1,
		Stage:                     map[string]*StageOverride{},
	}
}

// Clone returns a deep copy of s, variants included.
func (s *Scenario) Clone() *Scenario {
	c := *s
	c.Acquisition.NewCustomers = slices.Clone(s.Acquisition.NewCustomers)
	c.Stages = slices.Clone(s.Stages)
	for i := range c.Stages {
		c.Stages[i].To = maps.Clone(s.Stages[i].To)
	}
	c.Segments = cloneSegments(s.Segments)
	c.Classes = cloneSegments(s.Classes)
	c.Responses = slices.Clone(s.Responses)
	for i := range c.Responses {
		c.Responses[i].Dists = maps.Clone(s.Responses[i].Dists)
	}
	c.Sensitivity = slices.Clone(s.Sensitivity)
	c.Distributions = maps.Clone(s.Distributions)
	c.Variants = slices.Clone(s.Variants)
	for i := range c.Variants {
		c.Variants[i].Set = slices.Clone(s.Variants[i].Set)
	}
	return &c
}

// cloneSegments returns a deep copy of segments (or classes).
func cloneSegments(segs []Segment) []Segment {
	c := slices.Clone(segs)
	for i := range c {
		seg := &c[i]
		seg.stageOrder = slices.Clone(seg.stageOrder)
		seg.Stage = make(map[string]*StageOverride, len(seg.Stage))
		for id, o := range segs[i].Stage {
			oc := *o
			oc.To = maps.Clone(o.To)
			seg.Stage[id] = &oc
		}
	}
	return c
}

// classIndex returns the index of the class with the given id, or −1.
func (s *Scenario) classIndex(id string) int {
	return slices.IndexFunc(s.Classes, func(c Segment) bool { return c.ID == id })
}

// stageIndex returns the index of the stage with the given id, or −1.
func (s *Scenario) stageIndex(id string) int {
	return slices.IndexFunc(s.Stages, func(st Stage) bool { return st.ID == id })
}

// segmentIndex returns the index of the segment with the given id, or −1.
func (s *Scenario) segmentIndex(id string) int {
	return slices.IndexFunc(s.Segments, func(seg Segment) bool { return seg.ID == id })
}

// override returns the segment's override of stage id, creating it.
func (seg *Segment) override(id string) *StageOverride {
	o := seg.Stage[id]
	if o == nil {
		o = &StageOverride{}
		seg.Stage[id] = o
		seg.stageOrder = append(seg.stageOrder, id)
	}
	return o
}
