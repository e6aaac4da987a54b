//go:build !js

package app

import (
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// native saves exports into a folder (the working directory by default).
type native struct {
	a   *App
	dir string
}

func newPlatform(a *App) platform { return &native{a: a, dir: "."} }

func (n *native) poll()                    { n.a.dropped() }
func (n *native) stateChanged()            {}
func (n *native) publish()                 {}
func (n *native) chinese() bool            { return true }       // the whole font is embedded
func (n *native) idle(bool, time.Duration) {}                    // ebiten sleeps between frames that draw nothing
func (n *native) yield()                   { runtime.Gosched() } // trials run in slices in the browser only
func (n *native) wake()                    {}

// chartOptions: charts at the factor nativeSupersample chose; no waiting
// for the GPU.
func (n *native) chartOptions() (int, bool) { return supersample, false }

// save writes data to dir/name through a temporary file, so an export is
// whole or absent.
func (n *native) save(name string, data []byte) (string, error) {
	path := filepath.Join(n.dir, filepath.Base(name))
	tmp, err := os.CreateTemp(n.dir, ".export-*")
	if err != nil {
		return "", err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return "", err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return "", err
	}
	abs, _ := filepath.Abs(path)
	return abs, nil
}

// SetExportDir sets where the native app saves exported files.
func (a *App) SetExportDir(dir string) {
	if n, ok := a.platform.(*native); ok {
		n.dir = dir
	}
}
