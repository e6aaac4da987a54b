package app

import (
	"fmt"
	"image"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/projection"
	"clvlab/internal/ui"
)

// script is a test's input: each tick reads the next sample given, then
// rest.
type script struct {
	rest sample
	next []sample
}

func (s *script) read(dst *sample) {
	if len(s.next) > 0 {
		*dst, s.next = s.next[0], s.next[1:]
		return
	}
	*dst = s.rest
}

// scripted returns the app at 1280×800 reading its input from a script
// whose resting sample is the pointer at the top left, focused, scale 1,
// and settles it (one frame on that sample).
func scripted(t *testing.T) (*App, *ebiten.Image, *script) {
	t.Helper()
	a, screen := newApp(t, 1280, 800)
	src := &script{rest: sample{x: 5, y: 5, scale: 1, focused: true}}
	a.read = src.read
	runFrame(a, screen, src)
	return a, screen, src
}

// runFrame runs one real frame of the app: an Update per sample given
// (one on the resting sample when none), then Draw.
func runFrame(a *App, screen *ebiten.Image, src *script, ticks ...sample) {
	src.next = append(src.next[:0], ticks...)
	inFrame(func(*ebiten.Image) {
		for range max(1, len(ticks)) {
			a.Update()
		}
		a.Draw(screen)
	})
}

// effort is what the app did: widget runs, frames painted, recomputes.
type effort struct{ layouts, frames, recomputes int }

func (a *App) work() effort {
	return effort{a.stats.Layouts, a.stats.Frames, a.p.Version()}
}

func (w effort) sub(v effort) effort {
	return effort{w.layouts - v.layouts, w.frames - v.frames, w.recomputes - v.recomputes}
}

// TestIdleFramesDoNoWork: over 120 real frames with no input (ebiten's
// own input under Xvfb, where nothing moves), the app runs no widget,
// paints nothing and recomputes nothing.
func TestIdleFramesDoNoWork(t *testing.T) {
	a, screen := newApp(t, 1280, 800)
	for range 2 { // the first tick takes the cursor's resting place, scale and focus as new input
		inFrame(func(*ebiten.Image) {
			a.Update()
			a.Draw(screen)
		})
	}
	before := a.work()
	for range 120 {
		inFrame(func(*ebiten.Image) {
			a.Update()
			a.Draw(screen)
		})
	}
	if got := a.work().sub(before); got != (effort{}) {
		t.Errorf("120 idle frames did work: %+v", got)
	}
}

// TestEveryInputWakes: each kind of input the app handles wakes the idle
// app for one frame that runs the widgets and paints, after which it is
// idle again: mouse move, press, release and wheel, every key the widgets
// use, typed text, Ctrl+Z and Ctrl+Y (which undo and redo), a touch,
// its move and its end, a resize, a new device scale and focus.
func TestEveryInputWakes(t *testing.T) {
	a, screen, src := scripted(t)
	rest := src.rest
	with := func(f func(s *sample)) sample {
		s := rest
		f(&s)
		return s
	}
	type kind struct {
		name  string
		ticks []sample
	}
	kinds := []kind{
		{"mouse move", []sample{with(func(s *sample) { s.x += 40 })}},
		{"mouse press", []sample{with(func(s *sample) { s.pressed, s.down = true, true })}},
		{"mouse release", []sample{with(func(s *sample) { s.released = true })}},
		{"wheel", []sample{with(func(s *sample) { s.wheel = -1 })}},
		{"typed text", []sample{with(func(s *sample) { s.chars = []rune("5") })}},
		{"touch", []sample{with(func(s *sample) { s.touches, s.down, s.pressed, s.x, s.y = 1, true, true, 700, 300 })}},
		{"touch move", []sample{with(func(s *sample) { s.touches, s.down, s.x, s.y = 1, true, 720, 300 })}},
		{"touch end", []sample{with(func(s *sample) { s.released, s.x, s.y = true, 720, 300 })}},
		{"device scale", []sample{with(func(s *sample) { s.scale = 2 })}},
		{"focus lost", []sample{with(func(s *sample) { s.focused = false })}},
	}
	for _, k := range uiKeys {
		kinds = append(kinds, kind{fmt.Sprintf("key %v", k.key), []sample{with(func(s *sample) { s.keys = []ui.Key{k.ui} })}})
	}
	for _, k := range kinds {
		before := a.work()
		runFrame(a, screen, src, k.ticks...)
		if got := a.work().sub(before); got.layouts != 1 || got.frames != 1 {
			t.Errorf("%s: %d widget runs and %d frames painted, want 1 and 1", k.name, got.layouts, got.frames)
		}
		runFrame(a, screen, src) // back to rest (a change of state wakes it once more)
		a.p.ResetAll()           // keys and clicks may have moved a slider
		a.ui.SetFocus("")
		runFrame(a, screen, src)
		before = a.work()
		for range 5 {
			runFrame(a, screen, src)
		}
		if got := a.work().sub(before); got != (effort{}) {
			t.Errorf("after %s: idle frames did work: %+v", k.name, got)
		}
	}

	// A resize wakes it through Layout.
	before := a.work()
	inFrame(func(*ebiten.Image) {
		a.Layout(1100, 700)
		a.Update()
		a.Draw(screen)
	})
	if got := a.work().sub(before); got.layouts != 1 || got.frames != 1 {
		t.Errorf("resize: %d widget runs and %d frames painted, want 1 and 1", got.layouts, got.frames)
	}
	inFrame(func(*ebiten.Image) { a.Layout(1280, 800) })

	// Ctrl+Z undoes a change and Ctrl+Y (or Ctrl+Shift+Z) redoes it, each
	// in the frame of its key.
	path := "stage.stability.to.stability"
	old := a.p.Value(path)
	if err := a.p.Set(path, 0.93); err != nil {
		t.Fatal(err)
	}
	a.p.EndEdit()
	for _, c := range []struct {
		name string
		s    sample
		want float64
	}{
		{"Ctrl+Z", with(func(s *sample) { s.undo = true }), old},
		{"Ctrl+Y", with(func(s *sample) { s.redo = true }), 0.93},
		{"Ctrl+Z again", with(func(s *sample) { s.undo = true }), old},
		{"Ctrl+Shift+Z", with(func(s *sample) { s.redo, s.shift = true, true }), 0.93},
	} {
		before := a.work()
		runFrame(a, screen, src, c.s)
		if got := a.work().sub(before); a.p.Value(path) != c.want || got.frames != 1 {
			t.Errorf("%s: value %v after %d frames painted, want %v and 1", c.name, a.p.Value(path), got.frames, c.want)
		}
		runFrame(a, screen, src)
	}
}

// TestDragRecomputesOncePerFrame: a drag whose moves come as several
// ticks in one frame recomputes once, with the last move's value, and that
// frame paints it; a press lands where it happened; the whole drag is one
// undo step.
func TestDragRecomputesOncePerFrame(t *testing.T) {
	a, screen, src := scripted(t)
	path := "stage.formation.to.stability"
	r := a.Widgets()[path]
	y := r.Min.Y + r.Dy()*3/4
	x0 := r.Min.X + r.Dx()/3
	before, old := a.work(), a.p.Value(path)
	press := sample{x: x0, y: y, down: true, pressed: true, scale: 1, focused: true}
	runFrame(a, screen, src, press)
	if got := a.work().sub(before); got.recomputes != 1 || got.frames != 1 {
		t.Fatalf("press: %+v, want one recompute and one frame", got)
	}
	pressed := a.p.Value(path)
	// Three moves in one frame (ticks that ebiten runs back to back when a
	// frame was late), then the release in the next frame.
	var moves []sample
	for _, dx := range []int{40, 80, 120} {
		m := press
		m.pressed, m.x = false, x0+dx
		moves = append(moves, m)
	}
	src.rest = moves[2]
	before = a.work()
	runFrame(a, screen, src, moves...)
	got := a.work().sub(before)
	if got.recomputes != 1 || got.layouts != 1 || got.frames != 1 {
		t.Errorf("three moves in a frame: %+v, want one recompute, one widget run, one frame", got)
	}
	// The value of the last move: the same drag on a second app, a move a
	// frame, ends at the same value.
	want := a.p.Value(path)
	if !(want > pressed) {
		t.Errorf("value %v after dragging right from %v", want, pressed)
	}
	b, bscreen, bsrc := scripted(t)
	runFrame(b, bscreen, bsrc, press)
	for _, m := range moves {
		bsrc.rest = m
		runFrame(b, bscreen, bsrc, m)
	}
	if got := b.p.Value(path); got != want {
		t.Errorf("three moves in one frame give %v, one a frame %v", want, got)
	}
	shown := false
	ctl, _ := a.p.Control(path)
	text := ctl.Format(want, a.p.Scenario().Currency, periodName(a.p.Scenario()), a.lang)
	for _, op := range a.ui.Ops() {
		shown = shown || op.Kind == ui.OpText && op.Text == text
	}
	if !shown {
		t.Errorf("the frame after the last move does not show %q", text)
	}
	release := moves[2]
	release.down, release.released = false, true
	src.rest = sample{x: release.x, y: y, scale: 1, focused: true}
	runFrame(a, screen, src, release)
	if a.p.Value(path) != want {
		t.Errorf("value %v after the release, want %v", a.p.Value(path), want)
	}
	if !a.p.Undo() || a.p.Value(path) != old {
		t.Errorf("one undo gave %v, want %v", a.p.Value(path), old)
	}
}

// TestSliderKeyWithinTwoFrames: an arrow key on a focused slider is shown
// by the end of the first frame that reads it, natively: real frames are
// counted, not milliseconds (the target is at most 2).
func TestSliderKeyWithinTwoFrames(t *testing.T) {
	a, screen, src := scripted(t)
	path := "stage.formation.to.stability" // laid out at 1280×800
	if _, ok := a.Widgets()[path]; !ok {
		t.Fatalf("%s not laid out", path)
	}
	a.ui.SetFocus(path)
	runFrame(a, screen, src)
	old, drawn := a.p.Value(path), a.stats.Frames
	key := src.rest
	key.keys = []ui.Key{ui.KeyRight}
	src.next = []sample{key}
	frames := 0
	for frames < 5 && (a.p.Value(path) == old || a.stats.Frames == drawn) {
		inFrame(func(*ebiten.Image) {
			a.Update()
			a.Draw(screen)
		})
		frames++
	}
	if a.p.Value(path) == old {
		t.Fatal("the key did not move the slider")
	}
	if frames > 2 {
		t.Errorf("the key was shown %d frames after it came, want at most 2", frames)
	}
	t.Logf("key to painted frame: %d frame(s)", frames)
}

// turns is the platform of a test of the trials in slices: the run's
// goroutine waits in yield until the test gives it a turn (as the page's
// event loop does in the browser), and its wakes are counted.
type turns struct {
	platform
	next, back chan struct{}
	woken      atomic.Int32
}

func withTurns(a *App) *turns {
	p := &turns{platform: a.platform, next: make(chan struct{}), back: make(chan struct{})}
	a.platform = p
	return p
}

func (p *turns) yield() { p.back <- struct{}{}; <-p.next }
func (p *turns) wake()  { p.woken.Add(1) }

// started waits for run r's goroutine to ask for its first turn.
func (p *turns) started(t *testing.T, r *mcRun) {
	t.Helper()
	if r == nil {
		t.Fatal("no run started")
	}
	select {
	case <-p.back:
	case <-r.ended:
		t.Fatal("the run ended before its first turn")
	}
}

// turn gives r's goroutine one turn (a slice, or the bands) and waits
// until it yields again or ends; it reports whether the run goes on.
func (p *turns) turn(r *mcRun) bool {
	p.next <- struct{}{}
	select {
	case <-p.back:
		return true
	case <-r.ended:
		return false
	}
}

// TestTrialsInSlices: in the browser's mode the trials run on a goroutine
// in slices of the budget, yielding before each and before the bands; the
// app stays idle meanwhile (the run wakes the page once, for the bands: a
// run shorter than progressEvery shows no progress, and frames drawn
// meanwhile say only that it runs), and the bands are those of a run in
// one go.
func TestTrialsInSlices(t *testing.T) {
	a, screen, src := scripted(t)
	p := withTurns(a)
	a.sliced, a.sliceTrials, a.trials, a.stale = true, 30, 200, true // as the trials button does
	a.progressEvery = time.Hour                                      // a run that ends before its first progress
	runFrame(a, screen, src)                                         // starts the run
	r := a.mcRun
	p.started(t, r)
	done, slices := int64(0), 0
	for p.turn(r) {
		slices++
		if n := r.done.Load() - done; n > 30 || n < 0 {
			t.Errorf("slice %d ran %d trials, budget 30", slices, n)
		}
		done = r.done.Load()
		runFrame(a, screen, src)
		if a.mcRun != nil && (a.drew(" of 200") || !a.drew(a.t("trials")+" 200…")) {
			t.Errorf("after %d trials a frame shows progress before the run woke the page for it: %q", done, a.trialsLabel())
		}
		if slices > 20 {
			t.Fatal("200 trials in slices of 30 did not end in 20 turns")
		}
	}
	if slices != 7 { // ⌈200 / 30⌉; the last turn makes the bands
		t.Errorf("200 trials took %d slices, want 7", slices)
	}
	if n := p.woken.Load(); n != 1 {
		t.Errorf("the run woke the page %d times, want once (for its bands)", n)
	}
	runFrame(a, screen, src)
	if a.mcRun != nil {
		t.Error("the run is still on after its bands came")
	}
	if a.stats.LongestSliceMs <= 0 || a.stats.LongestSliceMs < a.stats.LastSliceMs {
		t.Errorf("longest slice %v ms, last %v ms", a.stats.LongestSliceMs, a.stats.LastSliceMs)
	}
	s, mc := a.p.MonteCarlo(200)
	u, err := projection.Trials(s, mc)
	if err != nil {
		t.Fatal(err)
	}
	if b := a.currentBands(); b == nil || !reflect.DeepEqual(b, u.Bands) {
		t.Error("the bands of the slices differ from a run in one go")
	}
	// Slices of sliceTime: one runs trials until that has passed, or all.
	a.sliceTrials = 0
	a.p.Set("acquisition.cost_per_customer", 90)
	a.stale = true
	runFrame(a, screen, src)
	r = a.mcRun
	p.started(t, r)
	p.turn(r)
	if n := r.done.Load(); n < 1 || n < int64(r.trials) && time.Duration(r.sliceNs.Load()) < sliceTime {
		t.Errorf("a slice ran %d trials in %v, want trials until %v had passed", n, time.Duration(r.sliceNs.Load()), sliceTime)
	}
}

// TestTrialsProgress: a run in slices that lasts longer than its
// progress interval wakes the page after each slice that ends an interval
// (here every slice: 1 ns), and once more for its bands, never twice at
// its end.
func TestTrialsProgress(t *testing.T) {
	a, screen, src := scripted(t)
	p := withTurns(a)
	a.sliced, a.sliceTrials, a.trials, a.stale = true, 30, 200, true
	a.progressEvery = time.Nanosecond
	runFrame(a, screen, src)
	r := a.mcRun
	p.started(t, r)
	slices, shown := 0, 0
	for p.turn(r) {
		slices++
		if slices > 20 {
			t.Fatal("200 trials in slices of 30 did not end in 20 turns")
		}
		runFrame(a, screen, src)
		if d := r.done.Load(); a.mcRun != nil && d < 200 {
			if !a.drew(fmt.Sprintf("%d of 200", d)) {
				t.Errorf("after a wake for progress at %d trials the frame does not show it: %q", d, a.trialsLabel())
			}
			shown++
		}
	}
	if shown == 0 {
		t.Error("the progress was never shown")
	}
	// ⌈200 / 30⌉ = 7 slices: the first six end with trials left (a wake
	// each for the progress), the seventh ends the trials (none: the bands
	// follow), and the bands wake the page.
	if n := p.woken.Load(); n != 7 {
		t.Errorf("the run woke the page %d times in %d turns, want 7 (6 progress, 1 bands)", n, slices)
	}
}

// TestTrialsCancelled: a run in slices stops when a lever moves: the old
// run gets no more trials, and a run for the new values starts once the
// drag ends.
func TestTrialsCancelled(t *testing.T) {
	a, screen, src := scripted(t)
	p := withTurns(a)
	a.sliced, a.sliceTrials, a.trials, a.stale = true, 20, 1000, true
	runFrame(a, screen, src)
	old := a.mcRun
	p.started(t, old)
	p.turn(old)
	p.turn(old)
	if old.done.Load() != 40 {
		t.Fatalf("two slices of 20 ran %d trials", old.done.Load())
	}
	// A drag moves a lever; while it lasts no run starts.
	path := "stage.formation.to.stability"
	r := a.Widgets()[path]
	at := image.Pt(r.Max.X-3, r.Min.Y+r.Dy()*3/4)
	src.rest = sample{x: at.X, y: at.Y, down: true, scale: 1, focused: true}
	press := src.rest
	press.pressed = true
	runFrame(a, screen, src, press)
	for range 3 {
		runFrame(a, screen, src)
	}
	if a.mcRun != nil {
		t.Fatalf("a run during the drag: %v", a.mcRun)
	}
	if p.turn(old) {
		t.Error("the old run went on after the lever moved")
	}
	if n := old.done.Load(); n != 40 {
		t.Errorf("the cancelled run went on to %d trials", n)
	}
	release := sample{x: at.X, y: at.Y, released: true, scale: 1, focused: true}
	src.rest = release
	src.rest.released = false
	runFrame(a, screen, src, release)
	runFrame(a, screen, src)
	if a.mcRun == nil || a.mcRun == old || a.mcRun.key != a.mcKey() {
		t.Fatalf("no new run for the new values after the drag: %v", a.mcRun)
	}
	p.started(t, a.mcRun)
	if p.turn(a.mcRun); a.mcRun.done.Load() != 20 {
		t.Errorf("the new run's first slice ran %d trials, want 20", a.mcRun.done.Load())
	}
}

// drew reports whether the last frame drew a text that holds s.
func (a *App) drew(s string) bool {
	for _, op := range a.ui.Ops() {
		if op.Kind == ui.OpText && strings.Contains(op.Text, s) {
			return true
		}
	}
	return false
}

// recorder is the platform of a test: it records what the app reports
// about being idle.
type recorder struct {
	platform
	said   []bool
	wakeIn time.Duration
}

func (r *recorder) idle(v bool, wake time.Duration) { r.said, r.wakeIn = append(r.said, v), wake }

// TestIdleReported: the app tells the platform (the browser page, which
// then holds its frames) that it is idle once a frame leaves nothing to
// do, also while a button is held still (a drag moves, and each move is
// an event that wakes the page), but not while a repeating key is held;
// trials in slices do not keep it awake.
func TestIdleReported(t *testing.T) {
	a, screen, src := scripted(t)
	rec := &recorder{platform: a.platform}
	a.platform = rec
	last := func() bool { return rec.said[len(rec.said)-1] }
	runFrame(a, screen, src)
	if !last() {
		t.Error("an app with nothing to do is not idle")
	}
	press := src.rest
	press.pressed, press.down = true, true
	src.rest.down = true
	runFrame(a, screen, src, press)
	runFrame(a, screen, src)
	if !last() {
		t.Error("not idle while the button is held still: the page shows the same frame again")
	}
	src.rest.down = false
	release := src.rest
	release.released = true
	runFrame(a, screen, src, release)
	if !last() {
		t.Error("not idle after the release")
	}
	src.rest.held = true // a repeating key (an arrow on a slider) held down
	runFrame(a, screen, src)
	if last() {
		t.Error("idle while a repeating key is held (its repeats need the ticks)")
	}
	src.rest.held = false
	runFrame(a, screen, src)
	if !last() {
		t.Error("not idle after the key's release")
	}
	// Trials in slices run on their goroutine while the app is idle: the
	// run wakes the page for its progress and bands.
	turns := &turns{platform: rec, next: make(chan struct{}), back: make(chan struct{})}
	a.platform = turns
	a.sliced, a.sliceTrials, a.trials, a.stale = true, 50, 200, true
	runFrame(a, screen, src)
	run := a.mcRun
	turns.started(t, run)
	runFrame(a, screen, src)
	if !last() {
		t.Error("not idle while trials run on their goroutine")
	}
	for turns.turn(run) {
	}
	if turns.woken.Load() == 0 {
		t.Error("the trials did not wake the page")
	}
	runFrame(a, screen, src)
	if a.currentBands() == nil {
		t.Error("no bands after the trials")
	}
	runFrame(a, screen, src)
	if !last() {
		t.Error("not idle once the trials are done")
	}
	a.platform = rec
	// A notice is taken down when it expires: idle, but to be woken then.
	now := time.Now()
	a.now = func() time.Time { return now }
	a.say("pinned")
	runFrame(a, screen, src)
	if !last() || rec.wakeIn != noticeFor {
		t.Errorf("with a notice up: idle %v, wake in %v; want idle, wake in %v", last(), rec.wakeIn, noticeFor)
	}
	now = now.Add(noticeFor)
	runFrame(a, screen, src)
	runFrame(a, screen, src)
	if a.noticeText() != "" || rec.wakeIn != 0 {
		t.Errorf("after the notice's time: %q still up, wake in %v", a.noticeText(), rec.wakeIn)
	}
}
