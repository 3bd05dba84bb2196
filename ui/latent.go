package ui

import (
	"context"
	"fmt"
	"image"
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
	encodeBatch                 = 500  // digits encoded per lock of the model
	pcaFitMax                   = 3000 // digits the PCA is fitted on (all are projected)
	interpSteps                 = 10   // images in the interpolation strip
)

// latentPanel is the Latent space tab: a run's codes of the test digits,
// projected to two dimensions by PCA and drawn as a scatter coloured by
// label; clicking points picks digits A and B, whose codes are interpolated
// and decoded.
type latentPanel struct {
	s        *Studio
	runSel   *widget.Select
	ids      []int // the run ID of each of runSel's options
	selID    int   // the run shown, 0 for none
	syncing  bool  // set while runsChanged sets runSel
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

// latentResult is a run's encoded test digits and their projection.
type latentResult struct {
	gen      int
	run      *Run
	model    *network.Model
	err      error
	n, dim   int
	codes    []float32 // n×dim
	pixels   []float32 // n×784, the digits encoded
	labels   []int
	xy       []float64 // n×2 PCA coordinates
	fig      *render.Scatter
	explain  [2]float64
	fittedOn int
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

func newLatentPanel(s *Studio) *latentPanel {
	p := &latentPanel{s: s, a: -1, b: -1}
	p.runSel = widget.NewSelect(nil, func(string) {
		if p.syncing {
			return
		}
		p.selID = 0
		if i := p.runSel.SelectedIndex(); i >= 0 && i < len(p.ids) {
			p.selID = p.ids[i]
		}
		p.compute()
	})
	p.runSel.PlaceHolder = "(train a run first)"
	p.bar = widget.NewProgressBar()
	p.bar.Hide()
	p.status = widget.NewLabel("Pick a trained run to see its codes of the test digits.")
	p.status.Wrapping = fyne.TextWrapWord
	p.view = newPlotView(s.cfg.Do, fyne.NewSize(scatterWidth/2, scatterHeight/2))
	p.view.onTap = func(h render.Hit) { p.pick(h.Index) }
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

	top := container.NewVBox(
		container.NewBorder(nil, nil, boldLabel("Run"), nil, p.runSel),
		p.bar, p.status)
	bottom := container.NewVBox(
		boldLabel(fmt.Sprintf("Decoded codes on the line from A to B (%d steps)", interpSteps)),
		p.strip)
	p.content = container.NewBorder(top, bottom, nil, fixedWidth(260, side), p.view)
	s.runs.OnChange(p.runsChanged)
	return p
}

// pickSide is the on-screen size of a picked digit: 3× MNIST, which
// leaves room for its description in the side panel.
const pickSide = 84

// picksView builds the side panel where digits A and B are picked: by a
// click on the scatter (which sets the one chosen here) or by index.
func (p *latentPanel) picksView() fyne.CanvasObject {
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
		boldLabel("Pick digits"),
		container.NewHBox(widget.NewLabel("A click sets"), p.which),
		pickBox(p.entryA, p.digitA, p.infoA),
		pickBox(p.entryB, p.digitB, p.infoB),
	)
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
	if on && (p.res == nil || p.res.run.ID != p.selID) {
		p.compute()
	}
	if !on && p.res != nil {
		go releaseBuffers(p.res.run, p.res.model)
	}
}

// runsChanged follows the list of trained runs and the run chosen in the
// side list; the newest run finished is chosen when none is. A removed
// run's codes are dropped.
func (p *latentPanel) runsChanged(changed *Run) {
	trained := p.s.runs.Trained()
	ids := make([]int, len(trained))
	names := make([]string, len(trained))
	for i, r := range trained {
		ids[i], names[i] = r.ID, r.Name
	}
	cur := p.selID
	if sel := p.s.runs.Selected(); changed == nil && sel != nil && slices.Contains(ids, sel.ID) {
		cur = sel.ID // follow the side list
	}
	if !slices.Contains(ids, cur) {
		cur = 0
		if n := len(ids); n > 0 {
			cur = ids[n-1]
		}
	}
	if p.res != nil && !slices.Contains(ids, p.res.run.ID) {
		go releaseBuffers(p.res.run, p.res.model)
		p.res = nil // a removed or retraining run: let its model and codes go
		p.clearView()
	}
	p.syncing = true
	if !slices.Equal(ids, p.ids) || !slices.Equal(names, p.runSel.Options) {
		p.ids = ids
		p.runSel.SetOptions(names)
	}
	if i := slices.Index(ids, cur); i >= 0 {
		p.runSel.SetSelectedIndex(i)
	} else {
		p.runSel.ClearSelected()
	}
	p.syncing = false
	if cur != p.selID {
		p.selID = cur
		p.compute()
	}
}

// compute encodes the test digits with the chosen run off the UI
// goroutine, if the tab is shown.
func (p *latentPanel) compute() {
	r := p.s.runs.ByID(p.selID)
	if r == nil || r.Model() == nil || r.Status.Active() || !p.shown {
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
// batches, each under the run's lock, fits a 2-D PCA and renders the scatter.
func encodeLatent(ctx context.Context, gen int, dm drawModel, data func() (*dataset.Set, *dataset.Set, error), limit int, progress func(float64)) *latentResult {
	r, m := dm.run, dm.model
	res := &latentResult{gen: gen, run: r, model: m}
	_, test, err := data()
	if err != nil {
		res.err = fmt.Errorf("load MNIST: %w", err)
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
	if err := res.project(dm.name); err != nil {
		res.err = err
	}
	return res
}

// project fits a 2-D PCA to the first pcaFitMax codes, projects every code
// and renders the scatter plot, titled with the run's name.
func (res *latentResult) project(name string) error {
	n, dim := res.n, res.dim
	res.fittedOn = min(n, pcaFitMax)
	pca, err := network.FitPCA(res.codes[:res.fittedOn*dim], res.fittedOn, dim, min(2, dim))
	if err != nil {
		return fmt.Errorf("PCA of the codes: %w", err)
	}
	proj := pca.Transform(res.codes, n)
	res.xy = make([]float64, 2*n)
	k := len(pca.Explained)
	for i := range n {
		res.xy[2*i] = proj[i*k]
		if k > 1 {
			res.xy[2*i+1] = proj[i*k+1]
		}
	}
	copy(res.explain[:], pca.Explained)
	res.fig, err = render.ScatterPlot(
		fmt.Sprintf("%s: codes of %d test digits", name, n),
		fmt.Sprintf("PC1 (%.1f%% of variance)", 100*res.explain[0]),
		fmt.Sprintf("PC2 (%.1f%% of variance)", 100*res.explain[1]),
		res.xy, res.labels)
	return err
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
	p.status.SetText(fmt.Sprintf("%d test digits, codes of %d values, projected on their first two principal components (fitted on %d digits; together %.1f%% of the variance). Click a point to pick it; the wheel zooms, a double click shows all.",
		res.n, res.dim, res.fittedOn, 100*(res.explain[0]+res.explain[1])))
	p.view.ResetZoom()
	p.view.SetFigure(res.fig)
	if p.a < 0 || p.a >= res.n {
		p.a = 0
	}
	if p.b < 0 || p.b >= res.n {
		p.b = min(1, res.n-1)
	}
	p.showPicks()
}

// pick is called with the point a click selected: it sets A or B, as the
// radio says, and moves the radio to the other.
func (p *latentPanel) pick(i int) {
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
		info.SetText(fmt.Sprintf("%s: test #%d, a %d\nat (%.2f, %.2f)", name, i, res.labels[i], x, y))
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
