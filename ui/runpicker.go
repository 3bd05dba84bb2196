package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// Run picker geometry.
const (
	pickerNameRunes = 32 // a longer run name is shortened on its checkbox
	pickerRows      = 3  // rows of checkboxes shown before the picker scrolls
)

// runPicker is a set of checkboxes, one per trained run, with which the
// Gallery and Compare tabs choose the runs they show. The checkboxes wrap
// into rows as wide as the tab, and past pickerRows rows they scroll, so
// neither the width nor the height of the tab grows with the number of
// runs. Runs are known by ID. It is used on the UI goroutine only.
type runPicker struct {
	content  fyne.CanvasObject
	box      *fyne.Container   // the checkboxes, in a flowLayout
	checks   map[int]*escCheck // by run ID
	shown    []int             // the IDs of the checkboxes, in order
	names    []string          // their runs' names
	picked   map[int]bool      // the ticked run IDs
	onChange func()            // the user ticked or unticked a run
	syncing  bool              // set while sync ticks the checkboxes
}

// newRunPicker returns an empty picker that calls onChange when the user
// ticks or unticks a run.
func newRunPicker(onChange func()) *runPicker {
	p := &runPicker{checks: map[int]*escCheck{}, picked: map[int]bool{}, onChange: onChange}
	p.box = container.New(&flowLayout{})
	p.content = container.New(&pickerLayout{flow: p.box}, container.NewVScroll(p.box))
	return p
}

// sync offers the trained runs as checkboxes, ticks those of tick that are
// among them, and forgets ticked runs that are gone. It reports whether the
// options or the ticks changed; it does not call onChange.
func (p *runPicker) sync(trained []*Run, tick ...*Run) bool {
	ids := make([]int, len(trained))
	names := make([]string, len(trained))
	known := map[int]bool{}
	for i, r := range trained {
		ids[i], names[i] = r.ID, r.Name
		known[r.ID] = true
	}
	changed := !slices.Equal(ids, p.shown) || !slices.Equal(names, p.names)
	for _, r := range tick {
		if r != nil && known[r.ID] && !p.picked[r.ID] {
			p.picked[r.ID] = true
			changed = true
		}
	}
	for id := range p.picked {
		if !known[id] {
			delete(p.picked, id)
			changed = true
		}
	}
	if !changed {
		return false
	}
	for id := range p.checks {
		if !known[id] {
			delete(p.checks, id)
		}
	}
	objs := make([]fyne.CanvasObject, len(trained))
	p.syncing = true
	for i, r := range trained {
		c := p.checks[r.ID]
		if c == nil {
			id := r.ID
			c = newCheck("", func(on bool) {
				if p.syncing {
					return
				}
				if on {
					p.picked[id] = true
				} else {
					delete(p.picked, id)
				}
				p.onChange()
			})
			p.checks[id] = c
		}
		c.Text = shorten(r.Name, pickerNameRunes)
		c.SetChecked(p.picked[r.ID])
		c.Refresh()
		objs[i] = c
	}
	p.syncing = false
	p.shown, p.names = ids, names
	p.box.Objects = objs
	p.box.Refresh()
	p.content.Refresh()
	return true
}

// runs returns the ticked runs among trained, in their order.
func (p *runPicker) runs(trained []*Run) []*Run {
	var out []*Run
	for _, r := range trained {
		if p.picked[r.ID] {
			out = append(out, r)
		}
	}
	return out
}

// check returns the checkbox of run r, or nil.
func (p *runPicker) check(r *Run) *escCheck { return p.checks[r.ID] }

// flowLayout lays its objects out at their minimum sizes, left to right in
// rows no wider than width; an object wider than that gets a row of its
// own. Its minimum width is that of the widest object, its minimum height
// that of the rows.
type flowLayout struct {
	width float32 // the row width; 0 (not laid out yet): one row
}

// place returns where each object goes for a row width w, and the height of
// them all.
func (f *flowLayout) place(objs []fyne.CanvasObject, w float32) (pos []fyne.Position, height float32) {
	pad := theme.Padding()
	x, y, rowH := float32(0), float32(0), float32(0)
	for _, o := range objs {
		s := o.MinSize()
		if x > 0 && x+s.Width > w {
			x, y = 0, y+rowH+pad
			rowH = 0
		}
		pos = append(pos, fyne.NewPos(x, y))
		x += s.Width + pad
		rowH = max(rowH, s.Height)
	}
	return pos, y + rowH
}

// MinSize implements fyne.Layout.
func (f *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	widest := float32(0)
	for _, o := range objs {
		widest = max(widest, o.MinSize().Width)
	}
	w := f.width
	if w <= 0 {
		w = float32(len(objs)) * (widest + theme.Padding()) // one row until laid out
	}
	_, h := f.place(objs, w)
	return fyne.NewSize(widest, h)
}

// Layout implements fyne.Layout. It keeps to width when that is set and
// narrower than the container.
func (f *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if f.width <= 0 || f.width > size.Width {
		f.width = size.Width
	}
	pos, _ := f.place(objs, f.width)
	for i, o := range objs {
		o.Move(pos[i])
		o.Resize(o.MinSize())
	}
}

// pickerLayout sizes the picker's scroll: as wide as its container, and as
// tall as the wrapped checkboxes need, up to pickerRows rows. It sets the
// width of their rows, clear of the scroll bar.
type pickerLayout struct {
	flow *fyne.Container // the scrolled container of checkboxes
}

// MinSize implements fyne.Layout.
func (l *pickerLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	rowH := float32(0)
	for _, o := range l.flow.Objects {
		rowH = max(rowH, o.MinSize().Height)
	}
	limit := pickerRows*rowH + (pickerRows-1)*theme.Padding()
	want := l.flow.MinSize()
	return fyne.NewSize(want.Width+scrollBarRoom(), min(want.Height, limit))
}

// Layout implements fyne.Layout.
func (l *pickerLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.flow.Layout.(*flowLayout).width = size.Width - scrollBarRoom()
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// scrollBarRoom is the width kept free for the picker's scroll bar.
func scrollBarRoom() float32 { return theme.Size(theme.SizeNameScrollBar) + theme.Padding() }
