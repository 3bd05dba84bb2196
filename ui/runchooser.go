package ui

import (
	"slices"

	"fyne.io/fyne/v2/widget"
)

// runChooser is the drop-down with which a tab shows one run at a time
// (Latent space, Features, Anomalies). It lists the runs the tab can show,
// follows the run selected in the side list, keeps its own choice
// otherwise, and takes the newest run when its run leaves the list. Runs
// are known by ID. It is used on the UI goroutine only.
type runChooser struct {
	sel     *widget.Select
	ids     []int // the run ID of each option
	id      int   // the run chosen, 0 for none
	syncing bool  // set while follow sets sel
}

// newRunChooser returns an empty chooser that calls picked when the user
// picks a run.
func newRunChooser(picked func()) *runChooser {
	c := &runChooser{}
	c.sel = widget.NewSelect(nil, func(string) {
		if c.syncing {
			return
		}
		c.id = 0
		if i := c.sel.SelectedIndex(); i >= 0 && i < len(c.ids) {
			c.id = c.ids[i]
		}
		picked()
	})
	c.sel.PlaceHolder = "(train a run first)"
	return c
}

// follow lists runs and chooses among them: the selected run when the
// side list's selection moved (changed is nil), else the run chosen
// before, else the newest. It reports whether the chosen run changed.
func (c *runChooser) follow(runs []*Run, changed, selected *Run) bool {
	ids := make([]int, len(runs))
	names := make([]string, len(runs))
	for i, r := range runs {
		ids[i], names[i] = r.ID, r.Name
	}
	cur := c.id
	if changed == nil && selected != nil && slices.Contains(ids, selected.ID) {
		cur = selected.ID
	}
	if !slices.Contains(ids, cur) {
		cur = 0
		if n := len(ids); n > 0 {
			cur = ids[n-1]
		}
	}
	c.syncing = true
	if !slices.Equal(ids, c.ids) || !slices.Equal(names, c.sel.Options) {
		c.ids = ids
		c.sel.SetOptions(names)
	}
	if i := slices.Index(ids, cur); i >= 0 {
		c.sel.SetSelectedIndex(i)
	} else {
		c.sel.ClearSelected()
	}
	c.syncing = false
	moved := cur != c.id
	c.id = cur
	return moved
}
