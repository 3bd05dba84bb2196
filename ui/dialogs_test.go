package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestErrorDialogKeys(t *testing.T) {
	for _, tc := range []struct {
		name  string
		focus bool // Tab to the OK button first
		key   fyne.KeyName
	}{
		{"Enter", false, fyne.KeyReturn},
		{"keypad Enter", false, fyne.KeyEnter},
		{"Escape", false, fyne.KeyEscape},
		{"Enter on the focused OK", true, fyne.KeyReturn},
		{"Escape on the focused OK", true, fyne.KeyEscape},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, _, w := newDialogStudio(t)
			c := w.Canvas()
			var behind []fyne.KeyName // keys the studio's own handler got
			c.SetOnTypedKey(func(ev *fyne.KeyEvent) { behind = append(behind, ev.Name) })

			s.showError(errors.New("open trunc.aes: file truncated"))
			if len(c.Overlays().List()) != 1 {
				t.Fatal("no error dialog")
			}
			if tc.focus {
				test.FocusNext(c)
				if _, ok := c.Focused().(*keyButton); !ok {
					t.Fatalf("Tab focused %T", c.Focused())
				}
			}
			pressDialogKey(c, tc.key)
			if s.dialogOpen() || len(c.Overlays().List()) != 0 {
				t.Fatalf("%s did not dismiss the error dialog", tc.name)
			}
			if len(behind) != 0 {
				t.Errorf("the key reached the studio behind the dialog: %v", behind)
			}
			// The studio's key handler is back.
			pressDialogKey(c, fyne.KeyEscape)
			if !slices.Equal(behind, []fyne.KeyName{fyne.KeyEscape}) {
				t.Errorf("after the dialog, Escape went to %v", behind)
			}
		})
	}
}

func TestErrorDialogKeepsCase(t *testing.T) {
	s, _, w := newDialogStudio(t)
	path := filepath.Join(t.TempDir(), "trunc.aes")
	if err := os.WriteFile(path, []byte("AESx"), 0o644); err != nil {
		t.Fatal(err)
	}
	s.openAndReport(path)
	labels := overlayLabels(w.Canvas())
	if !slices.ContainsFunc(labels, func(l string) bool { return strings.HasPrefix(l, "trunc.aes: ") }) {
		t.Errorf("the dialog shows %q, not the error starting with the file's name", labels)
	}
	if m := s.topDialog(); m == nil || !slices.Contains(labels, m.text) {
		t.Errorf("the dialog shows %q, not its text %+v", labels, m)
	}

	pressDialogKey(w.Canvas(), fyne.KeyReturn)
	err := fmt.Errorf("save %s: %w", "vanilla #1", errors.New("write /tmp/x/run1.aes: permission denied"))
	s.showError(err)
	if labels := overlayLabels(w.Canvas()); !slices.Contains(labels, err.Error()) {
		t.Errorf("the dialog shows %q, not %q", labels, err)
	}
}

func TestDialogsDoNotStack(t *testing.T) {
	s, loop, w := newDialogStudio(t)
	c := w.Canvas()
	shown := func(want int, when string) {
		t.Helper()
		if n := len(c.Overlays().List()); n != want {
			t.Fatalf("%s: %d dialogs shown, want %d", when, n, want)
		}
	}

	s.OpenDialog()
	s.OpenDialog()
	shown(1, "Ctrl+O twice")
	open := s.topDialog()
	s.ImportFolderDialog()
	s.SaveDialog()
	s.ExportDialog(exports[4])
	shown(1, "Import, Save and Export over Open")
	if s.topDialog() != open {
		t.Fatal("another dialog took the place of Open")
	}
	pressDialogKey(c, fyne.KeyEscape)
	shown(0, "after Escape")

	s.showError(errors.New("load model: no such file"))
	s.OpenDialog()
	shown(1, "Ctrl+O over an error")
	if m := s.topDialog(); m == nil || !strings.Contains(m.text, "no such file") {
		t.Fatal("Ctrl+O replaced the error")
	}
	pressDialogKey(c, fyne.KeyReturn)
	shown(0, "after Enter on the error")

	// A report that comes while a dialog is open waits for it to close.
	s.OpenDialog()
	s.showError(errors.New("save vanilla #1: disk full"))
	shown(1, "an error over Open")
	pressDialogKey(c, fyne.KeyEscape)
	shown(1, "after closing Open")
	if m := s.topDialog(); m == nil || !strings.Contains(m.text, "disk full") {
		t.Fatal("the waiting error was not shown")
	}
	pressDialogKey(c, fyne.KeyReturn)
	shown(0, "at the end")

	// Save and Export boxes do not stack either.
	addModelRun(t, s, "vanilla #1")
	s.SaveDialog()
	s.SaveDialog()
	s.ExportDialog(exports[4])
	shown(1, "Ctrl+S twice, then Export")
	if m := s.topDialog(); m == nil || m.box == nil || m.box.req.what != "vanilla #1" {
		t.Fatal("the save box is not the first one")
	}
	pressDialogKey(c, fyne.KeyEscape)
	shown(0, "after cancelling the save")
	loop.drain()
}
