package sim

import "fmt"

// Population is the customers of a model's segments by state, all cohorts
// together, with the chains that move them: the state a projection carries
// from one period to the next. The engine steps one; package
// clvlab/sim/uncertainty steps one per trial, with the trial's parameters
// and its own Mover. Create it with NewPopulation.
//
// A segment with latent classes has one chain per class: the population's
// groups are the classes of every segment in order (a segment without
// classes is one group), and its customers, chains and Mover calls are by
// group; its recorded flows add the groups of a segment up.
type Population struct {
	m        *Model
	chains   []*Chain
	x, y     [][]float64 // per group: customers by state this period, scratch for the next
	gone     []float64   // per group: customers gone for good
	acquired []float64   // per group: customers acquired this period
	groups   []Group     // per group: its segment and class
	classes  []*Segment  // per group: the segment, or the class, of the model at hand
	first    []int       // per segment: its first group; first[segments] = groups
	disc     []float64   // per period: operating discount factor
	acqD     []float64   // per period: acquisition discount factor (1+d)^−t
	t        int         // the period StepTo records next
	every    int         // the renewal period the chains were made for
	// the discounting disc and acqD were made for
	period Period
	rate   float64
	timing CashTiming
	// per group: the customers referred last period, who arrive this
	// period, and their referrers' reward (referral.go)
	referred, rewardDue []float64
	refers              bool // whether any stage of the model at hand refers
}

// Group names one group of a population: class Class of segment Segment
// (class 0 of a segment without classes).
type Group struct{ Segment, Class int }

// NewPopulation returns the population of the valid model m with lost lost
// states per group, and acquires period 0 by mv. lost is
// LostStates(m.Winback), or, for a caller that may draw a positive win-back
// rate where m has none, the lost states of a positive rate. NewPopulation
// panics on any other lost.
func NewPopulation(m *Model, lost int, mv Mover) *Population {
	checkLost("NewPopulation", m, lost)
	n := len(m.StageIDs)
	p := &Population{first: make([]int, len(m.Segments)+1)}
	for s := range m.Segments {
		p.first[s] = len(p.groups)
		for c := range m.Segments[s].ClassCount() {
			p.groups = append(p.groups, Group{s, c})
		}
	}
	groups := len(p.groups)
	p.first[len(m.Segments)] = groups
	p.chains = make([]*Chain, groups)
	p.classes = make([]*Segment, groups)
	p.x, p.y = make([][]float64, groups), make([][]float64, groups)
	p.gone, p.acquired = make([]float64, groups), make([]float64, groups)
	p.referred, p.rewardDue = make([]float64, groups), make([]float64, groups)
	tenure := m.TenureStates() // tenure.go
	for g := range groups {
		p.chains[g] = newChain(n, tenure, lost)
		p.x[g] = make([]float64, n*tenure+lost)
		p.y[g] = make([]float64, n*tenure+lost)
	}
	p.every = m.RenewalEvery
	p.disc, p.acqD = m.DiscountFactors()
	p.period, p.rate, p.timing = m.Period, m.DiscountRate, m.CashTiming
	p.Reset(m, mv)
	return p
}

// Reset refills the chains from m, empties the population, puts each
// group's existing customers (Segment.Existing) in their stages and
// acquires period 0 by mv, without allocating: the next StepTo records
// period 0.
// m must have the stages, segments, classes, horizon, period, discount
// rate, cash timing, win-back window and renewal period of the model the
// population was made for (a Monte Carlo trial's copy with drawn
// parameters); Reset panics if any differs. A trial's revenue growth that
// needs more tenure states than the population has stops growing at its
// last (Chain's fill).
func (p *Population) Reset(m *Model, mv Mover) {
	if len(p.first) != len(m.Segments)+1 || p.chains[0].n != len(m.StageIDs) || len(p.disc) != m.Horizon {
		panic(fmt.Sprintf("sim: Population.Reset with %d segments, %d stages, %d periods; the population has %d, %d, %d",
			len(m.Segments), len(m.StageIDs), m.Horizon, len(p.first)-1, p.chains[0].n, len(p.disc)))
	}
	for s := range m.Segments {
		if k := m.Segments[s].ClassCount(); k != p.first[s+1]-p.first[s] {
			panic(fmt.Sprintf("sim: Population.Reset with %d classes in segment %d; the population has %d", k, s, p.first[s+1]-p.first[s]))
		}
	}
	if m.Period != p.period || m.DiscountRate != p.rate || m.CashTiming != p.timing {
		panic(fmt.Sprintf("sim: Population.Reset with a %s period, discount rate %g and cash at period %s; the population discounts a %s period at %g with cash at period %s",
			m.Period, m.DiscountRate, m.CashTiming, p.period, p.rate, p.timing))
	}
	if m.RenewalEvery != p.every {
		panic(fmt.Sprintf("sim: Population.Reset with renewal every %d periods; the population renews every %d", m.RenewalEvery, p.every))
	}
	checkLost("Population.Reset", m, p.chains[0].size-p.chains[0].active)
	p.m, p.t = m, 0
	p.refers = m.Refers()
	clear(p.referred)
	clear(p.rewardDue)
	mv.Acquire(p.acquired, m, 0)
	for g, gr := range p.groups {
		p.classes[g] = m.Class(gr.Segment, gr.Class)
		p.chains[g].fill(p.classes[g], m.Winback, m.RenewalEvery, m.Competitor)
		clear(p.x[g])
		p.x[g][m.Entry] = p.acquired[g]
		for i, e := range p.classes[g].Existing {
			p.x[g][i] += e
		}
		p.gone[g] = 0
	}
}

// checkLost panics unless lost is a valid number of lost states for m.
func checkLost(caller string, m *Model, lost int) {
	if w := m.Winback; lost != LostStates(w) && lost != LostStates(Winback{Rate: 1, Window: w.Window}) {
		panic(fmt.Sprintf("sim: %s with %d lost states for win-back rate %v, window %d", caller, lost, w.Rate, w.Window))
	}
}

// Groups returns the number of groups: the classes of all segments.
func (p *Population) Groups() int { return len(p.groups) }

// Group returns the segment and class of group g.
func (p *Population) Group(g int) Group { return p.groups[g] }

// Chain returns the chain of group g.
func (p *Population) Chain(g int) *Chain { return p.chains[g] }

// Customers returns group g's customers by state this period: the active
// states (the stages at each tenure state, Chain.Active), then the lost
// states. The slice changes at the next StepTo.
func (p *Population) Customers(g int) []float64 { return p.x[g] }

// Acquired returns the customers of group g acquired in the period
// StepTo records next (those of period 0 after Reset).
func (p *Population) Acquired(g int) float64 { return p.acquired[g] }

// Period returns the period StepTo records next.
func (p *Population) Period() int { return p.t }

// StepTo records the customers and cash flows of period t = Period() into
// dst and their sum into total, then moves every customer on one period by
// mv and acquires period t+1's cohort. dst holds one Flows per segment and
// row (stages, then the lost row), as a period of Result.Cells: a
// segment's classes add up in its cells. StepTo does not allocate; it
// panics if dst has the wrong length or the horizon is reached.
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
		cells := dst[s*rows : (s+1)*rows]
		clear(cells)                       // the classes add up in them; 0 + x is x, bit for bit
		lostCustomers, wonBack := 0.0, 0.0 // added up here, not in dst, to stay in registers
		for g := p.first[s]; g < p.first[s+1]; g++ {
			seg := p.classes[g]
			c, x, y := p.chains[g], p.x[g], p.y[g]
			// The active states, tenure state by tenure state (tenure.go):
			// the new customers are in the first, tenure 0.
			for base := 0; base < c.active; base += n {
				for i, k := range x[base : base+n] {
					a := base + i
					st := &seg.Stages[i]
					revenue := k * c.revenue[a]
					priceDiscount := revenue * st.PriceDiscount
					badDebt := (revenue - priceDiscount) * st.BadDebt // 0 without bad debt: op is then unchanged, bit for bit
					discount := priceDiscount
					if c.every > 0 {
						discount += k * c.renewal[a]
					}
					cost, retention := k*st.CostToServe, k*st.RetentionSpend
					acquired, acquisition := 0.0, 0.0
					if a == m.Entry {
						acquired = p.acquired[g]
						acquisition = acquired * seg.AcquisitionCost
						if p.refers {
							p.recordReferred(&cells[i], g, acqD)
						}
					}
					op := revenue - discount - badDebt - cost - retention
					// Field by field: a Flows literal would be built aside and copied.
					cell := &cells[i]
					if c.rival != nil && c.rival[i] {
						cell.Rivals += k // a competitor's customers: not ours (competitor.go)
						cell.FromRivals += k * c.crosses[a]
					} else {
						cell.Customers += k
						cell.ToRivals += k * c.crosses[a]
					}
					cell.New += acquired
					cell.Churned += k * c.churn[a]
					cell.Purchases += k * st.Purchases
					cell.Revenue += revenue
					cell.Discount += discount
					cell.BadDebt += badDebt
					cell.CostToServe += cost
					cell.RetentionSpend += retention
					cell.AcquisitionSpend += acquisition
					cell.NetCashFlow += op - acquisition
					cell.DiscountedNetCashFlow += op*disc - acquisition*acqD
				}
			}
			lostCustomers += p.gone[g]
			for _, k := range x[c.active:] {
				lostCustomers += k
			}
			wonBack += mv.Move(g, c, y, x, &p.gone[g])
		}
		for i := range cells[:n] {
			sum.Add(&cells[i])
		}
		lost := &cells[n]
		lost.Customers = lostCustomers
		lost.WonBack = wonBack
		lost.WinbackSpend = wonBack * m.Winback.CostPerCustomer
		lost.NetCashFlow = -lost.WinbackSpend
		lost.DiscountedNetCashFlow = -lost.WinbackSpend * disc
		sum.Add(lost)
	}
	*total = sum
	if t+1 < m.Horizon {
		mv.Acquire(p.acquired, m, t+1)
		if p.refers {
			p.refer(mv) // into p.y, with the period's acquisitions
		}
	}
	for g := range p.groups {
		if t+1 < m.Horizon {
			p.y[g][m.Entry] += p.acquired[g]
		}
		p.x[g], p.y[g] = p.y[g], p.x[g]
	}
	p.t++
}
