package ui

import (
	"fmt"
	"image"
	"math"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

// Anomalies tab measures and limits.
const (
	anomalyBins     = 60   // of the error histogram
	anomalyBatch    = 1000 // images scored per lock of the model
	anomalyExtremes = 16   // most and least anomalous images shown per set
	anomalyFPR      = 0.05 // where the threshold starts: flagging 5% of the run's own images
	sliderSteps     = 1000
)

// anomalyPanel is the Anomalies tab: a trained run used as an anomaly
// detector. It scores the run's own test images and a second set (the
// other built-in dataset, the own images with noise, or an imported
// folder) by reconstruction error and shows both histograms, the ROC curve
// with its AUC, a threshold slider with the rates it gives, and the most
// and least anomalous images of each set.
type anomalyPanel struct {
	s        *Studio
	chooser  *runChooser
	runSel   *widget.Select // the chooser's
	otherSel *widget.Select
	others   []otherSet // the options of otherSel
	syncing  bool       // set while syncOthers sets otherSel
	status   *widget.Label
	hist     *plotView
	roc      *plotView
	slider   *widget.Slider
	rates    *widget.Label
	extremes *canvas.Image
	content  fyne.CanvasObject

	shown  bool
	gen    int
	res    *anomalyResult
	thr    float64 // the threshold the slider sets
	result *bridge[*anomalyResult]
}

// otherSet is an image set to score against a run's own test images.
type otherSet struct {
	label string
	load  func() (*dataset.Set, error)
}

// anomalyResult is a run's scoring against another set.
type anomalyResult struct {
	gen           int
	err           error
	name          string
	normal, other *dataset.Set
	a             *network.Anomalies
	hist          network.Histogram
	extremes      image.Image
}

func newAnomalyPanel(s *Studio) *anomalyPanel {
	p := &anomalyPanel{s: s}
	p.chooser = newRunChooser(func() {
		p.syncOthers()
		p.compute()
	})
	p.runSel = p.chooser.sel
	p.otherSel = widget.NewSelect(nil, func(string) {
		if !p.syncing {
			p.compute()
		}
	})
	p.status = widget.NewLabel("Pick a trained run and a second image set: the run's reconstruction error tells them apart.")
	p.status.Wrapping = fyne.TextWrapWord
	p.hist = newPlotView(s.cfg.Do, fyne.NewSize(420, 280))
	p.roc = newPlotView(s.cfg.Do, fyne.NewSize(320, 280))
	p.slider = widget.NewSlider(0, sliderSteps)
	p.slider.OnChanged = func(v float64) { p.setThreshold(p.sliderThreshold(v)) }
	p.rates = widget.NewLabel("")
	p.extremes = canvas.NewImageFromImage(blankImage(1, 1))
	p.extremes.FillMode = canvas.ImageFillContain
	p.extremes.ScaleMode = canvas.ImageScalePixels
	p.extremes.SetMinSize(fyne.NewSize(800, 260))
	p.result = newBridge(s.cfg.Do, p.apply)
	top := container.NewVBox(
		container.NewGridWithColumns(2,
			container.NewBorder(nil, nil, boldLabel("Run"), nil, p.runSel),
			container.NewBorder(nil, nil, boldLabel("against"), nil, p.otherSel)),
		p.status)
	thr := container.NewBorder(nil, nil, boldLabel("Threshold"), nil, p.slider)
	plots := container.NewHSplit(p.hist, p.roc)
	plots.Offset = 0.58
	p.content = container.NewBorder(top, nil, nil, nil,
		container.NewVSplit(plots, container.NewVScroll(container.NewVBox(thr, p.rates, p.extremes))))
	s.runs.OnChange(p.runsChanged)
	return p
}

// visible tells the panel whether its tab is shown: it scores only then.
func (p *anomalyPanel) visible(on bool) {
	p.shown = on
	if on && p.res == nil {
		p.compute()
	}
}

// runsChanged follows the trained runs, as the Latent space tab does.
func (p *anomalyPanel) runsChanged(changed *Run) {
	if p.chooser.follow(p.s.runs.Trained(), changed, p.s.runs.Selected()) {
		p.res = nil
		p.syncOthers()
		p.compute()
	}
}

// syncOthers offers the sets to score the chosen run's images against:
// the other built-in dataset, the run's own images with noise and the
// folder imported last, keeping the choice when it is still offered.
func (p *anomalyPanel) syncOthers() {
	r := p.s.runs.ByID(p.chooser.id)
	if r == nil {
		return
	}
	own := runDataset(r)
	var opts []otherSet
	for _, n := range dataset.BuiltinNames() {
		if n != own {
			opts = append(opts, otherSet{n, p.s.testSetFor(n)})
		}
	}
	ownLoad := p.s.testSetFor(own)
	opts = append(opts, otherSet{own + " with noise", func() (*dataset.Set, error) {
		s, err := ownLoad()
		if err != nil {
			return nil, err
		}
		n := dataset.Noisy(s, 0.5, 1)
		n.Name = own + " with noise"
		return n, nil
	}})
	if last := p.s.dataBar.last; last != nil && last.name != own {
		set := *last.train
		set.Name = last.name
		opts = append(opts, otherSet{last.name + " (folder)", func() (*dataset.Set, error) { return &set, nil }})
	}
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = o.label
	}
	prev := p.otherSel.Selected
	p.syncing = true
	p.others = opts
	p.otherSel.SetOptions(labels)
	if i := slices.Index(labels, prev); i >= 0 {
		p.otherSel.SetSelectedIndex(i)
	} else {
		p.otherSel.SetSelectedIndex(0)
	}
	p.syncing = false
}

// runDataset returns the name of the dataset run r trained on: a built-in
// one's canonical name, a folder's name, or MNIST when it records none.
func runDataset(r *Run) string {
	if r.Dataset == "" {
		return dataset.MNISTName
	}
	if n, ok := dataset.BuiltinName(r.Dataset); ok {
		return n
	}
	return r.Dataset
}

// testSetFor returns a loader of the images a run trained on name is
// tested on: Fashion-MNIST's test set, the validation part of the folder
// imported last when it is called name, else the studio's test set
// (MNIST's), cut to Config.ValLimit when that is set. It runs on the UI
// goroutine; the loader may run on any.
func (s *Studio) testSetFor(name string) func() (*dataset.Set, error) {
	limit := s.cfg.ValLimit
	cut := func(set *dataset.Set, err error) (*dataset.Set, error) {
		if err != nil {
			return nil, err
		}
		c := *set
		if limit > 0 {
			c = *set.Subset(limit)
		}
		c.Name = name
		return &c, nil
	}
	if n, _ := dataset.BuiltinName(name); n == dataset.FashionName {
		return func() (*dataset.Set, error) { return cut(dataset.FashionTest()) }
	}
	if last := s.dataBar.last; last != nil && last.name == name {
		val := last.val
		return func() (*dataset.Set, error) { return cut(val, nil) }
	}
	test := s.cfg.TestData
	return func() (*dataset.Set, error) { return cut(test()) }
}

// compute scores the chosen run against the chosen set off the UI
// goroutine, if the tab is shown.
func (p *anomalyPanel) compute() {
	r := p.s.runs.ByID(p.chooser.id)
	i := p.otherSel.SelectedIndex()
	if r == nil || r.Model() == nil || r.Status.Active() || !p.shown || i < 0 || i >= len(p.others) {
		return
	}
	p.gen++
	p.res = nil
	p.hist.SetFigure(nil)
	p.roc.SetFigure(nil)
	p.status.SetText(fmt.Sprintf("Scoring the %s test images and %s with %s…", runDataset(r), p.others[i].label, r.Name))
	gen, dm, loadOwn, other := p.gen, modelOf(r), p.s.testSetFor(runDataset(r)), p.others[i]
	go func() { p.result.PostFinal(scoreRun(gen, dm, loadOwn, other.load)) }()
}

// scoreRun scores both sets with the run's model, anomalyBatch images per
// lock, and draws what the tab shows.
func scoreRun(gen int, dm drawModel, loadOwn, loadOther func() (*dataset.Set, error)) *anomalyResult {
	res := &anomalyResult{gen: gen, name: dm.name}
	if res.normal, res.err = loadOwn(); res.err != nil {
		return res
	}
	if res.other, res.err = loadOther(); res.err != nil {
		return res
	}
	defer releaseBuffers(dm.run, dm.model)
	normal, err := imageErrors(dm, res.normal, res.normal.Len())
	if err != nil {
		res.err = err
		return res
	}
	other, err := imageErrors(dm, res.other, res.other.Len())
	if err != nil {
		res.err = err
		return res
	}
	if len(normal) == 0 || len(other) == 0 {
		res.err = fmt.Errorf("no images to score in %s or %s", res.normal.Name, res.other.Name)
		return res
	}
	res.a = network.AnomaliesOf(normal, other)
	res.hist = res.a.Histogram(anomalyBins)
	res.extremes = render.ExtremeSheet(anomalyExtremes,
		render.ScoredSet{Set: res.normal, Scores: normal}, render.ScoredSet{Set: res.other, Scores: other})
	return res
}

// imageErrors returns the reconstruction errors (see
// network.Model.ImageErrors) of the first n images of s (all of them when
// s has fewer) under the run's model, taking the run's lock for
// anomalyBatch images at a time so that other views are not kept waiting.
// It may run on any goroutine.
func imageErrors(dm drawModel, s *dataset.Set, n int) ([]float64, error) {
	n = min(max(n, 0), s.Len())
	size, out := s.Size(), make([]float64, 0, n)
	for lo := 0; lo < n; lo += anomalyBatch {
		k := min(anomalyBatch, n-lo)
		dm.run.Lock()
		e, err := dm.model.ImageErrors(network.Data{X: s.Pixels[lo*size : (lo+k)*size], N: k})
		dm.run.Unlock()
		if err != nil {
			return nil, fmt.Errorf("score %s: %w", s.Name, err)
		}
		out = append(out, e...)
	}
	return out, nil
}

// apply shows a scoring; it runs on the UI goroutine.
func (p *anomalyPanel) apply(res *anomalyResult) {
	if res.gen != p.gen {
		return
	}
	if res.err != nil {
		p.status.SetText(res.err.Error())
		return
	}
	p.res = res
	p.status.SetText(fmt.Sprintf("%s: %d of its own %s test images and %d %s images. AUC %.3f: the chance that an image of %s errs more than one of %s (1 separates them, 0.5 is chance).",
		res.name, res.normal.Len(), res.normal.Name, res.other.Len(), res.other.Name, res.a.AUC, res.other.Name, res.normal.Name))
	setImage(p.extremes, res.extremes)
	thr := res.a.ThresholdFor(anomalyFPR)
	p.slider.SetValue(p.sliderValue(thr)) // calls setThreshold, unless unchanged
	p.setThreshold(thr)
}

// sliderThreshold maps a slider position to a threshold, logarithmically
// between the histogram's ends.
func (p *anomalyPanel) sliderThreshold(v float64) float64 {
	if p.res == nil {
		return math.NaN()
	}
	h := p.res.hist
	lo, hi := h.Edge(0), h.Edge(len(h.Counts[0]))
	if !h.Log {
		return lo + v/sliderSteps*(hi-lo)
	}
	return lo * math.Pow(hi/lo, v/sliderSteps)
}

// sliderValue is the inverse of sliderThreshold.
func (p *anomalyPanel) sliderValue(thr float64) float64 {
	h := p.res.hist
	lo, hi := h.Edge(0), h.Edge(len(h.Counts[0]))
	var v float64
	switch {
	case !h.Log && hi > lo:
		v = (thr - lo) / (hi - lo) * sliderSteps
	case h.Log && hi > lo && thr > 0:
		v = math.Log(thr/lo) / math.Log(hi/lo) * sliderSteps
	}
	return min(max(v, 0), sliderSteps)
}

// setThreshold draws the threshold thr on both plots and shows its rates.
func (p *anomalyPanel) setThreshold(thr float64) {
	res := p.res
	if res == nil || math.IsNaN(thr) {
		return
	}
	p.thr = thr
	fpr, tpr := res.a.Rates(thr)
	p.rates.SetText(fmt.Sprintf("Error above %.5f flags %.1f%% of %s (false positives) and %.1f%% of %s (true positives).",
		thr, 100*fpr, res.normal.Name, 100*tpr, res.other.Name))
	p.hist.SetFigure(&render.ErrorHistogram{
		Title: "reconstruction error", Names: []string{res.normal.Name + " (own)", res.other.Name},
		Hist: res.hist, Threshold: thr,
	})
	p.roc.SetFigure(&render.ROCCurve{Title: "ROC", Points: res.a.ROC, AUC: res.a.AUC, Marked: true, MarkFPR: fpr, MarkTPR: tpr})
}
