package scenarios

import (
	"fmt"
	"math"
	"strings"

	"clvlab/sim"
)

// Model resolves s into an engine model: defaults filled in, stage ids
// turned into indices, segment multipliers and overrides applied. It
// returns an error if s is not valid.
func (s *Scenario) Model() (*sim.Model, error) {
	if probs := s.Validate(); len(probs) > 0 {
		msgs := make([]string, len(probs))
		for i, p := range probs {
			msgs[i] = p.Msg
		}
		return nil, fmt.Errorf("invalid scenario: %s", strings.Join(msgs, "; "))
	}
	m, err := s.model()
	if err != nil {
		return nil, err
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return m, nil
}

// model is Model without the checks: s must be valid, but for the size
// of the model's chains, which Validate checks with it (tenure.go).
func (s *Scenario) model() (*sim.Model, error) {
	period, _ := sim.ParsePeriod(s.Period)
	timing := sim.CashEnd
	if s.CashTiming == "start" {
		timing = sim.CashStart
	}
	m := &sim.Model{
		StageIDs:     make([]string, len(s.Stages)),
		Period:       period,
		Horizon:      s.horizon(),
		DiscountRate: s.DiscountRate,
		CashTiming:   timing,
		RenewalEvery: s.RenewalEvery,
	}
	for i, st := range s.Stages {
		m.StageIDs[i] = st.ID
	}
	m.NewCustomers = make([]float64, m.Horizon)
	nc := s.Acquisition.NewCustomers
	for t := range m.NewCustomers {
		m.NewCustomers[t] = nc[min(t, len(nc)-1)]
	}
	if s.Acquisition.Entry != "" {
		m.Entry = s.stageIndex(s.Acquisition.Entry)
	}
	m.Winback = sim.Winback{
		Rate:            s.Winback.Rate,
		CostPerCustomer: s.Winback.CostPerCustomer,
		To:              m.Entry,
		Window:          s.Winback.Window,
	}
	m.Competitor = s.competitorFlags() // competitor.go
	if s.Winback.To != "" {
		m.Winback.To = s.stageIndex(s.Winback.To)
	}
	segs := s.Segments
	if len(segs) == 0 {
		all := newSegment()
		all.ID, all.Share = "all", 1
		segs = []Segment{all}
	}
	for i := range segs {
		seg := s.segmentModel(&segs[i], nil)
		if len(s.Classes) > 0 {
			seg = sim.Segment{ID: segs[i].ID, Share: segs[i].Share, Classes: make([]sim.Segment, len(s.Classes))}
			for k := range s.Classes {
				seg.Classes[k] = s.segmentModel(&segs[i], &s.Classes[k])
			}
		}
		m.Segments = append(m.Segments, seg)
	}
	s.applyResponses(m, segs) // response.go: spend that changes behaviour
	roundToOne(m)
	return m, nil
}

// segmentModel returns the engine's segment seg, or, for a class, the
// class of seg: the stage values, the segment's overrides over them and
// the class's over those, times the segment's and the class's
// multipliers. A class's Share is the class's.
func (s *Scenario) segmentModel(seg, class *Segment) sim.Segment {
	n := len(s.Stages)
	out := sim.Segment{
		ID:              seg.ID,
		Share:           seg.Share,
		AcquisitionCost: s.Acquisition.CostPerCustomer * seg.AcquisitionCostMultiplier,
		Stages:          make([]sim.Economics, n),
		Transition:      make([][]float64, n),
	}
	if class != nil {
		out.ID, out.Share = class.ID, class.Share
		out.AcquisitionCost *= class.AcquisitionCostMultiplier
	}
	for i, st := range s.Stages {
		e := sim.Economics{
			Revenue:        st.Revenue,
			CostToServe:    st.CostToServe,
			RetentionSpend: st.RetentionSpend,
			PriceDiscount:  st.PriceDiscount,
			BadDebt:        st.BadDebt,
			Purchases:      st.Purchases,
			Referrals:      st.Referrals,
			ReferralReward: st.ReferralReward,
		}
		row := make([]float64, n)
		for id, p := range st.To {
			row[s.stageIndex(id)] = p
		}
		groups := []*Segment{seg}
		if class != nil {
			groups = append(groups, class)
		}
		for _, g := range groups {
			o := g.Stage[st.ID]
			if o == nil {
				continue
			}
			replace(&e.Revenue, o.Revenue)
			replace(&e.CostToServe, o.CostToServe)
			replace(&e.RetentionSpend, o.RetentionSpend)
			replace(&e.PriceDiscount, o.PriceDiscount)
			replace(&e.BadDebt, o.BadDebt)
			replace(&e.Purchases, o.Purchases)
			replace(&e.Referrals, o.Referrals)
			replace(&e.ReferralReward, o.ReferralReward)
			for id, p := range o.To {
				row[s.stageIndex(id)] = p
			}
		}
		tenureEconomics(&e, &s.Stages[i], groups) // tenure.go
		for _, g := range groups {
			e.Revenue *= g.RevenueMultiplier
			e.CostToServe *= g.CostToServeMultiplier
			e.RetentionSpend *= g.RetentionSpendMultiplier
		}
		if st.Competitor {
			row[i] = competitorStay(row, i) // competitor.go
		}
		out.Stages[i] = e
		out.Transition[i] = row
		if x := s.existing(st, seg, class); x > 0 {
			if out.Existing == nil {
				out.Existing = make([]float64, n)
			}
			out.Existing[i] = x
		}
	}
	return out
}

// existing returns the customers of segment seg (and class, nil for
// none) in stage st at period 0: a count is split by the shares of the
// dimensions that do not give their own; a class's count wins over a
// segment's. The default segment "all" has share 1.
func (s *Scenario) existing(st Stage, seg, class *Segment) float64 {
	var own *float64
	if o := seg.Stage[st.ID]; o != nil {
		own = o.Existing
	}
	if class != nil {
		if o := class.Stage[st.ID]; o != nil && o.Existing != nil {
			return *o.Existing * seg.Share
		}
		if own != nil {
			return *own * class.Share
		}
		return st.Existing * seg.Share * class.Share
	}
	if own != nil {
		return *own
	}
	return st.Existing * seg.Share
}

// roundToOne scales what Validate accepts as 1 from rounding to exactly 1,
// so that no output leaves its range (a survival above 1, a cohort's
// stage shares summing to more than it): each transition row that sums to
// more than 1, by at most sim.RowTolerance, and the segments' shares,
// which may sum to 1 ± 1e-9.
func roundToOne(m *sim.Model) {
	for g := range m.Segments {
		for _, row := range m.Segments[g].Transition {
			if sum := inOrder(row); sum > 1 {
				scaleToOne(row, sum)
			}
		}
		for k := range m.Segments[g].Classes {
			for _, row := range m.Segments[g].Classes[k].Transition {
				if sum := inOrder(row); sum > 1 {
					scaleToOne(row, sum)
				}
			}
		}
		sharesToOne(m.Segments[g].Classes)
	}
	sharesToOne(m.Segments)
}

// sharesToOne scales the shares of segments (or classes) that sum to 1 ±
// 1e-9 to sum to exactly 1.
func sharesToOne(segs []sim.Segment) {
	shares := make([]float64, len(segs))
	for g, seg := range segs {
		shares[g] = seg.Share
	}
	if sum := inOrder(shares); sum != 1 && sum > 0 {
		scaleToOne(shares, sum)
		for g := range segs {
			segs[g].Share = shares[g]
		}
	}
}

// scaleToOne divides xs by their sum, then moves the largest by the
// rounding left over, so that they sum to 1 added in order, as the engine
// adds them, and never to more.
func scaleToOne(xs []float64, sum float64) {
	big := 0
	for i := range xs {
		xs[i] /= sum
		if xs[i] > xs[big] {
			big = i
		}
	}
	for range 4 {
		if d := 1 - inOrder(xs); d != 0 {
			xs[big] = max(0, xs[big]+d)
		}
	}
	for inOrder(xs) > 1 {
		xs[big] = math.Nextafter(xs[big], 0)
	}
}

// inOrder adds xs up in index order, as sim.Model.Validate and the chain
// do.
func inOrder(xs []float64) float64 {
	sum := 0.0
	for _, x := range xs {
		sum += x
	}
	return sum
}

func replace(dst *float64, v *float64) {
	if v != nil {
		*dst = *v
	}
}

// WithVariant returns a copy of s with variant i's values set and no
// variants of its own. Its problems (a bad path, an invalid value) are
// returned with the variant named; Parse reports them with lines.
func (s *Scenario) WithVariant(i int) (*Scenario, []Problem) {
	vr := s.Variants[i]
	c := s.Clone()
	c.Variants = nil
	c.Name = vr.Name
	if !vr.Description.IsZero() {
		c.Description = vr.Description
	}
	at := place{path: "variant"}.index(i, fmt.Sprintf("variant %q", vr.Name.In("en")))
	return c, c.apply(vr.Set, at)
}

// apply sets each of set's values in s, as a variant's set table does, and
// returns the problems with the setting (at its key path under at's set
// table) or the values they leave, each named by at's label.
func (s *Scenario) apply(set []Setting, at place) []Problem {
	var probs []Problem
	var failed []Setting // settings that did not take
	for _, st := range set {
		err := s.variantMaySet(st.Path)
		if err == nil {
			err = s.Set(st.Path, st.Value)
		}
		if err != nil {
			probs = append(probs, Problem{Path: at.key("set").key(st.Path).path, Msg: at.prefix() + "set " + err.Error()})
			failed = append(failed, st)
		}
	}
	for _, p := range s.Validate() {
		from := s.resolve(keyPath(p.Path))
		if _, ok := s.settingFor(failed, from); ok {
			continue // already reported as a setting that did not take
		}
		p.Path = at.path
		if st, ok := s.settingFor(set, from); ok {
			p.Path = at.key("set").key(st).path
		}
		p.Msg = at.prefix() + p.Msg
		probs = append(probs, p)
	}
	return probs
}

// variantMaySet returns an error for a path that a variant may not set:
// the seed, which every run of a file shares so that their bands differ by
// their values only, and a value that a [[response]] sets from its lever,
// which would be ignored. A path that does not parse is left to Set.
func (s *Scenario) variantMaySet(path string) error {
	p, err := s.ParsePath(path)
	if err != nil {
		return nil
	}
	if p == (Path{Key: "seed"}) {
		return fmt.Errorf("%q: a variant cannot change the seed: the base and every variant draw their Monte Carlo trials from the one seed, so that their bands differ by their values only; set seed at the top level, or run with -seed", path)
	}
	if r := s.controller(p); r != nil {
		return fmt.Errorf("%q: the [[response]] with lever %q and target %q sets this value from its lever, so a variant's value would be ignored; set the lever %q instead", path, r.Lever, r.Target, r.Lever)
	}
	return nil
}

// controller returns the [[response]] that sets the value at p from its
// lever, or nil. A curve sets its target in every segment, so it also
// controls a segment's override of the target.
func (s *Scenario) controller(p Path) *Response {
	if p.Key == "to" || p.Key == referralsParam.path.Key || p.Key == "renewal" {
		p.Segment, p.Class = "", ""
	}
	for i := range s.Responses {
		r := &s.Responses[i]
		if t, err := ParsePath(r.Target); err == nil && p == t {
			return r
		}
	}
	return nil
}

// settingFor returns the path of the setting that a problem with the
// value at p comes from: the setting names p, a value inside it, or a
// table that holds it (a row, for a problem with one of its entries).
func (s *Scenario) settingFor(sets []Setting, p Path) (string, bool) {
	for _, set := range sets {
		q, _ := s.ParsePath(set.Path)
		if p.contains(q) || q.contains(p) {
			return set.Path, true
		}
	}
	return "", false
}
