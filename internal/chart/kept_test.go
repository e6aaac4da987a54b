package chart

import (
	"math"
	"reflect"
	"testing"

	"gonum.org/v1/plot"
)

// TestKeptTicksAreTheMarkers: a marker's kept ticks are the ticks it finds
// afresh, asked once or again, and markers that differ keep their own
// over the same range (15k in English is 1.5万 in Chinese); −0 and 0 are
// kept apart, as DefaultTicks sees them.
func TestKeptTicksAreTheMarkers(t *testing.T) {
	dropKeptTicks()
	markers := []struct {
		kept  plot.Ticker
		fresh func(min, max float64) []plot.Tick
	}{
		{humanTicks{"en"}, humanTicks{"en"}.ticks},
		{humanTicks{"zh"}, humanTicks{"zh"}.ticks},
		{percentTicks{}, percentTicks{}.ticks},
		{periodTicks{}, periodTicks{}.ticks},
		{percentPointTicks{}, percentPointTicks{}.ticks},
	}
	ranges := [][2]float64{{0, 36}, {-1234, 98765}, {0, 0.4375}, {0, 1.5e9}, {math.Copysign(0, -1), 15000}, {0, 15000}, {-12.5, 3.25}}
	for _, m := range markers {
		for _, r := range ranges {
			want := m.fresh(r[0], r[1])
			for range 2 {
				if got := m.kept.Ticks(r[0], r[1]); !reflect.DeepEqual(got, want) {
					t.Errorf("%T%v over %v: kept %v, found afresh %v", m.kept, m.kept, r, got, want)
				}
			}
		}
	}
	en, zh := humanTicks{"en"}.Ticks(0, 15000), humanTicks{"zh"}.Ticks(0, 15000)
	if reflect.DeepEqual(en, zh) {
		t.Errorf("English and Chinese ticks kept as one: %v", en)
	}
}

// TestFacesFollowTheFont: once the chart font changes (SetChineseFont),
// texts are measured with the new font, not a face kept from the old one.
func TestFacesFollowTheFont(t *testing.T) {
	if err := registerFont(); err != nil {
		t.Fatal(err)
	}
	h := plot.DefaultTextHandler.(keptWidths)
	fnt := chartFont
	fnt.Size = 10
	before := h.face(fnt).face.Face
	if err := SetChineseFont(FontTTF()); err != nil { // the same data, parsed anew
		t.Fatal(err)
	}
	if err := registerFont(); err != nil {
		t.Fatal(err)
	}
	now, _, err := parsedFont()
	if err != nil {
		t.Fatal(err)
	}
	if after := h.face(fnt).face.Face; after != now || after == before {
		t.Errorf("measured with face %p after the font changed from %p to %p", after, before, now)
	}
}
