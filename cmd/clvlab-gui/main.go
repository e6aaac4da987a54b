// Command clvlab-gui opens the what-if planner in a native window. It is a
// separate binary from clvlab because it needs cgo and a display; the
// planner itself is internal/app.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"clvlab/internal/app"
)

type list []string

func (l *list) String() string     { return strings.Join(*l, ",") }
func (l *list) Set(s string) error { *l = append(*l, s); return nil }

func main() {
	var o app.Options
	var sets list
	flag.StringVar(&o.Scenario, "scenario", "", "shipped scenario id or scenario `file` to open (default four-stage)")
	flag.StringVar(&o.Fragment, "link", "", "a planner link (the part after #) to restore")
	flag.IntVar(&o.Width, "width", 1280, "window width")
	flag.IntVar(&o.Height, "height", 800, "window height")
	flag.Var(&sets, "set", "change `path=value` before the first frame (repeatable)")
	flag.StringVar(&o.Screenshot, "screenshot", "", "save the first frame to this PNG `file` and quit")
	flag.StringVar(&o.ExportDir, "o", ".", "`folder` for exported files (TOML, PNG, CSV, the report)")
	flag.IntVar(&o.Trials, "trials", 0, "Monte Carlo `trials` per run for fan bands (0: off)")
	flag.StringVar(&o.Lesson, "lesson", "", "open the shipped lesson `id` at its first step (clvlab list shows them)")
	flag.BoolVar(&o.Projector, "projector", false, "start in projector mode (the chart and the formulas, large, high contrast)")
	flag.Parse()
	o.Set = sets
	if err := app.Run(o); err != nil {
		fmt.Fprintln(os.Stderr, "clvlab-gui:", err)
		os.Exit(1)
	}
}
