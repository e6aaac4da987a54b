package fit

import (
	"runtime"
	"sync"

	"clvlab/internal/records"
)

// chunk is the number of rows one goroutine sums; fixed, so that a total is
// the same on every machine whatever its number of cores.
const chunk = 4096

// group merges customers with the same frequency, recency and T into one
// row whose Weight is the sum of theirs (a Weight of 0 counts as 1), in the
// order of first appearance. The purchase models' likelihoods depend on
// nothing else, so grouping changes no total and saves the work of repeats.
func group(cs []records.Customer) []records.Customer {
	type key struct{ x, tx, t float64 }
	at := make(map[key]int, len(cs))
	out := make([]records.Customer, 0, len(cs))
	for _, c := range cs {
		w := c.Count()
		k := key{c.Frequency, c.Recency, c.T}
		if i, ok := at[k]; ok {
			out[i].Weight += w
			continue
		}
		at[k] = len(out)
		out = append(out, records.Customer{Frequency: c.Frequency, Recency: c.Recency, T: c.T, Weight: w})
	}
	return out
}

// sumTo adds f over rows [0, n) componentwise into dst (len(dst)
// components, dst zeroed first), in chunks of a fixed size (chunk rows), in parallel when there is more
// than one chunk: f adds
// the rows [lo, hi) into part, which starts at zero; the parts are added in
// chunk order, so the result does not depend on scheduling. A likelihood and
// its gradient are summed in one pass this way.
func sumTo(dst []float64, n int, f func(part []float64, lo, hi int)) {
	clear(dst)
	k := len(dst)
	chunks := (n + chunk - 1) / chunk
	if chunks <= 1 {
		f(dst, 0, n)
		return
	}
	parts := make([]float64, chunks*k)
	workers := min(runtime.GOMAXPROCS(0), chunks)
	var wg sync.WaitGroup
	next := make(chan int, chunks)
	for c := range chunks {
		next <- c
	}
	close(next)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range next {
				lo := c * chunk
				f(parts[c*k:(c+1)*k], lo, min(lo+chunk, n))
			}
		}()
	}
	wg.Wait()
	for c := range chunks {
		for i, v := range parts[c*k : (c+1)*k] {
			dst[i] += v
		}
	}
}
