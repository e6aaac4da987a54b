package fit

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"clvlab/internal/records"
)

// simulatedDir is the folder of the data shared with other tools
// (TestWriteSimulated, docs/bench/side-by-side.sh): "" when
// CLVLAB_WRITE_SIMULATED is not set.
func simulatedDir() string { return os.Getenv("CLVLAB_WRITE_SIMULATED") }

// TestWriteSimulatedLog writes simulated-log-1000000.csv, the transaction
// log that BenchmarkSideBySideSummarise reads, into the folder
// CLVLAB_WRITE_SIMULATED names, so that lifetimes summarises the very same
// rows (docs/bench/lifetimes.py); skipped without it.
func TestWriteSimulatedLog(t *testing.T) {
	dir := simulatedDir()
	if dir == "" {
		t.Skip("CLVLAB_WRITE_SIMULATED not set")
	}
	path := filepath.Join(dir, "simulated-log-1000000.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	writeLog(w, 1_000_000)
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// logRow is one purchase of a generated transaction log.
type logRow struct {
	customer int
	day      int
	cents    int
}

// writeLog writes a transaction log of rows purchases, sorted by date as a
// shop's export is: customer_id, date (ISO), amount. Customers arrive over
// the first 12 weeks of 1997 and buy on days of the following 78 weeks at
// a rate of their own (gamma distributed, mean one purchase every five
// weeks), with amounts around $35; seeded, so the log is the same each
// time.
func writeLog(w *bufio.Writer, rows int) {
	rng := rand.New(rand.NewPCG(7, 8))
	start := time.Date(1997, 1, 1, 0, 0, 0, 0, time.UTC)
	const days = 78 * 7
	log := make([]logRow, 0, rows)
	for id := 1; len(log) < rows; id++ {
		first := rng.IntN(12 * 7)
		rate := -math.Log(rng.Float64()) / 35 // purchases a day, mean 1/35
		for day := first; day < days && len(log) < rows; {
			log = append(log, logRow{id, day, 500 + rng.IntN(6000)})
			day += 1 + int(-math.Log(rng.Float64())/rate)
		}
	}
	slices.SortStableFunc(log, func(a, b logRow) int { return a.day - b.day })
	fmt.Fprintln(w, "customer_id,date,amount")
	for _, r := range log {
		fmt.Fprintf(w, "%d,%s,%d.%02d\n", r.customer, start.AddDate(0, 0, r.day).Format("2006-01-02"), r.cents/100, r.cents%100)
	}
}

// BenchmarkSideBySideSummarise reads and summarises, in days, the
// 1,000,000-row log that TestWriteSimulatedLog wrote into the folder
// CLVLAB_WRITE_SIMULATED names (the one lifetimes'
// summary_data_from_transaction_data summarises in docs/bench/lifetimes.py);
// skipped without it.
func BenchmarkSideBySideSummarise(b *testing.B) {
	dir := simulatedDir()
	if dir == "" {
		b.Skip("CLVLAB_WRITE_SIMULATED not set")
	}
	path := filepath.Join(dir, "simulated-log-1000000.csv")
	benchFit(b, func() error {
		s, err := records.ReadLog(path, records.LogOptions{Unit: records.Day})
		if err == nil && s.Rows != 1_000_000 {
			err = fmt.Errorf("%s: %d rows, want 1,000,000", path, s.Rows)
		}
		return err
	})
}
