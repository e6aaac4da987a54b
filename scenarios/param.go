package scenarios

import (
	"clvlab/sim/uncertainty"
)

// Param is one entry of the parameter registry: a number that scenarios
// have, with everything the rest of clvlab needs to know about it. Params
// lists them all; the decoder, Set, Validate, Encode, the uncertainty and
// response tables, the planner's sliders and the what-if labels read them.
type Param struct {
	// Pattern is the path with ID for each stage or segment id:
	// "stage.ID.revenue", "stage.ID.to.ID", "winback.rate".
	Pattern string
	// path is the parameter's path, with ID for each id; Pattern is it
	// written out.
	path Path
	Kind Kind
	// Unit says what one unit of the value is, e.g. "money per customer
	// per period" (the scenario's currency).
	Unit Text
	// Min and Max bound the values the parameter may take.
	Min, Max float64
	// Label names the parameter on its own: "acquisition cost per
	// customer", "revenue". Scenario.Label adds the stage and segment.
	Label Text
	// Short names it among the sliders of its group (a stage, acquisition,
	// win-back, the economics): "acquisition cost", "stay". Empty means
	// Label.
	Short Text
	// Explain says, in a sentence or two, what the parameter means and how
	// it moves CLV.
	Explain Text
	// Uncertain is true when a file may give the value as a distribution.
	Uncertain bool
	// quantity is the number of the engine model that a distribution of
	// an Uncertain value draws into (Scenario.MonteCarlo), and scale the
	// segment multiplier the draw is multiplied by, nil for none. A
	// top-level value without scale is drawn into one slot, the
	// win-back's; the others into each segment's.
	quantity uncertainty.Quantity
	scale    func(*Segment) *float64
	// Segmented is true for a stage value that a segment may override:
	// "segment.ID.stage.ID.KEY" names it too.
	Segmented bool
	// WhenSet is true for a value most scenarios leave at 0 (a stage's
	// purchases, bad debt): the planner gives it a slider only in a
	// scenario that sets it somewhere (Scenario.Sets), or, with when,
	// where when says the scenario uses it (a renewal probability, with
	// contracts).
	WhenSet bool
	when    func(*Scenario) bool
	// Lever is the form of the [[response]] this parameter drives as its
	// lever, or NoForm.
	Lever ResponseForm
	// what names the value in the message of a value out of range, e.g.
	// "a fraction of revenue"; money amounts, counts and periods leave it
	// empty ("must be between"). The discount rate's own check has words
	// of its own; a [[sensitivity]] range of it uses what.
	what string
	// fixed says why the what-if analyses may not move it, "" when they
	// may (whole numbers are never moved).
	fixed string
	// Where the value is in the model, for the decoder, Validate, Get and
	// Set: top for a number of the top level, [acquisition] or [winback];
	// stage for a stage's, with override for a segment's override of it
	// (Segmented); segment for a segment's. See table.go.
	top      func(*Scenario) *float64
	stage    func(*Stage) *float64
	override func(*StageOverride) **float64
	segment  func(*Segment) *float64
	// A value that is not one float64 has get and set in their place
	// (given a path whose ids exist), and decode, the decoder's setter of
	// a top-level one: a whole number of periods, the list of new
	// customers. A transition probability, in a stage's to table, has
	// no decode.
	decode func(*Scenario) func(any) error
	get    func(s *Scenario, p Path) float64
	set    func(s *Scenario, p Path, x float64)
}

// Params returns the registry: every numeric parameter a scenario has, in
// the order of a file (top level, acquisition, stage, winback, segment).
// The result is shared; do not change it.
func Params() []*Param { return registry }

// Lookup returns the registry entry of p, and false for a path that names
// no number (text, an id, the period).
func Lookup(p Path) (*Param, bool) {
	if p.Class != "" { // a class has a segment's values
		p.Segment, p.Class = "ID", ""
	}
	pattern := p.Pattern()
	override := p.Segment != "" && p.Stage != ""
	if override {
		pattern = pattern[len("segment.ID."):] // an override is its stage value
	}
	e, ok := byPattern[pattern]
	if !ok || override && !e.Segmented {
		return nil, false
	}
	return e, true
}

// byPattern indexes the registry by Pattern.
var byPattern = func() map[string]*Param {
	m := make(map[string]*Param, len(registry))
	for _, e := range registry {
		m[e.Pattern] = e
	}
	return m
}()

// param returns the registry entry with the given pattern; the pattern
// must be one of the registry's.
func param(pattern string) *Param {
	e, ok := byPattern[pattern]
	if !ok {
		panic("scenarios: no parameter " + pattern + " in the registry")
	}
	return e
}

// Get returns the value at p in s: for a segment's override not written,
// the stage's value, as in the model. p must name stages and segments of s
// (Scenario.ParsePath checks); Get panics for one that does not.
func (e *Param) Get(s *Scenario, p Path) float64 {
	s.mustHave(p)
	switch {
	case e.get != nil:
		return e.get(s, p)
	case e.top != nil:
		return *e.top(s)
	case e.segment != nil:
		return *e.segment(s.segmentAt(p))
	}
	if o := s.overrideAt(p); o != nil && *e.override(o) != nil {
		return **e.override(o)
	}
	return *e.stage(s.stageAt(p.Stage))
}

// Set replaces the value at p in s with x (a whole number rounded for
// periods, a list of new customers replaced by the one value); a
// distribution given for it is dropped. It does not validate x. p must
// name stages and segments of s; Set panics for one that does not.
func (e *Param) Set(s *Scenario, p Path, x float64) {
	s.mustHave(p)
	switch {
	case e.set != nil:
		e.set(s, p, x)
	case e.top != nil:
		*e.top(s) = x
	case e.segment != nil:
		*e.segment(s.segmentAt(p)) = x
	case p.Segment != "" || p.Class != "":
		*e.override(s.segmentAt(p).override(p.Stage)) = &x
	default:
		*e.stage(s.stageAt(p.Stage)) = x
	}
	delete(s.Distributions, p.String())
}

// mustHave panics, as misuse, when p names a stage or segment s does not
// have: user input reaches Get and Set through Scenario.ParsePath, which
// reports it.
func (s *Scenario) mustHave(p Path) {
	if err := s.checkIDs(p); err != nil {
		panic("scenarios: " + err.Error())
	}
}

// ShortLabel returns Short, or Label when it is empty.
func (e *Param) ShortLabel() Text {
	if e.Short.IsZero() {
		return e.Label
	}
	return e.Short
}

// Label returns a display name for the value at path in lang, with the
// scenario's stage and segment names: "Stability: stay", "Stability →
// Decline", "Gold: revenue multiplier", "acquisition cost per customer".
// A path that names no parameter is returned as it is.
func (s *Scenario) Label(path, lang string) string {
	p, err := ParsePath(path)
	e, ok := Lookup(p)
	if err != nil || !ok {
		return path
	}
	sep := map[bool]string{false: ": ", true: "："}[lang == "zh"]
	var l string
	switch {
	case p.Key == "to" && p.To == p.Stage:
		l = s.stageName(p.Stage, lang) + sep + e.Short.In(lang)
	case p.Key == "to":
		l = s.stageName(p.Stage, lang) + " → " + s.stageName(p.To, lang)
	case p.Stage != "":
		l = s.stageName(p.Stage, lang) + sep + e.Label.In(lang)
	default:
		l = e.Label.In(lang)
	}
	if p.Segment != "" {
		l = s.segmentName(p.Segment, lang) + sep + l
	}
	if p.Class != "" {
		l = s.className(p.Class, lang) + sep + l
	}
	return l
}

// ShortLabel returns the label of the value at p among its group's
// sliders: a transition probability is "stay" or "to NAME" (the
// destination's name), other values their entry's ShortLabel.
func (s *Scenario) ShortLabel(p Path) Text {
	e, ok := Lookup(p)
	switch {
	case !ok:
		return Text{EN: p.String(), ZH: p.String()}
	case p.Key == "to" && p.To != p.Stage:
		return Text{EN: "to " + s.stageName(p.To, "en"), ZH: "转入" + s.stageName(p.To, "zh")}
	}
	return e.ShortLabel()
}

// stageName returns the stage's name in lang, or its id.
func (s *Scenario) stageName(id, lang string) string {
	if i := s.stageIndex(id); i >= 0 && s.Stages[i].Name.In(lang) != "" {
		return s.Stages[i].Name.In(lang)
	}
	return id
}

// className returns the class's name in lang, or its id.
func (s *Scenario) className(id, lang string) string {
	if i := s.classIndex(id); i >= 0 && s.Classes[i].Name.In(lang) != "" {
		return s.Classes[i].Name.In(lang)
	}
	return id
}

// segmentName returns the segment's name in lang, or its id.
func (s *Scenario) segmentName(id, lang string) string {
	if i := s.segmentIndex(id); i >= 0 && s.Segments[i].Name.In(lang) != "" {
		return s.Segments[i].Name.In(lang)
	}
	return id
}

// Sets reports whether s gives the stage parameter e a value other than 0
// anywhere: in a stage, in a segment's or a class's override of one, or
// in a variant's set table. The planner gives a WhenSet parameter a
// slider only then. For an entry that says when a scenario uses it (a
// renewal probability, used with contracts), it reports whether s does.
func (s *Scenario) Sets(e *Param) bool {
	if e.when != nil {
		return e.when(s)
	}
	set := func(t table) bool {
		x, ok := e.value(t)
		return ok && x != 0
	}
	for i := range s.Stages {
		if set(table{stage: &s.Stages[i]}) {
			return true
		}
	}
	for _, groups := range [][]Segment{s.Segments, s.Classes} {
		for i := range groups {
			for _, o := range groups[i].Stage {
				if set(table{override: o}) {
					return true
				}
			}
		}
	}
	for _, v := range s.Variants {
		for _, set := range v.Set {
			if p, err := ParsePath(set.Path); err == nil && p.Stage != "" && p.Key == e.key() && set.Value != int64(0) && set.Value != 0.0 {
				return true
			}
		}
	}
	return false
}
