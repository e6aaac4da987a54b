package lessons_test

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"clvlab/internal/planner"
	"clvlab/internal/projection"
	"clvlab/scenarios"
	"clvlab/scenarios/lessons"
	"clvlab/sim"
)

// screen is what a step shows: its scenario (the lesson's, with the
// step's settings) and the run of it, the run of the scenario as loaded,
// and the run of the step before.
type screen struct {
	s          *scenarios.Scenario
	run, start *sim.Result
	prev       *sim.Result // nil on the first step
}

// figure is one number a lesson quotes: as written (in English, with
// its digits; Chinese writes it without the thousands comma), where the
// run or the scenario has it, and the hand calculation of it.
type figure struct {
	shown string
	got   func(e screen) float64
	hand  float64
}

// Getters of a screen's figures.
func clv(e screen) float64      { return e.run.Summary.CLV }
func startCLV(e screen) float64 { return e.start.Summary.CLV }
func prevCLV(e screen) float64  { return e.prev.Summary.CLV }
func clvInf(e screen) float64   { return e.run.Summary.CLVInfinite.Value }
func rate(e screen) float64     { return e.s.DiscountRate * 100 }
func onePlusRate(e screen) float64 {
	return 1 + e.s.DiscountRate
}
func horizon(e screen) float64 { return float64(e.s.Horizon) }
func stage(id string, f func(st *scenarios.Stage) float64) func(screen) float64 {
	return func(e screen) float64 {
		for i := range e.s.Stages {
			if e.s.Stages[i].ID == id {
				return f(&e.s.Stages[i])
			}
		}
		panic("no stage " + id)
	}
}
func revenue(id string) func(screen) float64 {
	return stage(id, func(st *scenarios.Stage) float64 { return st.Revenue })
}
func costToServe(id string) func(screen) float64 {
	return stage(id, func(st *scenarios.Stage) float64 { return st.CostToServe })
}

// margin is a stage's revenue after its price discount less its cost to
// serve and retention spend: its net cash flow per customer and period.
func margin(id string) func(screen) float64 {
	return stage(id, func(st *scenarios.Stage) float64 {
		return st.Revenue*(1-st.PriceDiscount) - st.CostToServe - st.RetentionSpend
	})
}

// unitFlow is the net cash flow of one new customer in tenure period τ
// (0 for the first), from the run's first cohort, acquisition excluded.
func unitFlow(e screen, τ int) float64 {
	k := e.run.Model.NewCustomers[0]
	f := e.run.Cohort(0, τ).NetCashFlow
	if τ == 0 {
		f += k * e.run.Summary.AcquisitionCost
	}
	return f / k
}

// discounted is unitFlow of period τ discounted to acquisition, cash at
// each period's end.
func discounted(τ int) func(screen) float64 {
	return func(e screen) float64 { return unitFlow(e, τ) / math.Pow(1+e.s.DiscountRate, float64(τ+1)) }
}

func constant(x float64) func(screen) float64 { return func(screen) float64 { return x } }

// figures holds, by lesson and step, the numbers that the step's text,
// and the question and answer of the step before (revealed on this
// step's screen), quote: every one of them.
var figures = map[string][][]figure{
	// customer-value, on annuity.toml: revenue R = 1,000, cost to serve
	// C = 400, r = 10%, n = 3, cash at year end. The annuity factor
	// a = (1 − 1.1^−3) / 0.1 = 2.4868520.
	"customer-value": {
		{ // as loaded: profit R − C = 600
			{"1,000", revenue("loyal"), 1000}, {"400", costToServe("loyal"), 400}, {"600", margin("loyal"), 600},
		},
		{ // C = 550: profit 450; CLV 600·a = 1,492.1112 → 450·a = 1,119.0834;
			// 450 / 600 = 0.75
			{"550", costToServe("loyal"), 550}, {"1,000", revenue("loyal"), 1000}, {"450", margin("loyal"), 450},
			{"10", rate, 10}, {"1,492.11", startCLV, 1492.1111946}, {"1,119.08", clv, 1119.0833959},
			{"600", func(e screen) float64 { return startCLV(e) / clv(e) * 450 }, 600},
			{"0.75", func(e screen) float64 { return clv(e) / startCLV(e) }, 0.75},
		},
		{ // C = 400, a 10% discount: revenue 900, profit 500, CLV 500·a =
			// 1,243.4260; 1,492.1112 − 1,243.4260 = 248.6852
			{"400", costToServe("loyal"), 400}, {"10", stage("loyal", func(st *scenarios.Stage) float64 { return st.PriceDiscount * 100 }), 10},
			{"900", stage("loyal", func(st *scenarios.Stage) float64 { return st.Revenue * (1 - st.PriceDiscount) }), 900},
			{"500", margin("loyal"), 500}, {"1,243.43", clv, 1243.4259955}, {"1,119.08", prevCLV, 1119.0833959},
			{"1,492.11", startCLV, 1492.1111946}, {"248.69", func(e screen) float64 { return startCLV(e) - clv(e) }, 248.6851991},
		},
	},
	// annuity, on annuity.toml: Pr = 600, r = 10%, n = 3, cash at year
	// end. 600/1.1 = 545.4545, 600/1.21 = 495.8678, 600/1.331 = 450.7889;
	// their sum 1,492.1112.
	"annuity": {
		{
			{"600", margin("loyal"), 600}, {"3", horizon, 3}, {"10", rate, 10}, {"1.1", onePlusRate, 1.1},
			{"545.45", discounted(0), 545.4545455}, {"495.87", discounted(1), 495.8677686}, {"450.79", discounted(2), 450.7888805},
			{"1,492.11", clv, 1492.1111946}, {"1", constant(1), 1},
		},
		{ // n = 5: 600·(1 − 1.1^−5)/0.1 = 2,274.4721, 1.5243 times the
			// 3-year CLV (52% more); 600/1.1⁴ = 409.8081, 600/1.1⁵ = 372.5528
			{"5", horizon, 5}, {"3", constant(3), 3}, {"2,274.47", clv, 2274.4720616},
			{"52", func(e screen) float64 { return (clv(e)/startCLV(e) - 1) * 100 }, 52.433148},
			{"600", margin("loyal"), 600}, {"1.1", onePlusRate, 1.1}, {"4", constant(4), 4},
			{"409.81", discounted(3), 409.8080732}, {"372.55", discounted(4), 372.5527938},
			{"1", constant(1), 1}, {"0.1", func(e screen) float64 { return e.s.DiscountRate }, 0.1},
		},
		{ // n = 3, r = 15%: 600·(1 − 1.15^−3)/0.15 = 1,369.9351, 122.1761
			// less than 1,492.1112; perpetuities 600/0.15 = 4,000 and
			// 600/0.1 = 6,000
			{"3", horizon, 3}, {"15", rate, 15}, {"600", margin("loyal"), 600}, {"1", constant(1), 1},
			{"1.15", onePlusRate, 1.15}, {"0.15", func(e screen) float64 { return e.s.DiscountRate }, 0.15},
			{"1,369.94", clv, 1369.9350703}, {"122.18", func(e screen) float64 { return startCLV(e) - clv(e) }, 122.1761243},
			{"10", constant(10), 10}, {"4,000", clvInf, 4000},
			{"6,000", func(e screen) float64 { return e.start.Summary.CLVInfinite.Value }, 6000},
			{"0.1", func(e screen) float64 { return e.start.Model.DiscountRate }, 0.1},
		},
	},
}

// numberRE finds the numbers a text quotes: ASCII digits, with thousands
// commas and a decimal part (superscripts such as ² are not digits).
var numberRE = regexp.MustCompile(`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`)

// quoted returns the numbers of text, without thousands commas, sorted.
func quoted(text string) []string {
	var out []string
	for _, n := range numberRE.FindAllString(text, -1) {
		out = append(out, strings.ReplaceAll(n, ",", ""))
	}
	slices.Sort(out)
	return out
}

// TestLessonNumbers: every number a shipped lesson quotes, in English and
// in Chinese, is the number its screen shows: each step's settings are
// applied through internal/projection (and through the planner, which
// must reach the same CLV), and each figure is checked against the run
// or the scenario and against the hand calculation in figures' comments.
func TestLessonNumbers(t *testing.T) {
	for _, id := range lessons.Shipped() {
		t.Run(id, func(t *testing.T) {
			l, err := lessons.Lookup(id)
			if err != nil {
				t.Fatal(err)
			}
			want, ok := figures[id]
			if !ok || len(want) != len(l.Steps) {
				t.Fatalf("figures has %d steps for %s, the lesson %d", len(want), id, len(l.Steps))
			}
			start, err := scenarios.Preset(l.Scenario)
			if err != nil {
				t.Fatal(err)
			}
			startRun, err := projection.Project(start)
			if err != nil {
				t.Fatal(err)
			}
			p, err := planner.New(start, l.Scenario)
			if err != nil {
				t.Fatal(err)
			}
			var prev *sim.Result
			for i, st := range l.Steps {
				e := stepScreen(t, l, i, start, startRun, prev)
				checkPlanner(t, p, l, i, e)
				texts := []scenarios.Text{st.Text}
				if q, a, ok := l.Revealed(i); ok {
					texts = append(texts, q, a)
				}
				checkFigures(t, fmt.Sprintf("step %d", i+1), texts, want[i], e)
				prev = e.run
			}
		})
	}
}

// stepScreen projects step i of l through internal/projection, and checks
// that Lesson.At gives the same scenario.
func stepScreen(t *testing.T, l *lessons.Lesson, i int, start *scenarios.Scenario, startRun, prev *sim.Result) screen {
	t.Helper()
	var set []scenarios.Setting
	for _, s := range l.Settings(i) {
		set = append(set, scenarios.Setting{Path: s.Path.String(), Value: s.Value})
	}
	run, err := projection.Project(start, set...)
	if err != nil {
		t.Fatalf("step %d: %v", i+1, err)
	}
	s, err := l.At(i)
	if err != nil {
		t.Fatalf("step %d: %v", i+1, err)
	}
	if atRun, err := projection.Project(s); err != nil || atRun.Summary.CLV != run.Summary.CLV {
		t.Errorf("step %d: At gives CLV %v (%v), the settings %v", i+1, atRun.Summary.CLV, err, run.Summary.CLV)
	}
	return screen{s: s, run: run, start: startRun, prev: prev}
}

// checkPlanner applies step i's settings in the planner as it would:
// every value reset, then each setting set by path. Each must be one of
// its controls, within the slider's range, and the planner's CLV the
// projection's.
func checkPlanner(t *testing.T, p *planner.Planner, l *lessons.Lesson, i int, e screen) {
	t.Helper()
	if err := p.ResetAll(); err != nil {
		t.Fatal(err)
	}
	for _, s := range l.Settings(i) {
		path := s.Path.String()
		if _, ok := p.Control(path); !ok {
			t.Errorf("step %d: the planner has no control %q", i+1, path)
			continue
		}
		if lo, hi := p.Range(path); s.Value < lo || s.Value > hi {
			t.Errorf("step %d: %s = %v is outside the planner's slider, [%v, %v]", i+1, path, s.Value, lo, hi)
		}
		if err := p.Set(path, s.Value); err != nil {
			t.Errorf("step %d: planner Set(%s, %v): %v", i+1, path, s.Value, err)
		}
	}
	if got, want := p.Result().Summary.CLV, e.run.Summary.CLV; math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("step %d: the planner's CLV %v, the projection's %v", i+1, got, want)
	}
}

// checkFigures checks that texts quote the same numbers in English and
// Chinese, that each is one of figs, and that each figure is the screen's
// and the hand calculation's, to the digits shown.
func checkFigures(t *testing.T, where string, texts []scenarios.Text, figs []figure, e screen) {
	t.Helper()
	byShown := map[string]figure{}
	for _, f := range figs {
		byShown[strings.ReplaceAll(f.shown, ",", "")] = f
	}
	used := map[string]bool{}
	for _, text := range texts {
		en, zh := quoted(text.EN), quoted(text.ZH)
		if !slices.Equal(en, zh) {
			t.Errorf("%s: English quotes %v, Chinese %v:\n%s\n%s", where, en, zh, text.EN, text.ZH)
		}
		for _, n := range append(en, zh...) {
			if _, ok := byShown[n]; !ok {
				t.Errorf("%s: the text quotes %s, which no figure checks:\n%s", where, n, text.EN)
			}
			used[n] = true
		}
	}
	for _, f := range figs {
		n := strings.ReplaceAll(f.shown, ",", "")
		if !used[n] {
			t.Errorf("%s: figure %s is not quoted", where, f.shown)
			continue
		}
		decimals := 0
		if _, frac, ok := strings.Cut(n, "."); ok {
			decimals = len(frac)
		}
		got := f.got(e)
		if math.Abs(got-f.hand) > 1e-6*math.Max(1, math.Abs(f.hand)) {
			t.Errorf("%s: %s: the run gives %.7f, the hand calculation %.7f", where, f.shown, got, f.hand)
		}
		if s := strconv.FormatFloat(f.hand, 'f', decimals, 64); s != n {
			t.Errorf("%s: the hand calculation %.7f rounds to %s, the text says %s", where, f.hand, s, f.shown)
		}
	}
}
