package fitted

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"

	"clvlab/internal/fit"
	"clvlab/internal/records"
)

// Data is a data file fitted and turned into a scenario in one go, as the
// planner does with a file dropped on it: the data's summary, the fits,
// the tracking numbers and the scenario.
type Data struct {
	// Kind is "transactions" (a log) or "summary" (a per-customer summary).
	Kind    string
	Summary records.Summary
	// Purchases is the chosen purchase model's fit (by BIC, of BG/NBD and
	// Pareto/NBD), Why says why; Spend is the Gamma-Gamma fit (Model ""
	// when the data have no amounts).
	Purchases, Spend fit.Result
	Why              string
	// Tracking is the chosen model's expected repeat purchases per period
	// since the first purchase, aligned with Summary.Repeat (nil for a
	// summary file).
	Tracking []float64
	// CLV is a new customer's CLV by the model over the scenario's horizon
	// (NaN without amounts).
	CLV      float64
	Scenario *Scenario
}

// FitData reads src (a transaction log or a per-customer summary, CSV or
// other delimited text, told by its header), summarises it in weeks with
// the whole log as calibration, fits BG/NBD, Pareto/NBD and (with amounts)
// Gamma-Gamma, chooses the purchase model by BIC and builds its scenario.
// name is the file's name, for messages and the scenario's comments. A
// file that is neither gets an error that names the command that reads
// it with its columns given.
func FitData(name string, src []byte, terms Terms) (*Data, error) {
	d := &Data{}
	var err error
	if looksLikeSummary(src) {
		d.Kind = "summary"
		d.Summary, err = records.SummaryFrom(bytes.NewReader(src), name, records.SummaryOptions{Unit: records.Week})
	} else {
		d.Kind = "transactions"
		d.Summary, err = records.SummariseLog(bytes.NewReader(src), records.LogOptions{Unit: records.Week, Name: name})
	}
	if err != nil {
		return nil, fmt.Errorf("%w\n(to give the columns yourself: clvlab fit %s %s -customer … -date … -amount … -scenario %s.toml)", err, d.Kind, name, dataName(name))
	}
	cs := d.Summary.Customers
	var cands []fit.Candidate
	var models []fit.Purchases
	var fails []string
	if m, r, err := fit.FitBGNBD(cs); err == nil {
		cands, models = append(cands, fit.Candidate{Result: r}), append(models, m)
	} else {
		fails = append(fails, err.Error())
	}
	if m, r, err := fit.FitParetoNBD(cs); err == nil {
		cands, models = append(cands, fit.Candidate{Result: r}), append(models, m)
	} else {
		fails = append(fails, err.Error())
	}
	if len(cands) == 0 {
		return nil, fmt.Errorf("%s: neither BG/NBD nor Pareto/NBD could be fitted: %s", name, strings.Join(fails, "; "))
	}
	i, why := fit.Choose(cands)
	d.Purchases, d.Why = cands[i].Result, why
	m := models[i]
	var spend Spend
	if hasAmounts(cs) {
		if gg, r, err := fit.FitGammaGamma(cs); err == nil {
			spend, d.Spend = gg, r
		}
	}
	if d.Summary.Repeat != nil {
		d.Tracking = fit.Tracking(m, &d.Summary)
	}
	src2 := Source{Data: name, Kind: d.Kind, Start: d.Summary.Start, End: d.Summary.CalibrationEnd, Unit: records.Week}
	d.Scenario, err = Purchases(src2, m, d.Purchases, spend, d.Spend, cs, terms)
	if err != nil {
		return nil, err
	}
	d.CLV = math.NaN()
	if spend != nil {
		h := terms.horizon(records.Week)
		curve := make([]float64, h)
		for t := range curve {
			curve[t] = m.ExpectedPurchases(float64(t + 1))
		}
		d.CLV = fit.CurveCLV(curve, spend.MeanSpend(), fit.CLVOptions{Margin: terms.margin(), Rate: fit.PeriodRate(terms.DiscountRate, records.Week), Horizon: h})
	}
	return d, nil
}

// looksLikeSummary reports whether src's header names a summary's
// columns: frequency (x) and T.
func looksLikeSummary(src []byte) bool {
	line, _, _ := bytes.Cut(src, []byte("\n"))
	fields := strings.FieldsFunc(strings.ToLower(string(line)), func(r rune) bool {
		return r == ',' || r == ';' || r == '\t' || r == ' ' || r == '"' || r == '\r'
	})
	has := func(names ...string) bool {
		for _, f := range fields {
			for _, n := range names {
				if f == n {
					return true
				}
			}
		}
		return false
	}
	return has("frequency", "x", "frequency_cal") && has("t", "periods", "t_cal")
}

func hasAmounts(cs []records.Customer) bool {
	for _, c := range cs {
		if c.Frequency > 0 && c.Monetary > 0 {
			return true
		}
	}
	return false
}

// ErrTooLarge is the error of a file too large to fit where it was
// dropped.
var ErrTooLarge = errors.New("too large")

// TooLarge is the message for a data file of size bytes dropped where at
// most limit bytes are read: it names the command that fits it instead.
func TooLarge(name string, size, limit int64) error {
	return fmt.Errorf("%s is %.0f MB, more than the %.0f MB the browser fits (%w): run clvlab fit transactions %s -scenario %s.toml on your machine, then drop %s.toml here",
		name, float64(size)/1e6, float64(limit)/1e6, ErrTooLarge, name, dataName(name), dataName(name))
}
