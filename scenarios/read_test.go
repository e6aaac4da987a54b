package scenarios

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// endless is an fs.FS of one device-like file that never ends (as a file
// dropped on the app could be), counting the bytes read from it.
type endless struct{ read int }

func (e *endless) Open(string) (fs.File, error) { return endlessFile{e}, nil }

type endlessFile struct{ e *endless }

func (f endlessFile) Stat() (fs.FileInfo, error) {
	return fstest.MapFS{"dev": {Mode: fs.ModeDevice | fs.ModeCharDevice}}.Stat("dev")
}
func (f endlessFile) Read(p []byte) (int, error) { f.e.read += len(p); return len(p), nil }
func (f endlessFile) Close() error               { return nil }

// TestReadFSIsBounded (issue 10, item 6): ReadFS, the app's file drop and
// Load, stops one byte past the size limit on a file without end, and says
// what kind of file it is; a regular file over the limit is refused by its
// size without being read.
func TestReadFSIsBounded(t *testing.T) {
	e := &endless{}
	done := make(chan error, 1)
	go func() { _, err := ReadFS(e, "dev"); done <- err }()
	var err error
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("ReadFS still reading after 20 s")
	}
	want := "dev: not a regular file (a device), and it gave more than 1048576 bytes, a scenario file may have at most 1048576 (1 MiB)"
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	// io.ReadAll asks for 512 bytes at first and grows its buffer: it may
	// ask past the limit, but LimitReader never hands the file more than
	// MaxFileSize+1 in all.
	if e.read > MaxFileSize+1 {
		t.Errorf("read %d bytes, want at most %d", e.read, MaxFileSize+1)
	}

	big := fstest.MapFS{"big.toml": {Data: []byte(strings.Repeat("#", MaxFileSize+1))}}
	_, err = Load(big, "big.toml")
	if want := "big.toml: the file has 1048577 bytes, a scenario file may have at most 1048576 (1 MiB)"; err == nil || err.Error() != want {
		t.Errorf("Load of a large file: %v, want %q", err, want)
	}
}
