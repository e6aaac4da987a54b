package report

import (
	"bytes"
	"encoding/json"
	"html"
	"math"
	"strings"
	"testing"
	"time"

	"clvlab/internal/chart/chartfile"
	"clvlab/internal/fit"
	"clvlab/internal/records"
)

// handFit is a fit made by hand: two customers over 10 weeks and a
// holdout of 2, one model with standard errors and one without.
func handFit(lang string) *Fit {
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	s := &records.Summary{Unit: records.Week, Start: start, CalibrationEnd: start.AddDate(0, 0, 70), HoldoutEnd: start.AddDate(0, 0, 84),
		Holdout: 2, Repeat: []float64{0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 0}, Rows: 6, Purchases: 6,
		Customers: []records.Customer{
			{ID: "a", Frequency: 0, T: 10, HoldoutFrequency: 0},
			{ID: "b", Frequency: 2, Recency: 4, T: 9, Monetary: 12.5, HoldoutFrequency: 1, HoldoutMonetary: 7},
		}}
	pr := func(name string, v, se float64) fit.Param { return fit.Param{Name: name, Value: v, SE: se} }
	bg := fit.Result{Model: "bgnbd", Params: []fit.Param{pr("r", 0.25, 0.01), pr("alpha", 4.4, 0.4), pr("a", 0.8, 0.2), pr("b", 2.4, 0.7)},
		LogLikelihood: -12.5, Observations: 2, AIC: 33, BIC: 30.7, Iterations: 40, Converged: true, Status: "GradientThreshold"}
	pn := fit.Result{Model: "paretonbd", Params: []fit.Param{pr("r", 0.5, math.NaN()), pr("alpha", 10, math.NaN()), pr("s", 0.6, math.NaN()), pr("beta", 11, math.NaN())},
		LogLikelihood: -12.6, Observations: 2, AIC: 33.2, BIC: 30.9, Iterations: 55, Converged: true, Status: "FunctionConvergence",
		SENote: "the observed information is singular (not positive definite) at the estimate: standard errors are not given"}
	v := fit.Validation{Actual: 1, Expected: 1.2, Error: 0.2, BinMAE: 0.1}
	v.Bins[0] = fit.Bin{Customers: 1, Actual: 0, Expected: 0.1}
	v.Bins[2] = fit.Bin{Customers: 1, Actual: 1, Expected: 1.1}
	return &Fit{Kind: "transactions", File: "log.csv", Name: "log", Unit: records.Week, Summary: s,
		Models: []FitModel{{Result: bg, Validation: &v, Tracking: make([]float64, 12)}, {Result: pn, Validation: &v}},
		Chosen: "bgnbd", Why: "bgnbd predicts the cumulative holdout purchases best", SpendModel: "",
		Customers: []Prediction{{1, 0.3, math.NaN(), math.NaN()}, {0.7, 2.1, math.NaN(), math.NaN()}},
		Predict:   157, Horizon: 157, DiscountRate: 0.1, PeriodRate: fit.PeriodRate(0.1, records.Week), Margin: 1,
		Population: []float64{0.1, 0.2}, MeanSpend: math.NaN(), Lang: lang, Formats: []chartfile.Format{chartfile.PNG}}
}

func written(t *testing.T, f *Fit, name string) string {
	t.Helper()
	for _, file := range FitFiles(f) {
		if file.Name == name {
			var b bytes.Buffer
			if err := file.Write(&b); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
	}
	t.Fatalf("%s is not written", name)
	return ""
}

// TestFitJSON: fit.json is {"unit", "models": {key: {"params", "log_likelihood",
// "se", "aic", "bic", "iterations", "converged", "status"}}, "chosen",
// "why"} as the issue shows it, parameters in the literature's order,
// se null (with its note) when not given, and nothing NaN.
func TestFitJSON(t *testing.T) {
	text := written(t, handFit("en"), "fit.json")
	var doc map[string]any
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatalf("%v\n%s", err, text)
	}
	if doc["unit"] != "week" || doc["chosen"] != "bgnbd" || doc["why"] == "" {
		t.Errorf("unit %v, chosen %v, why %v", doc["unit"], doc["chosen"], doc["why"])
	}
	models := doc["models"].(map[string]any)
	bg := models["bgnbd"].(map[string]any)
	for _, key := range []string{"params", "log_likelihood", "se", "aic", "bic", "iterations", "converged", "status", "holdout"} {
		if _, ok := bg[key]; !ok {
			t.Errorf("bgnbd lacks %q", key)
		}
	}
	if bg["log_likelihood"] != -12.5 || bg["params"].(map[string]any)["alpha"] != 4.4 || bg["se"].(map[string]any)["b"] != 0.7 {
		t.Errorf("bgnbd = %v", bg)
	}
	if !strings.Contains(text, `"r": 0.25,`+"\n"+`        "alpha": 4.4,`) {
		t.Errorf("parameters not in the literature's order:\n%s", text)
	}
	pn := models["paretonbd"].(map[string]any)
	if pn["se"] != nil || !strings.Contains(pn["se_note"].(string), "singular") {
		t.Errorf("paretonbd se %v, note %v", pn["se"], pn["se_note"])
	}
	if strings.Index(text, `"bgnbd"`) > strings.Index(text, `"paretonbd"`) {
		t.Error("models not in the order fitted")
	}
	pred := doc["predictions"].(map[string]any)
	if pred["model"] != "bgnbd" || pred["predict"] != 157.0 || pred["cash_timing"] != "end" {
		t.Errorf("predictions %v", pred)
	}
	if doc["population"].(map[string]any)["mean_spend"] != nil {
		t.Error("mean spend without a spend model")
	}
}

// TestFitCSV: every CSV says its unit; missing values are empty cells
// (but in summary.csv, which reads back as the summary);
// holdout.csv has one row per model and bin.
func TestFitCSV(t *testing.T) {
	f := handFit("en")
	customers := written(t, f, "customers.csv")
	want := "customer,frequency,recency,T,monetary_value,p_alive,expected_purchases,expected_spend,clv,unit\n" +
		"a,0,0,10,,1,0.3,,,week\n" +
		"b,2,4,9,12.5,0.7,2.1,,,week\n"
	if customers != want {
		t.Errorf("customers.csv:\n%s\nwant:\n%s", customers, want)
	}
	summary := written(t, f, "summary.csv")
	// The names and numbers `clvlab fit summary` reads: 0 for no spend
	// (docs/data.md), the holdout's length on every row.
	if !strings.HasPrefix(summary, "customer,frequency,recency,T,monetary_value,frequency_holdout,monetary_value_holdout,duration_holdout,unit\na,0,0,10,0,0,0,2,week\nb,2,4,9,12.5,1,7,2,week\n") {
		t.Errorf("summary.csv:\n%s", summary)
	}
	holdout := written(t, f, "holdout.csv")
	if lines := strings.Count(holdout, "\n"); lines != 1+2*fit.Bins {
		t.Errorf("holdout.csv has %d lines, want a header and %d", lines, 2*fit.Bins)
	}
	if !strings.Contains(holdout, "bgnbd,7+,0,,,2,week\n") || !strings.Contains(holdout, "bgnbd,2,1,1,1.1,2,week\n") {
		t.Errorf("holdout.csv:\n%s", holdout)
	}
	tracking := written(t, f, "tracking.csv")
	if !strings.Contains(tracking, "bgnbd,11,true,1,0,4,0,week\n") || strings.Contains(tracking, "paretonbd") {
		t.Errorf("tracking.csv:\n%s", tracking)
	}
}

// TestFitHTML: the page, in each language, names the unit, the models,
// the choice and the charts.
func TestFitHTML(t *testing.T) {
	for lang, wants := range map[string][]string{
		"en": {`lang="en"`, "Fit: log", "unit: week", "calibration 2020-01-01 to 2020-03-11 (10 weeks)", "holdout to 2020-03-25 (2 weeks)",
			"Chosen: BG/NBD. bgnbd predicts", "r = 0.25 (0.01)", "s = 0.6<br>beta = 11", "+20.0%", `src="tracking.png"`, `src="holdout-by-frequency.png"`, "157 weeks"},
		"zh": {`lang="zh"`, "拟合：log", "时间单位：周", "校准期 2020-01-01 至 2020-03-11（10 周）", "选用：BG/NBD。其验证期累计购买的预测最接近实际：误差 +20.0%",
			"参数（标准误）", "157 周"},
	} {
		page := html.UnescapeString(written(t, handFit(lang), HTMLFile))
		for _, w := range wants {
			if !strings.Contains(page, w) {
				t.Errorf("%s page lacks %q", lang, w)
			}
		}
	}
}

// TestFitTable: the terminal table has a row per model and the choice.
func TestFitTable(t *testing.T) {
	var b bytes.Buffer
	if err := WriteFitTable(&b, handFit("en")); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"log.csv: 2 customers · unit: week", "BG/NBD", "Pareto/NBD", "chosen: BG/NBD: bgnbd predicts", "Pareto/NBD: the observed information is singular"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("table lacks %q:\n%s", w, b.String())
		}
	}
}

// TestFitTableLayout: no line of the terminal table ends in a space (the
// last column is not padded), and the numbers of a row are written the
// same way: one decimal, thousands grouped, a whole number keeping its
// ".0" (the CDNOW fit's AIC 19,198.0 beside BG/NBD's 19,172.9); the key
// stays in fit.json's "chosen".
func TestFitTableLayout(t *testing.T) {
	f := handFit("en")
	f.Models[0].Result.LogLikelihood, f.Models[0].Result.AIC, f.Models[0].Result.BIC = -9582.43, 19172.86, 19195.94
	f.Models[1].Result.LogLikelihood, f.Models[1].Result.AIC, f.Models[1].Result.BIC = -9595, 19198, 19221
	var b bytes.Buffer
	if err := WriteFitTable(&b, f); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(b.String(), "\n") {
		if strings.TrimRight(line, " \t") != line {
			t.Errorf("line %d ends in blanks: %q", i+1, line)
		}
	}
	for _, w := range []string{"-9,582.4 ", "19,172.9  19,195.9", "-9,595.0 ", "19,198.0  19,221.0", "chosen: BG/NBD: "} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("table lacks %q:\n%s", w, b.String())
		}
	}
	if text := written(t, f, "fit.json"); !strings.Contains(text, `"chosen": "bgnbd"`) {
		t.Errorf("fit.json does not name the chosen model by its key:\n%s", text)
	}
}

// TestFitFailedModel: a model that suits the input but could not be
// fitted is named, with why, in fit.json, on the page and in the table.
func TestFitFailedModel(t *testing.T) {
	f := handFit("en")
	f.Failed = map[string]string{"paretonbd": "paretonbd: the fit did not converge; try -period month"}
	if text := written(t, f, "fit.json"); !strings.Contains(text, `"failed": {`+"\n"+`    "paretonbd": "paretonbd: the fit did not converge; try -period month"`) {
		t.Errorf("fit.json:\n%s", text)
	}
	if page := written(t, f, HTMLFile); !strings.Contains(page, "Pareto/NBD could not be fitted: paretonbd: the fit did not converge; try -period month") {
		t.Error("the page does not say which model failed")
	}
	var b bytes.Buffer
	WriteFitTable(&b, f)
	if !strings.Contains(b.String(), "Pareto/NBD could not be fitted: ") {
		t.Errorf("table:\n%s", b.String())
	}
}

// TestFitNoSpendSaysEmpty: without amounts the page does not promise a
// CLV: it says that expected_spend and clv are empty, in both languages.
func TestFitNoSpendSaysEmpty(t *testing.T) {
	for lang, want := range map[string]string{"en": "so expected_spend and clv are empty", "zh": "expected_spend 与 clv 为空"} {
		if page := written(t, handFit(lang), HTMLFile); !strings.Contains(page, want) {
			t.Errorf("%s page lacks %q", lang, want)
		}
	}
}
