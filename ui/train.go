package ui

import (
	"context"
	"errors"
	"fmt"
	"image"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/network/design"
	"autoencoder-studio/network/training"
	"autoencoder-studio/ui/render"
)

// How many digits the training panel previews, and how often it draws the
// loss curves and the previews of a run in training.
const (
	previewDigits = 8
	plotEvery     = 250 * time.Millisecond
	previewEvery  = 400 * time.Millisecond
)

// trainPanel is the Train tab: start, pause and stop a run of the editor's
// design, with its progress, live loss curves and reconstructions. It shows
// the selected run.
type trainPanel struct {
	s     *Studio
	job   *trainJob   // the run in training, or nil
	queue queue[*Run] // the runs waiting for it, in order (see queue.go)

	start, pause, stop *escButton
	resume             *escButton // Continue training
	title, status      *widget.Label
	hint, errText      *widget.Label
	bar                *widget.ProgressBar
	plot               *plotView
	plotOf             trainPlot // what plot shows
	plotN              int       // the snapshot plot count plot shows
	recon              *canvas.Image
	reconCard          *widget.Card
	logY               *escCheck
	shown              *Run
	latentView         *plotView // the codes of the run shown as it trained
	visible            bool      // the Train tab is shown
	content            fyne.CanvasObject
	rerecon            *bridge[plotResult] // reconstructions of runs that have none
}

// trainPlot is what the training panel's loss plot was drawn from.
type trainPlot struct {
	run                   *Run
	name                  string
	epochs, done, batches int
	logY                  bool
}

// trainJob is a run being trained on its own goroutine.
type trainJob struct {
	run    *Run
	cancel context.CancelFunc
	gate   pauseGate
	done   chan struct{}
}

// plotResult is a picture rendered off the UI goroutine for a run.
type plotResult struct {
	run *Run
	img image.Image
}

// snapshot is what the training goroutine hands to the UI.
type snapshot struct {
	run      *Run
	progress network.Progress
	history  []network.Epoch
	batches  []BatchPoint
	plotN    int // counts the times the loss curves were due: a new count redraws them
	recon    image.Image
	loading  bool

	final   bool
	status  RunStatus
	err     error
	model   *network.Model
	elapsed time.Duration
}

func newTrainPanel(s *Studio) *trainPanel {
	p := &trainPanel{s: s}
	p.start = newButton("Train", theme.MediaPlayIcon(), p.Start)
	p.start.Importance = widget.HighImportance
	p.pause = newButton("Pause", theme.MediaPauseIcon(), p.TogglePause)
	p.stop = newButton("Stop", theme.MediaStopIcon(), p.Stop)
	p.resume = newButton("Continue", theme.MediaFastForwardIcon(), p.Continue)
	p.newTexts()
	p.newImages()
	p.logY = newCheck("Log scale", func(bool) { p.plotRun(p.shown) })
	p.rerecon = newBridge(s.cfg.Do, func(r plotResult) {
		r.run.reconPending = false
		if r.img == nil {
			return
		}
		r.run.recon = r.img
		if r.run == p.shown {
			setImage(p.recon, r.img)
		}
	})

	buttons := container.NewVBox(layout.NewSpacer(), container.NewHBox(p.start, p.resume, p.pause, p.stop, widget.NewSeparator(), p.logY), layout.NewSpacer())
	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, buttons, container.NewVBox(p.title, p.status)),
		p.bar, s.dataBar.content, p.hint, p.errText)
	p.reconCard = widget.NewCard("", reconCaption(false), p.recon)
	p.latentView = newPlotView(s.cfg.Do, fyne.NewSize(miniLatentWidth, miniLatentHeight))
	latentCard := widget.NewCard("", "Codes as it trains (Latent space tab)", p.latentView)
	p.content = container.NewBorder(head, container.NewBorder(nil, nil, nil, latentCard, p.reconCard), nil, nil, p.plot)
	s.runs.OnChange(p.dropRemoved)
	s.runs.OnChange(func(changed *Run) {
		if changed == nil || changed == s.runs.Selected() || changed == p.shown {
			p.show(s.runs.Selected())
		}
	})
	p.show(nil)
	return p
}

// newTexts makes the panel's labels and progress bar.
func (p *trainPanel) newTexts() {
	p.title = boldLabel("No run selected")
	p.title.Truncation = fyne.TextTruncateEllipsis // a long name must not widen the window
	p.status = widget.NewLabel("")
	p.status.Wrapping = fyne.TextWrapWord
	p.hint = widget.NewLabel("")
	p.hint.Importance = widget.LowImportance
	p.hint.Wrapping = fyne.TextWrapWord
	p.errText = widget.NewLabel("")
	p.errText.Importance = widget.DangerImportance
	p.errText.Wrapping = fyne.TextWrapWord
	p.errText.Hide()
	p.bar = widget.NewProgressBar()
	p.bar.TextFormatter = func() string { return progressText(p.shown) }
}

// newImages makes the panel's loss plot and reconstructions.
func (p *trainPanel) newImages() {
	p.plot = newPlotView(p.s.cfg.Do, fyne.NewSize(420, 240))
	p.recon = canvas.NewImageFromImage(blankImage(1, 1))
	p.recon.FillMode = canvas.ImageFillContain
	p.recon.ScaleMode = canvas.ImageScalePixels
	p.recon.SetMinSize(fyne.NewSize(8*64, 2*64))
}

// Training reports whether a run is in training.
func (p *trainPanel) Training() bool { return p.job != nil }

// updateButtons enables the buttons that apply now.
func (p *trainPanel) updateButtons() {
	if p.CanContinue() {
		p.resume.Enable()
	} else {
		p.resume.Disable()
	}
	if p.job != nil {
		enable(p.start, p.s.editor.Valid())
		p.pause.Enable()
		p.stop.Enable()
		if p.job.gate.Paused() {
			p.pause.SetText("Resume")
			p.pause.SetIcon(theme.MediaPlayIcon())
		} else {
			p.pause.SetText("Pause")
			p.pause.SetIcon(theme.MediaPauseIcon())
		}
		hint := "Ctrl+P pauses or resumes, Ctrl+. or Escape stops; a stopped run goes back to the weights of its last finished epoch. Train (Ctrl+T) again queues another run of the design"
		if n := p.queue.Len(); n > 0 {
			hint += fmt.Sprintf(" (%s queued)", plural(n, "run"))
		}
		p.setHint(hint+". "+queueHint, widget.LowImportance)
		return
	}
	p.pause.SetText("Pause")
	p.pause.SetIcon(theme.MediaPauseIcon())
	p.pause.Disable()
	p.stop.Disable()
	if err := p.s.editor.Problem(); err != nil {
		p.start.Disable()
		p.setHint("Fix the design before training: "+err.Error(), widget.DangerImportance)
		return
	}
	p.start.Enable()
	sp := p.s.editor.Spec()
	hint := fmt.Sprintf("Train (Ctrl+T) trains the design of the Design tab: %s, %s of batch %d, %s, %s.",
		design.Describe(sp), plural(sp.Train.Epochs, "epoch"), sp.Train.BatchSize, sp.Loss, sp.Optimizer.Name)
	if w := p.s.editor.Warning(); w != "" {
		p.setHint(hint+" ⚠ "+w, widget.WarningImportance)
		return
	}
	p.setHint(hint, widget.LowImportance)
}

// setHint shows the hint under the buttons: faint while it only informs,
// in the warning or danger colour when it blocks or questions an action.
func (p *trainPanel) setHint(text string, imp widget.Importance) {
	if p.hint.Text == text && p.hint.Importance == imp {
		return
	}
	p.hint.Importance = imp
	p.hint.SetText(text)
	p.hint.Refresh()
}

// Start trains the editor's design as a new run, if it is valid: at once
// when no other run trains, else once the runs before it in the queue
// have ended.
func (p *trainPanel) Start() {
	if !p.s.editor.Valid() {
		return
	}
	p.add(p.s.editor.Spec())
}

// add adds a run of spec to the runs (which selects and shows it) and
// trains it now, or queues it while another run trains.
func (p *trainPanel) add(spec network.Spec) *Run {
	r := p.s.runs.AddOn(spec, p.s.data.name()) // selects it, which shows it
	r.FitSeed, r.TrainLimit = p.s.cfg.Seed, p.s.cfg.TrainLimit
	if p.job != nil || p.queue.Len() > 0 {
		p.enqueue(r)
	} else {
		p.begin(r)
	}
	p.s.runs.Changed(r)
	return r
}

// begin starts training the new run r on its own goroutine.
func (p *trainPanel) begin(r *Run) {
	unfocus(p.content) // Escape must reach the window's key handler
	ctx, cancel := context.WithCancel(context.Background())
	job := &trainJob{run: r, cancel: cancel, done: make(chan struct{})}
	p.job = job
	r.Status = RunQueued
	post := newBridge(p.s.cfg.Do, p.apply)
	go p.train(ctx, job, r.Spec.Clone(), post, nil)
	p.updateButtons()
	p.s.runs.Changed(r)
}

// resumeFrom is what Continue hands the training goroutine: a private copy
// of a run's model with its optimizer state, and the run's curves so far.
type resumeFrom struct {
	model   *network.Model
	history []network.Epoch
	batches []BatchPoint
}

// CanContinue reports whether the shown run can train further: it has a
// model, is not training, and no other run trains.
func (p *trainPanel) CanContinue() bool {
	r := p.shown
	return p.job == nil && r != nil && !r.Status.Active() && r.model != nil
}

// Continue trains the shown run for as many more epochs as its spec says,
// going on from its weights, optimizer state and batch order.
func (p *trainPanel) Continue() {
	if !p.CanContinue() {
		return
	}
	r := p.shown
	if data := p.s.data.name(); r.Dataset != "" && r.Dataset != data {
		r.Err = fmt.Errorf("%s trained on %s, but the training data is now %s: switch back to %s to continue it", r.Name, r.Dataset, data, r.Dataset)
		p.show(r)
		return
	}
	r.Lock()
	m, err := r.model.CloneForTraining()
	r.Unlock()
	if err != nil {
		r.Err = fmt.Errorf("continue %s: %w", r.Name, err)
		p.show(r)
		return
	}
	res := &resumeFrom{model: m, history: r.History, batches: r.Batches}
	unfocus(p.content) // Escape must reach the window's key handler
	ctx, cancel := context.WithCancel(context.Background())
	job := &trainJob{run: r, cancel: cancel, done: make(chan struct{})}
	p.job = job
	r.Status, r.Err = RunQueued, nil
	post := newBridge(p.s.cfg.Do, p.apply)
	go p.train(ctx, job, r.Spec, post, res)
	p.updateButtons()
	p.s.runs.Changed(r)
}

// TogglePause pauses or resumes the run in training.
func (p *trainPanel) TogglePause() {
	j := p.job
	if j == nil {
		return
	}
	if j.gate.Paused() {
		j.gate.Resume()
		j.run.Status = RunTraining
	} else {
		j.gate.Pause()
		j.run.Status = RunPaused
	}
	p.updateButtons()
	p.s.runs.Changed(j.run)
}

// Stop stops the run in training between two batches.
func (p *trainPanel) Stop() {
	if p.job != nil {
		p.job.cancel()
		p.status.SetText("stopping…")
	}
}

// apply shows a snapshot from the training goroutine; it runs on the UI
// goroutine.
func (p *trainPanel) apply(sn snapshot) {
	r := sn.run
	r.Progress, r.History, r.Batches = sn.progress, sn.history, sn.batches
	if sn.recon != nil {
		r.recon = sn.recon
	}
	if sn.final {
		r.model, r.Status, r.Err = sn.model, sn.status, sn.err
		r.updateSecondsPerEpoch()
		if p.job != nil && p.job.run == r {
			p.job = nil
			p.startNext()
		}
		p.updateButtons()
	} else if r.Status == RunQueued && !sn.loading {
		r.Status = RunTraining
	}
	if r == p.shown && (sn.final || sn.plotN != p.plotN) {
		p.plotN = sn.plotN
		p.plotRun(r)
	}
	p.s.runs.Changed(r)
}

// show displays run r (nil: none). The loss curves of a run in training
// are drawn again when apply says so, those of an idle run when they
// changed.
func (p *trainPanel) show(r *Run) {
	p.shown = r
	p.showLatent(r)
	if k := p.plotKey(r); k.run != p.plotOf.run || (r != nil && !r.Status.Active() && k != p.plotOf) {
		p.plotRun(r)
	}
	if r == nil {
		p.title.SetText("No run yet")
		p.status.SetText("Press Train to train the design of the Design tab.")
		p.bar.SetValue(0)
		p.errText.Hide()
		p.updateButtons()
		return
	}
	p.title.SetText(r.Name)
	st := r.Status.String()
	switch r.Status {
	case RunQueued:
		st = "loading MNIST…"
	case RunWaiting:
		st = queuedText(r) + ": starts when the runs before it end"
	}
	if r.SecondsPerEpoch > 0 {
		st += " · " + perEpoch(r.SecondsPerEpoch)
	}
	if n := len(r.History); n > 0 {
		e := r.History[n-1]
		st += fmt.Sprintf(" · epoch %d: train %.4g, validation %.4g (MSE %.4g)", e.Epoch, e.TrainLoss, e.ValLoss, e.ValMSE)
	}
	p.status.SetText(st)
	if r.Err != nil && !errors.Is(r.Err, context.Canceled) {
		p.errText.SetText(r.Err.Error())
		p.errText.Show()
	} else {
		p.errText.Hide()
	}
	p.bar.SetValue(progressFraction(r))
	recon := r.recon
	if recon == nil {
		recon = blankImage(1, 1)
		if r.model != nil && !r.Status.Active() && !r.reconPending {
			r.reconPending = true
			// Later, once whoever added the run (OpenRunFile) has set
			// its Dataset.
			p.s.cfg.Do(func() { p.reconstruct(r) })
		}
	}
	if p.recon.Image != recon {
		setImage(p.recon, recon)
	}
	if c := reconCaption(r.Denoising()); p.reconCard.Subtitle != c {
		p.reconCard.SetSubTitle(c)
	}
	p.updateButtons()
}

// reconstruct renders the reconstructions of run r, which has a model but
// no pictures of it (a run opened from a file), off the UI goroutine, from
// the first validation digits of the data it trained on. It runs on the UI
// goroutine with r.reconPending set, and clears it when done.
func (p *trainPanel) reconstruct(r *Run) {
	if r.model == nil || r.Status.Active() {
		r.reconPending = false
		return
	}
	m, spec, dataName, limit := r.model, r.Spec, r.Dataset, p.s.cfg.ValLimit
	mnist, src := p.s.testSets, &p.s.data
	go func() {
		var img image.Image
		defer func() { p.rerecon.PostFinal(plotResult{run: r, img: img}) }()
		var val *dataset.Set
		var err error
		switch {
		case dataName == src.name():
			_, val, err = src.sets(mnist)
		case dataName == "" || dataName == "MNIST":
			_, val, err = mnist()
		default:
			return // trained on a folder that is not loaded
		}
		if err != nil || val.Len() == 0 || val.Size() != spec.Input.Size() {
			return
		}
		if limit > 0 {
			val = val.Subset(limit)
		}
		val = val.Subset(min(previewDigits, val.Len()))
		k, size := val.Len(), val.Size()
		_, data := network.TrainingData(spec, val, val)
		x := data.X[:k*size]
		r.Lock()
		out := append([]float32(nil), m.Predict(x, k)...)
		m.ReleaseBuffers() // the run is idle: it keeps its weights only
		r.Unlock()
		img = reconGrid(val.Pixels[:k*size], x, out, k, size, spec.Train.Noise > 0)
	}()
}

// plotKey returns what a plot of run r's curves is drawn from.
func (p *trainPanel) plotKey(r *Run) trainPlot {
	if r == nil {
		return trainPlot{logY: p.logY.Checked}
	}
	return trainPlot{run: r, name: r.Name, epochs: r.Progress.Epochs, done: len(r.History), batches: len(r.Batches), logY: p.logY.Checked}
}

// plotRun shows run r's loss curves (nil: none); the plot view draws them
// off the UI goroutine. Another run or scale shows all the data again.
func (p *trainPanel) plotRun(r *Run) {
	k := p.plotKey(r)
	if k.run != p.plotOf.run || k.logY != p.plotOf.logY {
		p.plot.ResetZoom()
	}
	p.plotOf = k
	if r == nil {
		p.plot.SetFigure(nil)
		return
	}
	p.plot.SetFigure(lossFigure(r.Name, r.History, r.Batches, r.Progress.Epochs, k.logY))
}

// train runs on its own goroutine: it runs the training job (the one the
// command line runs too) and posts snapshots of the run to the UI.
func (p *trainPanel) train(ctx context.Context, job *trainJob, spec network.Spec, post *bridge[snapshot], res *resumeFrom) {
	defer close(job.done)
	defer job.cancel()
	r := job.run
	live := &liveRun{run: r, post: post, latent: p.s.latent.follow(r)}
	j := training.Job{
		Spec: spec, Seed: p.s.cfg.Seed, TrainLimit: p.s.cfg.TrainLimit, ValLimit: p.s.cfg.ValLimit,
		Data:        func() (*dataset.Set, *dataset.Set, error) { return p.s.data.sets(p.s.cfg.Data) },
		DatasetName: r.Dataset,
		Start:       live.start,
		Progress:    live.progress,
		Wait:        job.gate.Wait, ProgressEvery: p.s.cfg.ProgressEvery,
	}
	var keep *network.Model // the model a failed start leaves the run
	if res != nil {
		live.prev, live.batches, keep = res.history, slices.Clone(res.batches), res.model
		j.Resume = &network.Run{Model: res.model, History: res.history, OptimizerRestored: true,
			Meta: network.Meta{Name: r.Name, Dataset: r.Dataset, FitSeed: r.FitSeed, TrainLimit: r.TrainLimit}}
	}
	post.Post(snapshot{run: r, loading: true, history: live.prev, batches: slices.Clone(live.batches)})
	out, err := training.Run(ctx, j)
	live.latent.stop()
	if out == nil {
		post.PostFinal(snapshot{run: r, history: live.prev, batches: live.batches, final: true, status: RunFailed,
			err: fmt.Errorf("%s: %w", r.Name, err), model: keep})
		return
	}
	status := RunDone
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled):
		status, err = RunStopped, nil // Fit went back to the last finished epoch
	default:
		// ErrDiverged, ErrNoLearning…: Fit's message says which weights
		// the run keeps and which learning rate to try.
		status = RunFailed
	}
	live.previewNow()
	out.Model.ReleaseBuffers() // the run is idle from now on: it keeps its weights only
	post.PostFinal(snapshot{
		run: r, progress: live.last, history: out.History, batches: live.batches, recon: live.recon,
		final: true, status: status, err: err, model: out.Model, elapsed: out.Elapsed,
	})
	// The training set and the batch buffers are garbage now: give their
	// memory back to the system at once rather than over the next minutes.
	debug.FreeOSMemory()
}

// liveRun follows a run as it trains, on the training goroutine: it keeps
// the curves, renders the reconstructions of a few validation digits now
// and then, says when the loss plot is due, and posts them to the UI.
type liveRun struct {
	run     *Run
	post    *bridge[snapshot]
	prev    []network.Epoch // the history before this training
	history []network.Epoch
	batches []BatchPoint
	last    network.Progress

	model, preview *network.Model
	latent         *liveLatent // draws the codes for the latent tab
	x8, y8         []float32   // the preview digits: inputs and clean targets
	k, size        int
	noisy          bool

	recon              image.Image
	plotN              int // counts the times the loss plot was due
	lastPlot, lastPrev time.Time
}

// start takes the model and the preview digits; it is training.Job.Start.
func (l *liveRun) start(m *network.Model, _, val network.Data) {
	l.model, l.preview, l.history = m, m.Clone(), l.prev
	l.size = m.InputShape().Size()
	l.k = min(previewDigits, val.N)
	l.x8 = val.X[:l.k*l.size]
	l.y8 = val.X[:l.k*l.size]
	if val.Y != nil {
		l.y8 = val.Y[:l.k*l.size]
	}
	l.noisy = val.Y != nil
	l.previewNow()
	l.latent.start(m)
}

// previewNow renders the preview digits' reconstructions by the model now.
func (l *liveRun) previewNow() {
	if l.model == nil {
		return
	}
	l.preview.CopyWeightsFrom(l.model)
	out := l.preview.Predict(l.x8, l.k)
	l.recon = reconGrid(l.y8, l.x8, out, l.k, l.size, l.noisy)
}

// progress records a report of Fit and posts a snapshot; it is
// training.Job.Progress.
func (l *liveRun) progress(pr network.Progress) {
	l.last = pr
	l.latent.tick(l.model, pr)
	if pr.EpochDone {
		l.history = append(slices.Clip(l.prev), pr.History...)
	} else {
		l.batches = append(l.batches, BatchPoint{X: float64(pr.Epoch-1) + float64(pr.Batch)/float64(pr.Batches), Loss: pr.Loss})
	}
	now := time.Now()
	if pr.EpochDone || now.Sub(l.lastPrev) >= previewEvery {
		l.lastPrev = now
		l.previewNow()
	}
	if pr.EpochDone || now.Sub(l.lastPlot) >= plotEvery {
		l.lastPlot = now
		l.plotN++
	}
	l.post.Post(snapshot{run: l.run, progress: pr, history: l.history, batches: slices.Clone(l.batches), plotN: l.plotN, recon: l.recon})
}

// pauseGate blocks the training goroutine between batches while paused.
type pauseGate struct {
	mu     sync.Mutex
	paused bool
	resume chan struct{}
}

// Paused reports whether the gate is closed.
func (g *pauseGate) Paused() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.paused
}

// Pause makes the next Wait block until Resume.
func (g *pauseGate) Pause() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if !g.paused {
		g.paused, g.resume = true, make(chan struct{})
	}
}

// Resume releases a blocked Wait.
func (g *pauseGate) Resume() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.paused {
		g.paused = false
		close(g.resume)
	}
}

// Wait blocks while the gate is paused; it returns ctx's error when ctx
// ends first. It is network.FitConfig.Wait.
func (g *pauseGate) Wait(ctx context.Context) error {
	g.mu.Lock()
	paused, ch := g.paused, g.resume
	g.mu.Unlock()
	if !paused {
		return nil
	}
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// lossFigure returns the figure of run name's loss curves: the training
// loss per epoch (dashed, orange) and its running mean within epochs
// (faint), and the validation loss per epoch (solid, sky blue), over an
// epoch axis from 0 to epochs (or further if the curves go further).
func lossFigure(name string, hist []network.Epoch, batches []BatchPoint, epochs int, logY bool) *render.Loss {
	train, val := render.OkabeIto[0], render.OkabeIto[1]
	var series []render.Series
	if len(hist) > 0 {
		series = render.HistorySeries(name, hist, nil)
		series[0].Name, series[0].Color = "train (epoch mean)", train
		series[1].Name, series[1].Color = "validation", val
	}
	if len(batches) > 0 {
		s := render.Series{Name: "train (running mean)", Run: name, Line: "train (running mean)", Color: train, Look: render.Faint}
		for _, b := range batches {
			s.X = append(s.X, b.X)
			s.Y = append(s.Y, b.Loss)
		}
		series = append(series, s)
	}
	return &render.Loss{Title: name + " — loss", Series: series, LogY: logY, XSpan: [2]float64{0, float64(epochs)}}
}

// reconCaption names the rows of reconGrid's picture.
func reconCaption(noisy bool) string {
	if noisy {
		return "Reconstructions of 8 validation digits (top: target, middle: noisy input, bottom: output)"
	}
	return "Reconstructions of 8 validation digits (top: target, bottom: output)"
}

// reconGrid draws k targets over k reconstructions (with the noisy inputs
// between them for a denoising model) as one grey image.
func reconGrid(targets, inputs, outputs []float32, k, size int, noisy bool) image.Image {
	side := sideOf(size)
	row := func(pix []float32) []render.Tile { return render.Tiles(pix, k, side, size/side) }
	rows := [][]render.Tile{row(targets)}
	if noisy {
		rows = append(rows, row(inputs))
	}
	rows = append(rows, row(outputs))
	return render.Grid(rows, 2, 2)
}

// sideOf returns the width of a square image of size pixels (28 for 784),
// or size itself when it is not square.
func sideOf(size int) int {
	for s := 1; s*s <= size; s++ {
		if s*s == size {
			return s
		}
	}
	return size
}

// progressFraction returns how much of a run's training is done.
func progressFraction(r *Run) float64 {
	if r == nil {
		return 0
	}
	if r.Status == RunDone {
		return 1
	}
	pr := r.Progress
	if pr.Epochs == 0 || pr.Batches == 0 {
		return 0
	}
	return (float64(pr.Epoch-1) + float64(pr.Batch)/float64(pr.Batches)) / float64(pr.Epochs)
}

// progressText describes a run's progress for the progress bar.
func progressText(r *Run) string {
	if r == nil {
		return "no run"
	}
	pr := r.Progress
	if pr.Epochs == 0 {
		if r.Status.Active() {
			return "starting…"
		}
		return r.Status.String()
	}
	s := fmt.Sprintf("epoch %d/%d", pr.Epoch, pr.Epochs)
	if pr.Batches > 0 { // a run opened from a file has no batch to tell of
		s += fmt.Sprintf(" · batch %d/%d", pr.Batch, pr.Batches)
	}
	if pr.SamplesPerSec > 0 {
		s += fmt.Sprintf(" · %s samples/s", thousands(int(pr.SamplesPerSec)))
	}
	if r.Status.Active() {
		s += " · ETA " + shortDuration(pr.ETA)
	} else {
		s += " · " + r.Status.String()
	}
	return s
}

// shortDuration formats d as m:ss or h:mm:ss.
func shortDuration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, s)
	}
	return fmt.Sprintf("%d:%02d", m, s)
}

// blankImage returns a transparent image of w×h pixels.
func blankImage(w, h int) image.Image { return image.NewRGBA(image.Rect(0, 0, w, h)) }

// nonEmpty returns s, or def when s is empty.
func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
