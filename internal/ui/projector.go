package ui

import "image/color"

// ProjectorTheme is DefaultTheme for a projected screen seen from the back
// of a room: black text and a darker grey for secondary text on white
// panels edged in mid grey, and the accents darkened so each stands at
// least 4.5:1 (WCAG AA) against white even as a projector washes it out.
// Text stays black on the mid grey a button turns under the mouse.
func ProjectorTheme(fontSize float64) Theme {
	return Theme{
		FontSize: fontSize,
		Text:     color.RGBA{0x00, 0x00, 0x00, 0xff},
		Muted:    color.RGBA{0x2b, 0x2b, 0x2b, 0xff},
		Panel:    color.RGBA{0xff, 0xff, 0xff, 0xff},
		Track:    color.RGBA{0x8c, 0x8c, 0x8c, 0xff},
		Accent:   color.RGBA{0x00, 0x4f, 0x8a, 0xff},
		Focus:    color.RGBA{0xa0, 0x5a, 0x00, 0xff},
		Good:     color.RGBA{0x00, 0x5c, 0x42, 0xff},
		Bad:      color.RGBA{0x9a, 0x36, 0x00, 0xff},
		Changed:  color.RGBA{0x9c, 0x3f, 0x7a, 0xff},
	}
}
