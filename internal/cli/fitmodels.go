package cli

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"clvlab/internal/chart/chartfile"
	"clvlab/internal/fit"
	"clvlab/internal/records"
	"clvlab/internal/report"
)

// modelKeys are the models -models names, in the order they are fitted.
var modelKeys = []string{"bgnbd", "paretonbd", "bgbb", "gammagamma", "sbg"}

func knownModel(k string) bool { return slices.Contains(modelKeys, k) }

func isPurchaseModel(k string) bool { return k == "bgnbd" || k == "paretonbd" || k == "bgbb" }

// spendModel is a fitted spend model: a customer's expected average spend
// per purchase given its history.
type spendModel interface {
	ConditionalSpend(c records.Customer) float64
}

// cohortModel is a fitted contractual model of a cohort table.
type cohortModel interface {
	Survival(t int) float64
	Retention(t int) float64
	DEL(d float64) float64
	DERL(d float64, n int) float64
}

// The fitters of package fit, by model key. A model missing here is not
// in this build; -models says so.
var (
	purchaseFitters = map[string]func([]records.Customer) (fit.Purchases, fit.Result, error){
		fit.KeyBGNBD: func(cs []records.Customer) (fit.Purchases, fit.Result, error) {
			m, r, err := fit.FitBGNBD(cs)
			return m, r, err
		},
		fit.KeyParetoNBD: func(cs []records.Customer) (fit.Purchases, fit.Result, error) {
			m, r, err := fit.FitParetoNBD(cs)
			return m, r, err
		},
		fit.KeyBGBB: func(cs []records.Customer) (fit.Purchases, fit.Result, error) {
			m, r, err := fit.FitBGBB(cs)
			return m, r, err
		},
	}
	spendFitter = func(cs []records.Customer) (spendModel, float64, fit.Result, error) {
		m, r, err := fit.FitGammaGamma(cs)
		return m, m.MeanSpend(), r, err
	}
	cohortFitter = func(c records.Cohorts) (cohortModel, fit.Result, error) {
		m, r, err := fit.FitSBG(c)
		return m, r, err
	}
)

// available reports whether model k is in this build.
func available(k string) bool {
	return purchaseFitters[k] != nil || (k == "gammagamma" && spendFitter != nil) || (k == "sbg" && cohortFitter != nil)
}

// fitInput is the data read for a fit.
type fitInput struct {
	summary *records.Summary
	cohorts *records.Cohorts
}

// readFitInput reads file as the kind of input asked for.
func readFitInput(kind, file string, opt *fitOptions, bar *progress) (*fitInput, error) {
	switch kind {
	case "transactions":
		lo := opt.log
		lo.Progress = progressAs(bar, opt.command, file)
		s, err := records.ReadLog(file, lo)
		if err != nil {
			return nil, err
		}
		return &fitInput{summary: &s}, nil
	case "summary":
		s, err := records.ReadSummary(file, opt.summary)
		if err != nil {
			return nil, err
		}
		return &fitInput{summary: &s}, nil
	}
	c, err := records.ReadCohorts(file, opt.unit)
	if err != nil {
		return nil, err
	}
	if c, err = chooseCohorts(c, opt.cohorts); err != nil {
		return nil, err
	}
	return &fitInput{cohorts: &c}, nil
}

// unsuitedError is a model asked for that does not suit the input: a
// usage error.
type unsuitedError struct{ msg string }

func (e *unsuitedError) Error() string { return e.msg }

// discrete reports whether a summary counts whole periods with the same
// number of opportunities T for every customer, as BG/BB's data do (one
// cohort, observed for n periods).
func discrete(cs []records.Customer) bool {
	if len(cs) == 0 {
		return false
	}
	for _, c := range cs {
		if c.Frequency != math.Trunc(c.Frequency) || c.Recency != math.Trunc(c.Recency) || c.T != cs[0].T ||
			c.T != math.Trunc(c.T) || c.Frequency > c.T || c.Recency > c.T {
			return false
		}
	}
	return true
}

// hasAmounts reports whether some repeat buyer has a positive mean spend.
func hasAmounts(cs []records.Customer) bool {
	for _, c := range cs {
		if c.Frequency > 0 && c.Monetary > 0 {
			return true
		}
	}
	return false
}

// chooseModels returns the models to fit: those asked for, each checked
// against the input, or every model that suits it.
func chooseModels(in *fitInput, opt *fitOptions) ([]string, error) {
	if in.cohorts != nil {
		for _, m := range opt.models {
			if m != "sbg" {
				return nil, &unsuitedError{fmt.Sprintf("-models %s: %s models a customer's purchases; a cohort table suits sbg only", m, report.ModelName(m))}
			}
		}
		return []string{"sbg"}, nil
	}
	cs := in.summary.Customers
	isDiscrete, amounts := discrete(cs), hasAmounts(cs)
	if opt.models == nil {
		var out []string
		// A transaction log is in continuous time even when every first
		// purchase fell on one day: BG/BB is offered by default for a
		// summary only (-models bgbb asks for it on a log).
		if isDiscrete && opt.kind == "summary" {
			out = append(out, "bgbb")
		} else {
			out = append(out, "bgnbd", "paretonbd")
		}
		if amounts {
			out = append(out, "gammagamma")
		}
		suited := strings.Join(out, ", ")
		out = slices.DeleteFunc(out, func(k string) bool { return !available(k) })
		if len(out) == 0 || (len(out) == 1 && out[0] == "gammagamma") {
			return nil, &unsuitedError{fmt.Sprintf("the models that suit these data (%s) are not in this build of clvlab", suited)}
		}
		return out, nil
	}
	var out []string
	for _, k := range modelKeys {
		if !slices.Contains(opt.models, k) {
			continue
		}
		switch {
		case k == "sbg":
			return nil, &unsuitedError{fmt.Sprintf("-models sbg: sBG fits a cohort retention table (clvlab fit cohorts FILE); a %s suits bgnbd, paretonbd and gammagamma", kindName(opt.kind))}
		case k == "bgbb" && !isDiscrete:
			return nil, &unsuitedError{"-models bgbb: BG/BB needs whole periods (transaction opportunities) with the same T for every customer, as in a summary of one cohort; these data are in continuous time: use bgnbd or paretonbd"}
		case k == "gammagamma" && !amounts:
			return nil, &unsuitedError{"-models gammagamma: no repeat buyer has a positive amount, so there is no spend to fit; give the log's amount column (-amount) or a summary with monetary_value"}
		}
		out = append(out, k)
	}
	return out, nil
}

// wholePeriods sets the prediction and CLV horizons a summary read
// without -period left open: for a summary in whole periods (transaction
// opportunities of unknown length, periods true) as many periods as the
// data observe (n, the common T), else three years of weeks.
func wholePeriods(opt *fitOptions, in *fitInput, periods bool) {
	for _, n := range []*int{&opt.predict, &opt.horizon} {
		if *n > 0 {
			continue
		}
		*n = fit.ThreeYears(opt.unit)
		if periods {
			*n = max(1, int(in.summary.Customers[0].T))
		}
	}
}

func kindName(kind string) string {
	if kind == "transactions" {
		return "transaction log"
	}
	return kind
}

// fitAll fits the models to the input, checks them against the holdout,
// chooses one and predicts with it.
func fitAll(in *fitInput, opt *fitOptions, bar *progress) (*report.Fit, error) {
	keys, err := chooseModels(in, opt)
	if err != nil {
		return nil, err
	}
	for _, k := range keys {
		if !available(k) {
			return nil, &unsuitedError{fmt.Sprintf("%s is not in this build of clvlab", report.ModelName(k))}
		}
	}
	if opt.model != "" && !slices.Contains(keys, opt.model) {
		return nil, &unsuitedError{fmt.Sprintf("-model %s: it is not among the models fitted (%s)", opt.model, strings.Join(keys, ", "))}
	}
	periods := in.summary != nil && opt.period == "" && opt.kind == "summary" && discrete(in.summary.Customers)
	wholePeriods(opt, in, periods)
	res := &report.Fit{Kind: opt.kind, Unit: opt.unit, Summary: in.summary, Cohorts: in.cohorts, Predict: opt.predict, Horizon: opt.horizon,
		DiscountRate: opt.rate, PeriodRate: fit.PeriodRate(opt.rate, opt.unit), Margin: opt.margin, MeanSpend: math.NaN(), Lang: opt.lang}
	for _, f := range opt.formats {
		res.Formats = append(res.Formats, chartfile.Format(f))
	}
	if periods {
		res.UnitName, res.PeriodRate = "period", opt.rate
	}
	if in.cohorts != nil {
		return res, fitCohorts(res, in.cohorts, bar)
	}
	s := in.summary
	if len(s.Customers) == 0 {
		return nil, fmt.Errorf("no customers to fit")
	}
	var candidates []fit.Candidate
	var spend spendModel
	models := map[string]fit.Purchases{}
	for _, k := range keys {
		bar.show("%s: fitting %s to %s customers", opt.command, report.ModelName(k), fmt.Sprint(len(s.Customers)))
		if k == "gammagamma" {
			sm, mean, r, err := spendFitter(s.Customers)
			if err != nil && opt.models == nil {
				res.Failed = failed(res.Failed, k, err)
				continue
			}
			if err != nil {
				return nil, fitFailed(k, err)
			}
			res.Models = append(res.Models, report.FitModel{Result: r})
			res.SpendModel, res.MeanSpend = k, mean
			if len(res.Formats) > 0 {
				res.Spend = spendCurve(r, s.Customers)
			}
			spend = sm
			continue
		}
		m, r, err := purchaseFitters[k](s.Customers)
		if err != nil && opt.models == nil && len(keys) > 1 {
			// Of the models chosen for the input, the others may do.
			res.Failed = failed(res.Failed, k, err)
			continue
		}
		if err != nil {
			return nil, fitFailed(k, err)
		}
		fm := report.FitModel{Result: r, Tracking: fit.Tracking(m, s)}
		if s.Holdout > 0 {
			v := fit.Validate(m, s)
			fm.Validation = &v
		}
		res.Models = append(res.Models, fm)
		models[k] = m
		candidates = append(candidates, fit.Candidate{Result: r, Validation: fm.Validation})
	}
	if len(candidates) == 0 {
		var msgs []string
		for _, k := range keys {
			if msg, ok := res.Failed[k]; ok && isPurchaseModel(k) {
				msgs = append(msgs, report.ModelName(k)+": "+msg)
			}
		}
		return nil, fmt.Errorf("no purchase model could be fitted: %s", strings.Join(msgs, "; "))
	}
	if opt.model != "" && models[opt.model] == nil {
		// -model names a model chosen for the input that failed while the
		// others fitted.
		return nil, fmt.Errorf("-model %s: %s could not be fitted: %s", opt.model, report.ModelName(opt.model), res.Failed[opt.model])
	}
	i, why := fit.Choose(candidates)
	res.Chosen, res.Why = candidates[i].Result.Model, why
	if opt.model != "" && opt.model != res.Chosen {
		res.Why = fmt.Sprintf("-model %s overrides the choice (%s would be chosen: %s)", opt.model, report.ModelName(res.Chosen), why)
		res.Chosen = opt.model
	}
	bar.show("%s: predicting with %s", opt.command, report.ModelName(res.Chosen))
	predict(res, models[res.Chosen], spend)
	return res, nil
}
