package app

import (
	"image"
	"image/color"
	"math"
	"slices"

	"clvlab/internal/ui"
)

// shortcuts are the keys the "?" overlay lists, as text keys: "key:X"
// names the key, "do:X" what it does.
var shortcuts = []string{"tab", "enter", "arrows", "home", "undo", "wheel", "hover", "esc", "help"}

// helpKeys opens and closes the shortcuts: "?" toggles them (unless a
// value or the seek target is being typed), Esc closes them. A key that
// closed them is taken out of the input, so Esc does not also drop the
// focus.
func (a *App) helpKeys(in ui.Input) ui.Input {
	c := &a.ui
	if c.Editing() || c.Focus() == "seek-target" {
		return in
	}
	if i := slices.Index(in.Chars, '?'); i >= 0 {
		a.help = !a.help
		in.Chars = slices.Delete(slices.Clone(in.Chars), i, i+1)
	}
	if a.help {
		if i := slices.Index(in.Keys, ui.KeyEscape); i >= 0 {
			a.help = false
			in.Keys = slices.Delete(slices.Clone(in.Keys), i, i+1)
		}
	}
	return in
}

// helpOverlay draws the shortcuts in a box over the middle of the screen;
// a click anywhere closes it.
func (a *App) helpOverlay(m metrics) {
	c := &a.ui
	size := float64(m.font)
	keyW, doW := 0.0, 0.0
	for _, k := range shortcuts {
		keyW = math.Max(keyW, a.measure(a.t("key:"+k), size))
		doW = math.Max(doW, a.measure(a.t("do:"+k), size))
	}
	close := a.t("shortcuts close")
	w := int(math.Ceil(math.Max(keyW+doW+float64(m.pad*3), a.measure(close, size)))) + 2*m.pad
	w = min(w, a.w-2*m.pad)
	h := m.pad*2 + m.line*(len(shortcuts)+3)
	x, y := (a.w-w)/2, max(m.pad, (a.h-h)/2)
	box := image.Rect(x, y, x+w, y+h)
	a.widgets["help"] = box
	c.Fill(box, color.RGBA{0xff, 0xff, 0xff, 0xff})
	c.Add(ui.Op{Kind: ui.OpStroke, R: box, Color: c.Theme.Accent, Width: 2})
	ty := y + m.pad
	c.Label(image.Rect(x+m.pad, ty, box.Max.X-m.pad, ty+m.line), a.t("shortcuts"), size*1.1, c.Theme.Text, ui.Left)
	ty += m.line * 3 / 2
	kx := x + m.pad
	dx := kx + int(math.Ceil(keyW)) + m.pad*2
	for _, k := range shortcuts {
		c.Label(image.Rect(kx, ty, dx-m.pad, ty+m.line), a.t("key:"+k), size, c.Theme.Accent, ui.Left)
		c.Label(image.Rect(dx, ty, box.Max.X-m.pad, ty+m.line), a.t("do:"+k), size, c.Theme.Text, ui.Left)
		ty += m.line
	}
	ty += m.line / 2
	c.Label(image.Rect(kx, ty, box.Max.X-m.pad, ty+m.line), close, size*0.9, c.Theme.Muted, ui.Left)
	if c.In.Pressed && !c.In.Mouse.In(a.widgets["button:help"]) {
		a.help = false
	}
}
