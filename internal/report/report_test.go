package report

import (
	"bytes"
	"strings"
	"testing"

	"clvlab/scenarios"
	"clvlab/sim"
)

func TestFormat(t *testing.T) {
	for _, c := range []struct {
		k    kind
		v    sim.Optional
		want string
	}{
		{money, sim.Some(1234.5), "1,234.50"},
		{money, sim.Some(-99999.994), "-99,999.99"},
		{money, sim.Some(13146488.4), "13,146,488"},
		{money, sim.Some(0), "0.00"},
		{ratio, sim.Some(6.8313), "6.83"},
		{periods, sim.Some(13.94), "13.9"},
		{whole, sim.Some(4), "4"},
		{money, sim.Optional{}, "—"},
	} {
		if got := c.k.format(c.v); got != c.want {
			t.Errorf("format(%v) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestDelta(t *testing.T) {
	for _, c := range []struct {
		base, v sim.Optional
		want    string
	}{
		{sim.Some(819.76), sim.Some(901.81), "+82.05 (+10.0%)"},
		{sim.Some(120), sim.Some(90), "-30.00 (-25.0%)"},
		{sim.Some(5), sim.Some(5), "0"},
		{sim.Some(0), sim.Some(5), "+5.00"},
		{sim.Some(4), sim.Optional{}, "n/a"},
		{sim.Optional{}, sim.Optional{}, ""},
	} {
		if got := money.delta(c.base, c.v); got != c.want {
			t.Errorf("delta(%v, %v) = %q, want %q", c.base, c.v, got, c.want)
		}
	}
}

// TestTable: the table lists the base, every variant and its delta, and an
// undefined figure as "—".
func TestTable(t *testing.T) {
	s, err := scenarios.Preset("annuity")
	if err != nil {
		t.Fatal(err)
	}
	runs, err := Compute(s)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := WriteTable(&b, s, runs); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	// 600·(1−1.1⁻³)/0.1 = 1,492.11 (the annuity formula).
	for _, want := range []string{"base", runs[1].Name, "1,492.11", "expected lifetime (periods)", "—"} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
