package sim

import (
	"reflect"
	"testing"
)

// TestChainMoves: a chain's moves are the transition row's positive
// entries in stage order, then the churn (1 − the row's sum) into the first
// lost state, or out of the chain without win-back; a lost state sends the
// win-back rate to Winback.To and the rest one period older, to itself
// without a window, or out of the chain from the last state of the window.
// The expected shares are the model's numbers, computed as the engine does.
func TestChainMoves(t *testing.T) {
	seg := Segment{ID: "all", Share: 1,
		Stages:     []Economics{{Revenue: 10}, {Revenue: 20}},
		Transition: [][]float64{{0.5, 0.3}, {0, 0.9}},
	}
	// In float64 arithmetic, as the engine sums the rows (Go would fold
	// constants exactly).
	one, a0, a1, b1 := 1.0, 0.5, 0.3, 0.9
	churnA, churnB := one-(a0+a1), one-(0+b1)
	for _, c := range []struct {
		name string
		w    Winback
		want [][]Move
	}{
		{"no win-back", Winback{}, [][]Move{
			{{0, 0.5}, {1, 0.3}, {Gone, churnA}},
			{{1, 0.9}, {Gone, churnB}},
		}},
		{"win-back for ever", Winback{Rate: 0.25, To: 1}, [][]Move{
			{{0, 0.5}, {1, 0.3}, {2, churnA}},
			{{1, 0.9}, {2, churnB}},
			{{1, 0.25}, {2, 0.75}},
		}},
		{"win-back within 2 periods", Winback{Rate: 0.25, To: 0, Window: 2}, [][]Move{
			{{0, 0.5}, {1, 0.3}, {2, churnA}},
			{{1, 0.9}, {2, churnB}},
			{{0, 0.25}, {3, 0.75}},
			{{0, 0.25}, {Gone, 0.75}},
		}},
	} {
		m := &Model{StageIDs: []string{"a", "b"}, Horizon: 3, NewCustomers: []float64{1, 1, 1},
			Winback: c.w, Segments: []Segment{seg}}
		ch := NewPopulation(m, LostStates(c.w), Expected{}).Chain(0)
		if ch.Stages() != 2 || ch.States() != len(c.want) {
			t.Errorf("%s: %d stages, %d states; want 2, %d", c.name, ch.Stages(), ch.States(), len(c.want))
			continue
		}
		for i, want := range c.want {
			if got := ch.Moves(i); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: state %d moves %v, want %v", c.name, i, got, want)
			}
		}
	}
}
