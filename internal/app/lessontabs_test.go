package app

import (
	"testing"

	"clvlab/internal/chart"
	"clvlab/scenarios/lessons"
)

// TestLessonTabs: the tabs a lesson's show key names (lessons.Tabs) are
// the planner's, in its order, so that a step's Tab is the app's tab.
func TestLessonTabs(t *testing.T) {
	if len(lessons.Tabs) != numTabs {
		t.Fatalf("lessons.Tabs has %d tabs, the app %d", len(lessons.Tabs), numTabs)
	}
	for i, k := range chart.Kinds {
		if lessons.Tabs[i] != k.Slug() {
			t.Errorf("tab %d: lessons.Tabs says %q, the app shows the chart %q", i, lessons.Tabs[i], k.Slug())
		}
	}
	for tab, name := range map[int]string{tabTornado: "tornado", tabOptimum: "optimum", tabPlans: "plans"} {
		if lessons.Tabs[tab] != name {
			t.Errorf("tab %d: lessons.Tabs says %q, the app %q", tab, lessons.Tabs[tab], name)
		}
	}
}
