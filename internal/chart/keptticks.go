package chart

import (
	"math"
	"sync"

	"gonum.org/v1/plot"
)

// Laying a figure out asks each axis's marker for its ticks many times
// with the same range (the axis's size, its glyph boxes, padding, the
// grid, drawing: a dozen layouts a figure), and gonum/plot's
// DefaultTicks searches for the best ticks each time (in a profile of
// the planner's charts about a sixth of their CPU time). The markers
// here are values whose ticks depend on the marker and the range alone,
// so the ticks are kept by both.

// tickKey names a marker's ticks over a range: the marker, a comparable
// value, and the range's bits (−0 and 0 apart, as the search sees them).
type tickKey struct {
	marker   plot.Ticker
	min, max uint64
}

// kept are the ticks found so far, shared by the goroutines that draw
// charts. Callers only read them (gonum/plot's axes and grid, and ours).
var kept struct {
	mu sync.Mutex
	m  map[tickKey][]plot.Tick
}

// maxKeptTicks bounds the kept ticks: the ranges of figures gone by are
// dropped all at once past it.
const maxKeptTicks = 1024

// keptTicks returns ticks(min, max), found once for marker: a comparable
// value whose ticks depend on itself and the range alone. The slice is
// shared: do not change it.
func keptTicks(marker plot.Ticker, min, max float64, ticks func(min, max float64) []plot.Tick) []plot.Tick {
	k := tickKey{marker, math.Float64bits(min), math.Float64bits(max)}
	kept.mu.Lock()
	t, ok := kept.m[k]
	kept.mu.Unlock()
	if ok {
		return t
	}
	t = ticks(min, max)
	kept.mu.Lock()
	if kept.m == nil || len(kept.m) >= maxKeptTicks {
		kept.m = make(map[tickKey][]plot.Tick, 64)
	}
	kept.m[k] = t
	kept.mu.Unlock()
	return t
}

// dropKeptTicks forgets the kept ticks (for benchmarks).
func dropKeptTicks() {
	kept.mu.Lock()
	kept.m = nil
	kept.mu.Unlock()
}
