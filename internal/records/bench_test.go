package records

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strconv"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// writeBenchLog writes a CSV log of rows purchases by customers customers
// (ids C0000000...), sorted by date over two years from 2020-01-01, with
// amounts in cents, as a shop's export would be: "customer,date,amount".
func writeBenchLog(b testing.TB, dir string, rows, customers int) string {
	b.Helper()
	path := filepath.Join(dir, "log.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString("customer,date,amount\n")
	rng := rand.New(rand.NewPCG(1, 2))
	start := date("2020-01-01")
	var line []byte
	for i := range rows {
		d := start.AddDate(0, 0, i*730/rows)
		line = append(line[:0], 'C')
		id := rng.IntN(customers)
		for k := 1000000; k > 0; k /= 10 {
			line = append(line, byte('0'+id/k%10))
		}
		line = append(line, ',')
		line = d.AppendFormat(line, time.DateOnly)
		line = append(line, ',')
		cents := 100 + rng.IntN(20000)
		line = strconv.AppendInt(line, int64(cents/100), 10)
		line = append(line, '.', byte('0'+cents/10%10), byte('0'+cents%10), '\n')
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	return path
}

// cpuTime is the CPU time the process has used (user and system, all
// threads): on a machine shared with other work, a fairer measure of the
// work done than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// peakHeap samples the live heap every few milliseconds until stop is
// closed, and returns the largest sample in bytes.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(s)
			peak = max(peak, s[0].Value.Uint64())
			select {
			case <-stop:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

// benchmarkReadLog reads and summarises a generated log (weeks, a
// calibration end a year in, a holdout to the end), reporting rows per
// second and the peak live heap.
func benchmarkReadLog(b *testing.B, rows, customers int) {
	path := writeBenchLog(b, b.TempDir(), rows, customers)
	info, _ := os.Stat(path)
	opt := LogOptions{Unit: Week, CalibrationEnd: date("2020-12-31"), HoldoutEnd: date("2021-12-30")} // the log's last day
	b.SetBytes(info.Size())
	b.ReportAllocs()
	stop := make(chan struct{})
	peak := peakHeap(stop)
	var n atomic.Int64
	cpu0 := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		s, err := ReadLog(path, opt)
		if err != nil {
			b.Fatal(err)
		}
		n.Store(int64(len(s.Customers)))
	}
	b.StopTimer()
	b.ReportMetric((cpuTime()-cpu0).Seconds()/float64(b.N), "cpu-s/op")
	close(stop)
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(<-peak)/(1<<20), "peak-heap-MiB")
	b.ReportMetric(float64(n.Load()), "customers")
}

// BenchmarkReadLog1M: 1,000,000 rows, 100,000 customers (lifetimes'
// summary_data_from_transaction_data takes 1.6-1.8 s on such a log).
func BenchmarkReadLog1M(b *testing.B) { benchmarkReadLog(b, 1_000_000, 100_000) }

// BenchmarkReadLog10M: 10,000,000 rows, 1,000,000 customers (the target:
// at most 4 s on 2 cores, memory bounded by the customers).
func BenchmarkReadLog10M(b *testing.B) { benchmarkReadLog(b, 10_000_000, 1_000_000) }

// BenchmarkReadLog10MFewCustomers: the same rows from 100,000 customers:
// the heap follows the customers, not the rows.
func BenchmarkReadLog10MFewCustomers(b *testing.B) { benchmarkReadLog(b, 10_000_000, 100_000) }

// TestWriteBenchLog writes BenchmarkReadLog1M's log into the directory
// CLVLAB_WRITE_BENCHLOG names, as log-1000000.csv, for
// testdata/lifetimes_summary_bench.py; skipped without it.
func TestWriteBenchLog(t *testing.T) {
	dir := os.Getenv("CLVLAB_WRITE_BENCHLOG")
	if dir == "" {
		t.Skip("set CLVLAB_WRITE_BENCHLOG=DIR to write the benchmark's log")
	}
	path := writeBenchLog(t, t.TempDir(), 1_000_000, 100_000)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, fmt.Sprintf("log-%d.csv", 1_000_000))
	if err := os.WriteFile(out, b, 0o644); err != nil {
		t.Fatal(err)
	}
}
