package ui

import (
	"image"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

// eventLoop stands in for Fyne's main loop: fyne.Do on the test driver runs
// functions on the calling goroutine, so the studio is given loop.do and the
// test runs the queued functions on its own goroutine.
type eventLoop struct {
	mu sync.Mutex
	q  []func()
}

func (l *eventLoop) do(f func()) {
	l.mu.Lock()
	l.q = append(l.q, f)
	l.mu.Unlock()
}

// drain runs the queued functions, and those they queue.
func (l *eventLoop) drain() {
	for {
		l.mu.Lock()
		q := l.q
		l.q = nil
		l.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, f := range q {
			f()
		}
	}
}

// until runs the loop until cond holds, failing the test after timeout.
func (l *eventLoop) until(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		l.drain()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// newTestStudio returns a studio on a small MNIST subset, driven by loop.
func newTestStudio(t testing.TB, trainN, valN int) (*Studio, *eventLoop, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	loop := &eventLoop{}
	s := New(Config{TrainLimit: trainN, ValLimit: valN, ProgressEvery: time.Millisecond, Do: loop.do, Seed: 1})
	w := test.NewTempWindow(t, s.Content())
	w.Resize(fyne.NewSize(1200, 780))
	t.Cleanup(func() {
		if j := s.train.job; j != nil {
			j.cancel()
			<-j.done
		}
		loop.drain()
	})
	return s, loop, w
}

func TestTrainProducesProgressAndPlots(t *testing.T) {
	s, loop, _ := newTestStudio(t, 512, 128)
	s.Editor().epochs.SetText("2")
	var plots []render.Figure
	s.StartTraining()
	if s.train.job == nil || s.train.start.Disabled() || s.train.stop.Disabled() {
		t.Fatal("Start did not start a run, or Train cannot queue another")
	}
	r := s.Runs().Selected()
	loop.until(t, "the run to finish", 30*time.Second, func() bool {
		if f := s.train.plot.Figure(); len(plots) == 0 || plots[len(plots)-1] != f {
			plots = append(plots, f)
		}
		return !r.Status.Active()
	})
	if r.Status != RunDone || r.Err != nil {
		t.Fatalf("run ended %v: %v", r.Status, r.Err)
	}
	if len(r.History) != 2 || r.Model() == nil || r.SecondsPerEpoch <= 0 {
		t.Errorf("history %+v, model %v", r.History, r.Model())
	}
	// None, then at least the final curves (the UI may see only the newest
	// of the snapshots a fast run posts), which hold both epochs.
	if len(plots) < 2 {
		t.Errorf("the plot changed %d times", len(plots))
	}
	if f, ok := plots[len(plots)-1].(*render.Loss); !ok || !hasValidationPoints(f, 2) {
		t.Errorf("the last plot %+v does not show 2 epochs of validation loss", plots[len(plots)-1])
	}
	if s.train.recon.Image == nil || s.train.recon.Image.Bounds().Dx() < 8*28 {
		t.Error("no reconstructions shown")
	}
	if got := s.train.bar.Value; got != 1 {
		t.Errorf("progress bar at %v after the run", got)
	}
	if !strings.Contains(s.train.status.Text, "epoch 2") || s.train.start.Disabled() {
		t.Errorf("status %q, Train disabled %v", s.train.status.Text, s.train.start.Disabled())
	}
	// The run is in the gallery, ticked.
	loop.until(t, "the gallery", 10*time.Second, func() bool { return s.gallery.applied == s.gallery.gen })
	if ticked := s.gallery.pick.runs(s.runs.Trained()); len(ticked) != 1 || len(s.gallery.body.Objects) < 2 {
		t.Errorf("gallery: ticked %v, %d rows", ticked, len(s.gallery.body.Objects))
	}
	// The log-scale toggle draws the plot again, on a log scale.
	before := s.train.plot.Figure()
	s.train.logY.SetChecked(true)
	loop.until(t, "the log plot", 10*time.Second, func() bool {
		d, ok := s.train.plot.drawing()
		return s.train.plot.Figure() != before && ok && d.Axes.LogY
	})
}

func TestTrainStopMidEpoch(t *testing.T) {
	s, loop, _ := newTestStudio(t, 8192, 128)
	s.StartTraining()
	r, job := s.Runs().Selected(), s.train.job
	loop.until(t, "a batch", 30*time.Second, func() bool { return r.Progress.Batch >= 2 && !r.Progress.EpochDone })
	s.train.Stop()
	select {
	case <-job.done:
	case <-time.After(10 * time.Second):
		t.Fatal("training goroutine did not stop")
	}
	loop.until(t, "the stop to show", 5*time.Second, func() bool { return !r.Status.Active() })
	if r.Status != RunStopped || r.Err != nil || len(r.History) != 0 || r.Model() == nil {
		t.Errorf("stopped run: status %v, err %v, %d epochs, model %v", r.Status, r.Err, len(r.History), r.Model())
	}
	if s.train.job != nil || s.train.start.Disabled() || !s.train.stop.Disabled() {
		t.Error("buttons not reset after stop")
	}
	if s.train.errText.Visible() {
		t.Errorf("a stop shows an error: %q", s.train.errText.Text)
	}
}

func TestTrainPauseResume(t *testing.T) {
	s, loop, _ := newTestStudio(t, 8192, 128)
	s.StartTraining()
	r, job := s.Runs().Selected(), s.train.job
	loop.until(t, "a batch", 30*time.Second, func() bool { return r.Progress.Batch >= 1 })
	s.train.TogglePause()
	if r.Status != RunPaused || s.train.pause.Text != "Resume" {
		t.Fatalf("after Pause: status %v, button %q", r.Status, s.train.pause.Text)
	}
	// At most the batch in flight finishes; then nothing moves.
	time.Sleep(100 * time.Millisecond)
	loop.drain()
	held := r.Progress.Batch
	time.Sleep(200 * time.Millisecond)
	loop.drain()
	if r.Progress.Batch != held {
		t.Errorf("training went on while paused: batch %d → %d", held, r.Progress.Batch)
	}
	s.train.TogglePause()
	if r.Status != RunTraining || s.train.pause.Text != "Pause" {
		t.Fatalf("after Resume: status %v, button %q", r.Status, s.train.pause.Text)
	}
	loop.until(t, "training to go on", 30*time.Second, func() bool { return r.Progress.Batch > held || r.Progress.Epoch > 1 })
	// Stop while paused: the blocked Wait returns.
	s.train.TogglePause()
	s.train.Stop()
	select {
	case <-job.done:
	case <-time.After(10 * time.Second):
		t.Fatal("stop while paused did not end training")
	}
	loop.until(t, "the stop to show", 5*time.Second, func() bool { return r.Status == RunStopped })
}

func TestTrainDivergenceKeepsWeights(t *testing.T) {
	s, loop, _ := newTestStudio(t, 512, 128)
	e := s.Editor()
	e.optimizer.SetSelected("sgd")
	e.learningRate.SetText("1e30")
	e.layerEdit(1, func(l *network.LayerSpec) { l.Activation = string(network.Linear) })
	s.StartTraining()
	r := s.Runs().Selected()
	loop.until(t, "the run to end", 30*time.Second, func() bool { return !r.Status.Active() })
	if r.Status != RunFailed || !strings.Contains(s.train.errText.Text, "diverged") || !s.train.errText.Visible() {
		t.Fatalf("status %v, error shown %q", r.Status, s.train.errText.Text)
	}
	if r.Model() == nil {
		t.Error("a diverged run lost its model")
	}
}

// TestGalleryGolden lays the gallery of two untrained runs out and
// compares it with a golden image. The pixels the engine computes
// (reconstructions, codes, MSEs, sparsity figures) differ with the
// arithmetic (FMA or not, assembly or purego), so the golden shows fixed
// pictures and figures in their place: it checks the layout only.
func TestGalleryGolden(t *testing.T) {
	s, loop, w := newTestStudio(t, 512, 128)
	for i, name := range []string{"vanilla", "sparse"} {
		spec, err := network.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		m, err := network.Build(spec, uint64(i+1))
		if err != nil {
			t.Fatal(err)
		}
		r := s.Runs().Add(spec)
		r.model, r.Status = m, RunDone
		r.History = []network.Epoch{{Epoch: 1, ValMSE: 0.25}}
		s.Runs().Changed(r)
	}
	loop.until(t, "the gallery", 10*time.Second, func() bool {
		return s.gallery.applied == s.gallery.gen && len(s.gallery.body.Objects) > 2
	})
	ticked := s.gallery.pick.runs(s.runs.Trained())
	if got := ticked; len(got) != 2 {
		t.Fatalf("ticked runs %v", got)
	}
	s.gallery.count.SetSelected("6")
	loop.until(t, "6 digits", 10*time.Second, func() bool { return s.gallery.applied == s.gallery.gen })
	s.tabs.SelectIndex(tabGallery)
	w.Resize(fyne.NewSize(1000, 640))
	s.gallery.apply(withFixedPixels(s.gallery.last))
	test.AssertImageMatches(t, "gallery.png", w.Canvas().Capture())

	// New samples changes the digits; unticking a run removes its rows.
	first := append([]int(nil), s.gallery.indices...)
	s.gallery.fresh.OnTapped()
	if slicesEqual(first, s.gallery.indices) {
		t.Error("New samples kept the digits")
	}
	s.gallery.pick.check(ticked[1]).SetChecked(false)
	loop.until(t, "one run", 10*time.Second, func() bool { return s.gallery.applied == s.gallery.gen })
	if n := len(s.gallery.body.Objects); n != 1+3 {
		t.Errorf("one run shows %d objects, want originals and 3", n)
	}
}

func TestBridgeCoalesces(t *testing.T) {
	loop := &eventLoop{}
	var got []int
	b := newBridge(loop.do, func(v int) { got = append(got, v) })
	for i := range 100 {
		b.Post(i)
	}
	b.PostFinal(1000)
	loop.drain()
	if len(got) != 2 || got[0] != 99 || got[1] != 1000 {
		t.Errorf("applied %v, want [99 1000]", got)
	}
}

func TestRunsNotify(t *testing.T) {
	rs := NewRuns()
	var changes []*Run
	rs.OnChange(func(r *Run) { changes = append(changes, r) })
	a := rs.Add(network.Spec{Name: "a"})
	b := rs.Add(network.Spec{Name: "b"})
	rs.Select(a)
	rs.Select(a) // no change
	if len(changes) != 3 || changes[0] != a || changes[1] != b || changes[2] != nil {
		t.Errorf("changes %v", changes)
	}
	if a.Name != "a #1" || b.Name != "b #2" || rs.Selected() != a || rs.ByID(2) != b {
		t.Errorf("runs %q %q, selected %v", a.Name, b.Name, rs.Selected())
	}
	if len(rs.Trained()) != 0 {
		t.Error("untrained runs listed as trained")
	}
}

// withFixedPixels returns res with every picture and figure the engine
// computed replaced by a fixed one of the same size: reconstructions and
// codes by integer patterns, MSEs by 0.01·i and sparsity figures by fixed
// text. The originals, read from the data set, stay.
func withFixedPixels(res galleryResult) galleryResult {
	pattern := func(img image.Image, k int) image.Image {
		out := image.NewGray(img.Bounds())
		b := out.Bounds()
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				out.Pix[out.PixOffset(x, y)] = uint8((x/2*37 + y/2*11 + k*50) % 256)
			}
		}
		return out
	}
	fixed := func(imgs []image.Image, k int) []image.Image {
		out := make([]image.Image, len(imgs))
		for i, img := range imgs {
			out[i] = pattern(img, k+i)
		}
		return out
	}
	res.rows = slices.Clone(res.rows)
	for ri := range res.rows {
		row := &res.rows[ri]
		row.recon, row.codes = fixed(row.recon, ri), fixed(row.codes, ri+1)
		if row.noisy != nil {
			row.noisy = fixed(row.noisy, ri+2)
		}
		row.mse = make([]float64, len(row.recon))
		for i := range row.mse {
			row.mse[i] = float64(i) / 100
		}
		if row.sparsity != "" {
			row.sparsity = "sparse code over 512 test digits: mean activation 0.125, 50% zeros"
		}
	}
	return res
}

// hasValidationPoints reports whether figure f has a validation curve of n
// points.
func hasValidationPoints(f *render.Loss, n int) bool {
	for _, sr := range f.Series {
		if strings.Contains(sr.Name, "validation") && len(sr.Y) == n {
			return true
		}
	}
	return false
}
