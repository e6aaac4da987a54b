package vgebiten

import (
	"image"
	"image/png"
	"os"
	"path/filepath"
)

// keep saves img as DIR/name.png when CLVLAB_CANVAS=DIR is set, to look
// at.
func keep(name string, img image.Image) {
	dir := os.Getenv("CLVLAB_CANVAS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		return
	}
	png.Encode(f, img)
	f.Close()
}
