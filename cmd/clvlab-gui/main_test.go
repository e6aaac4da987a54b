package main

import (
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestWindowScreenshot starts the native app in a window (under the
// display make test provides: xvfb-run), changes a value, saves a
// screenshot and checks it shows the planner, not a blank window.
func TestWindowScreenshot(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts the app")
	}
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no DISPLAY: run the tests with make test (it starts Xvfb)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "clvlab-gui")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	shot := filepath.Join(dir, "window.png")
	cmd := exec.Command(bin, "-set", "stage.stability.to.stability=0.93", "-link", "lang=zh&tab=2",
		"-width", "1280", "-height", "800", "-screenshot", shot)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("clvlab-gui: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() < 1024 || b.Dy() < 640 {
		t.Errorf("screenshot %v, want the window size", b)
	}
	if n := colours(img); n < 50 {
		t.Errorf("screenshot has %d colours: blank", n)
	}
	if dir := os.Getenv("CLVLAB_SHOTS"); dir != "" {
		data, _ := os.ReadFile(shot)
		os.WriteFile(filepath.Join(dir, "native-zh-cashflow.png"), data, 0o644)
	}
	// A lesson in projector mode starts and draws (issue 13, item 5); an
	// unknown lesson is refused with the list of lessons.
	lessonShot := filepath.Join(dir, "lesson.png")
	if out, err := exec.Command(bin, "-lesson", "annuity", "-projector", "-width", "1920", "-height", "1080",
		"-screenshot", lessonShot).CombinedOutput(); err != nil {
		t.Errorf("clvlab-gui -lesson annuity -projector: %v\n%s", err, out)
	} else if dir := os.Getenv("CLVLAB_SHOTS"); dir != "" {
		data, _ := os.ReadFile(lessonShot)
		os.WriteFile(filepath.Join(dir, "native-lesson-projector.png"), data, 0o644)
	}
	out, err := exec.Command(bin, "-lesson", "nosuch", "-screenshot", shot).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "-lesson nosuch: no such lesson; the lessons are customer-value,") {
		t.Errorf("unknown -lesson: %v, %s", err, out)
	}
	// A bad -set is refused with a message, not a crash.
	out, err = exec.Command(bin, "-set", "stage.nosuch.revenue=5", "-screenshot", shot).CombinedOutput()
	if err == nil || !strings.Contains(string(out), `no control "stage.nosuch.revenue"`) {
		t.Errorf("bad -set: %v, %s", err, out)
	}
}

func colours(img image.Image) int {
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[r>>8<<16|g>>8<<8|bl>>8] = true
		}
	}
	return len(seen)
}
