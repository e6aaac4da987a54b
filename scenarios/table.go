package scenarios

// table is one table of a file with the part of the model it fills: the
// scenario for the top level (name "") and for [acquisition] and [winback]
// (name "acquisition", "winback"); the stage, the segment or the segment's
// stage override at hand for the others. The decoder takes the numbers of
// a table from the registry through it, and Validate checks them so.
type table struct {
	name     string
	s        *Scenario
	stage    *Stage
	segment  *Segment
	override *StageOverride
}

// in returns where t holds the parameter as one float64: x for a number,
// o for a segment's override of a stage value (*o nil when not written);
// both nil when t does not hold it so.
func (e *Param) in(t table) (x *float64, o **float64) {
	switch {
	case t.override != nil && e.override != nil:
		return nil, e.override(t.override)
	case t.stage != nil && e.stage != nil:
		return e.stage(t.stage), nil
	case t.segment != nil && e.segment != nil:
		return e.segment(t.segment), nil
	case t.s != nil && e.top != nil && e.table() == t.name:
		return e.top(t.s), nil
	}
	return nil, nil
}

// setter returns the decoder's setter of the parameter in t, nil when t
// does not hold it.
func (e *Param) setter(t table) func(any) error {
	x, o := e.in(t)
	switch {
	case o != nil:
		return optional(o)
	case x != nil:
		return number(x)
	case t.s != nil && e.decode != nil && e.table() == t.name:
		return e.decode(t.s)
	}
	return nil
}

// value returns the parameter's value in t; false when t does not hold it
// as one float64, or holds an override that is not written.
func (e *Param) value(t table) (float64, bool) {
	x, o := e.in(t)
	if o != nil {
		x = *o
	}
	if x == nil {
		return 0, false
	}
	return *x, true
}

// Path returns the parameter's path with ID for each stage or segment id,
// e.g. Path{Stage: "ID", Key: "revenue"}: Pattern, parsed.
func (e *Param) Path() Path { return e.path }

// table returns the table of a file that holds a top-level parameter:
// "", "acquisition" or "winback".
func (e *Param) table() string { return e.path.Table }

// key returns the parameter's key in its table: "horizon", "budget",
// "revenue", "share", "to".
func (e *Param) key() string { return e.path.Key }

// fields returns the keys of t in the order in which messages list them:
// the registry's numbers of t in the registry's order, each after the
// other keys that before lists under its key, then the keys of after.
func (t table) fields(before map[string][]field, after ...field) []field {
	var fields []field
	for _, e := range registry {
		if set := e.setter(t); set != nil {
			fields = append(fields, before[e.key()]...)
			fields = append(fields, field{e.key(), set})
		}
	}
	return append(fields, after...)
}
