package whatif

import (
	"errors"
	"fmt"
	"strings"

	"clvlab/scenarios"
)

// playersOf turns a variant's set lines into players: one per line, except
// that the lines of one transition row, or the segment shares, become one
// player when some subset of them makes an invalid scenario (a row over 1,
// shares that do not sum to 1).
func playersOf(base *scenarios.Scenario, sets []scenarios.Setting) ([]Player, error) {
	if len(sets) == 0 {
		return nil, errors.New("whatif: the variant changes nothing")
	}
	var order []string
	groups := map[string][]scenarios.Setting{}
	for _, set := range sets {
		g := groupOf(set.Path)
		if _, seen := groups[g]; !seen {
			order = append(order, g)
		}
		groups[g] = append(groups[g], set)
	}
	var players []Player
	for _, g := range order {
		sets := groups[g]
		if len(sets) > 1 && !everySubsetValid(base, sets) {
			names := make([]string, len(sets))
			for i, s := range sets {
				names[i] = s.Path
			}
			players = append(players, Player{Name: groupName(names), Settings: sets})
			continue
		}
		for _, s := range sets {
			players = append(players, Player{Name: s.Path, Settings: []scenarios.Setting{s}})
		}
	}
	if len(players) > maxPlayers {
		return nil, fmt.Errorf("whatif: the variant changes %d values; at most %d can be attributed", len(players), maxPlayers)
	}
	return players, nil
}

// groupOf returns the constraint a setting takes part in: its transition
// row, the segment shares, or the setting alone.
func groupOf(path string) string {
	p, err := scenarios.ParsePath(path)
	switch {
	case err != nil:
	case p.Key == "to":
		return "row " + p.Stage
	case p.Segment != "" && p.Stage == "" && p.Key == "share":
		return "shares"
	}
	return path
}

// groupName names merged paths: the destinations of one transition row
// by their common path, "stage.decline.to.{decline, stability}"; other
// groups (the segment shares) as "a + b".
func groupName(paths []string) string {
	row, err := scenarios.ParsePath(paths[0])
	dests := make([]string, len(paths))
	for i, path := range paths {
		p, perr := scenarios.ParsePath(path)
		if err != nil || perr != nil || p.Key != "to" || row.Key != "to" || p.Segment != row.Segment || p.Stage != row.Stage {
			return strings.Join(paths, " + ")
		}
		dests[i] = p.To
	}
	row.To = "{" + strings.Join(dests, ", ") + "}"
	return row.String()
}

// everySubsetValid reports whether base with every subset of sets applied
// is a valid scenario.
func everySubsetValid(base *scenarios.Scenario, sets []scenarios.Setting) bool {
	if len(sets) > 12 {
		return false
	}
	for mask := 1; mask < 1<<len(sets)-1; mask++ {
		c := base.Clone()
		for i, set := range sets {
			if mask&(1<<i) != 0 && c.Set(set.Path, set.Value) != nil {
				return false
			}
		}
		if len(c.Validate()) > 0 {
			return false
		}
	}
	return true
}
