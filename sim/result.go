package sim

import "fmt"

// Flows is what happens in one cell of a result (a period, a segment and a
// stage) or in a sum of cells. In the lost row of a segment Customers counts
// every customer lost so far (still a win-back target or gone for good),
// WonBack those won back this period, and WinbackSpend what that cost; the
// other fields of the lost row are zero.
type Flows struct {
	Customers        float64 // customers in the stage during the period
	New              float64 // customers acquired this period (entry stage)
	Churned          float64 // customers leaving the stage for the lost pool at period end
	WonBack          float64 // customers won back this period, active from the next
	Purchases        float64 // expected purchases (customers × the stage's Purchases)
	Revenue          float64 // gross revenue
	Discount         float64 // revenue given away as price discount, and renewal discounts (tenure.go)
	BadDebt          float64 // revenue after the price discount billed but never collected
	CostToServe      float64
	RetentionSpend   float64
	AcquisitionSpend float64 // paid at the start of the period
	WinbackSpend     float64
	// Referred counts the customers arriving this period by referral
	// (entry stage), brought by last period's active customers.
	Referred float64
	// ReferralReward is what the referred customers' referrers are paid,
	// at the start of the period they arrive.
	ReferralReward float64
	// NetCashFlow is revenue − discount − bad debt − cost to serve −
	// retention spend − acquisition spend − win-back spend − referral reward.
	NetCashFlow float64
	// DiscountedNetCashFlow is NetCashFlow discounted to period 0 under the
	// model's cash timing (acquisition spend and referral reward always at
	// the period start).
	DiscountedNetCashFlow float64
	// Rivals counts the customers in a competitor stage (Model.Competitor)
	// during the period: the market's, not ours, so Customers is 0 there.
	Rivals float64
	// ToRivals counts our customers leaving the stage for a competitor
	// stage at period end (churn to a competitor; Churned is churn out of
	// the market), FromRivals a competitor's customers moving to our
	// stages at period end (wins from a competitor, not win-backs).
	ToRivals, FromRivals float64
}

// Add adds g to f, field by field.
func (f *Flows) Add(g *Flows) {
	f.Customers += g.Customers
	f.New += g.New
	f.Churned += g.Churned
	f.WonBack += g.WonBack
	f.Purchases += g.Purchases
	f.Revenue += g.Revenue
	f.Discount += g.Discount
	f.BadDebt += g.BadDebt
	f.CostToServe += g.CostToServe
	f.RetentionSpend += g.RetentionSpend
	f.AcquisitionSpend += g.AcquisitionSpend
	f.WinbackSpend += g.WinbackSpend
	f.Referred += g.Referred
	f.ReferralReward += g.ReferralReward
	f.NetCashFlow += g.NetCashFlow
	f.DiscountedNetCashFlow += g.DiscountedNetCashFlow
	f.Rivals += g.Rivals
	f.ToRivals += g.ToRivals
	f.FromRivals += g.FromRivals
}

// Result holds a projection by period, segment and stage.
type Result struct {
	Model *Model
	// Rows is the number of rows per segment and period: the stages, then
	// the lost row.
	Rows int
	// Cells holds Horizon × segments × Rows entries; see Cell.
	Cells []Flows
	// Totals[t] sums the cells of period t.
	Totals []Flows
	// CumulativeNetCashFlow[t] and CumulativeDiscountedNetCashFlow[t] sum
	// Totals[0..t].
	CumulativeNetCashFlow           []float64
	CumulativeDiscountedNetCashFlow []float64
	// Existing[t] is the part of Totals[t] that today's customer base
	// (Segment.Existing) makes: its active customers (Customers), lost
	// ones (Churned is its churn), cash flows and their discounted value;
	// New and AcquisitionSpend are 0. Nil when the model has no existing
	// customers. The rest of Totals[t] is the cohorts acquired within the
	// horizon.
	Existing []Flows
	// ExistingCells is the part of Cells that today's customer base makes,
	// in the same layout (see ExistingCell); nil when the model has no
	// existing customers. In a lost row Customers counts the existing
	// customers lost so far, as the lost row of Cells does for all.
	ExistingCells []Flows
	// Summary holds the headline figures. Run and Engine.Summarize, the
	// only ways to a Result, fill it in.
	Summary Summary
	// unit[s][τ] is the net cash flow, unitActive[s][τ] the active share,
	// unitRevenue[s][τ] the net revenue and unitStage[s][τ·n+i] the share
	// in stage i of one customer of segment s acquired τ periods earlier.
	unit, unitActive, unitRevenue, unitStage [][]float64
}

// Cell returns the flows of segment s, row r (a stage index, or
// Result.Rows−1 for the lost row) in period t. It panics if t, s or row is
// out of range.
func (r *Result) Cell(t, s, row int) *Flows {
	r.summarized("Cell")
	segs := len(r.Model.Segments)
	if t < 0 || t >= r.Model.Horizon || s < 0 || s >= segs || row < 0 || row >= r.Rows {
		panic(fmt.Sprintf("sim: Result.Cell(%d, %d, %d) out of range: %d periods, %d segments, %d rows",
			t, s, row, r.Model.Horizon, segs, r.Rows))
	}
	return &r.Cells[(t*len(r.Model.Segments)+s)*r.Rows+row]
}

// ExistingCell returns the part of Cell(t, s, row) that today's customer
// base makes, or nil when the model has no existing customers. It panics
// if t, s or row is out of range.
func (r *Result) ExistingCell(t, s, row int) *Flows {
	r.Cell(t, s, row) // the range check
	if r.ExistingCells == nil {
		return nil
	}
	return &r.ExistingCells[(t*len(r.Model.Segments)+s)*r.Rows+row]
}

// CohortFlows is what one cohort does in one period.
type CohortFlows struct {
	Customers   float64 // active customers
	NetRevenue  float64 // revenue after price discounts, as billed (bad debt not deducted)
	NetCashFlow float64 // acquisition spend included, in the acquisition period
}

// Cohort returns what the cohort acquired in period c does in period t; it
// is zero for t < c. It panics if c or t is not a period of the horizon.
func (r *Result) Cohort(c, t int) CohortFlows {
	r.summarized("Cohort")
	r.period("Cohort", c)
	r.period("Cohort", t)
	var f CohortFlows
	if t < c {
		return f
	}
	m := r.Model
	for s := range m.Segments {
		k := m.NewCustomers[c] * m.Segments[s].Share
		f.Customers += k * r.unitActive[s][t-c]
		f.NetRevenue += k * r.unitRevenue[s][t-c]
		f.NetCashFlow += k * r.unit[s][t-c]
		if t == c {
			f.NetCashFlow -= k * m.Segments[s].AcquisitionCost
		}
	}
	return f
}

// SegmentSurvival returns the share of segment s's new customers active at
// tenure τ. It panics if s is not a segment or τ not a period of the
// horizon.
func (r *Result) SegmentSurvival(s, τ int) float64 {
	r.summarized("SegmentSurvival")
	r.period("SegmentSurvival", τ)
	if s < 0 || s >= len(r.Model.Segments) {
		panic(fmt.Sprintf("sim: Result.SegmentSurvival: segment %d out of range [0, %d)", s, len(r.Model.Segments)))
	}
	return r.unitActive[s][τ]
}

// CohortMix sets dst[i] to the share of a new customer (share-weighted
// over segments) in stage i at tenure τ, and returns dst. The shares sum
// to Summary.Survival[τ]. It panics if τ is not a period of the horizon.
func (r *Result) CohortMix(dst []float64, τ int) []float64 {
	r.summarized("CohortMix")
	r.period("CohortMix", τ)
	n := len(r.Model.StageIDs)
	dst = append(dst[:0], make([]float64, n)...)
	for s, seg := range r.Model.Segments {
		for i := range n {
			dst[i] += seg.Share * r.unitStage[s][τ*n+i]
		}
	}
	return dst
}

// summarized panics with a message naming method if r has no summary: a
// Result made by hand rather than by Run or Engine.Summarize.
func (r *Result) summarized(method string) {
	if r.unit == nil {
		panic("sim: Result." + method + " on a Result not made by Run or Engine.Summarize")
	}
}

// period panics with a message naming method if t is not a period of the
// horizon.
func (r *Result) period(method string, t int) {
	if t < 0 || t >= r.Model.Horizon {
		panic(fmt.Sprintf("sim: Result.%s: period %d out of range [0, %d)", method, t, r.Model.Horizon))
	}
}
