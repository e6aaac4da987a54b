package planner

import "fmt"

// Problem is an error a person reads on the planner's screen, in English
// (Error) and in Chinese (In): what is wrong with a link, and what the
// planner did about it.
type Problem struct {
	EN, ZH string
}

func (p *Problem) Error() string { return p.EN }

// In returns the message in lang ("en" or "zh").
func (p *Problem) In(lang string) string {
	if lang == "zh" {
		return p.ZH
	}
	return p.EN
}

// problem formats a Problem: en and zh take the same arguments.
func problem(en, zh string, args ...any) *Problem {
	return &Problem{EN: fmt.Sprintf(en, args...), ZH: fmt.Sprintf(zh, args...)}
}
