package sim

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
	Revenue          float64 // gross revenue
	Discount         float64 // revenue given away as price discount
	CostToServe      float64
	RetentionSpend   float64
	AcquisitionSpend float64 // paid at the start of the period
	WinbackSpend     float64
	// NetCashFlow is revenue − discount − cost to serve − retention spend −
	// acquisition spend − win-back spend.
	NetCashFlow float64
	// DiscountedNetCashFlow is NetCashFlow discounted to period 0 under the
	// model's cash timing (acquisition spend always at the period start).
	DiscountedNetCashFlow float64
}

// Add adds g to f, field by field.
func (f *Flows) Add(g *Flows) {
	f.Customers += g.Customers
	f.New += g.New
	f.Churned += g.Churned
	f.WonBack += g.WonBack
	f.Revenue += g.Revenue
	f.Discount += g.Discount
	f.CostToServe += g.CostToServe
	f.RetentionSpend += g.RetentionSpend
	f.AcquisitionSpend += g.AcquisitionSpend
	f.WinbackSpend += g.WinbackSpend
	f.NetCashFlow += g.NetCashFlow
	f.DiscountedNetCashFlow += g.DiscountedNetCashFlow
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
	// Summary is filled in by Run, or by Engine.Summarize.
	Summary Summary
	// unit[s][τ] is the net cash flow, unitActive[s][τ] the active share,
	// unitRevenue[s][τ] the net revenue and unitStage[s][τ·n+i] the share
	// in stage i of one customer of segment s acquired τ periods earlier.
	unit, unitActive, unitRevenue, unitStage [][]float64
}

// Cell returns the flows of segment s, row r (a stage index, or
// Result.Rows−1 for the lost row) in period t.
func (r *Result) Cell(t, s, row int) *Flows {
	return &r.Cells[(t*len(r.Model.Segments)+s)*r.Rows+row]
}

// Engine advances a model one period at a time. Create it with NewEngine.
type Engine struct {
	m      *Model
	chains []*chain
	x, y   [][]float64 // per segment: state this period, scratch for the next
	gone   []float64   // per segment: customers gone for good
	disc   []float64   // per period: operating discount factor
	acqD   []float64   // per period: acquisition discount factor (1+d)^−t
	t      int
	res    *Result
}

// NewEngine validates m and returns an engine positioned at period 0 with the
// first cohort acquired. The engine keeps m; do not change it while stepping.
func NewEngine(m *Model) (*Engine, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	segs := len(m.Segments)
	e := &Engine{
		m:      m,
		chains: make([]*chain, segs),
		x:      make([][]float64, segs),
		y:      make([][]float64, segs),
		gone:   make([]float64, segs),
	}
	for s := range m.Segments {
		c := newChain(&m.Segments[s], m.Winback)
		e.chains[s] = c
		e.x[s] = make([]float64, c.size)
		e.y[s] = make([]float64, c.size)
		e.x[s][m.Entry] = m.NewCustomers[0] * m.Segments[s].Share
	}
	e.disc, e.acqD = m.DiscountFactors()
	rows := len(m.StageIDs) + 1
	e.res = &Result{
		Model:                           m,
		Rows:                            rows,
		Cells:                           make([]Flows, m.Horizon*segs*rows),
		Totals:                          make([]Flows, m.Horizon),
		CumulativeNetCashFlow:           make([]float64, m.Horizon),
		CumulativeDiscountedNetCashFlow: make([]float64, m.Horizon),
	}
	return e, nil
}

// DiscountFactors returns, per period t, the factor for operating cash
// flows ((1+d)^−(t+1) at period end, (1+d)^−t at the start) and for
// acquisition spend ((1+d)^−t).
func (m *Model) DiscountFactors() (op, acq []float64) {
	op = make([]float64, m.Horizon)
	acq = make([]float64, m.Horizon)
	v := 1 / (1 + m.PeriodRate())
	f := 1.0
	for t := range op {
		acq[t] = f
		if m.CashTiming == CashStart {
			op[t] = f
		} else {
			op[t] = f * v
		}
		f *= v
	}
	return op, acq
}

// Period returns the index of the next period Step will record.
func (e *Engine) Period() int { return e.t }

// Done reports whether every period up to the horizon has been recorded.
func (e *Engine) Done() bool { return e.t >= e.m.Horizon }

// Step records period t's customers and cash flows, then moves every
// customer on one period and acquires the next cohort. It does nothing once
// the horizon is reached, and reports whether it recorded a period. Step
// does not allocate.
func (e *Engine) Step() bool {
	if e.Done() {
		return false
	}
	m, r, t := e.m, e.res, e.t
	n := len(m.StageIDs)
	total := &r.Totals[t]
	*total = Flows{}
	for s := range m.Segments {
		seg := &m.Segments[s]
		c, x := e.chains[s], e.x[s]
		for i := 0; i < n; i++ {
			st := &seg.Stages[i]
			cell := r.Cell(t, s, i)
			k := x[i]
			*cell = Flows{
				Customers:      k,
				Churned:        k * c.churn[i],
				Revenue:        k * st.Revenue,
				Discount:       k * st.Revenue * st.PriceDiscount,
				CostToServe:    k * st.CostToServe,
				RetentionSpend: k * st.RetentionSpend,
			}
			if i == m.Entry {
				cell.New = m.NewCustomers[t] * seg.Share
				cell.AcquisitionSpend = cell.New * seg.AcquisitionCost
			}
			op := cell.Revenue - cell.Discount - cell.CostToServe - cell.RetentionSpend
			cell.NetCashFlow = op - cell.AcquisitionSpend
			cell.DiscountedNetCashFlow = op*e.disc[t] - cell.AcquisitionSpend*e.acqD[t]
			total.Add(cell)
		}
		lost := r.Cell(t, s, n)
		*lost = Flows{Customers: e.gone[s]}
		for l := n; l < c.size; l++ {
			lost.Customers += x[l]
			lost.WonBack += x[l] * c.wonBack
		}
		lost.WinbackSpend = lost.WonBack * c.winSpend
		lost.NetCashFlow = -lost.WinbackSpend
		lost.DiscountedNetCashFlow = -lost.WinbackSpend * e.disc[t]
		total.Add(lost)

		// Move on: y = x·A, count who left for good, acquire the next cohort.
		y := e.y[s]
		c.stepTo(y, x)
		for i, xi := range x {
			e.gone[s] += xi * c.leak[i]
		}
		if t+1 < m.Horizon {
			y[m.Entry] += m.NewCustomers[t+1] * seg.Share
		}
		e.x[s], e.y[s] = y, x
	}
	cum, dcum := total.NetCashFlow, total.DiscountedNetCashFlow
	if t > 0 {
		cum += r.CumulativeNetCashFlow[t-1]
		dcum += r.CumulativeDiscountedNetCashFlow[t-1]
	}
	r.CumulativeNetCashFlow[t] = cum
	r.CumulativeDiscountedNetCashFlow[t] = dcum
	e.t++
	return true
}

// Result returns the result recorded so far. Its Summary is empty until
// Summarize is called.
func (e *Engine) Result() *Result { return e.res }

// Run projects m to its horizon and returns the result with its summary.
func Run(m *Model) (*Result, error) {
	e, err := NewEngine(m)
	if err != nil {
		return nil, err
	}
	for e.Step() {
	}
	e.Summarize()
	return e.res, nil
}

// CohortFlows is what one cohort does in one period.
type CohortFlows struct {
	Customers   float64 // active customers
	NetRevenue  float64 // revenue after price discounts
	NetCashFlow float64 // acquisition spend included, in the acquisition period
}

// Cohort returns what the cohort acquired in period c does in period t; it
// is zero for t < c. It needs the summary (Run, or Engine.Summarize).
func (r *Result) Cohort(c, t int) CohortFlows {
	var f CohortFlows
	if t < c || r.unit == nil {
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
// tenure τ. It needs the summary.
func (r *Result) SegmentSurvival(s, τ int) float64 {
	if r.unitActive == nil {
		return 0
	}
	return r.unitActive[s][τ]
}

// CohortMix sets dst[i] to the share of a new customer (share-weighted
// over segments) in stage i at tenure τ, and returns dst. The shares sum
// to Summary.Survival[τ]. It needs the summary.
func (r *Result) CohortMix(dst []float64, τ int) []float64 {
	n := len(r.Model.StageIDs)
	dst = append(dst[:0], make([]float64, n)...)
	if r.unitStage == nil {
		return dst
	}
	for s, seg := range r.Model.Segments {
		for i := range n {
			dst[i] += seg.Share * r.unitStage[s][τ*n+i]
		}
	}
	return dst
}
