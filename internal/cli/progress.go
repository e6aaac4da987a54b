package cli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// progress shows how far a long command is on one line of stderr,
// rewritten in place, when stderr is a terminal; otherwise (a file, a
// pipe, a test's buffer) it writes nothing, so logs stay clean.
type progress struct {
	w    io.Writer // nil: stderr is no terminal
	last int       // the width of the line shown, to blank it

	mu    sync.Mutex // tick is called from the Monte Carlo workers
	line  string     // the line shown, without its time
	start time.Time  // when it was first shown
	shown time.Time  // when the time on it was last drawn
	// now is the clock; nil means time.Now (a test sets its own).
	now func() time.Time
}

// clock returns the time now.
func (p *progress) clock() time.Time {
	if p.now != nil {
		return p.now()
	}
	return time.Now()
}

// newProgress returns a progress line on stderr if stderr is a terminal.
func newProgress(stderr io.Writer) *progress {
	if f, ok := stderr.(*os.File); ok && isTerminal(f) {
		return &progress{w: f}
	}
	return &progress{}
}

// isTerminal reports whether f is a character device other than the null
// device: a terminal, as far as the standard library can tell.
func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	null, err := os.Stat(os.DevNull)
	return err != nil || !os.SameFile(st, null)
}

// maxProgress is the widest line shown, to stay on one line of a narrow
// terminal.
const maxProgress = 79

// show replaces the line shown with the one format makes.
func (p *progress) show(format string, args ...any) {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.clock()
	p.line, p.start, p.shown = fmt.Sprintf(format, args...), now, now
	p.draw(p.line)
}

// tick adds the seconds since show to the line, at most every quarter
// second: it shows that a long step goes on.
func (p *progress) tick() {
	if p.w == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if now := p.clock(); p.line != "" && now.Sub(p.shown) >= time.Second/4 {
		p.shown = now
		p.draw(fmt.Sprintf("%s, %.0f s", p.line, now.Sub(p.start).Seconds()))
	}
}

// draw writes line over the line shown.
func (p *progress) draw(line string) {
	if utf8.RuneCountInString(line) > maxProgress {
		line = string([]rune(line)[:maxProgress-1]) + "…"
	}
	n := utf8.RuneCountInString(line)
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", max(0, p.last-n)))
	p.last = n
}

// clear blanks the line shown, before other output reaches the terminal.
func (p *progress) clear() {
	if p.w == nil || p.last == 0 {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, "\r%s\r", strings.Repeat(" ", p.last))
	p.last, p.line = 0, ""
}
