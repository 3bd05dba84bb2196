package ui

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

// Latent space tab sizes and work limits.
const (
	scatterWidth, scatterHeight = 720, 560
	encodeBatch                 = 500 // digits encoded per lock of the model
	interpSteps                 = 10  // images in the interpolation strip
	hoverSide                   = 84  // the on-screen size of the digit under the mouse
	// The manifold's grid: N×N decoded points, N in [manifoldMin, manifoldMax].
	manifoldMin, manifoldMax, manifoldDefault = 5, 30, 15
	samplesSide                               = 8 // samples from the prior: 8×8
)

// The latent tab's views, chosen by its view radio.
const (
	viewScatter  = "Scatter"
	viewManifold = "Manifold"
	viewSamples  = "Samples"
)

// latentPanel is the Latent space tab: a run's codes of the test digits on
// the latent plane (the code itself for 2-D codes, else the plane of the
// codes' first two principal components), drawn as a scatter coloured by
// label. The mouse over the plane decodes the point under it; clicking
// points picks digits A and B, whose codes are interpolated and decoded.
// The manifold view decodes a grid over the plane; for a variational model
// the samples view decodes codes drawn from the prior. While a run trains,
// the scatter follows it (see liveLatent), and a slider replays it epoch by
// epoch afterwards.
type latentPanel struct {
	s        *Studio
	chooser  *runChooser
	runSel   *widget.Select // the chooser's
	bar      *widget.ProgressBar
	status   *widget.Label
	view     *plotView          // the scatter
	which    *widget.RadioGroup // which of A and B the next click sets
	entryA   *escEntry
	entryB   *escEntry
	digitA   *canvas.Image
	digitB   *canvas.Image
	infoA    *widget.Label
	infoB    *widget.Label
	strip    *canvas.Image
	stripLen int // images in the strip shown, for tests
	content  fyne.CanvasObject

	// The digit under the mouse.
	hoverImg  *canvas.Image
	hoverInfo *widget.Label
	hoverAt   [2]float64 // the last point the mouse was at
	hoverN    int        // counts the points asked for
	hoverDone int        // the request the image shows
	hoverBusy bool       // a decode is under way
	hovered   *bridge[hoverResult]

	// The views and their controls.
	mode        *widget.RadioGroup
	pages       *fyne.Container // the scatter, manifold and samples pages
	scatterPage fyne.CanvasObject
	manifoldImg *canvas.Image
	gridSlider  *widget.Slider
	gridLabel   *widget.Label
	gridN       int // the grid the manifold image shows, 0 for none
	manifoldPNG []byte
	sampleImg   *canvas.Image
	sampleBtn   *widget.Button
	sampleSeed  uint64
	samplesN    int // samples shown, for tests
	figures     *bridge[latentFigure]
	figureN     int

	// The replay of the scatter as the run trained.
	traces      map[int]*latentTrace // by run ID, on the UI goroutine
	replay      *widget.Slider
	replayLabel *widget.Label
	replayBox   *fyne.Container
	frame       int // the replayed epoch frame shown, -1 for the trained model's scatter
	onFrame     func(runID int, f latentFrame)

	shown    bool // the tab is visible
	res      *latentResult
	a, b     int // the picked test digits, -1 for none
	gen      int
	cancel   context.CancelFunc
	progress *bridge[latentProgress]
	result   *bridge[*latentResult]
	interp   *bridge[interpResult]
	interpN  int // numbers interpolation requests
}

// latentResult is a run's encoded test digits and their latent plane.
type latentResult struct {
	gen    int
	run    *Run
	model  *network.Model
	err    error
	n, dim int
	codes  []float32 // n×dim
	pixels []float32 // n×784, the digits encoded
	labels []int
	plane  *network.LatentPlane
	xy     []float64 // n×2 coordinates on the plane
	fig    *render.Scatter
}

type latentProgress struct {
	gen  int
	frac float64
}

type interpResult struct {
	n   int
	img image.Image
	len int
}

// hoverResult is the decoding of the point under the mouse.
type hoverResult struct {
	n   int
	res *latentResult
	x   [2]float64
	img image.Image
}

// latentFigure is a manifold or a page of samples, decoded off the UI
// goroutine.
type latentFigure struct {
	n     int
	res   *latentResult
	kind  string // viewManifold or viewSamples
	img   image.Image
	png   []byte
	grid  int
	count int
	err   error
}

func newLatentPanel(s *Studio) *latentPanel {
	p := &latentPanel{s: s, a: -1, b: -1, frame: -1, traces: map[int]*latentTrace{}, sampleSeed: 1}
	p.chooser = newRunChooser(p.compute)
	p.runSel = p.chooser.sel
	p.bar = widget.NewProgressBar()
	p.bar.Hide()
	p.status = widget.NewLabel("Pick a trained run to see its codes of the test digits.")
	p.status.Wrapping = fyne.TextWrapWord
	p.view = newPlotView(s.cfg.Do, fyne.NewSize(scatterWidth/2, scatterHeight/2))
	p.view.onTap = func(h render.Hit) { p.pick(h.Index) }
	p.view.onMove = p.hover
	side := p.picksView()
	p.strip = canvas.NewImageFromImage(blankImage(1, 1))
	p.strip.FillMode = canvas.ImageFillContain
	p.strip.ScaleMode = canvas.ImageScalePixels
	p.strip.SetMinSize(fyne.NewSize(interpSteps*60, 60))
	p.progress = newBridge(s.cfg.Do, func(pr latentProgress) {
		if pr.gen == p.gen {
			p.bar.SetValue(pr.frac)
		}
	})
	p.result = newBridge(s.cfg.Do, p.apply)
	p.interp = newBridge(s.cfg.Do, func(r interpResult) {
		if r.n == p.interpN {
			setImage(p.strip, r.img)
			p.stripLen = r.len
		}
	})
	p.hovered = newBridge(s.cfg.Do, p.showHover)
	p.figures = newBridge(s.cfg.Do, p.showFigure)

	p.replay = widget.NewSlider(1, 1)
	p.replay.Step = 1
	p.replay.OnChanged = func(v float64) { p.showFrame(int(v)) }
	p.replayLabel = widget.NewLabel("")
	p.replayBox = container.NewBorder(nil, nil, boldLabel("Replay"), p.replayLabel, p.replay)
	p.replayBox.Hide()

	p.scatterPage = container.NewBorder(nil, p.replayBox, nil, nil, p.view)
	p.pages = container.NewStack(p.scatterPage, p.manifoldView(), p.samplesView())
	p.mode = widget.NewRadioGroup([]string{viewScatter, viewManifold, viewSamples}, func(string) { p.showMode() })
	p.mode.Horizontal = true
	p.mode.Required = true
	p.mode.SetSelected(viewScatter)

	top := container.NewVBox(
		container.NewBorder(nil, nil, boldLabel("Run"), p.mode, p.runSel),
		p.bar, p.status)
	bottom := container.NewVBox(
		boldLabel(fmt.Sprintf("Decoded codes on the line from A to B (%d steps)", interpSteps)),
		p.strip)
	p.content = container.NewBorder(top, bottom, nil, fixedWidth(260, side), p.pages)
	s.runs.OnChange(p.runsChanged)
	return p
}

// pickSide is the on-screen size of a picked digit: 3× MNIST, which
// leaves room for its description in the side panel.
const pickSide = 84

// picksView builds the side panel: the digit the decoder makes of the
// point under the mouse, and digits A and B, picked by a click on the
// scatter (which sets the one chosen here) or by index.
func (p *latentPanel) picksView() fyne.CanvasObject {
	p.hoverImg = digitViewOf(hoverSide)
	p.hoverInfo = widget.NewLabel("Move the mouse over the plane.")
	p.hoverInfo.Wrapping = fyne.TextWrapWord
	p.which = widget.NewRadioGroup([]string{"A", "B"}, nil)
	p.which.Horizontal = true
	p.which.Required = true
	p.which.SetSelected("A")
	p.entryA = indexEntry(func(i int) { p.setPick(0, i) })
	p.entryB = indexEntry(func(i int) { p.setPick(1, i) })
	p.digitA, p.digitB = digitViewOf(pickSide), digitViewOf(pickSide)
	p.infoA, p.infoB = widget.NewLabel("A: none"), widget.NewLabel("B: none")
	pickBox := func(e *escEntry, img *canvas.Image, info *widget.Label) fyne.CanvasObject {
		return container.NewBorder(nil, nil, img, nil,
			container.NewVBox(info, container.NewBorder(nil, nil, widget.NewLabel("test #"), nil, e)))
	}
	return container.NewVBox(
		boldLabel("Under the mouse"),
		container.NewCenter(p.hoverImg), p.hoverInfo,
		widget.NewSeparator(),
		boldLabel("Pick digits"),
		container.NewHBox(widget.NewLabel("A click sets"), p.which),
		pickBox(p.entryA, p.digitA, p.infoA),
		pickBox(p.entryB, p.digitB, p.infoB),
	)
}

// manifoldView builds the manifold page: a grid of decoded points over the
// plane, its size, and its export.
func (p *latentPanel) manifoldView() fyne.CanvasObject {
	p.manifoldImg = canvas.NewImageFromImage(blankImage(1, 1))
	p.manifoldImg.FillMode = canvas.ImageFillContain
	p.manifoldImg.ScaleMode = canvas.ImageScalePixels
	p.gridLabel = widget.NewLabel("")
	p.gridSlider = widget.NewSlider(manifoldMin, manifoldMax)
	p.gridSlider.Step = 1
	p.gridSlider.SetValue(manifoldDefault)
	p.gridSlider.OnChanged = func(float64) { p.gridLabel.SetText(p.gridText()) }
	p.gridSlider.OnChangeEnded = func(float64) { p.decodeFigure(viewManifold) }
	p.gridLabel.SetText(p.gridText())
	export := widget.NewButtonWithIcon("Export PNG…", theme.DocumentSaveIcon(), p.exportManifold)
	controls := container.NewBorder(nil, nil, boldLabel("Grid"), container.NewHBox(p.gridLabel, export), p.gridSlider)
	return container.NewBorder(controls, nil, nil, nil, p.manifoldImg)
}

// gridText says the grid the slider sets.
func (p *latentPanel) gridText() string {
	n := int(p.gridSlider.Value)
	return fmt.Sprintf("%d × %d", n, n)
}

// samplesView builds the samples page: digits decoded from codes drawn
// from the prior of a variational model.
func (p *latentPanel) samplesView() fyne.CanvasObject {
	p.sampleImg = canvas.NewImageFromImage(blankImage(1, 1))
	p.sampleImg.FillMode = canvas.ImageFillContain
	p.sampleImg.ScaleMode = canvas.ImageScalePixels
	p.sampleBtn = widget.NewButtonWithIcon("Sample again", theme.ViewRefreshIcon(), func() {
		p.sampleSeed++
		p.decodeFigure(viewSamples)
	})
	note := widget.NewLabel(fmt.Sprintf("%d digits decoded from codes drawn from N(0, I), the prior a variational model's codes were pulled towards.", samplesSide*samplesSide))
	note.Wrapping = fyne.TextWrapWord
	return container.NewBorder(container.NewBorder(nil, nil, nil, p.sampleBtn, note), nil, nil, nil, p.sampleImg)
}

// showMode shows the page the view radio chose and decodes what it needs.
func (p *latentPanel) showMode() {
	if p.pages == nil {
		return
	}
	pages := map[string]fyne.CanvasObject{viewScatter: p.pages.Objects[0], viewManifold: p.pages.Objects[1], viewSamples: p.pages.Objects[2]}
	for name, page := range pages {
		if name == p.mode.Selected {
			page.Show()
		} else {
			page.Hide()
		}
	}
	switch p.mode.Selected {
	case viewManifold:
		if p.res != nil && p.gridN != int(p.gridSlider.Value) {
			p.decodeFigure(viewManifold)
		}
	case viewSamples:
		if p.res != nil && p.samplesN == 0 {
			p.decodeFigure(viewSamples)
		}
	}
}

// indexEntry returns an entry for a test digit index that calls set on
// Enter with a valid number.
func indexEntry(set func(int)) *escEntry {
	e := newEntry()
	e.SetPlaceHolder("index, Enter")
	e.OnSubmitted = func(t string) {
		if i, err := strconv.Atoi(strings.TrimSpace(t)); err == nil && i >= 0 {
			set(i)
		}
	}
	return e
}

// visible tells the panel whether its tab is shown: it encodes only then.
// Once hidden, the model of the run shown lets go of the buffers the
// interpolations grew.
func (p *latentPanel) visible(on bool) {
	p.shown = on
	if on && (p.res == nil || p.res.run.ID != p.chooser.id) {
		p.compute()
	}
	if !on && p.res != nil {
		go releaseBuffers(p.res.run, p.res.model)
	}
}

// runsChanged follows the list of runs and the run chosen in the side
// list; the newest run finished is chosen when none is. A training run is
// listed too: its scatter follows its training. A removed run's codes are
// dropped.
func (p *latentPanel) runsChanged(changed *Run) {
	var listed []*Run
	for _, r := range p.s.runs.All() {
		if r.Model() != nil || p.traces[r.ID] != nil {
			listed = append(listed, r)
		}
	}
	for id := range p.traces {
		if p.s.runs.ByID(id) == nil {
			delete(p.traces, id)
		}
	}
	if p.res != nil && (!slices.Contains(listed, p.res.run) || p.res.run.Model() != p.res.model) {
		go releaseBuffers(p.res.run, p.res.model)
		p.res = nil // a removed or retraining run: let its model and codes go
		p.clearView()
	}
	moved := p.chooser.follow(listed, changed, p.s.runs.Selected())
	if moved || (changed != nil && changed.ID == p.chooser.id && p.res == nil) {
		p.compute()
	}
}

// compute encodes the test digits with the chosen run off the UI
// goroutine, if the tab is shown. A run in training shows its live trace
// instead.
func (p *latentPanel) compute() {
	p.updateReplay()
	r := p.s.runs.ByID(p.chooser.id)
	if r == nil || !p.shown {
		return
	}
	if r.Status.Active() || r.Model() == nil {
		if tr := p.traces[r.ID]; tr != nil && tr.live != nil {
			p.showTraceFrame(r, *tr.live)
		}
		return
	}
	if p.cancel != nil {
		p.cancel()
	}
	ctx, cancel := context.WithCancel(context.Background())
	p.cancel = cancel
	p.gen++
	if p.res != nil {
		go releaseBuffers(p.res.run, p.res.model)
	}
	p.res = nil
	p.clearView()
	p.bar.SetValue(0)
	p.bar.Show()
	p.status.SetText("Encoding the test digits with " + r.Name + "…")
	gen, dm, data, limit := p.gen, modelOf(r), p.s.testSets, p.s.cfg.ValLimit
	go func() {
		res := encodeLatent(ctx, gen, dm, data, limit, func(f float64) { p.progress.Post(latentProgress{gen, f}) })
		if ctx.Err() == nil {
			p.result.PostFinal(res)
		}
	}()
}

// encodeLatent encodes the test digits (the first limit, when positive) in
// batches, each under the run's lock, fits their latent plane and renders
// the scatter.
func encodeLatent(ctx context.Context, gen int, dm drawModel, data func() (*dataset.Set, *dataset.Set, error), limit int, progress func(float64)) *latentResult {
	r, m := dm.run, dm.model
	res := &latentResult{gen: gen, run: r, model: m}
	_, test, err := data()
	if err != nil {
		res.err = fmt.Errorf("load the test images: %w", err)
		return res
	}
	if limit > 0 {
		test = test.Subset(limit)
	}
	size := test.Size()
	if in := dm.spec.Input.Size(); in != size {
		res.err = fmt.Errorf("%s takes %d inputs, not %d", dm.name, in, size)
		return res
	}
	defer releaseBuffers(r, m) // the batches of encodeBatch digits grew them
	r.Lock()
	code := m.CodeShape()
	r.Unlock()
	n, dim := test.Len(), code.Size()
	res.n, res.dim, res.pixels = n, dim, test.Pixels
	res.codes = make([]float32, 0, n*dim)
	for i := 0; i < n; i += encodeBatch {
		if ctx.Err() != nil {
			return res
		}
		k := min(encodeBatch, n-i)
		r.Lock()
		res.codes = append(res.codes, m.Encode(test.Pixels[i*size:(i+k)*size], k)...)
		r.Unlock()
		progress(float64(i+k) / float64(n))
	}
	res.labels = make([]int, n)
	for i := range n {
		res.labels[i] = test.Label(i)
	}
	if err := res.project(dm.name, dm.spec.Variational()); err != nil {
		res.err = err
	} else if names := dataset.ClassNames(r.Dataset); !slices.Equal(names, dataset.ClassNames(dataset.MNISTName)) {
		res.fig.Names = names
	}
	return res
}

// project fits the latent plane on every code, projects the codes and
// renders the scatter plot, titled with the run's name.
func (res *latentResult) project(name string, variational bool) error {
	plane, err := network.NewLatentPlane(res.codes, res.n, res.dim, variational)
	if err != nil {
		return fmt.Errorf("the latent plane of the codes: %w", err)
	}
	res.plane = plane
	res.xy = plane.Project(res.codes, res.n)
	xl, yl := planeAxes(plane)
	res.fig, err = render.ScatterPlot(fmt.Sprintf("%s: codes of %d test digits", name, res.n), xl, yl, res.xy, res.labels)
	return err
}

// planeAxes returns the axis labels of a latent plane.
func planeAxes(p *network.LatentPlane) (x, y string) {
	if p.PCA == nil {
		if p.Dim == 1 {
			return "code", ""
		}
		return "code value 1", "code value 2"
	}
	return fmt.Sprintf("PC1 (%.1f%% of variance)", 100*p.PCA.Explained[0]),
		fmt.Sprintf("PC2 (%.1f%% of variance)", 100*p.PCA.Explained[1])
}

// planeNote says what the plane of res is, for the status line.
func planeNote(res *latentResult) string {
	p := res.plane
	switch {
	case p.PCA != nil:
		return fmt.Sprintf("Codes of %d values, drawn on their first two principal components (fitted on all %d; together %.1f%% of the variance). The point under the mouse is decoded as the mean code plus x·PC1 + y·PC2.",
			res.dim, res.n, 100*(p.PCA.Explained[0]+p.PCA.Explained[1]))
	case p.Dim == 2:
		return "Codes of 2 values: the plane is the code itself, and the point under the mouse is decoded as it is."
	}
	return "Codes of 1 value: the x axis is the code."
}

// apply shows an encoded run; it runs on the UI goroutine.
func (p *latentPanel) apply(res *latentResult) {
	if res.gen != p.gen {
		return
	}
	p.bar.Hide()
	if res.err != nil {
		p.status.SetText(res.err.Error())
		return
	}
	p.res = res
	p.frame = -1
	p.status.SetText(fmt.Sprintf("%d test digits. %s Click a point to pick it; the wheel zooms, a double click shows all.", res.n, planeNote(res)))
	p.view.ResetZoom()
	p.view.SetFigure(res.fig)
	if p.a < 0 || p.a >= res.n {
		p.a = 0
	}
	if p.b < 0 || p.b >= res.n {
		p.b = min(1, res.n-1)
	}
	p.showPicks()
	p.updateReplay()
	variational := res.run.Spec.Variational() // the model may be in use on another goroutine
	p.mode.Options = []string{viewScatter, viewManifold}
	if variational {
		p.mode.Options = append(p.mode.Options, viewSamples)
	} else if p.mode.Selected == viewSamples {
		p.mode.Selected = viewScatter
	}
	p.mode.Refresh()
	p.gridN, p.samplesN = 0, 0
	p.showMode()
}

// hover decodes the point (x, y) of the plane under the mouse, off the UI
// goroutine: one decode at a time, the latest point next.
func (p *latentPanel) hover(x, y float64) {
	if p.res == nil || p.frame >= 0 || p.res.plane == nil {
		return
	}
	p.hoverAt = [2]float64{x, y}
	p.hoverN++
	if !p.hoverBusy {
		p.decodeHover()
	}
}

// decodeHover decodes the last point the mouse was at.
func (p *latentPanel) decodeHover() {
	p.hoverBusy = true
	n, at, res := p.hoverN, p.hoverAt, p.res
	go func() {
		code := res.plane.Code(at[0], at[1], nil)
		res.run.Lock()
		out := grayDigit(res.model.Decode(code, 1))
		res.run.Unlock()
		p.hovered.PostFinal(hoverResult{n: n, res: res, x: at, img: out})
	}()
}

// showHover shows a decoded point and decodes the next, if the mouse moved
// meanwhile; it runs on the UI goroutine.
func (p *latentPanel) showHover(h hoverResult) {
	p.hoverBusy = false
	if h.res != p.res {
		return
	}
	setImage(p.hoverImg, h.img)
	p.hoverDone = h.n
	p.hoverInfo.SetText(fmt.Sprintf("The decoder's digit at (%.2f, %.2f)", h.x[0], h.x[1]))
	if p.hoverN != h.n {
		p.decodeHover()
	}
}

// decodeFigure decodes the manifold or a page of samples off the UI
// goroutine.
func (p *latentPanel) decodeFigure(kind string) {
	res := p.res
	if res == nil || res.plane == nil {
		return
	}
	p.figureN++
	n, grid, seed := p.figureN, int(p.gridSlider.Value), p.sampleSeed
	go func() {
		f := latentFigure{n: n, res: res, kind: kind, grid: grid}
		res.run.Lock()
		if kind == viewManifold {
			xs, ys := res.plane.Grid(grid)
			f.img = render.Mosaic(res.model.DecodePlane(res.plane, xs, ys), grid, grid, 28, 28)
		} else {
			pix, _ := res.model.SamplePrior(samplesSide*samplesSide, seed)
			f.img, f.count = render.Mosaic(pix, samplesSide, samplesSide, 28, 28), samplesSide*samplesSide
		}
		res.run.Unlock()
		var b bytes.Buffer
		if err := png.Encode(&b, f.img); err != nil {
			f.err = err
		}
		f.png = b.Bytes()
		p.figures.PostFinal(f)
	}()
}

// showFigure shows a decoded manifold or page of samples; it runs on the
// UI goroutine.
func (p *latentPanel) showFigure(f latentFigure) {
	if f.res != p.res || f.n != p.figureN {
		return
	}
	if f.kind == viewManifold {
		setImage(p.manifoldImg, f.img)
		p.gridN, p.manifoldPNG = f.grid, f.png
		return
	}
	setImage(p.sampleImg, f.img)
	p.samplesN = f.count
}

// exportManifold asks where to save the manifold shown as PNG.
func (p *latentPanel) exportManifold() {
	if p.res == nil || p.manifoldPNG == nil {
		p.s.showError(errNoRun)
		return
	}
	data := p.manifoldPNG
	p.s.saveAs(saveRequest{
		title: "Export the manifold",
		what:  "the manifold",
		file:  fileName(p.res.run.Name) + fmt.Sprintf("-manifold-%dx%d.png", p.gridN, p.gridN),
		ext:   ".png",
		write: func(path string) error { return writeBytesAtomic(path, data) },
	})
}

// pick is called with the point a click selected: it sets A or B, as the
// radio says, and moves the radio to the other.
func (p *latentPanel) pick(i int) {
	if p.frame >= 0 {
		return // a replayed frame shows the subset, not the test digits
	}
	if p.which.Selected == "B" {
		p.setPick(1, i)
		p.which.SetSelected("A")
	} else {
		p.setPick(0, i)
		p.which.SetSelected("B")
	}
}

// setPick sets digit A (which 0) or B (which 1) to test digit i.
func (p *latentPanel) setPick(which, i int) {
	if p.res == nil || i < 0 || i >= p.res.n {
		return
	}
	if which == 0 {
		p.a = i
	} else {
		p.b = i
	}
	p.showPicks()
}

// showPicks shows A and B and interpolates between them.
func (p *latentPanel) showPicks() {
	res := p.res
	size := len(res.pixels) / max(res.n, 1)
	show := func(name string, i int, img *canvas.Image, info *widget.Label, e *escEntry) {
		setImage(img, grayDigit(res.pixels[i*size:(i+1)*size]))
		x, y := res.xy[2*i], res.xy[2*i+1]
		info.SetText(fmt.Sprintf("%s: test #%d, %s\nat (%.2f, %.2f)", name, i, latentClassText(res.run.Dataset, res.labels[i]), x, y))
		e.SetText(strconv.Itoa(i))
	}
	show("A", p.a, p.digitA, p.infoA, p.entryA)
	show("B", p.b, p.digitB, p.infoB, p.entryB)
	p.view.SetMarks([]plotMark{
		{X: res.xy[2*p.a], Y: res.xy[2*p.a+1], Color: theme.ColorNameForeground},
		{X: res.xy[2*p.b], Y: res.xy[2*p.b+1], Color: theme.ColorNameError},
	})
	p.interpN++
	n, r, m, dim := p.interpN, res.run, res.model, res.dim
	codeA := res.codes[p.a*dim : (p.a+1)*dim]
	codeB := res.codes[p.b*dim : (p.b+1)*dim]
	go func() {
		r.Lock()
		out := m.Interpolate(codeA, codeB, interpSteps)
		r.Unlock()
		p.interp.Post(interpResult{n: n, img: digitRow(out, interpSteps, size), len: interpSteps})
	}()
}

// clearView empties the scatter and its marks.
func (p *latentPanel) clearView() {
	p.view.SetFigure(nil)
	p.view.SetMarks(nil)
}

// latentClassText names label l of a dataset for the picks: "a 7" for a
// digit, the class name ("Ankle boot") for Fashion-MNIST.
func latentClassText(datasetName string, l int) string {
	if n, _ := dataset.BuiltinName(datasetName); n == dataset.FashionName {
		return dataset.ClassName(datasetName, l)
	}
	return fmt.Sprintf("a %d", l)
}
