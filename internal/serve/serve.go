package serve

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// BuildTags are the build tags of the browser app: "minimal" keeps
// gonum/plot from linking every file backend (its vgall.go), so the
// browser gets none of the PDF, SVG and EPS canvases it never uses. The
// Makefile (WASM_TAGS) and every check that builds the app use the same.
const BuildTags = "minimal"

// Required are the files the page needs.
var Required = []string{"index.html", "wasm_exec.js", "app.wasm"}

// Check reports, with the command that fixes it, a file the page needs
// that is missing from dir.
func Check(dir fs.FS) error {
	for _, name := range Required {
		if _, err := fs.Stat(dir, name); err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return fmt.Errorf("%s is missing: build the browser app with `make wasm` (GOOS=js GOARCH=wasm go build -tags %s -o web/app.wasm ./wasm, and copy wasm_exec.js from $(go env GOROOT)/lib/wasm)", name, BuildTags)
			}
			return err
		}
	}
	return nil
}

// Handler serves the files of dir: the page, the Go loader and the wasm,
// gzip-compressed for clients that accept it.
func Handler(dir fs.FS) http.Handler {
	h := &handler{dir: dir}
	return h
}

type handler struct {
	dir fs.FS
	mu  sync.Mutex
	gz  []byte    // app.wasm compressed, when no app.wasm.gz is as new
	of  time.Time // the modification time of the app.wasm gz is of
	raw int64     // and its size: a rebuild compresses again
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", Policy(nil))
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" {
		name = "index.html"
	}
	switch name {
	case "index.html", "wasm_exec.js":
		data, err := fs.ReadFile(h.dir, name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusNotFound)
			return
		}
		if name == "index.html" {
			w.Header().Set("Content-Security-Policy", Policy(data))
		}
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(data))
	case "app.wasm":
		h.wasm(w, r)
	default:
		http.NotFound(w, r)
	}
}

// wasm serves app.wasm, compressed when the client accepts gzip.
func (h *handler) wasm(w http.ResponseWriter, r *http.Request) {
	st, err := fs.Stat(h.dir, "app.wasm")
	if err != nil {
		http.Error(w, Check(h.dir).Error(), http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "application/wasm")
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Uncompressed-Length", strconv.FormatInt(st.Size(), 10))
	w.Header().Add("Vary", "Accept-Encoding")
	if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		f, err := h.dir.Open("app.wasm")
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		http.ServeContent(w, r, "app.wasm", time.Time{}, f.(readSeeker))
		return
	}
	gz, err := h.compressed(st)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Encoding", "gzip")
	w.Header().Set("Content-Length", strconv.Itoa(len(gz)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(gz)
}

type readSeeker interface {
	Read([]byte) (int, error)
	Seek(int64, int) (int64, error)
}

// compressed returns app.wasm gzipped: app.wasm.gz if it is as new as the
// wasm, or compressed in memory, again whenever app.wasm changes.
func (h *handler) compressed(st fs.FileInfo) ([]byte, error) {
	if gst, err := fs.Stat(h.dir, "app.wasm.gz"); err == nil && !gst.ModTime().Before(st.ModTime()) {
		return fs.ReadFile(h.dir, "app.wasm.gz")
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.gz != nil && h.of.Equal(st.ModTime()) && h.raw == st.Size() {
		return h.gz, nil
	}
	raw, err := fs.ReadFile(h.dir, "app.wasm")
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	h.gz, h.of, h.raw = b.Bytes(), st.ModTime(), st.Size()
	return h.gz, nil
}

// Dir returns the file system of a folder of the page's files.
func Dir(path string) fs.FS { return os.DirFS(path) }
