// Package lessons reads clvlab lessons: short sequences of steps that
// teach one concept of customer lifetime value on a shipped scenario, for
// a class to follow in the planner.
//
// A lesson is a TOML file in the scenario format's family (docs/lessons.md):
// a bilingual title, the shipped scenario it starts from, and [[step]]
// tables, each with its text in English and Chinese, the values it sets
// (paths of the scenarios registry, in a set table as a variant's), the
// planner's tab to show (one of Tabs) and an optional question whose
// answer the next step reveals. Parse reads one with the scenarios
// package's machinery (scenarios.Reader): every problem at once, as
// "FILE:LINE: step N: what to fix", each step's values set on the
// scenario and range-checked as a variant's are.
//
// The shipped lessons are embedded (Shipped, Lookup, All), in teaching
// order. For the planner a lesson gives, per step, the values to apply
// (Lesson.Settings: every value set by the steps up to it, so that Back,
// Next and a link to a step land on the same screen), the tab
// (Step.Tab), and its text, question and the answer revealed
// (Lesson.Revealed) in a language.
package lessons
