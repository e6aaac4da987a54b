package sim

// Referrals: active customers of a stage bring Economics.Referrals new
// customers per period. The customers referred in period t arrive at the
// start of period t+1 (within the horizon) in the entry stage of their
// referrer's segment, split over the segment's classes by the classes'
// shares, as new customers are; they cost no acquisition, and the firm
// pays their referrer's stage's ReferralReward for each when they arrive.
// The engine (Expected) moves the expected number; a Monte Carlo Mover
// draws Poisson counts.

// Refers reports whether any stage of any segment or class of m brings
// referrals. A model that does not runs exactly as it did before
// referrals existed.
func (m *Model) Refers() bool {
	for s := range m.Segments {
		for c := range m.Segments[s].ClassCount() {
			if m.Class(s, c).refers() {
				return true
			}
		}
	}
	return false
}

// refers reports whether a stage of the segment or class seg refers.
func (seg *Segment) refers() bool {
	for _, st := range seg.Stages {
		if st.Referrals > 0 {
			return true
		}
	}
	return false
}

// recordReferred records in the entry cell of group g the customers
// referred last period who arrive now, and their referrers' reward, paid
// at the period start (discount factor acqD).
func (p *Population) recordReferred(cell *Flows, g int, acqD float64) {
	r := p.rewardDue[g]
	cell.Referred += p.referred[g]
	cell.ReferralReward += r
	cell.NetCashFlow -= r
	cell.DiscountedNetCashFlow -= r * acqD
}

// refer adds to next period's entry stage (p.y, tenure 0) the customers this
// period's active customers (p.x) refer, and keeps their number and
// reward for next period's record, without allocating. Each segment's
// expected referrals T (and reward W) are summed over its classes and
// stages; class g's share w of them is drawn by mv.Refer around T·w, and
// its reward is the draw times W/T, the segment's mean reward per
// referred customer.
func (p *Population) refer(mv Mover) {
	m := p.m
	n := len(m.StageIDs)
	for s := range m.Segments {
		total, reward := 0.0, 0.0
		for g := p.first[s]; g < p.first[s+1]; g++ {
			stages := p.classes[g].Stages
			// Every active state refers, tenure state by tenure state
			// (tenure.go): state a is stage a mod n.
			for a, k := range p.x[g][:p.chains[g].active] {
				i := a % n
				if r := k * m.referrals(p.classes[g], i); r > 0 {
					total += r
					reward += r * stages[i].ReferralReward
				}
			}
		}
		classes := m.Segments[s].Classes
		for g := p.first[s]; g < p.first[s+1]; g++ {
			p.referred[g], p.rewardDue[g] = 0, 0
			if !(total > 0) {
				continue
			}
			mean := total
			if len(classes) > 0 {
				mean *= classes[g-p.first[s]].Share
			}
			if !(mean > 0) {
				continue
			}
			k := mv.Refer(g, mean)
			p.referred[g] = k
			p.rewardDue[g] = k * (reward / total)
			p.y[g][m.Entry] += k
		}
	}
}

// referrals returns the referrals per period of an active customer of
// stage i of the segment or class seg: its Referrals, and none in a
// competitor's stage, whose customers are not ours.
func (m *Model) referrals(seg *Segment, i int) float64 {
	if m.Competitor != nil && m.Competitor[i] {
		return 0
	}
	return seg.Stages[i].Referrals
}
