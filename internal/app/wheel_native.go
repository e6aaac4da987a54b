//go:build !js

package app

// takeWheel returns the lines to scroll this tick from ebiten's wheel
// offset: natively a notch is 1 (GLFW's offset), three lines.
func takeWheel(ebitenY, pageLines float64) float64 { return ebitenY * linesPerNotch }
