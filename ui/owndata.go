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

// dataSource is what new runs train on: MNIST, Fashion-MNIST or an
// imported folder. The training goroutines read it, so it is guarded.
type dataSource struct {
	mu      sync.Mutex
	own     *ownData
	builtin string // without own: dataset.FashionName, or "" for MNIST
}

// name returns "MNIST", "Fashion-MNIST" or the imported folder's name.
func (d *dataSource) name() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	switch {
	case d.own != nil:
		return d.own.name
	case d.builtin != "":
		return d.builtin
	}
	return dataset.MNISTName
}

// use switches to o (nil: MNIST).
func (d *dataSource) use(o *ownData) {
	d.mu.Lock()
	d.own, d.builtin = o, ""
	d.mu.Unlock()
}

// useBuiltin switches to the built-in dataset called name (a name
// dataset.BuiltinName returns).
func (d *dataSource) useBuiltin(name string) {
	d.mu.Lock()
	d.own, d.builtin = nil, name
	if name == dataset.MNISTName {
		d.builtin = ""
	}
	d.mu.Unlock()
}

// sets returns the training and validation images: the imported ones,
// Fashion-MNIST's, or those mnist returns.
func (d *dataSource) sets(mnist func() (*dataset.Set, *dataset.Set, error)) (train, val *dataset.Set, err error) {
	d.mu.Lock()
	own, builtin := d.own, d.builtin
	d.mu.Unlock()
	switch {
	case own != nil:
		return own.train, own.val, nil
	case builtin == dataset.FashionName:
		return dataset.Fashion()
	}
	return mnist()
}

// dataBar is the line of the Train tab that says what runs train on, with
// a button to import a folder of images and a picker of the datasets:
// MNIST, Fashion-MNIST and the folder imported last.
type dataBar struct {
	s       *Studio
	label   *widget.Label
	pick    *widget.Select
	last    *ownData // the folder imported last, which pick offers
	syncing bool     // set while update sets pick
	content fyne.CanvasObject
}

func newDataBar(s *Studio) *dataBar {
	b := &dataBar{s: s, label: widget.NewLabel("")}
	importBtn := widget.NewButtonWithIcon("Import images…", theme.FolderOpenIcon(), s.ImportFolderDialog)
	b.pick = widget.NewSelect(nil, func(string) {
		if b.syncing {
			return
		}
		switch i := b.pick.SelectedIndex(); {
		case i == len(dataset.BuiltinNames()) && b.last != nil:
			s.UseOwnData(b.last)
		case i >= 0 && i < len(dataset.BuiltinNames()):
			s.UseDataset(dataset.BuiltinNames()[i])
		}
	})
	b.content = container.NewBorder(nil, nil, boldLabel("Training data"), container.NewHBox(b.pick, importBtn), b.label)
	b.update()
	return b
}

// update shows the current data source, in the label and the picker.
func (b *dataBar) update() {
	b.s.data.mu.Lock()
	own, builtin := b.s.data.own, b.s.data.builtin
	b.s.data.mu.Unlock()
	opts := dataset.BuiltinNames()
	if b.last != nil {
		opts = append(opts, b.last.name+" (folder)")
	}
	b.syncing = true
	defer func() { b.syncing = false }()
	b.pick.SetOptions(opts)
	switch {
	case own != nil:
		b.label.SetText(own.describe())
		b.pick.SetSelectedIndex(len(opts) - 1)
	case builtin == dataset.FashionName:
		b.label.SetText("Fashion-MNIST: 60,000 training and 10,000 validation pictures of clothes")
		b.pick.SetSelected(dataset.FashionName)
	default:
		b.label.SetText("MNIST: 60,000 training and 10,000 validation digits")
		b.pick.SetSelected(dataset.MNISTName)
	}
}

// UseOwnData makes new runs train on o (nil: MNIST again).
func (s *Studio) UseOwnData(o *ownData) {
	s.data.use(o)
	if o != nil {
		s.dataBar.last = o
	}
	s.dataBar.update()
	s.train.updateButtons()
}

// UseDataset makes new runs train on the built-in dataset name spells
// ("MNIST", "Fashion-MNIST", see dataset.BuiltinName); it returns an error
// for another name.
func (s *Studio) UseDataset(name string) error {
	n, ok := dataset.BuiltinName(name)
	if !ok {
		return fmt.Errorf("no built-in dataset %q", name)
	}
	s.data.useBuiltin(n)
	s.dataBar.update()
	s.train.updateButtons()
	return nil
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
