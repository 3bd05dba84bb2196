package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// Fyne gives a typed key to the focused widget only, and to the canvas's
// key handler (canvas.SetOnTypedKey) when no widget has the focus. Entries,
// buttons, checkboxes and lists take the focus when clicked or tabbed to and
// ignore Escape, so the studio's Escape (stop training) would never fire
// while one of them has it. The widgets below hand Escape on to the
// canvas's key handler instead, as if nothing had the focus; with a dialog
// shown, that handler is the dialog's, which closes it.

// forwardEscape hands ev to the key handler of obj's canvas if it is an
// Escape, and reports whether it was.
func forwardEscape(obj fyne.CanvasObject, ev *fyne.KeyEvent) bool {
	if ev.Name != fyne.KeyEscape {
		return false
	}
	if a := fyne.CurrentApp(); a != nil {
		if c := a.Driver().CanvasForObject(obj); c != nil {
			if h := c.OnTypedKey(); h != nil {
				h(ev)
			}
		}
	}
	return true
}

// unfocus takes the focus away from whichever widget of obj's canvas has
// it, so that the next keys go to the canvas's handler.
func unfocus(obj fyne.CanvasObject) {
	if a := fyne.CurrentApp(); a != nil {
		if c := a.Driver().CanvasForObject(obj); c != nil {
			c.Unfocus()
		}
	}
}

// escEntry is a widget.Entry that hands Escape to the canvas.
type escEntry struct{ widget.Entry }

// newEntry returns an empty one-line escEntry.
func newEntry() *escEntry {
	e := &escEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey implements fyne.Focusable.
func (e *escEntry) TypedKey(ev *fyne.KeyEvent) {
	if !forwardEscape(e, ev) {
		e.Entry.TypedKey(ev)
	}
}

// escButton is a widget.Button that hands Escape to the canvas.
type escButton struct{ widget.Button }

// newButton returns an escButton with a label, an icon (or nil) and what a
// tap does.
func newButton(label string, icon fyne.Resource, tapped func()) *escButton {
	b := &escButton{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey implements fyne.Focusable.
func (b *escButton) TypedKey(ev *fyne.KeyEvent) {
	if !forwardEscape(b, ev) {
		b.Button.TypedKey(ev)
	}
}

// escCheck is a widget.Check that hands Escape to the canvas.
type escCheck struct{ widget.Check }

// newCheck returns an unticked escCheck calling changed when toggled.
func newCheck(label string, changed func(bool)) *escCheck {
	c := &escCheck{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey implements fyne.Focusable.
func (c *escCheck) TypedKey(ev *fyne.KeyEvent) {
	if !forwardEscape(c, ev) {
		c.Check.TypedKey(ev)
	}
}

// escList is a widget.List that hands Escape to the canvas.
type escList struct{ widget.List }

// newList returns an escList, as widget.NewList does.
func newList(length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *escList {
	l := &escList{}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey implements fyne.Focusable.
func (l *escList) TypedKey(ev *fyne.KeyEvent) {
	if !forwardEscape(l, ev) {
		l.List.TypedKey(ev)
	}
}
