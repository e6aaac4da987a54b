package uncertainty

// Stepper runs a simulator's trials a few at a time on the calling
// goroutine, for a caller that must give its thread back between slices
// (the browser app: WebAssembly runs every goroutine on one thread, so a
// run in the background would still hold the page). The bands are those
// of Run, bit for bit: trial i draws from (Seed, i) whoever runs it.
type Stepper struct {
	s    *Simulator
	w    *worker
	next int // the next trial to run
	// The bands being summarised once every trial has run (Summarize):
	// their per-period Stats and how many of those are done.
	bands  *Bands
	stats  []Stats
	summed int
}

// Stepper returns a stepper over the simulator's trials, none run yet.
// It uses the simulator's buffers: do not Run the simulator, or step
// another of its steppers, until this one is done or dropped.
func (s *Simulator) Stepper() *Stepper {
	if len(s.workers) == 0 {
		s.workers = append(s.workers, newWorker(s))
	}
	return &Stepper{s: s, w: s.workers[0]}
}

// Step runs the next n trials, or the rest when fewer are left, and
// returns how many it ran.
func (t *Stepper) Step(n int) int {
	end := min(t.s.trials, t.next+max(0, n))
	ran := end - t.next
	for ; t.next < end; t.next++ {
		t.w.trial(t.next)
	}
	return ran
}

// Done returns the trials run so far, and Trials all of them.
func (t *Stepper) Done() int   { return t.next }
func (t *Stepper) Trials() int { return t.s.trials }

// Summarize summarises up to n more of the bands' per-period columns
// (one series in one period, over all the trials: Columns in all) once
// every trial has run, and returns how many are left; 0 before the last
// trial. A caller that must give its thread back calls it in slices
// before Bands: the columns take nearly all of the bands' time, which
// grows with the trials (docs/benchmarks.md).
func (t *Stepper) Summarize(n int) int {
	if t.next < t.s.trials {
		return 0
	}
	if t.bands == nil {
		t.bands, t.stats = t.s.newBands()
	}
	end := min(len(t.stats), t.summed+max(0, n))
	for ; t.summed < end; t.summed++ {
		t.s.summarizeColumn(t.stats, t.summed)
	}
	return len(t.stats) - t.summed
}

// Columns returns the number of per-period columns the bands summarise.
func (t *Stepper) Columns() int { return t.s.series * t.s.m.Horizon }

// Bands returns the bands of the trials once every trial has run, nil
// before: the columns Summarize left, then the headline figures. It
// summarises the trials on the calling goroutine only.
func (t *Stepper) Bands() *Bands {
	if t.next < t.s.trials {
		return nil
	}
	t.Summarize(t.Columns())
	t.s.finishBands(t.bands)
	return t.bands
}
