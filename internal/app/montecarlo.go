package app

import (
	"fmt"
	"image"
	"math"
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
	ms    float64
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

// startMonteCarlo starts the trials of the current values when they
// changed and no slider is being dragged, so a drag never waits for them:
// natively on goroutines (a result that arrives for values no longer
// shown is dropped), in the browser as slices between frames
// (stepMonteCarlo).
func (a *App) startMonteCarlo() {
	key := a.mcKey()
	if a.trials == 0 || key == a.mcStarted || a.ui.Active() {
		return
	}
	s, mc := a.p.MonteCarlo(a.trials)
	a.mcStarted = key
	if a.sliced {
		sim, err := projection.Simulator(s, mc)
		if err != nil {
			a.fail(err)
			return
		}
		if sim != nil {
			now := time.Now()
			a.mcRun = &mcRun{key: key, steps: sim.Stepper(), start: now, shown: now}
		}
		return
	}
	done := a.mcDone
	go func() {
		start := time.Now()
		r := mcResult{key: key}
		u, err := projection.Trials(s, mc)
		if err != nil {
			r.err = err
		} else if u != nil {
			r.bands = u.Bands
		}
		r.ms = ms(time.Since(start))
		select {
		case done <- r:
		default: // the app has newer results waiting; this one is stale
		}
	}()
}

// mcRun is a run of the trials in slices, one a frame, on the app's own
// goroutine (the browser).
type mcRun struct {
	key      string // mcKey of the values it is for
	steps    *uncertainty.Stepper
	start    time.Time
	perTrial time.Duration // measured on the last slice
	shown    time.Time     // when the progress was last shown
}

// sliceTime is what a frame's slice of trials may take: the rest of the
// frame stays for the page, which is never held longer than a slice and
// a frame's own work. maxSlice bounds a slice in trials. The progress is
// shown anew at most every progressEvery, so that the frames between
// cost the page (and the trials) nothing but their slice.
const (
	sliceTime     = 10 * time.Millisecond
	maxSlice      = 256
	progressEvery = 250 * time.Millisecond
)

// budget returns how many trials the next slice runs: as many as fit in
// sliceTime at the speed measured so far (4 to measure it first), or the
// app's fixed sliceTrials (tests).
func (a *App) budget(r *mcRun) int {
	switch {
	case a.sliceTrials > 0:
		return a.sliceTrials
	case r.perTrial <= 0:
		return 4
	}
	return max(1, min(maxSlice, int(sliceTime/r.perTrial)))
}

// stepMonteCarlo runs one slice of the trials in progress, if any, and
// asks for the progress or the bands to be shown. A run whose values are
// no longer shown (a lever moved) is dropped: it runs no more trials.
func (a *App) stepMonteCarlo() {
	r := a.mcRun
	if r == nil {
		return
	}
	if r.key != a.mcKey() {
		a.mcRun, a.stale = nil, true
		return
	}
	start := time.Now()
	if n := r.steps.Step(a.budget(r)); n > 0 {
		d := time.Since(start)
		r.perTrial = max(d/time.Duration(n), time.Microsecond) // a coarse clock can read 0
		a.stats.LastSliceMs = ms(d)
	}
	if b := r.steps.Bands(); b != nil {
		a.bands, a.bandsKey = b, r.key
		a.stats.LastMonteCarloMs = ms(time.Since(r.start))
		a.mcRun, a.stale = nil, true
		return
	}
	if now := time.Now(); now.Sub(r.shown) >= progressEvery {
		r.shown, a.stale = now, true
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
			if r.key == a.mcKey() {
				a.bands, a.bandsKey = r.bands, r.key
				a.stats.LastMonteCarloMs = r.ms
				a.stale = true
			}
		default:
			return
		}
	}
}

// trialsRow draws the trials' summary from the top of r, the rows under
// the KPI strip that trials get while they are on: the figures of the
// bands (or that they are being run), each whole, flowing onto a second
// line when the window is narrow. It returns the bottom of what it drew.
func (a *App) trialsRow(m metrics, r image.Rectangle) int {
	c := &a.ui
	size := float64(m.font) * 0.85
	parts := []string{a.t("running trials")}
	if r := a.mcRun; r != nil {
		parts = []string{fmt.Sprintf(a.t("trials progress"), r.steps.Done(), r.steps.Trials())}
	}
	if b := a.currentBands(); b != nil {
		parts = a.bandsParts(b)
	}
	sep := a.measure(a.t("band separator"), size)
	// Lay the parts out first, to know how many lines they take.
	type placed struct {
		x, line, w int
		s          string
	}
	var ps []placed
	x, line, right := r.Min.X+m.pad/2, 0, r.Max.X-m.pad/2
	for _, s := range parts {
		w := int(math.Ceil(a.measure(s, size)))
		if x > r.Min.X+m.pad/2 && x+w > right {
			x, line = r.Min.X+m.pad/2, line+1
		}
		ps = append(ps, placed{x, line, w, s})
		x += w + int(sep)
	}
	lineH := m.line * 9 / 10
	bottom := r.Min.Y + (line+1)*lineH + m.pad/3
	c.Fill(image.Rect(r.Min.X, r.Min.Y, r.Max.X, bottom), c.Theme.Panel)
	for _, p := range ps {
		y := r.Min.Y + m.pad/6 + p.line*lineH
		c.Label(image.Rect(p.x, y, min(p.x+p.w+2, right), y+lineH), p.s, size, c.Theme.Text, ui.Left)
	}
	return bottom
}

// bandsParts are the figures of the bands for the trials' row, with the
// catalogue's labels of the Monte Carlo figures (kpi.Bands), in characters
// the font draws: "200 trials: CLV 5-95% 582.2 to 1,122 CNY", …,
// "P(payback within horizon) 100.0%".
func (a *App) bandsParts(b *uncertainty.Bands) []string {
	s := a.p.Scenario()
	human := func(v float64) string { return chart.Human(v, a.lang) }
	pct := func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }
	parts := []string{
		fmt.Sprintf(a.t("trials run"), b.Trials) + fmt.Sprintf(a.t("band range"), kpi.CLVRange.Label(a.lang), human(b.CLV.P5), human(b.CLV.P95), s.Currency),
		fmt.Sprintf(a.t("band range"), kpi.CustomerEquityRange.Label(a.lang), human(b.CustomerEquity.P5), human(b.CustomerEquity.P95), s.Currency),
		fmt.Sprintf(a.t("band share"), kpi.NegativeEquity.Label(a.lang), pct(b.NegativeEquity)),
	}
	if b.Payback.Defined {
		parts = append(parts, fmt.Sprintf(a.t("band share"), kpi.PaybackWithinHorizon.Label(a.lang), pct(b.Payback.Value)))
	}
	for i := range parts {
		parts[i] = chart.Printable(parts[i])
	}
	return parts
}
