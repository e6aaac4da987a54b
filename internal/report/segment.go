package report

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
	"clvlab/internal/segment"
)

// Segmentation is what `clvlab segment` found, ready to write: every
// customer's segment and scores, the segments' customers and value, and
// how they were computed.
type Segmentation struct {
	// File is the data file, Name the data's name on the charts and page.
	File, Name string
	Result     *segment.Result
	// IDs are the customers' ids, in the result's order; Weights how many
	// customers each row stands for (nil: one each).
	IDs     []string
	Weights []float64
	// Notes say where each measure came from (the unit, the fit, ...),
	// one paragraph each.
	Notes []segment.Text
	// Unit is the unit of the times (recency, cycle, tenure): day,
	// week, month or year; "" when there are none.
	Unit string
	// Scenario is the scenario file written with the segments ("": none).
	Scenario string
	// Lang and Formats are the language and formats of the charts and
	// the page.
	Lang    string
	Formats []chartfile.Format
}

// segText holds the page's texts in English and Chinese.
var segText = map[string]segment.Text{
	"title":     {"Segments: %s", "客户细分：%s"},
	"caption":   {"%s customers of %s, by %s", "%[2]s 的 %[1]s 位客户，按%[3]s划分"},
	"segment":   {"segment", "细分"},
	"rule":      {"rule", "规则"},
	"customers": {"customers", "客户数"},
	"share":     {"share", "占比"},
	"value":     {"value", "价值"},
	"valueSh":   {"value share", "价值占比"},
	"perCust":   {"value per customer", "人均价值"},
	"total":     {"total", "合计"},
	"cuts":      {"Thresholds: %s.", "阈值：%s。"},
	"given":     {"given", "给定"},
	"computed":  {"from the data", "由数据计算"},
	"preset":    {"default", "默认"},
	"counts":    {"purchase counts: the quintiles tie", "按购买次数：五分位数重合"},
	"scenario":  {"The scenario %s holds these segments' shares and revenue multipliers.", "情景文件 %s 含有这些细分的占比与收入乘数。"},
	"matrix":    {"The matrix: customers and value in each cell", "矩阵：每格的客户数与价值"},
	"pareto":    {"The Pareto curve and the class boundaries", "帕累托曲线与类别边界"},
	"apart":     {"no cycle", "无周期"},
}

// MethodName is a method's name in lang.
func MethodName(m segment.Method, lang string) string {
	return map[segment.Method]segment.Text{
		segment.RFM:                  {"RFM (recency, frequency, monetary value)", "RFM（最近购买、购买频次、消费金额）"},
		segment.ABC:                  {"ABC (Pareto) classes of value", "ABC（帕累托）价值分类"},
		segment.CRVP:                 {"CRVP: purchase amount × purchase cycle", "CRVP：购买金额 × 购买周期"},
		segment.ValueLoyalty:         {"Value × loyalty", "价值 × 忠诚度"},
		segment.AcquisitionRetention: {"Acquisition cost × retention cost", "获客成本 × 保留成本"},
		segment.DirectIndirect:       {"Direct × indirect value", "直接价值 × 间接价值"},
	}[m].In(lang)
}

// MatrixPhrase names a method's matrix inside a sentence, in lang: "the
// CRVP matrix (purchase amount × purchase cycle)", "CRVP 矩阵（购买金额 ×
// 购买周期）" (按…划分的细分). A Chinese phrase that starts with a Latin
// letter starts with a space, to follow 按 as Chinese typesetting does.
func MatrixPhrase(m segment.Method, lang string) string {
	return map[segment.Method]segment.Text{
		segment.RFM:                  {"the RFM scores (recency, frequency, monetary value)", " RFM 得分（最近购买、购买频次、消费金额）"},
		segment.ABC:                  {"the ABC (Pareto) classes of value", " ABC（帕累托）价值分类"},
		segment.CRVP:                 {"the CRVP matrix (purchase amount × purchase cycle)", " CRVP 矩阵（购买金额 × 购买周期）"},
		segment.ValueLoyalty:         {"the value × loyalty matrix", "价值 × 忠诚度矩阵"},
		segment.AcquisitionRetention: {"the acquisition cost × retention cost matrix", "获客成本 × 保留成本矩阵"},
		segment.DirectIndirect:       {"the direct × indirect value matrix", "直接价值 × 间接价值矩阵"},
	}[m].In(lang)
}

func (s *Segmentation) lang() string {
	if s.Lang == "zh" {
		return "zh"
	}
	return "en"
}

func (s *Segmentation) t(key string, args ...any) string {
	return fmt.Sprintf(segText[key].In(s.lang()), args...)
}

// SegmentFiles lists what `clvlab segment` writes: segments.csv (one row
// per customer), summary.csv (one row per segment), the matrix chart
// (and for ABC the Pareto curve) and index.html.
func SegmentFiles(s *Segmentation) []File {
	files := []File{
		{Name: "segments.csv", Write: func(w io.Writer) error { return writeSegmentsCSV(w, s) }},
		{Name: "summary.csv", Write: func(w io.Writer) error { return writeSegmentSummaryCSV(w, s) }},
	}
	for _, c := range segmentCharts(s) {
		files = append(files, analysisFiles(c.stem, c.analysis, s.Formats)...)
	}
	return append(files, File{Name: HTMLFile, Write: func(w io.Writer) error { return writeSegmentHTML(w, s) }})
}

// writeSegmentsCSV writes customer, segment, the method's scores, weight
// (grouped rows only).
func writeSegmentsCSV(w io.Writer, s *Segmentation) error {
	r := s.Result
	cw := csv.NewWriter(w)
	head := append([]string{"customer", "segment"}, r.Columns...)
	if s.Weights != nil {
		head = append(head, "weight")
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	row := make([]string, len(head))
	for i := range r.Of {
		row[0], row[1] = s.IDs[i], r.Group(i).ID
		for k := range r.Columns {
			row[2+k] = cell(r.Scores[k][i])
		}
		if s.Weights != nil {
			row[len(row)-1] = csvFloat(s.Weights[i])
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// share is part over whole, NaN when whole is not above 0.
func share(part, whole float64) float64 {
	if !(whole > 0) {
		return math.NaN()
	}
	return part / whole
}

// writeSegmentSummaryCSV writes one row per segment, then the total.
func writeSegmentSummaryCSV(w io.Writer, s *Segmentation) error {
	r := s.Result
	rows := [][]string{{"segment", "name", "name_zh", "customers", "customer_share", "value", "value_share", "value_per_customer"}}
	add := func(g segment.Group) {
		rows = append(rows, []string{g.ID, g.Name[0], g.Name[1], csvFloat(g.Customers), cell(share(g.Customers, r.Total.Customers)),
			cell(g.Value), cell(share(g.Value, r.Total.Value)), cell(share(g.Value, g.Customers))})
	}
	for _, g := range r.Groups {
		add(g)
	}
	total := r.Total
	total.ID, total.Name = "total", segment.Text{"Total", "合计"}
	add(total)
	return writeCSVRows(w, rows)
}

// segmentChart is one chart of a segmentation: its file stem, its
// caption's key and what it draws.
type segmentChart struct {
	stem, caption string
	analysis      chart.Analysis
}

func segmentCharts(s *Segmentation) []segmentChart {
	r, lang := s.Result, s.lang()
	h := chart.Header{Lang: lang, Scenario: s.Name}
	cellOf := func(g int, customers, value float64) chart.MatrixCell {
		return chart.MatrixCell{Segment: r.Groups[g].Name.In(lang), Colour: g, Customers: customers, Value: value,
			CustomerShare: share(customers, r.Total.Customers), ValueShare: share(value, r.Total.Value)}
	}
	gr := r.Grid
	m := &chart.SegmentMatrix{Header: h, Title: MethodName(r.Method, lang), RowTitle: gr.RowTitle.In(lang), ColTitle: gr.ColTitle.In(lang),
		ApartTitle: s.t("apart")}
	for _, t := range gr.Rows {
		m.Rows = append(m.Rows, t.In(lang))
	}
	for _, t := range gr.Cols {
		m.Cols = append(m.Cols, t.In(lang))
	}
	for i, row := range gr.Cell {
		var cells []chart.MatrixCell
		for j, g := range row {
			cells = append(cells, cellOf(g, gr.Customers[i][j], gr.Value[i][j]))
		}
		m.Cells = append(m.Cells, cells)
	}
	for _, g := range gr.Apart {
		m.Apart = append(m.Apart, cellOf(g, r.Groups[g].Customers, r.Groups[g].Value))
	}
	out := []segmentChart{{"matrix", "matrix", m}}
	if len(r.Pareto) > 0 {
		pc := &chart.ParetoCurve{Header: h}
		for _, p := range r.Pareto {
			pc.Customers, pc.Value = append(pc.Customers, p.Customers), append(pc.Value, p.Value)
		}
		// Each class but the last ends where the next begins: its
		// customers' and value's shares, summed.
		c, v := 0.0, 0.0
		for _, g := range r.Groups[:len(r.Groups)-1] {
			c, v = c+g.Customers, v+g.Value
			pc.Cuts = append(pc.Cuts, chart.ParetoCut{Class: g.Name.In(lang), Customers: share(c, r.Total.Customers), Value: share(v, r.Total.Value)})
		}
		out = append(out, segmentChart{"pareto", "pareto", pc})
	}
	return out
}

// cutNamesZH are the thresholds' measures in Chinese.
var cutNamesZH = map[string]string{"recency": "最近购买", "frequency": "购买次数", "monetary": "消费", "value share": "价值份额",
	"cycle": "购买周期", "amount": "购买金额", "value": "价值", "loyalty": "忠诚度", "acquisition_cost": "获客成本", "retention_cost": "保留成本"}

// CutsText says the thresholds used: "recency 2, 5, 9, 14 (from the
// data)".
func (s *Segmentation) CutsText() string {
	var parts []string
	for _, c := range s.Result.Cuts {
		var vs []string
		for _, v := range c.Values {
			vs = append(vs, strconv.FormatFloat(v, 'g', 4, 64))
		}
		how := s.t("computed")
		switch {
		case c.Given:
			how = s.t("given")
		case c.Preset:
			how = s.t("preset")
		case c.Counts:
			how = s.t("counts")
		}
		name, values := c.Name, strings.Join(vs, ", ")
		if s.lang() == "zh" {
			if zh, ok := cutNamesZH[c.Name]; ok {
				name = zh
			}
			if c.Time && s.Unit != "" {
				values += " " + UnitZH(s.Unit)
			}
			parts = append(parts, fmt.Sprintf("%s %s（%s）", name, values, how))
			continue
		}
		if c.Time && s.Unit != "" {
			values += " " + s.Unit + "s"
		}
		parts = append(parts, fmt.Sprintf("%s %s (%s)", name, values, how))
	}
	if s.lang() == "zh" {
		return strings.Join(parts, "；")
	}
	return strings.Join(parts, "; ")
}

// rows are the segments' table rows: name, rule (RFM), customers, share,
// value, share, value per customer; then the total.
func (s *Segmentation) rows() (head []string, rows [][]string) {
	r, lang := s.Result, s.lang()
	rfm := r.Method == segment.RFM
	head = []string{s.t("segment")}
	if rfm {
		head = append(head, s.t("rule"))
	}
	head = append(head, s.t("customers"), s.t("share"), s.t("value"), s.t("valueSh"), s.t("perCust"))
	add := func(name, rule string, g segment.Group) {
		row := []string{name}
		if rfm {
			row = append(row, rule)
		}
		rows = append(rows, append(row, amount(g.Customers), percent(share(g.Customers, r.Total.Customers), 1), tenths(g.Value),
			percent(share(g.Value, r.Total.Value), 1), tenths(share(g.Value, g.Customers))))
	}
	for i, g := range r.Groups {
		rule := ""
		if rfm {
			rule = segment.RFMRule[i].In(lang)
		}
		add(g.Name.In(lang), rule, g)
	}
	add(s.t("total"), "", r.Total)
	return head, rows
}

type segmentPage struct {
	Lang, Title, Caption string
	Head                 []string
	Rows                 [][]string
	Paragraphs           []string
	Charts               []htmlChart
	Files                []string
}

var segmentPageTemplate = newPage("segment", `{{template "head" .}}
<table>
<thead><tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>
{{end}}</tbody>
</table>
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}
{{template "tail" .}}`)

func (s *Segmentation) caption() string {
	return s.t("caption", amount(s.Result.Total.Customers), s.File, MatrixPhrase(s.Result.Method, s.lang()))
}

func writeSegmentHTML(w io.Writer, s *Segmentation) error {
	lang := s.lang()
	p := segmentPage{Lang: lang, Title: s.t("title", s.Name), Caption: s.caption()}
	p.Head, p.Rows = s.rows()
	for _, n := range s.Notes {
		p.Paragraphs = append(p.Paragraphs, n.In(lang))
	}
	p.Paragraphs = append(p.Paragraphs, s.t("cuts", s.CutsText()))
	if s.Scenario != "" {
		p.Paragraphs = append(p.Paragraphs, s.t("scenario", s.Scenario))
	}
	for _, c := range segmentCharts(s) {
		hc := htmlChart{Title: s.t(c.caption)}
		for _, format := range s.Formats {
			name := c.stem + "." + string(format)
			if hc.File == "" && format != chartfile.PDF {
				hc.File = name
			} else {
				hc.Links = append(hc.Links, name)
			}
		}
		p.Charts = append(p.Charts, hc)
	}
	p.Files = []string{"segments.csv", "summary.csv"}
	return segmentPageTemplate.Execute(w, p)
}

// WriteSegmentTable writes the segments for the terminal, in s's
// language: the caption, the table (aligned by display width, so that
// Chinese names line up: Table) and the thresholds.
func WriteSegmentTable(w io.Writer, s *Segmentation) error {
	fmt.Fprintln(w, s.caption())
	head, rows := s.rows()
	// Table aligns right: the names (and RFM's rules) are padded to
	// their column's width so that they align left.
	text := 1
	if s.Result.Method == segment.RFM {
		text = 2
	}
	for c := range text {
		col := []string{head[c]}
		for _, r := range rows {
			col = append(col, r[c])
		}
		n := longest(col)
		head[c] = PadRight(head[c], n)
		for _, r := range rows {
			r[c] = PadRight(r[c], n)
		}
	}
	var table bytes.Buffer
	tw := NewTable(&table)
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, r := range rows {
		fmt.Fprintln(tw, strings.Join(r, "\t")+"\t")
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, line := range strings.Split(strings.TrimSuffix(table.String(), "\n"), "\n") {
		fmt.Fprintln(w, strings.TrimRight(line, " "))
	}
	_, err := fmt.Fprintln(w, s.t("cuts", s.CutsText()))
	return err
}

// Amount formats a count or a value with grouped digits: 2,357, 1,788.4.
func Amount(x float64) string { return amount(x) }
