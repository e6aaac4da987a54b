package app

import (
	"fmt"
	"image"
	"math"

	"clvlab/internal/kpi"
	"clvlab/internal/planner"
	"clvlab/internal/ui"
	"clvlab/scenarios"
)

// plansView draws the Plans tab in r: a field and a button to save the
// current values as a plan, then the table of plans, one row each (the
// current values first), with the strip's KPIs against the baseline in
// the catalogue's labels and units: a click on a row's Baseline mark
// makes it the baseline, Charts draws it on the charts beside the
// baseline and the current values, a saved plan's name can be edited
// (Enter renames) and the plan deleted.
func (a *App) plansView(m metrics, r image.Rectangle) {
	c := &a.ui
	c.Fill(r, white)
	size := c.Theme.FontSize
	small := size * 0.85
	gap := m.pad / 2
	rowH := m.line + m.pad/3
	s := a.p.Scenario()

	// The save line: [name] [Save plan] and the view's note.
	y := r.Min.Y + gap
	nameW := min(m.font*14, r.Dx()/3)
	nr := image.Rect(r.Min.X, y, r.Min.X+nameW, y+rowH)
	a.widgets["field:plan-name"] = nr
	if c.TextField("plan-name", nr, &a.plans.name) {
		a.savePlan()
	}
	if a.plans.name == "" && c.Focus() != "plan-name" { // the placeholder, drawn over the empty field
		c.Label(nr.Inset(4), a.p.NextPlanName(a.lang), 0, c.Theme.Muted, ui.Left)
	}
	saveW := int(a.measure(a.t("save plan"), size)) + m.pad + 8
	sr := image.Rect(nr.Max.X+gap, y, nr.Max.X+gap+saveW, y+rowH)
	a.widgets["button:plans-save"] = sr
	if c.Button("plans-save", sr, a.t("save plan"), true) {
		a.savePlan()
	}
	c.Label(image.Rect(sr.Max.X+m.pad, y, r.Max.X, y+rowH), a.t("plans title"), small, c.Theme.Muted, ui.Left)
	y += rowH + m.pad

	rows := a.p.PlanRows(a.lang)
	ks := planner.StripKPIs()
	heads := make([][2]string, len(ks))
	for j, k := range ks {
		heads[j] = [2]string{k.Short(a.lang), unitName(k, s.Currency, periodName(s), a.lang)}
	}
	// Columns: the baseline mark, the name, the KPIs, Charts, Delete. The
	// table takes the screen's font size when it fits; when it does not
	// (large text in a small window), a smaller one, down to the size
	// without large text, so no name or number is cut.
	var markW, chartsW, delW, nameColW int
	kpiW := make([]int, len(ks))
	layout := func(size float64) bool {
		small := size * 0.85
		widest := func(keys ...string) int { // a header (small) over buttons (inset 4)
			w := a.measure(a.t(keys[0]), small)
			for _, k := range keys[1:] {
				w = math.Max(w, a.measure(a.t(k), size)+8)
			}
			return int(math.Ceil(w)) + m.pad/2 + 2
		}
		markW = widest("as baseline", "use as baseline", "is baseline")
		chartsW = widest("on charts", "show on charts", "shown on charts")
		delW = widest("delete", "delete")
		names := a.measure(a.t("plan"), small)
		for j, k := range ks {
			w := math.Max(a.measure(heads[j][0], small), a.measure(heads[j][1], small))
			for _, row := range rows {
				if row.KPIs != nil {
					w = math.Max(w, a.measure(k.Format(row.KPIs[j].Value), size))
				}
				names = math.Max(names, a.measure(row.Name, size)+10)
			}
			kpiW[j] = int(w) + m.pad
		}
		fixed := markW + chartsW + delW + 4*gap
		for _, w := range kpiW {
			fixed += w + gap
		}
		nameColW = min(r.Dx()-fixed, m.font*22)
		return float64(nameColW) >= math.Min(names, float64(m.font*22))
	}
	least := size
	if a.big {
		least = size / 1.3
	}
	for !layout(size) && size > least {
		size = math.Max(least, size*0.93)
	}
	if nameColW < m.font*4 { // still narrow: the KPI columns give up their padding
		over := m.font*4 - nameColW
		for j := range kpiW {
			kpiW[j] -= min(over/len(kpiW)+1, m.pad)
		}
		nameColW = m.font * 4
	}
	small = size * 0.85
	defer func(was float64) { c.Theme.FontSize = was }(c.Theme.FontSize)
	c.Theme.FontSize = size // the table's buttons and fields
	col := func(x, w int) image.Rectangle { return image.Rect(x, y, x+w, y+rowH) }

	// The header: two lines (label, unit).
	hy := y
	x := r.Min.X
	c.Label(image.Rect(x, hy, x+markW, hy+2*m.line), a.t("as baseline"), small, c.Theme.Muted, ui.Left)
	x += markW + gap
	c.Label(image.Rect(x, hy, x+nameColW, hy+2*m.line), a.t("plan"), small, c.Theme.Muted, ui.Left)
	x += nameColW + gap
	kx := make([]int, len(ks))
	for j := range ks {
		kx[j] = x
		c.Label(image.Rect(x, hy, x+kpiW[j], hy+m.line), heads[j][0], small, c.Theme.Muted, ui.Right)
		c.Label(image.Rect(x, hy+m.line, x+kpiW[j], hy+2*m.line), heads[j][1], small, c.Theme.Muted, ui.Right)
		x += kpiW[j] + gap
	}
	cx := x
	c.Label(image.Rect(cx, hy, cx+chartsW, hy+2*m.line), a.t("on charts"), small, c.Theme.Muted, ui.Center)
	dx := cx + chartsW + gap
	y = hy + 2*m.line
	c.Fill(image.Rect(r.Min.X, y, r.Max.X, y+1), c.Theme.Track)
	y += gap

	// The rows that fit; the wheel scrolls them.
	fit := max(1, (r.Max.Y-y-m.line)/rowH)
	if c.In.Mouse.In(r) && c.In.Wheel != 0 {
		a.plans.scroll -= int(math.Copysign(1, c.In.Wheel))
	}
	a.plans.scroll = max(0, min(a.plans.scroll, len(rows)-fit))
	plans := a.p.Plans()
	for n, row := range rows {
		if n > 0 && n < 1+a.plans.scroll { // the current values' row stays
			continue
		}
		if y+rowH > r.Max.Y-m.line && n < len(rows)-1 {
			c.Label(image.Rect(r.Min.X, y, r.Max.X, y+m.line), fmt.Sprintf(a.t("plans more"), len(rows)-n), small, c.Theme.Muted, ui.Left)
			break
		}
		id := fmt.Sprintf("plan:%d", row.Plan)
		if row.Baseline {
			c.Fill(image.Rect(r.Min.X, y, r.Max.X, y+rowH), c.Theme.Panel)
		}
		if row.Plan >= 0 {
			mr := col(r.Min.X, markW)
			a.widgets["baseline:"+id] = mr
			mark := a.t("use as baseline")
			if row.Baseline {
				mark = a.t("is baseline")
			}
			if c.Toggle("baseline:"+id, mr, mark, row.Baseline) && !row.Baseline {
				a.check(a.p.SetBaselinePlan(row.Plan))
				a.say("baseline now", inLang(a.p.BaselineName))
				a.platform.stateChanged()
			}
		}
		nr := col(r.Min.X+markW+gap, nameColW)
		a.widgets["name:"+id] = nr
		if row.Plan >= 0 && plans[row.Plan].Kind == planner.PlanSaved {
			a.renameField(id, row, nr)
		} else {
			c.Label(nr, row.Name, size, c.Theme.Text, ui.Left)
		}
		for j, k := range row.KPIs {
			cr := col(kx[j], kpiW[j])
			a.widgets[fmt.Sprintf("cell:%s:%s", id, k.Key)] = cr
			colour := c.Theme.Text
			switch {
			case row.Baseline:
			case k.Better() > 0:
				colour = c.Theme.Good
			case k.Better() < 0:
				colour = c.Theme.Bad
			}
			c.Label(cr, ks[j].Format(k.Value), size, colour, ui.Right)
		}
		if row.Err != "" {
			c.Label(col(kx[0], cx-kx[0]), row.Err, small, c.Theme.Bad, ui.Left)
		}
		if row.Plan >= 0 {
			tr := col(cx, chartsW)
			a.widgets["charts:"+id] = tr
			on := a.p.IsCompared(row.Plan)
			if c.Toggle("charts:"+id, tr, a.t(map[bool]string{true: "shown on charts", false: "show on charts"}[on]), on) {
				a.check(a.p.SetCompared(row.Plan, !on))
			}
			if plans[row.Plan].Kind == planner.PlanSaved {
				br := col(dx, delW)
				a.widgets["delete:"+id] = br
				if c.Button("delete:"+id, br, a.t("delete"), true) {
					name := row.Name
					if err := a.p.DeletePlan(row.Plan); err != nil {
						a.fail(err)
					} else {
						a.say("plan deleted", name)
						a.platform.stateChanged()
					}
				}
			}
		}
		y += rowH + gap/2
	}
	a.persistPlans()
}

// renameField draws a saved plan's name as a field: Enter renames it.
func (a *App) renameField(id string, row planner.PlanRow, r image.Rectangle) {
	c := &a.ui
	if a.plans.renames == nil {
		a.plans.renames = map[int]string{}
	}
	text, editing := a.plans.renames[row.Plan]
	if !editing {
		text = row.Name
	}
	before := text
	if c.TextField("rename:"+id, r, &text) {
		if err := a.p.RenamePlan(row.Plan, text); err != nil {
			a.fail(err)
		} else {
			a.say("plan renamed", a.p.Plans()[row.Plan].Name.EN)
			a.platform.stateChanged()
		}
		delete(a.plans.renames, row.Plan)
		return
	}
	if text != before || editing {
		if c.Focus() == "rename:"+id {
			a.plans.renames[row.Plan] = text
		} else {
			delete(a.plans.renames, row.Plan) // left without Enter: the name stays
		}
	}
}

// unitName is a KPI column's unit line: the currency for money, the
// period's name for periods, "ratio" for a ratio.
func unitName(k kpi.KPI, currency, period, lang string) string {
	switch k.Unit() {
	case kpi.Money:
		return currency
	case kpi.Ratio:
		return textIn("unit ratio", lang)
	case kpi.Purchases:
		return textIn("unit:purchases", lang)
	}
	if name, ok := scenarios.PeriodNamed(period); ok && lang == "zh" {
		return name.One.ZH
	}
	return period + "s"
}
