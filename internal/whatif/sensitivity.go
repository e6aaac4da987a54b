package whatif

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/floats"

	"clvlab/internal/kpi"
	"clvlab/scenarios"
	"clvlab/sim"
)

// DefaultPercent is the default one-at-a-time move of the tornado, ±10%.
const DefaultPercent = 10

// Move is how far one parameter is moved: to Low and High.
type Move struct {
	scenarios.Parameter
	Low, High float64
	// FromRange is true when Low and High come from the scenario's
	// [[sensitivity]] range rather than ±percent.
	FromRange bool
	// Clamped says why Low or High was pulled in to keep the scenario
	// valid (a probability whose row would sum over 1, a fraction over 1),
	// or is empty.
	Clamped string
}

// MoveOf returns how far the tornado and the grid move p: to its
// [[sensitivity]] range if s gives one, else by ±percent of its value;
// either way clamped to the values p may take.
func MoveOf(s *scenarios.Scenario, p scenarios.Parameter, percent float64) Move {
	if r, ok := s.RangeFor(p.Path); ok {
		return MoveTo(p, r.Low, r.High, true)
	}
	return MoveTo(p, p.Value*(1-percent/100), p.Value*(1+percent/100), false)
}

// MoveTo returns the move of p to low and high, clamped to the values p
// may take, saying so in Clamped.
func MoveTo(p scenarios.Parameter, low, high float64, fromRange bool) Move {
	m := Move{Parameter: p, Low: low, High: high, FromRange: fromRange}
	if m.Low > m.High {
		m.Low, m.High = m.High, m.Low
	}
	var notes []string
	if m.Low < p.Min {
		notes = append(notes, fmt.Sprintf("low clamped from %s to %s (%s)", describe(m.Low), describe(p.Min), kindLimit(p, false)))
		m.Low = p.Min
	}
	if m.High > p.Max {
		notes = append(notes, fmt.Sprintf("high clamped from %s to %s (%s)", describe(m.High), describe(p.Max), kindLimit(p, true)))
		m.High = p.Max
	}
	m.Low = math.Min(m.Low, m.High)
	for i, n := range notes {
		if i == 0 {
			m.Clamped = n
		} else {
			m.Clamped += "; " + n
		}
	}
	return m
}

// kindLimit says why p stops at its lower or upper bound.
func kindLimit(p scenarios.Parameter, upper bool) string {
	switch {
	case !upper:
		return "it cannot be negative"
	case p.Kind == scenarios.Probability && p.Max < 1:
		return "its row would sum over 1"
	case p.Kind == scenarios.Probability:
		return "a probability is at most 1"
	case p.Kind == scenarios.Fraction || p.Kind == scenarios.Rate:
		return "a fraction is at most 1"
	case p.Kind == scenarios.Multiplier:
		return "the largest multiplier"
	}
	return "the largest amount"
}

// SensitivityOptions tunes Sensitivity; the zero value asks for the
// defaults.
type SensitivityOptions struct {
	KPI     kpi.KPI // the KPI ranked by; default CLV (the zero KPI)
	Percent float64 // the one-at-a-time move, ±percent; default 10
	// Paths lists the parameters to move; default s.Parameters(), those at
	// 0 left out unless the file gives them a [[sensitivity]] range.
	Paths []string
}

// Bar is one parameter of a tornado.
type Bar struct {
	Move
	KPILow, KPIHigh sim.Optional // the KPI with the parameter at Low and at High
	// Swing is |KPIHigh − KPILow|, undefined when either is.
	Swing sim.Optional
}

// Skipped is a parameter left out of a tornado, with the reason.
type Skipped struct {
	Path, Reason string
}

// Tornado is a one-at-a-time sensitivity analysis: each parameter moved to
// its low and high value with every other at its base value, ranked by the
// swing of the KPI (largest first; undefined swings last).
type Tornado struct {
	KPI         kpi.KPI
	Percent     float64
	Base        sim.Optional // the KPI at the base values
	Bars        []Bar
	Skipped     []Skipped
	Evaluations int
}

// Sensitivity moves each parameter of s one at a time and ranks them by
// the swing of a KPI: the tornado.
func Sensitivity(s *scenarios.Scenario, opt SensitivityOptions) (*Tornado, error) {
	if opt.Percent == 0 {
		opt.Percent = DefaultPercent
	}
	if !(opt.Percent > 0 && opt.Percent <= 100) {
		return nil, fmt.Errorf("whatif: a move of ±%v%%; give a percentage in (0, 100]", opt.Percent)
	}
	t := &Tornado{KPI: opt.KPI, Percent: opt.Percent}
	var params []scenarios.Parameter
	if opt.Paths == nil {
		for _, p := range s.Parameters() {
			if _, ranged := s.RangeFor(p.Path); p.Value == 0 && !ranged {
				t.Skipped = append(t.Skipped, Skipped{p.Path, "it is 0, and a relative move of 0 is no move; give it a [[sensitivity]] range"})
				continue
			}
			params = append(params, p)
		}
	} else {
		for _, path := range opt.Paths {
			p, err := s.Parameter(path)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", path, err)
			}
			params = append(params, p)
		}
	}
	base, err := kpiAt(s, opt.KPI, nil)
	if err != nil {
		return nil, err
	}
	t.Base = base
	t.Bars = make([]Bar, len(params))
	for i, p := range params {
		t.Bars[i].Move = MoveOf(s, p, opt.Percent)
	}
	err = parallel(2*len(params), func(j int) error {
		i, high := j/2, j%2 == 1
		m := &t.Bars[i].Move
		x := m.Low
		if high {
			x = m.High
		}
		v, err := kpiAt(s, opt.KPI, []string{m.Path}, x)
		if err != nil {
			return fmt.Errorf("%s = %s: %w", m.Path, describe(x), err)
		}
		if high {
			t.Bars[i].KPIHigh = v
		} else {
			t.Bars[i].KPILow = v
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.Evaluations = 1 + 2*len(params)
	for i := range t.Bars {
		b := &t.Bars[i]
		if b.KPILow.Defined && b.KPIHigh.Defined {
			b.Swing = sim.Some(math.Abs(b.KPIHigh.Value - b.KPILow.Value))
		}
	}
	slices.SortStableFunc(t.Bars, func(a, b Bar) int {
		switch {
		case a.Swing.Defined != b.Swing.Defined:
			if a.Swing.Defined {
				return -1
			}
			return 1
		case a.Swing.Value != b.Swing.Value:
			return cmp.Compare(b.Swing.Value, a.Swing.Value)
		}
		return 0
	})
	return t, nil
}

// DefaultGridSize is the number of values per axis of a grid.
const DefaultGridSize = 50

// GridOptions tunes Sensitivity's two-parameter cousin, Grid.
type GridOptions struct {
	KPI  kpi.KPI // default CLV
	X, Y string  // the two parameter paths
	// XRange and YRange give each axis's [low, high]; nil means the
	// parameter's [[sensitivity]] range, or ±Percent, clamped (MoveOf).
	XRange, YRange *[2]float64
	Percent        float64 // default 10
	Size           int     // values per axis, default 50, at most 500
	Level          float64 // the contour drawn: the break-even KPI value, default 0
}

// Grid is a KPI over a two-parameter grid.
type Grid struct {
	KPI      kpi.KPI
	X, Y     Move      // the axes: X.Low..X.High and Y.Low..Y.High
	XValues  []float64 // Size values from Low to High
	YValues  []float64
	Z        [][]sim.Optional // Z[j][i]: the KPI at XValues[i], YValues[j]; undefined where it is, or where the pair makes an invalid scenario
	Invalid  int              // cells whose pair makes an invalid scenario (e.g. two probabilities of one row summing over 1)
	Level    float64
	Crossing []Point // where the KPI crosses Level along each column (linear interpolation between cells)
	Min, Max sim.Optional
}

// Point is a point of a curve.
type Point struct{ X, Y float64 }

// GridOf evaluates a KPI over a grid of two parameters of s.
func GridOf(s *scenarios.Scenario, opt GridOptions) (*Grid, error) {
	if opt.Percent == 0 {
		opt.Percent = DefaultPercent
	}
	if opt.Size == 0 {
		opt.Size = DefaultGridSize
	}
	if opt.Size < 2 || opt.Size > 500 {
		return nil, fmt.Errorf("whatif: a grid of %d values per axis; give 2 to 500", opt.Size)
	}
	if opt.X == opt.Y {
		return nil, fmt.Errorf("whatif: the grid needs two different parameters, got %s twice", opt.X)
	}
	axis := func(path string, r *[2]float64) (Move, error) {
		p, err := s.Parameter(path)
		if err != nil {
			return Move{}, fmt.Errorf("%s: %w", path, err)
		}
		m := MoveOf(s, p, opt.Percent)
		if r != nil {
			if !(r[0] <= r[1]) {
				return Move{}, fmt.Errorf("%s: range %s,%s; give low,high with low ≤ high", path, describe(r[0]), describe(r[1]))
			}
			m = MoveTo(p, r[0], r[1], true)
		}
		if m.Low == m.High {
			return Move{}, fmt.Errorf("%s: the range is the single value %s; give a wider range", path, describe(m.Low))
		}
		return m, nil
	}
	g := &Grid{KPI: opt.KPI, Level: opt.Level}
	var err error
	if g.X, err = axis(opt.X, opt.XRange); err != nil {
		return nil, err
	}
	if g.Y, err = axis(opt.Y, opt.YRange); err != nil {
		return nil, err
	}
	n := opt.Size
	g.XValues, g.YValues = linspace(g.X.Low, g.X.High, n), linspace(g.Y.Low, g.Y.High, n)
	g.Z = make([][]sim.Optional, n)
	for j := range g.Z {
		g.Z[j] = make([]sim.Optional, n)
	}
	invalid := make([]bool, n*n)
	paths := []string{opt.X, opt.Y}
	if err := parallel(n*n, func(c int) error {
		i, j := c%n, c/n
		v, err := kpiAt(s, opt.KPI, paths, g.XValues[i], g.YValues[j])
		if err != nil {
			invalid[c] = true // the pair breaks the scenario: the cell stays undefined
			return nil
		}
		g.Z[j][i] = v
		return nil
	}); err != nil {
		return nil, err
	}
	for c, bad := range invalid {
		if bad {
			g.Invalid++
		}
		v := g.Z[c/n][c%n]
		if v.Defined {
			if !g.Min.Defined || v.Value < g.Min.Value {
				g.Min = v
			}
			if !g.Max.Defined || v.Value > g.Max.Value {
				g.Max = v
			}
		}
	}
	for i := range n {
		for j := 0; j+1 < n; j++ {
			a, b := g.Z[j][i], g.Z[j+1][i]
			if !a.Defined || !b.Defined || (a.Value-g.Level)*(b.Value-g.Level) > 0 || a.Value == b.Value {
				continue
			}
			if b.Value == g.Level && j+2 < n {
				continue // counted at the next pair, where it starts
			}
			f := (g.Level - a.Value) / (b.Value - a.Value)
			g.Crossing = append(g.Crossing, Point{g.XValues[i], g.YValues[j] + f*(g.YValues[j+1]-g.YValues[j])})
		}
	}
	return g, nil
}

// linspace returns n evenly spaced values from lo to hi (floats.Span),
// with hi itself as the last: Span's last value lo + (hi−lo)/(n−1)·(n−1)
// can miss hi by an ulp, which could step out of a parameter's range.
func linspace(lo, hi float64, n int) []float64 {
	xs := floats.Span(make([]float64, n), lo, hi)
	xs[n-1] = hi
	return xs
}
