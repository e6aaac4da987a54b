package app

// Wheel deltas. A wheel event says how far to scroll in one of three
// units (the DOM's WheelEvent.deltaMode): pixels, lines or pages. The
// planner scrolls by lines of its own, so a deltas is converted to lines:
// one notch of a mouse wheel is about three lines whatever the unit, as
// browsers scroll a page.
const (
	wheelPixel = 0 // DOM_DELTA_PIXEL: Chromium reports 100 (at 100% zoom, per device pixel ratio) a notch
	wheelLine  = 1 // DOM_DELTA_LINE: Firefox reports 3 a notch
	wheelPage  = 2 // DOM_DELTA_PAGE: a page a notch (a setting some systems offer)

	// linesPerNotch is how far one notch scrolls.
	linesPerNotch = 3
	// pixelsPerNotch is what Chromium reports a notch as: 100 CSS pixels
	// (ui::kScrollbarPixelsPerLine 40 × 3 lines ≈ 120 on some systems,
	// 100 on others; 100 is the common one: Linux and Windows at 100%).
	pixelsPerNotch = 100
)

// wheelLines converts a wheel delta (positive: towards the user, the
// content moves up, as the DOM's deltaY) in mode to lines to scroll the
// content by, up being positive as ebiten's Wheel reports it. pageLines
// is how many lines a page of the view holds.
func wheelLines(delta float64, mode int, pageLines float64) float64 {
	switch mode {
	case wheelLine:
		return -delta
	case wheelPage:
		return -delta * pageLines
	default:
		return -delta * linesPerNotch / pixelsPerNotch
	}
}
