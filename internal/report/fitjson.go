package report

import (
	"bytes"
	"encoding/json"
	"io"

	"clvlab/internal/fit"
)

// ordered is a JSON object whose keys keep their order (parameters in the
// literature's order, models in the order fitted).
type ordered []struct {
	key   string
	value any
}

func (o *ordered) add(key string, value any) {
	*o = append(*o, struct {
		key   string
		value any
	}{key, value})
}

func (o ordered) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(kv.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(kv.value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

type binJSON struct {
	Frequency string  `json:"frequency"`
	Customers float64 `json:"customers"`
	Actual    any     `json:"actual"`
	Expected  any     `json:"expected"`
}

type holdoutJSON struct {
	Actual   float64   `json:"actual"`
	Expected float64   `json:"expected"`
	Error    any       `json:"error"`
	BinMAE   float64   `json:"bin_mae"`
	Bins     []binJSON `json:"bins"`
}

type modelJSON struct {
	Name          string       `json:"name"`
	Params        ordered      `json:"params"`
	LogLikelihood float64      `json:"log_likelihood"`
	SE            *ordered     `json:"se"`
	SENote        string       `json:"se_note,omitempty"`
	AIC           float64      `json:"aic"`
	BIC           float64      `json:"bic"`
	Observations  float64      `json:"observations"`
	Iterations    int          `json:"iterations"`
	Converged     bool         `json:"converged"`
	Status        string       `json:"status"`
	Holdout       *holdoutJSON `json:"holdout,omitempty"`
}

// SEMethod says how standard errors are computed, in fit.json and on the
// page.
const SEMethod = "from the observed information: the inverse of the numerical Hessian of the negative log-likelihood at the estimate (central differences in the log parameters); not given when that Hessian is singular"

// Conventions says how a log is summarised, in fit.json and on the page.
const Conventions = "purchases on the same calendar day are one purchase; frequency is the number of repeat purchase days in calibration; recency is the time from the first purchase to the last calibration purchase and T the time from the first purchase to the calibration end, both in the unit, fractional (days / 7 for weeks); monetary_value is the mean value of the repeat purchases (the first excluded)"

func modelDoc(m FitModel) modelJSON {
	r := m.Result
	doc := modelJSON{Name: ModelName(r.Model), LogLikelihood: r.LogLikelihood, SENote: r.SENote, AIC: r.AIC, BIC: r.BIC,
		Observations: r.Observations, Iterations: r.Iterations, Converged: r.Converged, Status: r.Status, Params: ordered{}}
	se := ordered{}
	given := r.SENote == ""
	for _, p := range r.Params {
		doc.Params.add(p.Name, num(p.Value))
		se.add(p.Name, num(p.SE))
		given = given && num(p.SE) != nil
	}
	if given {
		doc.SE = &se
	}
	if v := m.Validation; v != nil {
		h := &holdoutJSON{Actual: v.Actual, Expected: v.Expected, Error: num(v.Error), BinMAE: v.BinMAE}
		for i, b := range v.Bins {
			bj := binJSON{Frequency: fit.BinLabel(i), Customers: b.Customers}
			if b.Customers > 0 {
				bj.Actual, bj.Expected = b.Actual, b.Expected
			}
			h.Bins = append(h.Bins, bj)
		}
		doc.Holdout = h
	}
	return doc
}

type dataJSON struct {
	Kind           string  `json:"kind"`
	File           string  `json:"file"`
	Customers      float64 `json:"customers"`
	Rows           int     `json:"rows,omitempty"`
	Purchases      int     `json:"purchases,omitempty"`
	Excluded       int     `json:"excluded_customers,omitempty"`
	Start          string  `json:"start,omitempty"`
	CalibrationEnd string  `json:"calibration_end,omitempty"`
	HoldoutEnd     string  `json:"holdout_end,omitempty"`
	Holdout        float64 `json:"holdout"`
	Cohorts        int     `json:"cohorts,omitempty"`
}

type predictionsJSON struct {
	Model        string  `json:"model"`
	SpendModel   string  `json:"spend_model"`
	File         string  `json:"file"`
	Predict      int     `json:"predict"`
	Horizon      int     `json:"horizon"`
	DiscountRate float64 `json:"discount_rate"`
	PeriodRate   float64 `json:"period_rate"`
	Margin       float64 `json:"margin"`
	CashTiming   string  `json:"cash_timing"`
	CLV          string  `json:"clv"`
}

type populationJSON struct {
	// ExpectedPurchases[t-1] is E[X(t)] of a new customer.
	ExpectedPurchases []float64 `json:"expected_purchases"`
	MeanSpend         any       `json:"mean_spend"`
}

type cohortsJSON struct {
	Survival     []float64 `json:"survival"`
	Retention    []float64 `json:"retention"`
	Observed     int       `json:"observed_periods"`
	DiscountRate float64   `json:"discount_rate"`
	PeriodRate   float64   `json:"period_rate"`
	DEL          any       `json:"del"`
	DERL         []any     `json:"derl"`
	Note         string    `json:"note"`
}

// customers returns the number of customers the summary stands for.
func (f *Fit) customers() float64 {
	n := 0.0
	if f.Summary != nil {
		for _, c := range f.Summary.Customers {
			n += c.Count()
		}
	}
	if f.Cohorts != nil {
		for _, c := range f.Cohorts.Cohorts {
			if len(c.Active) > 0 {
				n += c.Active[0]
			}
		}
	}
	return n
}

func writeFitJSON(w io.Writer, f *Fit) error {
	models := ordered{}
	for _, m := range f.Models {
		models.add(m.Result.Model, modelDoc(m))
	}
	data := dataJSON{Kind: f.Kind, File: f.File, Customers: f.customers()}
	if s := f.Summary; s != nil {
		data.Rows, data.Purchases, data.Excluded = s.Rows, s.Purchases, s.Excluded
		data.Start, data.CalibrationEnd, data.HoldoutEnd = date(s.Start), date(s.CalibrationEnd), date(s.HoldoutEnd)
		data.Holdout = s.Holdout
	}
	if f.Cohorts != nil {
		data.Cohorts = len(f.Cohorts.Cohorts)
	}
	doc := struct {
		Unit        string            `json:"unit"`
		Data        dataJSON          `json:"data"`
		Conventions string            `json:"conventions,omitempty"`
		SEMethod    string            `json:"se_method"`
		Models      ordered           `json:"models"`
		Failed      map[string]string `json:"failed,omitempty"`
		Chosen      string            `json:"chosen"`
		Why         string            `json:"why"`
		Predictions *predictionsJSON  `json:"predictions,omitempty"`
		Population  *populationJSON   `json:"population,omitempty"`
		Cohorts     *cohortsJSON      `json:"cohorts,omitempty"`
	}{Unit: f.unitName(), Data: data, SEMethod: SEMethod, Models: models, Failed: f.Failed, Chosen: f.Chosen, Why: f.Why}
	if f.Kind == "transactions" {
		doc.Conventions = Conventions
	}
	if f.Summary != nil && f.Chosen != "" {
		clv := "margin × expected spend × expected purchases in each period, discounted at period_rate with cash at the end of each period, over horizon periods"
		if f.SpendModel == "" {
			clv = "not computed: no spend model (the data have no amounts)"
		}
		doc.Predictions = &predictionsJSON{Model: f.Chosen, SpendModel: f.SpendModel, File: "customers.csv", Predict: f.Predict,
			Horizon: f.Horizon, DiscountRate: f.DiscountRate, PeriodRate: f.PeriodRate, Margin: f.Margin, CashTiming: "end", CLV: clv}
		doc.Population = &populationJSON{ExpectedPurchases: f.Population, MeanSpend: num(f.MeanSpend)}
	}
	if c := f.Cohort; c != nil {
		cj := &cohortsJSON{Survival: c.Survival, Retention: c.Retention, Observed: c.Observed, DiscountRate: f.DiscountRate,
			PeriodRate: f.PeriodRate, DEL: num(c.DEL),
			Note: "survival[t] is the share of a new cohort active after t periods and retention[t] the share of those active after t−1 who renew; del is a new customer's discounted expected lifetime and derl[n] the discounted expected residual lifetime after n renewals, in payments (one a period, the first undiscounted)"}
		for _, d := range c.DERL {
			cj.DERL = append(cj.DERL, num(d))
		}
		doc.Cohorts = cj
	}
	return writeJSONDoc(w, doc)
}
