package report

import (
	"bytes"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
)

// inParallel returns files that write what files write, drawn ahead in
// parallel: the first Write of any of them starts at most GOMAXPROCS
// workers, which take the files in order and write each into memory; each
// file's Write waits for its own and copies it out. A file holds the same
// bytes as when written alone (each is drawn on its own, nothing is
// shared), and a file that fails gives its own error from its own Write,
// as before (the others are still drawn: a failure is rare, and the
// caller decides whether to go on).
func inParallel(files []File) []File {
	b := &batch{files: files, out: make([]drawn, len(files))}
	for i := range b.out {
		b.out[i].done = make(chan struct{})
	}
	out := make([]File, len(files))
	for i, f := range files {
		out[i] = File{Name: f.Name, Write: func(w io.Writer) error {
			b.once.Do(b.start)
			d := &b.out[i]
			<-d.done
			if d.err != nil {
				return d.err
			}
			_, err := w.Write(d.data)
			return err
		}}
	}
	return out
}

// batch is files being drawn by workers.
type batch struct {
	files []File
	out   []drawn
	once  sync.Once
	next  atomic.Int64 // the next file a worker takes
}

// drawn is one file's bytes once done is closed.
type drawn struct {
	done chan struct{}
	data []byte
	err  error
}

func (b *batch) start() {
	for range min(runtime.GOMAXPROCS(0), len(b.files)) {
		go b.work()
	}
}

// work draws files until none are left.
func (b *batch) work() {
	for {
		i := int(b.next.Add(1)) - 1
		if i >= len(b.files) {
			return
		}
		d := &b.out[i]
		var buf bytes.Buffer
		d.err = b.files[i].Write(&buf)
		d.data = buf.Bytes()
		close(d.done)
	}
}
