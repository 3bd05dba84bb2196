package ui

import (
	"fmt"
	"image"
	"math/rand/v2"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

// Gallery geometry and sampling.
const (
	galleryCell     = 56    // on-screen size of a digit
	galleryNoise    = 0x6a1 // seeds the noisy inputs shown for denoising runs
	sparsitySamples = 512   // test digits the sparsity figures average over
)

// galleryPanel is the Gallery tab: the same test digits through several
// trained runs, with each reconstruction's error and each code as a picture.
type galleryPanel struct {
	s       *Studio
	count   *widget.Select
	fresh   *escButton
	pick    *runPicker
	indices []int // the test digits shown
	body    *fyne.Container
	note    *widget.Label
	gen     int           // numbers the requests; only the newest result is shown
	applied int           // the generation shown, for tests
	last    galleryResult // the pictures shown, for the PNG export
	rng     *rand.Rand
	result  *bridge[galleryResult]
	content fyne.CanvasObject
}

// galleryResult is what a gallery computation hands to the UI.
type galleryResult struct {
	gen       int
	err       error
	dataset   string // the name of the set the originals come from
	originals []image.Image
	labels    []int
	rows      []galleryRow
}

// captions returns the captions of the originals: their class names (see
// classText), "digit 7" for MNIST.
func (res galleryResult) captions() []string {
	out := make([]string, len(res.labels))
	for i, l := range res.labels {
		out[i] = classText(res.dataset, l, "digit ")
	}
	return out
}

// galleryRow holds one run's pictures of the shown digits.
type galleryRow struct {
	run      *Run
	noisy    []image.Image // nil unless denoising
	recon    []image.Image
	mse      []float64
	codes    []image.Image
	code     network.Shape
	sparsity string // mean activation and share of zeros, for sparse runs
}

func newGalleryPanel(s *Studio) *galleryPanel {
	p := &galleryPanel{s: s, rng: rand.New(rand.NewPCG(uint64(s.cfg.Seed), 7))}
	p.count = widget.NewSelect([]string{"6", "8", "10", "12"}, func(string) { p.resample(false) })
	p.fresh = newButton("New samples", theme.ViewRefreshIcon(), func() { p.resample(true) })
	p.pick = newRunPicker(p.refresh)
	p.note = widget.NewLabel("")
	p.note.Importance = widget.LowImportance
	p.note.Wrapping = fyne.TextWrapWord
	p.body = container.NewVBox()
	p.result = newBridge(s.cfg.Do, p.apply)
	top := container.NewVBox(
		container.NewHBox(boldLabel("Digits"), p.count, p.fresh, widget.NewSeparator(), boldLabel("Compare runs:")),
		p.pick.content, p.note)
	p.content = container.NewBorder(top, nil, nil, nil, container.NewScroll(p.body))
	s.runs.OnChange(p.runsChanged)
	p.count.SetSelected("8")
	return p
}

// resample picks which test digits to show: the first ones, or random ones.
func (p *galleryPanel) resample(random bool) {
	n, _ := strconv.Atoi(p.count.Selected)
	n = max(n, 1)
	if !random && len(p.indices) == n {
		return
	}
	p.indices = p.indices[:0]
	for i := range n {
		if random {
			p.indices = append(p.indices, p.rng.IntN(10000))
		} else {
			p.indices = append(p.indices, i)
		}
	}
	p.refresh()
}

// runsChanged follows the list of trained runs: a run that finishes
// training, or that is selected, is ticked.
func (p *galleryPanel) runsChanged(changed *Run) {
	var sel *Run
	if changed == nil {
		sel = p.s.runs.Selected()
	}
	if p.pick.sync(p.s.runs.Trained(), changed, sel) {
		p.refresh() // not on every progress report of a run in training
	}
}

// refresh recomputes the gallery off the UI goroutine.
func (p *galleryPanel) refresh() {
	if len(p.indices) == 0 {
		return
	}
	p.gen++
	gen, idx := p.gen, append([]int(nil), p.indices...)
	runs := p.pick.runs(p.s.runs.Trained())
	name := galleryDataset(runs)
	if len(runs) == 0 {
		p.note.SetText("Tick trained runs above to compare their reconstructions of the same digits.")
	} else {
		note := "Under each reconstruction: its mean squared error against the original. Codes are drawn black (lowest) to white (highest value of the run)."
		for _, r := range runs[1:] {
			if runDataset(r) != name {
				note = fmt.Sprintf("The %s test %s, which %s trained on: runs trained on other images see them as strangers. ",
					name, imagesNoun(name), runs[0].Name) + note
				break
			}
		}
		p.note.SetText(note)
	}
	models := make([]drawModel, len(runs))
	for i, r := range runs {
		models[i] = modelOf(r)
	}
	load := p.s.testSetFor(name)
	go func() { p.result.PostFinal(computeGallery(gen, load, idx, models)) }() // apply drops stale results
}

// galleryDataset returns the name of the dataset whose test images the
// gallery shows for the ticked runs: the one the first of them trained on,
// MNIST when none is ticked.
func galleryDataset(runs []*Run) string {
	if len(runs) == 0 {
		return dataset.MNISTName
	}
	return runDataset(runs[0])
}

// computeGallery runs the images idx of the test set load returns through
// the runs.
func computeGallery(gen int, load func() (*dataset.Set, error), idx []int, runs []drawModel) galleryResult {
	res := galleryResult{gen: gen}
	test, err := load()
	if err != nil {
		res.err = fmt.Errorf("gallery: load the test images: %w", err)
		return res
	}
	res.dataset = test.Name
	size := test.Size()
	clean := make([]float32, 0, len(idx)*size)
	for _, i := range idx {
		i %= test.Len()
		clean = append(clean, test.Image(i)...)
		res.labels = append(res.labels, test.Label(i))
	}
	n := len(idx)
	res.originals = digitImages(clean, n, size)
	for _, dm := range runs {
		res.rows = append(res.rows, runGallery(dm, test, clean, n, size))
	}
	return res
}

// runGallery computes one run's row of the gallery, using its model under
// its lock and releasing the buffers the model grew.
func runGallery(dm drawModel, test *dataset.Set, clean []float32, n, size int) galleryRow {
	r, m := dm.run, dm.model
	row := galleryRow{run: r}
	in := noisyInput(clean, dm.spec.Train.Noise, galleryNoise, uint64(n))
	if dm.spec.Train.Noise > 0 {
		row.noisy = digitImages(in, n, size)
	}
	r.Lock()
	defer r.Unlock()
	defer m.ReleaseBuffers() // before Unlock: the run is idle again
	out := append([]float32(nil), m.Predict(in, n)...)
	codes := append([]float32(nil), m.Encode(in, n)...)
	row.code = m.CodeShape()
	row.recon = digitImages(out, n, size)
	for i := range n {
		row.mse = append(row.mse, network.MSE.Value(out[i*size:(i+1)*size], clean[i*size:(i+1)*size]))
	}
	lo, hi := render.Range(codes)
	cs := row.code.Size()
	for i := range n {
		row.codes = append(row.codes, codeImage(render.CodeTiles(codes[i*cs:(i+1)*cs], row.code, lo, hi)))
	}
	if c := codeIndex(dm.spec); c >= 0 && !dm.spec.Layers[c].ActivityRegularizer.Zero() {
		k := min(sparsitySamples, test.Len())
		mean, zeros := network.CodeStats(m.Encode(test.Pixels[:k*size], k))
		row.sparsity = fmt.Sprintf("sparse code over %d test %s: mean activation %.3g, %.0f%% zeros", k, imagesNoun(test.Name), mean, 100*zeros)
	}
	return row
}

// noisyInput returns clean with Gaussian noise of the given factor added by
// dataset.AddNoise, drawn from a PCG seeded with seed and stream, or clean
// itself when factor is not positive. The same seeds give the same noise.
func noisyInput(clean []float32, factor float64, seed, stream uint64) []float32 {
	if factor <= 0 {
		return clean
	}
	out := make([]float32, len(clean))
	dataset.AddNoise(out, clean, float32(factor), rand.New(rand.NewPCG(seed, stream)))
	return out
}

// digitImages draws n images of size pixels each, at scale 2.
func digitImages(pix []float32, n, size int) []image.Image {
	side := sideOf(size)
	out := make([]image.Image, n)
	for i, t := range render.Tiles(pix, n, side, size/side) {
		out[i] = render.Grid([][]render.Tile{{t}}, 2, 0)
	}
	return out
}

// codeImage lays a code's tiles out as one picture: a flat code as its
// single tile, feature maps in a near-square grid.
func codeImage(tiles []render.Tile) image.Image {
	if len(tiles) == 1 {
		t := tiles[0]
		return render.Grid([][]render.Tile{{t}}, max(1, 64/max(t.Width, t.Height)), 0)
	}
	cols := 1
	for cols*cols < len(tiles) {
		cols++
	}
	var rows [][]render.Tile
	for i := 0; i < len(tiles); i += cols {
		rows = append(rows, tiles[i:min(i+cols, len(tiles))])
	}
	side := max(tiles[0].Width, tiles[0].Height) * cols
	return render.Grid(rows, max(1, 64/side), 1)
}

// apply shows a gallery result; it runs on the UI goroutine.
func (p *galleryPanel) apply(res galleryResult) {
	if res.gen != p.gen {
		return // a newer request is on its way
	}
	p.applied = res.gen
	p.last = res
	if res.err != nil {
		msg := widget.NewLabel(res.err.Error())
		msg.Importance = widget.DangerImportance
		p.body.Objects = []fyne.CanvasObject{msg}
		p.body.Refresh()
		return
	}
	n := len(res.originals)
	grid := container.NewGridWithColumns(n + 1)
	addGalleryRow(grid, "original", imageCells(res.originals, res.captions()))
	objs := []fyne.CanvasObject{grid}
	for _, row := range res.rows {
		objs = append(objs, galleryRunView(row, n)...)
	}
	p.body.Objects = objs
	p.body.Refresh()
}

// galleryRunView shows one run's row of the gallery for n digits: its
// heading, then its noisy inputs, outputs and codes under captions.
func galleryRunView(row galleryRow, n int) []fyne.CanvasObject {
	grid := container.NewGridWithColumns(n + 1)
	if row.noisy != nil {
		addGalleryRow(grid, "noisy input", imageCells(row.noisy, nil))
	}
	mse := make([]string, n)
	for i, v := range row.mse {
		mse[i] = fmt.Sprintf("MSE %.4f", v)
	}
	addGalleryRow(grid, "output", imageCells(row.recon, mse))
	codeCells := make([]fyne.CanvasObject, len(row.codes))
	for i, img := range row.codes {
		codeCells[i] = codeCell(img)
	}
	addGalleryRow(grid, "code "+row.code.String(), codeCells)
	head := boldLabel(row.run.Name + " — " + runFacts(row.run))
	parts := []fyne.CanvasObject{widget.NewSeparator(), head}
	if row.sparsity != "" {
		sp := widget.NewLabel(row.sparsity)
		sp.Importance = widget.MediumImportance
		parts = append(parts, sp)
	}
	return append(parts, grid)
}

// addGalleryRow adds a bold caption and the cells after it to grid.
func addGalleryRow(grid *fyne.Container, caption string, cells []fyne.CanvasObject) {
	c := widget.NewLabelWithStyle(caption, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	c.Wrapping = fyne.TextWrapWord
	grid.Add(container.NewVBox(layout.NewSpacer(), c, layout.NewSpacer()))
	for _, o := range cells {
		grid.Add(o)
	}
}

// imageCells shows imgs as gallery cells, each captioned by its note when
// notes is not nil.
func imageCells(imgs []image.Image, notes []string) []fyne.CanvasObject {
	out := make([]fyne.CanvasObject, len(imgs))
	for i, img := range imgs {
		note := ""
		if notes != nil {
			note = notes[i]
		}
		out[i] = imageCell(img, note)
	}
	return out
}

// runFacts sums a run up for the gallery heading.
func runFacts(r *Run) string {
	s := r.Status.String()
	if n := len(r.History); n > 0 {
		s += fmt.Sprintf(", %s, validation MSE %.4f", plural(n, "epoch"), r.History[n-1].ValMSE)
	}
	if pr := r.Progress; r.Status == RunStopped && pr.Epochs > 0 && !pr.EpochDone {
		// Fit went back to the weights of the last finished epoch.
		kept := "its initial weights"
		if n := len(r.History); n > 0 {
			kept = fmt.Sprintf("weights of epoch %d", r.History[n-1].Epoch)
		}
		s += fmt.Sprintf(" during epoch %d (%s)", pr.Epoch, kept)
	}
	if r.SecondsPerEpoch > 0 {
		s += ", " + perEpoch(r.SecondsPerEpoch)
	}
	return s
}

// imageCell shows an image at gallery size with a caption under it.
func imageCell(img image.Image, caption string) fyne.CanvasObject {
	ci := canvas.NewImageFromImage(img)
	ci.FillMode = canvas.ImageFillContain
	ci.ScaleMode = canvas.ImageScalePixels
	ci.SetMinSize(fyne.NewSize(galleryCell, galleryCell))
	if caption == "" {
		return ci
	}
	t := canvas.NewText(caption, theme.Color(theme.ColorNameForeground))
	t.TextSize = theme.CaptionTextSize()
	t.Alignment = fyne.TextAlignCenter
	return container.NewVBox(ci, t)
}

// plural formats a count with its noun: 1 epoch, 2 epochs.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// codeCell shows a code picture at its own aspect ratio, at most 96×56,
// centred in its cell.
func codeCell(img image.Image) fyne.CanvasObject {
	b := img.Bounds()
	scale := min(96/float32(b.Dx()), 56/float32(b.Dy()))
	ci := canvas.NewImageFromImage(img)
	ci.FillMode = canvas.ImageFillContain
	ci.ScaleMode = canvas.ImageScalePixels
	ci.SetMinSize(fyne.NewSize(float32(b.Dx())*scale, float32(b.Dy())*scale))
	return container.NewCenter(ci)
}

// perEpoch formats seconds per epoch with two significant digits below
// ten seconds ("0.042 s/epoch", "1.6 s/epoch") and whole seconds above.
func perEpoch(s float64) string {
	if s < 10 {
		return strconv.FormatFloat(s, 'g', 2, 64) + " s/epoch"
	}
	return fmt.Sprintf("%.0f s/epoch", s)
}
