package whatif

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
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
	Changes     []Change       // every KPI's change
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
	if opt.Attribute == nil {
		opt.Attribute = []kpi.KPI{kpi.CLV, kpi.CustomerEquity}
	}
	for _, k := range opt.Attribute {
		if !k.AlwaysDefined() {
			return nil, fmt.Errorf("whatif: %s cannot be attributed: it is undefined in some runs; attribute %s", k, alwaysDefined())
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
	vr := s.Variants[variant]
	base := s.Clone()
	base.Variants = nil
	players, err := playersOf(base, vr.Set)
	if err != nil {
		return nil, err
	}
	c := &Comparison{Variant: vr.Name.In("en"), Title: vr.Name, Players: players, Seed: opt.Seed}
	n := len(players)
	// value runs the base with the players in mask applied.
	value := func(mask uint64) (*sim.Summary, error) {
		var sets []scenarios.Setting
		for i, p := range players {
			if mask&(1<<i) != 0 {
				sets = append(sets, p.Settings...)
			}
		}
		res, err := projection.Project(base, sets...)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", coalition(players, mask), err)
		}
		return &res.Summary, nil
	}
	kpis := func(sum *sim.Summary) []float64 {
		out := make([]float64, len(opt.Attribute))
		for j, k := range opt.Attribute {
			out[j] = k.Of(sum).Value
		}
		return out
	}
	var shapley, stderr [][]float64
	if n <= opt.MaxExact {
		c.Exact = true
		shapley, err = ShapleyExact(n, func(mask uint64) ([]float64, error) {
			sum, err := value(mask)
			if err != nil {
				return nil, err
			}
			return kpis(sum), nil
		})
		c.Evaluations = 1 << n
	} else {
		c.Permutations = opt.Permutations
		shapley, stderr, c.Evaluations, err = ShapleySampled(n, opt.Permutations, opt.Seed, func(mask uint64) ([]float64, error) {
			sum, err := value(mask)
			if err != nil {
				return nil, err
			}
			return kpis(sum), nil
		})
	}
	if err != nil {
		return nil, fmt.Errorf("whatif: variant %q: %w; the attribution runs every subset of the changes, so each must make a valid scenario", c.Variant, err)
	}
	full := uint64(1)<<n - 1
	bsum, err := value(0)
	if err != nil {
		return nil, err
	}
	vsum, err := value(full)
	if err != nil {
		return nil, err
	}
	c.Base, c.Value = ValuesOf(bsum), ValuesOf(vsum)
	c.Changes = Changes(c.Base, c.Value)
	for j, k := range opt.Attribute {
		a := Attribution{KPI: k, Base: k.Of(bsum).Value, Variant: k.Of(vsum).Value,
			Shapley: make([]float64, n), StdErr: make([]float64, n)}
		for i := range n {
			a.Shapley[i] = shapley[i][j]
			if stderr != nil {
				a.StdErr[i] = stderr[i][j]
			}
		}
		c.Attribution = append(c.Attribution, a)
	}
	return c, nil
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

// playersOf turns a variant's set lines into players: one per line, except
// that the lines of one transition row, or the segment shares, become one
// player when some subset of them makes an invalid scenario (a row over 1,
// shares that do not sum to 1).
func playersOf(base *scenarios.Scenario, sets []scenarios.Setting) ([]Player, error) {
	if len(sets) == 0 {
		return nil, errors.New("whatif: the variant changes nothing")
	}
	var order []string
	groups := map[string][]scenarios.Setting{}
	for _, set := range sets {
		g := groupOf(set.Path)
		if _, seen := groups[g]; !seen {
			order = append(order, g)
		}
		groups[g] = append(groups[g], set)
	}
	var players []Player
	for _, g := range order {
		sets := groups[g]
		if len(sets) > 1 && !everySubsetValid(base, sets) {
			names := make([]string, len(sets))
			for i, s := range sets {
				names[i] = s.Path
			}
			players = append(players, Player{Name: groupName(names), Settings: sets})
			continue
		}
		for _, s := range sets {
			players = append(players, Player{Name: s.Path, Settings: []scenarios.Setting{s}})
		}
	}
	if len(players) > maxPlayers {
		return nil, fmt.Errorf("whatif: the variant changes %d values; at most %d can be attributed", len(players), maxPlayers)
	}
	return players, nil
}

// groupOf returns the constraint a setting takes part in: its transition
// row, the segment shares, or the setting alone.
func groupOf(path string) string {
	p, err := scenarios.ParsePath(path)
	switch {
	case err != nil:
	case p.Key == "to":
		return "row " + p.Stage
	case p.Segment != "" && p.Stage == "" && p.Key == "share":
		return "shares"
	}
	return path
}

// groupName names merged paths by their common prefix:
// "stage.decline.to.{decline, stability}".
func groupName(paths []string) string {
	prefix := paths[0][:strings.LastIndexByte(paths[0], '.')+1]
	for _, p := range paths {
		if !strings.HasPrefix(p, prefix) {
			return strings.Join(paths, " + ")
		}
	}
	rest := make([]string, len(paths))
	for i, p := range paths {
		rest[i] = strings.TrimPrefix(p, prefix)
	}
	return prefix + "{" + strings.Join(rest, ", ") + "}"
}

// everySubsetValid reports whether base with every subset of sets applied
// is a valid scenario.
func everySubsetValid(base *scenarios.Scenario, sets []scenarios.Setting) bool {
	if len(sets) > 12 {
		return false
	}
	for mask := 1; mask < 1<<len(sets)-1; mask++ {
		c := base.Clone()
		for i, set := range sets {
			if mask&(1<<i) != 0 && c.Set(set.Path, set.Value) != nil {
				return false
			}
		}
		if len(c.Validate()) > 0 {
			return false
		}
	}
	return true
}

// ShapleyExact returns the Shapley values phi[i][k] of n players for each
// output k of value, from all 2^n coalitions (bit i of a mask set: player
// i is in):
//
//	phi_i = Σ_{S ⊆ N∖{i}} |S|!·(n−|S|−1)!/n! · (v(S ∪ {i}) − v(S)).
//
// They sum to v(N) − v(∅) (efficiency). value is called once per
// coalition, concurrently; n must be at most 20.
func ShapleyExact(n int, value func(mask uint64) ([]float64, error)) ([][]float64, error) {
	if n < 0 || n > 20 {
		return nil, fmt.Errorf("whatif: exact Shapley values for %d players; at most 20", n)
	}
	size := 1 << n
	v := make([][]float64, size)
	if err := parallel(size, func(m int) error {
		out, err := value(uint64(m))
		v[m] = out
		return err
	}); err != nil {
		return nil, err
	}
	outputs := len(v[0])
	// weight[s] = s!(n−s−1)!/n!, computed as a product to stay exact-ish.
	weight := make([]float64, n)
	for s := range n {
		w := 1.0 / float64(n)
		// s!(n−1−s)!/(n−1)! = 1/C(n−1, s)
		w /= binomial(n-1, s)
		weight[s] = w
	}
	phi := make([][]float64, n)
	for i := range n {
		phi[i] = make([]float64, outputs)
		bit := 1 << i
		for m := range size {
			if m&bit != 0 {
				continue
			}
			w := weight[popcount(uint64(m))]
			for k := range outputs {
				phi[i][k] += w * (v[m|bit][k] - v[m][k])
			}
		}
	}
	return phi, nil
}

// ShapleySampled estimates the Shapley values of n players by averaging
// each player's marginal contribution over random orderings: ordering p is
// drawn from PCG(seed, p). It returns the estimates, their standard errors
// (standard deviation over orderings / √orderings) and the number of
// calls of value. Every ordering's contributions sum to v(N) − v(∅), so
// the estimates do too.
func ShapleySampled(n, orderings int, seed uint64, value func(mask uint64) ([]float64, error)) (phi, stderr [][]float64, calls int, err error) {
	if n < 1 || n > maxPlayers {
		return nil, nil, 0, fmt.Errorf("whatif: sampled Shapley values for %d players; 1 to %d", n, maxPlayers)
	}
	if orderings < 2 {
		return nil, nil, 0, errors.New("whatif: at least 2 orderings are needed for a standard error")
	}
	full := uint64(1)<<n - 1
	if n == 64 {
		full = math.MaxUint64
	}
	empty, err := value(0)
	if err != nil {
		return nil, nil, 0, err
	}
	all, err := value(full)
	if err != nil {
		return nil, nil, 0, err
	}
	outputs := len(empty)
	// contrib[p][i][k]: player i's contribution to output k in ordering p.
	contrib := make([][][]float64, orderings)
	if err := parallel(orderings, func(p int) error {
		rng := rand.New(rand.NewPCG(seed, uint64(p)))
		order := rng.Perm(n)
		c := make([][]float64, n)
		prev, mask := empty, uint64(0)
		for step, i := range order {
			mask |= 1 << i
			cur := all
			if step < n-1 {
				var err error
				if cur, err = value(mask); err != nil {
					return err
				}
			}
			c[i] = make([]float64, outputs)
			for k := range outputs {
				c[i][k] = cur[k] - prev[k]
			}
			prev = cur
		}
		contrib[p] = c
		return nil
	}); err != nil {
		return nil, nil, 0, err
	}
	phi, stderr = make([][]float64, n), make([][]float64, n)
	for i := range n {
		phi[i], stderr[i] = make([]float64, outputs), make([]float64, outputs)
		for k := range outputs {
			mean := 0.0
			for p := range orderings {
				mean += contrib[p][i][k]
			}
			mean /= float64(orderings)
			ss := 0.0
			for p := range orderings {
				d := contrib[p][i][k] - mean
				ss += d * d
			}
			phi[i][k] = mean
			stderr[i][k] = math.Sqrt(ss/float64(orderings-1)) / math.Sqrt(float64(orderings))
		}
	}
	return phi, stderr, 2 + orderings*(n-1), nil
}

func binomial(n, k int) float64 {
	r := 1.0
	for i := 1; i <= k; i++ {
		r = r * float64(n-k+i) / float64(i)
	}
	return r
}

func popcount(m uint64) int {
	c := 0
	for ; m != 0; m &= m - 1 {
		c++
	}
	return c
}
