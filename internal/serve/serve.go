package serve

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
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
				return fmt.Errorf("%s is missing: build the browser app with `make wasm` (it builds app.wasm with -tags %s and the go.mod of the browser build, and copies wasm_exec.js and the Chinese font next to it)", name, BuildTags)
			}
			return err
		}
	}
	return nil
}

// types are the files the page is made of and their content types:
// index.html, Go's loader, the app, the whole chart font (fetched when
// Chinese is shown) and the few glyphs of the loading page's Chinese.
// Nothing else is served.
var types = map[string]string{
	"index.html":     "text/html; charset=utf-8",
	"wasm_exec.js":   "text/javascript; charset=utf-8",
	"app.wasm":       "application/wasm",
	"font-zh.ttf":    "font/ttf",
	"loading-zh.otf": "font/otf",
}

// Handler serves the files of dir (those of types) compressed for clients
// that accept it: NAME.zst (zstd, which `make wasm` writes) when it is as
// new as NAME, else gzip, from NAME.gz when it is as new as NAME or
// compressed once in memory. Each encoding has its ETag, and a
// revalidation of the same version gets 304. app.wasm goes out as application/wasm with
// Content-Encoding gzip, which WebAssembly.instantiateStreaming compiles
// while it arrives; X-Uncompressed-Length tells the page its real size for
// the progress bar.
func Handler(dir fs.FS) http.Handler {
	return &handler{dir: dir, gz: map[string]gzipped{}}
}

type handler struct {
	dir fs.FS
	mu  sync.Mutex
	gz  map[string]gzipped // files compressed in memory, by name
}

// gzipped is a file compressed, and the modification time and size of
// the file it was made from: a rebuild compresses again.
type gzipped struct {
	data []byte
	of   time.Time
	raw  int64
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
	typ, ok := types[name]
	if !ok {
		http.NotFound(w, r)
		return
	}
	st, err := fs.Stat(h.dir, name)
	if err != nil {
		msg := err.Error()
		if errors.Is(err, fs.ErrNotExist) {
			msg = name + " is missing: build the page with `make wasm`"
			if cerr := Check(h.dir); cerr != nil {
				msg = cerr.Error()
			}
		}
		http.Error(w, msg, http.StatusNotFound)
		return
	}
	if name == "index.html" {
		page, err := fs.ReadFile(h.dir, name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Security-Policy", Policy(page))
	}
	w.Header().Set("Content-Type", typ)
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Uncompressed-Length", strconv.FormatInt(st.Size(), 10))
	w.Header().Add("Vary", "Accept-Encoding")
	// The file's version: a browser that has it asks again with
	// If-None-Match and gets 304, which lets it reuse the wasm it compiled
	// (V8 keeps the code of a module compiled from a cached response).
	etag := fmt.Sprintf(`"%x-%x`, st.Size(), st.ModTime().UnixNano())
	var body []byte
	zst := newer(h.dir, name+".zst", st)
	switch encoding(r.Header.Get("Accept-Encoding"), zst) {
	case "zstd":
		// `make wasm` compresses harder with zstd than gzip can (app.wasm:
		// 4.1 against 5.6 MB); no copy as new as the file, no zstd.
		if body, err = fs.ReadFile(h.dir, name+".zst"); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		etag += `-zst"`
		w.Header().Set("Content-Encoding", "zstd")
	case "gzip":
		if body, err = h.compressed(name, st); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		etag += `-gz"`
		w.Header().Set("Content-Encoding", "gzip")
	default:
		w.Header().Set("ETag", etag+`"`)
		f, err := h.dir.Open(name)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		defer f.Close()
		if rs, ok := f.(readSeeker); ok {
			http.ServeContent(w, r, name, time.Time{}, rs)
			return
		}
		b, err := io.ReadAll(f)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(b))
		return
	}
	w.Header().Set("ETag", etag)
	if noneMatch(r.Header.Get("If-None-Match"), etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(body)
}

// newer reports whether the compressed copy name exists and is as new as
// the file st.
func newer(dir fs.FS, name string, st fs.FileInfo) bool {
	cst, err := fs.Stat(dir, name)
	return err == nil && !cst.ModTime().Before(st.ModTime())
}

// encoding chooses how to send a file for the Accept-Encoding header
// accept: "zstd" (when the file has a .zst copy, zst), "gzip" or "" (the
// file as it is). The coding with the highest q value wins, the server's
// order (zstd, gzip, none) breaking ties; q=0 refuses a coding and "*"
// stands for every coding the header does not name. The file as it is
// competes only when the header names identity (or "*"); otherwise it is
// what is left when every compression is refused. No header means the
// file as it is.
func encoding(accept string, zst bool) string {
	if strings.TrimSpace(accept) == "" {
		return ""
	}
	qz, qg, qi := qvalue(accept, "zstd"), qvalue(accept, "gzip"), qvalue(accept, "identity")
	switch {
	case zst && qz > 0 && qz >= qg && qz >= qi:
		return "zstd"
	case qg > 0 && qg >= qi:
		return "gzip"
	}
	return ""
}

// qvalue returns the q value accept gives coding: its own entry's, else
// that of "*", else 0.
func qvalue(accept, coding string) float64 {
	star, q := -1.0, -1.0
	for _, part := range strings.Split(accept, ",") {
		c, params, _ := strings.Cut(part, ";")
		c = strings.ToLower(strings.TrimSpace(c))
		if c != coding && c != "*" {
			continue
		}
		v := 1.0
		for _, p := range strings.Split(params, ";") {
			k, val, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				f, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
				if err != nil || f < 0 || f > 1 {
					v = -1 // not a q value: the entry says nothing
					break
				}
				v = f
			}
		}
		if v < 0 {
			continue
		}
		if c == coding {
			q = v
		} else {
			star = v
		}
	}
	switch {
	case q >= 0:
		return q
	case star >= 0:
		return star
	}
	return 0
}

// noneMatch reports whether the If-None-Match header list names etag by
// the weak comparison (W/ ignored on either side), or is "*".
func noneMatch(list, etag string) bool {
	etag = strings.TrimPrefix(etag, "W/")
	for _, tag := range strings.Split(list, ",") {
		tag = strings.TrimSpace(tag)
		if tag == "*" || strings.TrimPrefix(tag, "W/") == etag {
			return true
		}
	}
	return false
}

type readSeeker interface {
	Read([]byte) (int, error)
	Seek(int64, int) (int64, error)
}

// compressed returns the file gzipped: NAME.gz if it is as new as the
// file, or compressed in memory, again whenever the file changes.
func (h *handler) compressed(name string, st fs.FileInfo) ([]byte, error) {
	if newer(h.dir, name+".gz", st) {
		return fs.ReadFile(h.dir, name+".gz")
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if g, ok := h.gz[name]; ok && g.of.Equal(st.ModTime()) && g.raw == st.Size() {
		return g.data, nil
	}
	raw, err := fs.ReadFile(h.dir, name)
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write(raw)
	zw.Close()
	h.gz[name] = gzipped{b.Bytes(), st.ModTime(), st.Size()}
	return b.Bytes(), nil
}

// Dir returns the file system of a folder of the page's files.
func Dir(path string) fs.FS { return os.DirFS(path) }
