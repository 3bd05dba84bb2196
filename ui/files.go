package ui

import (
	"bytes"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"autoencoder-studio/network"
	"autoencoder-studio/network/atomicfile"
)

// Model files: the extension, the preference key of the recently used files
// and how many of them the File menu keeps.
const (
	modelExt  = ".aes"
	recentKey = "recent_model_files"
	maxRecent = 8
)

// errNoModel is returned when a run has no trained model to save.
var errNoModel = errors.New("the run has no trained model yet: train it, or wait until it stops")

// saveRunFile writes run r (architecture, weights, optimizer state,
// history, metadata) to path atomically.
func saveRunFile(r *Run, path string) error {
	write, err := runWriter(r)
	if err != nil {
		return err
	}
	return write(path)
}

// runWriter checks, on the UI goroutine, that run r has a model to save
// and returns a function that writes the run as it is now to a path
// atomically. That function may run on any goroutine: it uses the model
// under the run's lock and copies of the run's fields.
func runWriter(r *Run) (func(path string) error, error) {
	if r.model == nil || r.Status.Active() {
		return nil, errNoModel
	}
	m, history := r.model, slices.Clone(r.History)
	meta := network.Meta{Name: r.Name, Created: time.Now().UTC(), Dataset: r.Dataset, FitSeed: r.FitSeed, TrainLimit: r.TrainLimit}
	return func(path string) error {
		// Encode under the lock, write after it: the disk (fsync included)
		// must not hold up predictions on the UI goroutine.
		var buf bytes.Buffer
		r.Lock()
		err := network.SaveRun(&buf, m, history, meta)
		r.Unlock()
		if err != nil {
			return err
		}
		return atomicfile.WriteFile(path, buf.Bytes(), 0o644)
	}, nil
}

// OpenRunFile loads a model file as a new run, selects it and remembers the
// file among the recent ones. A file that cannot be read is reported by the
// returned error and changes nothing.
func (s *Studio) OpenRunFile(path string) (*Run, error) {
	f, err := network.LoadRunFile(path)
	if err != nil {
		return nil, err
	}
	name := f.Meta.Name
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	}
	r := s.runs.AddOpened(name, path, f.Model, f.History)
	r.Dataset, r.FitSeed, r.TrainLimit = f.Meta.Dataset, f.Meta.FitSeed, f.Meta.TrainLimit
	if r.Dataset == "" {
		r.Dataset = "MNIST"
	}
	s.rememberFile(path)
	return r, nil
}

// SaveRun saves run r to path and remembers the file.
func (s *Studio) SaveRun(r *Run, path string) error {
	if err := saveRunFile(r, path); err != nil {
		return fmt.Errorf("save %s: %w", r.Name, err)
	}
	r.File = path
	s.rememberFile(path)
	return nil
}

// recentFiles returns the recently opened or saved model files, newest first.
func (s *Studio) recentFiles() []string {
	if s.prefs == nil {
		return nil
	}
	return s.prefs.StringList(recentKey)
}

// rememberFile puts path first in the recent files and refreshes the menu.
func (s *Studio) rememberFile(path string) {
	if s.prefs == nil {
		return
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	list := slices.DeleteFunc(s.recentFiles(), func(p string) bool { return p == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	s.prefs.SetStringList(recentKey, list)
	s.refreshMenu()
}

// SaveDialog asks where to save the selected run and saves it there, off
// the UI goroutine, then says where it saved. It does nothing while another
// dialog is shown.
func (s *Studio) SaveDialog() {
	if s.window == nil || s.dialogOpen() {
		return
	}
	r := s.runs.Selected()
	if r == nil {
		s.showInfo("Nothing to save", "Train a model or open one first; then select it in the list of runs.")
		return
	}
	write, err := runWriter(r)
	if err != nil {
		s.showError(fmt.Errorf("save %s: %w", r.Name, err))
		return
	}
	name := fileName(r.Name)
	if name == "" {
		name = "model"
	}
	s.saveAs(saveRequest{
		title: "Save " + r.Name,
		what:  r.Name,
		path:  r.File,
		file:  name + modelExt,
		ext:   modelExt,
		write: write,
		saved: func(path string) {
			r.File = path
			s.rememberFile(path)
		},
	})
}

// OpenDialog asks for a model file and opens it as a new run. It does
// nothing while another dialog is shown, so Ctrl+O twice opens one.
func (s *Studio) OpenDialog() {
	if s.window == nil || s.dialogOpen() {
		return
	}
	m := &modal{}
	d := dialog.NewFileOpen(func(rd fyne.URIReadCloser, err error) {
		s.dismissed(m) // also when the OS showed the picker
		if err != nil {
			s.showError(fmt.Errorf("open a model file: %w", err))
			return
		}
		if rd == nil {
			return
		}
		path := rd.URI().Path()
		rd.Close()
		s.openAndReport(path)
	}, s.window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{modelExt}))
	if l, err := storage.ListerForURI(storage.NewFileURI(s.saveFolder())); err == nil {
		d.SetLocation(l)
	}
	m.d = d
	s.request(m)
}

// openAndReport opens a model file and shows its curves, or shows an
// error dialog if it cannot be opened.
func (s *Studio) openAndReport(path string) {
	if _, err := s.OpenRunFile(path); err != nil {
		s.showError(err)
		return
	}
	s.setLastFolder(filepath.Dir(path))
	s.tabs.SelectIndex(tabTrain)
}

// fileName turns a run name into a file name: "vanilla #2" → "vanilla-2".
func fileName(name string) string {
	f := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			return r
		}
		return '-'
	}, name)
	for strings.Contains(f, "--") {
		f = strings.ReplaceAll(f, "--", "-")
	}
	return strings.Trim(f, "-")
}
