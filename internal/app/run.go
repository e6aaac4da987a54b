package app

import (
	"errors"
	"fmt"
	"image"
	"os"
	"strconv"
	"strings"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/scenarios"
	"clvlab/scenarios/lessons"
	"clvlab/sim/uncertainty"
)

// Options start the app.
type Options struct {
	Scenario string // a preset id or a scenario file; "" for the default
	Fragment string // a link to restore (browser address, or -link)
	Width    int    // window size in device-independent pixels
	Height   int
	// Set lists changes to make before the first frame, "path=value" each
	// (for scripted screenshots and tests).
	Set []string
	// Screenshot, if set, saves the first frame after the changes to this
	// PNG file and quits.
	Screenshot string
	ExportDir  string // where exports are saved (native)
	// Trials turns on Monte Carlo bands with this many trials per run.
	Trials int
	// Lesson opens the shipped lesson of this id at its first step (on
	// its scenario); "" for none.
	Lesson string
	// Projector starts in projector mode.
	Projector bool
}

// Run opens the planner in a window (native) or the page's canvas
// (browser) and returns when it is closed.
func Run(o Options) error {
	preset, s, err := open(o.Scenario)
	if err != nil {
		return err
	}
	if o.Lesson != "" {
		if _, err := lessons.Lookup(o.Lesson); err != nil {
			return fmt.Errorf("-lesson %s: no such lesson; the lessons are %s", o.Lesson, strings.Join(lessons.Shipped(), ", "))
		}
	}
	a, err := New(preset, s, o.Fragment)
	if err != nil {
		return err
	}
	if o.Lesson != "" {
		a.openLesson(o.Lesson, 1, true)
		a.p.ClearHistory() // where the session starts: nothing to undo
	}
	a.teach.projector = a.teach.projector || o.Projector
	if o.ExportDir != "" {
		a.SetExportDir(o.ExportDir)
	}
	for _, kv := range o.Set {
		path, val, ok := strings.Cut(kv, "=")
		v, err := strconv.ParseFloat(val, 64)
		if !ok || err != nil {
			return fmt.Errorf("-set %q: give path=number, e.g. stage.stability.to.stability=0.93", kv)
		}
		if err := a.p.Set(path, v); err != nil {
			return fmt.Errorf("-set %q: %w", kv, err)
		}
		a.p.EndEdit()
	}
	a.shot = o.Screenshot
	a.trials = max(0, min(o.Trials, uncertainty.MaxTrials))
	w, h := o.Width, o.Height
	if w <= 0 || h <= 0 {
		w, h = 1280, 800
	}
	ebiten.SetWindowSize(w, h)
	ebiten.SetWindowSizeLimits(1024, 640, -1, -1)
	ebiten.SetWindowResizingMode(ebiten.WindowResizingModeEnabled)
	ebiten.SetWindowTitle("clvlab: customer lifetime value planner")
	// Paint only when something changed: no clearing, no redraw when idle.
	ebiten.SetScreenClearedEveryFrame(false)
	err = ebiten.RunGame(a)
	if errors.Is(err, ebiten.Termination) {
		err = nil
	}
	if err == nil && a.shotErr != nil {
		err = a.shotErr
	}
	return err
}

// open resolves a scenario argument: a preset id, or a file.
func open(arg string) (preset string, s *scenarios.Scenario, err error) {
	if arg == "" {
		return scenarios.DefaultPreset, nil, nil
	}
	if _, err := os.Stat(arg); err == nil {
		src, err := scenarios.ReadFile(arg)
		if err != nil {
			return "", nil, err
		}
		s, err := scenarios.Parse(arg, src)
		return "", s, err
	}
	if _, err := scenarios.Preset(arg); err != nil {
		return "", nil, fmt.Errorf("%s: no such file, and no shipped scenario of that name; shipped scenarios are %s",
			arg, strings.Join(scenarios.Presets(), ", "))
	}
	return arg, nil, nil
}

// screenshot saves screen to the -screenshot file once a frame was drawn.
func (a *App) screenshot(screen *ebiten.Image) {
	b := screen.Bounds()
	pix := make([]byte, 4*b.Dx()*b.Dy())
	screen.ReadPixels(pix)
	img := &image.RGBA{Pix: pix, Stride: 4 * b.Dx(), Rect: image.Rect(0, 0, b.Dx(), b.Dy())}
	a.shotErr = os.WriteFile(a.shot, pngBytes(img), 0o644)
	a.shot, a.shotDone = "", true
}
