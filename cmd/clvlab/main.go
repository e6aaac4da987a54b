// Command clvlab projects customer-lifetime-value scenarios from the command
// line; see internal/cli, and the README for a tour.
package main

import (
	"os"

	"clvlab/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
