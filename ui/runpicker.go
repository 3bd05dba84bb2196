package ui

import (
	"slices"

	"fyne.io/fyne/v2/widget"
)

// runPicker is a row of checkboxes, one per trained run, with which the
// Gallery and Compare tabs choose the runs they show. It is used on the UI
// goroutine only.
type runPicker struct {
	checks *widget.CheckGroup
	byName map[string]*Run
	picked map[*Run]bool
}

// newRunPicker returns an empty picker that calls onChange when the user
// ticks or unticks a run.
func newRunPicker(onChange func()) *runPicker {
	p := &runPicker{byName: map[string]*Run{}, picked: map[*Run]bool{}}
	p.checks = widget.NewCheckGroup(nil, func(names []string) {
		clear(p.picked)
		for _, n := range names {
			if r := p.byName[n]; r != nil {
				p.picked[r] = true
			}
		}
		onChange()
	})
	p.checks.Horizontal = true
	return p
}

// sync offers the trained runs as checkboxes, ticks those of tick that are
// among them, and forgets ticked runs that are gone. It reports whether the
// options or the ticks changed; it does not call onChange.
func (p *runPicker) sync(trained []*Run, tick ...*Run) bool {
	names := make([]string, len(trained))
	known := map[*Run]bool{}
	clear(p.byName)
	for i, r := range trained {
		names[i] = r.Name
		p.byName[r.Name] = r
		known[r] = true
	}
	changed := !slices.Equal(names, p.checks.Options)
	for _, r := range tick {
		if r != nil && known[r] && !p.picked[r] {
			p.picked[r] = true
			changed = true
		}
	}
	for r := range p.picked {
		if !known[r] {
			delete(p.picked, r)
			changed = true
		}
	}
	if !changed {
		return false
	}
	var on []string
	for _, r := range trained {
		if p.picked[r] {
			on = append(on, r.Name)
		}
	}
	old := p.checks.OnChanged
	p.checks.OnChanged = nil
	p.checks.Options = names
	p.checks.SetSelected(on)
	p.checks.OnChanged = old
	p.checks.Refresh()
	return true
}

// runs returns the ticked runs among trained, in their order.
func (p *runPicker) runs(trained []*Run) []*Run {
	var out []*Run
	for _, r := range trained {
		if p.picked[r] {
			out = append(out, r)
		}
	}
	return out
}
