package ui

import (
	"errors"
	"fmt"
	"image"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

// Draw tab geometry and timing.
const (
	padSide      = 280                   // pixels of the drawing, 10× MNIST
	drawEvery    = 40 * time.Millisecond // least time between two refreshes
	maxUndo      = 64                    // strokes Undo can take back
	outCell      = 168                   // on-screen size of a digit: 6× MNIST
	defaultBrush = 11                    // brush radius in drawing pixels
	drawNoiseKey = 0x64726177            // mixed into the noise seeds
)

// drawPad is a square canvas the user paints a digit on with the mouse:
// white ink on black, like MNIST, in an image of padSide×padSide pixels
// shown at whatever size the pad is given. It also keeps the strokes, so
// that the digit can be redrawn with a brush scaled to its size (see
// dataset.PreprocessStrokes).
type drawPad struct {
	widget.BaseWidget
	img      *image.Gray
	strokes  []dataset.Stroke // every stroke since the pad was last blank
	raster   bool             // the drawing holds a loaded digit: only img tells it
	view     *canvas.Image
	radius   float64 // brush radius in image pixels
	erase    bool
	undo     []padState // the drawing before each change, oldest first
	inStroke bool
	onChange func()
}

// padState is a drawing Undo can go back to.
type padState struct {
	img     *image.Gray
	strokes []dataset.Stroke
	raster  bool
}

func newDrawPad(onChange func()) *drawPad {
	d := &drawPad{img: image.NewGray(image.Rect(0, 0, padSide, padSide)), radius: defaultBrush, onChange: onChange}
	d.view = canvas.NewImageFromImage(d.img)
	d.view.ScaleMode = canvas.ImageScaleSmooth
	d.ExtendBaseWidget(d)
	return d
}

// CreateRenderer implements fyne.Widget.
func (d *drawPad) CreateRenderer() fyne.WidgetRenderer {
	border := canvas.NewRectangle(theme.Color(theme.ColorNameInputBorder))
	return &drawPadRenderer{d: d, border: border}
}

// MinSize implements fyne.CanvasObject.
func (d *drawPad) MinSize() fyne.Size { return fyne.NewSize(padSide, padSide) }

// Cursor implements desktop.Cursorable.
func (d *drawPad) Cursor() desktop.Cursor { return desktop.CrosshairCursor }

// square returns where the drawing sits in the pad: the largest centred
// square.
func (d *drawPad) square() (fyne.Position, float32) {
	s := d.Size()
	side := min(s.Width, s.Height)
	return fyne.NewPos((s.Width-side)/2, (s.Height-side)/2), side
}

// toImage maps a position in the pad to drawing pixels.
func (d *drawPad) toImage(p fyne.Position) (float64, float64) {
	o, side := d.square()
	if side <= 0 {
		return 0, 0
	}
	k := float64(padSide) / float64(side)
	return float64(p.X-o.X) * k, float64(p.Y-o.Y) * k
}

// keep saves the drawing for Undo.
func (d *drawPad) keep() {
	d.undo = append(d.undo, padState{img: cloneGray(d.img), strokes: d.strokes, raster: d.raster})
	if len(d.undo) > maxUndo {
		d.undo = d.undo[1:]
	}
}

// begin starts a stroke with the current brush: it keeps the drawing for
// Undo. Strokes only grow at the end, so the kept slice stays as it was.
func (d *drawPad) begin() {
	d.keep()
	d.strokes = append(d.strokes[:len(d.strokes):len(d.strokes)], dataset.Stroke{Radius: d.radius, Erase: d.erase})
	d.inStroke = true
}

// paint draws the brush from a to b (pad positions) and shows the change.
func (d *drawPad) paint(a, b fyne.Position) {
	x0, y0 := d.toImage(a)
	x1, y1 := d.toImage(b)
	if n := len(d.strokes); n > 0 {
		s := &d.strokes[n-1]
		for _, pt := range []dataset.Point{{X: x0, Y: y0}, {X: x1, Y: y1}} {
			if k := len(s.Points); k == 0 || s.Points[k-1] != pt {
				s.Points = append(s.Points, pt)
			}
		}
	}
	if dataset.PaintStroke(d.img, x0, y0, x1, y1, d.radius, d.erase).Empty() {
		return
	}
	d.changed()
}

func (d *drawPad) changed() {
	d.view.Refresh()
	if d.onChange != nil {
		d.onChange()
	}
}

// Dragged implements fyne.Draggable: it paints from the previous mouse
// position to the new one.
func (d *drawPad) Dragged(ev *fyne.DragEvent) {
	if !d.inStroke {
		d.begin()
	}
	d.paint(ev.Position.Subtract(ev.Dragged), ev.Position)
}

// DragEnd implements fyne.Draggable: it ends the stroke.
func (d *drawPad) DragEnd() { d.inStroke = false }

// Tapped implements fyne.Tappable: a click paints a dot.
func (d *drawPad) Tapped(ev *fyne.PointEvent) {
	d.begin()
	d.paint(ev.Position, ev.Position)
	d.inStroke = false
}

// Undo takes back the last stroke (or Clear, or loaded digit).
func (d *drawPad) Undo() {
	n := len(d.undo)
	if n == 0 {
		return
	}
	last := d.undo[n-1]
	copy(d.img.Pix, last.img.Pix)
	d.strokes, d.raster = last.strokes, last.raster
	d.undo = d.undo[:n-1]
	d.changed()
}

// CanUndo reports whether there is a stroke to take back.
func (d *drawPad) CanUndo() bool { return len(d.undo) > 0 }

// Clear blanks the drawing; Undo brings it back.
func (d *drawPad) Clear() {
	d.keep()
	d.inStroke = false
	d.strokes, d.raster = nil, false
	clear(d.img.Pix)
	d.changed()
}

// SetDigit replaces the drawing with a w×h image of values in [0,1],
// stretched to fill it; Undo brings the old drawing back.
func (d *drawPad) SetDigit(pix []float32, w, h int) {
	d.keep()
	d.inStroke = false
	d.strokes, d.raster = nil, true
	render.Upscale(d.img, pix, w, h)
	d.changed()
}

// Snapshot returns a copy of the drawing's pixels.
func (d *drawPad) Snapshot() *image.Gray { return cloneGray(d.img) }

// Strokes returns the strokes of the drawing, or nil when it holds a loaded
// digit (or nothing), which only its pixels tell. The slices must not be
// written to.
func (d *drawPad) Strokes() []dataset.Stroke {
	if d.raster || len(d.strokes) == 0 {
		return nil
	}
	out := slices.Clone(d.strokes)
	for i := range out {
		out[i].Points = out[i].Points[:len(out[i].Points):len(out[i].Points)]
	}
	return out
}

func cloneGray(g *image.Gray) *image.Gray {
	c := *g
	c.Pix = append([]uint8(nil), g.Pix...)
	return &c
}

type drawPadRenderer struct {
	d      *drawPad
	border *canvas.Rectangle
}

func (r *drawPadRenderer) Layout(fyne.Size) {
	o, side := r.d.square()
	r.border.Move(o.SubtractXY(1, 1))
	r.border.Resize(fyne.NewSquareSize(side + 2))
	r.d.view.Move(o)
	r.d.view.Resize(fyne.NewSquareSize(side))
}

func (r *drawPadRenderer) MinSize() fyne.Size { return r.d.MinSize() }
func (r *drawPadRenderer) Refresh() {
	r.border.FillColor = theme.Color(theme.ColorNameInputBorder)
	r.border.Refresh()
	r.d.view.Refresh()
}
func (r *drawPadRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.border, r.d.view}
}
func (r *drawPadRenderer) Destroy() {}

// drawPanel is the Draw tab: the user draws a digit, which is preprocessed
// like MNIST, given noise, and reconstructed by every trained run side by
// side, with each output's error as a heat map. Refreshes run on a worker
// goroutine, at most one per drawEvery, the newest drawing winning.
type drawPanel struct {
	s              *Studio
	pad            *drawPad
	eraser         *escCheck
	undo, clearBtn *escButton
	next, reroll   *escButton
	digitInfo      *widget.Label
	noise          *widget.Slider
	noiseText      *widget.Label
	noiseSet       bool // the user moved the noise slider: it no longer follows the runs
	following      bool // followNoise is moving the slider
	noisyCaption   *canvas.Text
	input, noisy   *canvas.Image
	latency        *canvas.Text
	note           *widget.Label
	outputs        *fyne.Container
	cells          map[int]*drawCell // by run ID
	shownRuns      []*Run
	trained        []*Run // the trained runs when last looked
	content        fyne.CanvasObject

	seed      uint64 // of the noise; Re-roll draws another
	rng       *rand.Rand
	testIndex int       // the test digit Next loads
	gen       int       // numbers the drawings; results carry theirs
	applied   int       // the generation shown, for tests
	shown     bool      // the tab is visible: it computes only then
	drawn     []float32 // the preprocessed digit shown, nil without ink (see Digit)

	worker drawWorker
	result *bridge[drawResult]
	digit  *bridge[testDigit]
}

// drawWorker is what the panel shares with its refresh worker (see work).
type drawWorker struct {
	mu        sync.Mutex // guards the fields below
	pending   *drawRequest
	release   []drawModel // models whose buffers the worker frees once idle
	running   bool
	lastStart time.Time
}

// drawRequest is one refresh to compute: the drawing and what to run it
// through.
type drawRequest struct {
	gen     int
	img     *image.Gray
	strokes []dataset.Stroke // the drawing as strokes, or nil: use img
	noise   float32
	seed    uint64
	runs    []drawModel
	since   time.Time // when the oldest change this request shows was made
}

// drawModel is a trained run with its model, name and spec, taken on the UI
// goroutine for a worker: the worker uses the model under the run's lock
// and reads no field of the run.
type drawModel struct {
	run   *Run
	model *network.Model
	name  string
	spec  network.Spec
}

// modelOf returns what a worker needs of trained run r; it runs on the UI
// goroutine, where r's fields are read and written.
func modelOf(r *Run) drawModel { return drawModel{run: r, model: r.model, name: r.Name, spec: r.Spec} }

// drawResult is a computed refresh.
type drawResult struct {
	gen          int
	err          error
	clean, noisy []float32 // 28×28 input before and after noise
	outs         []drawOutput
	since        time.Time
	took         time.Duration // compute time: preprocess, noise and models
}

// drawOutput is one run's answer to the drawing.
type drawOutput struct {
	run   *Run
	recon []float32 // nil when the run cannot take the input
	heat  []float32 // |recon − clean|
	mse   float64
	why   string // why recon is nil
}

// drawCell shows one run's output in the Draw tab.
type drawCell struct {
	box          fyne.CanvasObject
	recon, heat  *canvas.Image
	title, stats *widget.Label
}

// testDigit is a test image loaded for the pad.
type testDigit struct {
	index, label int
	dataset      string // the name of the set it comes from
	pix          []float32
	err          error
}

func newDrawPanel(s *Studio) *drawPanel {
	p := &drawPanel{s: s, cells: map[int]*drawCell{}, rng: rand.New(rand.NewPCG(s.cfg.Seed, drawNoiseKey))}
	p.seed = p.rng.Uint64()
	p.pad = newDrawPad(p.changed)
	left := p.padView()
	p.input = digitView()
	p.noisy = digitView()
	p.latency = canvas.NewText("", theme.Color(theme.ColorNamePlaceHolder))
	p.latency.TextSize = theme.CaptionTextSize()
	p.note = widget.NewLabel("Draw a digit in the black square: every trained run reconstructs it as you draw.")
	p.note.Wrapping = fyne.TextWrapWord
	p.outputs = container.NewGridWrap(fyne.NewSize(2*outCell+24, outCell+84))
	p.noisyCaption = caption("")
	inputs := container.New(layout.NewCustomPaddedHBoxLayout(16),
		container.NewVBox(caption("Your digit, as MNIST (28×28)"), p.input),
		container.NewVBox(p.noisyCaption, p.noisy),
		p.noiseView())
	p.result = newBridge(s.cfg.Do, p.apply)
	p.digit = newBridge(s.cfg.Do, p.applyDigit)

	right := container.NewBorder(container.NewVBox(inputs, p.note, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(p.outputs))
	split := container.NewHSplit(left, right)
	split.Offset = 0.32
	p.content = split
	s.runs.OnChange(func(*Run) {
		p.followNoise()
		if trained := s.runs.Trained(); !slices.Equal(trained, p.trained) {
			p.trained = trained
			p.forgetCells()
			p.changed()
		}
	})
	p.updateButtons()
	return p
}

// padView builds the pad with its tools: brush, eraser, undo, clear and
// the test digits.
func (p *drawPanel) padView() fyne.CanvasObject {
	brush := widget.NewSlider(3, 24)
	brush.Step = 1
	brush.SetValue(defaultBrush)
	brush.OnChanged = func(v float64) { p.pad.radius = v }
	p.eraser = newCheck("Eraser", func(on bool) { p.pad.erase = on })
	p.undo = newButton("Undo", theme.ContentUndoIcon(), p.pad.Undo)
	p.clearBtn = newButton("Clear", theme.DeleteIcon(), p.pad.Clear)
	random := newButton("Random test digit", theme.ViewRefreshIcon(), func() { p.loadDigit(-1) })
	p.next = newButton("Next", theme.NavigateNextIcon(), func() { p.loadDigit(p.testIndex) })
	p.digitInfo = widget.NewLabel("")
	p.digitInfo.Importance = widget.LowImportance
	tools := container.NewVBox(
		container.NewBorder(nil, nil, widget.NewLabel("Brush"), p.eraser, brush),
		container.NewGridWithColumns(2, p.undo, p.clearBtn),
		container.NewBorder(nil, nil, nil, p.next, random),
		p.digitInfo,
	)
	return container.NewBorder(nil, tools, nil, nil, container.NewPadded(p.pad))
}

// noiseView builds the noise factor's slider, its Re-roll button and the
// latency line; p.latency must exist.
func (p *drawPanel) noiseView() fyne.CanvasObject {
	p.noise = widget.NewSlider(0, 1)
	p.noise.Step = 0.05
	p.noiseText = widget.NewLabel("")
	p.noise.OnChanged = func(v float64) {
		p.noiseText.SetText(fmt.Sprintf("Noise factor %.2f", v))
		p.noisyCaption.Text = "What the models get: no noise"
		if v > 0 {
			p.noisyCaption.Text = fmt.Sprintf("What the models get: noise %.2f", v)
		}
		p.noisyCaption.Refresh()
		p.changed()
	}
	p.noise.SetValue(0.05) // OnChanged runs only on a change
	p.noise.SetValue(0)
	// Slider.SetValue ends a change too: only the user's count.
	p.noise.OnChangeEnded = func(float64) { p.noiseSet = p.noiseSet || !p.following }
	p.reroll = newButton("Re-roll", theme.ViewRefreshIcon(), p.Reroll)
	return container.NewVBox(p.noiseText, fixedWidth(220, p.noise), container.NewHBox(p.reroll), p.latency)
}

// followNoise sets the noise to the selected run's training noise (0 for
// a run that is not denoising) until the user moves the slider.
func (p *drawPanel) followNoise() {
	if p.noiseSet || p.noise == nil {
		return
	}
	v := 0.0
	if r := p.s.runs.Selected(); r != nil && r.Denoising() {
		v = min(max(r.Spec.Train.Noise, 0), 1)
	}
	p.following = true
	p.noise.SetValue(v)
	p.following = false
}

// digitView returns an image for a 28×28 digit at outCell size.
func digitView() *canvas.Image { return digitViewOf(outCell) }

// digitViewOf returns an image for a 28×28 digit at least side pixels a
// side.
func digitViewOf(side float32) *canvas.Image {
	ci := canvas.NewImageFromImage(emptyDigit())
	ci.FillMode = canvas.ImageFillContain
	ci.ScaleMode = canvas.ImageScalePixels
	ci.SetMinSize(fyne.NewSquareSize(side))
	return ci
}

// caption returns a small caption text.
func caption(text string) *canvas.Text {
	t := canvas.NewText(text, theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.CaptionTextSize()
	return t
}

// Reroll draws new noise.
func (p *drawPanel) Reroll() {
	p.seed = p.rng.Uint64()
	p.changed()
}

func (p *drawPanel) updateButtons() {
	if p.pad.CanUndo() {
		p.undo.Enable()
	} else {
		p.undo.Disable()
	}
}

// loadDigit loads test image i (a random one when i < 0) into the pad:
// one of the dataset the selected run trains on, or, with no run
// selected, of the one new runs train on.
func (p *drawPanel) loadDigit(i int) {
	if i < 0 {
		i = p.rng.IntN(1 << 30)
	}
	name := p.s.data.name()
	if r := p.s.runs.Selected(); r != nil {
		name = runDataset(r)
	}
	load := p.s.testSetFor(name)
	go func() {
		test, err := load()
		if err != nil {
			p.digit.PostFinal(testDigit{err: fmt.Errorf("load the %s test images: %w", name, err)})
			return
		}
		if test.Len() == 0 {
			p.digit.PostFinal(testDigit{err: fmt.Errorf("%s has no test images", name)})
			return
		}
		i %= test.Len()
		p.digit.PostFinal(testDigit{index: i, label: test.Label(i), dataset: test.Name, pix: append([]float32(nil), test.Image(i)...)})
	}()
}

// applyDigit shows a loaded test digit; it runs on the UI goroutine.
func (p *drawPanel) applyDigit(d testDigit) {
	if d.err != nil {
		p.digitInfo.SetText(d.err.Error())
		return
	}
	p.testIndex = d.index + 1
	p.digitInfo.SetText(testDigitText(d))
	p.pad.SetDigit(d.pix, 28, 28)
}

// testDigitText says which test image d is: "Test digit #0, a 7" for
// MNIST, "Test image #0 of Fashion-MNIST: Ankle boot" for another set.
func testDigitText(d testDigit) string {
	class := classText(d.dataset, d.label, "a ")
	if n, _ := dataset.BuiltinName(d.dataset); n == dataset.MNISTName {
		return fmt.Sprintf("Test digit #%d, %s", d.index, class)
	}
	s := fmt.Sprintf("Test image #%d of %s", d.index, d.dataset)
	if class != "" {
		s += ": " + class
	}
	return s
}

// Digit returns the digit the tab shows as the models' clean input: the
// drawing preprocessed like MNIST, 28×28 values in [0, 1], or nil while
// the pad holds no ink. gen numbers the drawing it comes from, so that a
// caller can tell a newer one. It runs on the UI goroutine; the slice is
// shared and must not be written to.
func (p *drawPanel) Digit() (pix []float32, gen int) { return p.drawn, p.applied }

// visible tells the panel whether its tab is shown. It refreshes only
// while shown; once hidden, the worker frees the buffers the runs' models
// grew for the drawing, so idle runs keep only their weights.
func (p *drawPanel) visible(on bool) {
	if on == p.shown {
		return
	}
	p.shown = on
	if on {
		p.changed()
		return
	}
	var models []drawModel
	for _, r := range p.s.runs.Trained() {
		models = append(models, modelOf(r))
	}
	p.worker.mu.Lock()
	p.worker.release = models
	start := !p.worker.running
	p.worker.running = true
	p.worker.mu.Unlock()
	if start {
		go p.work()
	}
}

// changed schedules a refresh for the current drawing, noise and runs; it
// runs on the UI goroutine and never waits for the worker.
func (p *drawPanel) changed() {
	if p.pad == nil || p.result == nil {
		return // still being built
	}
	p.updateButtons()
	if !p.shown {
		return // visible(true) calls changed
	}
	p.gen++
	req := &drawRequest{gen: p.gen, img: p.pad.Snapshot(), strokes: p.pad.Strokes(), noise: float32(min(max(p.noise.Value, 0), 1)), seed: p.seed, since: time.Now()}
	for _, r := range p.s.runs.Trained() {
		req.runs = append(req.runs, modelOf(r))
	}
	p.worker.mu.Lock()
	if p.worker.pending != nil {
		req.since = p.worker.pending.since
	}
	p.worker.pending = req
	start := !p.worker.running
	p.worker.running = true
	p.worker.mu.Unlock()
	if start {
		go p.work()
	}
}

// work is the refresh worker: it computes the newest request, at most one
// per drawEvery, until none is left; then it frees the buffers of the
// models in release.
func (p *drawPanel) work() {
	for {
		p.worker.mu.Lock()
		if p.worker.pending == nil {
			rel := p.worker.release
			p.worker.release = nil
			if rel == nil {
				p.worker.running = false
				p.worker.mu.Unlock()
				return
			}
			p.worker.mu.Unlock()
			for _, dm := range rel {
				dm.run.Lock()
				dm.model.ReleaseBuffers()
				dm.run.Unlock()
			}
			continue
		}
		wait := drawEvery - time.Since(p.worker.lastStart)
		p.worker.mu.Unlock()
		if wait > 0 {
			time.Sleep(wait) // let more changes coalesce
		}
		p.worker.mu.Lock()
		req := p.worker.pending
		p.worker.pending = nil
		p.worker.lastStart = time.Now()
		p.worker.mu.Unlock()
		p.result.Post(computeDraw(req))
	}
}

// computeDraw preprocesses the drawing, adds noise and runs the input
// through every model. Each run's model is used under its lock.
func computeDraw(req *drawRequest) drawResult {
	start := time.Now()
	res := drawResult{gen: req.gen, since: req.since}
	defer func() { res.took = time.Since(start) }()
	clean, err := preprocessDrawing(req)
	if err != nil {
		res.err = err
		res.took = time.Since(start)
		return res
	}
	res.clean = clean
	res.noisy = noisyInput(clean, float64(req.noise), req.seed, drawNoiseKey)
	for _, dm := range req.runs {
		out := drawOutput{run: dm.run}
		if in := dm.spec.Input.Size(); in != len(clean) {
			out.why = fmt.Sprintf("takes %d inputs, not 28×28", in)
			res.outs = append(res.outs, out)
			continue
		}
		dm.run.Lock()
		out.recon = append([]float32(nil), dm.model.Predict(res.noisy, 1)...)
		dm.run.Unlock()
		out.heat = make([]float32, len(clean))
		for i, v := range out.recon {
			d := v - clean[i]
			out.heat[i] = max(d, -d)
		}
		out.mse = network.MSE.Value(out.recon, clean)
		res.outs = append(res.outs, out)
	}
	res.took = time.Since(start)
	return res
}

// preprocessDrawing turns the drawing of req into the 28×28 input: from its
// strokes, redrawn with a brush scaled to the digit's size, when it has
// them, else from its pixels.
func preprocessDrawing(req *drawRequest) ([]float32, error) {
	if req.strokes != nil {
		return dataset.PreprocessStrokes(req.strokes, padSide)
	}
	return dataset.PreprocessDigit(req.img)
}

// apply shows a refresh; it runs on the UI goroutine.
func (p *drawPanel) apply(res drawResult) {
	if res.gen < p.applied {
		return
	}
	p.applied = res.gen
	p.drawn = res.clean // nil on an error
	p.latency.Text = fmt.Sprintf("last refresh: %d ms after the stroke (compute %.1f ms)",
		time.Since(res.since).Milliseconds(), float64(res.took.Microseconds())/1000)
	p.latency.Refresh()
	if res.err != nil {
		if errors.Is(res.err, dataset.ErrNoInk) {
			p.note.SetText("Draw a digit in the black square: every trained run reconstructs it as you draw.")
		} else {
			p.note.SetText(res.err.Error())
		}
		setImage(p.input, emptyDigit())
		setImage(p.noisy, emptyDigit())
		p.showOutputs(nil)
		return
	}
	setImage(p.input, grayDigit(res.clean))
	setImage(p.noisy, grayDigit(res.noisy))
	if len(res.outs) == 0 {
		p.note.SetText("Train a model (Design and Train tabs) to see it reconstruct your drawing here.")
	} else {
		what := "your digit"
		if p.noise.Value > 0 {
			what = "the noisy input"
		}
		p.note.SetText("Each run's reconstruction of " + what + ", and its error against your clean digit (dark blue: none, yellow: 1).")
	}
	p.showOutputs(res.outs)
}

// showOutputs fills the run cells, rebuilding them only when the runs
// changed.
func (p *drawPanel) showOutputs(outs []drawOutput) {
	same := len(outs) == len(p.shownRuns)
	for i := 0; same && i < len(outs); i++ {
		same = outs[i].run == p.shownRuns[i]
	}
	if !same {
		p.shownRuns = p.shownRuns[:0]
		var objs []fyne.CanvasObject
		for _, o := range outs {
			c := p.cells[o.run.ID]
			if c == nil {
				c = newDrawCell()
				p.cells[o.run.ID] = c
			}
			p.shownRuns = append(p.shownRuns, o.run)
			objs = append(objs, c.box)
		}
		p.outputs.Objects = objs
		p.outputs.Refresh()
	}
	for _, o := range outs {
		c := p.cells[o.run.ID]
		c.title.SetText(o.run.Name)
		if o.recon == nil {
			c.stats.SetText(o.why)
			setImage(c.recon, emptyDigit())
			setImage(c.heat, emptyDigit())
			continue
		}
		c.stats.SetText(fmt.Sprintf("MSE %.4f", o.mse))
		setImage(c.recon, grayDigit(o.recon))
		setImage(c.heat, render.HeatImage(o.heat, 28, 28, 1))
	}
}

// forgetCells drops the cells of runs that are no longer trained (removed,
// or training again).
func (p *drawPanel) forgetCells() {
	keep := map[int]bool{}
	for _, r := range p.trained {
		keep[r.ID] = true
	}
	for id := range p.cells {
		if !keep[id] {
			delete(p.cells, id)
			p.shownRuns = nil // showOutputs builds the cells shown again
		}
	}
}

func newDrawCell() *drawCell {
	c := &drawCell{recon: digitView(), heat: digitView(), title: boldLabel(""), stats: widget.NewLabel("")}
	c.title.Truncation = fyne.TextTruncateEllipsis
	c.stats.SizeName = theme.SizeNameCaptionText
	c.box = container.NewVBox(c.title, container.NewHBox(
		container.NewVBox(caption("Reconstruction"), c.recon),
		container.NewVBox(caption("Error (yellow: large)"), c.heat)), c.stats)
	return c
}

// grayDigit draws a 28×28 digit at scale 1.
func grayDigit(pix []float32) image.Image {
	return render.Grid([][]render.Tile{{{Pix: pix, Width: 28, Height: 28}}}, 1, 0)
}

// emptyDigit returns a black 28×28 image, the place of a digit not yet
// computed.
func emptyDigit() image.Image { return image.NewGray(image.Rect(0, 0, 28, 28)) }

// setImage shows img in ci.
func setImage(ci *canvas.Image, img image.Image) {
	ci.Image = img
	ci.Refresh()
}
