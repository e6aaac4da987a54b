// Package chart draws simulation results as charts with gonum/plot, for the
// batch command (PNG, SVG, PDF files) and the app (into a caller-owned
// *image.RGBA). It imports sim and gonum/plot only, never ebiten or the
// scenario format: callers pass display names in an Input.
//
// Every chart kind (Kinds) has a title, labelled axes with units and the
// currency, and a legend; colours are colour-blind safe (Okabe–Ito) and each
// stage keeps its colour across charts. Text is English or Chinese; all text
// uses the embedded Noto Sans SC subset (font/, SIL OFL 1.1), which also
// covers Latin letters and digits, so both languages look alike. Empty or
// degenerate data gives a placeholder message instead of an empty frame.
package chart
