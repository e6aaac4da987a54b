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

// Bands returns the bands of the trials once every trial has run, nil
// before. It summarises the trials on the calling goroutine only.
func (t *Stepper) Bands() *Bands {
	if t.next < t.s.trials {
		return nil
	}
	return t.s.bands(1)
}
