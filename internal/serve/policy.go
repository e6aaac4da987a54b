package serve

import (
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"strings"
)

// inline finds the page's inline scripts and style sheets (a tag without
// attributes), whose hashes the policy allows.
var inline = regexp.MustCompile(`(?s)<(script|style)>(.*?)</(?:script|style)>`)

// Policy returns the Content-Security-Policy of a response: scripts, the
// wasm app ('wasm-unsafe-eval' lets WebAssembly compile), styles, fonts,
// fetches and images from the server itself only; no plug-ins, frames, forms or
// base URL. For a page (page non-nil) it also allows the page's own inline
// scripts and style sheets by their SHA-256 hashes, and no other inline
// code ('unsafe-inline' is never given).
func Policy(page []byte) string {
	scripts := []string{"'self'", "'wasm-unsafe-eval'"}
	styles := []string{"'self'"}
	for _, m := range inline.FindAllSubmatch(page, -1) {
		sum := sha256.Sum256(m[2])
		h := "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
		if string(m[1]) == "script" {
			scripts = append(scripts, h)
		} else {
			styles = append(styles, h)
		}
	}
	return "default-src 'self'; script-src " + strings.Join(scripts, " ") +
		"; style-src " + strings.Join(styles, " ") +
		"; font-src 'self'; connect-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
}
