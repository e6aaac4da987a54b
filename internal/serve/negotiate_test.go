package serve_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"testing/fstest"
	"time"

	"clvlab/internal/serve"
)

// TestAcceptEncodingQValues: the encoding is chosen by q value, not by the
// first entry that names it; q=0 refuses a coding, "*" stands for the
// codings the header does not name (RFC 9110 §12.5.3).
func TestAcceptEncodingQValues(t *testing.T) {
	now := time.Now()
	dir := fstest.MapFS{
		"app.wasm":     {Data: []byte("\x00asm build"), ModTime: now},
		"app.wasm.zst": {Data: []byte("zstd frame"), ModTime: now},
	}
	srv := httptest.NewServer(serve.Handler(dir))
	defer srv.Close()
	for _, c := range []struct{ accept, want string }{
		{"", ""},
		{"gzip", "gzip"},
		{"gzip, zstd", "zstd"},
		{"*;q=0, gzip", "gzip"},             // the * entry refuses only what gzip's does not name
		{"*;q=0, zstd;q=0.5, gzip", "gzip"}, // higher q wins
		{"zstd;q=0, gzip;q=0.2", "gzip"},
		{"gzip;q=0, zstd;q=0", ""},
		{"gzip;q=0", ""},
		{"*", "zstd"},
		{"*, zstd;q=0", "gzip"},
		{"gzip;q=0.5, identity", ""}, // the file as it is has q=1
		{"identity;q=0, gzip;q=0.1", "gzip"},
		{"GZIP; Q=0.000, zstd;q=0.9", "zstd"},
		{"deflate, br", ""},
	} {
		resp, _ := get(t, srv.URL+"/app.wasm", c.accept)
		if got := resp.Header.Get("Content-Encoding"); got != c.want {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", c.accept, got, c.want)
		}
	}
}

// TestIfNoneMatchWeak: If-None-Match uses the weak comparison (RFC 9110
// §13.1.2): W/ is ignored, "*" matches, and the header may list tags.
func TestIfNoneMatchWeak(t *testing.T) {
	dir := fstest.MapFS{"app.wasm": {Data: []byte("\x00asm build"), ModTime: time.Now()}}
	srv := httptest.NewServer(serve.Handler(dir))
	defer srv.Close()
	first, _ := get(t, srv.URL+"/app.wasm", "gzip")
	etag := first.Header.Get("ETag")
	for _, c := range []struct {
		header string
		want   int
	}{
		{etag, http.StatusNotModified},
		{"W/" + etag, http.StatusNotModified},
		{"*", http.StatusNotModified},
		{`"a", ` + etag + `, "b"`, http.StatusNotModified},
		{`"a",W/` + etag, http.StatusNotModified},
		{`"a", "b"`, http.StatusOK},
		{`W/"a"`, http.StatusOK},
	} {
		req, _ := http.NewRequest("GET", srv.URL+"/app.wasm", nil)
		req.Header.Set("Accept-Encoding", "gzip")
		req.Header.Set("If-None-Match", c.header)
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != c.want {
			t.Errorf("If-None-Match %s (ETag %s): %d, want %d", c.header, etag, resp.StatusCode, c.want)
		}
	}
}
