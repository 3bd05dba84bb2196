package ui

import (
	"fmt"
	"image"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

// Features tab measures.
const (
	featureTop  = 9  // test images shown for the unit clicked
	featureSide = 56 // on-screen size of a unit's picture
)

// featuresPanel is the Features tab: what a trained run learned. For a
// run whose first layer with weights is dense, each unit's input weights
// as a picture (normalised as in UFLDL), sorted by how often the unit
// fires on the test images; clicking a unit shows the test images that
// excite it most. For a run with convolutions, every filter and the
// feature maps, layer by layer, of one test image or of the digit drawn on
// the Draw tab.
type featuresPanel struct {
	s       *Studio
	chooser *runChooser
	runSel  *widget.Select // the chooser's
	status  *widget.Label
	units   *fyne.Container // the unit pictures, tappable
	topInfo *widget.Label
	top     *canvas.Image      // the images exciting the unit clicked
	source  *widget.RadioGroup // whose feature maps: a test image's or the drawn digit's
	index   *escEntry          // the test image whose feature maps are shown
	filters *canvas.Image
	maps    *canvas.Image
	conv    fyne.CanvasObject // the filters and maps, shown for conv models
	content fyne.CanvasObject

	shown    bool
	gen      int
	res      *featuresResult
	imgIdx   int
	drawnGen int // the Draw tab's drawing the maps were asked for (see drawPanel.Digit)
	result   *bridge[*featuresResult]
}

// The choices of the feature maps' source.
const (
	mapsOfTest  = "test image #"
	mapsOfDrawn = "the drawn digit"
)

// mapSource is the image whose feature maps the Features tab draws: test
// image index, or with drawn the digit drawn on the Draw tab, pix (nil
// when the pad holds none).
type mapSource struct {
	index int
	drawn bool
	pix   []float32
}

// featuresResult is what a run learned, drawn.
type featuresResult struct {
	gen      int
	err      error
	name     string
	test     *dataset.Set
	summary  string
	units    []image.Image // by unit
	act      *network.UnitActivity
	filters  image.Image
	maps     image.Image // nil without convolutions, or without a drawn digit
	mapIndex int         // the test image of maps, -1 for the drawn digit
}

func newFeaturesPanel(s *Studio) *featuresPanel {
	p := &featuresPanel{s: s}
	p.chooser = newRunChooser(p.compute)
	p.runSel = p.chooser.sel
	p.status = widget.NewLabel("Pick a trained run to see what its units and filters learned.")
	p.status.Wrapping = fyne.TextWrapWord
	p.units = container.NewGridWrap(fyne.NewSize(featureSide+8, featureSide+24))
	p.topInfo = widget.NewLabel("Click a unit to see the test images that excite it most.")
	p.top = canvas.NewImageFromImage(blankImage(1, 1))
	p.top.FillMode = canvas.ImageFillContain
	p.top.ScaleMode = canvas.ImageScalePixels
	p.top.SetMinSize(fyne.NewSize(featureTop*60, 60))
	p.index = indexEntry(func(i int) { p.imgIdx = i; p.compute() })
	p.source = widget.NewRadioGroup([]string{mapsOfTest, mapsOfDrawn}, func(choice string) {
		if choice == mapsOfDrawn {
			p.index.Disable()
		} else {
			p.index.Enable()
		}
		p.compute()
	})
	p.source.Horizontal = true
	p.source.Required = true
	p.source.Selected = mapsOfTest
	p.filters = sheetImage()
	p.maps = sheetImage()
	p.result = newBridge(s.cfg.Do, p.apply)
	p.conv = container.NewVBox(
		boldLabel("Filters of every convolution"), p.filters,
		container.NewBorder(nil, nil, container.NewHBox(boldLabel("Feature maps of"), p.source), nil, p.index), p.maps)
	p.conv.Hide()
	p.content = container.NewBorder(
		container.NewVBox(container.NewBorder(nil, nil, boldLabel("Run"), nil, p.runSel), p.status), nil, nil, nil,
		container.NewVScroll(container.NewVBox(p.units, p.topInfo, p.top, p.conv)))
	s.runs.OnChange(p.runsChanged)
	return p
}

// sheetImage returns an image view for a contact sheet, shown at its own
// size.
func sheetImage() *canvas.Image {
	ci := canvas.NewImageFromImage(blankImage(1, 1))
	ci.FillMode = canvas.ImageFillOriginal
	ci.ScaleMode = canvas.ImageScalePixels
	return ci
}

// visible tells the panel whether its tab is shown: it computes only then,
// again when the maps shown are of a digit drawn since.
func (p *featuresPanel) visible(on bool) {
	p.shown = on
	if !on {
		return
	}
	if _, gen := p.s.draw.Digit(); p.res == nil || (p.source.Selected == mapsOfDrawn && gen != p.drawnGen) {
		p.compute()
	}
}

// runsChanged follows the trained runs, as the Latent space tab does.
func (p *featuresPanel) runsChanged(changed *Run) {
	if p.chooser.follow(p.s.runs.Trained(), changed, p.s.runs.Selected()) {
		p.res = nil
		p.compute()
	}
}

// compute measures the chosen run off the UI goroutine, if the tab is
// shown.
func (p *featuresPanel) compute() {
	r := p.s.runs.ByID(p.chooser.id)
	if r == nil || r.Model() == nil || r.Status.Active() || !p.shown {
		return
	}
	p.gen++
	p.status.SetText("Measuring the units of " + r.Name + " on the test images…")
	src := mapSource{index: p.imgIdx}
	if p.source.Selected == mapsOfDrawn {
		src.drawn = true
		src.pix, p.drawnGen = p.s.draw.Digit()
	}
	gen, dm, load := p.gen, modelOf(r), p.s.testSetFor(runDataset(r))
	go func() { p.result.PostFinal(learnedFeatures(gen, dm, load, src)) }()
}

// learnedFeatures measures and draws what the run's model learned, with
// the feature maps of src, under the run's lock.
func learnedFeatures(gen int, dm drawModel, load func() (*dataset.Set, error), src mapSource) *featuresResult {
	res := &featuresResult{gen: gen, name: dm.name}
	test, err := load()
	if err != nil {
		res.err = err
		return res
	}
	res.test = test
	defer releaseBuffers(dm.run, dm.model)
	dm.run.Lock()
	defer dm.run.Unlock()
	m := dm.model
	var parts []string
	if layer, ok := m.FirstDense(); ok {
		imgs, err := m.UnitFeatures(layer)
		if err == nil {
			res.act, err = m.Activity(network.Data{X: test.Pixels, N: test.Len()}, layer, featureTop)
		}
		if err != nil {
			res.err = err
			return res
		}
		h, w := unitShape(m.Layers()[layer].InShape().Size(), test)
		for _, img := range imgs {
			res.units = append(res.units, render.Grid([][]render.Tile{{{Pix: img, Width: w, Height: h}}}, 2, 0))
		}
		dead := 0
		for _, r := range res.act.Rates {
			if r == 0 {
				dead++
			}
		}
		parts = append(parts, fmt.Sprintf("%d units of %s, sorted by how often they fire on the %d %s test images (from %.0f%% to %.0f%%; units that never fire: %d). Mid grey is a zero weight; white and black the unit's strongest.",
			len(imgs), m.Layers()[layer].Name(), test.Len(), test.Name, 100*res.act.Rates[res.act.Order[0]], 100*res.act.Rates[res.act.Order[len(imgs)-1]], dead))
	}
	if banks := m.ConvFilters(); len(banks) > 0 {
		res.filters = render.FilterSheet(banks)
		part, err := res.drawMaps(m, test, src)
		if err != nil {
			res.err = err
			return res
		}
		parts = append(parts, fmt.Sprintf("%d convolutions: their filters, %s", len(banks), part))
	}
	if len(parts) == 0 {
		parts = append(parts, dm.name+" has neither a dense layer on its pixels nor convolutions: no features to draw.")
	}
	res.summary = strings.Join(parts, " ")
	return res
}

// drawMaps draws the feature maps of src under m into res.maps and says
// whose they are.
func (res *featuresResult) drawMaps(m *network.Model, test *dataset.Set, src mapSource) (string, error) {
	if src.drawn {
		res.mapIndex = -1
		if src.pix == nil {
			return "and no feature maps: draw a digit on the Draw tab to see its maps here.", nil
		}
		maps, err := m.FeatureMaps(src.pix)
		if err != nil {
			return "", fmt.Errorf("feature maps of the drawn digit: %w", err)
		}
		res.maps = render.MapSheet(maps, src.pix, dataset.DigitSize, dataset.DigitSize, "drawn digit", "")
		return "and the feature maps of the digit drawn on the Draw tab.", nil
	}
	res.mapIndex = min(max(src.index, 0), test.Len()-1)
	maps, err := m.FeatureMaps(test.Image(res.mapIndex))
	if err != nil {
		return "", fmt.Errorf("feature maps of test image #%d: %w", res.mapIndex, err)
	}
	res.maps = render.MapSheet(maps, test.Image(res.mapIndex), test.Width, test.Height,
		fmt.Sprintf("test #%d", res.mapIndex), dataset.ClassName(test.Name, test.Label(res.mapIndex)))
	return fmt.Sprintf("and the feature maps of test image #%d.", res.mapIndex), nil
}

// unitShape returns the height and width a unit's n input weights are
// drawn at: the test images' when they match, else a square or a row.
func unitShape(n int, test *dataset.Set) (h, w int) {
	if test.Size() == n {
		return test.Height, test.Width
	}
	for s := 1; s*s <= n; s++ {
		if s*s == n {
			return s, s
		}
	}
	return 1, n
}

// apply shows what a run learned; it runs on the UI goroutine.
func (p *featuresPanel) apply(res *featuresResult) {
	if res.gen != p.gen {
		return
	}
	if res.err != nil {
		p.status.SetText(res.err.Error())
		return
	}
	p.res = res
	p.status.SetText(res.summary)
	var cells []fyne.CanvasObject
	if res.act != nil {
		for _, u := range res.act.Order {
			cells = append(cells, container.NewVBox(
				newTapImage(res.units[u], featureSide, func() { p.showUnit(u) }),
				caption(fmt.Sprintf("#%d %.0f%%", u, 100*res.act.Rates[u]))))
		}
	}
	p.units.Objects = cells
	p.units.Refresh()
	if res.act != nil {
		p.showUnit(res.act.Order[0])
	}
	for _, v := range []struct {
		ci  *canvas.Image
		img image.Image
	}{{p.filters, res.filters}, {p.maps, res.maps}} {
		if v.img == nil {
			v.img = blankImage(1, 1)
		}
		v.ci.SetMinSize(fyne.NewSize(float32(v.img.Bounds().Dx()), float32(v.img.Bounds().Dy())))
		setImage(v.ci, v.img)
	}
	if res.filters != nil && res.mapIndex >= 0 {
		p.index.SetText(strconv.Itoa(res.mapIndex))
	}
	if res.filters != nil {
		p.conv.Show()
	} else {
		p.conv.Hide()
	}
	if res.act == nil {
		p.topInfo.Hide()
		p.top.Hide()
	} else {
		p.topInfo.Show()
		p.top.Show()
	}
}

// showUnit shows the test images that excite unit u most.
func (p *featuresPanel) showUnit(u int) {
	res := p.res
	if res == nil || res.act == nil || u < 0 || u >= len(res.act.Top) {
		return
	}
	var pix []float32
	var classes []string
	for _, i := range res.act.Top[u] {
		pix = append(pix, res.test.Image(i)...)
		classes = append(classes, dataset.ClassName(res.test.Name, res.test.Label(i)))
	}
	p.topInfo.SetText(fmt.Sprintf("Unit #%d fires on %.1f%% of the test images; these %d excite it most: %s.",
		u, 100*res.act.Rates[u], len(res.act.Top[u]), strings.Join(classes, ", ")))
	setImage(p.top, digitRow(pix, len(res.act.Top[u]), res.test.Size()))
}

// tapImage is an image that calls onTap when clicked.
type tapImage struct {
	widget.BaseWidget
	img   *canvas.Image
	onTap func()
}

func newTapImage(img image.Image, side float32, onTap func()) *tapImage {
	t := &tapImage{img: canvas.NewImageFromImage(img), onTap: onTap}
	t.img.FillMode = canvas.ImageFillContain
	t.img.ScaleMode = canvas.ImageScalePixels
	t.img.SetMinSize(fyne.NewSquareSize(side))
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer implements fyne.Widget.
func (t *tapImage) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.img) }

// Tapped implements fyne.Tappable.
func (t *tapImage) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}
