// Package app is the interactive what-if planner: one ebiten game that runs
// in a native window (cmd/clvlab-gui) and in the browser (wasm/). It draws
// the planner's state (package planner) with the widgets of package ui and
// the charts of package chart, drawn on the GPU by package vgebiten into a
// chart image kept until what the chart shows changes (the crosshair and
// its values are painted over it). It recomputes and redraws only when
// something changed, and leaves the screen alone otherwise.
package app

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"io/fs"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/hajimehoshi/ebiten/v2"
	"github.com/hajimehoshi/ebiten/v2/text/v2"
	"gonum.org/v1/plot/font"

	"clvlab/internal/chart"
	"clvlab/internal/planner"
	"clvlab/internal/ui"
	"clvlab/internal/vgebiten"
	"clvlab/scenarios"
	"clvlab/sim/uncertainty"
)

// Stats are what the app measures of itself; the browser build publishes
// them as window.clvlab.
type Stats struct {
	Frames          int     // frames drawn (not skipped)
	Updates         int     // ticks
	Layouts         int     // runs of the widgets (frame)
	LastRecomputeMs float64 // last projection of the scenario, or of the analysis a tab shows
	LastRenderMs    float64 // last chart build and draw (on the GPU, into the kept chart image)
	// LastChartBuildMs, LastChartDrawMs and LastChartGPUMs split
	// LastRenderMs: the figure built (gonum/plot's data, ticks and
	// legends), its drawing calls issued, and the wait for the GPU to
	// finish them (0 unless the platform waits: window.clvlabSync).
	LastChartBuildMs, LastChartDrawMs, LastChartGPUMs float64
	// Charts counts the charts drawn: a tab that shows none (the Plans
	// table) leaves it, and the figures above, as they were.
	Charts int
	// LastMonteCarloMs is the time from the input that asked for trials
	// (the trials button, a lever let go) to the end of the frame that
	// shows their bands, painted (its GPU work is the platform's: the
	// browser bench times that from outside); LastTrialsMs the part of it
	// until the bands were computed.
	LastMonteCarloMs, LastTrialsMs float64
	// StartFontMs and StartScenarioMs are what New spent making the text
	// font and loading the scenario; of the latter, StartParseMs read the
	// shown scenario, StartPlanMs made its planner (the first
	// projection) and StartStoreMs read the saved plans.
	StartFontMs, StartScenarioMs            float64
	StartParseMs, StartPlanMs, StartStoreMs float64
	LastSliceMs                             float64 // the last slice of trials (browser)
	LongestSliceMs                          float64 // the longest slice of the last run of trials in slices (browser)
	LastLayoutMs                            float64 // the last run of the widgets, recompute and chart included
	LastPaintMs                             float64 // the last paint of the screen
	// LastPaintPixels is how many pixels the last paint's drawing calls
	// covered (fills, the chart's copy, the widgets), counting a pixel
	// once per call that covers it: software WebGL pays by the pixel.
	LastPaintPixels int
}

// App is the planner's game.
type App struct {
	p    *planner.Planner
	ui   ui.Context
	lang string
	tab  int
	big  bool // larger text, for classrooms
	// teach is projector mode, the formula panel and the open lesson
	// (teach.go).
	teach teaching
	// dataFit is the fit of a dropped data file (dropdata.go); nil when
	// none was dropped.
	dataFit *droppedFit

	font   *text.GoTextFaceSource
	faces  map[float64]*text.GoTextFace
	widths map[textKey]float64 // measured texts (measure)
	wantZh bool                // Chinese was asked for; the page is fetching its font
	w, h   int
	scale  float64
	scroll int // control panel scroll, in pixels
	// maxScroll is how far the panel scrolls; pageLines how many lines
	// its view holds (a wheel's page).
	maxScroll  int
	pageLines  float64
	panelItems []panelItem
	kpiEdges   []int // the KPI cards' left edges and the strip's right, when they share one row (kpiColumns)
	sbDrag     bool  // the scrollbar's thumb is being dragged
	sbGrab     int   // where in the thumb it was grabbed
	help       bool  // the shortcuts are shown
	// normalChart is the chart's scale at the last frame with normal
	// text, which large text enlarges (chartText).
	normalChart chartArea
	bar         topBarLayout
	status      string   // the status line's text, whole
	wrapped     wrapMemo // the status line's lines
	wrappedDesc wrapMemo // the description's, while a notice shows

	dirty      bool             // the widgets ran: paint the next frame
	stale      bool             // something changed outside the widgets: run them next frame
	read       func(*sample)    // the input of a tick (ebiten's; a test's)
	tick       sample           // the last tick's input
	last       pointerState     // ... its lasting part
	input      pending          // the input since the last frame
	undo, redo bool             // Ctrl+Z or Ctrl+Y came with it
	picker     bool             // the scenario list is open
	plans      plansState       // the Plans tab, the Export menu and the store of plans (plans.go)
	note       notice           // the status line's notice (an export, a problem with a file or link)
	now        func() time.Time // the clock notices expire by (tests set it)

	chartKey chartKey // what the chart image shows
	chartFig *chart.Figure
	chartImg *ebiten.Image // the chart, kept until what it shows changes
	// frameLang is the language the frame being laid out started in.
	frameLang string
	// chartOpaque: every pixel of chartImg is opaque (its background
	// covers it), so the paint copies it with no white under it.
	chartOpaque bool
	chartRect   image.Rectangle
	charts      vgebiten.Supersampled // draws the chart on the GPU
	gpu         gpuWait               // to time the GPU's work
	hover       int                   // period under the mouse, or −1
	hoverKey    chartKey              // the chart the hover values were read from
	hoverLines  []string
	moves       moves // a mouse move over the chart without a layout (hover.go)

	paint       painter
	finalScreen finalScreen // the frame's copy onto the window (DrawFinalScreen)
	clips       map[image.Rectangle]*ebiten.Image
	// screenShown is what the screen shows, areas what the next paint
	// covers (damage.go).
	screenShown shown
	areas       []image.Rectangle
	clipScreen  *ebiten.Image

	shot     string // -screenshot file, saved after the first frame
	shotErr  error
	shotDone bool

	what          whatIf    // the seek and optimise bar
	tornado       tornadoOf // the tornado tab's analysis
	trials        int       // Monte Carlo trials per run; 0 is off
	mcDone        chan mcResult
	mcStarted     string        // mcKey of the last run started
	sliced        bool          // trials run in slices on one goroutine that yields to the page (browser)
	mcRun         *mcRun        // the run in slices in progress
	sliceTrials   int           // fixed trials per slice (tests); 0 runs sliceTime
	progressEvery time.Duration // how often a run in slices shows its progress (tests); 0 is progressEvery
	bands         *uncertainty.Bands
	bandsKey      string
	rowOn         bool      // the trials' row is laid out (trialsRowOn)
	inputSince    time.Time // when the input of this frame's layout came (zero: none)
	bandsAsked    time.Time // when the input came that asked for the bands to show next (zero: none)

	stats    Stats
	platform platform
	widgets  map[string]image.Rectangle // where each control is, for tests
}

// New returns the app on a shipped scenario (preset id) or, when preset is
// empty, on s. fragment, if not empty, is a link to restore (browser).
func New(preset string, s *scenarios.Scenario, fragment string) (*App, error) {
	a := &App{lang: "en", faces: map[float64]*text.GoTextFace{}, widths: map[textKey]float64{}, hover: -1, stale: true, now: time.Now,
		widgets: map[string]image.Rectangle{}, clips: map[image.Rectangle]*ebiten.Image{}, paint: newPainter(),
		mcDone: make(chan mcResult, 4)}
	a.read = (&ebitenInput{pageLines: &a.pageLines}).read
	start := time.Now()
	if err := a.fontChanged(); err != nil {
		return nil, err
	}
	a.stats.StartFontMs = ms(time.Since(start))
	start = time.Now()
	a.platform = newPlatform(a)
	a.plans.store = newPlanStore()
	a.charts.Canvas.Fonts = func(font.Font) *text.GoTextFaceSource { return a.font }
	var link *planner.Link
	if fragment != "" {
		id, l, err := planner.ParseFragment(fragment)
		if err != nil {
			a.fail(err)
		} else {
			if id != "" {
				preset = id
			}
			link = &l
		}
	}
	if s == nil {
		if preset == "" {
			preset = scenarios.DefaultPreset
		}
		var err error
		parse := time.Now()
		s, err = scenarios.Preset(preset)
		a.stats.StartParseMs = ms(time.Since(parse))
		if err != nil {
			a.fail(err)
			preset = scenarios.DefaultPreset
			if s, err = scenarios.Preset(preset); err != nil {
				return nil, err
			}
		}
	}
	if err := a.load(s, preset); err != nil {
		return nil, err
	}
	if link != nil {
		a.tab = min(link.View.Tab, numTabs-1)
		// The link is where the session starts: nothing to undo yet.
		if err := a.p.Open(*link); err != nil {
			a.fail(err)
		}
		a.setSeekView(link.View.Seek)
		a.setLang(link.View.Lang)
		a.big = link.View.Big
		a.openTeaching(link)
	}
	a.stats.StartScenarioMs = ms(time.Since(start))
	a.ui.Measure = a.measure
	return a, nil
}

// load starts planning on s.
func (a *App) load(s *scenarios.Scenario, preset string) error {
	start := time.Now()
	p, err := planner.New(s, preset)
	if err != nil {
		return err
	}
	a.stats.LastRecomputeMs = ms(time.Since(start))
	first := a.p == nil
	a.p, a.scroll, a.chartKey, a.stale = p, 0, chartKey{}, true
	a.what = whatIf{kpi: a.what.kpi} // answers of another scenario must not be applied here; the target is the goal's default
	start = time.Now()
	a.restorePlans()
	if first {
		a.stats.StartPlanMs, a.stats.StartStoreMs = a.stats.LastRecomputeMs, ms(time.Since(start))
	}
	a.bands, a.bandsKey, a.mcStarted, a.rowOn = nil, "", "", false
	a.teach.lesson = lessonState{} // a lesson is about its own scenario (openLesson opens it after loading that)
	return nil
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// Stats returns what the app measured so far.
func (a *App) Stats() Stats { return a.stats }

// Planner returns the planner state (for tests and the browser glue).
func (a *App) Planner() *planner.Planner { return a.p }

// Widgets returns where each control was drawn last, by scenario path,
// and the tabs ("tab:N") and buttons ("button:NAME").
func (a *App) Widgets() map[string]image.Rectangle { return a.widgets }

// Lang and Tab return the language and the chart tab.
func (a *App) Lang() string { return a.lang }
func (a *App) Tab() int     { return a.tab }

// Layout implements ebiten.Game: the screen is the window, in device
// pixels.
func (a *App) Layout(outsideWidth, outsideHeight int) (int, int) {
	s := ebiten.Monitor().DeviceScaleFactor()
	w, h := int(float64(outsideWidth)*s), int(float64(outsideHeight)*s)
	if w != a.w || h != a.h {
		a.w, a.h, a.stale = w, h, true
	}
	return w, h
}

// setLang shows the screen in lang ("en" or "zh"). Chinese needs the
// whole chart font: where the page has yet to fetch it (the browser), the
// screen stays as it is until the font is there (platform.poll comes back
// here).
func (a *App) setLang(lang string) {
	if lang == "zh" && !chart.HasChinese() {
		a.wantZh = true
		if !a.platform.chinese() {
			a.say("loading chinese")
			return
		}
		if err := a.fontChanged(); err != nil {
			a.fail(err)
			return
		}
	}
	if a.wantZh && a.note.key == "loading chinese" {
		a.note, a.stale = notice{}, true
	}
	a.wantZh = false
	if lang != a.lang {
		a.lang, a.stale = lang, true
		a.platform.stateChanged()
	}
}

// fontChanged makes the text font from the chart font (chart.FontTTF) and
// forgets what was drawn with the one before.
func (a *App) fontChanged() error {
	src, err := text.NewGoTextFaceSource(bytes.NewReader(chart.FontTTF()))
	if err != nil {
		return fmt.Errorf("app: font: %w", err)
	}
	a.font = src
	clear(a.faces)
	a.ui.ResetFits()
	clear(a.widths)
	for k, t := range a.paint.texts {
		t.img.Deallocate()
		delete(a.paint.texts, k)
	}
	a.chartKey, a.hoverKey, a.stale = chartKey{}, chartKey{}, true
	a.repaintAll() // the same texts, drawn with another font
	return nil
}

// t returns an interface text in the current language.
func (a *App) t(key string) string { return textIn(key, a.lang) }

// textIn returns an interface text in lang.
func textIn(key, lang string) string {
	m, ok := texts[key]
	if !ok {
		return key
	}
	if lang == "zh" {
		return m[1]
	}
	return m[0]
}

// face returns the font at size pixels.
func (a *App) face(size float64) *text.GoTextFace {
	size = math.Round(size*2) / 2
	f := a.faces[size]
	if f == nil {
		f = &text.GoTextFace{Source: a.font, Size: size}
		a.faces[size] = f
	}
	return f
}

// measure returns the width of s at size, remembered: the layout measures
// the same labels every frame, and shaping a text is slow in the browser.
func (a *App) measure(s string, size float64) float64 {
	k := textKey{s, size}
	if w, ok := a.widths[k]; ok {
		return w
	}
	if len(a.widths) > 4096 {
		clear(a.widths)
	}
	w := text.Advance(s, a.face(size))
	a.widths[k] = w
	return w
}

// KPIs returns the headline figures keyed by name, for tests and the
// browser glue.
func (a *App) KPIs() map[string]float64 {
	out := map[string]float64{}
	for _, k := range a.p.KPIs() {
		if k.Value.Defined {
			out[k.Key] = k.Value.Value
		}
	}
	return out
}

// Fragment returns the link of the current screen.
func (a *App) Fragment() string {
	v := planner.View{Lang: a.lang, Tab: a.tab, Seek: a.seekView(), Big: a.big}
	a.teachingView(&v)
	return a.p.Fragment(v)
}

// chartInput returns the chart input of the current state: the baseline
// dashed under the current values.
func (a *App) chartInput() *chart.Input {
	in := chart.NewInput(a.p.Scenario(), a.p.Runs(a.lang), a.lang)
	in.Current, in.Overlay = len(in.Runs)-1, true // the baseline, the compared plans, the current values
	in.Runs[in.Current].Bands = a.shownBands()
	return in
}

// exportPNG returns the visible chart as a PNG file.
func (a *App) exportPNG() ([]byte, string, error) {
	var fig *chart.Figure
	var err error
	size := chart.DefaultSize
	if a.big { // the file's text as large as the screen's
		size.Text = bigText
	}
	slug := map[int]string{tabTornado: "tornado", tabOptimum: "optimum"}[a.tab]
	if a.tab < len(chart.Kinds) {
		slug = chart.Kinds[a.tab].Slug()
		fig, err = chart.Build(chart.Kinds[a.tab], a.chartInput(), size)
	} else {
		fig, err = a.analysisFigure(size)
	}
	if err != nil {
		return nil, "", err
	}
	var b bytes.Buffer
	if err := fig.WritePNG(&b); err != nil {
		return nil, "", err
	}
	return b.Bytes(), a.p.Scenario().Slug() + "-" + slug + ".png", nil
}

// exportTOML returns every plan and the current values as one scenario
// file (planner.ExportTOML).
func (a *App) exportTOML() ([]byte, string, error) {
	var b bytes.Buffer
	if err := a.p.ExportTOML(&b); err != nil {
		return nil, "", err
	}
	name := a.p.Scenario().Slug()
	if !strings.HasSuffix(name, "-edited") {
		name += "-edited"
	}
	return b.Bytes(), name + ".toml", nil
}

// loadFile opens a dropped or chosen scenario file.
func (a *App) loadFile(name string, src []byte) {
	s, err := scenarios.Parse(name, src)
	if err != nil {
		msg := err.Error()
		if lines := strings.Split(msg, "\n"); len(lines) > 3 {
			msg = strings.Join(lines[:3], "\n") + fmt.Sprintf("\n… %d more", len(lines)-3)
		}
		a.warn("error", msg)
		return
	}
	if err := a.load(s, ""); err != nil {
		a.fail(err)
		return
	}
	a.dataFit = nil
	a.say("loaded", name)
}

// parseNumber reads a typed number; unit percentages are typed as
// percentages.
func parseNumber(k scenarios.Kind) func(string) (float64, bool) {
	return func(s string) (float64, bool) {
		v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(s, "%")), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, false
		}
		if k.Percent() {
			v /= 100
		}
		return v, true
	}
}

// editText is the number a click on a slider's value starts with.
func editText(k scenarios.Kind, v float64) string {
	if k.Percent() {
		return strconv.FormatFloat(100*v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// pngBytes encodes img.
func pngBytes(img image.Image) []byte {
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// platform is what differs between the native window and the browser.
type platform interface {
	poll()                                         // look for dropped files and outside events
	stateChanged()                                 // the link changed (browser: update the address)
	publish()                                      // a frame was drawn (browser: update window.clvlab)
	save(name string, data []byte) (string, error) // keep an exported file; returns where
	// chinese makes the whole chart font (with the hanzi) the chart font
	// if the page has it, starts fetching it if not, and reports whether
	// it is there. Native builds have it from the start.
	chinese() bool
	idle(bool, time.Duration) // nothing left to do until input comes, or this long (browser: hold the frames)
	// chartOptions says how to draw charts: supersampling factor 2
	// (anti-aliased) or 1, and whether to wait for the GPU to finish a
	// chart so that LastRenderMs holds its work (for measurements).
	chartOptions() (factor int, sync bool)
	// yield returns once the page's event loop has had a turn (browser:
	// between slices of the trials); wake ends the page's holding of the
	// frames while idle, from any goroutine (progress or bands to show).
	yield()
	wake()
}

// dropped loads the first file dropped on the window, if any.
func (a *App) dropped() {
	if files := ebiten.DroppedFiles(); files != nil {
		a.openDropped(files)
	}
}

// openDropped loads the first file of files, the ones dropped on the
// window, reading at most the size limit of a scenario.
func (a *App) openDropped(files fs.FS) {
	var name string
	fs.WalkDir(files, ".", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && name == "" {
			name = path
		}
		return nil
	})
	if name == "" {
		return
	}
	if isDataFile(name) {
		a.openData(files, name)
		a.platform.stateChanged()
		return
	}
	src, err := scenarios.ReadFS(files, name)
	if err != nil {
		a.fail(err)
		return
	}
	a.loadFile(name, src)
	a.platform.stateChanged()
}
