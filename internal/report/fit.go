package report

import (
	"io"
	"math"
	"strconv"
	"time"

	"clvlab/internal/chart/chartfile"
	"clvlab/internal/fit"
	"clvlab/internal/records"
)

// Fit is what `clvlab fit` found, ready to write: the data, each model's
// fit and holdout check, the model chosen and why, and its predictions.
// Numbers that do not exist are NaN (written as null and empty cells).
type Fit struct {
	// Kind is the input's kind: transactions, summary or cohorts.
	Kind string
	File string
	// Name is the data's name on the charts and the page.
	Name string
	Unit records.Unit
	// UnitName, when set, is the unit's name in every output instead of
	// Unit's: "period" for a summary in whole periods (transaction
	// opportunities) read without -period, whose length is not known.
	UnitName string
	// Summary is the per-customer summary (transactions and summary);
	// Cohorts the cohort table (cohorts).
	Summary *records.Summary
	Cohorts *records.Cohorts
	// Models are the fits, in the order fitted.
	Models []FitModel
	// Failed holds, by model key, why a model that suits the input could
	// not be fitted (the others were used).
	Failed map[string]string
	// Chosen is the key of the model whose predictions customers.csv
	// holds, and Why says why it was chosen.
	Chosen, Why string
	// SpendModel is "gammagamma" when expected spend comes from a
	// Gamma-Gamma fit, "" when there is none (no amounts).
	SpendModel string
	// Customers are the chosen model's predictions, one per summary row.
	Customers []Prediction
	// Predict is the number of periods of expected_purchases, Horizon the
	// number of periods of the CLV.
	Predict, Horizon int
	// DiscountRate is the annual rate; PeriodRate the rate per unit.
	DiscountRate, PeriodRate, Margin float64
	// Population is the chosen model's E[X(t)] of a new customer, at
	// t = 1, 2, …, Predict.
	Population []float64
	// MeanSpend is the Gamma-Gamma population mean spend (NaN: none).
	MeanSpend float64
	// PAlive, Spend and Cohort are the numbers of the P(alive) heat map,
	// the spend chart and the survival chart; nil when not drawn.
	PAlive *PAliveGrid
	Spend  *SpendCurve
	Cohort *CohortFit
	// Lang and Formats are the language and formats of the charts and
	// the page.
	Lang    string
	Formats []chartfile.Format
}

// FitModel is one model's fit and, with a holdout, its check.
type FitModel struct {
	Result     fit.Result
	Validation *fit.Validation
	// Tracking is the expected repeat purchases per period, aligned with
	// Summary.Repeat (nil without per-period counts).
	Tracking []float64
}

// Prediction is one customer's (one summary row's) predictions.
type Prediction struct {
	PAlive            float64
	ExpectedPurchases float64 // over Fit.Predict periods
	ExpectedSpend     float64 // per purchase; NaN without a spend model
	CLV               float64 // residual, over Fit.Horizon periods; NaN without a spend model
}

// PAliveGrid is P(alive) over recency and frequency for customers first
// seen T units ago: P[j][i] at Recency[i], Frequency[j].
type PAliveGrid struct {
	Model              string
	T                  float64
	Recency, Frequency []float64
	P                  [][]float64
}

// SpendCurve is the spend density the Gamma-Gamma fit implies for the
// repeat buyers, at X.
type SpendCurve struct{ X, Density []float64 }

// CohortFit is the sBG fit's curves and values.
type CohortFit struct {
	// Survival and Retention are the model's S(t) and r(t), t = 0, 1, …
	// (Retention[0] = 1), past the data.
	Survival, Retention []float64
	// Observed is the longest tenure in the table; ObservedRetention[t]
	// the retention at tenure t pooled over the cohorts (the customers
	// active at t over those active at t−1, in the cohorts observed at t;
	// NaN at 0 and past the data).
	Observed          int
	ObservedRetention []float64
	// DEL is the discounted expected lifetime of a new customer, in
	// payments; DERL[n] the discounted expected residual lifetime after n
	// renewals, n = 0, …, Observed.
	DEL  float64
	DERL []float64
	// Note says why DEL and DERL are not finite numbers ("" when they are).
	Note string
}

// ModelName is a model's name as the literature writes it: BG/NBD,
// Pareto/NBD, BG/BB, sBG, Gamma-Gamma.
func ModelName(key string) string { return fit.Name(key) }

// FitFiles lists what `clvlab fit` writes: fit.json; summary.csv,
// customers.csv, with a holdout holdout.csv, and with per-period counts
// tracking.csv (a summary); cohorts.csv (a cohort table); the charts and
// index.html.
func FitFiles(f *Fit) []File {
	files := []File{{Name: "fit.json", Write: func(w io.Writer) error { return writeFitJSON(w, f) }}}
	if f.Summary != nil {
		files = append(files, File{Name: "summary.csv", Write: func(w io.Writer) error { return writeSummaryCSV(w, f) }})
		if f.Chosen != "" {
			files = append(files, File{Name: "customers.csv", Write: func(w io.Writer) error { return writeCustomersCSV(w, f) }})
		}
		if f.Summary.Holdout > 0 && f.validated() {
			files = append(files, File{Name: "holdout.csv", Write: func(w io.Writer) error { return writeHoldoutCSV(w, f) }})
		}
		if f.tracked() {
			files = append(files, File{Name: "tracking.csv", Write: func(w io.Writer) error { return writeTrackingCSV(w, f) }})
		}
	}
	if f.Cohort != nil {
		files = append(files, File{Name: "cohorts.csv", Write: func(w io.Writer) error { return writeCohortsCSV(w, f) }})
	}
	for _, c := range fitCharts(f) {
		files = append(files, analysisFiles(c.stem, c.analysis, f.Formats)...)
	}
	return append(files, File{Name: HTMLFile, Write: func(w io.Writer) error { return writeFitHTML(w, f) }})
}

// unitName is the unit as every output names it: UnitName, else Unit's
// name (day, week, month, year).
func (f *Fit) unitName() string {
	if f.UnitName != "" {
		return f.UnitName
	}
	return f.Unit.String()
}

// validated reports whether any model has a holdout check.
func (f *Fit) validated() bool {
	for _, m := range f.Models {
		if m.Validation != nil {
			return true
		}
	}
	return false
}

// tracked reports whether any model has a tracking series.
func (f *Fit) tracked() bool {
	if f.Summary == nil || len(f.Summary.Repeat) == 0 {
		return false
	}
	for _, m := range f.Models {
		if len(m.Tracking) == len(f.Summary.Repeat) {
			return true
		}
	}
	return false
}

// model returns the fit of the model key, or nil.
func (f *Fit) model(key string) *FitModel {
	for i := range f.Models {
		if f.Models[i].Result.Model == key {
			return &f.Models[i]
		}
	}
	return nil
}

// num is x for JSON, or nil (null) when x is NaN or infinite.
func num(x float64) any {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return x
}

// cell formats x for CSV, "" when it is NaN.
func cell(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return ""
	}
	return csvFloat(x)
}

// date formats a calendar day, "" when zero.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

func itoa(n int) string { return strconv.Itoa(n) }
