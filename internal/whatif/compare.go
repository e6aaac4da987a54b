package whatif

import (
	"fmt"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/sim"
)

// Defaults of CompareOptions.
const (
	DefaultMaxExact     = 10  // changes up to which the attribution is exact
	DefaultPermutations = 256 // random orderings of a sampled attribution
	DefaultSeed         = 1
	maxPlayers          = 64 // coalitions are bit masks
)

// CompareOptions tunes Compare; the zero value asks for the defaults.
type CompareOptions struct {
	// Attribute lists the KPIs whose change is attributed; only KPIs every
	// run has (KPI.AlwaysDefined). Default: CLV and CustomerEquity.
	Attribute []kpi.KPI
	// MaxExact is the number of changes up to which the Shapley values
	// are computed exactly, over all 2^n subsets. Default 10.
	MaxExact int
	// Permutations is the number of random orderings averaged beyond
	// MaxExact. Default 256.
	Permutations int
	// Seed seeds the orderings (each ordering p draws from PCG(Seed, p),
	// so results do not depend on the number of workers). Default 1.
	Seed uint64
}

// Player is one changed parameter of a variant: a set line, or the set
// lines of one transition row (or of the segment shares) when some of
// them alone would make an invalid scenario.
type Player struct {
	Name     string // the path, or "stage.ID.to.{a, b}" for a group
	Settings []scenarios.Setting
}

// Attribution splits the change of one KPI over the players.
type Attribution struct {
	KPI           kpi.KPI
	Base, Variant float64
	// Shapley[i] is player i's Shapley value; they sum to Variant − Base
	// (exactly up to rounding in the exact case; in the sampled case too,
	// since every ordering's contributions sum to the total).
	Shapley []float64
	// StdErr[i] is the standard error of Shapley[i] over the sampled
	// orderings; 0 when exact.
	StdErr []float64
}

// Comparison is a variant against its base.
type Comparison struct {
	Variant     string         // English name
	Title       scenarios.Text // display name
	Base, Value Values         // every KPI of the base and of the variant
	Changes     []Change       // the change of every KPI of kpi.Outcomes the runs list (kpi.KPI.Listed)
	Players     []Player
	Attribution []Attribution // one per attributed KPI
	// Exact is true when the Shapley values were computed over all 2^n
	// subsets; otherwise Permutations orderings were sampled with Seed.
	Exact        bool
	Permutations int
	Seed         uint64
	Evaluations  int // runs of the engine
}

// Method says how the attribution was computed, in a sentence.
func (c *Comparison) Method() string {
	n := len(c.Players)
	changes := fmt.Sprintf("%d changes", n)
	if n == 1 {
		changes = "the one change"
	}
	if c.Exact {
		return fmt.Sprintf("Shapley values, exact: every one of the 2^%d = %d subsets of %s was run", n, 1<<n, changes)
	}
	return fmt.Sprintf("Shapley values estimated from %d random orderings of %s (seed %d); ± is one standard error", c.Permutations, changes, c.Seed)
}

// Compare compares variant i of s (an index into s.Variants) with the base:
// every KPI with its change, and the change of each attributed KPI split
// over the variant's changes by Shapley values, which do not depend on the
// order the changes are made in.
func Compare(s *scenarios.Scenario, variant int, opt CompareOptions) (*Comparison, error) {
	if variant < 0 || variant >= len(s.Variants) {
		return nil, fmt.Errorf("whatif: no variant %d; the scenario has %d", variant, len(s.Variants))
	}
	opt, err := opt.withDefaults()
	if err != nil {
		return nil, err
	}
	vr := s.Variants[variant]
	base := s.Clone()
	base.Variants = nil
	players, err := playersOf(base, vr.Set)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Variant: vr.Name.In("en"), Title: vr.Name, Players: players, Seed: opt.Seed}
	co := coalitions{base: base, players: players, kpis: opt.Attribute}
	shapley, stderr, err := c.shapley(co, opt)
	if err != nil {
		return nil, fmt.Errorf("whatif: variant %q: %w; the attribution runs every subset of the changes, so each must make a valid scenario", c.Variant, err)
	}
	bsum, err := co.summary(0)
	if err != nil {
		return nil, err
	}
	vsum, err := co.summary(uint64(1)<<len(players) - 1)
	if err != nil {
		return nil, err
	}
	c.Base, c.Value = ValuesOf(bsum), ValuesOf(vsum)
	for _, ch := range Changes(c.Base, c.Value) {
		if ch.KPI.Listed(bsum, vsum) { // a market's steady share only in a market
			c.Changes = append(c.Changes, ch)
		}
	}
	c.Attribution = attributions(opt.Attribute, bsum, vsum, shapley, stderr)
	return c, nil
}

// withDefaults fills in the defaults of opt and checks that every KPI it
// attributes is one that every run has.
func (opt CompareOptions) withDefaults() (CompareOptions, error) {
	if opt.Attribute == nil {
		opt.Attribute = []kpi.KPI{kpi.CLV, kpi.CustomerEquity}
	}
	for _, k := range opt.Attribute {
		if !k.AlwaysDefined() {
			return opt, fmt.Errorf("whatif: %s cannot be attributed: it is undefined in some runs; attribute %s", k, alwaysDefinedPhrase())
		}
	}
	if opt.MaxExact <= 0 {
		opt.MaxExact = DefaultMaxExact
	}
	opt.MaxExact = min(opt.MaxExact, 20)
	if opt.Permutations <= 0 {
		opt.Permutations = DefaultPermutations
	}
	if opt.Seed == 0 {
		opt.Seed = DefaultSeed
	}
	return opt, nil
}

// coalitions projects the base with subsets of the players applied: a
// coalition is a bit mask, bit i set when player i is in.
type coalitions struct {
	base    *scenarios.Scenario
	players []Player
	kpis    []kpi.KPI // the attributed KPIs
}

// summary runs the base with the players in mask applied.
func (co coalitions) summary(mask uint64) (*sim.Summary, error) {
	var sets []scenarios.Setting
	for i, p := range co.players {
		if mask&(1<<i) != 0 {
			sets = append(sets, p.Settings...)
		}
	}
	res, err := projection.Project(co.base, sets...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", coalition(co.players, mask), err)
	}
	return &res.Summary, nil
}

// value returns the attributed KPIs of the coalition mask, in the order
// of co.kpis: the value function of the Shapley attribution.
func (co coalitions) value(mask uint64) ([]float64, error) {
	sum, err := co.summary(mask)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(co.kpis))
	for j, k := range co.kpis {
		out[j] = k.Of(sum).Value
	}
	return out, nil
}

// shapley returns each player's Shapley value of each attributed KPI,
// shapley[i][j], and its standard error (nil when exact): over every
// coalition up to opt.MaxExact players, else from opt.Permutations random
// orderings. It records the method and the number of runs in c.
func (c *Comparison) shapley(co coalitions, opt CompareOptions) (shapley, stderr [][]float64, err error) {
	n := len(co.players)
	if n <= opt.MaxExact {
		c.Exact, c.Evaluations = true, 1<<n
		shapley, err = ShapleyExact(n, co.value)
		return shapley, nil, err
	}
	c.Permutations = opt.Permutations
	shapley, stderr, c.Evaluations, err = ShapleySampled(n, opt.Permutations, opt.Seed, co.value)
	return shapley, stderr, err
}

// attributions gathers the Shapley values of each attributed KPI, between
// the base's summary and the variant's.
func attributions(kpis []kpi.KPI, base, variant *sim.Summary, shapley, stderr [][]float64) []Attribution {
	var out []Attribution
	for j, k := range kpis {
		a := Attribution{KPI: k, Base: k.Of(base).Value, Variant: k.Of(variant).Value,
			Shapley: make([]float64, len(shapley)), StdErr: make([]float64, len(shapley))}
		for i := range shapley {
			a.Shapley[i] = shapley[i][j]
			if stderr != nil {
				a.StdErr[i] = stderr[i][j]
			}
		}
		out = append(out, a)
	}
	return out
}

// coalition names the players in mask, for messages.
func coalition(players []Player, mask uint64) string {
	var in []string
	for i, p := range players {
		if mask&(1<<i) != 0 {
			in = append(in, p.Name)
		}
	}
	if len(in) == 0 {
		return "the base"
	}
	return "the changes {" + strings.Join(in, ", ") + "} alone"
}
