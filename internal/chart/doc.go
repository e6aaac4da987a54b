// Package chart draws simulation results as charts with gonum/plot: it
// builds a Figure and draws it onto a gonum/plot canvas: as a PNG image
// (Figure.WritePNG), or onto any vg.Canvas (Figure.Draw; the app draws on the GPU with package
// vgebiten's). Writing SVG and PDF files is package chartfile's job,
// so the app and the browser build link no vector backend. It never
// imports ebiten.
//
// The drawing code reads only an Input (the runs and the display names) or
// an Analysis; NewInput builds an Input from a scenario's runs (package
// projection), and NewWaterfall, NewTornado, NewHeatMap, NewSeekCurve and
// NewOptimumSlices build the analyses from package whatif's results.
//
// Every chart kind (Kinds) has a title, labelled axes with units and the
// currency, and a legend; colours are colour-blind safe (Okabe–Ito) and each
// stage keeps its colour across charts. Text is English or Chinese; all text
// uses the embedded Noto Sans SC subset (font/, SIL OFL 1.1), which also
// covers Latin letters and digits, so both languages look alike. Empty or
// degenerate data gives a placeholder message instead of an empty frame.
package chart
