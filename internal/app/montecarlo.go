package app

import (
	"fmt"
	"image"
	"math"
	"strings"
	"sync/atomic"
	"time"

	"clvlab/internal/chart"
	"clvlab/internal/kpi"
	"clvlab/internal/projection"
	"clvlab/internal/ui"
	"clvlab/sim/uncertainty"
)

// trialChoices are the settings of the trials button; 0 is off.
var trialChoices = []int{0, 200, 1000, 5000}

// mcResult is a finished Monte Carlo run.
type mcResult struct {
	key   string // what it was run for: see mcKey
	bands *uncertainty.Bands
	err   error
	asked time.Time // when the input that asked for it came
	ms    float64   // from then until the bands were computed
}

// mcKey names what Monte Carlo bands belong to: the projection and the
// number of trials.
func (a *App) mcKey() string { return fmt.Sprintf("%p|%d|%d", a.p, a.p.Version(), a.trials) }

// currentBands returns the bands of what is on screen, or nil while they
// are being computed (or off).
func (a *App) currentBands() *uncertainty.Bands {
	if a.trials == 0 || a.bandsKey != a.mcKey() {
		return nil
	}
	return a.bands
}

// shownBands returns the bands the chart and the trials' row show: those
// of what is on screen, or until they come, the last bands of the same
// values with another number of trials (the row names their trials), so
// that a click on the trials button changes neither the chart nor the row
// until the new bands come. Bands are shown only with the row: trials
// turned off and on again show none until the new ones come, as when
// first turned on (the old ones would redraw the chart in the click's
// frame, with no row to name their trials, and again with the new ones).
func (a *App) shownBands() *uncertainty.Bands {
	if !a.trialsRowOn() || a.bands == nil || !sameValues(a.bandsKey, a.mcKey()) {
		return nil
	}
	return a.bands
}

// sameValues reports whether two mcKeys are of the same projection and
// version (they may differ in the number of trials).
func sameValues(k1, k2 string) bool {
	i, j := strings.LastIndexByte(k1, '|'), strings.LastIndexByte(k2, '|')
	return i >= 0 && j >= 0 && k1[:i] == k2[:j]
}

// trialsRowOn reports whether the layout has the trials' row: trials are
// on and their first bands came. Until then the trials button shows that
// they run (trialsLabel): the row would move the chart down, and draw it
// again, in the frame of the click and again with the bands.
func (a *App) trialsRowOn() bool {
	if a.trials == 0 {
		a.rowOn = false
	}
	return a.rowOn
}

// startMonteCarlo starts the trials of the current values when they
// changed and no slider is being dragged, so a drag never waits for them:
// natively on goroutines (a result that arrives for values no longer
// shown is dropped), in the browser on one goroutine that runs them in
// slices and gives the page's thread back between them (mcRun.run).
func (a *App) startMonteCarlo() {
	key := a.mcKey()
	if a.trials == 0 || key == a.mcStarted || a.ui.Active() {
		return
	}
	s, mc := a.p.MonteCarlo(a.trials)
	a.mcStarted = key
	asked := a.inputSince // the click, or the lever let go
	if asked.IsZero() {
		asked = time.Now()
	}
	if a.sliced {
		sim, err := projection.Simulator(s, mc)
		if err != nil {
			a.fail(err)
			return
		}
		if sim != nil {
			if a.mcRun != nil {
				a.mcRun.stop.Store(true)
			}
			st := sim.Stepper()
			r := &mcRun{key: key, steps: st, trials: st.Trials(), start: asked, ended: make(chan struct{})}
			a.mcRun = r
			go r.run(a.mcDone, a.platform.yield, a.platform.wake, a.sliceTrials, a.progressEvery)
		}
		return
	}
	done := a.mcDone
	go func() {
		r := mcResult{key: key, asked: asked}
		u, err := projection.Trials(s, mc)
		if err != nil {
			r.err = err
		} else if u != nil {
			r.bands = u.Bands
		}
		r.ms = ms(time.Since(asked))
		select {
		case done <- r:
		default: // the app has newer results waiting; this one is stale
		}
	}()
}

// mcRun is a run of the trials in slices on a goroutine of its own (the
// browser: WebAssembly runs every goroutine on the page's one thread, so
// a run that never gave the thread back would hold the page until it
// ended). The app and the run share only the atomics and the result
// channel; steps belongs to the run's goroutine.
type mcRun struct {
	key     string // mcKey of the values it is for
	steps   *uncertainty.Stepper
	trials  int
	start   time.Time    // when the input that asked for it came
	done    atomic.Int64 // trials run so far
	shows   atomic.Int64 // the trials done at the last wake for progress: what the app shows
	sliceNs atomic.Int64 // how long the last slice took
	maxNs   atomic.Int64 // the longest slice, the bands' included
	stop    atomic.Bool  // the values changed: run no more trials
	ended   chan struct{}
	shown   int64 // shows when the app last laid out the progress (the app's)
}

// sliceTime is what a slice of trials may take: the page's thread is
// held for a slice at most (plus one trial), which stays under the 50 ms
// of a Long Task. The run wakes the page to show its progress once every
// progressEvery at most, the first time progressEvery after it started: a
// frame costs the page more than the trials between (in headless Chromium
// with software WebGL on 2 cores every frame held the page 60 ms or more,
// most of it waiting for the GPU process, even one that only changed a
// text; 200 trials are about 60 ms of work), so a run that ends within a
// second shows that it runs ("Trials 200…") until its bands come, and a
// long one (5,000 trials) its progress each second. Frames drawn for other
// reasons meanwhile (the button's release, a hover) show the progress of
// the last wake, not the trials done since: a frame whose only change
// would be that count paints nothing.
const (
	sliceTime     = 35 * time.Millisecond
	progressEvery = time.Second
)

// run runs the trials in slices of sliceTime (or of fixed trials, for
// tests), then summarises them into bands in slices of sliceTime, calling
// yield before each slice: in the browser yield returns once the page's
// event loop has had a turn (input, frames), so the trials go on between
// frames without waiting for one. It wakes the page (wake) to show the
// progress every progress (0: progressEvery), and when the result is in
// out. A run told to stop returns at its next yield.
func (r *mcRun) run(out chan<- mcResult, yield, wake func(), fixed int, progress time.Duration) {
	defer close(r.ended)
	if progress <= 0 {
		progress = progressEvery
	}
	shown := r.start
	for r.steps.Done() < r.trials {
		yield()
		if r.stop.Load() {
			return
		}
		start := time.Now()
		for n := 1; r.steps.Step(1) > 0; n++ {
			if fixed > 0 && n >= fixed || fixed <= 0 && time.Since(start) >= sliceTime {
				break
			}
		}
		now := time.Now()
		r.sliced(now.Sub(start))
		r.done.Store(int64(r.steps.Done()))
		if now.Sub(shown) >= progress && r.steps.Done() < r.trials {
			shown = now
			r.shows.Store(int64(r.steps.Done()))
			wake()
		}
	}
	// The bands, in slices of their own too: their per-period columns a
	// few at a time (5,000 trials' columns take longer than a slice in
	// wasm), and the headline figures with the last of them.
	for {
		yield()
		if r.stop.Load() {
			return
		}
		start := time.Now()
		left := r.steps.Summarize(bandColumns)
		for left > 0 && time.Since(start) < sliceTime {
			left = r.steps.Summarize(bandColumns)
		}
		if left > 0 {
			r.sliced(time.Since(start))
			continue
		}
		res := mcResult{key: r.key, bands: r.steps.Bands(), asked: r.start}
		r.sliced(time.Since(start))
		res.ms = ms(time.Since(r.start))
		select {
		case out <- res:
		default: // the app has results waiting: it is busy with newer values
		}
		wake()
		return
	}
}

// bandColumns is how many of the bands' columns a slice summarises
// between looks at the clock.
const bandColumns = 4

// sliced notes a slice's time.
func (r *mcRun) sliced(d time.Duration) {
	r.sliceNs.Store(int64(d))
	if int64(d) > r.maxNs.Load() {
		r.maxNs.Store(int64(d))
	}
}

// stepMonteCarlo looks, once a frame, at the run in slices, if any: a run
// whose values are no longer shown (a lever moved) is stopped; the
// progress of a new wake for it is laid out.
func (a *App) stepMonteCarlo() {
	r := a.mcRun
	if r == nil {
		return
	}
	if r.key != a.mcKey() {
		r.stop.Store(true)
		a.mcRun, a.stale = nil, true
		return
	}
	a.stats.LastSliceMs = ms(time.Duration(r.sliceNs.Load()))
	if d := r.shows.Load(); d != r.shown {
		r.shown, a.stale = d, true // the run woke the page to show its progress
	}
}

// pollMonteCarlo takes a finished run, if any, and asks for a redraw.
func (a *App) pollMonteCarlo() {
	for {
		select {
		case r := <-a.mcDone:
			if r.err != nil {
				a.fail(r.err)
				continue
			}
			if run := a.mcRun; run != nil && run.key == r.key {
				a.stats.LastSliceMs = ms(time.Duration(run.sliceNs.Load()))
				a.stats.LongestSliceMs = ms(time.Duration(run.maxNs.Load()))
				a.mcRun = nil
			}
			if r.key == a.mcKey() {
				a.bands, a.bandsKey, a.rowOn = r.bands, r.key, true
				a.stats.LastTrialsMs, a.bandsAsked = r.ms, r.asked // LastMonteCarloMs once a frame shows them
				a.stale = true
			}
		default:
			return
		}
	}
}

// trialsRow draws the trials' summary from the top of r, the rows under
// the KPI strip that trials get while they are on (or the room the
// strip's last row leaves, trialsRect): the figures of the bands (or that
// they are being run), each whole, flowing onto a second line when the
// window is narrow. It returns the bottom of what it drew.
func (a *App) trialsRow(m metrics, r image.Rectangle) int {
	c := &a.ui
	size := float64(m.font) * 0.85
	parts := a.trialsParts()
	sep := a.measure(a.t("band separator"), size)
	lineH := m.line * 9 / 10
	bottom := r.Min.Y + a.trialsLines(m, r.Dx())*lineH + m.pad/3
	c.Fill(image.Rect(r.Min.X, r.Min.Y, r.Max.X, bottom), c.Theme.Panel)
	x, line, right := r.Min.X+m.pad/2, 0, r.Max.X-m.pad/2
	for _, s := range parts {
		w := int(math.Ceil(a.measure(s, size)))
		if x > r.Min.X+m.pad/2 && x+w > right {
			x, line = r.Min.X+m.pad/2, line+1
		}
		y := r.Min.Y + m.pad/6 + line*lineH
		c.Label(image.Rect(x, y, min(x+w+2, right), y+lineH), s, size, c.Theme.Text, ui.Left)
		x += w + int(sep)
	}
	return bottom
}

// trialsLines returns how many lines the trials' summary takes in a row
// width pixels wide.
func (a *App) trialsLines(m metrics, width int) int {
	size := float64(m.font) * 0.85
	sep := a.measure(a.t("band separator"), size)
	x, line, left, right := m.pad/2, 0, m.pad/2, width-m.pad/2
	for _, s := range a.trialsParts() {
		w := int(math.Ceil(a.measure(s, size)))
		if x > left && x+w > right {
			x, line = left, line+1
		}
		x += w + int(sep)
	}
	return line + 1
}

// trialsParts are the texts of the trials' summary.
func (a *App) trialsParts() []string {
	if b := a.shownBands(); b != nil {
		return a.bandsParts(b)
	}
	if r := a.mcRun; r != nil && r.shows.Load() > 0 {
		return []string{fmt.Sprintf(a.t("trials progress"), r.shows.Load(), r.trials)}
	}
	return []string{a.t("running trials")}
}

// trialsRect is where the trials' summary goes in the KPI strip: right of
// the last card when the strip's last row leaves room for it there,
// within a card's height; else the empty rectangle (a row of its own).
func (a *App) trialsRect(m metrics) image.Rectangle {
	n := len(a.p.KPIs())
	if n == 0 || len(a.kpiEdges) > 0 || n%max(1, m.kpiCols) == 0 {
		return image.Rectangle{}
	}
	last := a.kpiRect(m, n-1, n)
	r := image.Rect(last.Max.X+m.pad/2, last.Min.Y, a.w-m.pad, last.Max.Y)
	if a.trialsLines(m, r.Dx())*(m.line*9/10)+m.pad/3 > r.Dy() {
		return image.Rectangle{}
	}
	return r
}

// bandsParts are the figures of the bands for the trials' row, with the
// catalogue's labels of the Monte Carlo figures (kpi.Bands), in characters
// the font draws: "200 trials: CLV 5-95% 582.2 to 1,122 CNY", …,
// "P(payback within horizon) 100.0%". A figure no trial has is left out,
// as the payback's share is: without a first cohort (no acquisition, as
// in brand-switching, whose customers are all an existing base) a new
// customer's CLV is not there, and the row starts with customer equity's
// range, the figure that matters then.
func (a *App) bandsParts(b *uncertainty.Bands) []string {
	s := a.p.Scenario()
	human := func(v float64) string { return chart.Human(v, a.lang) }
	pct := func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }
	parts := make([]string, 0, len(kpi.Bands))
	if b.CLVTrials > 0 {
		parts = append(parts, fmt.Sprintf(a.t("band range"), kpi.CLVRange.Label(a.lang), human(b.CLV.P5), human(b.CLV.P95), s.Currency))
	}
	parts = append(parts,
		fmt.Sprintf(a.t("band range"), kpi.CustomerEquityRange.Label(a.lang), human(b.CustomerEquity.P5), human(b.CustomerEquity.P95), s.Currency),
		fmt.Sprintf(a.t("band share"), kpi.NegativeEquity.Label(a.lang), pct(b.NegativeEquity)))
	if b.Payback.Defined {
		parts = append(parts, fmt.Sprintf(a.t("band share"), kpi.PaybackWithinHorizon.Label(a.lang), pct(b.Payback.Value)))
	}
	parts[0] = fmt.Sprintf(a.t("trials run"), b.Trials) + parts[0]
	for i := range parts {
		parts[i] = chart.Printable(parts[i])
	}
	return parts
}
