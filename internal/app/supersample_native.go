//go:build !js

package app

import (
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// nativeSupersample chooses how many times the pixels the native app draws
// its charts at: 2 (anti-aliased through a 2× offscreen) where a GPU draws,
// 1 where OpenGL runs in software (llvmpipe: virtual machines, remote
// desktops, Xvfb), where the offscreen's 4× pixels made a change cost 400
// instead of 148 ms. CLVLAB_SUPERSAMPLE=1 or 2 chooses; otherwise, on
// Linux and the BSDs, no DRM render node (/dev/dri/renderD*) or
// LIBGL_ALWAYS_SOFTWARE set means Mesa can only draw in software. (ebiten
// v2.8.8 does not expose the GL renderer string the browser build reads.)
func nativeSupersample(getenv func(string) string, goos string, renderNodes func() []string) int {
	if f, err := strconv.Atoi(strings.TrimSpace(getenv("CLVLAB_SUPERSAMPLE"))); err == nil && (f == 1 || f == 2) {
		return f
	}
	switch goos {
	case "linux", "freebsd", "openbsd", "netbsd", "dragonfly":
		if v := getenv("LIBGL_ALWAYS_SOFTWARE"); v != "" && v != "0" && !strings.EqualFold(v, "false") {
			return 1
		}
		if len(renderNodes()) == 0 {
			return 1
		}
	}
	return 2
}

func renderNodes() []string {
	m, _ := filepath.Glob("/dev/dri/renderD*")
	return m
}

// supersample is the native app's factor, chosen once.
var supersample = nativeSupersample(os.Getenv, runtime.GOOS, renderNodes)
