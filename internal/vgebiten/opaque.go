package vgebiten

// Opaque reports whether every pixel of the image the canvas drew last
// is opaque: an opaque fill of one colour covered all of it (a chart's
// white background), and everything drawn since blends over it (source
// over leaves an opaque pixel opaque). A frame may then copy the image
// over what lies under it, with no fill under it and no read of it. It
// says false when it does not know (the image cleared, or nothing
// covering drawn).
// Supersampled's kept image is opaque when its offscreen is: the halving
// copies it.
func (c *Canvas) Opaque() bool {
	g := &c.ground
	return g.known && !g.clear && g.colour[3] == 0xffff
}
