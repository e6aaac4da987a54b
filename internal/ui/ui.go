// Package ui is clvlab's small immediate-mode widget set: slider, button,
// tabs, toggle and text field, keyboard reachable. It is independent of any
// screen: a frame's input goes in (Begin), widgets are called in order and
// react to it, and what to draw comes out as a list of shapes and texts
// (Ops) that the app paints with ebiten's vector and text packages. So the
// widgets' behaviour is tested without a display.
package ui

import (
	"image"
	"image/color"
	"math"
	"strings"
)

// Key is a key the widgets use.
type Key int

const (
	KeyTab Key = iota
	KeyLeft
	KeyRight
	KeyUp
	KeyDown
	KeyHome
	KeyEnd
	KeyEnter
	KeySpace
	KeyEscape
	KeyBackspace
	KeyDelete
	KeyPageUp   // a presenter's clicker: back
	KeyPageDown // a presenter's clicker: next
)

// Input is one frame's input.
type Input struct {
	Mouse    image.Point
	Down     bool // left button held
	Pressed  bool // left button went down this frame
	Released bool // left button went up this frame
	Wheel    float64
	Shift    bool
	Keys     []Key  // keys pressed this frame, repeats included
	Chars    []rune // text typed this frame
}

// has reports whether k was pressed this frame.
func (in *Input) has(k Key) bool {
	for _, x := range in.Keys {
		if x == k {
			return true
		}
	}
	return false
}

// Theme holds the colours and text size of the widgets.
type Theme struct {
	FontSize float64 // body text, in pixels
	Text     color.RGBA
	Muted    color.RGBA
	Panel    color.RGBA
	Track    color.RGBA
	Accent   color.RGBA
	Focus    color.RGBA
	Good     color.RGBA
	Bad      color.RGBA
	Changed  color.RGBA // marks a value that differs from the scenario's
}

// DefaultTheme is dark text on a light background, in colour-blind safe
// accents (Okabe–Ito blue; green and vermillion for good and bad news).
func DefaultTheme(fontSize float64) Theme {
	return Theme{
		FontSize: fontSize,
		Text:     color.RGBA{0x1a, 0x1a, 0x1a, 0xff},
		Muted:    color.RGBA{0x5a, 0x5a, 0x5a, 0xff},
		Panel:    color.RGBA{0xf2, 0xf2, 0xf2, 0xff},
		Track:    color.RGBA{0xc8, 0xc8, 0xc8, 0xff},
		Accent:   color.RGBA{0x00, 0x72, 0xb2, 0xff},
		Focus:    color.RGBA{0xe6, 0x9f, 0x00, 0xff},
		Good:     color.RGBA{0x00, 0x7a, 0x5a, 0xff},
		Bad:      color.RGBA{0xb3, 0x47, 0x00, 0xff},
		Changed:  color.RGBA{0xcc, 0x79, 0xa7, 0xff},
	}
}

// OpKind says what an Op draws.
type OpKind int

const (
	OpFill   OpKind = iota // a filled rectangle
	OpStroke               // a rectangle outline of Width
	OpLine                 // a line from R.Min to R.Max of Width
	OpCircle               // a filled circle inside R
	OpText                 // Text in R, aligned by Align, at Size
	OpClip                 // clip what follows to R; an empty R ends clipping
)

// Align places text in its rectangle.
type Align int

const (
	Left Align = iota
	Center
	Right
)

// Op is one thing to draw.
type Op struct {
	Kind  OpKind
	R     image.Rectangle
	Color color.RGBA
	Width float32
	Text  string
	Size  float64
	Align Align
}

// Context runs the widgets of one frame after another.
type Context struct {
	In    Input
	Theme Theme
	// Measure returns the width in pixels of s at size; the app sets it
	// from its font.
	Measure func(s string, size float64) float64

	ops      []Op
	hot      string   // under the mouse
	active   string   // being dragged
	focus    string   // takes the keyboard
	order    []string // focusable widgets in this frame's order
	prev     []string // last frame's order, for Tab
	editing  string   // the text field (or slider value) being edited
	edit     []rune
	changed  bool
	consumed bool // a key was used by a widget
	// Cut lists the texts of this frame that Label shortened with "…" to
	// fit (for tests: a text that must be whole is a layout bug).
	Cut []string

	fits map[fitKey]string // fit's answers: a frame fits the same texts again
}

// fitKey is what fit's answer depends on.
type fitKey struct {
	text  string
	size  float64
	width int
}

// Begin starts a frame with its input; Tab moves the focus to the next
// widget of the last frame (Shift+Tab to the previous).
func (c *Context) Begin(in Input) {
	c.In = in
	c.ops = c.ops[:0]
	c.prev, c.order = c.order, c.prev[:0]
	c.hot = ""
	c.changed = false
	c.consumed = false
	c.Cut = c.Cut[:0]
	c.tab()
}

// tab moves the focus on Tab to the next widget of the last frame's order
// (Shift+Tab to the previous), before this frame's widgets are drawn, so
// they draw the focus ring where it went.
func (c *Context) tab() {
	if !c.In.has(KeyTab) || len(c.prev) == 0 {
		return
	}
	i := indexOf(c.prev, c.focus)
	switch {
	case i < 0:
		i = 0
		if c.In.Shift {
			i = len(c.prev) - 1
		}
	case c.In.Shift:
		i = (i - 1 + len(c.prev)) % len(c.prev)
	default:
		i = (i + 1) % len(c.prev)
	}
	c.focus = c.prev[i]
	c.editing = ""
	c.changed = true
}

// End finishes the frame: Escape drops the focus. (Tab moved it in Begin.)
func (c *Context) End() {
	if c.In.Released {
		c.active = ""
	}
	if c.In.has(KeyEscape) && c.editing == "" && !c.consumed {
		c.focus = ""
	}
}

// Ops returns what the frame draws, in order.
func (c *Context) Ops() []Op { return c.ops }

// Changed reports whether a widget changed a value this frame.
func (c *Context) Changed() bool { return c.changed }

// Focus returns the id of the focused widget, or "".
func (c *Context) Focus() string { return c.focus }

// SetFocus gives the keyboard to widget id.
func (c *Context) SetFocus(id string) { c.focus = id }

// Active reports whether a widget is being dragged.
func (c *Context) Active() bool { return c.active != "" }

// Editing reports whether a text is being typed.
func (c *Context) Editing() bool { return c.editing != "" }

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// Add appends a drawing op, for the app's own shapes between widgets.
func (c *Context) Add(op Op) { c.ops = append(c.ops, op) }

// Clip clips what is drawn next to r; Clip(image.Rectangle{}) ends it.
func (c *Context) Clip(r image.Rectangle) { c.ops = append(c.ops, Op{Kind: OpClip, R: r}) }

// Fill draws a filled rectangle.
func (c *Context) Fill(r image.Rectangle, col color.RGBA) {
	c.ops = append(c.ops, Op{Kind: OpFill, R: r, Color: col})
}

// Label draws text in r; size 0 means the theme's size.
func (c *Context) Label(r image.Rectangle, text string, size float64, col color.RGBA, align Align) {
	if size == 0 {
		size = c.Theme.FontSize
	}
	fitted := c.fit(text, size, r.Dx())
	if fitted != text {
		c.Cut = append(c.Cut, text)
	}
	c.ops = append(c.ops, Op{Kind: OpText, R: r, Text: fitted, Color: col, Size: size, Align: align})
}

// fit shortens text with "…" to fit width pixels: the longest start of it
// that fits with the "…", found by halving (a measure shapes the whole
// text, so trying one length after another made a long description cost
// hundreds of measures, most of the browser's first frame).
func (c *Context) fit(text string, size float64, width int) string {
	if c.Measure == nil {
		return text
	}
	key := fitKey{text, size, width}
	if s, ok := c.fits[key]; ok {
		return s
	}
	if c.fits == nil || len(c.fits) >= 1024 { // texts of scenarios and languages gone by
		c.fits = map[fitKey]string{}
	}
	s := c.fitMeasured(text, size, width)
	c.fits[key] = s
	return s
}

// ResetFits forgets the texts fitted so far: the app calls it when
// Measure's answers change (another font, another text scale).
func (c *Context) ResetFits() { c.fits = nil }

// fitMeasured is fit without its cache.
func (c *Context) fitMeasured(text string, size float64, width int) string {
	if c.Measure(text, size) <= float64(width) {
		return text
	}
	r := []rune(text)
	// r[:lo] with "…" fits (or lo is 0); r[:hi] with "…" does not (len(r)
	// is known not to fit without it, so not with it either).
	lo, hi := 0, len(r)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if c.Measure(string(r[:mid])+"…", size) <= float64(width) {
			lo = mid
		} else {
			hi = mid
		}
	}
	if lo == 0 {
		return ""
	}
	return string(r[:lo]) + "…"
}

// Focusable registers widget id in the Tab order without drawing it: a
// control scrolled out of view stays reachable by the keyboard (the app
// scrolls it into view when it takes the focus).
func (c *Context) Focusable(id string) { c.order = append(c.order, id) }

// widget registers a focusable widget and returns whether the mouse is over
// it and whether it has the focus.
func (c *Context) widget(id string, r image.Rectangle) (hover, focused bool) {
	c.order = append(c.order, id)
	hover = c.In.Mouse.In(r)
	if hover {
		c.hot = id
	}
	return hover, c.focus == id
}

func (c *Context) focusRing(r image.Rectangle) {
	c.ops = append(c.ops, Op{Kind: OpStroke, R: r.Inset(-2), Color: c.Theme.Focus, Width: 2})
}

// Button draws a button and reports whether it was clicked (or Enter or
// Space pressed while it has the focus).
func (c *Context) Button(id string, r image.Rectangle, label string, enabled bool) bool {
	hover, focused := c.widget(id, r)
	bg := c.Theme.Panel
	fg := c.Theme.Text
	if !enabled {
		fg = c.Theme.Track
	} else if hover {
		bg = c.Theme.Track
	}
	c.Fill(r, bg)
	c.ops = append(c.ops, Op{Kind: OpStroke, R: r, Color: c.Theme.Track, Width: 1})
	c.Label(r.Inset(4), label, 0, fg, Center)
	if focused {
		c.focusRing(r)
	}
	if !enabled {
		return false
	}
	clicked := hover && c.In.Pressed
	if focused && (c.In.has(KeyEnter) || c.In.has(KeySpace)) {
		clicked = true
		c.consumed = true
	}
	if clicked {
		c.focus = id
		c.changed = true
	}
	return clicked
}

// Toggle draws a two-state button showing on and reports whether it was
// switched.
func (c *Context) Toggle(id string, r image.Rectangle, label string, on bool) bool {
	hover, focused := c.widget(id, r)
	bg, fg := c.Theme.Panel, c.Theme.Text
	if on {
		bg, fg = c.Theme.Accent, color.RGBA{0xff, 0xff, 0xff, 0xff}
	} else if hover {
		bg = c.Theme.Track
	}
	c.Fill(r, bg)
	c.ops = append(c.ops, Op{Kind: OpStroke, R: r, Color: c.Theme.Track, Width: 1})
	c.Label(r.Inset(4), label, 0, fg, Center)
	if focused {
		c.focusRing(r)
	}
	switched := hover && c.In.Pressed || focused && (c.In.has(KeyEnter) || c.In.has(KeySpace))
	if switched {
		c.focus = id
		c.changed = true
		c.consumed = true
	}
	return switched
}

// Tabs draws a row of tabs and returns the selected one: a click selects,
// and Left/Right move the selection while the tabs have the focus.
func (c *Context) Tabs(id string, r image.Rectangle, labels []string, sel int) int {
	return c.TabsGrid(id, r, labels, sel, len(labels))
}

// TabsGrid draws the tabs in rows of cols (the last row may hold fewer),
// for labels too long for one row: r holds all rows. It returns the
// selected tab, as Tabs.
func (c *Context) TabsGrid(id string, r image.Rectangle, labels []string, sel, cols int) int {
	hover, focused := c.widget(id, r)
	n := len(labels)
	if n == 0 {
		return sel
	}
	rects := c.TabGridRects(r, labels, cols)
	for i := range labels {
		tr := rects[i]
		bg, fg := c.Theme.Panel, c.Theme.Muted
		if i == sel {
			bg, fg = color.RGBA{0xff, 0xff, 0xff, 0xff}, c.Theme.Text
		}
		c.Fill(tr, bg)
		if i == sel {
			c.Fill(image.Rect(tr.Min.X, tr.Max.Y-3, tr.Max.X, tr.Max.Y), c.Theme.Accent)
		}
		c.Label(tr.Inset(3), labels[i], c.Theme.FontSize*0.92, fg, Center)
		if hover && c.In.Pressed && c.In.Mouse.In(tr) && i != sel {
			sel = i
			c.focus = id
			c.changed = true
		}
	}
	if focused {
		c.focusRing(r)
		switch {
		case c.In.has(KeyLeft) && sel > 0:
			sel--
			c.changed = true
		case c.In.has(KeyRight) && sel < n-1:
			sel++
			c.changed = true
		}
	}
	return sel
}

// TabRects returns where Tabs draws each tab in r: as wide as its label
// (at the tabs' font size, inset 3 on each side) plus an equal share of
// the room left, so a long label is not cut while short ones have room
// to spare; of equal width when the labels do not fit, or without
// Measure.
func (c *Context) TabRects(r image.Rectangle, labels []string) []image.Rectangle {
	n := len(labels)
	out := make([]image.Rectangle, n)
	widths := make([]int, n)
	need := 0
	for i, l := range labels {
		if c.Measure != nil {
			widths[i] = int(math.Ceil(c.Measure(l, c.Theme.FontSize*0.92))) + 8
		}
		need += widths[i]
	}
	if c.Measure == nil || need > r.Dx() {
		for i := range widths {
			widths[i], need = 0, 0
		}
	}
	extra := r.Dx() - need
	x := r.Min.X
	for i := range labels {
		w := widths[i] + extra/n
		if i < extra%n {
			w++
		}
		out[i] = image.Rect(x, r.Min.Y, x+w, r.Max.Y)
		x += w
	}
	out[n-1].Max.X = r.Max.X
	return out
}

// TabGridRects returns where TabsGrid draws each tab in r: rows of at
// most cols tabs, as even as they go (5 and 5, not 9 and 1), each row
// laid out as TabRects lays out one.
func (c *Context) TabGridRects(r image.Rectangle, labels []string, cols int) []image.Rectangle {
	n := len(labels)
	cols = max(1, min(cols, n))
	rows := (n + cols - 1) / cols
	out := make([]image.Rectangle, 0, n)
	for row := range rows {
		lo, hi := row*n/rows, (row+1)*n/rows
		y0, y1 := r.Min.Y+row*r.Dy()/rows, r.Min.Y+(row+1)*r.Dy()/rows
		out = append(out, c.TabRects(image.Rect(r.Min.X, y0, r.Max.X, y1), labels[lo:hi])...)
	}
	return out
}

// Slider describes one slider for Context.Slider.
type Slider struct {
	Label     string
	ValueText string  // the value with its unit, shown right of the label
	Value     float64 // current value
	Min, Max  float64 // the range now allowed
	Limit     float64 // where the track ends (≥ Max); beyond Max is greyed: what the row leaves no room for
	Step      float64 // arrow-key nudge (Shift: ×10)
	Changed   bool    // the value differs from the scenario's: marked
	// EditText is the number a click on the value starts editing with;
	// Parse turns the typed text back into a value.
	EditText string
	Parse    func(string) (float64, bool)
}

// SliderResult is what happened to a slider this frame.
type SliderResult struct {
	Value    float64
	Changed  bool // the value moved
	Released bool // a drag or an edit ended: one undo step
	Reset    bool // the reset mark was clicked
}

// Position returns the x of value v on a track from x0 to x1 for the
// range lo..hi.
func Position(v, lo, hi float64, x0, x1 int) int {
	if hi <= lo {
		return x0
	}
	f := math.Max(0, math.Min(1, (v-lo)/(hi-lo)))
	return x0 + int(math.Round(f*float64(x1-x0)))
}

// ValueAt returns the value at x on a track from x0 to x1 for the range
// lo..hi, clamped to the range.
func ValueAt(x, x0, x1 int, lo, hi float64) float64 {
	if x1 <= x0 {
		return lo
	}
	f := math.Max(0, math.Min(1, float64(x-x0)/float64(x1-x0)))
	return lo + f*(hi-lo)
}

// Slider draws a labelled slider in r (label and value on the first line,
// track on the second) and handles dragging, clicking the value to type
// an exact number, arrow keys, Home/End and the reset mark.
func (c *Context) Slider(id string, r image.Rectangle, s Slider) SliderResult {
	res := SliderResult{Value: s.Value}
	limit := math.Max(s.Limit, s.Max)
	_, focused := c.widget(id, r)
	th := c.Theme
	lineH := r.Dy() / 2
	labelR := image.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Min.Y+lineH)
	valueW := int(math.Max(float64(r.Dx())*0.42, 1))
	valueR := image.Rect(r.Max.X-valueW, labelR.Min.Y, r.Max.X, labelR.Max.Y)
	resetR := image.Rect(valueR.Min.X-lineH, labelR.Min.Y, valueR.Min.X, labelR.Max.Y)
	pad := lineH / 2
	track := image.Rect(r.Min.X+pad, r.Min.Y+lineH+lineH/2-2, r.Max.X-pad, r.Min.Y+lineH+lineH/2+2)

	c.Label(image.Rect(labelR.Min.X, labelR.Min.Y, resetR.Min.X, labelR.Max.Y), s.Label, 0, th.Text, Left)
	if s.Changed {
		// The reset mark, a small cross: a click returns the value to the
		// scenario's. A line runs from R.Min to R.Max, so the rising
		// stroke is written out: image.Rect would put its ends back in
		// order and draw the falling stroke twice.
		k := resetR.Inset(resetR.Dy() / 4)
		rising := image.Rectangle{Min: image.Pt(k.Min.X, k.Max.Y), Max: image.Pt(k.Max.X, k.Min.Y)}
		c.ops = append(c.ops,
			Op{Kind: OpLine, R: k, Color: th.Changed, Width: 2},
			Op{Kind: OpLine, R: rising, Color: th.Changed, Width: 2})
		if c.In.Pressed && c.In.Mouse.In(resetR) {
			res.Reset, res.Released = true, true
			c.changed = true
			return res
		}
	}
	editing := c.editing == id
	if editing {
		c.Fill(valueR, color.RGBA{0xff, 0xff, 0xff, 0xff})
		c.ops = append(c.ops, Op{Kind: OpStroke, R: valueR, Color: th.Accent, Width: 1})
		c.Label(valueR.Inset(2), string(c.edit)+"|", 0, th.Text, Right)
	} else {
		col := th.Text
		if s.Changed {
			col = th.Changed
		}
		c.Label(valueR, s.ValueText, 0, col, Right)
	}

	// Track: the allowed part in accent up to the value, the part the row
	// leaves no room for hatched in grey.
	x0, x1 := track.Min.X, track.Max.X
	xMax := Position(s.Max, s.Min, limit, x0, x1)
	c.Fill(track, th.Track)
	if xMax < x1 {
		c.Fill(image.Rect(xMax, track.Min.Y-1, x1, track.Max.Y+1), color.RGBA{0xe4, 0xe4, 0xe4, 0xff})
	}
	xv := Position(s.Value, s.Min, limit, x0, x1)
	c.Fill(image.Rect(x0, track.Min.Y, xv, track.Max.Y), th.Accent)
	knob := lineH / 3
	c.ops = append(c.ops, Op{Kind: OpCircle, R: image.Rect(xv-knob, track.Min.Y+2-knob, xv+knob, track.Min.Y+2+knob), Color: th.Accent})
	if focused {
		c.focusRing(r)
	}

	set := func(v float64) {
		v = math.Max(s.Min, math.Min(s.Max, v))
		if v != res.Value {
			res.Value, res.Changed = v, true
			c.changed = true
		}
	}
	hitTrack := image.Rect(r.Min.X, labelR.Max.Y, r.Max.X, r.Max.Y)
	switch {
	case editing:
		c.typeInto(id, &res, s)
	case c.In.Pressed && c.In.Mouse.In(valueR) && s.Parse != nil:
		c.editing, c.focus = id, id
		c.edit = []rune(s.EditText)
		c.changed = true
	case c.In.Pressed && c.In.Mouse.In(hitTrack):
		c.active, c.focus = id, id
		set(ValueAt(c.In.Mouse.X, x0, x1, s.Min, limit))
	case c.active == id && c.In.Down:
		set(ValueAt(c.In.Mouse.X, x0, x1, s.Min, limit))
	case c.active == id && c.In.Released:
		set(ValueAt(c.In.Mouse.X, x0, x1, s.Min, limit))
		res.Released = true
	case focused:
		step := s.Step
		if c.In.Shift {
			step *= 10
		}
		switch {
		case c.In.has(KeyLeft) || c.In.has(KeyDown):
			set(s.Value - step)
			res.Released = true
		case c.In.has(KeyRight) || c.In.has(KeyUp):
			set(s.Value + step)
			res.Released = true
		case c.In.has(KeyHome):
			set(s.Min)
			res.Released = true
		case c.In.has(KeyEnd):
			set(s.Max)
			res.Released = true
		case c.In.has(KeyEnter) && s.Parse != nil:
			c.editing = id
			c.edit = []rune(s.EditText)
			c.changed = true
		}
	}
	return res
}

// typeInto edits the value text of slider id: digits and signs typed,
// Backspace, Enter to take it, Escape to drop it.
func (c *Context) typeInto(id string, res *SliderResult, s Slider) {
	for _, r := range c.In.Chars {
		if strings.ContainsRune("0123456789.-+eE", r) && len(c.edit) < 24 {
			c.edit = append(c.edit, r)
			c.changed = true
		}
	}
	for _, k := range c.In.Keys {
		if k == KeyBackspace && len(c.edit) > 0 {
			c.edit = c.edit[:len(c.edit)-1]
			c.changed = true
		}
	}
	switch {
	case c.In.has(KeyEscape):
		c.editing = ""
		c.consumed = true
		c.changed = true
	case c.In.has(KeyEnter):
		if v, ok := s.Parse(string(c.edit)); ok {
			v = math.Max(s.Min, math.Min(s.Max, v))
			res.Value, res.Changed = v, v != s.Value
		}
		res.Released = true
		c.editing = ""
		c.consumed = true
		c.changed = true
	case c.In.Pressed && c.hot != id:
		// A click elsewhere ends the edit without taking it.
		c.editing = ""
		c.changed = true
	}
}

// TextField draws an editable line of text; it reports whether Enter
// submitted it.
func (c *Context) TextField(id string, r image.Rectangle, text *string) bool {
	hover, focused := c.widget(id, r)
	c.Fill(r, color.RGBA{0xff, 0xff, 0xff, 0xff})
	c.ops = append(c.ops, Op{Kind: OpStroke, R: r, Color: c.Theme.Track, Width: 1})
	shown := *text
	if focused {
		shown += "|"
		c.focusRing(r)
	}
	c.Label(r.Inset(4), shown, 0, c.Theme.Text, Left)
	if hover && c.In.Pressed {
		c.focus = id
		c.changed = true
	}
	if !focused {
		return false
	}
	if len(c.In.Chars) > 0 {
		*text += string(c.In.Chars)
		c.changed = true
	}
	if c.In.has(KeyBackspace) && len(*text) > 0 {
		r := []rune(*text)
		*text = string(r[:len(r)-1])
		c.changed = true
	}
	if c.In.has(KeyEnter) {
		c.consumed = true
		c.changed = true
		return true
	}
	return false
}
