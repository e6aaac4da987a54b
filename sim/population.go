package sim

import "fmt"

// Population is the customers of a model's segments by state, all cohorts
// together, with the chains that move them: the state a projection carries
// from one period to the next. The engine steps one; package
// clvlab/sim/uncertainty steps one per trial, with the trial's parameters
// and its own Mover. Create it with NewPopulation.
type Population struct {
	m        *Model
	chains   []*Chain
	x, y     [][]float64 // per segment: customers by state this period, scratch for the next
	gone     []float64   // per segment: customers gone for good
	acquired []float64   // per segment: customers acquired this period
	disc     []float64   // per period: operating discount factor
	acqD     []float64   // per period: acquisition discount factor (1+d)^−t
	t        int         // the period StepTo records next
	// the discounting disc and acqD were made for
	period Period
	rate   float64
	timing CashTiming
}

// NewPopulation returns the population of the valid model m with lost lost
// states per segment, and acquires period 0 by mv. lost is
// LostStates(m.Winback), or, for a caller that may draw a positive win-back
// rate where m has none, the lost states of a positive rate. NewPopulation
// panics on any other lost.
func NewPopulation(m *Model, lost int, mv Mover) *Population {
	checkLost("NewPopulation", m, lost)
	segs, n := len(m.Segments), len(m.StageIDs)
	p := &Population{
		chains:   make([]*Chain, segs),
		x:        make([][]float64, segs),
		y:        make([][]float64, segs),
		gone:     make([]float64, segs),
		acquired: make([]float64, segs),
	}
	for s := range segs {
		p.chains[s] = newChain(n, lost)
		p.x[s] = make([]float64, n+lost)
		p.y[s] = make([]float64, n+lost)
	}
	p.disc, p.acqD = m.DiscountFactors()
	p.period, p.rate, p.timing = m.Period, m.DiscountRate, m.CashTiming
	p.Reset(m, mv)
	return p
}

// Reset refills the chains from m, empties the population and acquires
// period 0 by mv, without allocating: the next StepTo records period 0.
// m must have the stages, segments, horizon, period, discount rate, cash
// timing and win-back window of the model the population was made for (a
// Monte Carlo trial's copy with drawn parameters); Reset panics if any
// differs.
func (p *Population) Reset(m *Model, mv Mover) {
	if len(p.chains) != len(m.Segments) || p.chains[0].n != len(m.StageIDs) || len(p.disc) != m.Horizon {
		panic(fmt.Sprintf("sim: Population.Reset with %d segments, %d stages, %d periods; the population has %d, %d, %d",
			len(m.Segments), len(m.StageIDs), m.Horizon, len(p.chains), p.chains[0].n, len(p.disc)))
	}
	if m.Period != p.period || m.DiscountRate != p.rate || m.CashTiming != p.timing {
		panic(fmt.Sprintf("sim: Population.Reset with a %s period, discount rate %g and cash at period %s; the population discounts a %s period at %g with cash at period %s",
			m.Period, m.DiscountRate, m.CashTiming, p.period, p.rate, p.timing))
	}
	checkLost("Population.Reset", m, p.chains[0].size-p.chains[0].n)
	p.m, p.t = m, 0
	mv.Acquire(p.acquired, m, 0)
	for s := range m.Segments {
		p.chains[s].fill(&m.Segments[s], m.Winback)
		clear(p.x[s])
		p.x[s][m.Entry] = p.acquired[s]
		p.gone[s] = 0
	}
}

// checkLost panics unless lost is a valid number of lost states for m.
func checkLost(caller string, m *Model, lost int) {
	if w := m.Winback; lost != LostStates(w) && lost != LostStates(Winback{Rate: 1, Window: w.Window}) {
		panic(fmt.Sprintf("sim: %s with %d lost states for win-back rate %v, window %d", caller, lost, w.Rate, w.Window))
	}
}

// Chain returns the chain of segment s.
func (p *Population) Chain(s int) *Chain { return p.chains[s] }

// Customers returns segment s's customers by state this period: the stages,
// then the lost states. The slice changes at the next StepTo.
func (p *Population) Customers(s int) []float64 { return p.x[s] }

// Period returns the period StepTo records next.
func (p *Population) Period() int { return p.t }

// StepTo records the customers and cash flows of period t = Period() into
// dst and their sum into total, then moves every customer on one period by
// mv and acquires period t+1's cohort. dst holds one Flows per segment and
// row (stages, then the lost row), as a period of Result.Cells. StepTo does
// not allocate; it panics if dst has the wrong length or the horizon is
// reached.
func (p *Population) StepTo(dst []Flows, total *Flows, mv Mover) {
	m, t := p.m, p.t
	n := len(m.StageIDs)
	rows := n + 1
	if len(dst) != len(m.Segments)*rows || t >= m.Horizon {
		panic(fmt.Sprintf("sim: Population.StepTo with %d cells in period %d; want %d segments × %d rows and a period in [0, %d)",
			len(dst), t, len(m.Segments), rows, m.Horizon))
	}
	var sum Flows // the period's total: unlike *total, not in dst
	disc, acqD := p.disc[t], p.acqD[t]
	for s := range m.Segments {
		seg := &m.Segments[s]
		c, x, y := p.chains[s], p.x[s], p.y[s]
		cells := dst[s*rows : (s+1)*rows]
		for i, k := range x[:n] {
			st := &seg.Stages[i]
			revenue := k * st.Revenue
			discount := revenue * st.PriceDiscount
			cost, retention := k*st.CostToServe, k*st.RetentionSpend
			acquired, acquisition := 0.0, 0.0
			if i == m.Entry {
				acquired = p.acquired[s]
				acquisition = acquired * seg.AcquisitionCost
			}
			op := revenue - discount - cost - retention
			// Field by field: a Flows literal would be built aside and copied.
			cell := &cells[i]
			cell.Customers = k
			cell.New = acquired
			cell.Churned = k * c.churn[i]
			cell.WonBack = 0
			cell.Purchases = k * st.Purchases
			cell.Revenue = revenue
			cell.Discount = discount
			cell.CostToServe = cost
			cell.RetentionSpend = retention
			cell.AcquisitionSpend = acquisition
			cell.WinbackSpend = 0
			cell.NetCashFlow = op - acquisition
			cell.DiscountedNetCashFlow = op*disc - acquisition*acqD
			sum.Add(cell)
		}
		lostCustomers := p.gone[s] // added up here, not in dst, to stay in a register
		for _, k := range x[n:] {
			lostCustomers += k
		}
		lost := &cells[n]
		*lost = Flows{Customers: lostCustomers}
		lost.WonBack = mv.Move(s, c, y, x, &p.gone[s])
		lost.WinbackSpend = lost.WonBack * c.winSpend
		lost.NetCashFlow = -lost.WinbackSpend
		lost.DiscountedNetCashFlow = -lost.WinbackSpend * disc
		sum.Add(lost)
	}
	*total = sum
	if t+1 < m.Horizon {
		mv.Acquire(p.acquired, m, t+1)
	}
	for s := range m.Segments {
		if t+1 < m.Horizon {
			p.y[s][m.Entry] += p.acquired[s]
		}
		p.x[s], p.y[s] = p.y[s], p.x[s]
	}
	p.t++
}
