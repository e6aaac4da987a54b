package scenarios

import (
	"fmt"
)

// Competitor stages: `competitor = true` in a [[stage]] makes it a
// competitor's brand in a brand-switching market (sim's competitor.go):
// no economics of ours, customers who are not ours, moves to it churn to
// a competitor and moves from it wins from a competitor.

// competitorEconomics are the keys a competitor stage may not give, and
// how a message names them; none is the value that gives nothing (the
// default), 0 but for revenue_cap and renewal; contract marks the tenure
// levers (tenure.go), which a competitor's customers, who have no
// contract with us, do not use.
var competitorEconomics = []struct {
	key      string
	stage    func(*Stage) float64
	over     func(*StageOverride) *float64
	none     float64
	contract bool
}{
	{"revenue", func(st *Stage) float64 { return st.Revenue }, func(o *StageOverride) *float64 { return o.Revenue }, 0, false},
	{"cost_to_serve", func(st *Stage) float64 { return st.CostToServe }, func(o *StageOverride) *float64 { return o.CostToServe }, 0, false},
	{"retention_spend", func(st *Stage) float64 { return st.RetentionSpend }, func(o *StageOverride) *float64 { return o.RetentionSpend }, 0, false},
	{"price_discount", func(st *Stage) float64 { return st.PriceDiscount }, func(o *StageOverride) *float64 { return o.PriceDiscount }, 0, false},
	{"bad_debt", func(st *Stage) float64 { return st.BadDebt }, func(o *StageOverride) *float64 { return o.BadDebt }, 0, false},
	{"purchases", func(st *Stage) float64 { return st.Purchases }, func(o *StageOverride) *float64 { return o.Purchases }, 0, false},
	{"referrals", func(st *Stage) float64 { return st.Referrals }, func(o *StageOverride) *float64 { return o.Referrals }, 0, false},
	{"referral_reward", func(st *Stage) float64 { return st.ReferralReward }, func(o *StageOverride) *float64 { return o.ReferralReward }, 0, false},
	{"revenue_growth", func(st *Stage) float64 { return st.RevenueGrowth }, func(o *StageOverride) *float64 { return o.RevenueGrowth }, 0, true},
	{"revenue_cap", func(st *Stage) float64 { return st.RevenueCap }, func(o *StageOverride) *float64 { return o.RevenueCap }, 1, true},
	{"renewal", func(st *Stage) float64 { return st.Renewal }, func(o *StageOverride) *float64 { return o.Renewal }, 1, true},
	{"renewal_discount", func(st *Stage) float64 { return st.RenewalDiscount }, func(o *StageOverride) *float64 { return o.RenewalDiscount }, 0, true},
}

// competitorWhy says why a competitor stage may not give a key: one of
// the tenure levers (contract) or of the economics.
func competitorWhy(contract bool) string {
	if contract {
		return "a competitor's customers have no contract with us and no revenue of ours to grow (a customer won from a competitor starts a new relationship, at tenure 0)"
	}
	return "a competitor's customers bring us no revenue and cost us nothing"
}

// competitorFlags returns the engine's Model.Competitor: nil when no
// stage is a competitor's.
func (s *Scenario) competitorFlags() []bool {
	var flags []bool
	for i, st := range s.Stages {
		if st.Competitor {
			if flags == nil {
				flags = make([]bool, len(s.Stages))
			}
			flags[i] = true
		}
	}
	return flags
}

// isCompetitor reports whether the stage id is a competitor's.
func (s *Scenario) isCompetitor(id string) bool {
	i := s.stageIndex(id)
	return i >= 0 && s.Stages[i].Competitor
}

// competitors checks the competitor stages: no economics of ours in
// them (nor in a segment's or class's override), new and won-back
// customers entering one of our stages, and at least one stage ours.
func (v *validator) competitors() {
	s := v.s
	if s.competitorFlags() == nil {
		return
	}
	ours := false
	for i := range s.Stages {
		st := &s.Stages[i]
		at := place{path: "stage"}.index(i, fmt.Sprintf("stage %q", st.ID))
		if !st.Competitor {
			ours = true
			continue
		}
		for _, e := range competitorEconomics {
			if x := e.stage(st); x != e.none {
				v.add(at.key(e.key), "%s = %s in a competitor stage: %s; remove it, or make the stage ours (competitor = false)", e.key, num(x), competitorWhy(e.contract))
			}
		}
	}
	if !ours {
		v.add(place{path: "stage"}.index(0, fmt.Sprintf("stage %q", s.Stages[0].ID)).key("competitor"),
			"every stage is a competitor's; at least one stage must be ours (competitor = false)")
		return
	}
	for _, list := range []struct {
		kind string
		segs []Segment
	}{{"segment", s.Segments}, {"class", s.Classes}} {
		for i := range list.segs {
			seg := &list.segs[i]
			for _, id := range seg.stageOrder {
				if !s.isCompetitor(id) {
					continue
				}
				o := seg.Stage[id]
				at := place{path: list.kind}.index(i, "").key("stage").key(id)
				at.where, at.rel = fmt.Sprintf("%s %q, stage %q", list.kind, seg.ID, id), ""
				for _, e := range competitorEconomics {
					if x := e.over(o); x != nil && *x != e.none {
						v.add(at.key(e.key), "%s = %s in a competitor stage: %s; remove it", e.key, num(*x), competitorWhy(e.contract))
					}
				}
			}
		}
	}
	entry, at := s.Acquisition.Entry, place{}.key("acquisition").key("entry")
	if entry == "" && len(s.Stages) > 0 {
		entry, at = s.Stages[0].ID, place{path: "stage"}.index(0, fmt.Sprintf("stage %q", s.Stages[0].ID)).key("competitor")
	}
	if s.isCompetitor(entry) {
		v.add(at, "new customers enter stage %q, a competitor's; give [acquisition] entry = one of our stages (new customers are ours)", entry)
	}
	if to := s.Winback.To; to != "" && s.isCompetitor(to) {
		v.add(place{}.key("winback").key("to"), "winback.to = %q, a competitor's stage; won-back customers return to one of our stages (a customer won from a competitor is a move in its row, not a win-back)", to)
	}
}

// competitorStay returns the stay of competitor stage i's row: as written,
// less what the row's other entries take over 1. What a competitor's row
// leaves stays with it anyway, so a written stay only fills the row; a
// win raised by a variant or a what-if comes out of it (validate.go's row
// sums a competitor's row without its stay).
func competitorStay(row []float64, i int) float64 {
	sum := 0.0
	for _, p := range row { // the engine's order (sim's rivalStays)
		sum += p
	}
	if sum <= 1 {
		return row[i]
	}
	return max(0, row[i]-(sum-1))
}

// competitorImmovable says why the what-if analyses may not move the
// value at p of a competitor stage, or returns nil: its economics (it has
// none of ours) and its stay (the rest of its row, which moves with its
// switching).
func (s *Scenario) competitorImmovable(p Path) error {
	if p.Stage == "" || !s.isCompetitor(p.Stage) {
		return nil
	}
	if p.Key == "to" {
		if p.To == p.Stage {
			return fmt.Errorf("stage %s is a competitor's: its stay is the rest of its row; move its switching (stage.%s.to.ID) instead", p.Stage, p.Stage)
		}
		return nil
	}
	for _, e := range competitorEconomics {
		if p.Key == e.key {
			return fmt.Errorf("stage %s is a competitor's: it has no economics of ours", p.Stage)
		}
	}
	return nil
}
