package sim

// Mover decides how customers move from one period to the next: how many
// are acquired, and how a state's customers split over its moves. The
// engine moves expected fractions ([Expected]); package
// clvlab/sim/uncertainty draws whole customers at random. Everything else
// a period does, the cash flows and their order of operations, is
// [Population.StepTo]'s.
type Mover interface {
	// Acquire sets dst[s] to the customers of segment s of m acquired in
	// period t.
	Acquire(dst []float64, m *Model, t int)
	// Move sets next to segment s's customers by state one period after
	// x, following chain c (x, next: c.States() long, not overlapping).
	// It adds the customers leaving the chain for good to *gone and
	// returns the customers won back: those moving from a lost state to a
	// stage.
	Move(s int, c *Chain, next, x []float64, gone *float64) (wonBack float64)
}

// Expected is the Mover of the engine: expected acquisitions
// (NewCustomers[t] × the segment's share) and expected fractions of each
// state along its moves.
type Expected struct{}

// Acquire sets dst[s] to m.NewCustomers[t] × m.Segments[s].Share.
func (Expected) Acquire(dst []float64, m *Model, t int) {
	for s := range m.Segments {
		dst[s] = m.NewCustomers[t] * m.Segments[s].Share
	}
}

// Move sets next to the expected customers by state, x times c's
// transition matrix.
func (Expected) Move(_ int, c *Chain, next, x []float64, gone *float64) float64 {
	return c.expectTo(next, x, gone)
}
