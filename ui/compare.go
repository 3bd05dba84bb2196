package ui

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"image"
	"io"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"

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

// Compare tab sizes.
const (
	compareDigits           = 8 // validation digits every picked run reconstructs
	curvesWidth, curvesHigh = 760, 380
	compareAUCImages        = 2000 // test images of each set the AUC column scores
)

// comparePanel is the Compare tab: the loss curves of the picked runs on
// one set of axes, the same validation digits through each of them, and a
// sortable table of their figures, exportable as CSV and PNG. The table's
// AUC column rates each run as an anomaly detector; the AUCs are computed
// off the UI goroutine while the tab is shown, and kept.
type comparePanel struct {
	s        *Studio
	pick     *runPicker
	logY     *escCheck
	csvBtn   *escButton
	pngBtn   *escButton
	curves   *plotView
	recon    *fyne.Container
	table    *widget.Table
	tableBox *fyne.Container // sized to show every row
	rows     []compareRow
	sortCol  int
	sortDesc bool
	note     *widget.Label
	aucInfo  *widget.Label // explains the AUC column, and why a run has none
	content  fyne.CanvasObject

	gen, applied int // numbers the recomputations; applied for tests
	result       *bridge[compareResult]

	shown    bool
	aucs     map[int]*aucEntry // by run ID
	aucJobs  int               // AUCs asked for, for tests
	aucShown time.Time         // when applyAUC last refreshed the table
	aucWork  sync.Mutex        // held by the goroutine computing AUCs: one at a time
	aucDone  *bridge[aucResult]
}

// aucKey is what an AUC was computed of: a run's model after so many
// epochs. Training the run on changes it.
type aucKey struct {
	model  *network.Model
	epochs int
}

// aucEntry is a run's AUC against another dataset (see aucAgainst), known
// or being computed.
type aucEntry struct {
	key     aucKey
	pending bool
	auc     float64 // NaN when it could not be computed
	err     error
}

// aucJob is an AUC to compute off the UI goroutine.
type aucJob struct {
	id                 int
	key                aucKey
	dm                 drawModel
	loadOwn, loadOther func() (*dataset.Set, error)
}

// aucResult is a computed AUC handed to the UI.
type aucResult struct {
	id  int
	key aucKey
	auc float64
	err error
}

// compareRow is one run's line of the comparison table.
type compareRow struct {
	Run          string
	Architecture string
	Params       int
	CodeSize     int
	ValLoss      float64 // final validation loss, NaN without an epoch
	ValMSE       float64 // final validation MSE, NaN without an epoch
	SecPerEpoch  float64
	Epochs       int
	// AUC is the AUC of the run's reconstruction error as a score that
	// tells the other dataset AUCAgainst from its own (see aucAgainst),
	// NaN while unknown: AUCPending tells whether it is being computed.
	AUC        float64
	AUCAgainst string
	AUCPending bool

	id int // the run's
}

// compareColumn is a column of the table: its title and width, how it
// formats a row and how it orders two rows.
type compareColumn struct {
	title string
	width float32
	text  func(compareRow) string
	less  func(a, b compareRow) int
}

// compareColumns are the table's columns.
var compareColumns = []compareColumn{
	{"Run", 150, func(r compareRow) string { return r.Run }, func(a, b compareRow) int { return cmp.Compare(a.Run, b.Run) }},
	{"Architecture", 120, func(r compareRow) string { return r.Architecture }, func(a, b compareRow) int { return cmp.Compare(a.Architecture, b.Architecture) }},
	{"Parameters", 105, func(r compareRow) string { return thousands(r.Params) }, func(a, b compareRow) int { return cmp.Compare(a.Params, b.Params) }},
	{"Code size", 95, func(r compareRow) string { return strconv.Itoa(r.CodeSize) }, func(a, b compareRow) int { return cmp.Compare(a.CodeSize, b.CodeSize) }},
	{"Val. loss", 100, func(r compareRow) string { return fmtLoss(r.ValLoss) }, func(a, b compareRow) int { return cmpNaNLast(a.ValLoss, b.ValLoss) }},
	{"Val. MSE", 100, func(r compareRow) string { return fmtLoss(r.ValMSE) }, func(a, b compareRow) int { return cmpNaNLast(a.ValMSE, b.ValMSE) }},
	{"s/epoch", 85, func(r compareRow) string { return fmtSeconds(r.SecPerEpoch) }, func(a, b compareRow) int { return cmp.Compare(a.SecPerEpoch, b.SecPerEpoch) }},
	{"Epochs", 75, func(r compareRow) string { return strconv.Itoa(r.Epochs) }, func(a, b compareRow) int { return cmp.Compare(a.Epochs, b.Epochs) }},
	{"AUC vs other (2k)", 160, aucText, func(a, b compareRow) int { return cmpNaNLast(a.AUC, b.AUC) }},
}

// aucNote explains the AUC column under the table.
var aucNote = fmt.Sprintf("AUC vs other: how well a run's reconstruction error tells its own test images from another dataset's "+
	"(Fashion-MNIST for a run on MNIST, MNIST for the others), over the first %s test images of each: "+
	"1 separates them, 0.5 is chance. \"…\": being computed; \"—\": none, for the reason below.", thousands(compareAUCImages))

// aucText formats a row's AUC: "…" while it is computed, "—" when it
// cannot be.
func aucText(r compareRow) string {
	switch {
	case r.AUCPending:
		return "…"
	case math.IsNaN(r.AUC):
		return "—"
	}
	return strconv.FormatFloat(r.AUC, 'f', 3, 64)
}

// curveRun is what a comparison plot needs of a run.
type curveRun struct {
	Name    string
	History []network.Epoch
}

// compareResult is the pictures a recomputation hands to the UI.
type compareResult struct {
	gen    int
	digits image.Image   // the originals
	recons []image.Image // one row per run, in the order of names
	names  []string
	err    error
}

func newComparePanel(s *Studio) *comparePanel {
	p := &comparePanel{s: s, sortCol: -1}
	p.pick = newRunPicker(p.refresh)
	p.logY = newCheck("Log scale", func(bool) { p.refresh() })
	p.logY.Checked = true // runs with different losses differ by orders of magnitude
	p.csvBtn = newButton("Export table (CSV)…", theme.DocumentSaveIcon(), p.exportCSV)
	p.pngBtn = newButton("Export curves (PNG)…", theme.DocumentSaveIcon(), p.exportPNG)
	p.curves = newPlotView(s.cfg.Do, fyne.NewSize(curvesWidth, curvesHigh))
	p.recon = container.NewVBox()
	p.note = widget.NewLabel("Tick two or more trained runs to compare them.")
	p.note.Importance = widget.LowImportance
	p.table = p.newTable()
	p.result = newBridge(s.cfg.Do, p.apply)
	p.aucs = map[int]*aucEntry{}
	p.aucDone = newBridge(s.cfg.Do, p.applyAUC)
	p.aucInfo = widget.NewLabel(aucNote)
	p.aucInfo.Importance = widget.LowImportance
	p.aucInfo.Wrapping = fyne.TextWrapWord

	top := container.NewVBox(
		container.NewHBox(boldLabel("Compare runs:"), widget.NewSeparator(), p.logY, p.csvBtn, p.pngBtn),
		p.pick.content, p.note)
	p.tableBox = container.NewGridWrap(tableSize(0), p.table)
	body := container.NewVBox(
		boldLabel(fmt.Sprintf("The first %d validation digits, reconstructed by each run", compareDigits)),
		p.recon,
		boldLabel("Figures (click a column header to sort, again to reverse)"),
		p.tableBox,
		p.aucInfo,
	)
	// The curves stay out of the scrolled part: the wheel zooms them, and
	// scrolls the digits and the table below.
	split := container.NewVSplit(p.curves, container.NewVScroll(body))
	split.Offset = 0.55
	p.content = container.NewBorder(top, nil, nil, nil, split)
	s.runs.OnChange(p.runsChanged)
	p.updateButtons()
	return p
}

// newTable builds the table of figures, one row per ticked run, sorted by
// a click on a column's header.
func (p *comparePanel) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(p.rows), len(compareColumns) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("vanilla #10 long")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < len(p.rows) {
				o.(*widget.Label).SetText(compareColumns[id.Col].text(p.rows[id.Row]))
			}
		})
	t.ShowHeaderColumn = false
	t.CreateHeader = func() fyne.CanvasObject {
		b := widget.NewButtonWithIcon("Architecture", theme.MenuDropUpIcon(), nil)
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		return b
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 {
			return
		}
		b.SetText(compareColumns[id.Col].title)
		b.SetIcon(p.headerIcon(id.Col))
		b.OnTapped = func() { p.sortBy(id.Col) }
	}
	for i, c := range compareColumns {
		t.SetColumnWidth(i, c.width)
	}
	return t
}

// tableSize returns the size that shows the whole table with n rows.
func tableSize(n int) fyne.Size {
	w := float32(0)
	for _, c := range compareColumns {
		w += c.width + theme.Padding()
	}
	return fyne.NewSize(w+2*theme.Padding(), float32(n+1)*40+2*theme.Padding())
}

// headerIcon is the arrow a column's header shows for the sort direction:
// up while sorted ascending, down while descending, none when the table is
// sorted by another column.
func (p *comparePanel) headerIcon(col int) fyne.Resource {
	switch {
	case col != p.sortCol:
		return nil
	case p.sortDesc:
		return theme.MenuDropDownIcon()
	default:
		return theme.MenuDropUpIcon()
	}
}

// sortBy sorts the table by column col, ascending; sorting by the same
// column again reverses the order.
func (p *comparePanel) sortBy(col int) {
	if col == p.sortCol {
		p.sortDesc = !p.sortDesc
	} else {
		p.sortCol, p.sortDesc = col, false
	}
	p.sortRows()
	p.table.Refresh()
}

func (p *comparePanel) sortRows() {
	if p.sortCol < 0 {
		return
	}
	less := compareColumns[p.sortCol].less
	slices.SortStableFunc(p.rows, func(a, b compareRow) int {
		if p.sortDesc {
			return less(b, a)
		}
		return less(a, b)
	})
}

// runsChanged follows the trained runs: a run that finishes is ticked.
// The AUCs of runs no longer trained (removed, or training again) are
// forgotten.
func (p *comparePanel) runsChanged(changed *Run) {
	trained := p.s.runs.Trained()
	for id := range p.aucs {
		if !slices.ContainsFunc(trained, func(r *Run) bool { return r.ID == id }) {
			delete(p.aucs, id)
		}
	}
	if p.pick.sync(trained, changed) {
		p.refresh()
	}
}

// visible tells the panel whether its tab is shown: it computes AUCs only
// then.
func (p *comparePanel) visible(on bool) {
	p.shown = on
	if on {
		p.scoreAUCs(p.pickedRuns())
		p.showAUCs()
	}
}

// pickedRuns returns the ticked runs in the order they were made.
func (p *comparePanel) pickedRuns() []*Run { return p.pick.runs(p.s.runs.Trained()) }

func (p *comparePanel) updateButtons() {
	if len(p.rows) == 0 {
		p.csvBtn.Disable()
		p.pngBtn.Disable()
	} else {
		p.csvBtn.Enable()
		p.pngBtn.Enable()
	}
}

// refresh rebuilds the table at once and the pictures off the UI goroutine.
func (p *comparePanel) refresh() {
	runs := p.pickedRuns()
	p.rows = p.rows[:0]
	var curves []curveRun
	var models []drawModel
	p.scoreAUCs(runs)
	for _, r := range runs {
		p.rows = append(p.rows, compareRowOf(r))
		curves = append(curves, curveRun{Name: r.Name, History: r.History})
		models = append(models, modelOf(r))
	}
	p.showAUCs()
	p.tableBox.Layout = layout.NewGridWrapLayout(tableSize(len(p.rows)))
	p.tableBox.Refresh() // showAUCs refreshed the table
	p.updateButtons()
	switch len(runs) {
	case 0:
		p.note.SetText("Tick two or more trained runs to compare them.")
	case 1:
		p.note.SetText("Tick another run to compare it with.")
	default:
		p.note.SetText("Dashed: training loss; solid: validation loss; one colour per run.")
	}
	p.gen++
	p.curves.ResetZoom()
	if len(curves) == 0 {
		p.curves.SetFigure(nil)
	} else {
		p.curves.SetFigure(compareFigure(curves, p.logY.Checked))
	}
	gen, data := p.gen, p.s.testSets
	go func() { p.result.Post(computeCompare(gen, data, models)) }()
}

// compareRowOf sums run r up for the table; it reads the spec only, never
// the model. Its AUC is unknown and pending: see fillAUCs.
func compareRowOf(r *Run) compareRow {
	row := compareRow{Run: r.Name, Architecture: nonEmpty(r.Spec.Name, "custom"), ValLoss: math.NaN(), ValMSE: math.NaN(),
		SecPerEpoch: r.SecondsPerEpoch, Epochs: len(r.History), AUC: math.NaN(), AUCAgainst: aucAgainst(runDataset(r)),
		AUCPending: true, id: r.ID}
	if info, err := r.Spec.Check(); err == nil {
		row.Params = network.TotalParams(info)
		for _, l := range info {
			if l.Code {
				row.CodeSize = l.Out.Size()
			}
		}
	}
	if n := len(r.History); n > 0 {
		row.ValLoss, row.ValMSE = r.History[n-1].ValLoss, r.History[n-1].ValMSE
	}
	return row
}

// aucAgainst returns the name of the built-in dataset whose test images
// the AUC column tells from those of the dataset called own: Fashion-MNIST
// for MNIST, MNIST for the others.
func aucAgainst(own string) string {
	if n, _ := dataset.BuiltinName(own); n == dataset.MNISTName {
		return dataset.FashionName
	}
	return dataset.MNISTName
}

// aucKeyOf returns what an AUC of run r is computed of now.
func aucKeyOf(r *Run) aucKey { return aucKey{model: r.model, epochs: len(r.History)} }

// scoreAUCs computes, off the UI goroutine and one run after another, the
// AUCs of the runs that have none for their model as it is now, if the
// tab is shown. A run trained on a folder that is no longer at hand (not
// the one imported last) gets none.
func (p *comparePanel) scoreAUCs(runs []*Run) {
	if !p.shown {
		return
	}
	var jobs []aucJob
	for _, r := range runs {
		key := aucKeyOf(r)
		if e := p.aucs[r.ID]; e != nil && e.key == key {
			continue
		}
		own := runDataset(r)
		if _, builtin := dataset.BuiltinName(own); !builtin && (p.s.dataBar.last == nil || p.s.dataBar.last.name != own) {
			p.aucs[r.ID] = &aucEntry{key: key, auc: math.NaN(), err: fmt.Errorf("%s: the images of %s are not loaded (import the folder again)", r.Name, own)}
			continue
		}
		p.aucs[r.ID] = &aucEntry{key: key, pending: true, auc: math.NaN()}
		jobs = append(jobs, aucJob{id: r.ID, key: key, dm: modelOf(r),
			loadOwn: p.s.testSetFor(own), loadOther: p.s.testSetFor(aucAgainst(own))})
	}
	if len(jobs) == 0 {
		return
	}
	p.aucJobs += len(jobs)
	go func() {
		p.aucWork.Lock() // a tick of several runs must not take every core
		defer p.aucWork.Unlock()
		for _, j := range jobs {
			p.aucDone.PostFinal(computeAUC(j))
		}
	}()
}

// computeAUC scores the first compareAUCImages test images of the run's
// own dataset and of the other one by their reconstruction error, and
// returns the AUC of that score for the other set (see network.AUC).
func computeAUC(j aucJob) aucResult {
	res := aucResult{id: j.id, key: j.key, auc: math.NaN()}
	errs := func(load func() (*dataset.Set, error)) []float64 {
		if res.err != nil {
			return nil
		}
		set, err := load()
		var e []float64
		if err == nil {
			e, err = imageErrors(j.dm, set, compareAUCImages)
		}
		if err != nil {
			res.err = fmt.Errorf("compare: AUC of %s: %w", j.dm.name, err)
		}
		return e
	}
	defer releaseBuffers(j.dm.run, j.dm.model)
	normal, anomalous := errs(j.loadOwn), errs(j.loadOther)
	switch {
	case res.err != nil:
	case len(normal) == 0 || len(anomalous) == 0:
		res.err = fmt.Errorf("compare: AUC of %s: no test images to score", j.dm.name)
	default:
		res.auc = network.AUC(normal, anomalous)
	}
	return res
}

// applyAUC keeps a computed AUC and shows it, unless the run has changed
// since it was asked for; it runs on the UI goroutine.
func (p *comparePanel) applyAUC(res aucResult) {
	e := p.aucs[res.id]
	if e == nil || e.key != res.key {
		return
	}
	e.pending, e.auc, e.err = false, res.auc, res.err
	// Redrawing every cell of a long table for each AUC would cost more
	// than computing them: show them a few times a second, and the last.
	if now := time.Now(); !p.scoring() || now.Sub(p.aucShown) >= aucShowEvery {
		p.aucShown = now
		p.showAUCs()
	}
}

// aucShowEvery is how often the table shows AUCs as they come in.
const aucShowEvery = 250 * time.Millisecond

// scoring reports whether AUCs are being computed.
func (p *comparePanel) scoring() bool {
	for _, e := range p.aucs {
		if e.pending {
			return true
		}
	}
	return false
}

// fillAUCs puts the known AUCs into the table's rows.
func (p *comparePanel) fillAUCs() {
	for i := range p.rows {
		row := &p.rows[i]
		r := p.s.runs.ByID(row.id)
		e := p.aucs[row.id]
		if r == nil || e == nil || e.key != aucKeyOf(r) {
			row.AUC, row.AUCPending = math.NaN(), true
			continue
		}
		row.AUC, row.AUCPending = e.auc, e.pending
	}
}

// showAUCs refreshes the table with the known AUCs, keeping its order,
// and says why the runs without one have none.
func (p *comparePanel) showAUCs() {
	p.fillAUCs()
	p.sortRows()
	p.table.Refresh()
	text := aucNote
	for _, row := range p.rows {
		if e := p.aucs[row.id]; e != nil && e.err != nil && !row.AUCPending {
			text += "\n" + e.err.Error()
		}
	}
	p.aucInfo.SetText(text)
}

// computeCompare renders the reconstructions.
func computeCompare(gen int, data func() (*dataset.Set, *dataset.Set, error), models []drawModel) compareResult {
	res := compareResult{gen: gen}
	if len(models) == 0 {
		return res
	}
	_, test, err := data()
	if err != nil {
		res.err = fmt.Errorf("compare: load MNIST: %w", err)
		return res
	}
	size := test.Size()
	k := min(compareDigits, test.Len())
	clean := test.Pixels[:k*size]
	res.digits = digitRow(clean, k, size)
	for _, dm := range models {
		res.names = append(res.names, dm.name)
		if dm.spec.Input.Size() != size {
			res.recons = append(res.recons, nil)
			continue
		}
		in := noisyInput(clean, dm.spec.Train.Noise, galleryNoise, uint64(k)) // a denoising run sees noisy digits
		dm.run.Lock()
		out := append([]float32(nil), dm.model.Predict(in, k)...)
		dm.model.ReleaseBuffers() // the run is idle: it keeps its weights only
		dm.run.Unlock()
		res.recons = append(res.recons, digitRow(out, k, size))
	}
	return res
}

// digitRow draws k digits of size pixels in one row at scale 2.
func digitRow(pix []float32, k, size int) image.Image {
	side := sideOf(size)
	return render.Grid([][]render.Tile{render.Tiles(pix, k, side, size/side)}, 2, 2)
}

// compareSeries returns the curves of the runs: training loss dashed and
// validation loss solid, one palette colour per run (see render.Loss).
func compareSeries(runs []curveRun) []render.Series {
	var out []render.Series
	for _, r := range runs {
		out = append(out, render.HistorySeries(r.Name, r.History, nil)...)
	}
	return out
}

// compareFigure returns the figure of the runs' loss curves on one set of
// axes.
func compareFigure(runs []curveRun, logY bool) *render.Loss {
	return &render.Loss{Title: "Loss per epoch", Series: compareSeries(runs), LogY: logY, XSpan: [2]float64{1, 1}}
}

// writeCurvesPNG writes the runs' loss curves as a PNG of w×h pixels, in
// the light style whatever the theme.
func writeCurvesPNG(out io.Writer, runs []curveRun, logY bool, w, h int) error {
	return render.WritePNG(out, compareFigure(runs, logY), w, h)
}

// compareCSVHeader is the first line of the table's CSV export.
var compareCSVHeader = []string{"run", "architecture", "parameters", "code_size", "final_val_loss", "val_mse", "seconds_per_epoch", "epochs",
	"auc_against", "auc"}

// writeCompareCSV writes the comparison table as CSV: a header line, then
// one line per row, numbers in full precision (empty when unknown, the
// AUC also while it is computed).
func writeCompareCSV(out io.Writer, rows []compareRow) error {
	w := csv.NewWriter(out)
	num := func(v float64) string {
		if math.IsNaN(v) {
			return ""
		}
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	if err := w.Write(compareCSVHeader); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	for _, r := range rows {
		rec := []string{r.Run, r.Architecture, strconv.Itoa(r.Params), strconv.Itoa(r.CodeSize),
			num(r.ValLoss), num(r.ValMSE), num(r.SecPerEpoch), strconv.Itoa(r.Epochs), r.AUCAgainst, num(r.AUC)}
		if err := w.Write(rec); err != nil {
			return fmt.Errorf("write CSV: %w", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

// apply shows computed pictures; it runs on the UI goroutine.
func (p *comparePanel) apply(res compareResult) {
	if res.gen != p.gen {
		return
	}
	p.applied = res.gen
	var objs []fyne.CanvasObject
	if res.err != nil {
		l := widget.NewLabel(res.err.Error())
		l.Importance = widget.DangerImportance
		objs = append(objs, l)
	}
	row := func(name string, img image.Image) {
		l := widget.NewLabel(name)
		l.Alignment = fyne.TextAlignTrailing
		l.Truncation = fyne.TextTruncateEllipsis
		var pic fyne.CanvasObject = widget.NewLabel("(does not take 28×28 digits)")
		if img != nil {
			ci := canvas.NewImageFromImage(img)
			ci.FillMode = canvas.ImageFillOriginal
			ci.ScaleMode = canvas.ImageScalePixels
			pic = ci
		}
		objs = append(objs, container.NewBorder(nil, nil, fixedWidth(160, l), nil, container.NewHBox(pic)))
	}
	if res.digits != nil {
		row("original", res.digits)
	}
	for i, name := range res.names {
		row(name, res.recons[i])
	}
	p.recon.Objects = objs
	p.recon.Refresh()
}

// exportCSV asks where to save the table and writes it there.
func (p *comparePanel) exportCSV() {
	rows := slices.Clone(p.rows)
	p.saveAs("compare.csv", func(w io.Writer) error { return writeCompareCSV(w, rows) })
}

// exportPNG asks where to save the curves figure and writes it there.
func (p *comparePanel) exportPNG() {
	var curves []curveRun
	for _, r := range p.pickedRuns() {
		curves = append(curves, curveRun{Name: r.Name, History: r.History})
	}
	logY := p.logY.Checked
	p.saveAs("loss-curves.png", func(w io.Writer) error { return writeCurvesPNG(w, curves, logY, 1200, 600) })
}

// saveAs asks where to save a file proposed as name and writes it there
// with write, atomically and on a goroutine; the studio then says where it
// saved or why it could not.
func (p *comparePanel) saveAs(name string, write func(io.Writer) error) {
	p.s.saveStreamAs("Export "+name, name, write)
}

// fmtLoss formats a loss for the table, "—" when unknown.
func fmtLoss(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// fmtSeconds formats seconds per epoch, "—" when unknown.
func fmtSeconds(v float64) string {
	if v <= 0 {
		return "—"
	}
	return fmt.Sprintf("%.1f", v)
}

// cmpNaNLast compares two numbers with NaN after every other.
func cmpNaNLast(a, b float64) int {
	switch an, bn := math.IsNaN(a), math.IsNaN(b); {
	case an && bn:
		return 0
	case an:
		return 1
	case bn:
		return -1
	}
	return cmp.Compare(a, b)
}
