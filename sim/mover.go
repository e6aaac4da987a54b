package sim

// Mover decides how customers move from one period to the next: how many
// are acquired, and how a state's customers split over its moves. The
// engine moves expected fractions ([Expected]); package
// clvlab/sim/uncertainty draws whole customers at random. Everything else
// a period does, the cash flows and their order of operations, is
// [Population.StepTo]'s.
type Mover interface {
	// Acquire sets dst[g] to the customers of group g of m acquired in
	// period t: the groups are the classes of every segment in order, a
	// segment without classes one group (Population.Group).
	Acquire(dst []float64, m *Model, t int)
	// Move sets next to group g's customers by state one period after x,
	// following chain c (x, next: c.States() long, not overlapping). It
	// adds the customers leaving the chain for good to *gone and returns
	// the customers won back: those moving from a lost state to a stage.
	Move(g int, c *Chain, next, x []float64, gone *float64) (wonBack float64)
	// Refer returns the customers referred into group g who arrive next
	// period, mean > 0 of them expected (referral.go).
	Refer(g int, mean float64) float64
}

// Expected is the Mover of the engine: expected acquisitions
// (NewCustomers[t] × the segment's share × the class's) and expected
// fractions of each state along its moves.
type Expected struct{}

// Acquire sets dst[g] to m.NewCustomers[t] × the segment's share, times
// the class's share for a segment with classes.
func (Expected) Acquire(dst []float64, m *Model, t int) {
	g := 0
	for s := range m.Segments {
		seg := &m.Segments[s]
		k := m.NewCustomers[t] * seg.Share
		if len(seg.Classes) == 0 {
			dst[g] = k
			g++
			continue
		}
		for c := range seg.Classes {
			dst[g] = k * seg.Classes[c].Share
			g++
		}
	}
}

// Move sets next to the expected customers by state, x times c's
// transition matrix.
func (Expected) Move(_ int, c *Chain, next, x []float64, gone *float64) float64 {
	return c.expectTo(next, x, gone)
}

// Refer returns mean: the expected referred customers.
func (Expected) Refer(_ int, mean float64) float64 { return mean }
