package ui

import (
	"fmt"
	"sync/atomic"
	"time"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

// The live latent space: while a run trains, the codes of a fixed subset
// of the test digits are drawn at every epoch's end and, within an epoch,
// again every liveEvery at least. A frame's cost (encoding and the plane)
// is measured, and the frames within an epoch are spaced so that they take
// at most liveBudget of the time, leaving as much again for drawing the
// scatter; none is drawn when the epoch's end, whose frame is drawn
// anyway, is nearer than the spacing. Training thus keeps within a few
// percent of its speed without them.
const (
	liveSubset = 2000
	liveEvery  = 2 * time.Second
	liveBudget = 0.02
	liveQueue  = 64 // frames waiting for the worker; more are dropped
)

// latentFrame is one drawing of a training run's codes of the subset.
type latentFrame struct {
	runID  int
	epoch  float64 // epochs trained when the weights were copied
	end    bool    // copied at the end of an epoch
	n, dim int
	xy     []float64
	fig    *render.Scatter
	plane  string // what the plane is
	err    error
	cost   time.Duration
	every  time.Duration // the spacing of the frames when it was drawn
}

// latentTrace is what the latent tab keeps of a run's training: a frame
// per finished epoch, for the replay, and the newest frame.
type latentTrace struct {
	frames []latentFrame
	live   *latentFrame
}

// liveJob is a copy of the weights for the worker to draw.
type liveJob struct {
	model *network.Model
	epoch float64
	end   bool
	spare bool // the model is the reusable copy: give it back when done
}

// liveLatent follows a training run for the latent tab. start, tick and
// stop run on the training goroutine; a worker goroutine of its own draws
// the frames and posts them.
type liveLatent struct {
	runID int
	name  string
	data  func() (*dataset.Set, *dataset.Set, error)
	limit int // test digits at most, when positive
	// dataset names the run's images, for the legend's class names.
	dataset string
	post    func(f latentFrame)

	spare      chan *network.Model // the reusable copy, when the worker is idle
	jobs       chan liveJob
	last       time.Time
	epochStart time.Time    // when the epoch in training began
	cost       atomic.Int64 // the last frame's cost, in nanoseconds
}

// follow returns the follower of run r's training, which the training
// goroutine drives; nil when the studio shows no latent tab. It runs on any
// goroutine: it reads nothing that changes.
func (p *latentPanel) follow(r *Run) *liveLatent {
	if p == nil {
		return nil
	}
	return &liveLatent{
		runID: r.ID, name: r.Name, data: p.s.testSets, limit: p.s.cfg.ValLimit, dataset: r.Dataset,
		post: func(f latentFrame) { p.s.cfg.Do(func() { p.addFrame(f) }) },
	}
}

// interval returns the time to wait between frames: liveEvery, or more
// when a frame costs more than liveBudget of it.
func (l *liveLatent) interval() time.Duration {
	return max(liveEvery, time.Duration(float64(l.cost.Load())/liveBudget))
}

// start takes the model about to train and starts the worker.
func (l *liveLatent) start(m *network.Model) {
	if l == nil {
		return
	}
	l.spare = make(chan *network.Model, 1)
	l.spare <- m.Clone()
	l.jobs = make(chan liveJob, liveQueue)
	l.last, l.epochStart = time.Now(), time.Now()
	go l.work(l.jobs)
	l.send(m, 0, true) // the untrained codes: the frame of epoch 0
}

// tick draws the model when a frame is due: at the end of every epoch, and
// every interval() within one.
func (l *liveLatent) tick(m *network.Model, pr network.Progress) {
	if l == nil || l.jobs == nil {
		return
	}
	if !pr.EpochDone {
		every := l.interval()
		if time.Since(l.last) < every || pr.Batch <= 0 {
			return
		}
		// The time left in the epoch, at the pace so far.
		left := time.Duration(float64(time.Since(l.epochStart)) * float64(pr.Batches-pr.Batch) / float64(pr.Batch))
		if left < every {
			return
		}
	}
	epoch := float64(pr.Epoch-1) + float64(pr.Batch)/float64(max(pr.Batches, 1))
	if pr.EpochDone {
		epoch = float64(pr.Epoch)
	}
	l.send(m, epoch, pr.EpochDone)
	if pr.EpochDone {
		l.epochStart = time.Now()
	}
}

// send copies m's weights for the worker: into the spare copy when the
// worker is idle, else (at an epoch's end, which must not be missed) into
// a new one.
func (l *liveLatent) send(m *network.Model, epoch float64, end bool) {
	job := liveJob{epoch: epoch, end: end}
	select {
	case c := <-l.spare:
		c.CopyWeightsFrom(m)
		job.model, job.spare = c, true
	default:
		if !end {
			return // the worker is still drawing the last frame
		}
		job.model = m.Clone()
	}
	l.last = time.Now()
	select {
	case l.jobs <- job:
	default:
		if job.spare {
			l.spare <- job.model
		}
	}
}

// stop ends the worker once it has drawn what was sent.
func (l *liveLatent) stop() {
	if l == nil || l.jobs == nil {
		return
	}
	close(l.jobs)
	l.jobs = nil
}

// work draws the frames the training goroutine sends on jobs, until stop
// closes it.
func (l *liveLatent) work(jobs <-chan liveJob) {
	_, test, err := l.data()
	var pix []float32
	var labels []int
	if err == nil {
		n := min(liveSubset, test.Len())
		if l.limit > 0 {
			n = min(n, l.limit)
		}
		sub := test.Subset(n)
		pix = sub.Pixels
		labels = make([]int, sub.Len())
		for i := range labels {
			labels[i] = sub.Label(i)
		}
	}
	for job := range jobs {
		start := time.Now()
		f := latentFrame{runID: l.runID, epoch: job.epoch, end: job.end, every: l.interval()}
		if err != nil {
			f.err = fmt.Errorf("load the test images: %w", err)
		} else if job.model.InputShape().Size() != test.Size() {
			f.err = fmt.Errorf("%s takes %d inputs, not %d", l.name, job.model.InputShape().Size(), test.Size())
		} else {
			l.draw(&f, job.model, pix, labels)
		}
		f.cost = time.Since(start)
		l.cost.Store(int64(f.cost))
		if job.spare {
			l.spare <- job.model
		}
		l.post(f)
	}
}

// draw encodes the subset with m and renders its scatter into f.
func (l *liveLatent) draw(f *latentFrame, m *network.Model, pix []float32, labels []int) {
	n := len(labels)
	codes := m.EncodeAll(pix, n)
	plane, err := network.NewLatentPlane(codes, n, m.CodeShape().Size(), m.Variational())
	if err != nil {
		f.err = fmt.Errorf("the latent plane of the codes: %w", err)
		return
	}
	f.n, f.dim = n, plane.Dim
	f.xy = plane.Project(codes, n)
	xl, yl := planeAxes(plane)
	f.plane = "the code itself"
	if plane.PCA != nil {
		f.plane = "its first two principal components"
	}
	f.fig, f.err = render.ScatterPlot(fmt.Sprintf("%s after %s: codes of %d test images", l.name, epochsText(f.epoch), n), xl, yl, f.xy, labels)
	if f.err == nil && l.dataset != dataset.MNISTName {
		f.fig.Names = dataset.ClassNames(l.dataset)
	}
}

// epochText formats a number of epochs: "3", or "2.4" within an epoch.
func epochText(e float64) string {
	if e == float64(int(e)) {
		return fmt.Sprint(int(e))
	}
	return fmt.Sprintf("%.1f", e)
}

// epochsText is epochText with its noun: "1 epoch", "2.4 epochs".
func epochsText(e float64) string {
	if e == 1 {
		return "1 epoch"
	}
	return epochText(e) + " epochs"
}

// addFrame takes a frame of a training run; it runs on the UI goroutine.
// An epoch's frame joins the run's replay; the newest is shown while the
// run trains, on this tab and (through onFrame) on the Train tab.
func (p *latentPanel) addFrame(f latentFrame) {
	r := p.s.runs.ByID(f.runID)
	if r == nil {
		return
	}
	tr := p.traces[f.runID]
	if tr == nil {
		tr = &latentTrace{}
		p.traces[f.runID] = tr
		defer p.runsChanged(nil) // list the training run
	}
	if f.err == nil && f.end {
		if k := len(tr.frames); k > 0 && tr.frames[k-1].epoch >= f.epoch {
			tr.frames = tr.frames[:k-1] // a continued run's epoch 0 repeats its last
		}
		tr.frames = append(tr.frames, f)
	}
	if f.err == nil {
		tr.live = &f
	}
	if p.onFrame != nil && f.err == nil {
		p.onFrame(f.runID, f)
	}
	if tp := p.s.train; tp != nil && tp.shown == r {
		tp.showLatent(r)
	}
	if f.runID == p.chooser.id && p.shown && (r.Status.Active() || r.Model() == nil) {
		p.showTraceFrame(r, f)
	}
	if f.runID == p.chooser.id {
		p.updateReplay()
	}
}

// showTraceFrame shows the newest frame of a training run.
func (p *latentPanel) showTraceFrame(r *Run, f latentFrame) {
	if p.res != nil {
		go releaseBuffers(p.res.run, p.res.model)
		p.res = nil
	}
	p.bar.Hide()
	if f.err != nil {
		p.status.SetText(f.err.Error())
		return
	}
	p.view.SetMarks(nil)
	p.view.SetFigure(f.fig)
	p.status.SetText(fmt.Sprintf("%s is training: the codes of %d test images on %s after %s, drawn at each epoch's end and within an epoch every %s at most (%s per drawing). Once trained, all the test images are shown and a slider replays the epochs.",
		r.Name, f.n, f.plane, epochsText(f.epoch), f.every.Round(100*time.Millisecond), f.cost.Round(time.Millisecond)))
}

// updateReplay shows the replay slider for a trained run with epoch
// frames: one stop per epoch, then the trained model's scatter of all the
// test digits.
func (p *latentPanel) updateReplay() {
	if p.replay == nil {
		return
	}
	r := p.s.runs.ByID(p.chooser.id)
	tr := p.traces[p.chooser.id]
	if r == nil || tr == nil || len(tr.frames) == 0 || r.Status.Active() || r.Model() == nil {
		p.replayBox.Hide()
		return
	}
	last := float64(len(tr.frames) + 1)
	p.replay.Min, p.replay.Max = 1, last
	if p.frame < 0 || p.frame >= len(tr.frames) {
		p.frame = -1
		p.replay.Value = last
	} else {
		p.replay.Value = float64(p.frame + 1)
	}
	p.replay.Refresh()
	p.replayLabel.SetText(p.replayText())
	p.replayBox.Show()
}

// replayText names the replay's position.
func (p *latentPanel) replayText() string {
	tr := p.traces[p.chooser.id]
	if p.frame < 0 || tr == nil || p.frame >= len(tr.frames) {
		return "trained, all test digits"
	}
	return fmt.Sprintf("epoch %s of %d, %d digits", epochText(tr.frames[p.frame].epoch), len(tr.frames)-1, tr.frames[p.frame].n)
}

// showFrame shows stop k of the replay (from 1): an epoch's frame, or past
// the last, the trained model's scatter.
func (p *latentPanel) showFrame(k int) {
	tr := p.traces[p.chooser.id]
	if tr == nil {
		return
	}
	if k < 1 || k > len(tr.frames) {
		p.frame = -1
		if p.res != nil {
			p.view.SetFigure(p.res.fig)
			p.showPicks()
		}
	} else {
		p.frame = k - 1
		p.view.SetMarks(nil)
		p.view.SetFigure(tr.frames[k-1].fig)
	}
	p.replayLabel.SetText(p.replayText())
}

// The Train tab's view of the codes as the run trains.
const miniLatentWidth, miniLatentHeight = 280, 140

// showLatent shows on the Train tab the newest frame of run r's codes, or
// nothing when it has none. While the tab is hidden it leaves the panel as
// it is, so that no drawing costs the training time: the tab calls it again
// when it is shown.
func (p *trainPanel) showLatent(r *Run) {
	if p.latentView == nil || p.s.latent == nil || !p.visible {
		return
	}
	var fig render.Figure
	if r != nil {
		if tr := p.s.latent.traces[r.ID]; tr != nil && tr.live != nil {
			fig = tr.live.fig
		}
	}
	if p.latentView.Figure() != fig {
		p.latentView.SetFigure(fig)
	}
}
