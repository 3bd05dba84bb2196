package ui

import (
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
	if r.model == nil || r.Status.Active() {
		return errNoModel
	}
	meta := network.Meta{Name: r.Name, Created: time.Now().UTC(), Dataset: r.Dataset, FitSeed: r.FitSeed}
	r.Lock()
	defer r.Unlock()
	return network.SaveRunFile(path, r.model, r.History, meta)
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
	r := s.runs.AddTrained(name, f.Model, f.History)
	r.Dataset, r.FitSeed, r.File = f.Meta.Dataset, f.Meta.FitSeed, path
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

// SaveDialog asks where to save the selected run.
func (s *Studio) SaveDialog() {
	r := s.runs.Selected()
	if s.window == nil {
		return
	}
	if r == nil {
		dialog.ShowInformation("Nothing to save", "Train a model or open one first; then select it in the list of runs.", s.window)
		return
	}
	if r.model == nil || r.Status.Active() {
		dialog.ShowError(fmt.Errorf("save %s: %w", r.Name, errNoModel), s.window)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			dialog.ShowError(err, s.window)
			return
		}
		if w == nil {
			return
		}
		path := w.URI().Path()
		w.Close() // SaveRun replaces the file atomically
		if !strings.HasSuffix(path, modelExt) {
			path += modelExt
		}
		if err := s.SaveRun(r, path); err != nil {
			dialog.ShowError(err, s.window)
		}
	}, s.window)
	d.SetFileName(fileName(r.Name) + modelExt)
	d.SetFilter(storage.NewExtensionFileFilter([]string{modelExt}))
	d.Show()
}

// OpenDialog asks for a model file and opens it as a new run.
func (s *Studio) OpenDialog() {
	if s.window == nil {
		return
	}
	d := dialog.NewFileOpen(func(rd fyne.URIReadCloser, err error) {
		if err != nil {
			dialog.ShowError(err, s.window)
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
	d.Show()
}

// openAndReport opens a model file and shows its curves, or shows an
// error dialog if it cannot be opened.
func (s *Studio) openAndReport(path string) {
	if _, err := s.OpenRunFile(path); err != nil {
		if s.window != nil {
			dialog.ShowError(err, s.window)
		}
		return
	}
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
