package scenarios

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"clvlab/sim"
	"clvlab/sim/uncertainty"
)

// Uncertainty is the [uncertainty] table: how `clvlab run` draws Monte
// Carlo trials of the scenario (docs/scenarios.md, "Uncertainty").
type Uncertainty struct {
	// Trials is the number of trials: uncertainty.DefaultTrials when the
	// file has an [uncertainty] table without trials; 0, the default
	// without a table, runs no Monte Carlo unless the command line asks.
	Trials int
	// ProcessNoise moves customers as random whole counts (default true).
	ProcessNoise bool
	// PoissonAcquisition draws new customers from a Poisson distribution
	// around the plan (default true).
	PoissonAcquisition bool
	// Rows is what a trial does with a transition row whose draws sum to
	// more than 1: "scale" (default) or "redraw".
	Rows string
}

func uncertaintyFields(u *Uncertainty) []field {
	return []field{
		{"trials", integer(&u.Trials)},
		{"process_noise", boolean(&u.ProcessNoise)},
		{"poisson_acquisition", boolean(&u.PoissonAcquisition)},
		{"rows", str(&u.Rows)},
	}
}

// DefaultSeed is the seed of a scenario that gives none.
const DefaultSeed = 1

// maxSeed keeps seeds exact in a TOML integer and a float64.
const maxSeed = 1 << 53

// Distribution is an uncertain value as a file gives it: one of
// { beta = [a, b] }, { gamma = [shape, scale] }, { lognormal = [mu, sigma] }
// or { mean = m, sd = s } (a Beta by its moments for a probability or a
// fraction, a gamma by its moments for a money amount or a stage's
// referrals). The value's field in the Scenario holds its mean, which the
// deterministic engine uses.
type Distribution struct {
	Form string  // "beta", "gamma", "lognormal" or "mean"
	A, B float64 // the two numbers as written: a and b, shape and scale, mu and sigma, or mean and sd
	// Money is true for a money amount or another number that is at
	// least 0 (a stage's referrals, a curve's k, v0 and vmax), false for
	// a probability or a fraction; it decides what { mean, sd } means.
	Money bool
}

// Law returns the distribution the trials draw from.
func (d Distribution) Law() uncertainty.Distribution {
	switch d.Form {
	case "beta":
		return uncertainty.Distribution{Family: uncertainty.Beta, A: d.A, B: d.B}
	case "gamma":
		return uncertainty.Distribution{Family: uncertainty.Gamma, A: d.A, B: d.B}
	case "lognormal":
		return uncertainty.Distribution{Family: uncertainty.LogNormal, A: d.A, B: d.B}
	}
	if d.Money {
		g, _ := uncertainty.GammaWithMoments(d.A, d.B)
		return g
	}
	b, _ := uncertainty.BetaWithMoments(d.A, d.B)
	return b
}

// Mean returns the distribution's mean.
func (d Distribution) Mean() float64 {
	if d.Form == "mean" {
		return d.A
	}
	return d.Law().Mean()
}

// String returns d as the file gives it: "{ mean = 0.9, sd = 0.02 }" or
// "{ beta = [9, 1] }".
func (d Distribution) String() string {
	if d.Form == "mean" {
		return fmt.Sprintf("{ mean = %s, sd = %s }", num(d.A), num(d.B))
	}
	return fmt.Sprintf("{ %s = [%s, %s] }", d.Form, num(d.A), num(d.B))
}

// table returns d as a TOML inline table, as the file gave it.
func (d Distribution) table() map[string]any {
	if d.Form == "mean" {
		return map[string]any{"mean": d.A, "sd": d.B}
	}
	return map[string]any{d.Form: []float64{d.A, d.B}}
}

// uncertainKind returns the kind of the value at a decoder's key path
// ("stage[2].revenue"), or 0 if the value there cannot be a distribution
// (Param.Uncertain).
func uncertainKind(path string) Kind {
	if e, ok := Lookup(keyPath(path)); ok && e.Uncertain {
		return e.Kind
	}
	return 0
}

// isDistribution reports whether a table looks like a distribution: only
// distribution keys, none holding a table (a variant's dotted path such as
// stage.mean.revenue = 5 is not one).
func isDistribution(m map[string]any) bool {
	for k, v := range m {
		if _, table := v.(map[string]any); table || !slices.Contains(distributionKeys, k) {
			return false
		}
	}
	return len(m) > 0
}

var distributionKeys = []string{"beta", "gamma", "lognormal", "mean", "sd"}

// parseDistribution reads a distribution table for a value of kind k. It
// returns the value's mean and the distribution, nil when the table fixes
// the value (sd = 0).
func parseDistribution(m map[string]any, k Kind) (float64, *Distribution, error) {
	allowed := "{ beta = [a, b] } or { mean = m, sd = s }"
	if positive(k) {
		allowed = "{ mean = m, sd = s }, { gamma = [shape, scale] } or { lognormal = [mu, sigma] }"
	}
	if len(m) == 0 {
		return 0, nil, errors.New("an empty table; give a number or a distribution: " + allowed)
	}
	keys := slices.Sorted(maps.Keys(m))
	for _, key := range keys {
		if !slices.Contains(distributionKeys, key) {
			msg := fmt.Sprintf("unknown key %q in a distribution", key)
			if c := closest(key, distributionKeys); c != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", c)
			}
			return 0, nil, errors.New(msg + "; give " + allowed)
		}
	}
	_, mean := m["mean"]
	_, sd := m["sd"]
	var forms []string
	for _, f := range []string{"beta", "gamma", "lognormal"} {
		if _, ok := m[f]; ok {
			forms = append(forms, f)
		}
	}
	if mean || sd {
		forms = append(forms, "mean and sd")
	}
	switch {
	case len(forms) > 1:
		return 0, nil, fmt.Errorf("give one distribution, not %s; give %s", strings.Join(forms, " and "), allowed)
	case mean != sd:
		return 0, nil, fmt.Errorf("mean and sd go together; give %s", allowed)
	case mean:
		return meanSD(m, k)
	}
	form := keys[0]
	switch {
	case form == "beta" && positive(k):
		return 0, nil, fmt.Errorf("beta is for probabilities and fractions; a %s takes %s", noun(k), allowed)
	case form != "beta" && !positive(k):
		return 0, nil, fmt.Errorf("%s is for money amounts and referrals; a %s takes %s", form, noun(k), allowed)
	}
	names := map[string]string{"beta": "[a, b]", "gamma": "[shape, scale]", "lognormal": "[mu, sigma]"}[form]
	list, ok := m[form].([]any)
	if !ok || len(list) != 2 {
		what := describe(m[form])
		if ok {
			what = fmt.Sprintf("a list of %d", len(list))
		}
		return 0, nil, fmt.Errorf("%s = %s needs two numbers, got %s", form, names, what)
	}
	var ab [2]float64
	for i, e := range list {
		x, err := toNumber(e)
		if err != nil {
			return 0, nil, fmt.Errorf("%s = %s: %v", form, names, err)
		}
		ab[i] = x
	}
	d := Distribution{Form: form, A: ab[0], B: ab[1], Money: positive(k)}
	if err := d.check(); err != nil {
		return 0, nil, err
	}
	if mean := d.Mean(); k == Number && mean > MaxReferrals {
		return 0, nil, fmt.Errorf("%s = [%s, %s]: its mean %s is above %d, the most referrals per customer and period", form, num(d.A), num(d.B), strconv.FormatFloat(mean, 'g', 3, 64), MaxReferrals)
	}
	return d.Mean(), &d, nil
}

// check checks the two numbers of a beta, gamma or lognormal distribution
// and that its mean is at most sim.MaxAmount.
func (d Distribution) check() error {
	shown := fmt.Sprintf("%s = [%s, %s]", d.Form, num(d.A), num(d.B))
	switch d.Form {
	case "beta":
		if !(d.A > 0 && d.B > 0) {
			return fmt.Errorf("%s: a and b must be above 0 (the mean is a/(a+b))", shown)
		}
		if d.A > uncertainty.MaxShape || d.B > uncertainty.MaxShape {
			return fmt.Errorf("%s: a and b must be at most %s", shown, num(uncertainty.MaxShape))
		}
	case "gamma":
		if !(d.A > 0 && d.B > 0) {
			return fmt.Errorf("%s: shape and scale must be above 0 (the mean is shape × scale)", shown)
		}
		if d.A > uncertainty.MaxShape {
			return fmt.Errorf("%s: shape must be at most %s", shown, num(uncertainty.MaxShape))
		}
	case "lognormal":
		if !(d.B > 0 && d.B <= uncertainty.MaxSigma) {
			return fmt.Errorf("%s: sigma must be above 0 and at most %d (the standard deviation of the log)", shown, uncertainty.MaxSigma)
		}
	}
	if mean := d.Mean(); !(mean <= sim.MaxAmount) {
		return fmt.Errorf("%s: its mean %s is above %s", shown, strings.Replace(strconv.FormatFloat(mean, 'g', 3, 64), "e+", "e", 1), num(sim.MaxAmount))
	}
	return nil
}

// meanSD reads { mean = m, sd = s }: a Beta by its moments for a
// probability or a fraction, a gamma by its moments for a money amount or
// referrals, a fixed value when sd = 0 (range-checked as a number).
func meanSD(m map[string]any, k Kind) (float64, *Distribution, error) {
	mean, err := toNumber(m["mean"])
	if err != nil {
		return 0, nil, fmt.Errorf("mean: %v", err)
	}
	sd, err := toNumber(m["sd"])
	if err != nil {
		return 0, nil, fmt.Errorf("sd: %v", err)
	}
	shown := fmt.Sprintf("mean = %s, sd = %s", num(mean), num(sd))
	switch {
	case sd < 0:
		return 0, nil, fmt.Errorf("%s: sd must be at least 0", shown)
	case sd == 0:
		return mean, nil, nil // a fixed value, checked as a number
	case k == Number && !(mean > 0):
		return 0, nil, fmt.Errorf("%s: a %s that varies needs a mean above 0 (it is drawn from a gamma distribution)", shown, noun(k))
	case positive(k) && !(mean > 0 && mean <= sim.MaxAmount):
		return 0, nil, fmt.Errorf("%s: a %s that varies needs a mean above 0 and at most %s (it is drawn from a gamma distribution)", shown, noun(k), num(sim.MaxAmount))
	case positive(k):
		g, _ := uncertainty.GammaWithMoments(mean, sd)
		if g.A > uncertainty.MaxShape {
			return 0, nil, fmt.Errorf("%s: sd is too small to draw from (gamma shape above %s); give sd = 0 for a fixed value", shown, num(uncertainty.MaxShape))
		}
	case !(mean > 0 && mean < 1):
		return 0, nil, fmt.Errorf("%s: a %s that varies needs a mean above 0 and below 1 (it is drawn from a Beta distribution)", shown, k.String())
	case sd*sd >= mean*(1-mean):
		return 0, nil, fmt.Errorf("%s: sd is too large for a Beta with mean %s; it must be below √(m·(1 − m)) = %s",
			shown, num(mean), strings.TrimRight(fmt.Sprintf("%.4f", math.Sqrt(mean*(1-mean))), "0"))
	default:
		b, _ := uncertainty.BetaWithMoments(mean, sd)
		if b.A > uncertainty.MaxShape || b.B > uncertainty.MaxShape {
			return 0, nil, fmt.Errorf("%s: sd is too small to draw from (Beta parameters above %s); give sd = 0 for a fixed value", shown, num(uncertainty.MaxShape))
		}
	}
	return mean, &Distribution{Form: "mean", A: mean, B: sd, Money: positive(k)}, nil
}

// positive reports whether an uncertain value of kind k is drawn from a
// distribution on [0, ∞) (gamma or log-normal): a money amount, or a
// number per customer (a stage's referrals).
func positive(k Kind) bool { return k == Money || k == Number }

// noun names a value of kind k in a message about its distribution (the
// only uncertain number per customer is a stage's referrals).
func noun(k Kind) string {
	switch k {
	case Money:
		return "money amount"
	case Number:
		return "number of referrals"
	}
	return k.String()
}

func boolean(dst *bool) func(any) error {
	return func(v any) error {
		b, ok := v.(bool)
		if !ok {
			return errors.New("expected true or false, got " + describe(v))
		}
		*dst = b
		return nil
	}
}

// decodeUncertain decodes a value that may be a distribution table: at is
// its place in the file, set the setter of its plain form. It reports
// whether v was a distribution table (recorded, or reported as a problem).
func (d *decoder) decodeUncertain(at place, v any, set func(any) error) bool {
	m, ok := v.(map[string]any)
	kind := uncertainKind(at.path)
	if !ok || kind == 0 {
		return false
	}
	if keyPath(at.path).Class != "" {
		d.probs.add(at, at.prefix()+at.rel+": "+errClassDistribution.Error())
		return true
	}
	mean, dist, err := parseDistribution(m, kind)
	if err == nil {
		err = set(mean)
	}
	if err != nil {
		d.probs.add(at, at.prefix()+at.rel+": "+err.Error())
		return true
	}
	if dist != nil {
		if d.dists == nil {
			d.dists = map[string]Distribution{}
		}
		d.dists[at.path] = *dist
	}
	return true
}

// keepDistributions stores the distributions found while decoding in s,
// keyed by set path, once stage and segment ids are known.
func (d *decoder) keepDistributions(s *Scenario) {
	for path, dist := range d.dists {
		if s.Distributions == nil {
			s.Distributions = map[string]Distribution{}
		}
		s.Distributions[s.resolve(keyPath(path)).String()] = dist
	}
}

// errClassDistribution refuses a distribution of a class's value.
var errClassDistribution = errors.New("a class's values are numbers, not distributions (a class is part of a fitted mixture); give a number, or a distribution of the stage's value, which every class that does not override it draws")

// decodeUncertainty decodes the [uncertainty] table.
func (d *decoder) decodeUncertainty(s *Scenario, v any, at place) {
	m, ok := d.asTable(at, v)
	if !ok {
		return
	}
	s.Uncertainty.Trials = uncertainty.DefaultTrials
	d.table(at, m, uncertaintyFields(&s.Uncertainty), nil)
}

// setDistribution is Set for an uncertain value given as a distribution
// table m: the value at p, of entry e, is set to its mean.
func (s *Scenario) setDistribution(p Path, e *Param, m map[string]any) error {
	if p.Class != "" {
		return errClassDistribution
	}
	mean, dist, err := parseDistribution(m, e.Kind)
	if err != nil {
		return err
	}
	e.Set(s, p, mean) // drops a distribution given before
	if dist != nil {
		if s.Distributions == nil {
			s.Distributions = map[string]Distribution{}
		}
		s.Distributions[p.String()] = *dist
	}
	return nil
}

// monteCarlo checks the seed and the [uncertainty] table.
func (v *validator) monteCarlo() {
	s, top := v.s, place{}
	if s.Seed < 0 || s.Seed > maxSeed {
		v.add(top.key("seed"), "seed = %d, must be a whole number from 0 to 2^53", s.Seed)
	}
	u := &s.Uncertainty
	at := top.key("uncertainty")
	if u.Trials < 0 || u.Trials > uncertainty.MaxTrials {
		v.add(at.key("trials"), "uncertainty.trials = %d, must be from 0 (no Monte Carlo unless clvlab run -trials asks) to %d", u.Trials, uncertainty.MaxTrials)
	} else if series, what := s.series(); u.Trials*s.horizon()*series > uncertainty.MaxSamples && len(s.Stages) <= sim.MaxStages && s.Horizon <= sim.MaxHorizon {
		v.add(at.key("trials"), "uncertainty.trials = %d: trials × horizon × %s = %d values, at most %d are kept; run at most %d trials",
			u.Trials, what, u.Trials*s.horizon()*series, uncertainty.MaxSamples, uncertainty.MaxSamples/(s.horizon()*series))
	}
	if _, ok := uncertainty.ParseRowRule(u.Rows); !ok {
		v.add(at.key("rows"), `uncertainty.rows = %q, allowed values are "scale" (divide a row that sums above 1 by its sum) and "redraw" (draw the trial's parameters again)`, u.Rows)
	}
}

// series returns the per-period series a run of s keeps for its
// percentiles (uncertainty.Series): the stages, 3 totals and, with
// competitor stages, our market share and each competitor's; and what
// they are, for a message.
func (s *Scenario) series() (int, string) {
	rivals := 0
	for _, st := range s.Stages {
		if st.Competitor {
			rivals++
		}
	}
	if rivals == 0 {
		return len(s.Stages) + 3, "(stages + 3)"
	}
	return len(s.Stages) + 3 + 1 + rivals, "(stages + 3 + 1 + competitor stages)"
}

// MonteCarlo returns the Monte Carlo configuration the scenario describes:
// its [uncertainty] table, its seed, and one parameter per distribution,
// set into every segment it applies to (times the segment's multiplier for
// a money amount; a segment that overrides the value keeps its own).
// Parameters come in path order, so a seed always draws the same values;
// the uncertain numbers of the [[response]] curves follow, in file order,
// and Config.Derive sets the curves' targets in each trial from its draws
// (a drawn retention spend moves its transition, a drawn cost per
// customer keeps the budget's share of a new customer's cost), as Model
// sets them from the means. s must be valid.
func (s *Scenario) MonteCarlo() uncertainty.Config {
	u := s.Uncertainty
	rows, _ := uncertainty.ParseRowRule(u.Rows)
	c := uncertainty.Config{
		Trials: u.Trials, Seed: uint64(s.Seed), ProcessNoise: u.ProcessNoise,
		PoissonAcquisition: u.PoissonAcquisition, Rows: rows,
	}
	segs := s.Segments
	if len(segs) == 0 {
		all := newSegment()
		segs = []Segment{all}
	}
	for _, path := range slices.Sorted(maps.Keys(s.Distributions)) {
		at, err := ParsePath(path)
		e, ok := Lookup(at)
		if err != nil || !ok {
			continue // not a valid scenario
		}
		p := uncertainty.Parameter{Name: path, Distribution: s.Distributions[path].Law(), Targets: s.targets(e, at, segs)}
		if len(p.Targets) > 0 { // every segment may override it
			c.Parameters = append(c.Parameters, p)
		}
	}
	c.Derive = s.derive(segs, &c.Parameters)
	return c
}

// targets returns the slots of the model, in segs, that a draw of the
// value at p (entry e) sets: the entry's quantity, in every segment but
// those that override a stage's value, or in the one segment of an
// override; once for the win-back. It panics for an entry without a
// quantity.
func (s *Scenario) targets(e *Param, p Path, segs []Segment) []uncertainty.Target {
	if e.quantity == 0 {
		panic("scenarios: no uncertainty slot for " + e.Pattern)
	}
	if p.Stage == "" && e.scale == nil {
		return []uncertainty.Target{{Slot: uncertainty.Slot{Quantity: e.quantity}, Scale: 1}}
	}
	var out []uncertainty.Target
	for k := range segs {
		seg := &segs[k]
		switch {
		case p.Segment != "" && seg.ID != p.Segment:
			continue
		case p.Segment == "" && p.Stage != "" && e.overridden(seg.Stage[p.Stage], p):
			continue // the segment keeps its own value
		}
		for c := range max(1, len(s.Classes)) {
			var class *Segment
			if len(s.Classes) > 0 {
				class = &s.Classes[c]
				if p.Stage != "" && e.overridden(class.Stage[p.Stage], p) {
					continue // the class keeps its own value
				}
			}
			t := uncertainty.Target{Slot: uncertainty.Slot{Quantity: e.quantity, Segment: k, Class: c}, Scale: 1}
			if p.Stage != "" {
				t.Stage = s.stageIndex(p.Stage)
			}
			if p.Key == "to" {
				t.To = s.stageIndex(p.To)
			}
			if e.scale != nil {
				t.Scale = *e.scale(seg)
				if class != nil {
					t.Scale *= *e.scale(class)
				}
			}
			out = append(out, t)
		}
	}
	return out
}

// overridden reports whether the override o (nil for none) gives its own
// value for the stage value at p.
func (e *Param) overridden(o *StageOverride, p Path) bool {
	switch {
	case o == nil:
		return false
	case e.override != nil:
		return *e.override(o) != nil
	}
	_, own := o.To[p.To]
	return own
}

// encodeUncertainty adds the seed, the [uncertainty] table and the
// distributions to a document Encode is writing.
func (s *Scenario) encodeUncertainty(doc map[string]any) {
	if s.Seed != DefaultSeed || len(s.Distributions) > 0 || s.Uncertainty != New().Uncertainty {
		doc["seed"] = s.Seed
	}
	if u := s.Uncertainty; u != New().Uncertainty {
		doc["uncertainty"] = map[string]any{
			"trials": u.Trials, "process_noise": u.ProcessNoise,
			"poisson_acquisition": u.PoissonAcquisition, "rows": u.Rows,
		}
	}
	for path, d := range s.Distributions {
		p, err := ParsePath(path)
		if err != nil {
			continue // not a valid scenario
		}
		if table, key := encodedTable(doc, s, p); table != nil {
			table[key] = d.table()
		}
	}
}

// encodedTable returns the table of an Encode document that holds the
// value at p, and the value's key in it; nil if it has none.
func encodedTable(doc map[string]any, s *Scenario, p Path) (map[string]any, string) {
	var table map[string]any
	switch {
	case p.Table != "":
		table, _ = doc[p.Table].(map[string]any)
	case p.Class != "":
		return nil, "" // a class's values are never distributions
	case p.Segment == "" && p.Stage != "":
		if stages, ok := doc["stage"].([]map[string]any); ok {
			if i := s.stageIndex(p.Stage); i >= 0 && i < len(stages) {
				table = stages[i]
			}
		}
	case p.Segment != "" && p.Stage != "":
		if segs, ok := doc["segment"].([]map[string]any); ok {
			if i := s.segmentIndex(p.Segment); i >= 0 && i < len(segs) {
				overrides, _ := segs[i]["stage"].(map[string]any)
				table, _ = overrides[p.Stage].(map[string]any)
			}
		}
	}
	if table == nil {
		return nil, ""
	}
	if p.Key != "to" {
		return table, p.Key
	}
	switch to := table["to"].(type) {
	case map[string]float64:
		m := make(map[string]any, len(to))
		for k, x := range to {
			m[k] = x
		}
		table["to"] = m
		return m, p.To
	case map[string]any:
		return to, p.To
	}
	return nil, ""
}
