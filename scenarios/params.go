package scenarios

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
)

// Parameter is one number of a scenario that the what-if analyses move.
type Parameter struct {
	Path  string // in the variant path syntax, e.g. "stage.stability.to.stability"
	Kind  Kind
	Value float64 // its value in the scenario (what the model uses)
	// Min and Max bound the values it may take: its entry's range, with a
	// transition probability's Max lowered so that its row, as written,
	// stays at most 1 in the stage and in every segment.
	Min, Max float64
	// Param is its entry in the registry.
	Param *Param
}

// Parameter returns the number at path, in the variant path syntax, with
// the values it may take. A segment override not written falls back to
// the stage's value and a `to` entry not written is 0, as in the model.
// It fails, saying why, for paths that name no number the analyses can
// move continuously: text, ids, whole numbers (horizon, winback.window),
// segment shares (they must sum to 1), a new_customers list of several
// values, and targets of a [[response]] (move its lever instead).
func (s *Scenario) Parameter(path string) (Parameter, error) {
	p := Parameter{Path: path}
	at, err := s.ParsePath(path)
	e, ok := Lookup(at)
	switch {
	case err != nil && (at.Key != "id" || s.checkIDs(at) != nil):
		return p, err // an id is "not a number" below
	case err != nil || !ok || e.Kind == Periods:
		return p, errors.New("not a number the analyses can move (they move money, fractions and probabilities)")
	}
	if err := s.immovable(at, e); err != nil {
		return p, err
	}
	p.Value, p.Kind, p.Min, p.Max, p.Param = e.Get(s, at), e.Kind, e.Min, e.Max, e
	if e.Kind == Probability {
		p.Max = math.Max(math.Min(p.Max, s.rowRoom(at)), math.Min(p.Value, 1))
	}
	return p, nil
}

// immovable says why the what-if analyses may not move the parameter e at
// p, or returns nil.
func (s *Scenario) immovable(p Path, e *Param) error {
	if r := s.responseFor(p.String()); r != nil {
		return fmt.Errorf("set by the [[response]] curve of %s; move the lever instead", r.Lever)
	}
	if e.fixed != "" {
		return errors.New(e.fixed)
	}
	if err := s.competitorImmovable(p); err != nil { // competitor.go
		return err
	}
	switch {
	case e.Pattern == "acquisition.new_customers":
		for _, r := range s.Responses {
			if r.Form() == BudgetCurve {
				return errors.New("set by the [[response]] curve of acquisition.budget; move the budget instead")
			}
		}
		if n := len(s.Acquisition.NewCustomers); n != 1 {
			return fmt.Errorf("a list of %d values; give one value to move it", n)
		}
	case p.Segment != "" && p.Key == "to":
		if r := s.responseFor(Path{Stage: p.Stage, Key: "to", To: p.To}.String()); r != nil {
			return fmt.Errorf("set by the [[response]] curve of %s in every segment; move the lever instead", r.Lever)
		}
	case (p.Segment != "" || p.Class != "") && p.Key == referralsParam.path.Key:
		if r := s.responseFor(Path{Stage: p.Stage, Key: p.Key}.String()); r != nil {
			return fmt.Errorf("set by the [[response]] curve of %s in every segment and class; move the lever instead", r.Lever)
		}
	}
	return nil
}

// rowRoom returns the largest value the probability at p (stage.ID.to.DEST,
// segment.ID.stage.ID.to.DEST or class.ID.stage.ID.to.DEST) may take with
// every row it enters summing to at most 1, as written (a response target
// counts with its written value: the curves never take a row over 1, see
// applyResponses). A row is a segment's and a class's: the stage's, with
// the segment's overrides and the class's over them. A competitor stage's
// stay is left out: the rest of its row stays with the competitor, so a
// win from it comes out of the stay.
func (s *Scenario) rowRoom(p Path) float64 {
	stageID, dest, segID, classID := p.Stage, p.To, p.Segment, p.Class
	st := &s.Stages[s.stageIndex(stageID)]
	others := func(row map[string]float64) float64 {
		sum := 0.0
		for _, d := range slices.Sorted(maps.Keys(row)) { // one order: the same bits every run
			if d != dest && !(st.Competitor && d == stageID) { // a competitor's stay is the rest: a win comes out of it
				sum += row[d]
			}
		}
		return sum
	}
	owns := func(g *Segment) (map[string]float64, bool) {
		if g == nil || g.Stage[stageID] == nil {
			return nil, false
		}
		_, own := g.Stage[stageID].To[dest]
		return g.Stage[stageID].To, own
	}
	room := 1.0
	if segID == "" && classID == "" {
		room = 1 - others(st.To)
	}
	segs, classes := []*Segment{nil}, []*Segment{nil}
	for i := range s.Segments {
		segs = append(segs, &s.Segments[i])
	}
	for i := range s.Classes {
		classes = append(classes, &s.Classes[i])
	}
	if len(s.Segments) > 0 {
		segs = segs[1:]
	}
	if len(s.Classes) > 0 {
		classes = classes[1:]
	}
	for _, seg := range segs {
		if seg == nil && segID != "" || seg != nil && segID != "" && seg.ID != segID {
			continue
		}
		for _, class := range classes {
			if seg == nil && class == nil || class == nil && classID != "" || class != nil && classID != "" && class.ID != classID {
				continue
			}
			so, segOwn := owns(seg)
			co, classOwn := owns(class)
			if classID == "" && classOwn || segID == "" && classID == "" && segOwn {
				continue // the class, or the segment, keeps its own value
			}
			row := maps.Clone(st.To)
			if row == nil {
				row = map[string]float64{}
			}
			maps.Copy(row, so)
			maps.Copy(row, co)
			room = math.Min(room, 1-others(row))
		}
	}
	return math.Max(0, room)
}

// Parameters returns the numbers the what-if analyses move by default, in
// the registry's order (byWhatIf): the discount rate; the acquisition
// cost, the number of new customers (one value, no budget response) or
// the acquisition budget (with one); each stage's revenue, cost to serve,
// retention spend, price discount and every `to` entry written (targets
// of a [[response]] left out: their lever is in the list), and the tenure
// levers a scenario uses (tenure.go); the win-back rate and cost. Whole numbers are left out, and so are segment values;
// give them by path.
func (s *Scenario) Parameters() []Parameter {
	budget := slices.ContainsFunc(s.Responses, func(r Response) bool { return r.Form() == BudgetCurve })
	var paths []Path
	for i, e := range byWhatIf {
		switch {
		case e.path.Segment != "": // by path only
		case e.path.Stage == "":
			if e.Lever != BudgetCurve || budget {
				paths = append(paths, e.path)
			}
		case i == 0 || byWhatIf[i-1].path.Stage == "": // the first stage value: all of them, stage by stage
			paths = append(paths, s.stagePaths()...)
		}
	}
	var out []Parameter
	for _, p := range paths {
		if q, err := s.Parameter(p.String()); err == nil {
			out = append(out, q)
		}
	}
	return out
}

// stagePaths returns the path of every stage value in the registry, stage
// by stage: a transition probability for every destination written.
func (s *Scenario) stagePaths() []Path {
	var paths []Path
	for _, st := range s.Stages {
		for _, e := range byWhatIf {
			switch p := e.path; {
			case p.Stage == "" || p.Segment != "":
			case e.when != nil && !e.when(s): // a renewal without contracts, a cap without growth
			case p.Key == "to":
				for _, dest := range slices.Sorted(maps.Keys(st.To)) {
					paths = append(paths, Path{Stage: st.ID, Key: "to", To: dest})
				}
			default:
				paths = append(paths, Path{Stage: st.ID, Key: p.Key})
			}
		}
	}
	return paths
}

// byWhatIf is the registry in the order of Parameters: the file's, but
// the acquisition cost before the number of new customers, as tornadoes
// have always listed them (a tie keeps this order).
var byWhatIf = func() []*Param {
	order := slices.Clone(registry)
	i := slices.Index(order, param("acquisition.new_customers"))
	j := slices.Index(order, param("acquisition.cost_per_customer"))
	order[i], order[j] = order[j], order[i]
	return order
}()
