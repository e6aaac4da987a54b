package lessons

import (
	"embed"
	"fmt"
	"slices"
	"strings"
)

//go:embed shipped/*.toml
var shipped embed.FS

// order lists the shipped lessons in teaching order, by id: from what a
// customer is worth to the firm, through the lifecycle and CLV's forms,
// to what a planner does with them. A test checks that it names every
// file in shipped/ once.
var order = []string{
	"customer-value",
	"lifecycle",
	"discounted-cash-flow",
	"annuity",
	"margin-multiple",
	"acquisition-vs-retention",
	"decline",
	"value-segments",
	"win-back",
	"brand-switching",
	"referral-value",
}

// Shipped returns the ids of the shipped lessons, in teaching order.
func Shipped() []string { return append([]string(nil), order...) }

// Lookup returns the shipped lesson with the given id.
func Lookup(id string) (*Lesson, error) {
	if !slices.Contains(order, id) {
		return nil, fmt.Errorf("no lesson %q; lessons are %s", id, strings.Join(order, ", "))
	}
	l, err := Load(shipped, "shipped/"+id+".toml")
	if l != nil {
		l.File = id + ".toml"
	}
	return l, err
}

// All returns the shipped lessons, in teaching order.
func All() ([]*Lesson, error) {
	out := make([]*Lesson, 0, len(order))
	for _, id := range order {
		l, err := Lookup(id)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, nil
}
