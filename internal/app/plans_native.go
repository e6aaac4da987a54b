//go:build !js

package app

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"clvlab/internal/planner"
)

// fileStore keeps the saved plans in a file: plans.json in the user's
// config folder (os.UserConfigDir()/clvlab), or the file CLVLAB_PLANS
// names (people who keep their plans elsewhere); CLVLAB_PLANS=off keeps
// none between sessions (the tests).
type fileStore struct{ path string }

func newPlanStore() planStore {
	switch p := os.Getenv("CLVLAB_PLANS"); p {
	case "off":
		return nil
	case "":
	default:
		return &fileStore{path: p}
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return nil // no config folder: plans last as long as the window
	}
	return &fileStore{path: filepath.Join(dir, "clvlab", "plans.json")}
}

func (f *fileStore) read() ([]byte, error) {
	fh, err := os.Open(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	return io.ReadAll(io.LimitReader(fh, planner.MaxStore+1))
}

// write replaces the file through a temporary one in the same folder,
// so the store is whole or as before.
func (f *fileStore) write(data []byte) error {
	dir := filepath.Dir(f.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".plans-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), f.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// setAside renames the unreadable file to plans.json.unreadable-TIME.
func (f *fileStore) setAside() (string, error) {
	to := fmt.Sprintf("%s.unreadable-%s", f.path, time.Now().UTC().Format("20060102-150405"))
	if err := os.Rename(f.path, to); err != nil {
		return f.path, err
	}
	return to, nil
}
