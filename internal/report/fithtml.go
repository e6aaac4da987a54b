package report

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"clvlab/internal/chart/chartfile"
	"clvlab/internal/fit"
	"clvlab/internal/kpi"
	"clvlab/scenarios"
)

// fitText holds the page's texts in English and Chinese.
var fitText = map[string][2]string{
	"title":             {"Fit: %s", "拟合：%s"},
	"customers":         {"%s customers", "%s 位客户"},
	"cohorts":           {"%d cohorts, %s customers", "%d 个批次，%s 位客户"},
	"unit":              {"unit: %s", "时间单位：%s"},
	"calibration":       {"calibration %s to %s (%s)", "校准期 %s 至 %s（%s）"},
	"holdout":           {"holdout to %s (%s)", "验证期至 %s（%s）"},
	"noHoldout":         {"no holdout", "无验证期"},
	"model":             {"model", "模型"},
	"params":            {"parameters (standard error)", "参数（标准误）"},
	"ll":                {"log-likelihood", "对数似然"},
	"iterations":        {"iterations", "迭代次数"},
	"converged":         {"converged", "收敛"},
	"error":             {"holdout error", "验证期误差"},
	"mae":               {"bin MAE", "分组平均绝对误差"},
	"yes":               {"yes", "是"},
	"no":                {"no", "否"},
	"chosen":            {"Chosen: %s. %s", "选用：%s。%s"},
	"predictions":       {"customers.csv holds each customer's P(alive), expected purchases over the next %s, expected spend per purchase (%s) and residual CLV over %s (margin %s, discount rate %s a year = %s a %s, cash at the end of each %s), from %s.", "customers.csv 列出每位客户仍活跃的概率、未来 %s 的预期购买次数、每次购买的预期消费（%s）和 %s 内的剩余 CLV（利润率 %s，年折现率 %s，即每%[8]s %[6]s，现金流在每%[8]s末），模型为 %[9]s。"},
	"predictionsPeriod": {"customers.csv holds each customer's P(alive), expected purchases over the next %s, expected spend per purchase (%s) and residual CLV over %s (margin %s, discount rate %s a period: the period's length is not known, so -discount-rate is taken per period; give -period to convert an annual rate; cash at the end of each period), from %s.", "customers.csv 列出每位客户仍活跃的概率、未来 %s 的预期购买次数、每次购买的预期消费（%s）和 %s 内的剩余 CLV（利润率 %s，每期折现率 %s：期的长度未知，-discount-rate 按每期计；给出 -period 可换算年折现率；现金流在每期末），模型为 %s。"},
	"noSpend":           {"no spend model: the data have no amounts, so expected_spend and clv are empty", "无消费模型：数据中没有金额，expected_spend 与 clv 为空"},
	"population":        {"A new customer is expected to make %s repeat purchases in its first %s (%s).", "一位新客户在最初 %s 内预期重复购买 %s 次（%s）。"},
	"se":                {"Standard errors are %s.", "标准误%s。"},
	"seNote":            {"%s: %s.", "%s：%s。"},
	"failed":            {"%s could not be fitted: %s", "%s 未能拟合：%s"},
	"del":               {"A new customer's discounted expected lifetime (DEL) is %s payments at %s a year; after n renewals the discounted expected residual lifetime (DERL) is: %s.", "按年折现率 %[2]s，新客户的折现预期生命期（DEL）为 %[1]s 次付款；续约 n 次后的折现预期剩余生命期（DERL）为：%[3]s。"},
	"files":             {"Files:", "文件："},
	"conventions":       {"How the log is summarised: %s.", "交易记录的汇总方式：%s。"},
}

// SEMethodZH and ConventionsZH are SEMethod and Conventions in Chinese.
const (
	SEMethodZH    = "由观测信息计算：在估计值处负对数似然的数值海森矩阵（对数参数的中心差分）之逆；海森矩阵奇异时不给出"
	ConventionsZH = "同一天的多次购买算一次；频次为校准期内的重复购买天数；最近购买时间为首次购买到校准期内末次购买的时间，T 为首次购买到校准期结束的时间，均以所选单位计、可为小数（按周时为天数 / 7）；monetary_value 为重复购买（不含首次）的平均金额"
)

// UnitZH is a unit of time (day, week, month, year, period) in Chinese,
// as in 时间单位为月.
func UnitZH(unit string) string {
	if name, ok := scenarios.PeriodNamed(unit); ok {
		return name.One.ZH
	}
	if unit == "period" {
		return "期"
	}
	return ""
}

// SpanZH is n units of time in Chinese: 12 个月, 52 周.
func SpanZH(n int, unit string) string {
	if name, ok := scenarios.PeriodNamed(unit); ok {
		return name.Count(strconv.Itoa(n), "zh")
	}
	return fmt.Sprintf("%d %s", n, UnitZH(unit))
}

// fitRow is a model's row of the page's table: its name, its parameters
// one to a line, and the other cells.
type fitRow struct {
	Model  string
	Params []string
	Cells  []string
}

type fitPage struct {
	Lang, Title, Caption string
	Head                 []string
	Rows                 []fitRow
	Paragraphs           []string
	Charts               []htmlChart
	Files                []string
}

var fitPageTemplate = newPage("fit", `{{define "style"}}table { margin-bottom: 1em; }
td:nth-child(2) { text-align: left; }
th:first-child, td:first-child, td:nth-child(2) { white-space: nowrap; }
{{end}}{{template "head" .}}
<table>
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr><td>{{.Model}}</td><td>{{range $i, $p := .Params}}{{if $i}}<br>{{end}}{{$p}}{{end}}</td>{{range .Cells}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}
{{template "tail" .}}`)

// fitLang returns the index of lang in fitText's pairs.
func fitLang(lang string) int {
	if lang == "zh" {
		return 1
	}
	return 0
}

// tr formats text key in language li.
func tr(li int, key string, args ...any) string {
	return fmt.Sprintf(fitText[key][li], args...)
}

// amount formats a count or a value with grouped digits: 2,357, 1,788.4.
func amount(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	if x == math.Trunc(x) && math.Abs(x) < 1e15 {
		return kpi.Group(strconv.FormatFloat(x, 'f', 0, 64))
	}
	return kpi.Group(strconv.FormatFloat(x, 'f', 1, 64))
}

// tenths formats x to one decimal with grouped digits, the decimal kept
// when it is 0 so that a column's numbers line up: 19,198.0, -9,595.0.
func tenths(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "—"
	}
	return kpi.Group(strconv.FormatFloat(x, 'f', 1, 64))
}

// param formats an estimate to four significant digits.
func param(x float64) string {
	if math.IsNaN(x) {
		return "—"
	}
	if math.IsInf(x, 1) {
		return "∞"
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

// unitsText is "39 weeks" or "39 周".
func unitsText(li int, x float64, unit string) string {
	v := strconv.FormatFloat(math.Round(x*100)/100, 'f', -1, 64)
	if li == 1 {
		if name, ok := scenarios.PeriodNamed(unit); ok {
			return name.Count(v, "zh")
		}
		return v + " " + UnitZH(unit)
	}
	if x == 1 {
		return v + " " + unit
	}
	return v + " " + unit + "s"
}

// caption is the line under the title: the data's size, the unit and the
// periods.
func (f *Fit) caption(li int) string {
	unit := f.unitName()
	unitName := unit
	if li == 1 {
		unitName = UnitZH(unit)
	}
	var parts []string
	if f.Cohorts != nil {
		parts = append(parts, tr(li, "cohorts", len(f.Cohorts.Cohorts), amount(f.customers())))
	} else {
		parts = append(parts, tr(li, "customers", amount(f.customers())))
	}
	parts = append(parts, tr(li, "unit", unitName))
	if s := f.Summary; s != nil && !s.CalibrationEnd.IsZero() {
		parts = append(parts, tr(li, "calibration", date(s.Start), date(s.CalibrationEnd), unitsText(li, s.Unit.Since(s.Start, s.CalibrationEnd), unit)))
	}
	if s := f.Summary; s != nil {
		switch {
		case s.Holdout > 0 && !s.HoldoutEnd.IsZero():
			parts = append(parts, tr(li, "holdout", date(s.HoldoutEnd), unitsText(li, s.Holdout, unit)))
		case s.Holdout > 0:
			parts = append(parts, strings.TrimSuffix(tr(li, "holdout", "", unitsText(li, s.Holdout, unit)), " "))
		default:
			parts = append(parts, tr(li, "noHoldout"))
		}
	}
	return strings.Join(parts, " · ")
}

// modelRows are the models' rows of the page's table and the terminal's.
func (f *Fit) modelRows(li int) (head []string, rows [][]string) {
	head = []string{tr(li, "model"), tr(li, "params"), tr(li, "ll"), "AIC", "BIC", tr(li, "iterations"), tr(li, "converged")}
	validated := f.validated()
	if validated {
		head = append(head, tr(li, "error"), tr(li, "mae"))
	}
	for _, m := range f.Models {
		r := m.Result
		var ps []string
		for _, p := range r.Params {
			ps = append(ps, paramText(p))
		}
		conv := tr(li, "yes")
		if !r.Converged {
			conv = tr(li, "no") + ": " + r.Status
		}
		row := []string{ModelName(r.Model), strings.Join(ps, ", "), tenths(r.LogLikelihood), tenths(r.AIC), tenths(r.BIC), itoa(r.Iterations), conv}
		if validated {
			e, mae := "—", "—"
			if v := m.Validation; v != nil {
				if !math.IsNaN(v.Error) {
					e = fmt.Sprintf("%+.1f%%", 100*v.Error)
				}
				mae = strconv.FormatFloat(v.BinMAE, 'f', 3, 64)
			}
			row = append(row, e, mae)
		}
		rows = append(rows, row)
	}
	return head, rows
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// paramText is "r = 0.2426 (0.01256)": an estimate and its standard
// error, when given.
func paramText(p fit.Param) string {
	s := p.Name + " = " + param(p.Value)
	if !math.IsNaN(p.SE) {
		s += " (" + param(p.SE) + ")"
	}
	return s
}

// whyText says why the chosen model was chosen, in language li.
func (f *Fit) whyText(li int) string {
	if li == 0 || f.Chosen == "" {
		return f.Why
	}
	m := f.model(f.Chosen)
	if m == nil {
		return f.Why
	}
	if f.Kind == "cohorts" {
		return "sBG 是合约情形下批次留存表的模型"
	}
	if len(f.Models) == 1 || (f.Kind != "cohorts" && f.purchaseModels() == 1) {
		return "这是唯一拟合的购买模型"
	}
	if v := m.Validation; v != nil && !math.IsNaN(v.Error) {
		return fmt.Sprintf("其验证期累计购买的预测最接近实际：误差 %+.1f%%（预期 %s，实际 %s）", 100*v.Error, amount(math.Round(v.Expected*10)/10), amount(v.Actual))
	}
	return fmt.Sprintf("无验证期，按 BIC 选择：%s 的 BIC 最低（%s）", ModelName(f.Chosen), amount(math.Round(m.Result.BIC*10)/10))
}

// purchaseModels counts the fitted purchase models.
func (f *Fit) purchaseModels() int {
	n := 0
	for _, m := range f.Models {
		switch m.Result.Model {
		case "bgnbd", "paretonbd", "bgbb":
			n++
		}
	}
	return n
}

// paragraphs are the page's text under the table.
func (f *Fit) paragraphs(li int) []string {
	unit := f.unitName()
	unitName := unit
	if li == 1 {
		unitName = UnitZH(unit)
	}
	var ps []string
	for _, k := range sortedKeys(f.Failed) {
		ps = append(ps, tr(li, "failed", ModelName(k), f.Failed[k]))
	}
	if f.Chosen != "" {
		ps = append(ps, tr(li, "chosen", ModelName(f.Chosen), f.whyText(li)))
	}
	if f.Summary != nil && f.Chosen != "" {
		spend := ModelName(f.SpendModel)
		if f.SpendModel == "" {
			spend = tr(li, "noSpend")
		}
		if f.UnitName == "period" {
			ps = append(ps, tr(li, "predictionsPeriod", unitsText(li, float64(f.Predict), unit), spend, unitsText(li, float64(f.Horizon), unit),
				percent(f.Margin, -1), percent(f.PeriodRate, -1), ModelName(f.Chosen)))
		} else {
			ps = append(ps, tr(li, "predictions", unitsText(li, float64(f.Predict), unit), spend, unitsText(li, float64(f.Horizon), unit),
				percent(f.Margin, -1), percent(f.DiscountRate, -1), percent(f.PeriodRate, -1), unitName, unitName, ModelName(f.Chosen)))
		}
		if n := len(f.Population); n > 0 {
			if li == 1 {
				ps = append(ps, tr(li, "population", unitsText(li, float64(n), unit), param(f.Population[n-1]), ModelName(f.Chosen)))
			} else {
				ps = append(ps, tr(li, "population", param(f.Population[n-1]), unitsText(li, float64(n), unit), ModelName(f.Chosen)))
			}
		}
	}
	if c := f.Cohort; c != nil {
		var derl []string
		for n, d := range c.DERL {
			derl = append(derl, fmt.Sprintf("n=%d: %s", n, param(d)))
		}
		ps = append(ps, tr(li, "del", param(c.DEL), percent(f.DiscountRate, -1), strings.Join(derl, ", ")))
		if c.Note != "" && li == 0 {
			ps = append(ps, c.Note)
		}
	}
	method := SEMethod
	if li == 1 {
		method = SEMethodZH
	}
	ps = append(ps, tr(li, "se", method))
	for _, m := range f.Models {
		if m.Result.SENote != "" {
			ps = append(ps, tr(li, "seNote", ModelName(m.Result.Model), m.Result.SENote))
		}
	}
	if f.Kind == "transactions" {
		conv := Conventions
		if li == 1 {
			conv = ConventionsZH
		}
		ps = append(ps, tr(li, "conventions", conv))
	}
	return ps
}

func writeFitHTML(w io.Writer, f *Fit) error {
	li := fitLang(f.Lang)
	p := fitPage{Lang: []string{"en", "zh"}[li], Title: tr(li, "title", f.Name), Caption: f.caption(li)}
	var rows [][]string
	p.Head, rows = f.modelRows(li)
	for i, r := range rows {
		var params []string
		for _, q := range f.Models[i].Result.Params {
			params = append(params, paramText(q))
		}
		p.Rows = append(p.Rows, fitRow{Model: r[0], Params: params, Cells: r[2:]})
	}
	p.Paragraphs = f.paragraphs(li)
	for _, c := range fitCharts(f) {
		hc := htmlChart{Title: c.title[li]}
		for _, format := range f.Formats {
			name := c.stem + "." + string(format)
			if hc.File == "" && format != chartfile.PDF {
				hc.File = name
			} else {
				hc.Links = append(hc.Links, name)
			}
		}
		p.Charts = append(p.Charts, hc)
	}
	for _, file := range FitFiles(f) {
		if strings.HasSuffix(file.Name, ".json") || strings.HasSuffix(file.Name, ".csv") {
			p.Files = append(p.Files, file.Name)
		}
	}
	return fitPageTemplate.Execute(w, p)
}

// WriteFitTable writes the fit for the terminal: the data, each model's
// parameters and checks, and the choice.
func WriteFitTable(w io.Writer, f *Fit) error {
	fmt.Fprintf(w, "%s: %s\n", f.File, f.caption(0))
	head, rows := f.modelRows(0)
	// The table is aligned in a buffer, and each line written without the
	// padding of its last cell: no line ends in spaces.
	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(head, "\t"))
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for line := range strings.Lines(table.String()) {
		if _, err := fmt.Fprintln(w, strings.TrimRight(line, " \n")); err != nil {
			return err
		}
	}
	for _, m := range f.Models {
		if m.Result.SENote != "" {
			fmt.Fprintf(w, "  %s: %s\n", ModelName(m.Result.Model), m.Result.SENote)
		}
	}
	for _, k := range sortedKeys(f.Failed) {
		fmt.Fprintf(w, "%s could not be fitted: %s\n", ModelName(k), f.Failed[k])
	}
	if f.Chosen != "" {
		fmt.Fprintf(w, "chosen: %s: %s\n", ModelName(f.Chosen), f.Why)
	}
	if c := f.Cohort; c != nil {
		fmt.Fprintf(w, "DEL %s payments at %s a year; DERL after 0, 1, … renewals:", param(c.DEL), percent(f.DiscountRate, -1))
		for _, d := range c.DERL {
			fmt.Fprintf(w, " %s", param(d))
		}
		fmt.Fprintln(w)
		if c.Note != "" {
			fmt.Fprintln(w, c.Note)
		}
	}
	return nil
}
