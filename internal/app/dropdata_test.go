package app

import (
	"bytes"
	"image"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/hajimehoshi/ebiten/v2"

	"clvlab/internal/ui"
)

// TestDropData (issue 15, item 4): the CDNOW summary dropped on the window
// is fitted here and its scenario opened: the planner holds the fitted
// scenario, the notice says the data never left the machine, and the fit
// view shows the key numbers and the tracking plot's image until "Open
// the fitted scenario" is pressed, when the charts come back.
func TestDropData(t *testing.T) {
	src, err := os.ReadFile("../records/testdata/cdnow_customers_summary_with_transactions.csv")
	if err != nil {
		t.Fatal(err)
	}
	a, screen := newApp(t, 1280, 800)
	a.openDropped(fstest.MapFS{"cdnow.csv": {Data: src}})
	if a.note.bad {
		t.Fatalf("drop: %s", a.noticeText())
	}
	if name := a.p.Scenario().Name.In("en"); !strings.Contains(name, "fitted BG/NBD") {
		t.Errorf("scenario %q is not the fitted one", name)
	}
	if msg := a.noticeText(); !strings.Contains(msg, "never left this machine") {
		t.Errorf("notice %q", msg)
	}
	inFrame(func(*ebiten.Image) {
		a.frame(ui.Input{})
		a.Draw(screen)
	})
	b, ok := a.widgets["button:open-fitted"]
	if !ok || a.chartImg == nil || a.chartKey.tab != tabFit {
		t.Fatalf("the fit view is not shown (button %v, chart key %+v)", ok, a.chartKey)
	}
	click := image.Pt(b.Min.X+b.Dx()/2, b.Min.Y+b.Dy()/2)
	inFrame(func(*ebiten.Image) {
		a.frame(ui.Input{Mouse: click, Down: true, Pressed: true})
		a.frame(ui.Input{Mouse: click, Released: true})
		a.frame(ui.Input{})
		a.Draw(screen)
	})
	if a.dataFit.open || a.chartKey.tab == tabFit {
		t.Errorf("Open the fitted scenario left the fit view (open %v, chart key tab %d)", a.dataFit.open, a.chartKey.tab)
	}
}

// TestDropDataTooLarge: a data file over the limit is refused with the
// command that fits it, and the scenario shown stays.
func TestDropDataTooLarge(t *testing.T) {
	a, _ := newApp(t, 1280, 800)
	before := a.p
	a.openDropped(bigFS{size: dataLimit + 1})
	if a.p != before || !a.note.bad || !strings.Contains(a.noticeText(), "clvlab fit transactions big.csv -scenario big.toml") {
		t.Errorf("planner replaced %v, message %q", a.p != before, a.noticeText())
	}
}

// bigFS holds one file, big.csv, whose Stat says size bytes.
type bigFS struct{ size int64 }

func (f bigFS) Open(name string) (fs.File, error) {
	if name == "." {
		return fstest.MapFS{"big.csv": {}}.Open(".")
	}
	return bigFile{f.size, bytes.NewReader(nil)}, nil
}

type bigFile struct {
	size int64
	*bytes.Reader
}

func (f bigFile) Stat() (fs.FileInfo, error) { return bigInfo{f.size}, nil }

type bigInfo struct{ size int64 }

func (i bigInfo) Name() string       { return "big.csv" }
func (i bigInfo) Size() int64        { return i.size }
func (i bigInfo) Mode() fs.FileMode  { return 0o644 }
func (i bigInfo) ModTime() time.Time { return time.Time{} }
func (i bigInfo) IsDir() bool        { return false }
func (i bigInfo) Sys() any           { return nil }
func (bigFile) Close() error         { return nil }
