package ui

import (
	"image/color"
	"math"
	"testing"
)

// TestProjectorContrast: every colour of the projector theme that text
// or a mark is drawn in stands at least 4.5:1 against its white panel,
// and text on a button under the mouse, the WCAG 2 contrast ratio for body text, (L1+0.05)/(L2+0.05) with the
// relative luminance of sRGB (WCAG 2.1, "contrast ratio").
func TestProjectorContrast(t *testing.T) {
	th := ProjectorTheme(24)
	for name, c := range map[string]color.RGBA{"text": th.Text, "muted": th.Muted, "accent": th.Accent,
		"focus": th.Focus, "good": th.Good, "bad": th.Bad, "changed": th.Changed} {
		if r := contrast(c, th.Panel); r < 4.5 {
			t.Errorf("%s %v on the panel: contrast %.2f:1, want at least 4.5:1", name, c, r)
		}
	}
	// A button under the mouse turns Track; its label stays Text.
	if r := contrast(th.Text, th.Track); r < 4.5 {
		t.Errorf("text on a hovered button: contrast %.2f:1, want at least 4.5:1", r)
	}
	// The default theme's muted text is lighter: the projector's is
	// darker than it.
	if contrast(th.Muted, th.Panel) <= contrast(DefaultTheme(24).Muted, DefaultTheme(24).Panel) {
		t.Error("the projector's muted text is no darker than the default theme's")
	}
}

func contrast(a, b color.RGBA) float64 {
	la, lb := luminance(a), luminance(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func luminance(c color.RGBA) float64 {
	lin := func(v uint8) float64 {
		x := float64(v) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}
