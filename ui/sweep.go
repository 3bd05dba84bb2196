package ui

import (
	"fmt"
	"image"
	"image/png"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/network"
	"autoencoder-studio/network/sweep"
	"autoencoder-studio/ui/render"
)

// Sweep view sizes.
const (
	sweepMainW, sweepMainH = 760, 240
	sweepSideW, sweepSideH = 380, 180
)

// tabSweep is the index of the Sweep screen.
var tabSweep = screenIndex("sweep")

// sweepGroup is one sweep: a setting of a design, its values and the run
// queued for each value, in order.
type sweepGroup struct {
	name    string // "sweep 1: vanilla code", also the runs' Group
	base    string // the design's name
	setting sweep.Setting
	values  []sweep.Run
	runs    []*Run
}

// sweepPanel is the Sweep tab: for one sweep, the final validation MSE of
// its runs against the swept value, their parameter counts and seconds per
// epoch, and the same test digits reconstructed by each, filling in as the
// queued runs finish; exportable as PNG and CSV.
type sweepPanel struct {
	s      *Studio
	groups []*sweepGroup
	shown  *sweepGroup
	pick   *widget.Select
	note   *widget.Label
	csvBtn *escButton
	pngBtn *escButton

	mse, params, secs *plotView
	digits            *fyne.Container
	content           fyne.CanvasObject

	key          string // what the view was drawn from (see groupKey)
	gen, applied int    // numbers the recomputations of the digits; applied for tests
	result       *bridge[sweepDigits]
	last         sweepDigits // the digits shown, for the PNG export
	form         sweepForm   // the fields of the last Dialog, for tests
}

// sweepForm is the fields of the sweep dialog.
type sweepForm struct {
	setting *widget.Select
	values  *keyEntry
	valid   *widget.Label
}

// sweepDigits is the digits of a sweep rendered off the UI goroutine: the
// originals and, per value, a reconstruction (nil while the run is not
// trained).
type sweepDigits struct {
	gen      int
	original image.Image
	recons   []image.Image
	err      error
}

func newSweepPanel(s *Studio) *sweepPanel {
	p := &sweepPanel{s: s}
	p.pick = widget.NewSelect(nil, func(name string) {
		for _, g := range p.groups {
			if g.name == name {
				p.show(g)
			}
		}
	})
	p.pick.PlaceHolder = "no sweep yet"
	p.csvBtn = newButton("Export CSV…", nil, p.exportCSV)
	p.pngBtn = newButton("Export PNG…", nil, p.exportPNG)
	p.note = widget.NewLabel(sweepEmptyNote)
	p.note.Wrapping = fyne.TextWrapWord
	p.note.Importance = widget.LowImportance
	p.mse = newPlotView(s.cfg.Do, fyne.NewSize(sweepMainW, sweepMainH))
	p.params = newPlotView(s.cfg.Do, fyne.NewSize(sweepSideW, sweepSideH))
	p.secs = newPlotView(s.cfg.Do, fyne.NewSize(sweepSideW, sweepSideH))
	p.digits = container.NewVBox()
	p.result = newBridge(s.cfg.Do, p.apply)
	top := container.NewVBox(container.NewBorder(nil, nil, boldLabel("Sweep:"), container.NewHBox(p.csvBtn, p.pngBtn), p.pick), p.note)
	body := container.NewVBox(container.NewGridWithColumns(2, p.params, p.secs),
		boldLabel(fmt.Sprintf("The first %d test digits, reconstructed by each run", compareDigits)), p.digits)
	split := container.NewVSplit(p.mse, container.NewVScroll(body))
	split.Offset = 0.38
	p.content = container.NewBorder(top, nil, nil, nil, split)
	s.runs.OnChange(p.runsChanged)
	s.editor.OnSweep(p.Dialog)
	p.update()
	return p
}

// sweepEmptyNote is what the Sweep tab says before the first sweep.
const sweepEmptyNote = "No sweep yet. In the Design tab, Sweep… queues one run of the design per value of one setting (code size 2, 4, 8… for instance), all with the same seed and data; this tab then shows the answer as one picture."

// Dialog asks for a setting of the editor's design and its values, then
// queues one run per value as a sweep. Settings that do not apply to the
// design are not offered, and the dialog says why. Bad values are named
// under the field and keep the dialog from queueing. It does nothing while
// another dialog is shown.
func (p *sweepPanel) Dialog() {
	s := p.s
	if s.window == nil || s.dialogOpen() {
		return
	}
	if err := s.editor.Problem(); err != nil {
		s.showError(fmt.Errorf("sweep: fix the design first: %w", err))
		return
	}
	base := s.editor.Spec()
	var titles, skipped []string
	byTitle := map[string]sweep.Setting{}
	for _, st := range sweep.Settings() {
		if err := st.Applies(base); err != nil {
			skipped = append(skipped, st.Title+": "+err.Error())
			continue
		}
		titles = append(titles, st.Title)
		byTitle[st.Title] = st
	}
	m := &modal{}
	values := newKeyEntry(m)
	valid := widget.NewLabel("")
	valid.Wrapping = fyne.TextWrapWord
	valid.Importance = widget.LowImportance
	setting := widget.NewSelect(titles, func(title string) {
		values.SetText(strings.Join(byTitle[title].Suggested, ", "))
	})
	check := func(text string) ([]sweep.Run, sweep.Sweep, error) {
		st, ok := byTitle[setting.Selected]
		if !ok {
			return nil, sweep.Sweep{}, fmt.Errorf("choose a setting")
		}
		sw, err := sweep.Values(st, text)
		if err != nil {
			return nil, sw, err
		}
		runs, err := sweep.Expand(base, sw)
		return runs, sw, err
	}
	values.Validator = func(text string) error {
		runs, _, err := check(text)
		if err == nil {
			valid.SetText(fmt.Sprintf("%s of %s, %s each; %s", plural(len(runs), "run"), designName(base),
				plural(base.Train.Epochs, "epoch"), whenQueued(s.train)))
		} else {
			valid.SetText(byTitle[setting.Selected].Valid)
		}
		return err
	}
	setting.SetSelected(titles[0])
	p.form = sweepForm{setting, values, valid}
	items := []*widget.FormItem{widget.NewFormItem("Setting", setting), widget.NewFormItem("Values", values), widget.NewFormItem("", valid)}
	if len(skipped) > 0 {
		why := widget.NewLabel("Not offered for this design:\n" + strings.Join(skipped, "\n"))
		why.Wrapping = fyne.TextWrapWord
		why.Importance = widget.LowImportance
		items = append(items, widget.NewFormItem("", why))
	}
	d := dialog.NewForm("Sweep a setting of "+designName(base), "Queue runs", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		runs, sw, err := check(values.Text)
		if err != nil {
			s.showError(fmt.Errorf("sweep: %w", err))
			return
		}
		p.Queue(base, sw, runs)
	}, s.window)
	values.OnSubmitted = func(string) { d.Submit() }
	m.d, m.enter = d, d.Submit
	m.layout = func() { d.Resize(fyne.NewSize(520, d.MinSize().Height)) }
	m.shown = func() { s.window.Canvas().Focus(values) }
	s.request(m)
}

// whenQueued says when runs queued now would start.
func whenQueued(t *trainPanel) string {
	if t.job == nil && t.queue.Len() == 0 {
		return "the first starts at once, the others in turn"
	}
	return "they start in turn after the runs training or queued now"
}

// Queue queues the runs of sweep sw of the design base as a new group,
// shows it and switches to the Sweep tab.
func (p *sweepPanel) Queue(base network.Spec, sw sweep.Sweep, runs []sweep.Run) {
	st, err := sweep.Lookup(sw.Setting)
	if err != nil {
		p.s.showError(err)
		return
	}
	g := &sweepGroup{name: fmt.Sprintf("sweep %d: %s %s", len(p.groups)+1, designName(base), st.Name), base: designName(base), setting: st, values: runs}
	for _, r := range runs {
		run := p.s.train.add(r.Spec)
		run.Group = g.name
		g.runs = append(g.runs, run)
		p.s.runs.Changed(run)
	}
	p.groups = append(p.groups, g)
	var names []string
	for _, g := range p.groups {
		names = append(names, g.name)
	}
	p.pick.Options = names
	p.pick.SetSelected(g.name) // shows it
	p.s.tabs.SelectIndex(tabSweep)
}

// show makes g the sweep shown.
func (p *sweepPanel) show(g *sweepGroup) {
	if p.shown != g {
		p.shown, p.key = g, ""
		p.mse.ResetZoom()
	}
	p.update()
}

// runsChanged redraws the shown sweep when one of its runs changed in a
// way the view shows: its status, its epochs, its model.
func (p *sweepPanel) runsChanged(changed *Run) {
	if g := p.shown; g != nil && changed != nil && changed.Group == g.name {
		p.update()
	}
}

// groupKey sums up what the view of g is drawn from.
func (p *sweepPanel) groupKey(g *sweepGroup) string {
	var b strings.Builder
	for _, r := range g.runs {
		fmt.Fprintf(&b, "%d:%d:%d:%t:%t;", r.ID, r.Status, len(r.History), r.model != nil, p.s.runs.ByID(r.ID) == r)
	}
	return b.String()
}

// results returns the results of g's runs, in the order of its values: a
// run not finished (queued, training) has NaN measures, but its parameter
// count, which its spec gives; a run removed from the list (cancelled) has
// neither.
func (p *sweepPanel) results(g *sweepGroup) []sweep.Result {
	out := make([]sweep.Result, len(g.runs))
	for i, r := range g.runs {
		if p.s.runs.ByID(r.ID) != r { // cancelled or removed: left out
			out[i] = sweep.Summarize(g.values[i], 0, nil)
			continue
		}
		var hist []network.Epoch
		if !r.Status.Active() && r.Status != RunWaiting {
			hist = r.History
		}
		out[i] = sweep.Summarize(g.values[i], compareRowOf(r).Params, hist)
	}
	return out
}

// finished returns how many of g's runs are trained.
func (p *sweepPanel) finished(g *sweepGroup) int {
	n := 0
	for _, r := range g.runs {
		if r.model != nil && !r.Status.Active() {
			n++
		}
	}
	return n
}

// figures returns the three plots of sweep g.
func (p *sweepPanel) figures(g *sweepGroup) (mse, params, secs *render.SweepPlot) {
	return render.SweepFigures(fmt.Sprintf("%s: final validation MSE by %s", g.base, g.setting.Title), g.setting, p.results(g))
}

// update redraws the shown sweep if what it shows changed: the plots at
// once, the digits off the UI goroutine.
func (p *sweepPanel) update() {
	g := p.shown
	enable(p.csvBtn, g != nil && p.finished(g) > 0)
	enable(p.pngBtn, g != nil && p.finished(g) > 0)
	if g == nil {
		p.note.SetText(sweepEmptyNote)
		return
	}
	key := p.groupKey(g)
	if key == p.key {
		return
	}
	p.key = key
	done, cancelled := p.finished(g), 0
	for _, r := range g.runs {
		if p.s.runs.ByID(r.ID) != r {
			cancelled++
		}
	}
	note := fmt.Sprintf("%s of %d trained, all with seed %d.", plural(done, "run"), len(g.runs)-cancelled, p.s.cfg.Seed)
	if cancelled > 0 {
		note = fmt.Sprintf("%s (%d cancelled)", strings.TrimSuffix(note, "."), cancelled) + "."
	}
	if done < len(g.runs)-cancelled {
		note += " The view fills in as the queued runs finish; " + strings.ToLower(queueHint[:1]) + queueHint[1:]
	}
	p.note.SetText(note)
	mse, params, secs := p.figures(g)
	p.mse.SetFigure(mse)
	p.params.SetFigure(params)
	p.secs.SetFigure(secs)
	var models []drawModel
	var at []int // the value each model stands for
	for i, r := range g.runs {
		if r.model != nil && !r.Status.Active() {
			models = append(models, modelOf(r))
			at = append(at, i)
		}
	}
	p.gen++
	gen, data, n := p.gen, p.s.testSets, len(g.runs)
	go func() {
		c := computeCompare(gen, data, models)
		res := sweepDigits{gen: gen, original: c.digits, recons: make([]image.Image, n), err: c.err}
		for k, img := range c.recons {
			res.recons[at[k]] = img
		}
		p.result.Post(res)
	}()
}

// apply shows the digits rendered for the shown sweep; it runs on the UI
// goroutine.
func (p *sweepPanel) apply(res sweepDigits) {
	if res.gen != p.gen || p.shown == nil {
		return
	}
	p.applied, p.last = res.gen, res
	g := p.shown
	var objs []fyne.CanvasObject
	if res.err != nil {
		l := widget.NewLabel(res.err.Error())
		l.Importance = widget.DangerImportance
		objs = append(objs, l)
	}
	row := func(label string, img image.Image, why string) {
		l := widget.NewLabel(label)
		l.Alignment = fyne.TextAlignTrailing
		l.Truncation = fyne.TextTruncateEllipsis
		var pic fyne.CanvasObject = widget.NewLabel(why)
		if img != nil {
			ci := canvas.NewImageFromImage(img)
			ci.FillMode = canvas.ImageFillOriginal
			ci.ScaleMode = canvas.ImageScalePixels
			pic = ci
		}
		objs = append(objs, container.NewBorder(nil, nil, fixedWidth(160, l), nil, container.NewHBox(pic)))
	}
	if res.original != nil {
		row("original", res.original, "")
	}
	for i, r := range g.runs {
		why := r.Status.String()
		switch {
		case p.s.runs.ByID(r.ID) != r:
			why = "cancelled"
		case r.Status == RunWaiting:
			why = queuedText(r)
		}
		row(g.setting.Name+"="+g.values[i].Value, res.recons[i], "("+why+")")
	}
	p.digits.Objects = objs
	p.digits.Refresh()
}

// sheetRows returns the digit rows of the shown sweep for the PNG export:
// the originals, then each trained run's reconstructions.
func (p *sweepPanel) sheetRows() []render.SheetRow {
	g, res := p.shown, p.last
	var rows []render.SheetRow
	if res.original != nil {
		rows = append(rows, render.SheetRow{Label: "original", Images: []image.Image{res.original}})
	}
	for i, img := range res.recons {
		if img != nil && i < len(g.values) {
			rows = append(rows, render.SheetRow{Label: g.setting.Name + "=" + g.values[i].Value, Images: []image.Image{img}})
		}
	}
	return rows
}

// exportCSV asks where to save the shown sweep's table and writes it: one
// line per trained run (see sweep.WriteCSV).
func (p *sweepPanel) exportCSV() {
	g := p.shown
	if g == nil {
		return
	}
	var results []sweep.Result
	for i, r := range p.results(g) {
		if g.runs[i].model != nil && !g.runs[i].Status.Active() {
			results = append(results, r)
		}
	}
	p.s.saveStreamAs("Export the sweep (CSV)", fileName(g.name)+".csv", func(w io.Writer) error { return sweep.WriteCSV(w, results) })
}

// exportPNG asks where to save the shown sweep as one picture (see
// render.SweepImage) and writes it.
func (p *sweepPanel) exportPNG() {
	g := p.shown
	if g == nil {
		return
	}
	mse, params, secs := p.figures(g)
	rows := p.sheetRows()
	p.s.saveStreamAs("Export the sweep (PNG)", fileName(g.name)+".png", func(w io.Writer) error {
		return writeSweepPNG(w, mse, params, secs, rows)
	})
}

// writeSweepPNG writes a sweep's plots over its digit rows as one PNG (see
// render.SweepImage).
func writeSweepPNG(w io.Writer, mse, params, secs render.Figure, rows []render.SheetRow) error {
	var digits image.Image
	if len(rows) > 0 {
		digits = render.Sheet(rows)
	}
	if err := png.Encode(w, render.SweepImage(mse, params, secs, digits)); err != nil {
		return fmt.Errorf("export the sweep: %w", err)
	}
	return nil
}
