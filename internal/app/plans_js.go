//go:build js

package app

import (
	"errors"
	"syscall/js"
)

// storeKey is the localStorage item of the saved plans, and asideKey
// where an unreadable one is set aside.
const (
	storeKey = "clvlab.plans"
	asideKey = "clvlab.plans.unreadable"
)

// localStore keeps the saved plans in the page's localStorage.
type localStore struct{}

func newPlanStore() planStore { return localStore{} }

func storage() (js.Value, error) {
	ls := js.Global().Get("localStorage")
	if ls.IsUndefined() || ls.IsNull() {
		return js.Value{}, errors.New("this browser keeps no localStorage for the page")
	}
	return ls, nil
}

func (localStore) read() (data []byte, err error) {
	defer recoverJS(&err)
	ls, err := storage()
	if err != nil {
		return nil, err
	}
	v := ls.Call("getItem", storeKey)
	if v.IsNull() || v.IsUndefined() {
		return nil, nil
	}
	return []byte(v.String()), nil
}

func (localStore) write(data []byte) (err error) {
	defer recoverJS(&err)
	ls, err := storage()
	if err != nil {
		return err
	}
	ls.Call("setItem", storeKey, string(data)) // throws when the quota is full
	return nil
}

func (localStore) setAside() (where string, err error) {
	defer recoverJS(&err)
	ls, err := storage()
	if err != nil {
		return "", err
	}
	v := ls.Call("getItem", storeKey)
	if !v.IsNull() && !v.IsUndefined() {
		ls.Call("setItem", asideKey, v)
	}
	ls.Call("removeItem", storeKey)
	return "localStorage[\"" + asideKey + "\"]", nil
}

// recoverJS turns a JavaScript exception (storage denied, quota full)
// into an error.
func recoverJS(err *error) {
	if r := recover(); r != nil {
		if e, ok := r.(js.Error); ok {
			*err = e
			return
		}
		*err = errors.New("localStorage refused the plans")
	}
}

// publishPlans adds the plans to window.clvlab: plans (every plan's
// name, in the Plans tab's order), saved (the saved plans' names),
// baseline (the baseline's name) and compared (the names drawn on the
// charts).
func (a *App) publishPlans(o js.Value) {
	names := func(list []string) js.Value {
		arr := js.Global().Get("Array").New()
		for _, n := range list {
			arr.Call("push", n)
		}
		return arr
	}
	var all, saved, compared []string
	for i, pl := range a.p.Plans() {
		all = append(all, pl.Name.EN)
		if a.p.IsCompared(i) {
			compared = append(compared, pl.Name.EN)
		}
	}
	for _, sv := range a.p.SavedPlans() {
		saved = append(saved, sv.Name)
	}
	o.Set("plans", names(all))
	o.Set("saved", names(saved))
	o.Set("compared", names(compared))
	o.Set("baseline", a.p.BaselineName("en"))
}
