package app

import (
	"image"
	"math"
	"slices"
	"strings"

	"clvlab/internal/ui"
)

// The layout reflows rather than cuts: the top bar's buttons are as wide
// as their labels, take shorter labels where that keeps them one row
// ("Reset", "Save", "Large"), else wrap to a second row, the description wraps, and
// the KPI strip, the what-if bar and the tabs take more rows when their
// texts do not fit one. layoutRows decides the rows from the window size,
// the text size and the language before anything is drawn.

// barItem is a button of the top bar.
type barItem struct {
	id, label string
	short     string // a shorter label for a narrow window, or ""
	enabled   bool
	r         image.Rectangle
}

// buttonWidth is the width of a button showing label at the body size:
// the label, the 4 px inset on each side and a pad of air.
func (a *App) buttonWidth(m metrics, label string) int {
	return int(math.Ceil(a.measure(label, float64(m.font)))) + 8 + m.pad
}

// layoutRows fills in the parts of m that depend on the texts: the top
// bar's rows (and where its buttons go, in a.bar), the description's
// lines, the KPI strip's columns, the tabs' columns.
func (a *App) layoutRows(m *metrics) {
	h := m.bar - 2*m.pad // a button's height
	gap := m.pad / 2
	left := m.pad
	a.bar.scenario = image.Rect(left, m.pad, left+a.buttonWidth(*m, a.t("scenario")+"…"), m.pad+h)
	items := a.barItems()
	// Flow the items into rows, right-aligned: the first row starts after
	// the Scenario button.
	rowStart := a.bar.scenario.Max.X + gap
	right := a.w - m.pad
	flow := func() [][]int {
		var rows [][]int
		x := rowStart
		var row []int
		for i := range items {
			w := a.buttonWidth(*m, items[i].label)
			if len(row) > 0 && x+w > right {
				rows, row, x = append(rows, row), nil, m.pad
			}
			row = append(row, i)
			x += w + gap
		}
		return append(rows, row)
	}
	rows := flow()
	if len(rows) > 1 { // a narrow window: the short labels, where they keep the bar one row
		full := slices.Clone(items)
		for i := range items {
			if items[i].short != "" {
				items[i].label = items[i].short
			}
		}
		if rows = flow(); len(rows) > 1 {
			items = full
			rows = flow()
		}
	}
	for ri, row := range rows {
		total := -gap
		for _, i := range row {
			total += a.buttonWidth(*m, items[i].label) + gap
		}
		x := right - total
		y := m.pad + ri*(h+gap)
		for _, i := range row {
			w := a.buttonWidth(*m, items[i].label)
			items[i].r = image.Rect(x, y, x+w, y+h)
			x += w + gap
		}
	}
	a.bar.items = items
	// The scenario's name goes between Scenario… and the first row's
	// buttons when it fits there.
	a.bar.name = a.p.Scenario().Name.In(a.lang)
	first := items[rows[0][0]].r.Min.X
	titleW := first - rowStart - m.pad
	a.bar.nameFits = a.measure(a.bar.name, float64(m.font)*1.15) <= float64(titleW)
	a.bar.title = image.Rect(rowStart, m.pad, rowStart+max(titleW, 0), m.pad+h)
	m.bar = m.pad + len(rows)*(h+gap) - gap + m.pad

	// The description, or the notice while it lasts, wrapped. A notice
	// takes at least the description's lines, so that nothing under the
	// status line moves when it comes or goes: a click aimed as a notice
	// expires lands where it was aimed.
	desc := a.p.Scenario().Description.In(a.lang)
	if a.teach.projector || a.teach.lesson.open() {
		desc = "" // the lesson, or the formulas projected, say what the class needs
	}
	if !a.bar.nameFits && desc != "" { // a narrow window: the name leads the description
		desc = a.bar.name + " · " + desc
	} else if !a.bar.nameFits {
		desc = a.bar.name
	}
	desc = strings.ReplaceAll(desc, "\n", "  ")
	msg := desc
	a.bar.noticed = false
	if n := a.noticeText(); n != "" {
		msg, a.bar.noticed = strings.ReplaceAll(n, "\n", "  "), true
	}
	a.status = msg
	size := float64(m.font) * 0.9
	a.bar.desc = a.wrap(&a.wrapped, msg, size, a.w-2*m.pad)
	if msg == "" {
		a.bar.desc = nil
	}
	lines := len(a.bar.desc)
	if a.bar.noticed && desc != "" {
		lines = max(lines, len(a.wrap(&a.wrappedDesc, desc, size, a.w-2*m.pad)))
	}
	lineH := int(math.Ceil(size * 1.45))
	a.bar.descLine = lineH
	m.desc = lines*lineH + m.pad/2

	// KPI strip: as many columns as keep every card's texts whole.
	m.kpiCols, m.kpiValue = a.kpiColumns(*m)
	// Tabs: as many a row as keep each label whole.
	m.tabCols = a.tabColumns(*m)
}

// wrap wraps text, remembering the last answer in memo (the description
// is the same frame after frame; wrapping measures every word).
func (a *App) wrap(memo *wrapMemo, text string, size float64, width int) []string {
	k := wrapKey{text, size, width}
	if memo.key == k {
		return memo.lines
	}
	memo.key, memo.lines = k, a.ui.Wrap(text, size, width)
	return memo.lines
}

// wrapMemo is wrap's last answer.
type wrapMemo struct {
	key   wrapKey
	lines []string
}

type wrapKey struct {
	text  string
	size  float64
	width int
}

// topBarLayout is where the top bar's parts go this frame.
type topBarLayout struct {
	scenario image.Rectangle
	items    []barItem
	name     string
	nameFits bool
	title    image.Rectangle
	desc     []string // the status line's lines
	descLine int      // their height
	noticed  bool     // the status line shows a notice
}

// barItems are the top bar's buttons after Scenario…, in order.
func (a *App) barItems() []barItem {
	if a.teach.projector {
		return a.projectorItems()
	}
	return []barItem{
		{id: "undo", label: a.t("undo"), enabled: a.p.CanUndo()},
		{id: "redo", label: a.t("redo"), enabled: a.p.CanRedo()},
		{id: "reset", label: a.t("reset all"), short: a.t("reset"), enabled: len(a.p.Overrides()) > 0},
		{id: "save", label: a.t("save plan"), short: a.t("save"), enabled: true},
		{id: "baseline", label: a.t("baseline") + ": " + a.p.BaselineName(a.lang), enabled: true},
		{id: "export", label: a.t("export"), enabled: true},
		{id: "trials", label: a.trialsLabel(), enabled: true},
		{id: "big", label: a.t("large text"), short: a.t("large"), enabled: true},
		{id: "formulas", label: a.t("formulas"), enabled: true},
		{id: "projector", label: a.t("projector"), enabled: true},
		{id: "help", label: "?", enabled: true},
		{id: "lang", label: map[string]string{"en": "中文", "zh": "English"}[a.lang], enabled: true},
	}
}

// kpiColumns returns how many KPI cards a row of the strip holds, and the
// size of the cards' figures: all of them when their texts fit side by
// side, each card as wide as its own texts and a share of the room left
// (a.kpiEdges), the figures at 1.2 × the font, or at the font when only
// that keeps the strip in one row (the referral figures or the steady
// share added to the headline five in a small window); else fewer, equal
// cards a row (and more rows) with the figures at 1.2 × the font,
// a.kpiEdges empty.
func (a *App) kpiColumns(m metrics) (cols int, valueSize float64) {
	ks := a.p.KPIs()
	n := len(ks)
	x0 := m.panel + m.pad
	width := a.w - x0 - m.pad
	large := float64(m.font) * 1.2
	need := 0.0
	for _, size := range [2]float64{large, float64(m.font)} {
		a.kpiEdges = a.kpiEdges[:0]
		sum := 0
		for _, k := range ks {
			w := a.measure(k.Label[langIndex(a.lang)], float64(m.font)*0.85)
			w = math.Max(w, a.measure(a.kpiValue(k), size))
			w = math.Max(w, a.measure(a.kpiDelta(k), float64(m.font)*0.85))
			if size == large {
				need = math.Max(need, w)
			}
			card := int(math.Ceil(w)) + m.pad/2 + m.pad // the texts, the gap and the inset
			a.kpiEdges = append(a.kpiEdges, card)
			sum += card
		}
		if sum <= width {
			extra, x := (width-sum)/max(1, n), x0
			for i, card := range a.kpiEdges {
				a.kpiEdges[i] = x
				x += card + extra
			}
			a.kpiEdges = append(a.kpiEdges, x)
			return n, size
		}
	}
	a.kpiEdges = a.kpiEdges[:0]
	for cols := n - 1; cols > 1; cols-- {
		if float64(width/cols-m.pad/2-m.pad) >= need {
			return cols, large
		}
	}
	return 1, large
}

// tabColumns returns how many tabs a row holds with every label whole:
// all in one row when their labels fit it side by side (ui.TabRects),
// else rows as even as they go.
func (a *App) tabColumns(m metrics) int {
	labels := a.tabLabels()
	widths := make([]float64, len(labels))
	for i, l := range labels {
		widths[i] = a.measure(l, float64(m.font)*0.92) + 8
	}
	width := float64(a.w - (m.panel + m.pad) - m.pad)
	n := len(labels)
	for cols := n; cols > 1; cols-- {
		rows := (n + cols - 1) / cols
		fits := true
		for row := range rows {
			sum := 0.0
			for _, w := range widths[row*n/rows : (row+1)*n/rows] {
				sum += w
			}
			fits = fits && sum <= width
		}
		if fits {
			return cols
		}
	}
	return 1
}

// descArea draws the status line: the description or the notice, every
// line of it.
func (a *App) descArea(m metrics) {
	c := &a.ui
	col := c.Theme.Muted
	if a.bar.noticed {
		col = c.Theme.Text
		if a.note.bad {
			col = c.Theme.Bad
		}
	}
	size := float64(m.font) * 0.9
	y := m.bar
	for _, l := range a.bar.desc {
		c.Label(image.Rect(m.pad, y, a.w-m.pad, y+a.bar.descLine), l, size, col, ui.Left)
		y += a.bar.descLine
	}
	a.widgets["status"] = image.Rect(m.pad, m.bar, a.w-m.pad, m.bar+m.desc)
}
