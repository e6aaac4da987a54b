package whatif

import (
	"context"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// parallel calls f(i) for i in [0, n) on up to GOMAXPROCS goroutines and
// returns the first error; after an error no further calls start. Results
// must not depend on the order of calls.
func parallel(n int, f func(i int) error) error {
	g, ctx := errgroup.WithContext(context.Background())
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error { return f(i) })
	}
	return g.Wait()
}
