package uncertainty

import (
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"clvlab/sim"
)

// Limits on a Monte Carlo run, so that a scenario file or a flag cannot
// exhaust memory.
const (
	// DefaultTrials is the number of trials when Config.Trials is 0.
	DefaultTrials = 1000
	// MaxTrials caps Config.Trials.
	MaxTrials = 100_000
	// MaxSamples bounds Trials × Horizon × Series, the per-period values
	// a run keeps for its quantiles (8 bytes each: 240 MB).
	MaxSamples = 30_000_000
)

// Config says how to run the trials. The zero value runs DefaultTrials
// trials of the model as it is, without randomness: every trial then
// equals the deterministic projection.
type Config struct {
	// Trials is the number of trials, 1 to MaxTrials; 0 means DefaultTrials.
	Trials int
	// Seed seeds the trials: trial i draws from a PCG generator seeded from
	// (Seed, i), so the bands do not depend on how many goroutines run them.
	Seed uint64
	// ProcessNoise moves customers between stages as random whole counts
	// (one multinomial draw per stage and period) instead of expected
	// fractions. Default false.
	ProcessNoise bool
	// PoissonAcquisition draws each period's new customers of each segment
	// from a Poisson distribution around the planned number. Default false.
	PoissonAcquisition bool
	// Rows says what to do with a transition row whose draws sum to more
	// than 1. Default ScaleRows.
	Rows RowRule
	// Parameters are the uncertain inputs, each drawn once per trial. None
	// by default.
	Parameters []Parameter
	// Derive, if set, is called in each trial after its parameters are
	// drawn into its model (and at each redraw), with the trial's model and
	// the values drawn, one per parameter in order; it sets the numbers of
	// the model that follow from the drawn ones (a scenario's response
	// curves: a retention spend moves a transition, a budget curve's
	// parameters the new customers and their cost). It is called from
	// several goroutines at once, each with its own model and draws, and
	// should not allocate. Rows that Derive writes are its own to keep at
	// or below 1. Trials without parameters keep the model as given.
	Derive func(m *sim.Model, draws []float64)
	// Pause, if set, is called by each worker after each chunk of trials.
	// The browser app passes a short sleep: WebAssembly runs goroutines on
	// one thread, and a pause lets the page draw while trials run. It
	// changes no result.
	Pause func()
}

// Samples returns the number of per-period values a run of trials trials
// of m keeps: trials × horizon × Series(m). It must not exceed
// MaxSamples.
func Samples(m *sim.Model, trials int) int {
	return trials * m.Horizon * Series(m)
}

// Series returns the number of per-period series a run of m summarises:
// the customers of each stage, the active customers, the net cash flow
// and the cumulative discounted net cash flow (stages + 3), and in a
// market with competitor stages our share of the market and each
// competitor's (1 + competitor stages more).
func Series(m *sim.Model) int {
	n := len(m.StageIDs) + 3
	if m.HasCompetitors() {
		n += 1 + len(rivals(m))
	}
	return n
}

// SeriesText says what Series counts, for a message: "(4 stages + 3)", or
// "(3 stages + 3 + 3 market shares)" in a market with competitors.
func SeriesText(m *sim.Model) string {
	if !m.HasCompetitors() {
		return fmt.Sprintf("(%d stages + 3)", len(m.StageIDs))
	}
	return fmt.Sprintf("(%d stages + 3 + %d market shares)", len(m.StageIDs), 1+len(rivals(m)))
}

// rivals returns the competitor stages of m, in order.
func rivals(m *sim.Model) []int {
	var out []int
	for i := range m.StageIDs {
		if m.IsCompetitor(i) {
			out = append(out, i)
		}
	}
	return out
}

// Simulator runs Monte Carlo trials of one model. Create it with New; it
// keeps its buffers between runs, so calling Run again allocates little.
type Simulator struct {
	m      *sim.Model
	cfg    Config
	trials int
	n      int       // stages
	series int       // per-period series (Series)
	rivals []int     // the competitor stages, whose shares a trial records
	lost   int       // lost states per segment (sim.LostStates)
	disc   []float64 // per period: operating discount factor
	// rows lists the transition rows that a parameter writes, which a
	// trial restores and checks.
	rows []row
	// samples holds the per-period values, one column of trials values per
	// series and period: column c is samples[c*trials : (c+1)*trials].
	samples []float64
	// Per trial: customer equity, CLV (NaN when the first cohort is
	// empty), and whether the first cohort paid back (−1: empty cohort).
	equity, clv []float64
	paid        []int8
	draws       []int64 // per trial: random variates drawn
	workers     []*worker
}

// row is one transition row of one segment.
type row struct{ segment, class, stage int }

// chunk is the number of consecutive trials a worker takes at a time, so
// that workers seldom write to the same cache line of a column.
const chunk = 64

// New validates m and c and returns a simulator ready to Run. The
// simulator keeps m; do not change it while the simulator is in use.
func New(m *sim.Model, c Config) (*Simulator, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	trials := c.Trials
	if trials == 0 {
		trials = DefaultTrials
	}
	var errs []error
	if trials < 1 || trials > MaxTrials {
		errs = append(errs, fmt.Errorf("uncertainty: %d trials, must be in [1, %d]", trials, MaxTrials))
	} else if s := Samples(m, trials); s > MaxSamples {
		errs = append(errs, fmt.Errorf("uncertainty: %d trials × %d periods × %s = %d values, at most %d are kept; run fewer trials",
			trials, m.Horizon, SeriesText(m), s, MaxSamples))
	}
	if c.Rows != ScaleRows && c.Rows != RedrawRows {
		errs = append(errs, fmt.Errorf("uncertainty: unknown row rule %d", int(c.Rows)))
	}
	if err := validateParameters(m, c.Parameters, c.Derive != nil); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	s := &Simulator{m: m, cfg: c, trials: trials, n: len(m.StageIDs), series: Series(m), rivals: rivals(m)}
	w := m.Winback
	if s.uncertain(WinbackRate) {
		w.Rate = 1 // a trial may draw a positive rate: keep the lost states
	}
	s.lost = sim.LostStates(w)
	s.disc, _ = m.DiscountFactors()
	seen := map[row]bool{}
	for _, p := range c.Parameters {
		for _, t := range p.Targets {
			if r := (row{t.Segment, t.Class, t.Stage}); t.Quantity == TransitionProbability && !seen[r] {
				seen[r] = true
				s.rows = append(s.rows, r)
			}
		}
	}
	s.samples = make([]float64, Samples(m, trials))
	s.equity = make([]float64, trials)
	s.clv = make([]float64, trials)
	s.paid = make([]int8, trials)
	s.draws = make([]int64, trials)
	return s, nil
}

// uncertain reports whether a parameter sets a slot of quantity q.
func (s *Simulator) uncertain(q Quantity) bool {
	for _, p := range s.cfg.Parameters {
		for _, t := range p.Targets {
			if t.Quantity == q {
				return true
			}
		}
	}
	return false
}

// Run runs the trials on all cores (runtime.GOMAXPROCS goroutines) and
// returns their bands. The result is the same, bit for bit, whatever the
// number of goroutines. Run reuses the simulator's buffers: do not call it
// from two goroutines at once.
func (s *Simulator) Run() *Bands {
	procs := max(1, runtime.GOMAXPROCS(0))
	chunks := (s.trials + chunk - 1) / chunk
	nw := min(procs, chunks)
	for len(s.workers) < nw {
		s.workers = append(s.workers, newWorker(s))
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for _, w := range s.workers[:nw] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				c := int(next.Add(1)) - 1
				if c >= chunks {
					return
				}
				for i := c * chunk; i < min(s.trials, (c+1)*chunk); i++ {
					w.trial(i)
				}
				if s.cfg.Pause != nil {
					s.cfg.Pause()
				}
			}
		}()
	}
	wg.Wait()
	return s.bands(nw)
}

// Run runs the Monte Carlo trials c describes on m and returns their bands.
func Run(m *sim.Model, c Config) (*Bands, error) {
	s, err := New(m, c)
	if err != nil {
		return nil, err
	}
	return s.Run(), nil
}
