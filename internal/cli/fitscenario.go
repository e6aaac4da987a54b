package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"clvlab/internal/fit"
	"clvlab/internal/fitted"
	"clvlab/internal/report"
)

// fittedScenario builds the scenario of a fit (-scenario): of the chosen
// purchase model (BG/NBD or Pareto/NBD) with its Gamma-Gamma spend, or of
// the sBG of a cohort table, over the fit's horizon, discount rate and
// margin; monthly (-monthly) makes the sBG's monthly with yearly renewals.
func fittedScenario(res *report.Fit, newCustomers float64, monthly bool) (*fitted.Scenario, error) {
	src := fitted.Source{Data: res.File, Kind: res.Kind, Unit: res.Unit}
	terms := fitted.Terms{Horizon: res.Horizon, DiscountRate: res.DiscountRate, Margin: res.Margin, NewCustomers: newCustomers, Existing: true, Monthly: monthly}
	if monthly && res.Cohorts == nil {
		return nil, errors.New("-monthly makes the sBG scenario of a cohort table in years; this is not a cohort table")
	}
	if res.UnitName != "" {
		return nil, fmt.Errorf("the summary is in whole periods of unknown length (%s): give -period so that the scenario's period has a length", res.UnitName)
	}
	model := func(key string) (fit.Result, bool) {
		for _, m := range res.Models {
			if m.Result.Model == key {
				return m.Result, true
			}
		}
		return fit.Result{}, false
	}
	if res.Cohorts != nil {
		r, ok := model(fit.KeySBG)
		if !ok {
			return nil, errors.New("no sBG fit to make a scenario of")
		}
		return fitted.Cohorts(src, fit.SBG{Alpha: r.Value("alpha"), Beta: r.Value("beta")}, r, *res.Cohorts, terms)
	}
	s := res.Summary
	src.Start, src.End = s.Start, s.CalibrationEnd
	r, ok := model(res.Chosen)
	if !ok {
		return nil, fmt.Errorf("no %s fit to make a scenario of", report.ModelName(res.Chosen))
	}
	var m fit.Purchases
	switch res.Chosen {
	case fit.KeyBGNBD:
		m = fit.BGNBD{R: r.Value("r"), Alpha: r.Value("alpha"), A: r.Value("a"), B: r.Value("b")}
	case fit.KeyParetoNBD:
		m = fit.ParetoNBD{R: r.Value("r"), Alpha: r.Value("alpha"), S: r.Value("s"), Beta: r.Value("beta")}
	default:
		return nil, fmt.Errorf("a scenario is made from BG/NBD, Pareto/NBD or sBG; the chosen model is %s: add -model bgnbd or -model paretonbd", report.ModelName(res.Chosen))
	}
	var spend fitted.Spend
	spendRes, ok := model(fit.KeyGammaGamma)
	if ok && res.SpendModel == fit.KeyGammaGamma {
		spend = fit.GammaGamma{P: spendRes.Value("p"), Q: spendRes.Value("q"), Gamma: spendRes.Value("gamma")}
	}
	return fitted.Purchases(src, m, r, spend, spendRes, s.Customers, terms)
}

// writeScenarioFile writes text to name atomically: into a temporary file
// beside it, synced, then renamed over it, so that name is never half
// written.
func writeScenarioFile(name string, text []byte) error {
	if !strings.HasSuffix(strings.ToLower(name), ".toml") {
		return fmt.Errorf("-scenario %s: a scenario file's name ends in .toml", name)
	}
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, ".scenario-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // gone after the rename; cleans up after a failure
	if _, err := tmp.Write(text); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return rename(tmp.Name(), name)
}
