package cli

import (
	"fmt"
	"strconv"
	"strings"

	"clvlab/scenarios"
)

// pickVariants returns the indices of s's variants that name picks: by
// English name (any case), Chinese name or number from 1; every variant
// when name is empty.
func pickVariants(s *scenarios.Scenario, name string) []int {
	var picked []int
	for i, v := range s.Variants {
		if name == "" || strings.EqualFold(v.Name.EN, name) || v.Name.ZH == name || strconv.Itoa(i+1) == name {
			picked = append(picked, i)
		}
	}
	return picked
}

// noVariant says, in lang, that s has no variant name, and lists those
// it has.
func noVariant(s *scenarios.Scenario, name, lang string) string {
	var names []string
	for _, v := range s.Variants {
		names = append(names, strconv.Quote(v.Name.In(lang)))
	}
	list := strings.Join(names, ", ")
	if len(names) == 0 {
		list = "none"
		if lang == "zh" {
			list = "（无）"
		}
	}
	return fmt.Sprintf(msgNoVariant.In(lang), name, s.File, list)
}
