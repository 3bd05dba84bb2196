package ui

import (
	"fmt"
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/network"
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
	// File is the model file the run was opened from or last saved to.
	File string

	mu    sync.Mutex     // serialises Predict/Encode on model
	model *network.Model // nil until training ends

	plot, recon image.Image // the Train panel's last pictures of the run
}

// Model returns the trained model, or nil while the run trains. Callers on
// other goroutines must hold Lock while they use it.
func (r *Run) Model() *network.Model { return r.model }

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
	if n := len(r.History); n > 0 {
		e := r.History[n-1]
		s += fmt.Sprintf(" · %d ep · val %.4g", n, e.ValLoss)
	}
	return s
}

// Runs is the session's list of runs, shared by the panels, with the
// selected one. It is used on the UI goroutine only; listeners registered
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
// that changed, or nil when only the selection did.
func (rs *Runs) OnChange(f func(changed *Run)) { rs.listeners = append(rs.listeners, f) }

// Changed tells the listeners that run r changed.
func (rs *Runs) Changed(r *Run) {
	for _, f := range rs.listeners {
		f(r)
	}
}

// Add appends a new run for spec, named after the spec and a session
// number, selects it and returns it.
func (rs *Runs) Add(spec network.Spec) *Run {
	name := spec.Name
	if name == "" {
		name = "model"
	}
	r := &Run{ID: rs.nextID, Name: fmt.Sprintf("%s #%d", name, rs.nextID), Spec: spec.Clone()}
	rs.nextID++
	rs.list = append(rs.list, r)
	rs.selected = r
	rs.Changed(r)
	return r
}

// AddTrained appends a finished run with a trained model (one opened from a
// file), selects it and returns it.
func (rs *Runs) AddTrained(name string, m *network.Model, history []network.Epoch) *Run {
	r := &Run{ID: rs.nextID, Name: name, Spec: m.Spec(), Status: RunDone, History: history, model: m}
	if r.Name == "" {
		r.Name = fmt.Sprintf("%s #%d", nonEmpty(r.Spec.Name, "model"), r.ID)
	}
	r.updateSecondsPerEpoch()
	if n := len(history); n > 0 {
		r.Progress = network.Progress{Epoch: history[n-1].Epoch, Epochs: history[n-1].Epoch}
	}
	rs.nextID++
	rs.list = append(rs.list, r)
	rs.selected = r
	rs.Changed(r)
	return r
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

// runsPanel is the side list of runs.
type runsPanel struct {
	runs     *Runs
	list     *widget.List
	syncing  bool
	content  fyne.CanvasObject
	selected func(*Run)
}

// newRunsPanel builds the side list; choosing a run selects it in runs.
func newRunsPanel(runs *Runs) *runsPanel {
	p := &runsPanel{runs: runs}
	p.list = widget.NewList(
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
	p.list.OnSelected = func(i widget.ListItemID) {
		if p.syncing {
			return
		}
		if all := runs.All(); i < len(all) {
			runs.Select(all[i])
		}
	}
	empty := widget.NewLabel("No runs yet.\nDesign a model, then\npress Train (Ctrl+T).")
	empty.Importance = widget.LowImportance
	title := widget.NewLabelWithStyle("Runs", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	stack := container.NewStack(empty, p.list)
	p.content = container.NewBorder(title, nil, nil, nil, stack)
	update := func() {
		if len(runs.All()) > 0 {
			empty.Hide()
		} else {
			empty.Show()
		}
		p.list.Refresh()
		p.syncing = true
		for i, r := range runs.All() {
			if r == runs.Selected() {
				p.list.Select(i)
			}
		}
		p.syncing = false
	}
	runs.OnChange(func(*Run) { update() })
	update()
	return p
}
