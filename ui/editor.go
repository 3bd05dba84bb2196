package ui

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/network"
	"autoencoder-studio/network/design"
)

// blankPreset is the preset choice that starts from an empty design.
const blankPreset = "blank"

// Editor is the architecture editor: the tutorial's hyper-parameters at the
// top, the layer list below, the model diagram beside them. Every edit is
// checked at once with Spec.Check; Valid says whether the design can train.
type Editor struct {
	spec    network.Spec
	info    []network.LayerInfo // per layer; stops short of a layer that does not fit
	specErr error

	topErrs  map[string]error         // typing errors in the hyper-parameter fields
	msgs     map[string]*widget.Label // under each hyper-parameter field, by key
	warning  string                   // the learning-rate warning, or ""
	lrTyped  bool                     // the user typed the learning rate (kept across optimizers)
	rows     []*layerRow
	syncing  bool   // set while fields are filled from the spec
	editing  string // the hyper-parameter field being applied, left alone by syncTop
	onChange []func()

	preset                                          *widget.Select
	codeSize, layers, nodes                         *escEntry
	loss, optimizer                                 *widget.Select
	learningRate, epochs, batchSize, noise, l1Entry *escEntry
	status                                          *widget.Label
	rowsBox                                         *fyne.Container
	diagram                                         *Diagram
	mirror, addLayer                                *escButton
	sweep                                           *escButton // Sweep…: see OnSweep
	content                                         fyne.CanvasObject
}

// NewEditor returns an editor holding the vanilla preset.
func NewEditor() *Editor {
	e := &Editor{topErrs: map[string]error{}, msgs: map[string]*widget.Label{}, diagram: NewDiagram()}
	e.build()
	spec, _ := network.Preset("vanilla")
	e.preset.SetSelected("vanilla") // loads the spec
	if len(e.spec.Layers) == 0 {
		e.SetSpec(spec)
	}
	return e
}

// Content returns the editor's canvas object.
func (e *Editor) Content() fyne.CanvasObject { return e.content }

// Spec returns a copy of the design being edited.
func (e *Editor) Spec() network.Spec { return e.spec.Clone() }

// Valid reports whether the design checks and no field holds a bad value.
func (e *Editor) Valid() bool { return e.Problem() == nil }

// Problem returns the first reason the design cannot train, or nil.
func (e *Editor) Problem() error {
	for _, k := range slices.Sorted(maps.Keys(e.topErrs)) {
		return e.topErrs[k]
	}
	for i, r := range e.rows {
		if err := r.firstErr(); err != nil {
			return fmt.Errorf("layer %d: %w", i+1, err)
		}
	}
	return e.specErr
}

// Info returns the checked layer information (possibly partial).
func (e *Editor) Info() []network.LayerInfo { return e.info }

// Diagram returns the editor's model diagram.
func (e *Editor) Diagram() *Diagram { return e.diagram }

// OnSweep makes the Sweep… button call f.
func (e *Editor) OnSweep(f func()) { e.sweep.OnTapped = f }

// OnChange registers f to be called after every edit.
func (e *Editor) OnChange(f func()) { e.onChange = append(e.onChange, f) }

// Warning returns what the editor warns of in a design that can train (a
// learning rate far outside its optimizer's usual range), or "".
func (e *Editor) Warning() string { return e.warning }

// SetSpec loads s into the editor, replacing the design.
func (e *Editor) SetSpec(s network.Spec) {
	e.spec = s.Clone()
	e.lrTyped = false
	clear(e.topErrs)
	e.syncTop("")
	e.rebuildRows()
	e.changed()
}

// build creates the editor's widgets and lays them out.
func (e *Editor) build() {
	e.buildDesignFields()
	e.buildTrainingFields()
	e.buildLayerButtons()
	e.status = widget.NewLabel("")
	e.status.Wrapping = fyne.TextWrapWord

	e.sweep = newButton("Sweep…", theme.ListIcon(), nil)
	hyper := container.New(layout.NewFormLayout(),
		boldLabel("Start from"), container.NewBorder(nil, nil, nil, e.sweep, e.preset),
	)
	tutorial := container.NewGridWithColumns(4,
		e.labelled("code", "Code size", e.codeSize),
		e.labelled("layers", "Layers before code", e.layers),
		e.labelled("nodes", "Nodes per layer", e.nodes),
		e.labelled("loss", "Loss", e.loss),
	)
	training := container.NewGridWithColumns(6,
		e.labelled("optimizer", "Optimizer", e.optimizer),
		e.labelled("lr", "Learning rate", e.learningRate),
		e.labelled("epochs", "Epochs", e.epochs),
		e.labelled("batch", "Batch size", e.batchSize),
		e.labelled("noise", "Noise factor", e.noise),
		e.labelled("l1", "Code L1", e.l1Entry),
	)
	top := container.NewVBox(hyper, widget.NewCard("", "", container.NewVBox(tutorial, training)), e.status)
	e.rowsBox = container.NewVBox()
	listHead := container.NewHBox(boldLabel("Layers"), layout.NewSpacer(), e.mirror, e.addLayer)
	left := container.NewBorder(container.NewVBox(top, listHead), nil, nil, nil, container.NewVScroll(e.rowsBox))
	right := container.NewBorder(boldLabel("Model diagram"), nil, nil, nil, container.NewScroll(e.diagram))
	split := container.NewHSplit(left, right)
	split.Offset = 0.72
	e.content = split
}

// buildDesignFields creates the preset choice and the tutorial's knobs:
// code size, layers before the code, nodes per layer, loss.
func (e *Editor) buildDesignFields() {
	e.preset = widget.NewSelect(append(network.PresetNames(), blankPreset), func(name string) {
		if name == blankPreset {
			e.SetSpec(design.Blank())
			return
		}
		if s, err := network.Preset(name); err == nil {
			e.SetSpec(s)
		}
	})
	e.preset.PlaceHolder = "start from…"
	e.codeSize = e.intField("code", func(n int) error {
		s, err := design.WithCodeSize(e.spec, n)
		if err != nil {
			return err
		}
		e.spec = s
		e.rebuildRows()
		return nil
	})
	e.layers = e.intField("layers", func(n int) error {
		_, nodes := design.DenseStack(e.spec)
		if n > 0 && nodes == 0 {
			nodes = max(128, 2*design.CodeSize(e.spec))
			if v, err := strconv.Atoi(strings.TrimSpace(e.nodes.Text)); err == nil && v > 0 {
				nodes = v
			}
		}
		return e.regenerate(n, nodes)
	})
	e.nodes = e.intField("nodes", func(n int) error {
		layers, _ := design.DenseStack(e.spec)
		if layers == 0 {
			return errors.New("nodes per layer: set the number of layers first")
		}
		return e.regenerate(layers, n)
	})
	var losses []string
	for _, l := range network.Losses {
		losses = append(losses, string(l))
	}
	e.loss = widget.NewSelect(losses, func(v string) {
		if e.syncing {
			return
		}
		e.spec.Loss = v
		e.changed()
	})
	e.layers.SetPlaceHolder("0")
	e.nodes.SetPlaceHolder("—")
}

// buildTrainingFields creates the optimizer choice and the training
// settings. They go into the spec as typed: Spec.Check knows their ranges,
// and changed shows its message under the field.
func (e *Editor) buildTrainingFields() {
	e.optimizer = widget.NewSelect(network.Optimizers, func(v string) {
		if e.syncing {
			return
		}
		// The other settings belong to the old optimizer; a learning rate
		// the user typed stays (with a warning if it does not suit).
		opt := network.OptimizerSpec{Name: v}
		if e.lrTyped {
			opt.LearningRate = e.spec.Optimizer.LearningRate
		}
		e.spec.Optimizer = opt
		e.syncTop(e.typing())
		e.changed()
	})
	e.learningRate = e.floatField("lr", func(v float64) error {
		e.spec.Optimizer.LearningRate = v // 0 (empty): the optimizer's default
		e.lrTyped = v != 0
		return nil
	})
	e.epochs = e.intField("epochs", func(n int) error {
		e.spec.Train.Epochs = n
		return nil
	})
	e.batchSize = e.intField("batch", func(n int) error {
		e.spec.Train.BatchSize = n
		return nil
	})
	e.noise = e.floatField("noise", func(v float64) error {
		e.spec.Train.Noise = v // Check names the allowed range
		return nil
	})
	e.l1Entry = e.floatField("l1", func(v float64) error {
		c := design.CodeIndex(e.spec)
		if c < 0 {
			if v == 0 {
				return nil
			}
			return errors.New("L1 strength: mark a code layer first")
		}
		e.spec.Layers[c].ActivityRegularizer.L1 = v
		e.rebuildRows()
		return nil
	})
	e.l1Entry.SetPlaceHolder("0")
	e.noise.SetPlaceHolder("0")
}

// buildLayerButtons creates the buttons over the layer list: mirror the
// decoder, and add a layer (of the registry's first type) before the
// output layer.
func (e *Editor) buildLayerButtons() {
	e.mirror = newButton("Mirror decoder", theme.ViewRefreshIcon(), func() {
		s, err := design.MirrorDecoder(e.spec)
		if err != nil {
			e.status.Importance = widget.DangerImportance
			e.status.SetText(err.Error())
			return
		}
		e.spec = s
		e.rebuildRows()
		e.changed()
	})
	e.addLayer = newButton("Add layer", theme.ContentAddIcon(), func() {
		at := max(len(e.spec.Layers)-1, 0) // before the output layer
		e.spec.Layers = slices.Insert(e.spec.Layers, at, network.LayerTypes()[0].New())
		e.rebuildRows()
		e.changed()
	})
}

// regenerate rebuilds a dense design from the layer-count knobs.
func (e *Editor) regenerate(layers, nodes int) error {
	if !design.IsDenseStack(e.spec) {
		return errors.New("layers and nodes per layer apply to dense designs only")
	}
	s, err := design.WithDenseStack(e.spec, layers, nodes)
	if err != nil {
		return err
	}
	e.spec = s
	e.rebuildRows()
	return nil
}

// intField returns an entry that parses a whole number and hands it to set;
// a bad value is recorded under key and shown under the field and at the
// top.
func (e *Editor) intField(key string, set func(int) error) *escEntry {
	return e.field(key, func(text string) error {
		n, err := parseInt(text)
		if err != nil {
			return err
		}
		return set(n)
	})
}

// floatField is intField for real numbers; an empty field means zero.
func (e *Editor) floatField(key string, set func(float64) error) *escEntry {
	return e.field(key, func(text string) error {
		if strings.TrimSpace(text) == "" {
			return set(0)
		}
		v, err := parseFloat(text)
		if err != nil {
			return err
		}
		return set(v)
	})
}

func (e *Editor) field(key string, apply func(string) error) *escEntry {
	en := newEntry()
	en.OnChanged = func(text string) {
		if e.syncing {
			return
		}
		e.editing = key
		err := apply(text)
		e.editing = ""
		if err != nil {
			e.topErrs[key] = fmt.Errorf("%s: %w", fieldTitle(key), err)
		} else {
			delete(e.topErrs, key)
			e.syncTop(key)
		}
		e.changed()
	}
	return en
}

// fieldTitle names a hyper-parameter field in messages.
func fieldTitle(key string) string {
	switch key {
	case "code":
		return "code size"
	case "layers":
		return "layers before code"
	case "nodes":
		return "nodes per layer"
	case "lr":
		return "learning rate"
	case "batch":
		return "batch size"
	case "noise":
		return "noise factor"
	case "l1":
		return "code L1"
	}
	return key
}

// syncTop fills the hyper-parameter fields from the spec, except the one
// being typed in (skip), clearing their errors.
func (e *Editor) syncTop(skip string) {
	e.syncing = true
	defer func() { e.syncing = false }()
	set := func(key string, en *escEntry, text string) {
		if key == skip || key == e.editing {
			return
		}
		delete(e.topErrs, key)
		if en.Text != text {
			en.SetText(text)
		}
	}
	s := e.spec
	set("code", e.codeSize, intText(design.CodeSize(s)))
	dense := design.IsDenseStack(s)
	layers, nodes := design.DenseStack(s)
	if dense {
		e.layers.Enable()
		e.nodes.Enable()
		set("layers", e.layers, strconv.Itoa(layers))
		set("nodes", e.nodes, intText(nodes))
	} else {
		set("layers", e.layers, "")
		set("nodes", e.nodes, "")
		e.layers.Disable()
		e.nodes.Disable()
	}
	e.loss.SetSelected(s.Loss)
	e.optimizer.SetSelected(s.Optimizer.Name)
	e.learningRate.SetPlaceHolder(floatText(s.Optimizer.WithDefaults().LearningRate))
	set("lr", e.learningRate, floatText(s.Optimizer.LearningRate))
	set("epochs", e.epochs, intText(s.Train.Epochs))
	set("batch", e.batchSize, intText(s.Train.BatchSize))
	set("noise", e.noise, floatText(s.Train.Noise))
	l1 := 0.0
	if c := design.CodeIndex(s); c >= 0 {
		l1 = s.Layers[c].ActivityRegularizer.L1
	}
	set("l1", e.l1Entry, floatText(l1))
}

// specFieldKeys maps the JSON names of the spec's fields that
// network.SpecError.Field gives to the keys of the editor's fields.
var specFieldKeys = map[string]string{
	"epochs":        "epochs",
	"batch_size":    "batch",
	"noise":         "noise",
	"learning_rate": "lr",
	"optimizer":     "optimizer",
	"loss":          "loss",
}

// fieldKey returns the key of the hyper-parameter field a whole-spec error
// of the engine is about, or "".
func fieldKey(err error) string {
	var se *network.SpecError
	if errors.As(err, &se) && se.Layer < 0 {
		return specFieldKeys[se.Field]
	}
	return ""
}

// showFieldMessages puts under each hyper-parameter field its typing
// error, else the engine's complaint about it, else (for the learning rate)
// the warning; fields without any show nothing.
func (e *Editor) showFieldMessages() {
	bad := fieldKey(e.specErr)
	for key, l := range e.msgs {
		text, imp := "", widget.DangerImportance
		switch {
		case e.topErrs[key] != nil:
			text = errors.Unwrap(e.topErrs[key]).Error()
		case key == bad:
			text = specErrReason(e.specErr)
		case key == "lr" && e.warning != "":
			text, imp = e.warning, widget.WarningImportance
		}
		if text == l.Text && imp == l.Importance && l.Visible() == (text != "") {
			continue
		}
		l.Importance = imp
		l.SetText(text)
		if text == "" {
			l.Hide()
		} else {
			l.Show()
		}
	}
}

// changed re-checks the design and updates the statuses, the diagram and the
// listeners.
func (e *Editor) changed() {
	e.info, e.specErr = checkSpec(e.spec)
	e.warning = ""
	if e.specErr == nil || fieldKey(e.specErr) != "lr" {
		e.warning = e.spec.Optimizer.LearningRateWarning()
	}
	e.showFieldMessages()
	bad := specErrLayer(e.specErr)
	for i, r := range e.rows {
		switch err := r.firstErr(); {
		case err != nil:
			r.setStatus(err.Error(), true)
		case i == bad:
			r.setStatus(specErrReason(e.specErr), true)
		case i < len(e.info):
			r.setStatus(fmt.Sprintf("out %s   %s params", e.info[i].Out, thousands(e.info[i].Params)), false)
		default:
			r.setStatus("out ?", false)
		}
	}
	switch err := e.Problem(); {
	case err != nil && (bad < 0 || len(e.topErrs) > 0):
		e.status.Importance = widget.DangerImportance
		e.status.SetText(err.Error())
	case err != nil:
		e.status.Importance = widget.DangerImportance
		e.status.SetText("The model does not fit: see the layer marked in red.")
	default:
		total := network.TotalParams(e.info)
		code := ""
		if c := design.CodeIndex(e.spec); c >= 0 && c < len(e.info) {
			out := e.info[c].Out
			code = fmt.Sprintf(" · code %s = %s values", out, thousands(out.Size()))
			if len(out) == 1 {
				code = fmt.Sprintf(" · code of %s values", thousands(out.Size()))
			}
			code += fmt.Sprintf(" (%.1f× compression)", float64(e.spec.Input.Size())/float64(out.Size()))
			if e.spec.Layers[c].Type == network.TypeVariational {
				code = fmt.Sprintf(" · variational code, latent size %d: a Gaussian per digit, sampled while training", out.Size())
			}
		}
		summary := fmt.Sprintf("%d layers · %s parameters%s", len(e.spec.Layers), thousands(total), code)
		if e.warning != "" {
			e.status.Importance = widget.WarningImportance
			e.status.SetText("⚠ " + e.warning + "\n" + summary)
		} else {
			e.status.Importance = widget.SuccessImportance
			e.status.SetText("✔ " + summary)
		}
	}
	e.diagram.SetBoxes(diagramBoxes(e.spec, e.info, e.specErr))
	for _, f := range e.onChange {
		f()
	}
}

// rebuildRows recreates the layer rows from the spec.
func (e *Editor) rebuildRows() {
	e.rows = e.rows[:0]
	objs := make([]fyne.CanvasObject, 0, len(e.spec.Layers))
	for i := range e.spec.Layers {
		r := newLayerRow(e, i)
		e.rows = append(e.rows, r)
		objs = append(objs, r.box)
	}
	e.rowsBox.Objects = objs
	e.rowsBox.Refresh()
	if !e.syncing {
		e.syncTop(e.typing())
	}
}

// typing returns the key of the hyper-parameter field holding a bad value,
// which syncTop must leave alone; "" when none.
func (e *Editor) typing() string {
	for k := range e.topErrs {
		return k
	}
	return ""
}

// layerEdit applies an edit to layer i from its row.
func (e *Editor) layerEdit(i int, f func(l *network.LayerSpec)) {
	if i >= len(e.spec.Layers) {
		return
	}
	f(&e.spec.Layers[i])
	e.syncTop(e.typing())
	e.changed()
}

// moveLayer swaps layer i with layer i+d.
func (e *Editor) moveLayer(i, d int) {
	j := i + d
	if j < 0 || j >= len(e.spec.Layers) {
		return
	}
	e.spec.Layers[i], e.spec.Layers[j] = e.spec.Layers[j], e.spec.Layers[i]
	e.rebuildRows()
	e.changed()
}

// removeLayer deletes layer i.
func (e *Editor) removeLayer(i int) {
	if i >= len(e.spec.Layers) {
		return
	}
	e.spec.Layers = slices.Delete(e.spec.Layers, i, i+1)
	e.rebuildRows()
	e.changed()
}

// setCode makes layer i the only code layer (or none when on is false).
func (e *Editor) setCode(i int, on bool) {
	for j := range e.spec.Layers {
		e.spec.Layers[j].Code = on && j == i
	}
	e.rebuildRows()
	e.changed()
}

// setType changes layer i's type, resetting its settings to the type's
// defaults but keeping the code mark. A shape setting (a reshape's target)
// starts as the previous layer's output shape.
func (e *Editor) setType(i int, typ string) {
	t, ok := network.LayerTypeOf(typ)
	if i >= len(e.spec.Layers) || e.spec.Layers[i].Type == typ || !ok {
		return
	}
	l := t.New()
	l.Code = e.spec.Layers[i].Code
	for _, f := range t.Fields {
		if f.Kind == network.ShapeField && i > 0 && i-1 < len(e.info) {
			f.Set(&l, e.info[i-1].Out)
		}
	}
	e.spec.Layers[i] = l
	e.rebuildRows()
	e.changed()
}

// layerRow is the editor row of one layer.
type layerRow struct {
	e       *Editor
	i       int // the layer's index
	box     *fyne.Container
	status  *widget.Label
	errs    map[string]error
	entries map[string]*escEntry // by setting, for tests
}

func (r *layerRow) firstErr() error {
	for _, k := range slices.Sorted(maps.Keys(r.errs)) {
		return r.errs[k]
	}
	return nil
}

func (r *layerRow) setStatus(text string, bad bool) {
	if bad {
		r.status.Importance = widget.DangerImportance
	} else {
		r.status.Importance = widget.LowImportance
	}
	r.status.SetText(text)
}

// newLayerRow builds the row editing layer i of e's spec: its type, the
// settings its registered type offers, the regularisers of a layer with
// weights, the code mark and the move and delete buttons.
func newLayerRow(e *Editor, i int) *layerRow {
	l := e.spec.Layers[i]
	r := &layerRow{e: e, i: i, errs: map[string]error{}, entries: map[string]*escEntry{}}
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord

	typeSel := widget.NewSelect(network.LayerTypeNames(), nil)
	typeSel.SetSelected(l.Type)
	typeSel.OnChanged = func(t string) { e.setType(i, t) }

	var fields, second []fyne.CanvasObject
	t, _ := network.LayerTypeOf(l.Type)
	for _, f := range t.Fields {
		if !f.Advanced {
			fields = append(fields, r.settingField(f, l)...)
		}
	}
	if t.Weights {
		second = append(r.realField("l1", "activity L1", 64, l.ActivityRegularizer.L1, func(l *network.LayerSpec, x float64) { l.ActivityRegularizer.L1 = x }),
			r.realField("l2", "L2", 64, l.ActivityRegularizer.L2, func(l *network.LayerSpec, x float64) { l.ActivityRegularizer.L2 = x })...)
	}
	num1 := widget.NewLabelWithStyle(strconv.Itoa(i+1), fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
	line1 := container.NewHBox(append([]fyne.CanvasObject{fixedWidth(28, num1), fixedWidth(168, typeSel)}, fields...)...)
	line2 := container.NewBorder(nil, nil, container.NewHBox(append([]fyne.CanvasObject{fixedWidth(28, layout.NewSpacer())}, second...)...), r.tools(l.Code), r.status)
	r.box = container.NewVBox(line1, line2, widget.NewSeparator())
	return r
}

// tools returns the row's code check and its move and delete buttons.
func (r *layerRow) tools(isCode bool) fyne.CanvasObject {
	e, i := r.e, r.i
	code := newCheck("code", nil)
	code.SetChecked(isCode)
	code.OnChanged = func(on bool) { e.setCode(i, on) }
	up := newButton("", theme.MoveUpIcon(), func() { e.moveLayer(i, -1) })
	down := newButton("", theme.MoveDownIcon(), func() { e.moveLayer(i, 1) })
	del := newButton("", theme.DeleteIcon(), func() { e.removeLayer(i) })
	if i == 0 {
		up.Disable()
	}
	if i == len(e.spec.Layers)-1 {
		down.Disable()
	}
	return container.NewHBox(code, up, down, del)
}

// settingField returns the label and widget editing setting f of layer l.
func (r *layerRow) settingField(f network.LayerField, l network.LayerSpec) []fyne.CanvasObject {
	switch f.Kind {
	case network.IntField:
		return r.intField(f.Name, f.Label, intWidth(f), f.Int(l), func(l *network.LayerSpec, n int) { f.Set(l, n) })
	case network.FloatField:
		return r.realField(f.Name, f.Label, 56, f.Float(l), func(l *network.LayerSpec, x float64) { f.Set(l, x) })
	case network.ChoiceField:
		sel := widget.NewSelect(f.Choices, nil)
		sel.SetSelected(f.Text(l))
		sel.OnChanged = func(v string) { r.e.layerEdit(r.i, func(l *network.LayerSpec) { f.Set(l, v) }) }
		return []fyne.CanvasObject{sel}
	case network.ShapeField:
		return r.shapeField(f, l)
	}
	return nil
}

// intWidth returns the width of the entry of an integer setting, enough for
// the digits of its largest value.
func intWidth(f network.LayerField) float32 {
	switch d := len(strconv.Itoa(int(f.Max))); {
	case d <= 2:
		return 40
	case d <= 4:
		return 48
	}
	return 64
}

// intField returns a labelled entry for an integer setting, recording a
// typing error under key.
func (r *layerRow) intField(key, label string, width float32, v int, set func(l *network.LayerSpec, n int)) []fyne.CanvasObject {
	en := newEntry()
	en.SetText(intText(v))
	r.entries[key] = en
	en.OnChanged = func(text string) {
		n, err := parseInt(text)
		if err != nil {
			r.errs[key] = fmt.Errorf("%s: %w", label, err)
			r.e.changed()
			return
		}
		delete(r.errs, key)
		r.e.layerEdit(r.i, func(l *network.LayerSpec) { set(l, n) })
	}
	return []fyne.CanvasObject{smallLabel(label), fixedWidth(width, en)}
}

// realField is intField for a real setting; an empty entry means zero.
func (r *layerRow) realField(key, label string, width float32, v float64, set func(l *network.LayerSpec, x float64)) []fyne.CanvasObject {
	en := newEntry()
	en.SetText(floatText(v))
	r.entries[key] = en
	en.SetPlaceHolder("0")
	en.OnChanged = func(text string) {
		x := 0.0
		if strings.TrimSpace(text) != "" {
			var err error
			if x, err = parseFloat(text); err != nil {
				r.errs[key] = fmt.Errorf("%s: %w", label, err)
				r.e.changed()
				return
			}
		}
		delete(r.errs, key)
		r.e.layerEdit(r.i, func(l *network.LayerSpec) { set(l, x) })
	}
	return []fyne.CanvasObject{smallLabel(label), fixedWidth(width, en)}
}

// shapeField returns a labelled entry for a shape setting.
func (r *layerRow) shapeField(f network.LayerField, l network.LayerSpec) []fyne.CanvasObject {
	en := newEntry()
	en.SetText(design.ShapeText(f.Shape(l)))
	r.entries[f.Name] = en
	en.SetPlaceHolder("7,7,16")
	en.OnChanged = func(text string) {
		s, err := design.ParseShape(text)
		if err != nil {
			r.errs[f.Name] = err
			r.e.changed()
			return
		}
		delete(r.errs, f.Name)
		r.e.layerEdit(r.i, func(l *network.LayerSpec) { f.Set(l, s) })
	}
	return []fyne.CanvasObject{smallLabel(f.Label), fixedWidth(96, en)}
}

// parseInt reads a whole number typed by the user.
func parseInt(text string) (int, error) {
	t := strings.TrimSpace(text)
	if t == "" {
		return 0, errors.New("enter a number")
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return 0, fmt.Errorf("%q is not a whole number", t)
	}
	if n < 0 || n > 1<<24 {
		return 0, fmt.Errorf("%d is out of range", n)
	}
	return n, nil
}

// parseFloat reads a finite, non-negative real number typed by the user.
func parseFloat(text string) (float64, error) {
	t := strings.TrimSpace(text)
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", t)
	}
	if v < 0 {
		return 0, fmt.Errorf("%g must not be negative", v)
	}
	return v, nil
}

// intText formats n for a field, empty for zero.
func intText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// floatText formats v for a field, empty for zero.
func floatText(v float64) string {
	if v == 0 {
		return ""
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// boldLabel returns a bold label.
func boldLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// smallLabel returns a label for a field inside a layer row.
func smallLabel(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Importance = widget.LowImportance
	return l
}

// labelled stacks a caption over the hyper-parameter field key, and under
// it the field's message (hidden while there is none), wrapped to the
// field's width.
func (e *Editor) labelled(key, caption string, obj fyne.CanvasObject) fyne.CanvasObject {
	l := widget.NewLabel(caption)
	l.TextStyle.Bold = true
	l.Truncation = fyne.TextTruncateEllipsis
	msg := widget.NewLabel("")
	msg.Wrapping = fyne.TextWrapWord
	msg.SizeName = theme.SizeNameCaptionText
	msg.Importance = widget.DangerImportance
	msg.Hide()
	e.msgs[key] = msg
	return container.NewVBox(l, obj, msg)
}

// fixedWidth gives obj the width w and its own minimum height.
func fixedWidth(w float32, obj fyne.CanvasObject) fyne.CanvasObject {
	return container.New(fixedWidthLayout(w), obj)
}

type fixedWidthLayout float32

func (f fixedWidthLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(f), h)
}

func (f fixedWidthLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
