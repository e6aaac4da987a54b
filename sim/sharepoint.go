package sim

import "math"

// SharePoint is the value of a point of market share won through one
// row of the switching matrix.
//
// The row of stage Row is changed the same way in every segment and
// class: a fraction Fraction of the probability it moves to competitor
// stages (for a competitor's row, its stay included, what the row leaves
// unassigned too) is taken from those entries in proportion to them, and
// added to the row's entries into our stages in proportion to them (to
// the entry stage when it has none). Fraction is the one that raises the
// steady-state share (Market.SteadyShare) by exactly one point, 0.01;
// Value is the change in customer equity it brings over the horizon.
type SharePoint struct {
	Row      int     // the stage whose row is changed
	Fraction float64 // of the row's moves to competitors, moved to ours
	// Value is the change in customer equity; undefined when a point of
	// share is beyond the row's reach (even moving all of its switching
	// to competitors does not add one) or the steady state is undefined.
	Value Optional
}

// SharePointPoint is the rise in steady-state share a SharePoint buys:
// one percentage point.
const SharePointPoint = 0.01

// SharePoints returns the value of a point of share for every row that
// moves customers to a competitor stage, in stage order, with the run r
// of m (its customer equity is the base). It runs the model once per row
// that can add a point; nil without competitors. m must be valid.
func SharePoints(m *Model, r *Result) []SharePoint {
	if !m.HasCompetitors() || r.Summary.Market == nil {
		return nil
	}
	base := r.Summary.Market.SteadyShare
	var out []SharePoint
	for row := range m.StageIDs {
		if !m.switchesToRivals(row) {
			continue
		}
		sp := SharePoint{Row: row}
		out = append(out, sp)
		if !base.Defined {
			continue
		}
		target := base.Value + SharePointPoint
		at := func(f float64) (float64, bool) {
			d, _ := m.withSwitching(row, f).SteadyState()
			if d == nil {
				return 0, false
			}
			return m.ours(d), true
		}
		if top, ok := at(1); !ok || top < target {
			continue
		}
		f, ok := bisectFraction(at, target)
		if !ok {
			continue // the steady state is undefined on the way: so is the point's value
		}
		run, err := Run(m.withSwitching(row, f))
		if err != nil {
			continue
		}
		out[len(out)-1].Fraction = f
		out[len(out)-1].Value = Some(run.Summary.CustomerEquity - r.Summary.CustomerEquity)
	}
	return out
}

// switchesToRivals reports whether row moves anyone to a competitor stage
// in some segment or class.
func (m *Model) switchesToRivals(row int) bool {
	for s := range m.Segments {
		for k := range m.Segments[s].ClassCount() {
			t := m.Class(s, k).Transition[row]
			for j, p := range t {
				if m.IsCompetitor(j) && p > 0 {
					return true
				}
			}
			if m.IsCompetitor(row) && RowSum(t) < 1 {
				return true // its unassigned rest stays with the competitor
			}
		}
	}
	return false
}

// withSwitching returns a copy of m whose row is changed as SharePoint
// says, by the fraction f in [0, 1]; the rest of m is shared.
func (m *Model) withSwitching(row int, f float64) *Model {
	c := *m
	c.Segments = make([]Segment, len(m.Segments))
	for s, seg := range m.Segments {
		if len(seg.Classes) > 0 {
			seg.Classes = append([]Segment(nil), seg.Classes...)
			for k := range seg.Classes {
				seg.Classes[k].Transition = m.switched(seg.Classes[k].Transition, row, f)
			}
		} else {
			seg.Transition = m.switched(seg.Transition, row, f)
		}
		c.Segments[s] = seg
	}
	return &c
}

// switched returns t with its row changed by the fraction f.
func (m *Model) switched(t [][]float64, row int, f float64) [][]float64 {
	out := append([][]float64(nil), t...)
	r := append([]float64(nil), t[row]...)
	if m.IsCompetitor(row) {
		r[row] += max(0, 1-RowSum(r)) // what it leaves unassigned stays there
	}
	moved, ours := 0.0, 0.0
	for j, p := range r {
		if m.IsCompetitor(j) {
			moved += f * p
			r[j] = p * (1 - f)
		} else {
			ours += p
		}
	}
	for j, p := range r {
		if m.IsCompetitor(j) {
			continue
		}
		if ours > 0 {
			r[j] = p + moved*p/ours
		} else if j == m.Entry {
			r[j] = p + moved
		}
	}
	for j := range r {
		r[j] = math.Min(1, r[j])
	}
	out[row] = r
	return out
}

// bisectFraction returns the least fraction f in [0, 1] (within 1e-15)
// whose steady share at(f) reaches target, given at(0) < target ≤ at(1):
// the share is continuous in the fraction. ok is false when at fails on
// the way (the steady state is undefined there).
func bisectFraction(at func(float64) (float64, bool), target float64) (float64, bool) {
	f0, f1 := 0.0, 1.0
	for range 100 {
		mid := (f0 + f1) / 2
		s, ok := at(mid)
		if !ok {
			return 0, false
		}
		if s < target {
			f0 = mid
		} else {
			f1 = mid
		}
		if f1-f0 <= 1e-15 {
			break
		}
	}
	return f1, true
}
