package app

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// endlessFS holds one file, "zero", that reads like /dev/zero: it never
// ends.
type endlessFS struct{}

func (endlessFS) Open(name string) (fs.File, error) {
	if name == "." {
		return fstest.MapFS{"zero": {}}.Open(".")
	}
	return endlessFile{}, nil
}

type endlessFile struct{}

func (endlessFile) Stat() (fs.FileInfo, error) {
	return fstest.MapFS{"zero": {Mode: fs.ModeDevice | fs.ModeCharDevice}}.Stat("zero")
}
func (endlessFile) Read(p []byte) (int, error) { clear(p); return len(p), nil }
func (endlessFile) Close() error               { return nil }

// TestOpenReadIsBounded (issue 10, item 6): a file without end, dropped on
// the window or given to -scenario (/dev/zero), is read at most to the
// size limit plus one byte and refused with a message; the scenario shown
// stays.
func TestOpenReadIsBounded(t *testing.T) {
	a, _ := newApp(t, 1280, 800)
	before := a.p
	done := make(chan error, 1)
	go func() {
		a.openDropped(endlessFS{})
		_, _, err := open("/dev/zero")
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("still reading after 20 s: the read is not bounded")
	}
	want := "not a regular file (a device), and it gave more than 1048576 bytes"
	if a.p != before || !a.note.bad || !strings.Contains(a.noticeText(), "zero: "+want) {
		t.Errorf("dropped endless file: planner replaced %v, message %q", a.p != before, a.noticeText())
	}
	if err == nil || !strings.Contains(err.Error(), "/dev/zero: "+want) {
		t.Errorf("-scenario /dev/zero: %v", err)
	}
}
