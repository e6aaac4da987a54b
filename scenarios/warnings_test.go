package scenarios

import (
	"slices"
	"testing"
)

// TestWarnings: a stage that no customer reaches gets a warning with its
// line, and the file stays valid; a stage reached in a variant, through
// win-back or through a response curve does not.
func TestWarnings(t *testing.T) {
	const stages = `
[[stage]]
id = "a"
revenue = 10
retention_spend = 1
to = { a = 0.8 }

[[stage]]
id = "vip"
revenue = 100
to = { vip = 0.9 }
`
	for _, c := range []struct {
		name, src string
		want      []Problem
	}{
		{"unreached", stages, []Problem{{Line: 8, Path: "stage[1]",
			Msg: `stage "vip": no customer ever reaches this stage (new customers enter "a", and no row they reach leads here), so its numbers change nothing; give a stage they reach a to.vip entry, or remove this one`}}},
		{"entry", `acquisition.entry = "vip"` + "\n" + stages, []Problem{{Line: 3, Path: "stage[0]",
			Msg: `stage "a": no customer ever reaches this stage (new customers enter "vip", and no row they reach leads here), so its numbers change nothing; give a stage they reach a to.a entry, or remove this one`}}},
		{"variant", stages + "[[variant]]\nname = \"Upgrade\"\nset.\"stage.a.to.vip\" = 0.1\n", nil},
		{"win-back", stages + "[winback]\nrate = 0.1\nto = \"vip\"\n", nil},
		{"response", stages + "[[response]]\nlever = \"stage.a.retention_spend\"\ntarget = \"stage.a.to.vip\"\np0 = 0\npmax = 0.1\nk = 1\n", nil},
		{"winback without churn", "[[stage]]\nid = \"a\"\nto = { a = 1 }\n[[stage]]\nid = \"b\"\n[winback]\nrate = 0.5\nto = \"b\"\n",
			[]Problem{{Line: 4, Path: "stage[1]", Msg: `stage "b": no customer ever reaches this stage (new customers enter "a", and no row they reach leads here), so its numbers change nothing; give a stage they reach a to.b entry, or remove this one`}}},
	} {
		s, err := Parse(c.name+".toml", []byte(c.src))
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !slices.Equal(s.Warnings, c.want) {
			t.Errorf("%s: warnings\n%v\nwant\n%v", c.name, s.Warnings, c.want)
		}
	}
}
