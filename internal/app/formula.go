package app

import (
	"image"
	"image/color"
	"math"
	"strconv"

	"clvlab/internal/chart"
	"clvlab/internal/explain"
	"clvlab/internal/kpi"
	"clvlab/internal/planner"
	"clvlab/internal/ui"
)

// The formula panel (issue 13, item 1) shows, for the KPI in focus (the
// KPI card under the pointer or with the keyboard's focus, else the one
// its arrows chose, CLV at first), its formula in symbols, the same
// formula with the current values put in and the result, all from
// package explain; and, for a scenario that is not an annuity, the tenure
// table that builds the CLV, the row of the period under the pointer on
// the chart highlighted, and the period of the row under the pointer
// marked on the chart. Its texts are made when the result, the language,
// the KPI or the panel's size change, and only then (formulaState.key):
// a frame that changes none of them, a hover over the chart or the table
// included, allocates nothing here (TestFormulaPanelAllocations).

// formulaState is what the formula panel shows, kept between frames.
type formulaState struct {
	chosen int        // the KPI its arrows chose: an index into explain.Focus
	key    formulaKey // what the texts below were made for
	builds int        // how many times they were made (for tests)

	title  string
	result string // the result as shown, e.g. "1,492.11"
	lines  []formulaLine
	where  []formulaLine // what the symbols stand for, shown if there is room

	table explain.Table // refilled without allocating
	shown bool          // the table is shown (not for an annuity)
	head  []string      // the columns' headings
	cells []string      // the rows' cells, row after row, len(head) a row
	colW  []int         // the columns' widths
	row   int           // the row highlighted, or −1
}

// formulaKey is what the panel's texts depend on.
type formulaKey struct {
	p       *planner.Planner
	version int // the planner's recomputation: the result shown
	lang    string
	focus   kpi.KPI
	width   int
	font    int
}

// formulaLine is a line of the panel: its text, size and colour.
type formulaLine struct {
	text string
	size float64
	role lineRole
}

type lineRole int

const (
	roleText lineRole = iota
	roleMuted
	roleResult
)

// focusIDs are the widget ids of the KPI cards of explain.Focus, made
// once: joining them each frame would allocate.
var focusIDs = func() []string {
	ids := make([]string, len(explain.Focus))
	for i, k := range explain.Focus {
		ids[i] = "kpi:" + k.String()
	}
	return ids
}()

// formulaFocus returns the KPI the panel explains: the card under the
// pointer, else the card with the keyboard's focus, else the one chosen.
func (a *App) formulaFocus() kpi.KPI {
	c := &a.ui
	for i, id := range focusIDs {
		if r, ok := a.widgets[id]; ok && c.In.Mouse.In(r) {
			return explain.Focus[i]
		}
	}
	for i, id := range focusIDs {
		if c.Focus() == id {
			return explain.Focus[i]
		}
	}
	return explain.Focus[a.teach.formula.chosen]
}

// formulaPanel draws the formula panel in r (nothing when r is empty).
func (a *App) formulaPanel(m metrics, r image.Rectangle) {
	f := &a.teach.formula
	f.row = -1
	if r.Empty() {
		return
	}
	c := &a.ui
	k := a.formulaFocus()
	inner := r.Dx() - 2*m.pad
	if key := (formulaKey{a.p, a.p.Version(), a.lang, k, inner, m.font}); key != f.key {
		a.buildFormula(m, k, inner)
		f.key = key
	}
	a.widgets["formula"] = r
	c.Fill(r, c.Theme.Panel)
	c.Add(ui.Op{Kind: ui.OpStroke, R: r, Color: c.Theme.Track, Width: 1})
	x0, x1 := r.Min.X+m.pad, r.Max.X-m.pad
	y := r.Min.Y + m.pad/2

	// The title, and the arrows that choose among the KPIs explained.
	bw := a.buttonWidth(m, ">")
	next := image.Rect(x1-bw, y, x1, y+m.line)
	prev := image.Rect(next.Min.X-m.pad/2-bw, y, next.Min.X-m.pad/2, y+m.line)
	a.widgets["button:formula-prev"], a.widgets["button:formula-next"] = prev, next
	n := len(explain.Focus)
	if c.Button("formula-prev", prev, "<", true) {
		f.chosen = (indexKPI(k) + n - 1) % n
	}
	if c.Button("formula-next", next, ">", true) {
		f.chosen = (indexKPI(k) + 1) % n
	}
	c.Label(image.Rect(x0, y, prev.Min.X-m.pad/2, y+m.line), f.title, float64(m.font)*1.1, c.Theme.Text, ui.Left)
	y += m.line + m.pad/4

	lineH := func(l formulaLine) int { return int(math.Ceil(l.size * 1.45)) }
	for _, l := range f.lines {
		h := lineH(l)
		if y+h > r.Max.Y-m.pad/2 {
			break
		}
		c.Label(image.Rect(x0, y, x1, y+h), l.text, l.size, a.roleColor(l.role), ui.Left)
		y += h
	}
	size := float64(m.font) * 0.9
	rowH := int(math.Ceil(size * 1.45))
	// What the symbols stand for, when the table keeps six rows under it
	// (or there is no table).
	need := 0
	for _, l := range f.where {
		need += lineH(l)
	}
	if !f.shown || r.Max.Y-m.pad/2-(y+m.pad/2+need) >= 7*rowH {
		y += m.pad / 2
		for _, l := range f.where {
			h := lineH(l)
			if y+h > r.Max.Y-m.pad/2 {
				break
			}
			c.Label(image.Rect(x0, y, x1, y+h), l.text, l.size, a.roleColor(l.role), ui.Left)
			y += h
		}
	}
	if !f.shown {
		return
	}
	y += m.pad / 2
	a.tenureTable(m, image.Rect(x0, y, x1, r.Max.Y-m.pad/2), size, rowH)
}

// tenureTable draws the tenure table in r: its headings, then as many
// rows as fit around the one highlighted, the last row (the CLV) always
// at the bottom.
func (a *App) tenureTable(m metrics, r image.Rectangle, size float64, rowH int) {
	f := &a.teach.formula
	c := &a.ui
	cols := len(f.head)
	rows := len(f.cells) / max(1, cols)
	fit := r.Dy()/rowH - 1 // under the headings
	if fit < 2 || rows == 0 {
		return
	}
	a.widgets["formula:table"] = r
	// The row highlighted: the one under the pointer, else the chart's
	// period under the pointer.
	under := -1
	if c.In.Mouse.In(r) && c.In.Mouse.Y >= r.Min.Y+rowH {
		under = (c.In.Mouse.Y - r.Min.Y - rowH) / rowH
	}
	if a.hover >= 0 && a.hover < rows && a.tab < tabTornado {
		f.row = a.hover
	}
	start := 0
	visible := min(fit, rows)
	pinLast := rows > fit
	if pinLast {
		visible = fit - 1 // the last slot shows the last row
		if f.row >= 0 {
			start = max(0, min(f.row-visible/2, rows-1-visible))
		}
	}
	slot := func(i int) int { // the row shown in slot i
		if pinLast && i == fit-1 {
			return rows - 1
		}
		return start + i
	}
	if under >= 0 && under < min(fit, rows) {
		f.row = slot(under)
	}
	// The headings, then the rows.
	c.Fill(image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+rowH), c.Theme.Track)
	a.tableRow(r.Min.X, r.Min.Y, rowH, f.head, size, c.Theme.Text)
	for i := range min(fit, rows) {
		row := slot(i)
		y := r.Min.Y + (i+1)*rowH
		if row == f.row {
			hr := image.Rect(r.Min.X, y, r.Max.X, y+rowH)
			c.Fill(hr, highlight)
			a.widgets["formula:row"] = hr
		}
		col := c.Theme.Text
		if pinLast && i == fit-1 {
			c.Add(ui.Op{Kind: ui.OpLine, R: image.Rect(r.Min.X, y, r.Max.X, y), Color: c.Theme.Track, Width: 1})
		}
		a.tableRow(r.Min.X, y, rowH, f.cells[row*cols:(row+1)*cols], size, col)
	}
	// The row under the pointer marked on the chart at its period.
	if under >= 0 && f.row >= 0 && a.chartFig != nil && a.tab < tabTornado {
		if x, top, bottom, ok := a.chartFig.PeriodX(f.row); ok {
			cr := a.chartRect
			c.Add(ui.Op{Kind: ui.OpLine, R: image.Rect(cr.Min.X+x, cr.Min.Y+top, cr.Min.X+x, cr.Min.Y+bottom),
				Color: c.Theme.Focus, Width: 3})
		}
	}
}

// highlight is the background of the tenure table's highlighted row.
var highlight = color.RGBA{0xff, 0xe4, 0x9c, 0xff}

// tableRow draws one row of cells from x, right-aligned in their columns.
func (a *App) tableRow(x, y, h int, cells []string, size float64, col color.RGBA) {
	f := &a.teach.formula
	for j, s := range cells {
		w := f.colW[j]
		a.ui.Label(image.Rect(x, y, x+w, y+h), s, size, col, ui.Right)
		x += w
	}
}

// roleColor is the colour of a panel line's role.
func (a *App) roleColor(r lineRole) color.RGBA {
	switch r {
	case roleMuted:
		return a.ui.Theme.Muted
	case roleResult:
		return a.ui.Theme.Accent
	}
	return a.ui.Theme.Text
}

func indexKPI(k kpi.KPI) int {
	for i, x := range explain.Focus {
		if x == k {
			return i
		}
	}
	return 0
}

// buildFormula makes the panel's texts for KPI k at width pixels: the
// formula (explain.Explain), and the tenure table (explain.Table.Fill)
// with its cells formatted and its columns chosen to fit.
func (a *App) buildFormula(m metrics, k kpi.KPI, width int) {
	f := &a.teach.formula
	f.builds++
	res := a.p.Result()
	e := explain.Explain(res, a.lang)
	fo, _ := e.Formula(k)
	f.title, f.result = capitalize(k.Label(a.lang)), fo.Result
	body, small := float64(m.font), float64(m.font)*smallestText
	f.lines, f.where = f.lines[:0], f.where[:0]
	add := func(dst []formulaLine, text string, size float64, role lineRole) []formulaLine {
		if text == "" {
			return dst
		}
		// A line's words measured one by one may come out a pixel
		// narrower than the line measured whole: wrap with room to spare.
		// Printable, as drawn (the font has the formulas' τ, Σ and ∞).
		for _, l := range a.ui.Wrap(chart.Printable(text), size, width-m.pad) {
			dst = append(dst, formulaLine{l, size, role})
		}
		return dst
	}
	f.lines = add(f.lines, fo.Symbols, body, roleText)
	if fo.Values != "" {
		f.lines = add(f.lines, "= "+fo.Values, body, roleText)
	}
	f.lines = add(f.lines, "= "+fo.Result, body*1.15, roleResult)
	f.lines = add(f.lines, fo.Check, small, roleMuted)
	f.lines = add(f.lines, fo.Note, small, roleMuted)
	f.where = add(f.where, fo.Where, small, roleMuted)

	f.shown = e.Form != explain.Annuity
	if !f.shown {
		return
	}
	f.table.Fill(res.Model, explain.Mixed)
	a.tableCells(width, float64(m.font)*0.9)
}

// tableCells formats the tenure table's cells, choosing the columns that
// fit width: τ, the stage mix (each stage, and the lost share with
// win-back), the margin, the discount factor, the contribution and the
// running sum; where the stages do not fit, the share still active
// stands for the mix, and then the discount factor goes, the share, and
// the margin (a lesson at large text, 1024×640 or 1920×1080 in English).
func (a *App) tableCells(width int, size float64) {
	f := &a.teach.formula
	t := &f.table
	s := a.p.Scenario()
	lang := a.lang
	type column struct {
		head string
		cell func(r *explain.Row) string
	}
	money := func(x float64) string { return kpi.Group(strconv.FormatFloat(x, 'f', 2, 64)) } // as kpi.Money formats it below 100,000
	share := func(x float64) string { return strconv.FormatFloat(100*x, 'f', 1, 64) + "%" }
	tenure := column{explain.LabelTenure.In(lang), func(r *explain.Row) string { return strconv.Itoa(r.Tenure) }}
	var mix []column
	for i := range t.Stages {
		name := ""
		if i < len(s.Stages) {
			name = s.Stages[i].Name.In(lang)
		}
		mix = append(mix, column{name, func(r *explain.Row) string { return share(r.Mix[i]) }})
	}
	if t.Lost {
		mix = append(mix, column{textIn("lost", lang), func(r *explain.Row) string { return share(r.Mix[t.Stages]) }})
	}
	active := column{textIn("active share", lang), func(r *explain.Row) string { return share(r.Active) }}
	margin := column{explain.LabelMargin.In(lang), func(r *explain.Row) string { return money(r.Margin) }}
	discount := column{explain.LabelDiscount.In(lang), func(r *explain.Row) string { return strconv.FormatFloat(r.Discount, 'f', 4, 64) }}
	contribution := column{explain.LabelContribution.In(lang), func(r *explain.Row) string { return money(r.Contribution) }}
	sum := column{explain.LabelSum.In(lang), func(r *explain.Row) string { return money(r.Sum) }}
	gap := int(math.Ceil(size * 0.8))
	widths := func(cols []column) ([]int, int) {
		ws := make([]int, len(cols))
		total := 0
		last := &t.Rows[len(t.Rows)-1]
		for j, col := range cols {
			w := a.measure(chart.Printable(col.head), size)
			// The widest cells: the first and last rows bound every column
			// but the mix, whose shares are at most "100.0%".
			w = math.Max(w, a.measure(col.cell(&t.Rows[0]), size))
			w = math.Max(w, a.measure(col.cell(last), size))
			w = math.Max(w, a.measure("100.0%", size))
			ws[j] = int(math.Ceil(w)) + gap
			total += ws[j]
		}
		return ws, total
	}
	choices := [][]column{
		append(append([]column{tenure}, mix...), margin, discount, contribution, sum),
		{tenure, active, margin, discount, contribution, sum},
		{tenure, active, margin, contribution, sum},
		{tenure, margin, contribution, sum},
		{tenure, contribution, sum},
	}
	var cols []column
	for _, choice := range choices {
		cols = choice
		if ws, total := widths(choice); total <= width {
			f.colW = ws
			break
		} else {
			f.colW = ws // the narrowest, even if it does not fit
		}
	}
	f.head = f.head[:0]
	for _, col := range cols {
		f.head = append(f.head, chart.Printable(col.head))
	}
	f.cells = f.cells[:0]
	for i := range t.Rows {
		for _, col := range cols {
			f.cells = append(f.cells, col.cell(&t.Rows[i]))
		}
	}
}
