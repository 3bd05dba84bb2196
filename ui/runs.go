package ui

import (
	"errors"
	"fmt"
	"image"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/network"
	"autoencoder-studio/network/design"
)

// RunStatus says where a run is in its life.
type RunStatus int

// The states of a run.
const (
	RunQueued   RunStatus = iota // created, data still loading
	RunTraining                  // Fit is running
	RunPaused                    // Fit is blocked between batches
	RunDone                      // every epoch finished
	RunStopped                   // stopped by the user
	RunFailed                    // Fit returned an error (divergence…)
	RunWaiting                   // in the training queue, waiting for the runs before it (see queue)
)

func (s RunStatus) String() string {
	switch s {
	case RunQueued:
		return "starting"
	case RunTraining:
		return "training"
	case RunPaused:
		return "paused"
	case RunDone:
		return "done"
	case RunStopped:
		return "stopped"
	case RunFailed:
		return "failed"
	case RunWaiting:
		return "queued"
	}
	return fmt.Sprintf("RunStatus(%d)", int(s))
}

// Active reports whether the run's model still belongs to its training
// goroutine.
func (s RunStatus) Active() bool { return s == RunQueued || s == RunTraining || s == RunPaused }

// BatchPoint is the running mean of the training loss within an epoch,
// placed at X epochs (1.5 is halfway through the second epoch).
type BatchPoint struct{ X, Loss float64 }

// Run is one model trained in the session. Its fields are read and written
// on the UI goroutine only; the model is handed over by the training
// goroutine when Fit returns, and then used under Lock by whoever predicts.
type Run struct {
	ID       int
	Name     string
	Spec     network.Spec
	Status   RunStatus
	Err      error
	History  []network.Epoch
	Batches  []BatchPoint
	Progress network.Progress
	// SecondsPerEpoch is the mean training time of the finished epochs.
	SecondsPerEpoch float64
	// Dataset names the images the run trains on ("MNIST" or a folder).
	Dataset string
	// FitSeed seeds the batch order; continuing a run reuses it so the
	// batches follow on as in one uninterrupted run.
	FitSeed uint64
	// TrainLimit, when positive, is how many of the dataset's first
	// training images the run trains on; continuing it uses as many.
	TrainLimit int
	// File is the model file the run was opened from or last saved to.
	File string
	// Group names the sweep the run belongs to ("sweep 1: vanilla
	// code"), or is empty.
	Group string

	mu    sync.Mutex     // serialises Predict/Encode on model
	model *network.Model // nil until training ends

	recon        image.Image // the Train panel's reconstructions of the run
	reconPending bool        // recon is being rendered (trainPanel.reconstruct)
	queuePos     int         // place in the training queue, 1 next; 0 when not queued
}

// Model returns the trained model, or nil while the run trains. Callers on
// other goroutines must hold Lock while they use it.
func (r *Run) Model() *network.Model { return r.model }

// releaseBuffers frees the per-batch buffers model m of run r grew, under
// r's lock, so that the idle run keeps only its weights. It may run on any
// goroutine; m was taken from r on the UI goroutine.
func releaseBuffers(r *Run, m *network.Model) {
	r.Lock()
	m.ReleaseBuffers()
	r.Unlock()
}

// Lock reserves the run's model for one goroutine; Unlock releases it.
func (r *Run) Lock() { r.mu.Lock() }

// Unlock releases the model reserved by Lock.
func (r *Run) Unlock() { r.mu.Unlock() }

// updateSecondsPerEpoch sets SecondsPerEpoch from the history.
func (r *Run) updateSecondsPerEpoch() {
	n := len(r.History)
	if n == 0 {
		return
	}
	sum := 0.0
	for _, e := range r.History {
		sum += e.Seconds
	}
	r.SecondsPerEpoch = sum / float64(n)
}

// Denoising reports whether the run trains on noisy inputs.
func (r *Run) Denoising() bool { return r.Spec.Train.Noise > 0 }

// Summary returns a one-line description: status, epochs and losses.
func (r *Run) Summary() string {
	s := r.Status.String()
	if r.Status == RunWaiting {
		s = queuedText(r)
	}
	if r.Group != "" {
		s = r.Group + " · " + s
	}
	if n := len(r.History); n > 0 {
		e := r.History[n-1]
		s += fmt.Sprintf(" · %d ep · val %.4g", n, e.ValLoss)
	}
	return s
}

// Runs is the session's list of runs, shared by the panels, with the
// selected one. Runs are known by ID; their names are unique too. It is used on the UI goroutine only; listeners registered
// with OnChange hear of every change.
type Runs struct {
	list      []*Run
	selected  *Run
	nextID    int
	listeners []func(changed *Run)
}

// NewRuns returns an empty list.
func NewRuns() *Runs { return &Runs{nextID: 1} }

// OnChange registers f to be called after every change; changed is the run
// that changed (or was removed, which ByID then no longer finds), or nil
// when only the selection did.
func (rs *Runs) OnChange(f func(changed *Run)) { rs.listeners = append(rs.listeners, f) }

// Changed tells the listeners that run r changed.
func (rs *Runs) Changed(r *Run) {
	for _, f := range rs.listeners {
		f(r)
	}
}

// designName is what a run of spec is called before its number: the name
// of a design someone named (a spec file's), else what the design is, as
// design.Describe says — a preset's name only while it is the preset.
func designName(spec network.Spec) string {
	if spec.Name == "" || spec.Name == "custom" || slices.Contains(network.PresetNames(), spec.Name) {
		return design.Describe(spec)
	}
	return spec.Name
}

// Add appends a new run for spec on MNIST; see AddOn.
func (rs *Runs) Add(spec network.Spec) *Run { return rs.AddOn(spec, "MNIST") }

// AddOn appends a new run for spec, to be trained on the named dataset,
// selects it and returns it. Its name says what the design is (see
// design.Describe), then a session number, then the dataset unless it is
// MNIST: "vanilla #3", "custom: 3 dense, code 16 #4 on my-digits".
func (rs *Runs) AddOn(spec network.Spec, dataset string) *Run {
	r := &Run{ID: rs.nextID, Spec: spec.Clone(), Dataset: dataset}
	name := fmt.Sprintf("%s #%d", designName(spec), r.ID)
	if dataset != "" && dataset != "MNIST" {
		name += " on " + dataset
	}
	r.Name = rs.uniqueName(name, "")
	return rs.add(r)
}

// AddTrained appends a finished run with a trained model, selects it and
// returns it. An empty name becomes the spec's and a session number; a
// name another run has gets a number, as uniqueName says. The model's
// per-batch buffers are released: an idle run keeps only its weights.
func (rs *Runs) AddTrained(name string, m *network.Model, history []network.Epoch) *Run {
	return rs.AddOpened(name, "", m, history)
}

// AddOpened is AddTrained for a run opened from the model file at path: a
// name another run has becomes "NAME (FILE.aes)", then gets a number if
// that is taken too. The run remembers path as its File.
func (rs *Runs) AddOpened(name, path string, m *network.Model, history []network.Epoch) *Run {
	r := &Run{ID: rs.nextID, Spec: m.Spec(), Status: RunDone, History: history, model: m, File: path}
	if name == "" {
		name = fmt.Sprintf("%s #%d", nonEmpty(r.Spec.Name, "model"), r.ID)
	}
	r.Name = rs.uniqueName(name, path)
	m.ReleaseBuffers()
	r.updateSecondsPerEpoch()
	if n := len(history); n > 0 {
		r.Progress = network.Progress{Epoch: history[n-1].Epoch, Epochs: history[n-1].Epoch}
	}
	return rs.add(r)
}

// add appends r, selects it and tells the listeners.
func (rs *Runs) add(r *Run) *Run {
	rs.nextID = max(rs.nextID, r.ID) + 1
	rs.list = append(rs.list, r)
	rs.selected = r
	rs.Changed(r)
	return r
}

// nameTaken reports whether a run other than except is called name.
func (rs *Runs) nameTaken(name string, except *Run) bool {
	for _, r := range rs.list {
		if r != except && r.Name == name {
			return true
		}
	}
	return false
}

// uniqueName returns name if no run has it; else, for a run opened from
// the file at path, "NAME (FILE.aes)"; and if that is taken too (or there
// is no file), the first free of "… (2)", "… (3)", ….
func (rs *Runs) uniqueName(name, path string) string {
	if !rs.nameTaken(name, nil) {
		return name
	}
	if path != "" {
		name = fmt.Sprintf("%s (%s)", name, filepath.Base(path))
		if !rs.nameTaken(name, nil) {
			return name
		}
	}
	for n := 2; ; n++ {
		if c := fmt.Sprintf("%s (%d)", name, n); !rs.nameTaken(c, nil) {
			return c
		}
	}
}

// Errors of Remove and Rename.
var (
	errRunActive  = errors.New("the run is training: stop it first")
	errNameEmpty  = errors.New("a run needs a name")
	errRunUnknown = errors.New("the run is not in the list")
)

// Remove takes run r out of the list, selecting its neighbour if it was
// selected, and tells the listeners (with r, which ByID no longer finds).
// It refuses a run that is training.
func (rs *Runs) Remove(r *Run) error {
	i := slices.Index(rs.list, r)
	if i < 0 {
		return fmt.Errorf("remove %s: %w", r.Name, errRunUnknown)
	}
	if r.Status.Active() {
		return fmt.Errorf("remove %s: %w", r.Name, errRunActive)
	}
	rs.list = slices.Delete(rs.list, i, i+1)
	if rs.selected == r {
		rs.selected = nil
		if n := len(rs.list); n > 0 {
			rs.selected = rs.list[min(i, n-1)]
		}
	}
	rs.Changed(r)
	return nil
}

// Rename gives run r the name name, trimmed of spaces. It refuses an empty
// name, one another run has, and a run that is training (its goroutine
// titles the plots with the name).
func (rs *Runs) Rename(r *Run, name string) error {
	name = strings.TrimSpace(name)
	switch {
	case !slices.Contains(rs.list, r):
		return fmt.Errorf("rename %s: %w", r.Name, errRunUnknown)
	case r.Status.Active():
		return fmt.Errorf("rename %s: %w", r.Name, errRunActive)
	case name == "":
		return fmt.Errorf("rename %s: %w", r.Name, errNameEmpty)
	case rs.nameTaken(name, r):
		return fmt.Errorf("rename %s: another run is called %q", r.Name, name)
	}
	if name != r.Name {
		r.Name = name
		rs.Changed(r)
	}
	return nil
}

// All returns the runs in the order they were made.
func (rs *Runs) All() []*Run { return rs.list }

// Trained returns the runs whose model can be used (not training).
func (rs *Runs) Trained() []*Run {
	var out []*Run
	for _, r := range rs.list {
		if r.model != nil && !r.Status.Active() {
			out = append(out, r)
		}
	}
	return out
}

// Selected returns the selected run, or nil.
func (rs *Runs) Selected() *Run { return rs.selected }

// Select makes r the selected run.
func (rs *Runs) Select(r *Run) {
	if rs.selected == r {
		return
	}
	rs.selected = r
	rs.Changed(nil)
}

// ByID returns the run with the given ID, or nil.
func (rs *Runs) ByID(id int) *Run {
	for _, r := range rs.list {
		if r.ID == id {
			return r
		}
	}
	return nil
}

// runsListMinWidth is the least width of the side list of runs, so that
// names stay readable however wide the tabs want to be.
const runsListMinWidth = 180

// runsPanel is the side list of runs, with buttons to rename and remove the
// selected one.
type runsPanel struct {
	s       *Studio
	runs    *Runs
	list    *escList
	queue   *queueTools
	rename  *escButton
	remove  *escButton
	syncing bool
	content fyne.CanvasObject
}

// newRunsPanel builds the side list; choosing a run selects it in the
// studio's runs.
func newRunsPanel(s *Studio) *runsPanel {
	runs := s.runs
	p := &runsPanel{s: s, runs: runs}
	p.list = p.newList()
	p.rename = newButton("Rename…", theme.DocumentCreateIcon(), s.RenameDialog)
	p.remove = newButton("Remove…", theme.DeleteIcon(), s.RemoveDialog)
	empty := widget.NewLabel("No runs yet.\nDesign a model, then\npress Train (Ctrl+T).")
	empty.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle("Runs", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	stack := container.NewStack(empty, p.list)
	p.queue = newQueueTools(s)
	tools := container.NewVBox(p.queue.content, container.NewGridWithColumns(2, p.rename, p.remove))
	p.content = container.New(minWidthLayout(runsListMinWidth), container.NewBorder(title, tools, nil, nil, stack))
	update := func() {
		if len(runs.All()) > 0 {
			empty.Hide()
		} else {
			empty.Show()
		}
		p.list.Refresh()
		p.syncing = true
		if i := slices.Index(runs.All(), runs.Selected()); i >= 0 {
			p.list.Select(i)
		} else {
			p.list.UnselectAll()
		}
		p.syncing = false
		p.queue.update(runs.Selected())
		if r := runs.Selected(); r != nil && !r.Status.Active() {
			p.rename.Enable()
			p.remove.Enable()
		} else {
			p.rename.Disable()
			p.remove.Disable()
		}
	}
	runs.OnChange(func(*Run) { update() })
	update()
	return p
}

// newList builds the list of runs, name over summary; choosing a run
// selects it.
func (p *runsPanel) newList() *escList {
	runs := p.runs
	l := newList(
		func() int { return len(runs.All()) },
		func() fyne.CanvasObject {
			name := widget.NewLabel("vanilla #10")
			name.TextStyle.Bold = true
			name.Truncation = fyne.TextTruncateEllipsis
			info := widget.NewLabel("done · 5 ep · val 0.0000")
			info.SizeName = theme.SizeNameCaptionText
			info.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(name, info)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			all := runs.All()
			if i >= len(all) {
				return
			}
			box := o.(*fyne.Container)
			box.Objects[0].(*widget.Label).SetText(all[i].Name)
			box.Objects[1].(*widget.Label).SetText(all[i].Summary())
		},
	)
	l.OnSelected = func(i widget.ListItemID) {
		if p.syncing {
			return
		}
		if all := runs.All(); i < len(all) {
			runs.Select(all[i])
		}
	}
	return l
}

// RenameDialog asks for a new name for the selected run. The dialog's
// Rename button (and Enter) do nothing while the name is empty or another
// run's. It does nothing while another dialog is shown.
func (s *Studio) RenameDialog() {
	r := s.runs.Selected()
	if s.window == nil || r == nil || s.dialogOpen() {
		return
	}
	if r.Status.Active() {
		s.showError(fmt.Errorf("rename %s: %w", r.Name, errRunActive))
		return
	}
	m := &modal{}
	entry := newKeyEntry(m)
	entry.SetText(r.Name)
	entry.Validator = func(text string) error {
		switch t := strings.TrimSpace(text); {
		case t == "":
			return errNameEmpty
		case s.runs.nameTaken(t, r):
			return fmt.Errorf("another run is called %q", t)
		}
		return nil
	}
	d := dialog.NewForm("Rename "+r.Name, "Rename", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Name", entry)},
		func(ok bool) {
			if !ok {
				return
			}
			if err := s.runs.Rename(r, entry.Text); err != nil {
				s.showError(err)
			}
		}, s.window)
	entry.OnSubmitted = func(string) { d.Submit() }
	m.d, m.enter = d, d.Submit
	m.layout = func() { d.Resize(fyne.NewSize(420, d.MinSize().Height)) }
	m.shown = func() { s.window.Canvas().Focus(entry) }
	s.request(m)
}

// RemoveDialog asks whether to remove the selected run, and removes it. It
// does nothing while another dialog is shown.
func (s *Studio) RemoveDialog() {
	r := s.runs.Selected()
	if s.window == nil || r == nil || s.dialogOpen() {
		return
	}
	if r.Status.Active() {
		s.showError(fmt.Errorf("remove %s: %w", r.Name, errRunActive))
		return
	}
	kept := "Its weights and curves are lost unless you save it first (File › Save run…)."
	if r.File != "" {
		kept = "It stays saved in " + r.File + "."
	}
	d := dialog.NewConfirm("Remove run", fmt.Sprintf("Remove %s from the list of runs?\n%s", r.Name, kept), func(ok bool) {
		if !ok {
			return
		}
		if err := s.runs.Remove(r); err != nil {
			s.showError(err)
		}
	}, s.window)
	d.SetConfirmText("Remove")
	d.SetConfirmImportance(widget.DangerImportance)
	s.request(&modal{d: d, enter: d.Confirm})
}

// minWidthLayout gives its objects at least the width w (and their own
// minimum height), and lays each out over the whole container.
type minWidthLayout float32

func (m minWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	size := fyne.NewSize(float32(m), 0)
	for _, o := range objs {
		size = size.Max(o.MinSize())
	}
	return size
}

func (m minWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
