package ui

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/network/atomicfile"
)

// lastDirKey is the preference that keeps the folder last saved to or
// opened from, which the next save box proposes.
const lastDirKey = "last_save_folder"

// saveBoxWidth is how wide the save box opens, to show a long path whole.
const saveBoxWidth float32 = 640

// saveRequest is one file the studio saves where the user says: a run, an
// export, a Compare table or figure.
type saveRequest struct {
	title string // the save box's title: "Save vanilla #1"
	what  string // what the report names: "vanilla #1"; "" names the file only
	path  string // the file to propose; "" proposes file in the last folder
	file  string // the file name to propose, with its extension
	ext   string // the extension a typed name without it gets: ".aes"
	// write writes the file at path atomically; it runs off the UI
	// goroutine and must not touch the studio.
	write func(path string) error
	// saved, if set, runs on the UI goroutine after write succeeded.
	saved func(path string)
}

// resolveSavePath turns what the user typed in a save box into the file to
// write: an absolute path is used as is, "~" and "~/…" start at home, and a
// relative name is joined to dir. A name that does not end in ext gets it.
// It returns an error naming the problem when the text is empty or names a
// folder, or when the file's folder does not exist, and reports whether the
// file exists already (and so would be replaced). It creates nothing.
func resolveSavePath(typed, dir, home, ext string) (path string, exists bool, err error) {
	raw := strings.TrimSpace(typed)
	name := raw
	if name == "" {
		return "", false, errors.New("no file name: type one, or a whole path")
	}
	if name == "~" || strings.HasPrefix(name, "~/") || strings.HasPrefix(name, "~"+string(filepath.Separator)) {
		if home == "" {
			return "", false, fmt.Errorf("%s starts at the home folder, which is not known here: type the whole path", name)
		}
		name = filepath.Join(home, name[1:])
	} else if !filepath.IsAbs(name) {
		name = filepath.Join(dir, name)
	}
	if strings.HasSuffix(raw, "/") || strings.HasSuffix(raw, string(filepath.Separator)) {
		return "", false, fmt.Errorf("%s is a folder: type a file name after it", filepath.Clean(name))
	}
	path = filepath.Clean(name)
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return "", false, fmt.Errorf("%s is a folder: type a file name after it", path)
	}
	if !strings.EqualFold(filepath.Ext(path), ext) {
		path += ext
	}
	parent := filepath.Dir(path)
	switch fi, err := os.Stat(parent); {
	case errors.Is(err, fs.ErrNotExist):
		return "", false, fmt.Errorf("the folder %s does not exist: create it first, or choose another with Browse…", parent)
	case err != nil:
		return "", false, fmt.Errorf("check the folder %s: %w", parent, err)
	case !fi.IsDir():
		return "", false, fmt.Errorf("%s is a file, not a folder: choose a folder with Browse…", parent)
	}
	switch fi, err := os.Stat(path); {
	case errors.Is(err, fs.ErrNotExist):
		return path, false, nil
	case err != nil:
		return "", false, fmt.Errorf("check %s: %w", path, err)
	case fi.IsDir():
		return "", false, fmt.Errorf("%s is a folder: type a file name after it", path)
	case !fi.Mode().IsRegular():
		return "", false, fmt.Errorf("%s is not a regular file: choose another name", path)
	}
	return path, true, nil
}

// writeFileAtomic writes the file at path with what write produces, so that
// a failure, a kill or a crash leaves the old file, if any, whole: the bytes
// go to a temporary file in the same folder, synced and then renamed over
// path.
func writeFileAtomic(path string, write func(io.Writer) error) error {
	return atomicfile.Write(path, 0o644, write)
}

// writeBytesAtomic writes data to path as writeFileAtomic does.
func writeBytesAtomic(path string, data []byte) error {
	return atomicfile.WriteFile(path, data, 0o644)
}

// saveFolder returns the folder a save box proposes: the last one saved to
// or opened from, or else the home folder.
func (s *Studio) saveFolder() string {
	dirs := []string{s.dialogs.lastDir}
	if s.prefs != nil {
		dirs = append(dirs, s.prefs.String(lastDirKey))
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, home)
	}
	for _, d := range dirs {
		if fi, err := os.Stat(d); d != "" && err == nil && fi.IsDir() {
			return d
		}
	}
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return "."
}

// setLastFolder remembers dir as the folder the next save box proposes.
func (s *Studio) setLastFolder(dir string) {
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	s.dialogs.lastDir = dir
	if s.prefs != nil {
		s.prefs.SetString(lastDirKey, dir)
	}
}

// saveBox is the studio's save dialog. Unlike Fyne's, it only chooses a
// path: nothing is created or truncated until the user confirms, and then
// the file is written atomically off the UI goroutine.
type saveBox struct {
	s       *Studio
	req     saveRequest
	m       *modal
	dir     string // the folder a relative name is joined to
	entry   *keyEntry
	problem *widget.Label // why the typed path cannot be saved to
	where   *widget.Label // where a name without a folder goes
	browse  *keyButton
	save    *keyButton
	cancel  *keyButton
	confirm *modal     // the question whether to replace a file, while shown
	replace *keyButton // its Replace button
}

// saveAs shows a save box for req, unless a dialog is already shown, and
// returns it (nil when not shown).
func (s *Studio) saveAs(req saveRequest) *saveBox {
	if s.window == nil || s.dialogOpen() {
		return nil
	}
	start := req.path
	if start == "" {
		start = filepath.Join(s.saveFolder(), req.file)
	}
	if abs, err := filepath.Abs(start); err == nil {
		start = abs
	}
	b := &saveBox{s: s, req: req, m: &modal{}, dir: filepath.Dir(start)}
	b.m.box = b
	b.entry = newKeyEntry(b.m)
	b.entry.SetText(start)
	b.entry.CursorColumn = len([]rune(start))
	b.entry.OnChanged = func(string) {
		if b.problem.Visible() {
			b.problem.Hide()
			s.fitWidth(b.m.d, saveBoxWidth)
		}
	}
	b.entry.OnSubmitted = func(string) { b.submit() }
	b.problem = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.DangerImportance}
	b.problem.Hide()
	b.browse = newKeyButton(b.m, "Browse…", theme.FolderOpenIcon(), b.pickFolder)
	b.where = &widget.Label{Wrapping: fyne.TextWrapWord, Importance: widget.LowImportance}
	b.showWhere()
	content := container.NewVBox(container.NewBorder(nil, nil, nil, b.browse, b.entry), b.problem, b.where)
	d := dialog.NewCustomWithoutButtons(req.title, content, s.window)
	b.m.d = d
	b.cancel = newKeyButton(b.m, "Cancel", theme.CancelIcon(), d.Hide)
	b.save = newKeyButton(b.m, "Save", theme.DocumentSaveIcon(), b.submit)
	b.save.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{b.cancel, b.save})
	b.m.enter = b.submit
	b.m.layout = func() { s.fitWidth(d, saveBoxWidth) }
	b.m.shown = func() { s.window.Canvas().Focus(b.entry) }
	s.present(b.m)
	return b
}

// showWhere says under the entry where a name without a folder goes.
func (b *saveBox) showWhere() {
	b.where.SetText("A name without a folder is saved in " + b.dir + ".")
}

// submit saves to the typed path, after asking whether to replace a file
// that exists; a path that cannot be saved to is explained under the entry.
func (b *saveBox) submit() {
	home, _ := os.UserHomeDir()
	path, exists, err := resolveSavePath(b.entry.Text, b.dir, home, b.req.ext)
	if err != nil {
		b.showProblem(err.Error())
		return
	}
	if exists {
		b.askReplace(path)
		return
	}
	b.commit(path)
}

// showProblem says under the entry why the typed path cannot be saved to,
// and makes the box tall enough to show it.
func (b *saveBox) showProblem(text string) {
	b.problem.SetText(text)
	b.problem.Show()
	b.s.fitWidth(b.m.d, saveBoxWidth)
}

// commit closes the box and writes the file.
func (b *saveBox) commit(path string) {
	b.m.d.Hide()
	b.s.writeSaved(b.req, path)
}

// askReplace asks whether to replace the file at path. Enter and Escape
// keep the old file: replacing it takes a click on Replace.
func (b *saveBox) askReplace(path string) {
	m := &modal{}
	name, dir := filepath.Base(path), filepath.Dir(path)
	m.text = fmt.Sprintf("%s already exists in %s. Replace it? The old file stays whole until the new one is completely written.", name, dir)
	label := &widget.Label{Text: m.text, Wrapping: fyne.TextWrapWord}
	d := dialog.NewCustomWithoutButtons("Replace "+name+"?", label, b.s.window)
	d.SetIcon(theme.WarningIcon())
	m.d = d
	keep := newKeyButton(m, "Cancel", theme.CancelIcon(), d.Hide)
	keep.Importance = widget.HighImportance
	b.replace = newKeyButton(m, "Replace", theme.ConfirmIcon(), func() {
		d.Hide()
		b.commit(path)
	})
	b.replace.Importance = widget.DangerImportance
	d.SetButtons([]fyne.CanvasObject{keep, b.replace})
	m.enter = d.Hide
	m.layout = func() { b.s.fitWidth(d, saveBoxWidth) }
	d.SetOnClosed(func() { b.confirm = nil })
	b.confirm = m
	b.s.child(m)
}

// pickFolder lets the user choose the folder with Fyne's folder picker,
// which creates nothing, and puts the typed file name in the chosen folder.
func (b *saveBox) pickFolder() {
	m := &modal{}
	fd := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		b.s.dismissed(m) // also when the OS showed the picker
		if err != nil {
			b.showProblem(fmt.Sprintf("choose a folder: %v", err))
			return
		}
		if dir != nil {
			b.setFolder(dir.Path())
		}
	}, b.s.window)
	start := b.dir
	if typed := strings.TrimSpace(b.entry.Text); filepath.IsAbs(typed) {
		if fi, err := os.Stat(filepath.Dir(typed)); err == nil && fi.IsDir() {
			start = filepath.Dir(typed)
		}
	}
	if l, err := storage.ListerForURI(storage.NewFileURI(start)); err == nil {
		fd.SetLocation(l)
	}
	m.d = fd
	b.s.child(m)
}

// setFolder puts the typed file name, or the proposed one, in folder dir.
func (b *saveBox) setFolder(dir string) {
	typed := strings.TrimSpace(b.entry.Text)
	name := filepath.Base(typed)
	if typed == "" || strings.HasSuffix(typed, "/") || strings.HasSuffix(typed, string(filepath.Separator)) || name == "." || name == "~" {
		name = b.req.file
	}
	b.dir = dir
	b.showWhere()
	b.entry.SetText(filepath.Join(dir, name))
	b.entry.CursorColumn = len([]rune(b.entry.Text))
	b.entry.Refresh()
}

// saveStreamAs asks where to save a file proposed as file and writes it
// there atomically with what write produces, off the UI goroutine; write
// must not touch the studio.
func (s *Studio) saveStreamAs(title, file string, write func(io.Writer) error) *saveBox {
	return s.saveAs(saveRequest{
		title: title,
		file:  file,
		ext:   filepath.Ext(file),
		write: func(path string) error { return writeFileAtomic(path, write) },
	})
}

// writeSaved writes req's file at path on a goroutine, then, on the UI
// goroutine, says where it saved or why it could not.
func (s *Studio) writeSaved(req saveRequest, path string) {
	go func() {
		err := req.write(path)
		s.cfg.Do(func() {
			if err != nil {
				what := req.what
				if what == "" {
					what = filepath.Base(path)
				}
				s.showError(fmt.Errorf("save %s: %w", what, err))
				return
			}
			s.setLastFolder(filepath.Dir(path))
			if req.saved != nil {
				req.saved(path)
			}
			msg := "Saved " + path
			if req.what != "" {
				msg = fmt.Sprintf("Saved %s to %s", req.what, path)
			}
			s.dialogs.saved = msg
			s.showInfo("Saved", msg)
		})
	}()
}
