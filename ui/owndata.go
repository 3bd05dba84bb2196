package ui

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/dataset"
)

// ownValFraction is the share of an imported folder kept for validation.
const ownValFraction = 0.1

// ownData is a folder of the user's own images, split for training and
// validation, with the files that could not be used.
type ownData struct {
	name       string
	train, val *dataset.Set
	skipped    []dataset.ImageError
}

// loadOwnData reads the images of a folder with the same preprocessing as
// the drawing canvas and keeps a tenth of them (at least one) for
// validation. A folder of a single image trains and validates on it.
func loadOwnData(dir string) (*ownData, error) {
	set, skipped, err := dataset.LoadImageFolder(dir)
	if err != nil {
		return nil, err
	}
	o := &ownData{name: filepath.Base(dir), skipped: skipped}
	if set.Len() < 2 {
		o.train, o.val = set, set
	} else {
		o.train, o.val = set.Split(ownValFraction, 1)
	}
	return o, nil
}

// describe says what the data holds and what was skipped.
func (o *ownData) describe() string {
	s := fmt.Sprintf("%s: %d training and %d validation images", o.name, o.train.Len(), o.val.Len())
	if n := len(o.skipped); n > 0 {
		s += fmt.Sprintf(" (%d file(s) skipped)", n)
	}
	return s
}

// skippedText lists the skipped files, one per line, at most max of them.
func (o *ownData) skippedText(max int) string {
	var b strings.Builder
	for i, e := range o.skipped {
		if i == max {
			fmt.Fprintf(&b, "… and %d more", len(o.skipped)-max)
			break
		}
		fmt.Fprintf(&b, "%s: %v\n", e.File, e.Err)
	}
	return strings.TrimSpace(b.String())
}

// dataSource is what new runs train on: MNIST, or an imported folder. The
// training goroutines read it, so it is guarded.
type dataSource struct {
	mu  sync.Mutex
	own *ownData
}

// name returns "MNIST" or the imported folder's name.
func (d *dataSource) name() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.own == nil {
		return "MNIST"
	}
	return d.own.name
}

// use switches to o (nil: MNIST).
func (d *dataSource) use(o *ownData) {
	d.mu.Lock()
	d.own = o
	d.mu.Unlock()
}

// sets returns the training and validation images: the imported ones, or
// those mnist returns.
func (d *dataSource) sets(mnist func() (*dataset.Set, *dataset.Set, error)) (train, val *dataset.Set, err error) {
	d.mu.Lock()
	own := d.own
	d.mu.Unlock()
	if own != nil {
		return own.train, own.val, nil
	}
	return mnist()
}

// dataBar is the line of the Train tab that says what runs train on, with
// buttons to import a folder of images or go back to MNIST.
type dataBar struct {
	s       *Studio
	label   *widget.Label
	mnist   *widget.Button
	content fyne.CanvasObject
}

func newDataBar(s *Studio) *dataBar {
	b := &dataBar{s: s, label: widget.NewLabel("")}
	importBtn := widget.NewButtonWithIcon("Import images…", theme.FolderOpenIcon(), s.ImportFolderDialog)
	b.mnist = widget.NewButton("Use MNIST", func() { s.UseOwnData(nil) })
	b.content = container.NewBorder(nil, nil, boldLabel("Training data"), container.NewHBox(importBtn, b.mnist), b.label)
	b.update()
	return b
}

// update shows the current data source.
func (b *dataBar) update() {
	b.s.data.mu.Lock()
	own := b.s.data.own
	b.s.data.mu.Unlock()
	if own == nil {
		b.label.SetText("MNIST: 60,000 training and 10,000 validation digits")
		b.mnist.Disable()
		return
	}
	b.label.SetText(own.describe())
	b.mnist.Enable()
}

// UseOwnData makes new runs train on o (nil: MNIST again).
func (s *Studio) UseOwnData(o *ownData) {
	s.data.use(o)
	s.dataBar.update()
	s.train.updateButtons()
}

// ImportFolderDialog asks for a folder of PNG/JPEG images, reads it off the
// UI goroutine and makes it the training data, reporting skipped files. It
// does nothing while another dialog is shown.
func (s *Studio) ImportFolderDialog() {
	if s.window == nil || s.dialogOpen() {
		return
	}
	m := &modal{}
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		s.dismissed(m) // also when the OS showed the picker
		if err != nil {
			s.showError(fmt.Errorf("choose an image folder: %w", err))
			return
		}
		if dir == nil {
			return
		}
		s.importFolder(dir.Path())
	}, s.window)
	m.d = d
	s.request(m)
}

// importFolder reads the images of folder path off the UI goroutine and
// makes them the training data, reporting the files it skipped (those that
// are not images, or not regular files) or why it could not.
func (s *Studio) importFolder(path string) {
	s.dataBar.label.SetText("reading " + path + "…")
	go func() {
		o, err := loadOwnData(path)
		s.cfg.Do(func() {
			if err != nil {
				s.dataBar.update()
				s.showError(fmt.Errorf("import %s: %w", path, err))
				return
			}
			s.UseOwnData(o)
			if len(o.skipped) > 0 {
				s.showInfo("Some files were skipped",
					fmt.Sprintf("%s\n\nSkipped:\n%s", o.describe(), o.skippedText(12)))
			}
		})
	}()
}
