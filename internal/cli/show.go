package cli

import (
	"fmt"
	"io"

	"clvlab/scenarios"
)

func show(args []string, stdout, stderr io.Writer) int {
	fs := flags("show", "PRESET", `Prints a shipped scenario's file as it is shipped, comments included, so that
a class can copy it and edit it: clvlab show annuity > my.toml. The presets
are listed by clvlab list.`, stderr)
	if st := parse(fs, args); st >= 0 {
		return st
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return ExitUsage
	}
	src, err := scenarios.PresetSource(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "clvlab show: %v\n", err)
		return ExitUsage
	}
	if _, err := stdout.Write(src); err != nil {
		fmt.Fprintf(stderr, "clvlab show: %v\n", err)
		return ExitFailure
	}
	return ExitOK
}
