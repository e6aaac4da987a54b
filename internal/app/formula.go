package app

import (
	"image"
	"strings"

	"clvlab/internal/kpi"
	"clvlab/internal/ui"
)

// formulaState is what the formula panel shows, kept between frames.
type formulaState struct{}

// formulaPanel draws the formula panel in r (nothing when r is empty).
func (a *App) formulaPanel(m metrics, r image.Rectangle) {
	if r.Empty() {
		return
	}
	c := &a.ui
	a.widgets["formula"] = r
	c.Fill(r, c.Theme.Panel)
	c.Add(ui.Op{Kind: ui.OpStroke, R: r, Color: c.Theme.Track, Width: 1})
	k := kpi.CLV
	y := r.Min.Y + m.pad/2
	c.Label(image.Rect(r.Min.X+m.pad, y, r.Max.X-m.pad, y+m.line), capitalize(k.Label(a.lang)), float64(m.font)*1.1, c.Theme.Text, ui.Left)
	y += m.line
	for _, l := range a.ui.Wrap(strings.TrimSpace(k.Formula(a.lang)), float64(m.font)*0.9, r.Dx()-2*m.pad) {
		c.Label(image.Rect(r.Min.X+m.pad, y, r.Max.X-m.pad, y+m.line), l, float64(m.font)*0.9, c.Theme.Text, ui.Left)
		y += m.line
	}
}
