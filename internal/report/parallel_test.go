package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync/atomic"
	"testing"

	"clvlab/internal/chart"
	"clvlab/internal/chart/chartfile"
)

// TestInParallel: files drawn ahead in parallel write what they write
// alone, in any order of Writes; a failing file gives its own error and
// the others still write; at most GOMAXPROCS are drawn at once.
func TestInParallel(t *testing.T) {
	var running, most atomic.Int64
	bad := errors.New("chart 3 failed")
	var files []File
	for i := range 12 {
		files = append(files, File{Name: fmt.Sprint(i), Write: func(w io.Writer) error {
			n := running.Add(1)
			defer running.Add(-1)
			for {
				m := most.Load()
				if n <= m || most.CompareAndSwap(m, n) {
					break
				}
			}
			runtime.Gosched()
			if i == 3 {
				io.WriteString(w, "half")
				return bad
			}
			_, err := fmt.Fprintf(w, "file %d", i)
			return err
		}})
	}
	par := inParallel(files)
	// Written last first: each Write waits for its own file.
	for j := len(par) - 1; j >= 0; j-- {
		var b bytes.Buffer
		err := par[j].Write(&b)
		if par[j].Name != files[j].Name {
			t.Errorf("file %d named %q, want %q", j, par[j].Name, files[j].Name)
		}
		switch {
		case j == 3 && (err != bad || b.Len() != 0):
			t.Errorf("failing file: error %v, wrote %q; want its own error and nothing", err, b.String())
		case j != 3 && (err != nil || b.String() != fmt.Sprintf("file %d", j)):
			t.Errorf("file %d: %q, %v", j, b.String(), err)
		}
	}
	if p := int64(runtime.GOMAXPROCS(0)); most.Load() > p || most.Load() < 1 {
		t.Errorf("%d files drawn at once, GOMAXPROCS is %d", most.Load(), p)
	}
}

// TestChartFilesDeterministic: the chart files of a shipped scenario,
// drawn in parallel, are byte for byte the files drawn one by one.
func TestChartFilesDeterministic(t *testing.T) {
	in := chartInput(t, "four-stage", "zh")
	formats := []chartfile.Format{chartfile.PNG, chartfile.SVG}
	files := ChartFiles(in, formats)
	if len(files) != len(chart.Kinds)*len(formats) {
		t.Fatalf("%d files, want %d", len(files), len(chart.Kinds)*len(formats))
	}
	i := 0
	for _, k := range chart.Kinds {
		for _, f := range formats {
			var par, alone bytes.Buffer
			if err := files[i].Write(&par); err != nil {
				t.Fatal(err)
			}
			fig, err := chart.Build(k, in, chart.DefaultSize)
			if err != nil {
				t.Fatal(err)
			}
			if err := chartfile.Write(&alone, fig, f); err != nil {
				t.Fatal(err)
			}
			if want := k.Slug() + "." + string(f); files[i].Name != want {
				t.Errorf("file %d is %s, want %s", i, files[i].Name, want)
			}
			if !bytes.Equal(par.Bytes(), alone.Bytes()) {
				t.Errorf("%s: %d bytes drawn in parallel differ from the %d drawn alone", files[i].Name, par.Len(), alone.Len())
			}
			i++
		}
	}
}
