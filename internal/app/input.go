package app

import (
	"image"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/inpututil"

	"clvlab/internal/ui"
)

// inputState is what Update compares between ticks to see whether anything
// happened.
type inputState struct {
	x, y  int
	down  bool
	wheel bool
	w, h  int
}

var uiKeys = map[ebiten.Key]ui.Key{
	ebiten.KeyTab: ui.KeyTab, ebiten.KeyArrowLeft: ui.KeyLeft, ebiten.KeyArrowRight: ui.KeyRight,
	ebiten.KeyArrowUp: ui.KeyUp, ebiten.KeyArrowDown: ui.KeyDown, ebiten.KeyHome: ui.KeyHome,
	ebiten.KeyEnd: ui.KeyEnd, ebiten.KeyEnter: ui.KeyEnter, ebiten.KeyNumpadEnter: ui.KeyEnter,
	ebiten.KeySpace: ui.KeySpace, ebiten.KeyEscape: ui.KeyEscape, ebiten.KeyBackspace: ui.KeyBackspace,
	ebiten.KeyDelete: ui.KeyDelete,
}

// repeats says which keys repeat while held.
var repeats = map[ebiten.Key]bool{
	ebiten.KeyArrowLeft: true, ebiten.KeyArrowRight: true, ebiten.KeyArrowUp: true,
	ebiten.KeyArrowDown: true, ebiten.KeyBackspace: true,
}

func keyJust(k ebiten.Key) bool { return inpututil.IsKeyJustPressed(k) }

// readInput collects this tick's input for the widgets.
func (a *App) readInput() (ui.Input, inputState) {
	x, y := ebiten.CursorPosition()
	_, wy := ebiten.Wheel()
	in := ui.Input{
		Mouse:    image.Pt(x, y),
		Down:     ebiten.IsMouseButtonPressed(ebiten.MouseButtonLeft),
		Pressed:  inpututil.IsMouseButtonJustPressed(ebiten.MouseButtonLeft),
		Released: inpututil.IsMouseButtonJustReleased(ebiten.MouseButtonLeft),
		Wheel:    wy,
		Shift:    ebiten.IsKeyPressed(ebiten.KeyShift),
	}
	for k, uk := range uiKeys {
		d := inpututil.KeyPressDuration(k)
		if d == 1 || repeats[k] && d > 24 && d%3 == 0 {
			in.Keys = append(in.Keys, uk)
		}
	}
	if !ebiten.IsKeyPressed(ebiten.KeyControl) && !ebiten.IsKeyPressed(ebiten.KeyMeta) {
		in.Chars = ebiten.AppendInputChars(in.Chars)
	}
	return in, inputState{x: x, y: y, down: in.Down, wheel: wy != 0, w: a.w, h: a.h}
}
