package ui

import (
	"image"
	"math"
	"strconv"
	"strings"
	"testing"
)

// frame runs one frame with in, drawing a slider in r.
func frame(c *Context, in Input, r image.Rectangle, s Slider) SliderResult {
	c.Begin(in)
	res := c.Slider("s", r, s)
	c.End()
	return res
}

var (
	sliderRect = image.Rect(0, 0, 200, 40) // track from x=10 to x=190 (pad = 10)
	spec       = Slider{Label: "stay", Value: 0.5, Min: 0, Max: 1, Limit: 1, Step: 0.01, EditText: "50",
		Parse: func(s string) (float64, bool) {
			v, err := strconv.ParseFloat(s, 64)
			return v / 100, err == nil
		}}
)

func TestPositionAndValueAt(t *testing.T) {
	// Track 10..190 for 0..1: 0.25 sits at 10 + 0.25·180 = 55.
	if x := Position(0.25, 0, 1, 10, 190); x != 55 {
		t.Errorf("Position = %d, want 55", x)
	}
	if v := ValueAt(55, 10, 190, 0, 1); v != 0.25 {
		t.Errorf("ValueAt = %v, want 0.25", v)
	}
	if v := ValueAt(-40, 10, 190, 0, 1); v != 0 {
		t.Errorf("left of the track: %v, want 0", v)
	}
	if v := ValueAt(500, 10, 190, 2, 4); v != 4 {
		t.Errorf("right of the track: %v, want 4", v)
	}
}

// TestSliderDrag: press on the track, drag, release: the value follows the
// mouse, stops at Max (the room the row leaves), and the release is
// reported once.
func TestSliderDrag(t *testing.T) {
	var c Context
	s := spec
	s.Max = 0.8 // the row leaves room up to 0.8 of a 0..1 track
	res := frame(&c, Input{Mouse: image.Pt(55, 30), Pressed: true, Down: true}, sliderRect, s)
	if !res.Changed || math.Abs(res.Value-0.25) > 1e-9 {
		t.Fatalf("press at 55: %+v, want 0.25", res)
	}
	s.Value = res.Value
	res = frame(&c, Input{Mouse: image.Pt(190, 10), Down: true}, sliderRect, s)
	if res.Value != 0.8 || res.Released {
		t.Errorf("drag to the end: %+v, want 0.8 (clamped) and no release", res)
	}
	s.Value = res.Value
	res = frame(&c, Input{Mouse: image.Pt(190, 10), Released: true}, sliderRect, s)
	if !res.Released {
		t.Error("release not reported")
	}
	res = frame(&c, Input{Mouse: image.Pt(100, 30)}, sliderRect, s)
	if res.Changed {
		t.Error("the value moves after the release")
	}
}

// TestSliderKeys: Tab focuses, arrows nudge by Step (×10 with Shift),
// Home/End jump to the ends.
func TestSliderKeys(t *testing.T) {
	var c Context
	s := spec
	frame(&c, Input{}, sliderRect, s)
	frame(&c, Input{Keys: []Key{KeyTab}}, sliderRect, s)
	if c.Focus() != "s" {
		t.Fatalf("focus %q after Tab", c.Focus())
	}
	for _, k := range []struct {
		in   Input
		want float64
	}{
		{Input{Keys: []Key{KeyRight}}, 0.51},
		{Input{Keys: []Key{KeyLeft}, Shift: true}, 0.40},
		{Input{Keys: []Key{KeyEnd}}, 1},
		{Input{Keys: []Key{KeyHome}}, 0},
	} {
		res := frame(&c, k.in, sliderRect, s)
		if math.Abs(res.Value-k.want) > 1e-12 || !res.Released {
			t.Errorf("keys %v: %+v, want %v", k.in.Keys, res, k.want)
		}
	}
}

// TestSliderTypedValue: a click on the value starts typing; Enter takes
// the number (92 → 0.92), Escape drops it.
func TestSliderTypedValue(t *testing.T) {
	var c Context
	s := spec
	frame(&c, Input{Mouse: image.Pt(190, 10), Pressed: true}, sliderRect, s)
	if !c.Editing() {
		t.Fatal("click on the value did not start an edit")
	}
	frame(&c, Input{Keys: []Key{KeyBackspace, KeyBackspace}}, sliderRect, s)
	frame(&c, Input{Chars: []rune("92x")}, sliderRect, s)
	res := frame(&c, Input{Keys: []Key{KeyEnter}}, sliderRect, s)
	if !res.Changed || math.Abs(res.Value-0.92) > 1e-12 || c.Editing() {
		t.Errorf("typed 92: %+v (editing %v), want 0.92", res, c.Editing())
	}
	frame(&c, Input{Mouse: image.Pt(190, 10), Pressed: true}, sliderRect, s)
	frame(&c, Input{Chars: []rune("7")}, sliderRect, s)
	res = frame(&c, Input{Keys: []Key{KeyEscape}}, sliderRect, s)
	if res.Changed || c.Editing() {
		t.Errorf("Escape: %+v, editing %v; want nothing taken", res, c.Editing())
	}
	if c.Focus() != "s" {
		t.Error("Escape in an edit also dropped the focus")
	}
}

// TestSliderReset: the reset mark appears for a changed value and resets.
func TestSliderReset(t *testing.T) {
	var c Context
	s := spec
	s.Changed = true
	// The mark sits left of the value: value is the right 42% (84 px), the
	// mark one line height (20 px) before it: x 96..116.
	res := frame(&c, Input{Mouse: image.Pt(106, 10), Pressed: true}, sliderRect, s)
	if !res.Reset {
		t.Errorf("click on the reset mark: %+v", res)
	}
}

// TestFocusOrder: Tab cycles through the widgets in the order drawn,
// Shift+Tab backwards; Enter presses a focused button.
func TestFocusOrder(t *testing.T) {
	var c Context
	draw := func(in Input) (a, b bool, sel int) {
		c.Begin(in)
		a = c.Button("a", image.Rect(0, 0, 50, 20), "A", true)
		b = c.Button("b", image.Rect(60, 0, 110, 20), "B", true)
		sel = c.Tabs("t", image.Rect(0, 30, 300, 50), []string{"x", "y", "z"}, 1)
		c.End()
		return
	}
	draw(Input{})
	for _, want := range []string{"a", "b", "t", "a"} {
		draw(Input{Keys: []Key{KeyTab}})
		if c.Focus() != want {
			t.Fatalf("focus %q, want %q", c.Focus(), want)
		}
	}
	draw(Input{Keys: []Key{KeyTab}, Shift: true})
	if c.Focus() != "t" {
		t.Fatalf("Shift+Tab: focus %q, want t", c.Focus())
	}
	if _, _, sel := draw(Input{Keys: []Key{KeyRight}}); sel != 2 {
		t.Errorf("Right on tabs: %d, want 2", sel)
	}
	if _, _, sel := draw(Input{Mouse: image.Pt(10, 40), Pressed: true}); sel != 0 {
		t.Errorf("click on the first tab: %d", sel)
	}
	c.SetFocus("b")
	if _, b, _ := draw(Input{Keys: []Key{KeyEnter}}); !b {
		t.Error("Enter did not press the focused button")
	}
	if a, _, _ := draw(Input{Mouse: image.Pt(10, 10), Pressed: true}); !a {
		t.Error("click did not press the button")
	}
	c.Begin(Input{Mouse: image.Pt(10, 10), Pressed: true})
	if c.Button("off", image.Rect(0, 0, 50, 20), "Off", false) {
		t.Error("a disabled button was pressed")
	}
}

func TestTextFieldAndFit(t *testing.T) {
	var c Context
	c.Measure = func(s string, size float64) float64 { return float64(len([]rune(s))) * 10 }
	text := "ab"
	r := image.Rect(0, 0, 100, 20)
	c.Begin(Input{Mouse: image.Pt(5, 5), Pressed: true})
	c.TextField("f", r, &text)
	c.End()
	c.Begin(Input{Chars: []rune("cd"), Keys: []Key{KeyBackspace}})
	c.TextField("f", r, &text)
	c.End()
	if text != "abc" {
		t.Errorf("text %q, want abc", text)
	}
	if got := c.fit("abcdefghijkl", 0, 60); got != "abcde…" {
		t.Errorf("fit = %q, want abcde… (6 × 10 px)", got)
	}
}

// TestResetMarkCrosses (issue 12, defect 9): the reset mark of a changed
// value is two strokes, one falling and one rising, not one stroke twice.
func TestResetMarkCrosses(t *testing.T) {
	var c Context
	s := spec
	s.Changed = true
	frame(&c, Input{}, sliderRect, s)
	var falling, rising int
	for _, op := range c.Ops() {
		if op.Kind != OpLine {
			continue
		}
		switch {
		case op.R.Max.X > op.R.Min.X && op.R.Max.Y > op.R.Min.Y:
			falling++
		case op.R.Max.X > op.R.Min.X && op.R.Max.Y < op.R.Min.Y:
			rising++
		}
	}
	if falling != 1 || rising != 1 {
		t.Errorf("reset mark: %d falling and %d rising strokes, want one of each", falling, rising)
	}
}

// TestFitHalves: fit gives the longest start of the text that fits with
// "…" (the answer of trying every length from the longest down, computed
// here), for every width, with a measure that is not proportional to the
// rune count (wide and narrow letters); and it measures a 300-rune text
// at most 1 + ⌈log2 300⌉ = 10 times, where trying every length took up to
// 300.
func TestFitHalves(t *testing.T) {
	widths := map[rune]float64{'m': 14, 'i': 4, '…': 9}
	calls := 0
	var c Context
	c.Measure = func(s string, _ float64) float64 {
		calls++
		w := 0.0
		for _, r := range s {
			if v, ok := widths[r]; ok {
				w += v
			} else {
				w += 8
			}
		}
		return w
	}
	text := strings.Repeat("mim ki zaiii ", 25) // 300 runes
	r := []rune(text)
	for width := 0; width <= int(c.Measure(text, 0))+10; width += 7 {
		want := ""
		if c.Measure(text, 0) <= float64(width) {
			want = text
		} else {
			for n := len(r) - 1; n >= 1; n-- {
				if s := string(r[:n]) + "…"; c.Measure(s, 0) <= float64(width) {
					want = s
					break
				}
			}
		}
		calls = 0
		if got := c.fit(text, 0, width); got != want {
			t.Fatalf("width %d: fit = %q, want %q", width, got, want)
		}
		if calls > 10 {
			t.Errorf("width %d: %d measures", width, calls)
		}
	}
}
