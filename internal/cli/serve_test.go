package cli

import (
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeMissingWasm: without a wasm build, serve says which command
// builds it.
func TestServeMissingWasm(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<html>"), 0o644)
	status, _, errs := runCLI(t, "serve", "-dir", dir)
	if status != ExitFailure || !strings.Contains(errs, "make wasm") {
		t.Errorf("status %d, stderr %q", status, errs)
	}
}

// TestServeFiles: serve prints the URL and serves the page and the wasm,
// gzip-compressed, with its raw size for the loading bar.
func TestServeFiles(t *testing.T) {
	dir := t.TempDir()
	wasm := []byte(strings.Repeat("\x00asm wasm bytes ", 5000))
	for name, data := range map[string][]byte{"index.html": []byte("<html>page</html>"), "wasm_exec.js": []byte("// go"), "app.wasm": wasm} {
		os.WriteFile(filepath.Join(dir, name), data, 0o644)
	}
	serveReady = make(chan string)
	defer func() { serveReady = nil }()
	done := make(chan int)
	go func() {
		status, _, _ := runCLI(t, "serve", "-dir", dir, "-addr", "127.0.0.1:0")
		done <- status
	}()
	url := <-serveReady
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Errorf("url %q, want loopback", url)
	}
	req, _ := http.NewRequest("GET", url+"app.wasm", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("X-Uncompressed-Length") != "80000" {
		t.Errorf("headers %v", resp.Header)
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(zr)
	resp.Body.Close()
	if string(got) != string(wasm) {
		t.Error("decompressed wasm differs")
	}
	page, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(page.Body)
	page.Body.Close()
	if string(body) != "<html>page</html>" {
		t.Errorf("index: %q", body)
	}
	if r, _ := http.Get(url + "../../etc/passwd"); r == nil || r.StatusCode != http.StatusNotFound {
		t.Error("a path outside the page's files was served")
	}
	serveReady <- "stop"
	if status := <-done; status != ExitOK {
		t.Errorf("status %d", status)
	}
}
