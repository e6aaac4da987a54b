package chart

import "gonum.org/v1/plot/vg"

// PeriodX returns the pixel column of period on a drawn figure of a kind
// with periods on its x axis (as PeriodAt gives it for the pointer), and
// the top and bottom pixel rows of its data areas: where to mark a period
// chosen elsewhere (a row of the tenure table). ok is false for other
// kinds, before the figure is drawn, and for a period off the axis.
func (f *Figure) PeriodX(period int) (x, top, bottom int, ok bool) {
	if !timeKinds[f.kind] || len(f.data) == 0 {
		return 0, 0, 0, false
	}
	top, bottom = f.size.H, 0
	for i := range f.data {
		r := f.data[i].rect
		top = min(top, f.size.H-int(r.Max.Y*96/vg.Inch))
		bottom = max(bottom, f.size.H-int(r.Min.Y*96/vg.Inch))
	}
	d := &f.data[0]
	if d.xMax <= d.xMin || float64(period) < d.xMin || float64(period) > d.xMax {
		return 0, 0, 0, false
	}
	r := d.rect
	xv := r.Min.X + vg.Length((float64(period)-d.xMin)/(d.xMax-d.xMin))*(r.Max.X-r.Min.X)
	return int(xv * 96 / vg.Inch), top, bottom, true
}
