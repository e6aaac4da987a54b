package serve_test

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"clvlab/internal/serve"
)

// TestSecurityHeaders (issue 10, item 13): every response, the page, the
// loader, the wasm and a missing file alike, carries
// X-Content-Type-Options: nosniff and a Content-Security-Policy that lets
// the wasm app compile ('wasm-unsafe-eval') and allows the page's own
// inline script and style by hash, never any inline code
// ('unsafe-inline'); fonts (the loading page's own Chinese glyphs, the
// chart font) and fetches come from the server only. TestBrowser runs the
// app under this policy.
func TestSecurityHeaders(t *testing.T) {
	page, err := os.ReadFile("../../web/index.html")
	if err != nil {
		t.Fatal(err)
	}
	dir := fstest.MapFS{
		"index.html":   {Data: page},
		"wasm_exec.js": {Data: []byte("// loader")},
		"app.wasm":     {Data: []byte("\x00asm\x01\x00\x00\x00")},
	}
	srv := httptest.NewServer(serve.Handler(dir))
	defer srv.Close()

	// The hash of the page's inline script, computed here from the text
	// between <script> and </script>.
	body := string(page)
	start := strings.Index(body, "<script>") + len("<script>")
	end := start + strings.Index(body[start:], "</script>")
	sum := sha256.Sum256(page[start:end])
	scriptHash := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"

	for _, path := range []string{"/", "/index.html", "/wasm_exec.js", "/app.wasm", "/font-zh.ttf", "/missing", "/../etc/passwd"} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q, want nosniff", path, got)
		}
		csp := resp.Header.Get("Content-Security-Policy")
		for _, want := range []string{"default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", "font-src 'self';", "connect-src 'self';", "object-src 'none'", "frame-ancestors 'none'"} {
			if !strings.Contains(csp, want) {
				t.Errorf("%s: Content-Security-Policy %q lacks %q", path, csp, want)
			}
		}
		if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "'unsafe-eval'") {
			t.Errorf("%s: Content-Security-Policy %q allows inline code or eval", path, csp)
		}
		if page := path == "/" || path == "/index.html"; page != strings.Contains(csp, scriptHash) {
			t.Errorf("%s: Content-Security-Policy %q: the inline script's hash %s should be there only for the page", path, csp, scriptHash)
		}
	}
}
