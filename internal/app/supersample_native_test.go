//go:build !js

package app

import "testing"

// TestNativeSupersample: the native app draws charts at ×2 on a GPU and at
// ×1 where OpenGL can only run in software, and CLVLAB_SUPERSAMPLE
// chooses.
func TestNativeSupersample(t *testing.T) {
	gpu := func() []string { return []string{"/dev/dri/renderD128"} }
	none := func() []string { return nil }
	for _, c := range []struct {
		env   map[string]string
		goos  string
		nodes func() []string
		want  int
	}{
		{nil, "linux", gpu, 2},
		{nil, "linux", none, 1}, // no render node: llvmpipe
		{map[string]string{"LIBGL_ALWAYS_SOFTWARE": "1"}, "linux", gpu, 1},
		{map[string]string{"LIBGL_ALWAYS_SOFTWARE": "0"}, "linux", gpu, 2},
		{map[string]string{"CLVLAB_SUPERSAMPLE": "2"}, "linux", none, 2},
		{map[string]string{"CLVLAB_SUPERSAMPLE": "1"}, "linux", gpu, 1},
		{map[string]string{"CLVLAB_SUPERSAMPLE": "3"}, "linux", gpu, 2}, // not a factor: ignored
		{nil, "darwin", none, 2},
		{nil, "windows", none, 2},
	} {
		got := nativeSupersample(func(k string) string { return c.env[k] }, c.goos, c.nodes)
		if got != c.want {
			t.Errorf("env %v, %s, render nodes %v: ×%d, want ×%d", c.env, c.goos, c.nodes(), got, c.want)
		}
	}
}
