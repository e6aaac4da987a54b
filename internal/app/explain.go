package app

import (
	"image"
	"image/color"
	"math"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/internal/ui"
	"clvlab/scenarios"
)

// explain shows where a value comes from: hovering or focusing a slider
// or a KPI opens a box with its explanation from the registry (a
// slider's parameter: its label, unit and what it means for CLV) or the
// KPI catalogue (label, unit, meaning, formula), in the screen's
// language, beside the control, never over it. Not while the mouse
// drags, the scenario list is open or the shortcuts are shown.
func (a *App) explain(m metrics) {
	c := &a.ui
	if a.picker || a.help || c.In.Down || c.Active() {
		return
	}
	id := ""
	for k, r := range a.widgets {
		if c.In.Mouse.In(r) && (strings.HasPrefix(k, "kpi:") || a.hasControl(k)) {
			id = k
		}
	}
	if id == "" {
		if f := c.Focus(); strings.HasPrefix(f, "kpi:") || f != "" && a.hasControl(f) {
			if _, shown := a.widgets[f]; shown {
				id = f
			}
		}
	}
	if id == "" {
		return
	}
	title, unit, body := a.explanation(id)
	if body == "" {
		return
	}
	target := a.widgets[id]
	size := float64(m.font) * 0.9
	width := min(m.font*30, a.w/2-2*m.pad)
	lineH := int(math.Ceil(size * 1.45))
	var lines []string
	for _, p := range strings.Split(body, "\n") {
		lines = append(lines, a.ui.Wrap(p, size, width)...)
	}
	titles := a.ui.Wrap(title, float64(m.font), width)
	h := m.pad + len(titles)*m.line + lineH + len(lines)*lineH + m.pad
	w := width + 2*m.pad
	// Beside the control: right of a slider (over the charts), under a
	// KPI card; kept on screen and off the control.
	var box image.Rectangle
	if strings.HasPrefix(id, "kpi:") {
		x := min(target.Min.X, a.w-m.pad-w)
		box = image.Rect(x, target.Max.Y+m.pad/2, x+w, target.Max.Y+m.pad/2+h)
	} else {
		y := max(m.pad, min(target.Min.Y, a.h-m.pad-h))
		box = image.Rect(target.Max.X+m.pad, y, target.Max.X+m.pad+w, y+h)
	}
	a.widgets["explain"] = box
	c.Fill(box, color.RGBA{0xff, 0xff, 0xf4, 0xff})
	c.Add(ui.Op{Kind: ui.OpStroke, R: box, Color: c.Theme.Accent, Width: 1})
	y := box.Min.Y + m.pad
	for _, t := range titles {
		c.Label(image.Rect(box.Min.X+m.pad, y, box.Max.X-m.pad, y+m.line), t, float64(m.font), c.Theme.Text, ui.Left)
		y += m.line
	}
	c.Label(image.Rect(box.Min.X+m.pad, y, box.Max.X-m.pad, y+lineH), unit, size, c.Theme.Muted, ui.Left)
	y += lineH
	for _, l := range lines {
		c.Label(image.Rect(box.Min.X+m.pad, y, box.Max.X-m.pad, y+lineH), l, size, c.Theme.Text, ui.Left)
		y += lineH
	}
}

// explanation returns the title, unit and text that explain the slider
// at path, or the KPI "kpi:KEY".
func (a *App) explanation(id string) (title, unit, body string) {
	s := a.p.Scenario()
	lang := a.lang
	where := s.Currency + " · " + periodWord(s, lang)
	if key, ok := strings.CutPrefix(id, "kpi:"); ok {
		k, err := kpi.Parse(key)
		if err != nil {
			return "", "", ""
		}
		u := textIn(map[kpi.Unit]string{kpi.Money: "unit:money", kpi.Ratio: "unit:ratio", kpi.Purchases: "unit:purchases", kpi.Share: "unit:share"}[k.Unit()], lang)
		if u == "" {
			u = textIn("unit:periods", lang)
		}
		switch k.Unit() {
		case kpi.Money:
			u += " (" + s.Currency + ")"
		case kpi.Periods, kpi.WholePeriods:
			u += " (" + periodWord(s, lang) + ")"
		}
		return capitalize(k.Label(lang)), textIn("unit", lang) + u,
			k.Explanation(lang) + "\n" + textIn("formula", lang) + k.Formula(lang)
	}
	ctl, ok := a.p.Control(id)
	if !ok || ctl.Param == nil {
		return "", "", ""
	}
	title = a.leverName(id).In(lang)
	unit = textIn("unit", lang) + ctl.Param.Unit.In(lang)
	switch {
	case strings.Contains(ctl.Param.Unit.EN, "money"):
		unit += " (" + where + ")"
	case strings.Contains(ctl.Param.Unit.EN, "period"):
		unit += " (" + periodWord(s, lang) + ")"
	}
	return title, unit, ctl.Param.Explain.In(lang)
}

// capitalize returns s with its first letter in upper case.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	r[0] = []rune(strings.ToUpper(string(r[0])))[0]
	return string(r)
}

// periodWord names s's period in lang: "month", "月".
func periodWord(s *scenarios.Scenario, lang string) string {
	name, _ := scenarios.PeriodNamed(periodName(s))
	return name.One.In(lang)
}
