package scenarios

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// ReadFile reads the scenario file at path from the operating system's
// files, at most MaxFileSize bytes and one more: a file that is larger, or
// a device or pipe that gives more (/dev/zero, a pipe without end), is
// refused with a message instead of being read to its end. Every command
// and the app read scenario files through it or ReadFS.
func ReadFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(path, f)
}

// ReadFS reads the file name of fsys as ReadFile does.
func ReadFS(fsys fs.FS, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readLimited(name, f)
}

// readLimited reads f (named name) to its end or to one byte past
// MaxFileSize, whichever comes first.
func readLimited(name string, f fs.File) ([]byte, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, &Error{File: name, Problems: []Problem{{Msg: "is a folder; give a scenario file (.toml) or a preset"}}}
	}
	regular := st.Mode().IsRegular()
	if regular && st.Size() > MaxFileSize {
		return nil, tooLarge(name, fmt.Sprintf("the file has %d bytes", st.Size()))
	}
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > MaxFileSize {
		if regular { // it grew while being read
			return nil, tooLarge(name, fmt.Sprintf("the file has more than %d bytes", MaxFileSize))
		}
		return nil, tooLarge(name, fmt.Sprintf("not a regular file (%s), and it gave more than %d bytes", kindOf(st.Mode()), MaxFileSize))
	}
	return src, nil
}

func tooLarge(name, what string) error {
	return &Error{File: name, Problems: []Problem{{Msg: fmt.Sprintf("%s, a scenario file may have at most %d (1 MiB)", what, MaxFileSize)}}}
}

// kindOf names the kind of a file that is not a regular one.
func kindOf(m fs.FileMode) string {
	switch {
	case m&fs.ModeNamedPipe != 0:
		return "a pipe"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0, m&fs.ModeDevice != 0:
		return "a device"
	}
	return "of another kind"
}
