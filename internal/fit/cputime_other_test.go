//go:build !unix

package fit

import "time"

// processCPU is not measured here.
func processCPU() time.Duration { return 0 }
