package scenarios_test

import (
	"fmt"
	"testing/fstest"

	"clvlab/scenarios"
	"clvlab/sim"
)

// twoStages is a small scenario: a new customer earns 100 − 20 in its
// first year, 60% become loyal and earn 150 − 30 a year, 80% of whom stay.
const twoStages = `name = "Two stages"
period = "year"
horizon = 3
discount_rate = 0.10

[acquisition]
new_customers = 1000
cost_per_customer = 200

[[stage]]
id = "new"
name = { en = "New", zh = "新客户" }
revenue = 100
cost_to_serve = 20
to = { loyal = 0.6 }

[[stage]]
id = "loyal"
name = { en = "Loyal", zh = "忠诚客户" }
revenue = 150
cost_to_serve = 30
to = { loyal = 0.8 }
`

// Parse a scenario file and project it. CLV by hand, margins at the end of
// each year: 80/1.1 + 0.6·120/1.1² + 0.6·0.8·120/1.1³ = 175.51.
func ExampleParse() {
	s, err := scenarios.Parse("two-stages.toml", []byte(twoStages))
	if err != nil {
		fmt.Println(err)
		return
	}
	m, _ := s.Model()
	r, _ := sim.Run(m)
	fmt.Printf("%s: %d stages, CLV %.2f\n", s.Name, len(s.Stages), r.Summary.CLV)
	// Output:
	// Two stages: 2 stages, CLV 175.51
}

// Load reads a file from any fs.FS: a folder, the embedded presets, or a
// map in memory.
func ExampleLoad() {
	fsys := fstest.MapFS{"plans/two-stages.toml": {Data: []byte(twoStages)}}
	s, err := scenarios.Load(fsys, "plans/two-stages.toml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.File, s.Stages[1].ID, s.Stages[1].To["loyal"])
	// Output:
	// plans/two-stages.toml loyal 0.8
}

// Set a value by its path, as a variant's set table does; a mistyped path
// is refused with a message that says what exists. Loyal customers staying
// 90% of the time instead of 80%: the third year's term becomes
// 0.6·0.9·120/1.1³ = 48.69, so CLV = 72.73 + 59.50 + 48.69 = 180.92.
func ExampleScenario_Set() {
	s, _ := scenarios.Parse("two-stages.toml", []byte(twoStages))
	if err := s.Set("stage.loyal.to.loyal", 0.9); err != nil {
		fmt.Println(err)
	}
	m, _ := s.Model()
	r, _ := sim.Run(m)
	fmt.Printf("CLV %.2f\n", r.Summary.CLV)
	fmt.Println(s.Set("stage.loyl.revenue", 160))
	// Output:
	// CLV 180.92
	// "stage.loyl.revenue": no stage "loyl" (did you mean "loyal"?); stages are new, loyal
}

// Read a parameter through the registry: its kind, value, range, label in
// both languages and its explanation.
func ExampleLookup() {
	s, _ := scenarios.Parse("two-stages.toml", []byte(twoStages))
	p, err := s.ParsePath("stage.loyal.to.loyal")
	if err != nil {
		fmt.Println(err)
		return
	}
	e, _ := scenarios.Lookup(p)
	fmt.Printf("%s %s in [%g, %g]: %.2f\n", e.Pattern, e.Kind, e.Min, e.Max, e.Get(s, p))
	fmt.Println(s.Label(p.String(), "en"), "/", s.Label(p.String(), "zh"))
	fmt.Println(e.Explain.EN)
	// Output:
	// stage.ID.to.ID probability in [0, 1]: 0.80
	// Loyal: stay / 忠诚客户：留存
	// The probability that a customer in this stage is in the destination stage next period; what a row leaves below 1 is churn. Staying longer in profitable stages raises CLV.
}

// Params lists every parameter a scenario has: what a teaching view shows
// to explain each slider.
func ExampleParams() {
	for _, e := range scenarios.Params()[:5] {
		fmt.Printf("%-30s %-11s %s / %s\n", e.Pattern, e.Kind, e.Label.EN, e.Label.ZH)
	}
	// Output:
	// horizon                        periods     horizon / 期限
	// discount_rate                  rate        discount rate / 折现率
	// renewal_every                  periods     contract length / 合同期限
	// acquisition.new_customers      count       new customers per period / 每期新客户数
	// acquisition.cost_per_customer  money       acquisition cost per customer / 单客获客成本
}
