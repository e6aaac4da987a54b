package vgebiten

import (
	"os"
	"testing"

	"github.com/hajimehoshi/ebiten/v2"
)

// TestMain runs the tests beside ebiten's game loop, so that a test can
// draw and read pixels inside a real frame (inFrame). It needs a display:
// run the tests under xvfb-run.
func TestMain(m *testing.M) {
	h := &harness{done: make(chan int, 1)}
	go func() { h.done <- m.Run() }()
	ebiten.SetWindowSize(64, 64)
	ebiten.SetVsyncEnabled(false)
	if err := ebiten.RunGame(h); err != nil && err != ebiten.Termination {
		panic(err)
	}
	os.Exit(h.code)
}

var work = make(chan func())

type harness struct {
	done chan int
	code int
}

func (h *harness) Update() error {
	select {
	case h.code = <-h.done:
		return ebiten.Termination
	default:
		return nil
	}
}

func (h *harness) Draw(*ebiten.Image) {
	select {
	case f := <-work:
		f()
		work <- nil
	default:
	}
}

func (h *harness) Layout(w, h2 int) (int, int) { return w, h2 }

// inFrame runs f inside the next frame and waits for it.
func inFrame(f func()) {
	work <- f
	<-work
}
