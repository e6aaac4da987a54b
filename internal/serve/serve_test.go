package serve_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/image/font/sfnt"

	"clvlab/internal/serve"
)

// get requests path with the Accept-Encoding given (none if empty) and
// returns the response with its body read as sent.
func get(t *testing.T, url, encoding string) (*http.Response, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	if encoding != "" {
		req.Header.Set("Accept-Encoding", encoding)
	}
	// A Transport of its own: the default one would ask for gzip and
	// undo it behind our back.
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestWasmHeaders: app.wasm goes out as application/wasm with
// Content-Encoding gzip to a browser that accepts gzip (what
// WebAssembly.instantiateStreaming needs to compile it while it arrives),
// with its uncompressed size in X-Uncompressed-Length for the progress bar;
// as it is to a client that does not accept gzip (or refuses it with q=0).
// The Chinese font goes the same way as font/ttf.
func TestWasmHeaders(t *testing.T) {
	wasm := bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00 a module "), 500)
	font := bytes.Repeat([]byte("glyf"), 1000)
	dir := fstest.MapFS{
		"index.html":   {Data: []byte("<html></html>")},
		"wasm_exec.js": {Data: []byte("// loader")},
		"app.wasm":     {Data: wasm},
		"font-zh.ttf":  {Data: font},
	}
	srv := httptest.NewServer(serve.Handler(dir))
	defer srv.Close()
	for _, c := range []struct {
		path, typ string
		raw       []byte
	}{{"/app.wasm", "application/wasm", wasm}, {"/font-zh.ttf", "font/ttf", font}} {
		resp, body := get(t, srv.URL+c.path, "gzip, deflate, br, zstd")
		h := resp.Header
		if resp.StatusCode != 200 || h.Get("Content-Type") != c.typ || h.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s with gzip: %d, Content-Type %q, Content-Encoding %q; want 200, %s, gzip", c.path, resp.StatusCode, h.Get("Content-Type"), h.Get("Content-Encoding"), c.typ)
		}
		if h.Get("Content-Length") != strconv.Itoa(len(body)) || len(body) >= len(c.raw) {
			t.Errorf("%s: Content-Length %s, body %d bytes of %d raw", c.path, h.Get("Content-Length"), len(body), len(c.raw))
		}
		if !bytes.Equal(gunzip(t, body), c.raw) {
			t.Errorf("%s: the gzip body is not the file", c.path)
		}
		if h.Get("X-Uncompressed-Length") != strconv.Itoa(len(c.raw)) || !strings.Contains(h.Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s: X-Uncompressed-Length %q (want %d), Vary %q", c.path, h.Get("X-Uncompressed-Length"), len(c.raw), h.Get("Vary"))
		}
		for _, enc := range []string{"", "identity", "gzip;q=0, identity"} {
			resp, body = get(t, srv.URL+c.path, enc)
			if resp.Header.Get("Content-Encoding") != "" || resp.Header.Get("Content-Type") != c.typ || !bytes.Equal(body, c.raw) {
				t.Errorf("%s with Accept-Encoding %q: Content-Encoding %q, Content-Type %q, %d bytes; want the file as it is",
					c.path, enc, resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"), len(body))
			}
		}
	}
	for _, path := range []string{"/app.wasm.gz", "/go.mod", "/browser.mod"} {
		if resp, _ := get(t, srv.URL+path, "gzip"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404: only the page's files are served", path, resp.StatusCode)
		}
	}
}

// TestZstd: a browser that accepts zstd gets app.wasm.zst (make wasm) as it
// is, with Content-Encoding zstd, when it is as new as app.wasm; gzip when
// it does not accept zstd or the copy is older than the file.
func TestZstd(t *testing.T) {
	now := time.Now()
	dir := fstest.MapFS{
		"app.wasm":     {Data: []byte("\x00asm build"), ModTime: now},
		"app.wasm.zst": {Data: []byte("zstd frame of the build"), ModTime: now},
	}
	srv := httptest.NewServer(serve.Handler(dir))
	defer srv.Close()
	resp, body := get(t, srv.URL+"/app.wasm", "gzip, deflate, br, zstd")
	if resp.Header.Get("Content-Encoding") != "zstd" || string(body) != "zstd frame of the build" ||
		resp.Header.Get("Content-Type") != "application/wasm" || resp.Header.Get("X-Uncompressed-Length") != "10" {
		t.Errorf("zstd accepted: Content-Encoding %q, Content-Type %q, X-Uncompressed-Length %q, body %q",
			resp.Header.Get("Content-Encoding"), resp.Header.Get("Content-Type"), resp.Header.Get("X-Uncompressed-Length"), body)
	}
	zetag := resp.Header.Get("ETag")
	resp, body = get(t, srv.URL+"/app.wasm", "gzip, deflate, br")
	if resp.Header.Get("Content-Encoding") != "gzip" || string(gunzip(t, body)) != "\x00asm build" || resp.Header.Get("ETag") == zetag {
		t.Errorf("zstd not accepted: Content-Encoding %q, ETag %q (zstd's %q)", resp.Header.Get("Content-Encoding"), resp.Header.Get("ETag"), zetag)
	}
	dir["app.wasm"] = &fstest.MapFile{Data: []byte("\x00asm rebuilt"), ModTime: now.Add(time.Second)}
	resp, body = get(t, srv.URL+"/app.wasm", "gzip, zstd")
	if resp.Header.Get("Content-Encoding") != "gzip" || string(gunzip(t, body)) != "\x00asm rebuilt" {
		t.Errorf("a zstd copy older than the file was sent (Content-Encoding %q)", resp.Header.Get("Content-Encoding"))
	}
}

// TestPrecompressedWasm: app.wasm.gz (make wasm) is sent when it is as new
// as app.wasm, and not when app.wasm was rebuilt after it.
func TestPrecompressedWasm(t *testing.T) {
	now := time.Now()
	var pre bytes.Buffer
	zw := gzip.NewWriter(&pre)
	zw.Write([]byte("old build"))
	zw.Close()
	dir := fstest.MapFS{
		"app.wasm":    {Data: []byte("new build"), ModTime: now},
		"app.wasm.gz": {Data: pre.Bytes(), ModTime: now},
	}
	srv := httptest.NewServer(serve.Handler(dir))
	defer srv.Close()
	if _, body := get(t, srv.URL+"/app.wasm", "gzip"); string(gunzip(t, body)) != "old build" {
		t.Errorf("an app.wasm.gz as new as app.wasm was not used")
	}
	dir["app.wasm"].ModTime = now.Add(time.Second)
	if _, body := get(t, srv.URL+"/app.wasm", "gzip"); string(gunzip(t, body)) != "new build" {
		t.Errorf("an app.wasm.gz older than app.wasm was used")
	}
}

// TestLoadingFontHasThePagesChinese: loading-zh.otf, the loading page's
// own Chinese glyphs, has every character of index.html in the CSS
// unicode-range it is given for (CJK punctuation, hanzi, full-width
// forms), so the page never falls back to a system font for them.
func TestLoadingFontHasThePagesChinese(t *testing.T) {
	page, err := os.ReadFile("../../web/index.html")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile("../../web/loading-zh.otf")
	if err != nil {
		t.Fatal(err)
	}
	f, err := sfnt.Parse(data)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "unicode-range: U+3000-303F, U+4E00-9FFF, U+FF00-FFEF;") {
		t.Fatal("index.html no longer gives loading-zh.otf the unicode-range this test checks")
	}
	var buf sfnt.Buffer
	n := 0
	for _, r := range string(page) {
		if !(r >= 0x3000 && r <= 0x303f || r >= 0x4e00 && r <= 0x9fff || r >= 0xff00 && r <= 0xffef) {
			continue
		}
		n++
		if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
			t.Errorf("loading-zh.otf lacks %q, which index.html shows; cut it again (web/README.md)", r)
		}
	}
	if n < 20 {
		t.Errorf("index.html has %d Chinese characters: its Chinese texts are gone?", n)
	}
}

// TestNotModified: a file goes out with an ETag of its version (and of its
// encoding), and a request that names it in If-None-Match gets 304 and no
// body, gzip or not, until the file changes; a browser then reuses the
// wasm it compiled instead of fetching and compiling it again.
func TestNotModified(t *testing.T) {
	now := time.Now()
	dir := fstest.MapFS{"app.wasm": {Data: []byte("\x00asm build one"), ModTime: now}}
	srv := httptest.NewServer(serve.Handler(dir))
	defer srv.Close()
	revalidate := func(enc, etag string) (*http.Response, []byte) {
		req, _ := http.NewRequest("GET", srv.URL+"/app.wasm", nil)
		if enc != "" {
			req.Header.Set("Accept-Encoding", enc)
		}
		req.Header.Set("If-None-Match", etag)
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, b
	}
	for _, enc := range []string{"gzip", ""} {
		first, _ := get(t, srv.URL+"/app.wasm", enc)
		etag := first.Header.Get("ETag")
		if first.StatusCode != 200 || !strings.HasPrefix(etag, `"`) || !strings.HasSuffix(etag, `"`) {
			t.Fatalf("Accept-Encoding %q: %d, ETag %q", enc, first.StatusCode, etag)
		}
		resp, body := revalidate(enc, etag)
		if resp.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("Accept-Encoding %q, If-None-Match %s: %d with %d bytes, want 304 and none", enc, etag, resp.StatusCode, len(body))
		}
		if resp, _ := revalidate(enc, `"other"`); resp.StatusCode != 200 {
			t.Errorf("Accept-Encoding %q, If-None-Match of another version: %d, want 200", enc, resp.StatusCode)
		}
	}
	gzTag := func() string { r, _ := get(t, srv.URL+"/app.wasm", "gzip"); return r.Header.Get("ETag") }
	plain, _ := get(t, srv.URL+"/app.wasm", "")
	before := gzTag()
	if before == plain.Header.Get("ETag") {
		t.Errorf("the gzip and the plain file share the ETag %s", before)
	}
	dir["app.wasm"] = &fstest.MapFile{Data: []byte("\x00asm build two"), ModTime: now.Add(time.Second)}
	if resp, body := revalidate("gzip", before); resp.StatusCode != 200 || string(gunzip(t, body)) != "\x00asm build two" {
		t.Errorf("after a rebuild, the old ETag got %d: want 200 and the new build", resp.StatusCode)
	}
}
