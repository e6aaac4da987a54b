package app

import (
	"fmt"
	"time"

	"clvlab/internal/chart"
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

// bandsLine summarises the bands for the status line.
func (a *App) bandsLine(b *uncertainty.Bands) string {
	s := a.p.Scenario()
	money := func(v float64) string { return chart.Human(v, a.lang) + " " + s.Currency }
	pct := func(v float64) string { return fmt.Sprintf("%.1f%%", 100*v) }
	if a.lang == "zh" {
		line := fmt.Sprintf("%d 次模拟：客户终生价值 90%% 区间 %s 至 %s；客户资产 90%% 区间 %s 至 %s；客户资产为负的概率 %s",
			b.Trials, money(b.CLV.P5), money(b.CLV.P95), money(b.CustomerEquity.P5), money(b.CustomerEquity.P95), pct(b.NegativeEquity))
		if b.Payback.Defined {
			line += "；期限内回收的概率 " + pct(b.Payback.Value)
		}
		return line
	}
	line := fmt.Sprintf("%d trials: CLV 5-95%% %s to %s; customer equity 5-95%% %s to %s; P(equity < 0) %s",
		b.Trials, money(b.CLV.P5), money(b.CLV.P95), money(b.CustomerEquity.P5), money(b.CustomerEquity.P95), pct(b.NegativeEquity))
	if b.Payback.Defined {
		line += "; P(payback within horizon) " + pct(b.Payback.Value)
	}
	return line
}
