package explain

import (
	"fmt"

	"clvlab/sim"
)

// Mixed is the segment of a Table that mixes every segment by its share
// of new customers.
const Mixed = -1

// Table is the tenure table that builds a CLV: one row per period of
// tenure τ of a new customer, from the period of acquisition (τ = 0) to
// the horizon's last. Its rows' contributions sum to the CLV sim reports
// (Summary.CLV for Mixed, the segment's Value.CLV for one segment).
//
// A Table is owned by its caller and refilled by Fill: once it has held a
// model as large (horizon, stages, lost states), Fill does not allocate.
// The zero Table is ready to fill.
type Table struct {
	// Segment is the segment the rows follow, or Mixed: each column is
	// then the share-weighted sum over the segments (the stage mix of a
	// new customer whose segment is not yet known).
	Segment int
	// Stages is the number of stage columns of each row's Mix.
	Stages int
	// Lost reports whether each Mix has one more column after the
	// stages: the share lost and still a target of win-back (the model
	// wins customers back).
	Lost bool
	// Timing is the model's cash timing, which sets the discount factors.
	Timing sim.CashTiming
	// Rows holds one row per period of tenure, Rows[τ].Tenure == τ.
	Rows []Row
	// CLV is the sum of the contributions, Rows[len(Rows)−1].Sum.
	CLV float64
	// Referring reports whether the model refers (sim.Model.Refers): the
	// rows' referral columns are then filled (referral.go), and
	// ReferralValue is the sum of their contributions, sim's referral
	// value.
	Referring     bool
	ReferralValue float64

	mix     []float64 // the rows' Mix, one after the other
	u, next []float64 // one customer's shares by state, this period and next
	chain   *sim.Chain
	// by class of a segment and state: one customer's direct shares and
	// its referred customers' (referral.go)
	direct, referred []float64
}

// Row is one period of tenure of a Table.
type Row struct {
	Tenure int // τ, periods since acquisition
	// Mix is the stage mix e·A^τ: the share of one new customer in each
	// stage (then, with Table.Lost, lost and a win-back target). It
	// points into the Table and changes at the next Fill.
	Mix []float64
	// Active is the share still active, the sum of the stage columns.
	Active float64
	// Margin is the expected net cash flow of the mix, e·A^τ·R: each
	// stage's margin (revenue after discount − cost to serve − retention
	// spend) times its share, less the win-back spend on the lost share.
	Margin float64
	// Discount is the factor to the acquisition: (1+d)^−(τ+1) with cash
	// at the period's end, (1+d)^−τ at its start.
	Discount float64
	// Contribution is Margin × Discount.
	Contribution float64
	// Sum is the running sum of the contributions up to this row: the CLV
	// of a horizon of τ+1 periods.
	Sum float64
	// Cumulative is the running sum of the margins, undiscounted: what
	// the payback counts against the acquisition cost.
	Cumulative float64
	// The referral columns, 0 in a model that does not refer
	// (referral.go): Referred is the customers arriving at tenure τ by
	// referral, from the new customer and every generation after it;
	// ReferralMargin the net cash flow of all the referred customers in
	// the period and ReferralReward the rewards paid for those arriving;
	// ReferralContribution is ReferralMargin × Discount − ReferralReward ×
	// (1+d)^−τ (rewards at the period start), and ReferralSum their
	// running sum: the referral value of a horizon of τ+1 periods.
	Referred, ReferralMargin, ReferralReward float64
	ReferralContribution, ReferralSum        float64
}

// Fill sets t to the tenure table of the valid model m for segment seg
// (an index of m.Segments, or Mixed), following sim's conventions: the
// customer earns from the period of acquisition, moves along the
// segment's transition matrix, churns into the lost pool, is won back
// at m.Winback's rate and cost (the spend in the period, active from the
// next), and each margin is discounted at the period rate under
// m.CashTiming. The customer moves along sim's own chain
// (sim.ChainOf): with the tenure levers, revenue grown with tenure and
// churn at contract renewals (a row's margin is then the grown one, less
// the renewal discounts) are the engine's. Fill allocates only when t has not yet held a model this
// large. It panics if seg is neither Mixed nor a segment.
func (t *Table) Fill(m *sim.Model, seg int) {
	if seg != Mixed && (seg < 0 || seg >= len(m.Segments)) {
		panic(fmt.Sprintf("explain: Table.Fill: segment %d out of range [0, %d) and not Mixed", seg, len(m.Segments)))
	}
	n, h := len(m.StageIDs), m.Horizon
	lost := sim.LostStates(m.Winback)
	cols := n
	if lost > 0 {
		cols++
	}
	t.Segment, t.Stages, t.Lost, t.Timing = seg, n, lost > 0, m.CashTiming
	t.mix = grow(t.mix, h*cols)
	clear(t.mix)
	if cap(t.Rows) < h {
		t.Rows = make([]Row, h)
	}
	t.Rows = t.Rows[:h]
	for τ := range t.Rows {
		t.Rows[τ] = Row{Tenure: τ, Mix: t.mix[τ*cols : (τ+1)*cols : (τ+1)*cols]}
	}
	for s := range m.Segments {
		w, ok := segmentWeight(m, seg, s)
		if !ok {
			continue
		}
		for k := range m.Segments[s].ClassCount() {
			class := m.Class(s, k)
			wk := w
			if class != &m.Segments[s] {
				wk *= class.Share // a latent class: its share of the segment
			}
			t.follow(m, class, wk)
		}
	}
	if t.Referring = m.Refers(); t.Referring {
		t.followReferrals(m, seg)
	}
	v := 1 / (1 + m.PeriodRate())
	f := 1.0 // (1+d)^−τ, multiplied up as sim.Model.DiscountFactors does
	sum, cum, referral := 0.0, 0.0, 0.0
	for τ := range t.Rows {
		r := &t.Rows[τ]
		r.Discount = f
		if m.CashTiming == sim.CashEnd {
			r.Discount = f * v
		}
		if t.Referring {
			r.ReferralContribution = r.ReferralMargin*r.Discount - r.ReferralReward*f
			referral += r.ReferralContribution
			r.ReferralSum = referral
		}
		f *= v
		for i, x := range r.Mix[:n] {
			if !m.IsCompetitor(i) { // a competitor's stage: a zero-margin state, not ours
				r.Active += x
			}
		}
		r.Active = min(r.Active, 1) // an ulp above 1 from rounding, as sim's survival
		r.Contribution = r.Margin * r.Discount
		sum += r.Contribution
		cum += r.Margin
		r.Sum, r.Cumulative = sum, cum
	}
	t.CLV = sum
	t.ReferralValue = referral
}

// follow adds w times one new customer of segment (or latent class) seg,
// by period of tenure, to the rows' mix and margin. The chain is sim's
// (sim.ChainOf): the active states (each stage at each tenure state, or
// the stages themselves without the tenure levers), then the lost states
// of win-back (sim.LostStates). It refills the table's chain, without
// allocating once it has held one of m's shape.
func (t *Table) follow(m *sim.Model, seg *sim.Segment, w float64) {
	t.chain = sim.ChainOf(t.chain, m, seg)
	c := t.chain
	n, active := c.Stages(), c.Active()
	t.u, t.next = grow(t.u, c.States()), grow(t.next, c.States())
	u, next := t.u, t.next
	clear(u)
	u[m.Entry] = 1
	for τ := range t.Rows {
		r := &t.Rows[τ]
		flow := 0.0
		for i, x := range u {
			flow += x * c.Reward(i)
			if i < active {
				r.Mix[i%n] += w * x
			} else {
				r.Mix[n] += w * x
			}
		}
		r.Margin += w * flow
		step(next, u, c)
		u, next = next, u
	}
}

// step sets next to the shares by state one period after u, along the
// moves of chain c (the transition matrix, churn into the first lost
// state, the lost states' win-back and ageing).
func step(next, u []float64, c *sim.Chain) {
	clear(next)
	for i, x := range u {
		if x == 0 {
			continue
		}
		for _, mv := range c.Moves(i) {
			if mv.To != sim.Gone {
				next[mv.To] += x * mv.P
			}
		}
	}
}

// grow returns s with length n, reallocated only when its capacity is
// smaller.
func grow(s []float64, n int) []float64 {
	if cap(s) < n {
		return make([]float64, n)
	}
	return s[:n]
}

// segmentWeight is segment s's weight in a table of seg: its share of new
// customers when the table mixes the segments (Mixed), else 1 for seg
// itself; ok is false for a segment the table leaves out.
func segmentWeight(m *sim.Model, seg, s int) (w float64, ok bool) {
	if seg == Mixed {
		return m.Segments[s].Share, true
	}
	return 1, s == seg
}
