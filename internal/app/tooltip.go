package app

import "image"

// clearOfLegends returns the crosshair's box moved off the legends of the
// chart in cr (chart.Figure.Legends): beside the legend it covered, at
// the same height (the top of a plot, which the legends' headroom keeps
// clear of data), else below it, else to the other side of the crosshair
// at x, else where it was; always inside cr.
func (a *App) clearOfLegends(box, cr image.Rectangle, x, pad int) image.Rectangle {
	if a.chartFig == nil {
		return box
	}
	// The legends in cr's pixels, and the places to try, in arrays on
	// the stack: a mouse move over the chart allocates nothing.
	var legendsAt, triesAt [16]image.Rectangle
	legends := legendsAt[:0]
	for _, l := range a.legends() {
		legends = append(legends, l.Add(cr.Min))
	}
	clear := func(b image.Rectangle) bool {
		if !b.In(cr) {
			return false
		}
		for _, l := range legends {
			if b.Overlaps(l) {
				return false
			}
		}
		return true
	}
	if clear(box) {
		return box
	}
	tries := triesAt[:0]
	for _, l := range legends {
		if box.Overlaps(l) {
			tries = append(tries, box.Add(image.Pt(l.Max.X+pad-box.Min.X, 0)), box.Add(image.Pt(0, l.Max.Y+pad-box.Min.Y)))
		}
	}
	other := box.Add(image.Pt(x-pad-box.Max.X, 0)) // left of the crosshair
	if box.Max.X <= x {
		other = box.Add(image.Pt(x+pad-box.Min.X, 0)) // right of it
	}
	tries = append(tries, other)
	for _, l := range legends {
		if other.Overlaps(l) {
			tries = append(tries, other.Add(image.Pt(0, l.Max.Y+pad-other.Min.Y)))
		}
	}
	for _, b := range tries {
		if clear(b) {
			return b
		}
	}
	return box
}
