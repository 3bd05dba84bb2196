package ui

import (
	"image"
	"strconv"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

// addRun adds a finished run of the named preset to s, with an untrained
// model (fast, and the same on every machine) and the given history.
func addRun(t testing.TB, s *Studio, preset string, seed uint64, hist []network.Epoch) *Run {
	t.Helper()
	return addRunOn(t, s, preset, seed, hist, dataset.MNISTName)
}

// addRunOn is addRun for a run that trained on the dataset called data.
func addRunOn(t testing.TB, s *Studio, preset string, seed uint64, hist []network.Epoch, data string) *Run {
	t.Helper()
	spec, err := network.Preset(preset)
	if err != nil {
		t.Fatal(err)
	}
	m, err := network.Build(spec, seed)
	if err != nil {
		t.Fatal(err)
	}
	r := s.Runs().AddOn(spec, data)
	r.model, r.Status, r.History = m, RunDone, hist
	if len(hist) > 0 {
		r.SecondsPerEpoch = hist[0].Seconds
	}
	s.Runs().Changed(r)
	return r
}

// inked counts the pixels of img brighter than mid-grey.
func inked(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r > 0x8000 {
				n++
			}
		}
	}
	return n
}

// settled runs the loop until the Draw tab shows its newest drawing.
func settled(t *testing.T, loop *eventLoop, p *drawPanel) {
	t.Helper()
	loop.until(t, "the draw refresh", 10*time.Second, func() bool { return p.applied == p.gen })
}

func TestDrawStrokeUpdatesOutputs(t *testing.T) {
	s, loop, w := newTestStudio(t, 512, 128)
	addRun(t, s, "vanilla", 1, nil)
	s.tabs.SelectIndex(tabDraw)
	p := s.draw
	settled(t, loop, p)
	if !strings.Contains(p.note.Text, "Draw a digit") || len(p.outputs.Objects) != 0 {
		t.Fatalf("blank pad: note %q, %d outputs", p.note.Text, len(p.outputs.Objects))
	}
	if !p.undo.Disabled() {
		t.Error("Undo enabled before any stroke")
	}

	// A vertical stroke through the pad: a "1".
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.pad)
	sz := p.pad.Size()
	drag := func(x0, y0, x1, y1 float32) {
		test.Drag(w.Canvas(), abs.AddXY(x1*sz.Width, y1*sz.Height), (x1-x0)*sz.Width, (y1-y0)*sz.Height)
	}
	drag(0.5, 0.2, 0.5, 0.8)
	settled(t, loop, p)
	if n := inked(p.input.Image); n < 20 {
		t.Fatalf("the preprocessed input has %d inked pixels", n)
	}
	if len(p.outputs.Objects) != 1 {
		t.Fatalf("%d run outputs, want 1", len(p.outputs.Objects))
	}
	c := p.cells[s.Runs().All()[0].ID]
	if c.recon.Image == nil || c.recon.Image.Bounds().Dx() != 28 || c.heat.Image.Bounds().Dx() != 28 || !strings.HasPrefix(c.stats.Text, "MSE ") {
		t.Errorf("run cell: recon %v, heat %v, stats %q", c.recon.Image.Bounds(), c.heat.Image.Bounds(), c.stats.Text)
	}
	if !strings.Contains(p.latency.Text, "ms after the stroke") {
		t.Errorf("latency text %q", p.latency.Text)
	}
	one := p.pad.Snapshot()

	checkUndoClear(t, loop, p, drag, one)

	// The eraser removes ink.
	drag(0.5, 0.2, 0.5, 0.8)
	p.eraser.SetChecked(true)
	drag(0.3, 0.5, 0.7, 0.5)
	if got, before := inked(p.pad.img), inked(one); got >= before {
		t.Errorf("the eraser left %d inked pixels of %d", got, before)
	}
	p.eraser.SetChecked(false)
	settled(t, loop, p)
}

// checkUndoClear draws a second stroke over the first one (one), checks
// that Undo takes it back exactly, that Clear blanks the pad and that Undo
// restores it.
func checkUndoClear(t *testing.T, loop *eventLoop, p *drawPanel, drag func(x0, y0, x1, y1 float32), one *image.Gray) {
	t.Helper()
	drag(0.2, 0.3, 0.8, 0.3)
	settled(t, loop, p)
	if inked(p.pad.img) <= inked(one) {
		t.Fatal("the second stroke painted nothing")
	}
	test.Tap(p.undo)
	if string(p.pad.img.Pix) != string(one.Pix) {
		t.Error("Undo did not restore the first stroke")
	}
	test.Tap(p.clearBtn)
	settled(t, loop, p)
	if inked(p.pad.img) != 0 || len(p.outputs.Objects) != 0 || inked(p.input.Image) != 0 {
		t.Error("Clear left ink or outputs")
	}
	test.Tap(p.undo)
	settled(t, loop, p)
	if string(p.pad.img.Pix) != string(one.Pix) || len(p.outputs.Objects) != 1 {
		t.Error("Undo after Clear did not bring the stroke back")
	}
	test.Tap(p.undo)
	if inked(p.pad.img) != 0 || !p.undo.Disabled() {
		t.Error("undoing every stroke did not leave a blank pad with Undo disabled")
	}
}

func TestDrawNoiseReroll(t *testing.T) {
	s, loop, w := newTestStudio(t, 512, 128)
	s.tabs.SelectIndex(tabDraw)
	p := s.draw
	if p.noise.Value != 0 || !strings.Contains(p.noisyCaption.Text, "no noise") {
		t.Errorf("with no denoising run the noise starts at %v (%q)", p.noise.Value, p.noisyCaption.Text)
	}
	p.noise.SetValue(0.3)
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.pad)
	test.Drag(w.Canvas(), abs.AddXY(140, 250), 0, 200)
	settled(t, loop, p)
	pixels := func(img image.Image) string { return string(img.(*image.Gray).Pix) }
	clean, noisy := pixels(p.input.Image), pixels(p.noisy.Image)
	if clean == noisy {
		t.Fatal("noise factor 0.3 left the input unchanged")
	}
	test.Tap(p.reroll)
	settled(t, loop, p)
	if pixels(p.input.Image) != clean || pixels(p.noisy.Image) == noisy {
		t.Error("Re-roll did not change the noise alone")
	}
	p.noise.SetValue(0)
	settled(t, loop, p)
	if pixels(p.noisy.Image) != clean || !strings.Contains(p.noiseText.Text, "0.00") {
		t.Errorf("noise 0 still changes the input (%q)", p.noiseText.Text)
	}
	// Loading a test digit fills the pad; test digit 0 of MNIST is a 7.
	test.Tap(p.next)
	loop.until(t, "the test digit", 10*time.Second, func() bool { return p.digitInfo.Text != "" })
	if p.digitInfo.Text != "Test digit #0, a 7" || inked(p.pad.img) < 1000 {
		t.Errorf("loaded %q with %d inked pixels", p.digitInfo.Text, inked(p.pad.img))
	}
	settled(t, loop, p)
}

// TestDrawFashionTestImage checks that with a run on Fashion-MNIST
// selected, Next loads Fashion-MNIST's test images and names their class.
func TestDrawFashionTestImage(t *testing.T) {
	s, loop, _ := newTestStudio(t, 512, 128)
	addRunOn(t, s, "vanilla", 1, nil, dataset.FashionName)
	s.tabs.SelectIndex(tabDraw)
	p := s.draw
	fashion, err := dataset.FashionTest()
	if err != nil {
		t.Fatal(err)
	}
	// Fashion-MNIST's first test images are an ankle boot and a pullover.
	for i, want := range []string{"Test image #0 of Fashion-MNIST: Ankle boot", "Test image #1 of Fashion-MNIST: Pullover"} {
		test.Tap(p.next)
		loop.until(t, "the test image", 10*time.Second, func() bool { return strings.HasPrefix(p.digitInfo.Text, "Test image #"+strconv.Itoa(i)) })
		if p.digitInfo.Text != want {
			t.Errorf("loaded %q, want %q", p.digitInfo.Text, want)
		}
		up := image.NewGray(p.pad.img.Rect)
		render.Upscale(up, fashion.Image(i), 28, 28)
		if string(up.Pix) != string(p.pad.img.Pix) {
			t.Errorf("the pad does not hold Fashion-MNIST's test image %d", i)
		}
	}
	settled(t, loop, p)
}

func TestTestDigitText(t *testing.T) {
	for _, tc := range []struct {
		d    testDigit
		want string
	}{
		{testDigit{index: 0, label: 7, dataset: dataset.MNISTName}, "Test digit #0, a 7"},
		{testDigit{index: 12, label: 9, dataset: dataset.FashionName}, "Test image #12 of Fashion-MNIST: Ankle boot"},
		{testDigit{index: 3, label: 4, dataset: "my-digits"}, "Test image #3 of my-digits: a 4"},
		{testDigit{index: 3, label: -1, dataset: "my-digits"}, "Test image #3 of my-digits"},
	} {
		if got := testDigitText(tc.d); got != tc.want {
			t.Errorf("testDigitText(%+v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

// BenchmarkDrawRefresh measures one refresh of the Draw tab as the worker
// computes it after a stroke: preprocessing a 280×280 drawing, adding
// noise, and reconstructing with a model of each of the five presets.
func BenchmarkDrawRefresh(b *testing.B) {
	_, testSet, err := dataset.MNIST()
	if err != nil {
		b.Fatal(err)
	}
	img := image.NewGray(image.Rect(0, 0, padSide, padSide))
	render.Upscale(img, testSet.Image(0), 28, 28)
	req := &drawRequest{img: img, noise: 0.3, seed: 1}
	for _, name := range network.PresetNames() {
		spec, err := network.Preset(name)
		if err != nil {
			b.Fatal(err)
		}
		m, err := network.Build(spec, 1)
		if err != nil {
			b.Fatal(err)
		}
		req.runs = append(req.runs, drawModel{run: &Run{Name: name, Spec: spec}, model: m})
	}
	if len(req.runs) != 5 {
		b.Fatalf("%d presets, want 5", len(req.runs))
	}
	computeDraw(req)
	for b.Loop() {
		if res := computeDraw(req); res.err != nil || len(res.outs) != 5 {
			b.Fatalf("refresh: %v, %d outputs", res.err, len(res.outs))
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N), "ms/op")
}

// TestDrawSmallDigitKeepsStrokeWidth draws the same 7 across the pad and
// in a small corner of it: the inputs the models get have about the same
// ink, because the strokes are redrawn with a brush scaled to the digit.
func TestDrawSmallDigitKeepsStrokeWidth(t *testing.T) {
	s, loop, w := newTestStudio(t, 64, 32)
	s.tabs.SelectIndex(tabDraw)
	p := s.draw
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(p.pad)
	o, side := p.pad.square()
	seven := func(x0, y0, k float32) []float32 {
		test.Tap(p.clearBtn)
		at := func(x, y float32) fyne.Position { return abs.Add(o).AddXY((x0+x*k)*side, (y0+y*k)*side) }
		for _, seg := range [][4]float32{{0.2, 0.2, 0.8, 0.2}, {0.8, 0.2, 0.45, 0.85}} {
			from, to := at(seg[0], seg[1]), at(seg[2], seg[3])
			test.Drag(w.Canvas(), to, to.X-from.X, to.Y-from.Y)
		}
		settled(t, loop, p)
		if st := p.pad.Strokes(); len(st) != 2 || len(st[0].Points) < 2 {
			t.Fatalf("the pad kept strokes %+v", st)
		}
		return imagePix(p.input.Image)
	}
	large := seven(0, 0, 1)
	small := seven(0.05, 0.05, 0.3)
	var inkL, inkS float64
	for i := range large {
		inkL += float64(large[i])
		inkS += float64(small[i])
	}
	if inkL == 0 || inkS > 1.25*inkL || inkS < 0.75*inkL {
		t.Errorf("ink of the small 7 %.1f, of the large %.1f: want within 25%%", inkS, inkL)
	}
	// A loaded digit is used by its pixels.
	p.pad.SetDigit(large, 28, 28)
	if p.pad.Strokes() != nil {
		t.Error("a loaded digit still reports strokes")
	}
	p.pad.Undo()
	if len(p.pad.Strokes()) != 2 {
		t.Error("Undo did not bring the strokes back")
	}
}

// imagePix returns the grey levels of img in [0,1], row by row.
func imagePix(img image.Image) []float32 {
	b := img.Bounds()
	out := make([]float32, 0, b.Dx()*b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, _, _, _ := img.At(x, y).RGBA()
			out = append(out, float32(r)/0xffff)
		}
	}
	return out
}

// TestDrawNoiseFollowsDenoisingRun checks that the noise is the selected
// run's training noise, 0 for other runs, until the user moves the slider.
func TestDrawNoiseFollowsDenoisingRun(t *testing.T) {
	s, loop, _ := newTestStudio(t, 64, 32)
	s.tabs.SelectIndex(tabDraw)
	p := s.draw
	den := addRun(t, s, "denoising", 1, nil)
	van := addRun(t, s, "vanilla", 1, nil)
	for _, tc := range []struct {
		sel  *Run
		want float64
	}{{den, 0.5}, {van, 0}, {den, 0.5}} {
		s.Runs().Select(tc.sel)
		if p.noise.Value != tc.want {
			t.Errorf("with %s selected the noise is %v, want %v", tc.sel.Name, p.noise.Value, tc.want)
		}
	}
	if !strings.Contains(p.noisyCaption.Text, "noise 0.50") {
		t.Errorf("caption %q", p.noisyCaption.Text)
	}
	p.noise.SetValue(0.2)
	p.noise.OnChangeEnded(0.2) // as a drag of the slider ends
	s.Runs().Select(van)
	if p.noise.Value != 0.2 {
		t.Errorf("the noise the user chose moved to %v", p.noise.Value)
	}
	loop.drain()
}
