package scenarios

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"clvlab/sim"
)

// Limits beyond the engine's (sim.MaxStages and the like).
const (
	MaxVariants   = 50
	MaxFileSize   = 1 << 20 // bytes
	MaxMultiplier = 1000
	maxTextLen    = 4000
	maxCurrency   = 8
)

// validID reports whether id is 1 to 40 lower-case letters, digits, _ or
// -, starting with a letter (^[a-z][a-z0-9_-]{0,39}$; by hand, so that no
// regular expression is compiled at start).
func validID(id string) bool {
	if len(id) < 1 || len(id) > 40 || id[0] < 'a' || id[0] > 'z' {
		return false
	}
	for i := 1; i < len(id); i++ {
		if c := id[i]; !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// Validate checks every value of s and returns what is wrong, without
// lines; Parse adds them.
func (s *Scenario) Validate() []Problem {
	v := &validator{s: s, probs: &problems{}}
	v.top()
	v.stages()
	v.competitors() // competitor.go
	v.acquisition()
	v.winback()
	v.segments()
	v.classes()
	v.variants()
	v.analysis() // response.go: [[response]] and [[sensitivity]]
	v.monteCarlo()
	v.tenure() // tenure.go: growth needs a cap; the expanded chain's size
	return v.probs.list
}

type validator struct {
	s     *Scenario
	probs *problems
}

func (v *validator) add(at place, format string, args ...any) {
	v.probs.add(at, at.prefix()+fmt.Sprintf(format, args...))
}

// between checks lo ≤ x ≤ hi for the value at `at`; what says what the
// value is, for the message.
func (v *validator) between(at place, x, lo, hi float64, what string) {
	if !(x >= lo && x <= hi) {
		v.add(at, "%s = %s, %s must be in [%s, %s]", at.rel, num(x), what, num(lo), num(hi))
	}
}

// ownWords lists the parameters whose range Validate checks in words of
// their own (top, acquisition, winback, row), with the registry's bounds;
// parameters leaves them out.
var ownWords = []string{"horizon", "discount_rate", "acquisition.new_customers", "winback.window", "stage.ID.to.ID"}

// parameters checks every number of the registry that t holds against the
// entry's range; at is t's place in the file. A NaN is a value not given
// (a segment's share), which t's own checks report.
func (v *validator) parameters(at place, t table) {
	for _, e := range registry {
		if x, ok := e.value(t); ok && !math.IsNaN(x) && !slices.Contains(ownWords, e.Pattern) {
			v.check(at.key(e.key()), e, x)
		}
	}
}

// check checks the value x at `at` against the range of the registry
// entry e, in the words of the entry.
func (v *validator) check(at place, e *Param, x float64) {
	if e.what == "" {
		if !(x >= e.Min && x <= e.Max) {
			v.add(at, "%s = %s, must be between %s and %s", at.rel, num(x), num(e.Min), num(e.Max))
		}
		return
	}
	v.between(at, x, e.Min, e.Max, e.what)
}

func (v *validator) amount(at place, x float64) {
	if !(x >= 0 && x <= sim.MaxAmount) {
		v.add(at, "%s = %s, must be between 0 and %s", at.rel, num(x), num(sim.MaxAmount))
	}
}

// stageRef checks that id names a stage.
func (v *validator) stageRef(at place, id string) bool {
	if v.s.stageIndex(id) >= 0 {
		return true
	}
	ids := v.stageIDs()
	hint := ""
	if c := closest(id, ids); c != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", c)
	}
	v.add(at, "%s: no stage %q%s; stages are %s", at.rel, id, hint, strings.Join(unique(ids), ", "))
	return false
}

func (v *validator) stageIDs() []string {
	ids := make([]string, len(v.s.Stages))
	for i, st := range v.s.Stages {
		ids[i] = st.ID
	}
	return ids
}

// text checks a display text: its length, and that it holds no control
// character, which could move a terminal's cursor, clear its screen or
// set its title when the text is printed. A text that may span lines (a
// description) may hold line feeds and tabs.
func (v *validator) text(at place, t Text, lines bool) {
	if len(t.EN) > maxTextLen || len(t.ZH) > maxTextLen {
		v.add(at, "%s: at most %d bytes of text are allowed", at.rel, maxTextLen)
	}
	for _, s := range []string{t.EN, t.ZH} {
		if r, ok := controlChar(s, lines); ok {
			v.add(at, "%s: the text holds %s; remove it%s", at.rel, controlName(r), lineHint(r, lines))
			return
		}
	}
}

// controlChar returns the first control character in s (C0, DEL or C1),
// line feeds and tabs excepted when lines is true.
func controlChar(s string, lines bool) (rune, bool) {
	for _, r := range s {
		if unicode.IsControl(r) && !(lines && (r == '\n' || r == '\t')) {
			return r, true
		}
	}
	return 0, false
}

// controlName names a control character for a message.
func controlName(r rune) string {
	switch r {
	case '\n':
		return "a line break (U+000A)"
	case '\t':
		return "a tab (U+0009)"
	case '\r':
		return "a carriage return (U+000D)"
	case 0x1b:
		return "the control character ESC (U+001B), which starts a terminal escape sequence"
	}
	return fmt.Sprintf("the control character U+%04X", r)
}

// lineHint says where line breaks and tabs are allowed, for a text that
// may not hold them.
func lineHint(r rune, lines bool) string {
	if !lines && (r == '\n' || r == '\t') {
		return " (a name is one line: only a description may span lines or hold tabs)"
	}
	return ""
}

func (v *validator) top() {
	s, top := v.s, place{}
	v.text(top.key("name"), s.Name, false)
	v.text(top.key("description"), s.Description, true)
	if _, ok := sim.ParsePeriod(s.Period); !ok {
		v.add(top.key("period"), `period = %q, allowed values are "day", "week", "month", "quarter", "year"`, s.Period)
	}
	if s.CashTiming != "end" && s.CashTiming != "start" {
		v.add(top.key("cash_timing"), `cash_timing = %q, allowed values are "end" (margin discounted by (1+d)^-(t+1)) and "start" ((1+d)^-t)`, s.CashTiming)
	}
	switch h := param("horizon"); {
	case s.Horizon < 0: // 0 is the default
		v.add(top.key("horizon"), "horizon = %d, must be at least %s period", s.Horizon, num(h.Min))
	case s.Horizon > int(h.Max):
		v.add(top.key("horizon"), "horizon = %d periods, at most %s are allowed (a century of months)", s.Horizon, num(h.Max))
	}
	if r := param("discount_rate"); !(s.DiscountRate >= r.Min && s.DiscountRate <= r.Max) {
		v.add(top.key("discount_rate"), "discount_rate = %v, an annual rate is a fraction in [%s, %s], e.g. 0.10 for 10%%", s.DiscountRate, num(r.Min), num(r.Max))
	}
	v.parameters(top, table{s: s})
	if n := len([]rune(s.Currency)); n < 1 || n > maxCurrency {
		v.add(top.key("currency"), `currency = %q, give 1 to %d characters, e.g. "CNY"`, s.Currency, maxCurrency)
	} else if r, ok := controlChar(s.Currency, false); ok {
		v.add(top.key("currency"), `currency = %q holds %s; give 1 to %d printable characters, e.g. "CNY"`, s.Currency, controlName(r), maxCurrency)
	}
	cells := s.horizon() * max(1, len(s.Segments)) * (len(s.Stages) + 1)
	if s.Horizon <= sim.MaxHorizon && len(s.Stages) <= sim.MaxStages && len(s.Segments) <= sim.MaxSegments && cells > sim.MaxCells {
		v.add(top.key("horizon"), "horizon × segments × (stages + 1) = %d result cells, at most %d are allowed; shorten the horizon or use fewer segments or stages", cells, sim.MaxCells)
	}
}

func (v *validator) stages() {
	s := v.s
	switch {
	case len(s.Stages) == 0:
		v.add(place{path: "stage"}, "no [[stage]] tables: a scenario needs at least one stage")
		return
	case len(s.Stages) > sim.MaxStages:
		v.add(place{path: "stage[0]"}, "%d stages, at most %d are allowed", len(s.Stages), sim.MaxStages)
		return
	}
	for i := range s.Stages {
		st := &s.Stages[i]
		at := place{path: "stage"}.index(i, fmt.Sprintf("stage %q", st.ID))
		if st.ID == "" {
			at.where = fmt.Sprintf("stage %d", i+1)
		}
		v.id(at, st.ID, "stage", "exploration", s.stageIndex(st.ID), i)
		v.text(at.key("name"), st.Name, false)
		v.parameters(at, table{stage: st})
		v.row(at, st.ID, st.To, nil)
	}
}

// id checks an identifier; first is the index of the first element with
// the same id.
func (v *validator) id(at place, id, kind, example string, first, i int) {
	switch {
	case id == "":
		v.add(at, "id is missing; give each %s an id such as %q", kind, example)
	case !validID(id):
		v.add(at.key("id"), "id = %q, an id is 1 to 40 lower-case letters, digits, _ or -, starting with a letter", id)
	case first != i:
		v.add(at.key("id"), "id %q is used by %s %d already; ids must be unique", id, kind, first+1)
	}
}

// row checks the transition row of stage: base, with the entries of
// override replacing its own. In a competitor stage's row the stay is
// left out of the sum: what the row leaves stays with the competitor
// anyway, so the model takes a win out of the stay (competitor.go).
func (v *validator) row(at place, stage string, base, override map[string]float64) {
	sum, bad := 0.0, false
	rival := v.s.isCompetitor(stage)
	check := func(dst map[string]float64) {
		for _, id := range slices.Sorted(maps.Keys(dst)) {
			p := dst[id]
			e := at.key("to").key(id)
			if !v.stageRef(e, id) {
				continue
			}
			if r := param("stage.ID.to.ID"); !(p >= r.Min && p <= r.Max) {
				v.check(e, r, p)
				bad = true
			}
		}
	}
	if override == nil {
		check(base)
	} else {
		check(override) // the stage's own row is checked with the stage
	}
	// Summed in one order, so that a row at the tolerance's edge is judged
	// the same way every run.
	for _, id := range slices.Sorted(maps.Keys(base)) {
		p := base[id]
		if q, ok := override[id]; ok {
			p = q
		}
		if !(rival && id == stage) {
			sum += p
		}
	}
	for _, id := range slices.Sorted(maps.Keys(override)) {
		if _, ok := base[id]; !ok && !(rival && id == stage) {
			sum += override[id]
		}
	}
	switch {
	case sum <= 1+sim.RowTolerance || bad:
	case rival:
		v.add(at.key("to"), "row sums to %s > 1 without its stay; lower some of to.* (in a competitor stage the rest of a row stays with the competitor)", nearOne(sum))
	default:
		v.add(at.key("to"), "row sums to %s > 1; lower some of to.* (the rest of a row churns)", nearOne(sum))
	}
}

func (v *validator) acquisition() {
	a := &v.s.Acquisition
	at := place{}.key("acquisition")
	nc := at.key("new_customers")
	switch h := v.s.horizon(); {
	case len(a.NewCustomers) == 0:
		v.add(nc, "acquisition.new_customers: the list is empty; give a number, or one value per period")
	case len(a.NewCustomers) > h:
		v.add(nc, "acquisition.new_customers: %d values for a horizon of %s; give at most one value per period", len(a.NewCustomers), Plural(h, "period"))
	}
	r := param("acquisition.new_customers")
	for i, x := range a.NewCustomers {
		if !(x >= r.Min && x <= r.Max) {
			name := "acquisition.new_customers"
			if len(a.NewCustomers) > 1 {
				name += fmt.Sprintf(" value %d", i+1)
			}
			v.add(nc, "%s = %s, must be between %s and %s customers per period", name, num(x), num(r.Min), num(r.Max))
			break
		}
	}
	v.parameters(at, table{name: "acquisition", s: v.s})
	if a.Entry != "" && len(v.s.Stages) > 0 {
		v.stageRef(at.key("entry"), a.Entry)
	}
}

func (v *validator) winback() {
	w := &v.s.Winback
	at := place{}.key("winback")
	v.parameters(at, table{name: "winback", s: v.s})
	if w.To != "" && len(v.s.Stages) > 0 {
		v.stageRef(at.key("to"), w.To)
	}
	if r := param("winback.window"); w.Window < int(r.Min) || w.Window > int(r.Max) {
		v.add(at.key("window"), "winback.window = %d periods, must be in [%s, %s] (0 means no limit)", w.Window, num(r.Min), num(r.Max))
	}
}

func (v *validator) segments() {
	s := v.s
	if len(s.Segments) > sim.MaxSegments {
		v.add(place{path: "segment[0]"}, "%d segments, at most %d are allowed", len(s.Segments), sim.MaxSegments)
		return
	}
	v.groups("segment", "gold", s.Segments, s.segmentIndex)
}

// classes checks the [[class]] tables as segments are checked, their
// number against sim.MaxClasses, and, where a class and a segment both
// override a stage's row, the row they make together.
func (v *validator) classes() {
	s := v.s
	if len(s.Classes) > sim.MaxClasses {
		v.add(place{path: "class[0]"}, "%d classes, at most %d are allowed; merge classes (a finer quadrature rarely changes the figures)", len(s.Classes), sim.MaxClasses)
		return
	}
	n := len(s.Stages)
	if cells := max(1, len(s.Segments)) * len(s.Classes) * n * (n + 1); cells > sim.MaxClassCells && len(s.Segments) <= sim.MaxSegments && n <= sim.MaxStages {
		v.add(place{path: "class[0]"}, "segments × classes × stages × (stages + 1) = %d, at most %d are allowed; use fewer classes, segments or stages", cells, sim.MaxClassCells)
		return
	}
	v.groups("class", "loyal", s.Classes, s.classIndex)
	for i := range s.Classes {
		c := &s.Classes[i]
		for _, id := range c.stageOrder {
			st := s.stageIndex(id)
			if st < 0 || len(c.Stage[id].To) == 0 {
				continue
			}
			for _, seg := range s.Segments {
				o := seg.Stage[id]
				if o == nil || len(o.To) == 0 {
					continue
				}
				row := maps.Clone(o.To)
				maps.Copy(row, c.Stage[id].To)
				at := place{path: "class"}.index(i, fmt.Sprintf("class %q", c.ID)).key("stage").key(id)
				at.where, at.rel = fmt.Sprintf("class %q with segment %q, stage %q", c.ID, seg.ID, id), ""
				v.row(at, id, s.Stages[st].To, row)
			}
		}
	}
}

// groups checks segments or classes (kind "segment" or "class"): ids,
// names, shares, multipliers and stage overrides.
func (v *validator) groups(kind, example string, list []Segment, index func(string) int) {
	s := v.s
	if len(list) == 0 {
		return
	}
	total, missing := 0.0, false
	for i := range list {
		seg := &list[i]
		at := place{path: kind}.index(i, fmt.Sprintf("%s %q", kind, seg.ID))
		if seg.ID == "" {
			at.where = fmt.Sprintf("%s %d", kind, i+1)
		}
		v.id(at, seg.ID, kind, example, index(seg.ID), i)
		v.text(at.key("name"), seg.Name, false)
		if math.IsNaN(seg.Share) {
			v.add(at, "share is missing; give each %s its share of new customers, e.g. share = 0.2", kind)
			missing = true
		} else {
			total += seg.Share
		}
		v.parameters(at, table{segment: seg})
		v.scaledAmounts(at, seg)
		for _, id := range seg.stageOrder {
			o := seg.Stage[id]
			ov := at.key("stage").key(id)
			if !v.stageRef(ov, id) {
				continue
			}
			ov.where, ov.rel = fmt.Sprintf("%s, stage %q", at.where, id), ""
			v.parameters(ov, table{override: o})
			for _, to := range slices.Sorted(maps.Keys(o.To)) {
				p := Path{Segment: seg.ID, Stage: id, Key: "to", To: to}
				if kind == "class" {
					p.Segment, p.Class = "", seg.ID
				}
				if _, dist := s.Distributions[p.String()]; dist {
					continue // uncertainty.go refuses a distribution of a target
				}
				if r := s.controller(p); r != nil {
					v.add(ov.key("to").key(to), "to.%s: the [[response]] with lever %q and target %q sets this value from its lever in every %s, so this override would be ignored; remove it", to, r.Lever, r.Target, kind)
				}
			}
			if len(o.To) > 0 {
				v.row(ov, id, s.Stages[s.stageIndex(id)].To, o.To)
			}
		}
	}
	if math.Abs(total-1) > 1e-9 && !missing {
		parts := make([]string, len(list))
		for i, seg := range list {
			parts[i] = fmt.Sprintf("%s %v", seg.ID, seg.Share)
		}
		if len(parts) > 12 {
			parts = append(parts[:12], fmt.Sprintf("... (%d more)", len(list)-12))
		}
		v.add(place{path: kind + "[0].share"}, "%s shares sum to %s (%s), they must sum to 1", kind, nearOne(total), strings.Join(parts, " + "))
	}
}

func (v *validator) variants() {
	s := v.s
	if len(s.Variants) > MaxVariants {
		v.add(place{path: "variant[0]"}, "%d variants, at most %d are allowed", len(s.Variants), MaxVariants)
		return
	}
	for i, vr := range s.Variants {
		at := place{path: "variant"}.index(i, fmt.Sprintf("variant %d", i+1))
		name := vr.Name.In("en")
		switch {
		case vr.Name.IsZero():
			v.add(at, "name is missing; give each variant a name")
			continue
		case strings.EqualFold(name, "base"):
			v.add(at.key("name"), `name "base" is reserved for the scenario itself`)
		}
		for j := range i {
			if s.Variants[j].Name.In("en") == name {
				v.add(at.key("name"), "name %q is used by variant %d already; names must be unique", name, j+1)
				break
			}
		}
		v.text(at.key("name"), vr.Name, false)
		v.text(at.key("description"), vr.Description, true)
		if len(vr.Set) == 0 {
			at.where = fmt.Sprintf("variant %q", name)
			v.add(at, "set is missing or empty; a variant replaces values, e.g. [variant.set] \"stage.stability.retention_spend\" = 5")
		}
	}
}

// horizon returns the horizon in periods, 3 years' worth when unset,
// rounded: 36 months, 12 quarters, 3 years, 157 weeks, 1096 days.
func (s *Scenario) horizon() int {
	if s.Horizon != 0 {
		return s.Horizon
	}
	p, _ := sim.ParsePeriod(s.Period)
	return int(math.Round(3 * p.PerYear()))
}

// scaledAmounts checks that a segment's multipliers keep every amount the
// engine sees within sim.MaxAmount.
func (v *validator) scaledAmounts(at place, seg *Segment) {
	s := v.s
	check := func(key string, mult float64, stage, field string, x float64) {
		if y := mult * x; y > sim.MaxAmount && mult <= MaxMultiplier && x <= sim.MaxAmount {
			v.add(at.key(key), "%s %s × %s %s = %s, at most %s", key, num(mult), stage, field+" "+num(x), num(y), num(sim.MaxAmount))
		}
	}
	check("acquisition_cost_multiplier", seg.AcquisitionCostMultiplier, "acquisition", "cost_per_customer", s.Acquisition.CostPerCustomer)
	for _, st := range s.Stages {
		e := [3]float64{st.Revenue, st.CostToServe, st.RetentionSpend}
		if o := seg.Stage[st.ID]; o != nil {
			for i, x := range [3]*float64{o.Revenue, o.CostToServe, o.RetentionSpend} {
				if x != nil {
					e[i] = *x
				}
			}
		}
		label := fmt.Sprintf("stage %q", st.ID)
		check("revenue_multiplier", seg.RevenueMultiplier, label, "revenue", e[0])
		check("cost_to_serve_multiplier", seg.CostToServeMultiplier, label, "cost_to_serve", e[1])
		check("retention_spend_multiplier", seg.RetentionSpendMultiplier, label, "retention_spend", e[2])
	}
}

// Plural returns n and the noun, in the plural unless n is 1 or −1: "1
// stage", "3 stages". A noun ending in y takes "ies" ("2 categories").
func Plural(n int, noun string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, noun)
	}
	if strings.HasSuffix(noun, "y") {
		return fmt.Sprintf("%d %sies", n, strings.TrimSuffix(noun, "y"))
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// num formats a number for a message: shortest form, exponents as 1e12.
func num(x float64) string {
	s := strconv.FormatFloat(x, 'g', -1, 64)
	return strings.Replace(s, "e+", "e", 1)
}

// nearOne formats a sum that should be 1 with enough digits to show that
// it is not.
func nearOne(x float64) string {
	for prec := 4; prec < 17; prec++ {
		if s := strconv.FormatFloat(x, 'g', prec, 64); s != "1" {
			return s
		}
	}
	return num(x)
}

// unique returns ids without repeats, in order.
func unique(ids []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
