package app

import (
	"image"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"clvlab/internal/ui"
)

// sample is one tick's input: read from ebiten in Update (ebitenInput),
// or given by a test. Its state (pointer, buttons, touches, scale, focus)
// is compared with the last tick's; its events happened this tick.
type sample struct {
	x, y              int  // the pointer: the mouse, or the first touch
	down              bool // the left button or a touch is held
	pressed, released bool // ... went down or up this tick
	wheel             float64
	shift             bool
	keys              []ui.Key // widget keys pressed this tick, repeats included
	chars             []rune   // text typed this tick
	undo, redo        bool     // Ctrl+Z; Ctrl+Y or Ctrl+Shift+Z (Cmd on a Mac)
	touches           int      // fingers on the screen
	scale             float64  // device pixels per CSS pixel (browser) or per point
	focused           bool     // the window or page has the keyboard
	held              bool     // a repeating key is held down (its repeats need the ticks)
}

// pointerState is the part of a sample that lasts between ticks.
type pointerState struct {
	x, y    int
	down    bool
	touches int
	scale   float64
	focused bool
}

func (s *sample) state() pointerState {
	return pointerState{s.x, s.y, s.down, s.touches, s.scale, s.focused}
}

// events reports whether something happened this tick.
func (s *sample) events() bool {
	return s.pressed || s.released || s.wheel != 0 || len(s.keys) > 0 || len(s.chars) > 0 || s.undo || s.redo
}

// uiKeys are the keys the widgets handle, in a fixed order.
var uiKeys = [...]struct {
	key    ebiten.Key
	ui     ui.Key
	repeat bool // repeats while held
}{
	{ebiten.KeyTab, ui.KeyTab, false}, {ebiten.KeyArrowLeft, ui.KeyLeft, true},
	{ebiten.KeyArrowRight, ui.KeyRight, true}, {ebiten.KeyArrowUp, ui.KeyUp, true},
	{ebiten.KeyArrowDown, ui.KeyDown, true}, {ebiten.KeyHome, ui.KeyHome, false},
	{ebiten.KeyEnd, ui.KeyEnd, false}, {ebiten.KeyEnter, ui.KeyEnter, false},
	{ebiten.KeyNumpadEnter, ui.KeyEnter, false}, {ebiten.KeySpace, ui.KeySpace, false},
	{ebiten.KeyEscape, ui.KeyEscape, false}, {ebiten.KeyBackspace, ui.KeyBackspace, true},
	{ebiten.KeyDelete, ui.KeyDelete, false},
	{ebiten.KeyPageUp, ui.KeyPageUp, false}, {ebiten.KeyPageDown, ui.KeyPageDown, false},
}

// ebitenInput reads samples from ebiten. The first touch is the pointer:
// a tap is a click, a drag a drag; the pointer stays where a touch left
// it until the mouse moves.
type ebitenInput struct {
	// pageLines is how many lines a page of the control panel holds (the
	// app's, for a wheel that scrolls by pages).
	pageLines      *float64
	touches        []ebiten.TouchID
	touching       bool
	px, py         int // the pointer's last position
	mouseX, mouseY int
}

func (r *ebitenInput) read(s *sample) {
	keys, chars := s.keys[:0], s.chars[:0]
	*s = sample{
		down:     ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft),
		pressed:  inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft),
		released: inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft),
		shift:    ebiten.IsKeyPressed(ebiten.KeyShift),
		scale:    ebiten.Monitor().DeviceScaleFactor(),
		focused:  ebiten.IsFocused(),
		keys:     keys, chars: chars,
	}
	_, s.wheel = ebiten.Wheel()
	s.wheel = takeWheel(s.wheel, *r.pageLines) // lines: the browser's own listener reads the unit
	if mx, my := ebiten.CursorPosition(); mx != r.mouseX || my != r.mouseY {
		r.mouseX, r.mouseY, r.px, r.py = mx, my, mx, my
	}
	r.touches = ebiten.AppendTouchIDs(r.touches[:0])
	s.touches = len(r.touches)
	switch {
	case len(r.touches) > 0:
		id := r.touches[0]
		r.px, r.py = ebiten.TouchPosition(id)
		s.down = true
		s.pressed = s.pressed || !r.touching
		r.touching = true
	case r.touching:
		s.released, r.touching = true, false
	}
	s.x, s.y = r.px, r.py
	// A held button or touch is not held here: it drags by moving, and
	// each move is an event, which wakes the page's held frames (a frame
	// of a held, still button would change nothing, yet the page showed
	// it again, a whole window copied and read back under software
	// WebGL). A held key repeats with no event between: it needs the
	// ticks.
	for _, k := range uiKeys {
		d := inpututil.KeyPressDuration(k.key)
		s.held = s.held || k.repeat && d > 0
		if d == 1 || k.repeat && d > 24 && d%3 == 0 {
			s.keys = append(s.keys, k.ui)
		}
	}
	if ebiten.IsKeyPressed(ebiten.KeyControl) || ebiten.IsKeyPressed(ebiten.KeyMeta) {
		z, y := inpututil.IsKeyJustPressed(ebiten.KeyZ), inpututil.IsKeyJustPressed(ebiten.KeyY)
		s.undo, s.redo = z && !s.shift, y || z && s.shift
	} else {
		s.chars = ebiten.AppendInputChars(s.chars)
	}
}

// pending is the input of the ticks since the last frame, merged: the
// latest pointer, every event. The widgets run once a frame on it, so a
// drag recomputes at most once a frame, with the latest value. A press is
// the exception: it lands where it happened, and what followed it (moves,
// the release) waits for the next frame.
type pending struct {
	in         ui.Input
	undo, redo bool
	any        bool        // something to run the widgets for
	pressAt    image.Point // where the pending press happened
	afterPress bool        // the pointer moved, or was released, after it
	since      time.Time   // when the first of it came (the tick that read it)
}

// add merges a tick's sample.
func (p *pending) add(s *sample) {
	in := &p.in
	at := image.Pt(s.x, s.y)
	switch {
	case s.pressed && !in.Pressed:
		p.pressAt, p.afterPress = at, false
	case in.Pressed && (at != p.pressAt || s.released):
		p.afterPress = true
	}
	in.Mouse, in.Down, in.Shift = at, s.down, s.shift
	in.Pressed = in.Pressed || s.pressed
	in.Released = in.Released || s.released
	in.Wheel += s.wheel
	in.Keys = append(in.Keys, s.keys...)
	in.Chars = append(in.Chars, s.chars...)
	p.undo, p.redo = p.undo || s.undo, p.redo || s.redo
	if !p.any {
		p.since = time.Now()
	}
	p.any = true
}

// take returns the merged input and starts anew, keeping the pointer (and
// what followed a press, for the next frame). The input returned shares
// its keys and characters with the next one: use it before the next add.
func (p *pending) take() (ui.Input, bool, bool) {
	in, undo, redo := p.in, p.undo, p.redo
	p.undo, p.redo, p.any = false, false, false
	p.in = ui.Input{Mouse: in.Mouse, Down: in.Down, Shift: in.Shift, Keys: in.Keys[:0], Chars: in.Chars[:0]}
	if in.Pressed && p.afterPress {
		p.in.Released, p.any = in.Released, true
		in.Mouse, in.Down, in.Released = p.pressAt, true, false
	}
	return in, undo, redo
}
