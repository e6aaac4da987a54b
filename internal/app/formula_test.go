package app

import (
	"image"
	"strings"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/explain"
	"clvlab/internal/kpi"
	"clvlab/internal/ui"
	"clvlab/sim"
)

// openFormulas returns the app opened on link at 1280×800 with the
// formula panel shown, its first frame laid out.
func openFormulas(t *testing.T, link string) *App {
	t.Helper()
	a, err := New("", nil, link)
	if err != nil {
		t.Fatal(err)
	}
	a.w, a.h = 1280, 800
	a.teach.formulas = true
	inFrame(func(*ebiten.Image) { a.frame(ui.Input{Mouse: image.Pt(-1, -1)}) })
	return a
}

// panelText returns the formula panel's lines joined by newlines.
func panelText(a *App) string {
	var b strings.Builder
	b.WriteString(a.teach.formula.title)
	for _, l := range a.teach.formula.lines {
		b.WriteString("\n" + l.text)
	}
	return b.String()
}

// TestFormulaPanelAnnuity (issue 13, item 1): the annuity preset's CLV is
// shown as the issue writes it, CLV = P·(1 − (1+r)^−n)/r = 600 · (1 −
// 1.1^−3) / 0.1 = 1,492.11 (600·(1 − 1/1.331)/0.1 = 1,492.11 by hand),
// with no tenure table; the four-stage preset, a Markov chain, gets the
// table, whose last running sum is the CLV on the KPI strip.
func TestFormulaPanelAnnuity(t *testing.T) {
	a := openFormulas(t, "s=annuity")
	text := panelText(a)
	for _, want := range []string{"CLV = P·(1 − (1+r)^−n)/r", "= 600 · (1 − 1.1^−3) / 0.1", "= 1,492.11"} {
		if !strings.Contains(text, want) {
			t.Errorf("the annuity's panel lacks %q:\n%s", want, text)
		}
	}
	if a.teach.formula.shown {
		t.Error("the annuity shows a tenure table")
	}
	b := openFormulas(t, "s=four-stage")
	f := &b.teach.formula
	if !f.shown || len(f.table.Rows) == 0 {
		t.Fatal("the four-stage preset shows no tenure table")
	}
	last := f.cells[len(f.cells)-1]
	if want := kpi.Money.Format(sim.Some(b.p.Result().Summary.CLV)); last != want {
		t.Errorf("the table's last running sum %q, the CLV is %s", last, want)
	}
	if _, ok := b.widgets["formula:table"]; !ok {
		t.Error("the table is not on screen")
	}
}

// TestFormulaPanelFollowsFocus: the panel explains CLV at first, the KPI
// card under the pointer while it is there, and its arrows step through
// explain.Focus.
func TestFormulaPanelFollowsFocus(t *testing.T) {
	a := openFormulas(t, "s=four-stage")
	if a.teach.formula.title != capitalize(kpi.CLV.Label("en")) {
		t.Fatalf("title %q, want CLV's", a.teach.formula.title)
	}
	card := a.widgets["kpi:ltv_cac"]
	inFrame(func(*ebiten.Image) { a.frame(ui.Input{Mouse: card.Min.Add(image.Pt(4, 4))}) })
	if want := capitalize(kpi.LTVCAC.Label("en")); a.teach.formula.title != want {
		t.Errorf("hovering the LTV:CAC card: title %q, want %q", a.teach.formula.title, want)
	}
	click(t, a, "button:formula-next")
	inFrame(func(*ebiten.Image) { a.frame(ui.Input{Mouse: image.Pt(-1, -1)}) })
	if want := capitalize(explain.Focus[1].Label("en")); a.teach.formula.title != want {
		t.Errorf("after >: title %q, want %q", a.teach.formula.title, want)
	}
	click(t, a, "button:formula-prev")
	click(t, a, "button:formula-prev")
	inFrame(func(*ebiten.Image) { a.frame(ui.Input{Mouse: image.Pt(-1, -1)}) })
	if want := capitalize(explain.Focus[len(explain.Focus)-1].Label("en")); a.teach.formula.title != want {
		t.Errorf("after > < <: title %q, want %q (it wraps round)", a.teach.formula.title, want)
	}
	// Chinese: the same KPI, its Chinese label.
	a.setLang("zh")
	inFrame(func(*ebiten.Image) { a.frame(ui.Input{Mouse: image.Pt(-1, -1)}) })
	if want := capitalize(explain.Focus[len(explain.Focus)-1].Label("zh")); a.teach.formula.title != want {
		t.Errorf("in Chinese: title %q, want %q", a.teach.formula.title, want)
	}
}

// TestFormulaPanelLive: moving a slider changes the result the panel
// shows in the same frame.
func TestFormulaPanelLive(t *testing.T) {
	a := openFormulas(t, "s=four-stage")
	before := panelText(a)
	if err := a.p.Set("stage.formation.to.stability", 0.4); err != nil {
		t.Fatal(err)
	}
	inFrame(func(*ebiten.Image) { a.frame(ui.Input{Mouse: image.Pt(-1, -1)}) })
	after := panelText(a)
	want := "= " + kpi.CLV.Format(sim.Some(a.p.Result().Summary.CLV))
	if after == before || !strings.Contains(after, want) {
		t.Errorf("after the change the panel says\n%s\nwant a line %q", after, want)
	}
}

// TestTenureRowFollowsPointer: the pointer over the cash-flow chart at
// period τ highlights the table's row τ; the pointer over a row marks
// its period on the chart.
func TestTenureRowFollowsPointer(t *testing.T) {
	a := openFormulas(t, "s=four-stage&tab=2")
	var period, x int
	found := false
	cr := a.chartRect
	for px := cr.Min.X; px < cr.Max.X && !found; px += 5 {
		p, xx, top, _, ok := a.chartFig.PeriodAt(px-cr.Min.X, cr.Dy()/3)
		if ok && p == 5 {
			period, x, found = p, xx, true
			_ = top
		}
	}
	if !found {
		t.Fatal("no pixel of the cash-flow chart is at period 5")
	}
	at := image.Pt(cr.Min.X+x, cr.Min.Y+cr.Dy()/3)
	inFrame(func(*ebiten.Image) { a.frame(ui.Input{Mouse: at}) })
	if a.teach.formula.row != period {
		t.Errorf("pointer at period %d: row %d highlighted", period, a.teach.formula.row)
	}
	if _, ok := a.widgets["formula:row"]; !ok {
		t.Error("the highlighted row is not on screen")
	}
	// The third row of the table (τ = 2) under the pointer.
	tr := a.widgets["formula:table"]
	rowH := a.widgets["formula:row"].Dy()
	at = image.Pt(tr.Min.X+5, tr.Min.Y+rowH*3+rowH/2)
	inFrame(func(*ebiten.Image) { a.frame(ui.Input{Mouse: at}) })
	if a.teach.formula.row != 2 {
		t.Fatalf("pointer on the table's third row: row %d highlighted", a.teach.formula.row)
	}
	wantX, _, _, _ := a.chartFig.PeriodX(2)
	marked := false
	for _, op := range a.ui.Ops() {
		if op.Kind == ui.OpLine && op.R.Min.X == cr.Min.X+wantX && op.R.Max.X == op.R.Min.X {
			marked = true
		}
	}
	if !marked {
		t.Errorf("no line on the chart at period 2 (x %d)", cr.Min.X+wantX)
	}
}

// TestFormulaPanelAllocations: once its texts are made, the panel draws
// without allocating, the pointer moving over the table's rows and over
// the chart, and makes its texts again only when the values change.
func TestFormulaPanelAllocations(t *testing.T) {
	a := openFormulas(t, "s=four-stage&tab=2")
	m := a.metrics()
	a.layoutRows(&m)
	fr := a.widgets["formula"]
	tr := a.widgets["formula:table"]
	points := []image.Point{
		tr.Min.Add(image.Pt(5, tr.Dy()/2)), tr.Min.Add(image.Pt(5, tr.Dy()/3)),
		a.chartRect.Min.Add(a.chartRect.Size().Div(2)), image.Pt(-1, -1),
	}
	builds := a.teach.formula.builds
	i := 0
	run := func() {
		a.ui.Begin(ui.Input{Mouse: points[i%len(points)]})
		a.hover = -1
		if i%len(points) == 2 {
			a.hover = 7
		}
		i++
		a.formulaPanel(m, fr)
	}
	for range 8 {
		run()
	}
	if n := testing.AllocsPerRun(100, run); n != 0 {
		t.Errorf("the formula panel allocates %v times a frame with nothing changed", n)
	}
	if a.teach.formula.builds != builds {
		t.Errorf("the panel made its texts %d times more with nothing changed", a.teach.formula.builds-builds)
	}
	a.p.Set("horizon", 48)
	run()
	if a.teach.formula.builds != builds+1 {
		t.Errorf("a change made the texts %d times, want once", a.teach.formula.builds-builds)
	}
}

// BenchmarkFormulaPanel measures the formula panel's frame with nothing
// changed (the pointer moving over the tenure table) and with the values
// changed (the texts made again: the formulas, the table refilled and
// formatted), on the four-stage preset at 1280×800.
func BenchmarkFormulaPanel(b *testing.B) {
	a, err := New("", nil, "s=four-stage&tab=2")
	if err != nil {
		b.Fatal(err)
	}
	a.w, a.h, a.teach.formulas = 1280, 800, true
	inFrame(func(*ebiten.Image) { a.frame(ui.Input{Mouse: image.Pt(-1, -1)}) })
	m := a.metrics()
	a.layoutRows(&m)
	fr, tr := a.widgets["formula"], a.widgets["formula:table"]
	b.Run("unchanged", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			a.ui.Begin(ui.Input{Mouse: tr.Min.Add(image.Pt(5, tr.Dy()/3+i%2*20))})
			a.formulaPanel(m, fr)
			i++
		}
	})
	b.Run("changed", func(b *testing.B) {
		b.ReportAllocs()
		i := 0
		for b.Loop() {
			a.p.Set("stage.formation.to.stability", 0.2+0.01*float64(i%2))
			a.ui.Begin(ui.Input{Mouse: image.Pt(-1, -1)})
			a.formulaPanel(m, fr)
			i++
		}
	})
}
