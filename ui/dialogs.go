package ui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Message dialogs are as wide as their text within these limits; the
// maximums are those Fyne gives its own text dialogs.
const (
	messageMaxWidth     float32 = 600
	messageMaxWinShare  float32 = 0.9
	messageMinWidth     float32 = 320
	messageOuterPadding float32 = 32
)

// dialogState keeps the studio to one dialog at a time. A request for a new
// dialog (File ▸ Open, Save, Export, Import) while one is shown is ignored;
// a report (an error, "Saved … to …") waits until the shown one closes. Only
// the shown dialog's own pickers and questions (Browse…, Replace?) open over
// it. While any is shown, the dialogs' key handler stands in for the
// canvas's, so Enter and Escape go to the top dialog rather than to the
// studio's shortcuts behind it.
type dialogState struct {
	stack   []*modal             // the shown dialog, then what it opened over itself
	waiting []*modal             // reports to show once the stack is empty
	keys    func(*fyne.KeyEvent) // the canvas's own key handler, while ours is set
	saved   string               // what the last successful save reported
	lastDir string               // the folder last saved to or opened from
}

// modal is one dialog the studio shows, with what Enter and Escape do when
// no widget of it takes the key.
type modal struct {
	d      dialog.Dialog
	text   string   // the message of a message dialog
	box    *saveBox // the save box this dialog shows, if it is one
	enter  func()   // what Enter does; nil: nothing
	escape func()   // what Escape does; nil: dismiss the dialog
	layout func()   // sizes the dialog before it is shown; nil: its own size
	shown  func()   // runs once the dialog is shown (to focus a field)
}

// cancel does what Escape does in m.
func (m *modal) cancel() {
	if m.escape != nil {
		m.escape()
		return
	}
	m.d.Dismiss()
}

// dialogOpen reports whether one of the studio's dialogs is shown.
func (s *Studio) dialogOpen() bool { return len(s.dialogs.stack) > 0 }

// topDialog returns the dialog on top, or nil.
func (s *Studio) topDialog() *modal {
	if n := len(s.dialogs.stack); n > 0 {
		return s.dialogs.stack[n-1]
	}
	return nil
}

// request shows m unless a dialog is already shown, and reports whether it
// did. Requests the user makes (a menu item, a shortcut) go through it, so
// pressing Ctrl+O twice opens one dialog.
func (s *Studio) request(m *modal) bool {
	if s.window == nil || s.dialogOpen() {
		return false
	}
	s.present(m)
	return true
}

// report shows m now, or after the shown dialog closes.
func (s *Studio) report(m *modal) {
	if s.window == nil {
		return
	}
	if s.dialogOpen() {
		s.dialogs.waiting = append(s.dialogs.waiting, m)
		return
	}
	s.present(m)
}

// child shows m over the shown dialog, which opened it.
func (s *Studio) child(m *modal) {
	if s.window == nil {
		return
	}
	s.present(m)
}

// present shows m on top of the stack, taking the canvas's typed keys for
// the dialogs when it is the first.
func (s *Studio) present(m *modal) {
	st := &s.dialogs
	if len(st.stack) == 0 {
		c := s.window.Canvas()
		st.keys = c.OnTypedKey()
		c.SetOnTypedKey(s.dialogKey)
	}
	st.stack = append(st.stack, m)
	m.d.SetOnClosed(func() { s.dismissed(m) })
	if m.layout != nil {
		m.layout()
	}
	m.d.Show()
	if m.shown != nil {
		m.shown()
	}
}

// dismissed takes m off the stack once it closed; it may be called more than
// once. When the last dialog closed, the canvas gets its key handler back and
// the first waiting report is shown.
func (s *Studio) dismissed(m *modal) {
	st := &s.dialogs
	i := slices.Index(st.stack, m)
	if i < 0 {
		return
	}
	st.stack = slices.Delete(st.stack, i, i+1)
	if len(st.stack) > 0 {
		return
	}
	if s.window != nil {
		s.window.Canvas().SetOnTypedKey(st.keys)
	}
	st.keys = nil
	if len(st.waiting) > 0 {
		next := st.waiting[0]
		st.waiting = slices.Delete(st.waiting, 0, 1)
		s.present(next)
	}
}

// dialogKey handles the keys typed while a dialog is shown and none of its
// widgets has the focus: Enter does the top dialog's default action and
// Escape cancels it. Other keys do nothing, so the studio's shortcuts behind
// the dialog (Escape stops training) stay out of reach.
func (s *Studio) dialogKey(ev *fyne.KeyEvent) {
	m := s.topDialog()
	if m == nil {
		return
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if m.enter != nil {
			m.enter()
		}
	case fyne.KeyEscape:
		m.cancel()
	}
}

// showError reports err in a dialog that shows its text exactly, without the
// capital first letter Fyne's error dialog gives it, so file names keep their
// case ("open trunc.aes: …").
func (s *Studio) showError(err error) {
	if s.window == nil || err == nil {
		return
	}
	s.report(s.messageDialog("Error", err.Error(), theme.ErrorIcon()))
}

// showInfo reports text in a dialog titled title.
func (s *Studio) showInfo(title, text string) {
	if s.window == nil {
		return
	}
	s.report(s.messageDialog(title, text, theme.InfoIcon()))
}

// messageDialog builds a dialog that shows text as given, wrapped, with an
// OK button that Enter and Escape press too.
func (s *Studio) messageDialog(title, text string, icon fyne.Resource) *modal {
	label := &widget.Label{Text: text, Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustomWithoutButtons(title, label, s.window)
	d.SetIcon(icon)
	m := &modal{d: d, text: text, enter: d.Hide}
	ok := newKeyButton(m, "OK", nil, d.Hide)
	ok.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{ok})
	m.layout = func() { s.fitWidth(d, widget.NewLabel(text).MinSize().Width+messageOuterPadding+2*theme.Padding()) }
	return m
}

// fitWidth sizes d to the width want, kept within the message limits and
// the window, and to the height its content then needs.
func (s *Studio) fitWidth(d dialog.Dialog, want float32) {
	w := fyne.Max(messageMinWidth, fyne.Min(want, messageMaxWidth))
	if win := s.window.Canvas().Size().Width * messageMaxWinShare; win > 0 {
		w = fyne.Min(w, win)
	}
	// A wrapped label is as tall as its text at the width it was last laid
	// out at, so lay the dialog out at its width first, then fit its height.
	d.Resize(fyne.NewSize(w, d.MinSize().Height))
	d.Resize(fyne.NewSize(w, d.MinSize().Height))
}

// keyButton is a dialog button that Enter presses as well as Space, and on
// which Escape cancels its dialog, so a button that has the focus does not
// swallow those keys.
type keyButton struct {
	widget.Button
	m *modal
}

// newKeyButton returns a button of dialog m labelled label that calls tapped.
func newKeyButton(m *modal, label string, icon fyne.Resource, tapped func()) *keyButton {
	b := &keyButton{m: m}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// TypedKey presses the button on Enter and cancels the dialog on Escape.
func (b *keyButton) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		b.Tapped(&fyne.PointEvent{})
	case fyne.KeyEscape:
		b.m.cancel()
	default:
		b.Button.TypedKey(ev)
	}
}

// keyEntry is a dialog's one-line entry, on which Escape cancels the dialog
// (Enter submits it through OnSubmitted, as in any entry).
type keyEntry struct {
	widget.Entry
	m *modal
}

// newKeyEntry returns an entry of dialog m.
func newKeyEntry(m *modal) *keyEntry {
	e := &keyEntry{m: m}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey cancels the dialog on Escape and edits the text otherwise.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		e.m.cancel()
		return
	}
	e.Entry.TypedKey(ev)
}
