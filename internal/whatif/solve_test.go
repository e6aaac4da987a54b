package whatif

import (
	"testing"
)

// TestLinspaceEnds: the scan and the grid start and end exactly at the
// range's bounds. floats.Span alone ends 0.1..0.3 in 7 points at
// 0.30000000000000004, above the bound (checked when linspace moved to
// Span), and steps evenly in between.
func TestLinspaceEnds(t *testing.T) {
	for _, c := range []struct {
		lo, hi float64
		n      int
	}{{0.1, 0.3, 7}, {0.81, 0.94, 50}, {108, 132, 50}, {0, 0.94, 65}, {-1, 1, 2}} {
		xs := linspace(c.lo, c.hi, c.n)
		if len(xs) != c.n || xs[0] != c.lo || xs[c.n-1] != c.hi {
			t.Errorf("linspace(%v, %v, %d) = %v…%v (%d values)", c.lo, c.hi, c.n, xs[0], xs[len(xs)-1], len(xs))
		}
		step := (c.hi - c.lo) / float64(c.n-1)
		for i := 1; i < c.n; i++ {
			if d := xs[i] - xs[i-1]; d <= 0 || d > step*(1+1e-9) || d < step*(1-1e-9) {
				t.Errorf("linspace(%v, %v, %d): step %d is %v, want %v", c.lo, c.hi, c.n, i, d, step)
			}
		}
	}
}
