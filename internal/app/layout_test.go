package app

import (
	"fmt"
	"image"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/chart"
	"clvlab/internal/ui"
)

// layoutCases are the window sizes, languages and text sizes the layout
// must hold at (issue 12, defect 2).
func layoutCases() []struct {
	w, h int
	lang string
	big  bool
} {
	var out []struct {
		w, h int
		lang string
		big  bool
	}
	for _, sz := range [][2]int{{1024, 640}, {1280, 800}, {1920, 1080}} {
		for _, lang := range []string{"en", "zh"} {
			for _, big := range []bool{false, true} {
				out = append(out, struct {
					w, h int
					lang string
					big  bool
				}{sz[0], sz[1], lang, big})
			}
		}
	}
	return out
}

// overlaps returns the pairs of widget boxes that overlap, sorted.
func overlaps(widgets map[string]image.Rectangle) []string {
	ids := make([]string, 0, len(widgets))
	for id := range widgets {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var out []string
	for i, a := range ids {
		for _, b := range ids[i+1:] {
			if widgets[a].Overlaps(widgets[b]) {
				out = append(out, fmt.Sprintf("%s %v and %s %v", a, widgets[a], b, widgets[b]))
			}
		}
	}
	return out
}

// TestLayoutWhole (defects 2, 11): at 1024×640, 1280×800 and 1920×1080,
// in English and Chinese, with normal and large text, no two widget boxes
// overlap (buttons, tabs, KPI cards, sliders, the seek bar, the status
// line, the panel's heading and scrollbar), every box is on screen, and
// no text is cut with "…": not the description, not a button, tab, KPI or
// slider label, not an entry of the scenario list. CLVLAB_SHOTS=dir
// saves each screen there as a PNG to look at.
func TestLayoutWhole(t *testing.T) {
	shots := os.Getenv("CLVLAB_SHOTS")
	for _, tc := range layoutCases() {
		name := fmt.Sprintf("%dx%d-%s", tc.w, tc.h, tc.lang)
		if tc.big {
			name += "-large"
		}
		t.Run(name, func(t *testing.T) {
			a, err := New("", nil, "")
			if err != nil {
				t.Fatal(err)
			}
			a.w, a.h, a.big = tc.w, tc.h, tc.big
			a.setLang(tc.lang)
			var screen *ebiten.Image
			inFrame(func(*ebiten.Image) {
				screen = ebiten.NewImage(tc.w, tc.h)
				a.frame(ui.Input{Mouse: image.Pt(-1, -1)})
				a.Draw(screen)
			})
			for _, o := range overlaps(a.Widgets()) {
				t.Errorf("overlap: %s", o)
			}
			for id, r := range a.Widgets() {
				if !r.In(image.Rect(0, 0, tc.w, tc.h)) {
					t.Errorf("%s %v is off the %dx%d screen", id, r, tc.w, tc.h)
				}
			}
			for _, s := range a.ui.Cut {
				t.Errorf("text cut: %q", s)
			}
			if shots != "" {
				saveShot(t, screen, filepath.Join(shots, name+".png"))
			}
			// The scenario list: every entry whole.
			a.picker = true
			inFrame(func(*ebiten.Image) {
				a.frame(ui.Input{Mouse: image.Pt(-1, -1)})
				a.Draw(screen)
			})
			for _, s := range a.ui.Cut {
				t.Errorf("with the scenario list open, text cut: %q", s)
			}
			var presets = map[string]image.Rectangle{}
			for id, r := range a.Widgets() {
				if strings.HasPrefix(id, "preset:") {
					presets[id] = r
					if !r.In(image.Rect(0, 0, tc.w, tc.h)) {
						t.Errorf("%s %v is off screen", id, r)
					}
				}
			}
			for _, o := range overlaps(presets) {
				t.Errorf("scenario list: overlap: %s", o)
			}
			if shots != "" {
				saveShot(t, screen, filepath.Join(shots, name+"-picker.png"))
			}
		})
	}
}

// saveShot writes screen to path as a PNG (inside a frame).
func saveShot(t *testing.T, screen *ebiten.Image, path string) {
	t.Helper()
	var pix []byte
	b := screen.Bounds()
	inFrame(func(*ebiten.Image) {
		pix = make([]byte, 4*b.Dx()*b.Dy())
		screen.ReadPixels(pix)
	})
	img := &image.RGBA{Pix: pix, Stride: 4 * b.Dx(), Rect: image.Rect(0, 0, b.Dx(), b.Dy())}
	if err := os.WriteFile(path, pngBytes(img), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestChartRoom (issue 12, large text): at every size, language and text
// size, with trials on and off, every chart tab gives each plot a data
// area at least a sixth of the window high and wide (the two-panel
// cash-flow chart was squashed to a few pixels high at large text; plots
// side by side must not become slivers either),
// and every legend lies inside a data area or beside the plots, clear of
// them: never over an axis. CLVLAB_SHOTS=dir saves the screens.
func TestChartRoom(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out 240 screens")
	}
	shots := os.Getenv("CLVLAB_SHOTS")
	for _, tc := range layoutCases() {
		name := fmt.Sprintf("%dx%d-%s", tc.w, tc.h, tc.lang)
		if tc.big {
			name += "-large"
		}
		t.Run(name, func(t *testing.T) {
			a, err := New("", nil, "")
			if err != nil {
				t.Fatal(err)
			}
			a.w, a.h, a.big = tc.w, tc.h, tc.big
			a.setLang(tc.lang)
			var screen *ebiten.Image
			inFrame(func(*ebiten.Image) { screen = ebiten.NewImage(tc.w, tc.h) })
			for _, trials := range []int{0, 200} {
				a.trials = trials
				if trials > 0 {
					waitForBands(t, a)
				}
				for tab := range tabPlans {
					a.tab = tab
					inFrame(func(*ebiten.Image) {
						a.frame(ui.Input{Mouse: image.Pt(-1, -1)})
						a.Draw(screen)
					})
					where := fmt.Sprintf("trials %d, tab %q", trials, a.tabLabels()[tab])
					checkChartRoom(t, a, where)
					for _, o := range overlaps(a.Widgets()) {
						t.Errorf("%s: overlap: %s", where, o)
					}
					if shots != "" {
						saveShot(t, screen, filepath.Join(shots, fmt.Sprintf("%s-trials%d-%s.png", name, trials, chartSlug(tab))))
					}
				}
			}
		})
	}
}

// chartSlug names chart tab tab in a screenshot's file name.
func chartSlug(tab int) string {
	if tab < tabTornado {
		return chart.Kinds[tab].Slug()
	}
	return map[int]string{tabTornado: "tornado", tabOptimum: "optimum"}[tab]
}

// checkChartRoom checks the drawn chart of a: each data area at least a
// sixth of the window high and wide, each legend in a data area
// (within 3 px), above one (under its title, within its width) or right
// of every one and inside the chart, and over no bar of What matters; the
// cash flow's payback note over no bar and no legend, inside the chart.
func checkChartRoom(t *testing.T, a *App, where string) {
	t.Helper()
	if a.chartFig == nil {
		t.Errorf("%s: no chart drawn", where)
		return
	}
	areas := a.chartFig.DataAreas()
	right := 0
	for _, d := range areas {
		right = max(right, d.Max.X)
		if d.Dy() < a.h/6 || d.Dx() < a.w/6 {
			t.Errorf("%s: a data area of %d×%d px in a %d×%d chart (want at least %d×%d)", where, d.Dx(), d.Dy(), a.chartRect.Dx(), a.chartRect.Dy(), a.w/6, a.h/6)
		}
	}
	chartBox := image.Rect(0, 0, a.chartRect.Dx(), a.chartRect.Dy())
	for _, l := range a.chartFig.Legends() {
		inside := false
		for _, d := range areas {
			// In a data area, or above one, under its title (a legend
			// with no clear corner in it).
			above := l.Max.Y <= d.Min.Y+1 && l.Min.X >= d.Min.X && l.Max.X <= d.Max.X+8 && l.Min.Y >= 0
			inside = inside || l.In(d.Inset(-3)) || above
		}
		if !inside && (l.Min.X < right || !l.In(chartBox)) {
			t.Errorf("%s: legend %v over the axes (data areas %v, chart %v)", where, l, areas, chartBox)
		}
		// Nor over a bar (What matters projected: over the longest);
		// a pixel's rounding aside.
		for _, b := range a.chartFig.Bars() {
			if l.Inset(1).Overlaps(b.Inset(1)) {
				t.Errorf("%s: legend %v over a bar %v", where, l, b)
				break
			}
		}
	}
	for _, n := range a.chartFig.Notes() {
		if !n.In(chartBox) {
			t.Errorf("%s: note %v off the chart %v", where, n, chartBox)
		}
		for _, b := range append(a.chartFig.Columns(), a.chartFig.Legends()...) {
			if n.Inset(1).Overlaps(b.Inset(1)) {
				t.Errorf("%s: note %v over a bar or a legend %v", where, n, b)
				break
			}
		}
	}
}

// TestChartRoomMarket holds TestChartRoom's rules for the customers
// chart of a brand-switching market, which draws the market's shares
// below our customers (two plots), and for its survival chart, at every
// size, language and text size.
func TestChartRoomMarket(t *testing.T) {
	if testing.Short() {
		t.Skip("lays out 24 screens")
	}
	for _, tc := range layoutCases() {
		name := fmt.Sprintf("%dx%d-%s", tc.w, tc.h, tc.lang)
		if tc.big {
			name += "-large"
		}
		t.Run(name, func(t *testing.T) {
			a, err := New("brand-switching", nil, "")
			if err != nil {
				t.Fatal(err)
			}
			a.w, a.h, a.big = tc.w, tc.h, tc.big
			a.setLang(tc.lang)
			var screen *ebiten.Image
			inFrame(func(*ebiten.Image) { screen = ebiten.NewImage(tc.w, tc.h) })
			for _, tab := range []int{int(chart.Customers), int(chart.Survival)} {
				a.tab = tab
				inFrame(func(*ebiten.Image) {
					a.frame(ui.Input{Mouse: image.Pt(-1, -1)})
					a.Draw(screen)
				})
				where := fmt.Sprintf("tab %q", a.tabLabels()[tab])
				checkChartRoom(t, a, where)
				if tab == int(chart.Customers) && len(a.chartFig.DataAreas()) != 2 {
					t.Errorf("%s: %d plots, want our customers and the market's shares", where, len(a.chartFig.DataAreas()))
				}
				for _, o := range overlaps(a.Widgets()) {
					t.Errorf("%s: overlap: %s", where, o)
				}
			}
		})
	}
}
