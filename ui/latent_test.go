package ui

import (
	"image"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"autoencoder-studio/dataset"
	"autoencoder-studio/ui/render"
)

func TestLatentScatterPickAndInterpolate(t *testing.T) {
	s, loop, w := newTestStudio(t, 512, 300)
	addRun(t, s, "vanilla", 1, nil)
	p := s.latent
	if p.res != nil || p.gen != 0 {
		t.Fatal("the latent tab encoded while hidden")
	}
	s.tabs.SelectIndex(tabLatent)
	w.Resize(fyne.NewSize(1200, 800))
	loop.until(t, "the scatter", 20*time.Second, func() bool { return p.res != nil || strings.Contains(p.status.Text, ":") })
	res := p.res
	if res == nil {
		t.Fatalf("no scatter: %s", p.status.Text)
	}
	if res.n != 300 || len(res.xy) != 600 || len(res.labels) != 300 || res.fig == nil {
		t.Fatalf("scatter of %d digits, %d coordinates", res.n, len(res.xy))
	}
	if pca := res.plane.PCA; pca == nil || pca.Explained[0] <= 0 || pca.Explained[0] < pca.Explained[1] || pca.Explained[0]+pca.Explained[1] > 1 {
		t.Errorf("the plane of 64-value codes is not their PCA: %+v", res.plane)
	}
	if !strings.Contains(p.status.Text, "principal components (fitted on all 300") {
		t.Errorf("the status does not say what the plane is: %q", p.status.Text)
	}
	loop.until(t, "the interpolation", 10*time.Second, func() bool { return p.stripLen == interpSteps })
	loop.until(t, "the scatter drawn", 10*time.Second, func() bool { _, ok := p.view.drawing(); return ok })

	clickPicks(t, p)
	if p.which.Selected != "A" {
		t.Errorf("after picking B the next click sets %s", p.which.Selected)
	}
	if !strings.HasPrefix(p.infoA.Text, "A: test #") || p.entryB.Text == "" {
		t.Errorf("picks shown as %q, entry B %q", p.infoA.Text, p.entryB.Text)
	}
	// A click far from every point picks nothing.
	if got := pointAt(p, fyne.NewPos(1, 1)); got != -1 {
		t.Errorf("click in the corner found point %d", got)
	}
	// Typing an index sets B.
	p.entryB.SetText("123")
	p.entryB.OnSubmitted("123")
	if p.b != 123 {
		t.Errorf("entry set B to %d", p.b)
	}
	loop.until(t, "the interpolation", 10*time.Second, func() bool {
		return p.stripLen == interpSteps && p.strip.Image.Bounds().Dx() > interpSteps*28
	})
}

// clickPicks clicks next to point 7, which picks it as A, and next to point
// 42, which sets B; each pick interpolates again.
func clickPicks(t *testing.T, p *latentPanel) {
	t.Helper()
	for _, tc := range []struct {
		point  int
		offset fyne.Position
		which  string
	}{{7, fyne.NewPos(1, -1), "A"}, {42, fyne.NewPos(0, 2), "B"}} {
		pos := pointPosition(p, tc.point).Add(tc.offset)
		got := pointAt(p, pos)
		if d := pointPosition(p, got).Subtract(pos); got < 0 || d.X*d.X+d.Y*d.Y > 5 {
			t.Fatalf("click at %v found point %d", pos, got)
		}
		before := p.interpN
		test.TapAt(p.view, pos)
		pick := p.a
		if tc.which == "B" {
			pick = p.b
		}
		if pick != got {
			t.Errorf("clicking picked %s = %d, want %d", tc.which, pick, got)
		}
		if p.interpN == before {
			t.Error("picking did not interpolate")
		}
	}
}

// pointPosition returns where the scatter of p draws point i.
func pointPosition(p *latentPanel, i int) fyne.Position {
	if i < 0 {
		return fyne.Position{}
	}
	pos, _ := p.view.dataPosition(p.res.xy[2*i], p.res.xy[2*i+1])
	return pos
}

// pointAt returns the point a click at pos on the scatter of p picks, or -1.
func pointAt(p *latentPanel, pos fyne.Position) int {
	if h, ok := p.view.hitAt(pos, hoverRadius); ok {
		return h.Index
	}
	return -1
}

// moveMouse moves the mouse over the scatter of p to pos, as the desktop
// driver does.
func moveMouse(p *latentPanel, pos fyne.Position) {
	p.view.MouseMoved(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: pos}})
}

// TestLatentHoverDecodes moves the mouse over the plane of a 2-D
// variational code: the digit shown is the decoder's output for the point
// under the mouse, and moving changes it.
func TestLatentHoverDecodes(t *testing.T) {
	s, loop, w := newTestStudio(t, 512, 300)
	r := addRun(t, s, "vae", 1, nil)
	p := s.latent
	s.tabs.SelectIndex(tabLatent)
	w.Resize(fyne.NewSize(1200, 800))
	loop.until(t, "the scatter drawn", 20*time.Second, func() bool { _, ok := p.view.drawing(); return ok && p.res != nil })
	if p.res.plane.PCA != nil || !strings.Contains(p.status.Text, "the plane is the code itself") {
		t.Fatalf("a 2-D code's plane: PCA %v, status %q", p.res.plane.PCA, p.status.Text)
	}
	size := p.view.Size()
	var shown []image.Image
	for _, pos := range []fyne.Position{{X: size.Width * 0.3, Y: size.Height * 0.4}, {X: size.Width * 0.7, Y: size.Height * 0.6}} {
		before := p.hoverN
		moveMouse(p, pos)
		if p.hoverN != before+1 {
			t.Fatalf("moving to %v asked for no decode", pos)
		}
		loop.until(t, "the hovered digit", 10*time.Second, func() bool { return p.hoverDone == p.hoverN && !p.hoverBusy })
		x, y, ok := p.view.dataAt(pos)
		if !ok || p.hoverAt != [2]float64{x, y} {
			t.Fatalf("decoded %v, the mouse is at (%v, %v)", p.hoverAt, x, y)
		}
		r.Lock()
		want := grayDigit(r.Model().Decode([]float32{float32(x), float32(y)}, 1))
		r.Unlock()
		if got := p.hoverImg.Image; !sameImage(got, want) {
			t.Errorf("the digit at (%.2f, %.2f) is not the decoder's output for it", x, y)
		}
		shown = append(shown, p.hoverImg.Image)
	}
	if sameImage(shown[0], shown[1]) {
		t.Error("moving the mouse did not change the decoded digit")
	}
	// Outside the data area nothing is decoded.
	before := p.hoverN
	moveMouse(p, fyne.NewPos(1, 1))
	if p.hoverN != before {
		t.Error("a move outside the axes asked for a decode")
	}
}

// sameImage reports whether two images have the same bounds and pixels.
func sameImage(a, b image.Image) bool {
	if a == nil || b == nil || a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// TestLatentManifoldAndSamples opens the manifold and, for a variational
// model, the samples from the prior.
func TestLatentManifoldAndSamples(t *testing.T) {
	s, loop, _ := newTestStudio(t, 512, 300)
	addRun(t, s, "vae", 1, nil)
	p := s.latent
	s.tabs.SelectIndex(tabLatent)
	loop.until(t, "the codes", 20*time.Second, func() bool { return p.res != nil })
	if !slices.Contains(p.mode.Options, viewSamples) {
		t.Fatalf("a VAE's views are %v", p.mode.Options)
	}
	p.mode.SetSelected(viewManifold)
	loop.until(t, "the manifold", 10*time.Second, func() bool { return p.gridN == manifoldDefault })
	if b := p.manifoldImg.Image.Bounds(); b.Dx() != 28*manifoldDefault || b.Dy() != 28*manifoldDefault {
		t.Errorf("the %d×%d manifold is %v", manifoldDefault, manifoldDefault, b)
	}
	p.gridSlider.SetValue(5)
	p.gridSlider.OnChangeEnded(5)
	loop.until(t, "the 5×5 manifold", 10*time.Second, func() bool { return p.gridN == 5 })
	if p.gridLabel.Text != "5 × 5" || len(p.manifoldPNG) == 0 {
		t.Errorf("grid label %q, %d PNG bytes", p.gridLabel.Text, len(p.manifoldPNG))
	}
	p.mode.SetSelected(viewSamples)
	loop.until(t, "the samples", 10*time.Second, func() bool { return p.samplesN == samplesSide*samplesSide })
	first := p.sampleImg.Image
	test.Tap(p.sampleBtn)
	loop.until(t, "new samples", 10*time.Second, func() bool { return p.sampleImg.Image != first })
	if sameImage(first, p.sampleImg.Image) {
		t.Error("Sample again drew the same digits")
	}

	addRun(t, s, "vanilla", 1, nil)
	p.runSel.SetSelectedIndex(1)
	loop.until(t, "the vanilla codes", 20*time.Second, func() bool { return p.res != nil && p.res.run.Spec.Name == "vanilla" })
	if slices.Contains(p.mode.Options, viewSamples) || p.mode.Selected == viewSamples {
		t.Errorf("a plain autoencoder offers %v with %q chosen", p.mode.Options, p.mode.Selected)
	}
}

// TestLatentLiveAndReplay trains a run with the latent tab open: its
// scatter is drawn as it trains, an epoch's frame at each epoch's end, and
// the replay slider steps through them once it is trained.
func TestLatentLiveAndReplay(t *testing.T) {
	s, loop, _ := newTestStudio(t, 512, 128)
	s.tabs.SelectIndex(tabLatent)
	s.Editor().epochs.SetText("2")
	var frames []latentFrame
	p := s.latent
	p.onFrame = func(_ int, f latentFrame) { frames = append(frames, f) }
	s.StartTraining()
	r := s.Runs().Selected()
	s.tabs.SelectIndex(tabLatent)
	loop.until(t, "training", 60*time.Second, func() bool { return r.Status == RunDone })
	loop.until(t, "the trained codes", 20*time.Second, func() bool { return p.res != nil && p.res.run == r })
	tr := p.traces[r.ID]
	if tr == nil || len(tr.frames) != 3 {
		t.Fatalf("trace %+v, want the frames of epochs 0, 1 and 2", tr)
	}
	for i, f := range tr.frames {
		if f.epoch != float64(i) || !f.end || f.n != 128 || f.fig == nil { // the studio's 128 test digits
			t.Errorf("frame %d: epoch %v, end %v, %d digits", i, f.epoch, f.end, f.n)
		}
	}
	if len(frames) < 3 {
		t.Errorf("onFrame heard %d frames", len(frames))
	}
	if got := s.train.latentView.Figure(); got != nil {
		t.Errorf("the hidden Train tab drew %v", got)
	}
	s.tabs.SelectIndex(tabTrain)
	if got := s.train.latentView.Figure(); got != render.Figure(tr.live.fig) {
		t.Errorf("the Train tab shows %v, not the newest frame", got)
	}
	s.tabs.SelectIndex(tabLatent)
	if !p.replayBox.Visible() || p.replay.Max != 4 || p.replay.Value != 4 || p.frame != -1 {
		t.Fatalf("replay shown %v, max %v, value %v, frame %d", p.replayBox.Visible(), p.replay.Max, p.replay.Value, p.frame)
	}
	p.replay.SetValue(1)
	if p.frame != 0 || p.view.Figure() != render.Figure(tr.frames[0].fig) || !strings.Contains(p.replayLabel.Text, "epoch 0 of 2") {
		t.Errorf("replay at 1: frame %d, label %q", p.frame, p.replayLabel.Text)
	}
	p.replay.SetValue(3)
	if p.frame != 2 || p.view.Figure() != render.Figure(tr.frames[2].fig) {
		t.Errorf("replay at 3: frame %d", p.frame)
	}
	p.replay.SetValue(4)
	if p.frame != -1 || p.view.Figure() != render.Figure(p.res.fig) || p.replayLabel.Text != "trained, all test digits" {
		t.Errorf("replay at the end: frame %d, label %q", p.frame, p.replayLabel.Text)
	}
}

// TestLatentFashionClassNames trains on Fashion-MNIST: the scatter's
// legend and the picks name the classes.
func TestLatentFashionClassNames(t *testing.T) {
	s, loop, _ := newTestStudio(t, 512, 200)
	if err := s.UseDataset("fashion"); err != nil {
		t.Fatal(err)
	}
	r := trainTiny(t, s, loop, "1")
	p := s.latent
	s.tabs.SelectIndex(tabLatent)
	loop.until(t, "the codes", 20*time.Second, func() bool { return p.res != nil && p.res.run == r })
	if !slices.Equal(p.res.fig.Names, dataset.FashionClasses[:]) {
		t.Errorf("legend names %v", p.res.fig.Names)
	}
	want := dataset.FashionClasses[p.res.labels[p.a]]
	if !strings.Contains(p.infoA.Text, want) {
		t.Errorf("pick A says %q, want the class %q", p.infoA.Text, want)
	}
	if tr := p.traces[r.ID]; tr == nil || tr.live == nil || !slices.Equal(tr.live.fig.Names, dataset.FashionClasses[:]) {
		t.Error("the live scatter does not name Fashion-MNIST's classes")
	}
}
