package scenarios

import (
	"bytes"
	"reflect"
	"testing"
)

// TestEncodeRoundTrip: every shipped scenario, written out and read back,
// is the same scenario and gives the same engine models.
func TestEncodeRoundTrip(t *testing.T) {
	for _, id := range Presets() {
		s, err := Preset(id)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := s.Encode(&b); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		back, err := Parse(s.File, b.Bytes())
		if err != nil {
			t.Fatalf("%s: written file does not load: %v\n%s", id, err, b.String())
		}
		runs, _ := s.Runs()
		backRuns, err := back.Runs()
		if err != nil {
			t.Fatal(err)
		}
		for i := range runs {
			if !reflect.DeepEqual(runs[i].Model, backRuns[i].Model) {
				t.Errorf("%s: run %s differs after a round trip", id, runs[i].Name)
			}
		}
		if back.Name != s.Name || back.Description != s.Description || len(back.Variants) != len(s.Variants) {
			t.Errorf("%s: names or variants differ after a round trip", id)
		}
	}
}
