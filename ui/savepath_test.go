package ui

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// saveFolders makes the folders TestResolveSavePath saves into: dir, the
// current folder, holding the folders sub and odd.aes and the files old.aes
// and afile; home, holding the folder runs; and the empty other.
func saveFolders(t *testing.T) (dir, home, other string) {
	t.Helper()
	dir, home, other = t.TempDir(), t.TempDir(), t.TempDir()
	for _, d := range []string{filepath.Join(dir, "sub"), filepath.Join(home, "runs"), filepath.Join(dir, "odd.aes")} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{filepath.Join(dir, "old.aes"), filepath.Join(dir, "afile")} {
		if err := os.WriteFile(f, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, home, other
}

// listing returns the paths of everything under dirs, the dirs included.
func listing(dirs ...string) []string {
	var names []string
	for _, d := range dirs {
		filepath.WalkDir(d, func(p string, _ os.DirEntry, _ error) error {
			names = append(names, p)
			return nil
		})
	}
	return names
}

func TestResolveSavePath(t *testing.T) {
	dir, home, other := saveFolders(t)
	before := listing(dir, home, other)

	for _, tc := range []struct {
		name, typed string
		want        string // the path, or "" for an error
		exists      bool
		errHas      []string // what the error must say
	}{
		{name: "absolute", typed: filepath.Join(other, "run1.aes"), want: filepath.Join(other, "run1.aes")},
		{name: "absolute without extension", typed: filepath.Join(other, "run1"), want: filepath.Join(other, "run1.aes")},
		{name: "absolute uncleaned", typed: other + "//x/../run1.aes", want: filepath.Join(other, "run1.aes")},
		{name: "home", typed: "~", errHas: []string{home, "is a folder"}},
		{name: "in home", typed: "~/a.aes", want: filepath.Join(home, "a.aes")},
		{name: "under home", typed: "~/runs/b", want: filepath.Join(home, "runs", "b.aes")},
		{name: "relative", typed: "run1.aes", want: filepath.Join(dir, "run1.aes")},
		{name: "relative in a subfolder", typed: "sub/run2", want: filepath.Join(dir, "sub", "run2.aes")},
		{name: "no extension", typed: "noext", want: filepath.Join(dir, "noext.aes")},
		{name: "other extension", typed: "model.v2", want: filepath.Join(dir, "model.v2.aes")},
		{name: "extension in capitals", typed: "BIG.AES", want: filepath.Join(dir, "BIG.AES")},
		{name: "spaces around", typed: "  run1.aes \t", want: filepath.Join(dir, "run1.aes")},
		{name: "existing", typed: "old.aes", want: filepath.Join(dir, "old.aes"), exists: true},
		{name: "existing without extension", typed: "old", want: filepath.Join(dir, "old.aes"), exists: true},
		{name: "empty", typed: "", errHas: []string{"no file name"}},
		{name: "blank", typed: "   ", errHas: []string{"no file name"}},
		{name: "folder", typed: "sub", errHas: []string{filepath.Join(dir, "sub"), "is a folder"}},
		{name: "absolute folder", typed: dir, errHas: []string{dir, "is a folder"}},
		{name: "folder once given the extension", typed: "odd", errHas: []string{filepath.Join(dir, "odd.aes"), "is a folder"}},
		{name: "trailing slash", typed: "newfolder/", errHas: []string{filepath.Join(dir, "newfolder"), "is a folder"}},
		{name: "missing folder", typed: "nope/run1.aes", errHas: []string{filepath.Join(dir, "nope"), "does not exist"}},
		{name: "missing absolute folder", typed: filepath.Join(other, "x", "run1.aes"), errHas: []string{filepath.Join(other, "x"), "does not exist"}},
		{name: "file as folder", typed: "afile/run1", errHas: []string{filepath.Join(dir, "afile"), "not a folder"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, exists, err := resolveSavePath(tc.typed, dir, home, modelExt)
			if tc.want == "" {
				if err == nil {
					t.Fatalf("resolveSavePath(%q) = %q, want an error", tc.typed, got)
				}
				for _, s := range tc.errHas {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not say %q", err, s)
					}
				}
				return
			}
			if err != nil || got != tc.want || exists != tc.exists {
				t.Errorf("resolveSavePath(%q) = %q, %v, %v; want %q, %v", tc.typed, got, exists, err, tc.want, tc.exists)
			}
		})
	}
	if _, _, err := resolveSavePath("~/x", dir, "", modelExt); err == nil {
		t.Error("~ resolved without a home folder")
	}
	if got, _, err := resolveSavePath("curves", dir, home, ".png"); err != nil || got != filepath.Join(dir, "curves.png") {
		t.Errorf("with .png: %q, %v", got, err)
	}
	if after := listing(dir, home, other); !slices.Equal(before, after) {
		t.Errorf("resolving changed the folders:\nbefore %q\nafter  %q", before, after)
	}
}

func TestResolveSavePathNotRegular(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip(err)
	}
	if _, _, err := resolveSavePath("pipe", dir, "", ".csv"); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("a FIFO as the target: %v", err)
	}
}

// folderNames lists the names in dir.
func folderNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileAtomic(t *testing.T) {
	errFull := errors.New("disk full")
	old := []byte("the old run, which must survive")
	for _, tc := range []struct {
		name  string
		write func(w io.Writer) error
		want  string // the file afterwards
		err   error
	}{
		{"fails halfway", func(w io.Writer) error { io.WriteString(w, "half of the n"); return errFull }, string(old), errFull},
		{"fails at once", func(io.Writer) error { return errFull }, string(old), errFull},
		{"succeeds", func(w io.Writer) error { _, err := io.WriteString(w, "new"); return err }, "new", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "run1.aes")
			if err := os.WriteFile(path, old, 0o644); err != nil {
				t.Fatal(err)
			}
			var during []byte
			err := writeFileAtomic(path, func(w io.Writer) error {
				during, _ = os.ReadFile(path)
				return tc.write(w)
			})
			if !errors.Is(err, tc.err) {
				t.Fatalf("error %v, want %v", err, tc.err)
			}
			if !bytes.Equal(during, old) {
				t.Errorf("while writing, the file held %q", during)
			}
			if b, _ := os.ReadFile(path); string(b) != tc.want {
				t.Errorf("afterwards the file holds %q, want %q", b, tc.want)
			}
			if names := folderNames(t, dir); !slices.Equal(names, []string{"run1.aes"}) {
				t.Errorf("the folder holds %q", names)
			}
		})
	}
}

// newDialogStudio returns a studio shown in a window, whose dialogs open
// over it and whose save boxes start in a temporary folder.
func newDialogStudio(t *testing.T) (*Studio, *eventLoop, fyne.Window) {
	t.Helper()
	s, loop, w := newTestStudio(t, 0, 0)
	s.SetWindow(w)
	s.dialogs.lastDir = t.TempDir()
	return s, loop, w
}

// pressDialogKey types key k on canvas c as the desktop driver does: to the
// focused widget, or else to the canvas's key handler.
func pressDialogKey(c fyne.Canvas, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// overlayLabels returns the texts of the labels in the top overlay of c.
func overlayLabels(c fyne.Canvas) []string {
	top := c.Overlays().Top()
	if top == nil {
		return nil
	}
	var texts []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok && l.Text != "" {
			texts = append(texts, l.Text)
		}
	}
	return texts
}

// waitForDialog runs the loop until the top dialog's text contains want.
func waitForDialog(t *testing.T, s *Studio, loop *eventLoop, want string) *modal {
	t.Helper()
	loop.until(t, "a dialog saying "+want, 10*time.Second, func() bool {
		m := s.topDialog()
		return m != nil && strings.Contains(m.text, want)
	})
	return s.topDialog()
}

// TestSaveBoxKeepsOldFile saves over an existing file through the save box
// with a write that fails halfway: the file is never truncated, not when
// the box opens, nor when replacing is confirmed, nor by the failed write,
// and no temporary file is left.
func TestSaveBoxKeepsOldFile(t *testing.T) {
	s, loop, w := newDialogStudio(t)
	dir := s.dialogs.lastDir
	path := filepath.Join(dir, "run1.aes")
	old := []byte("Monday's run, to be kept")
	if err := os.WriteFile(path, old, 0o644); err != nil {
		t.Fatal(err)
	}
	unchanged := func(when string) {
		t.Helper()
		if b, err := os.ReadFile(path); err != nil || !bytes.Equal(b, old) {
			t.Fatalf("%s the file holds %q (%v)", when, b, err)
		}
		if names := folderNames(t, dir); !slices.Equal(names, []string{"run1.aes"}) {
			t.Fatalf("%s the folder holds %q", when, names)
		}
	}
	var during []byte
	b := s.saveStreamAs("Export run1", "run1.aes", func(w io.Writer) error {
		during, _ = os.ReadFile(path)
		io.WriteString(w, "half a new fi")
		return errors.New("disk full")
	})
	if b == nil || b.entry.Text != path {
		t.Fatalf("the save box proposes %v", b)
	}
	unchanged("with the box open")

	b.entry.SetText(filepath.Join(dir, "run1")) // the extension is added
	test.Tap(b.save)
	if b.confirm == nil || len(w.Canvas().Overlays().List()) != 2 {
		t.Fatal("saving over a file did not ask first")
	}
	unchanged("while asking")
	pressDialogKey(w.Canvas(), fyne.KeyReturn) // Enter keeps the file
	if b.confirm != nil || s.topDialog() != b.m {
		t.Fatal("Enter did not answer Cancel")
	}
	unchanged("after Cancel")

	test.Tap(b.save)
	test.Tap(b.replace)
	m := waitForDialog(t, s, loop, "disk full")
	if !bytes.Equal(during, old) {
		t.Errorf("while writing, the file held %q", during)
	}
	unchanged("after the failed write")
	if !strings.HasPrefix(m.text, "save run1.aes: ") || !strings.Contains(m.text, path) {
		t.Errorf("error %q", m.text)
	}
	if s.dialogs.saved != "" {
		t.Errorf("a failed save reported %q", s.dialogs.saved)
	}
}

// TestSaveBoxCancelAndBrowse checks that the box writes nothing when
// cancelled (by Escape or Cancel), and that Browse opens a folder picker over
// it and moves the typed name to the chosen folder.
func TestSaveBoxCancelAndBrowse(t *testing.T) {
	s, loop, w := newDialogStudio(t)
	dir := s.dialogs.lastDir
	wrote := false
	save := func() *saveBox {
		return s.saveStreamAs("Export", "table.csv", func(w io.Writer) error { wrote = true; return nil })
	}
	for _, tc := range []struct {
		name   string
		cancel func(b *saveBox)
	}{
		{"Escape in the entry", func(*saveBox) { pressDialogKey(w.Canvas(), fyne.KeyEscape) }},
		{"Escape with nothing focused", func(*saveBox) { w.Canvas().Unfocus(); pressDialogKey(w.Canvas(), fyne.KeyEscape) }},
		{"Cancel", func(b *saveBox) { test.Tap(b.cancel) }},
		{"Enter on the focused Cancel", func(b *saveBox) {
			w.Canvas().Focus(b.cancel)
			pressDialogKey(w.Canvas(), fyne.KeyReturn)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := save()
			if b == nil {
				t.Fatal("no save box")
			}
			if tc.name == "Escape in the entry" && w.Canvas().Focused() != b.entry {
				t.Fatalf("the entry does not have the focus: %v", w.Canvas().Focused())
			}
			tc.cancel(b)
			if s.dialogOpen() || len(w.Canvas().Overlays().List()) != 0 {
				t.Fatal("the box is still shown")
			}
		})
	}
	if wrote || len(folderNames(t, dir)) != 0 {
		t.Errorf("cancelling wrote %q", folderNames(t, dir))
	}

	b := save()
	test.Tap(b.browse)
	if len(w.Canvas().Overlays().List()) != 2 || s.topDialog() == b.m {
		t.Fatal("Browse… showed no folder picker")
	}
	pressDialogKey(w.Canvas(), fyne.KeyEscape) // closes the picker only
	if s.topDialog() != b.m || len(w.Canvas().Overlays().List()) != 1 {
		t.Fatal("Escape in the folder picker did not go back to the save box")
	}
	other := t.TempDir()
	b.entry.SetText(filepath.Join(dir, "mine.csv"))
	b.setFolder(other) // what choosing a folder in the picker does
	if b.entry.Text != filepath.Join(other, "mine.csv") {
		t.Errorf("after choosing %s the entry says %q", other, b.entry.Text)
	}
	b.entry.SetText("relative")
	b.submit()
	loop.until(t, "the save", 10*time.Second, func() bool { return s.dialogs.saved != "" })
	if want := filepath.Join(other, "relative.csv"); s.dialogs.saved != "Saved "+want || !wrote {
		t.Errorf("a bare name after Browse saved: %q", s.dialogs.saved)
	}
}
