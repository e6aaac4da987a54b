package app

import (
	"fmt"
	"strings"
	"time"

	"clvlab/internal/chart"
	"clvlab/internal/kpi"
	"clvlab/internal/projection"
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

// startMonteCarlo runs the trials of the current values in the background
// when they changed and no slider is being dragged, so a drag never waits
// for them; a result that arrives for values no longer shown is dropped.
func (a *App) startMonteCarlo() {
	key := a.mcKey()
	if a.trials == 0 || key == a.mcStarted || a.ui.Active() {
		return
	}
	s, mc := a.p.MonteCarlo(a.trials)
	mc.Pause = a.platform.pause
	a.mcStarted = key
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

// pollMonteCarlo takes a finished run, if any, and asks for a redraw.
func (a *App) pollMonteCarlo() {
	for {
		select {
		case r := <-a.mcDone:
			if r.err != nil {
				a.notice(r.err.Error(), true)
				continue
			}
			if r.key == a.mcKey() {
				a.bands, a.bandsKey = r.bands, r.key
				a.stats.LastMonteCarloMs = r.ms
				a.dirty = true
			}
		default:
			return
		}
	}
}

// bandsLine summarises the bands for the status line, with the
// catalogue's labels of the Monte Carlo figures (kpi.Bands), with "-" for
// the "–" the font lacks: "200 trials: CLV 5-95% 582.2 CNY to 1,122 CNY;
// …; P(payback within horizon) 100.0%".
func (a *App) bandsLine(b *uncertainty.Bands) string {
	s := a.p.Scenario()
	money := func(v float64) string { return chart.Human(v, a.lang) + " " + s.Currency }
	pct := func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }
	parts := []string{
		fmt.Sprintf(a.t("band range"), kpi.CLVRange.Label(a.lang), money(b.CLV.P5), money(b.CLV.P95)),
		fmt.Sprintf(a.t("band range"), kpi.CustomerEquityRange.Label(a.lang), money(b.CustomerEquity.P5), money(b.CustomerEquity.P95)),
		fmt.Sprintf(a.t("band share"), kpi.NegativeEquity.Label(a.lang), pct(b.NegativeEquity)),
	}
	if b.Payback.Defined {
		parts = append(parts, fmt.Sprintf(a.t("band share"), kpi.PaybackWithinHorizon.Label(a.lang), pct(b.Payback.Value)))
	}
	return chart.Printable(fmt.Sprintf(a.t("trials run"), b.Trials) + strings.Join(parts, a.t("band separator")))
}
