package app

import (
	"image"

	"clvlab/internal/planner"
	"clvlab/internal/whatif"
	"clvlab/sim/uncertainty"
)

// chartKey is what the chart image shows: the chart is drawn again when it
// changes. A comparable struct, so that a frame builds it without
// allocating; the zero key matches no chart.
type chartKey struct {
	p            *planner.Planner
	version      int
	plansVersion int
	bands        *uncertainty.Bands
	optimum      *whatif.Optimum
	tab          int
	lang         string
	rect         image.Rectangle
	big          bool // large text
}
