package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/network"
)

// newTestEditor returns an editor shown in a test window.
func newTestEditor(t *testing.T) *Editor {
	t.Helper()
	test.NewTempApp(t)
	e := NewEditor()
	w := test.NewTempWindow(t, e.Content())
	w.Resize(fyne.NewSize(1200, 800))
	return e
}

func TestEditorEditUpdatesShapesAndDiagram(t *testing.T) {
	e := newTestEditor(t)
	if !e.Valid() {
		t.Fatalf("vanilla preset is not valid: %v", e.Problem())
	}
	// Typing in the code layer's units entry.
	units := e.rows[0].entries["units"]
	units.SetText("")
	test.Type(units, "48")
	if got := e.Info()[0].Out; !got.Equal(network.Shape{48}) {
		t.Errorf("code layer output after typing 48 = %v", got)
	}
	if got := e.Info()[0].Params; got != 784*48+48 {
		t.Errorf("code layer params = %d, want %d", got, 784*48+48)
	}
	boxes := e.Diagram().Boxes()
	if len(boxes) != 3 || !strings.HasPrefix(boxes[1].Detail, "48 · 37,680 params") || !boxes[1].Code {
		t.Errorf("diagram after edit: %+v", boxes)
	}
	if e.codeSize.Text != "48" {
		t.Errorf("code size field shows %q, want 48", e.codeSize.Text)
	}
	// The code size field edits the code layer back.
	e.codeSize.SetText("16")
	if got := e.Spec().Layers[0].Units; got != 16 {
		t.Errorf("code size 16 set units to %d", got)
	}
	// Number of layers regenerates a dense stack: 784-128-64-16-64-128-784.
	e.nodes.SetText("128")
	e.layers.SetText("2")
	var widths []int
	for _, l := range e.Spec().Layers {
		widths = append(widths, l.Units)
	}
	if want := []int{128, 64, 16, 64, 128, 784}; !slicesEqual(widths, want) {
		t.Errorf("2 layers of 128 nodes, code 16: units %v, want %v", widths, want)
	}
	if len(e.Diagram().Boxes()) != 7 || !e.Valid() {
		t.Errorf("regenerated design: %d boxes, problem %v", len(e.Diagram().Boxes()), e.Problem())
	}
	// Reorder and remove.
	e.moveLayer(0, 1)
	if e.Valid() {
		// 784→64→128: still fits, but the code moved with its layer.
		if codeIndex(e.Spec()) != 1 && codeIndex(e.Spec()) != 2 {
			t.Errorf("code index after move = %d", codeIndex(e.Spec()))
		}
	}
	e.removeLayer(0)
	if n := len(e.Spec().Layers); n != 5 || len(e.Diagram().Boxes()) != 6 {
		t.Errorf("after remove: %d layers, %d boxes", n, len(e.Diagram().Boxes()))
	}
}

func TestEditorInvalidValues(t *testing.T) {
	for _, tc := range []struct {
		name   string
		edit   func(e *Editor)
		row    int    // row that shows the error, or -1 for the top
		reason string // in the error text
	}{
		{"garbage units", func(e *Editor) { e.rows[0].entries["units"].SetText("abc") }, 0, `"abc" is not a whole number`},
		{"empty units", func(e *Editor) { e.rows[0].entries["units"].SetText("") }, 0, "enter a number"},
		{"zero units", func(e *Editor) { e.rows[0].entries["units"].SetText("0") }, 0, "units must be in [1, "},
		{"wrong output size", func(e *Editor) { e.rows[1].entries["units"].SetText("100") }, -1, "an autoencoder must reconstruct its input"},
		{"garbage L1", func(e *Editor) { e.rows[0].entries["l1"].SetText("1e-x") }, 0, "is not a number"},
		{"garbage code size", func(e *Editor) { e.codeSize.SetText("big") }, -1, `code size: "big" is not a whole number`},
		{"negative learning rate", func(e *Editor) { e.learningRate.SetText("-1") }, -1, "must not be negative"},
		{"huge noise", func(e *Editor) { e.noise.SetText("50") }, -1, "noise must be a number in [0, 10]"},
		{"no code layer", func(e *Editor) { e.setCode(0, false) }, -1, "no layer is marked as the code"},
		{"conv on a flat input", func(e *Editor) { e.setType(0, network.TypeConv2D) }, 0, ""},
		{"bad reshape", func(e *Editor) {
			e.setType(0, network.TypeReshape)
			e.rows[0].entries["shape"].SetText("5,5")
		}, 0, "cannot reshape 784 values"},
		{"garbage reshape", func(e *Editor) {
			e.setType(0, network.TypeReshape)
			e.rows[0].entries["shape"].SetText("7,a")
		}, 0, "not a positive whole number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			test.NewTempApp(t)
			s := New(Config{Do: (&eventLoop{}).do})
			test.NewTempWindow(t, s.Content())
			e := s.Editor()
			if s.train.start.Disabled() {
				t.Fatal("Train is disabled before the edit")
			}
			tc.edit(e)
			if e.Valid() {
				t.Fatal("the design is still valid")
			}
			if !s.train.start.Disabled() {
				t.Error("Train is enabled")
			}
			shown := e.status.Text
			if tc.row >= 0 {
				shown = e.rows[tc.row].status.Text
				if e.rows[tc.row].status.Importance != widget.DangerImportance {
					t.Errorf("row %d status %q is not shown as an error", tc.row, shown)
				}
			}
			if !strings.Contains(shown, tc.reason) || shown == "" {
				t.Errorf("error shown: %q, want it to contain %q", shown, tc.reason)
			}
			// Loading a preset again clears every error.
			e.preset.SetSelected("multilayer")
			e.preset.SetSelected("vanilla")
			if !e.Valid() || s.train.start.Disabled() {
				t.Errorf("after reloading vanilla: valid %v, Train disabled %v: %v", e.Valid(), s.train.start.Disabled(), e.Problem())
			}
		})
	}
}

func TestEditorPresetsAndBlank(t *testing.T) {
	e := newTestEditor(t)
	for _, name := range append(network.PresetNames(), blankPreset) {
		e.preset.SetSelected(name)
		if !e.Valid() {
			t.Errorf("%s: %v", name, e.Problem())
		}
		if n := len(e.Diagram().Boxes()); n != len(e.Spec().Layers)+1 {
			t.Errorf("%s: %d boxes for %d layers", name, n, len(e.Spec().Layers))
		}
	}
}

func TestEditorAddTypeAndMirror(t *testing.T) {
	e := newTestEditor(t)
	e.preset.SetSelected("conv")
	e.addLayer.OnTapped() // a dense layer before the output: does not fit
	if e.Valid() {
		t.Fatal("a dense layer on an image should not fit")
	}
	bad := specErrLayer(e.specErr)
	if bad != len(e.Spec().Layers)-2 || !e.Diagram().Boxes()[bad+1].Bad {
		t.Errorf("error on layer %d, boxes %+v", bad, e.Diagram().Boxes())
	}
	for _, typ := range network.LayerTypeNames() {
		e.setType(bad, typ) // any type: never a panic
	}
	e.mirror.OnTapped() // rebuilds the decoder from the encoder
	if !e.Valid() {
		t.Fatalf("mirrored conv design: %v", e.Problem())
	}
}

func TestParseFields(t *testing.T) {
	for _, tc := range []struct {
		in      string
		n       int
		wantErr bool
	}{
		{"64", 64, false}, {" 7 ", 7, false}, {"", 0, true}, {"6.5", 0, true}, {"-3", 0, true},
		{"99999999999999999999", 0, true}, {"0x10", 0, true},
	} {
		n, err := parseInt(tc.in)
		if (err != nil) != tc.wantErr || n != tc.n {
			t.Errorf("parseInt(%q) = %d, %v", tc.in, n, err)
		}
	}
	for _, tc := range []struct {
		in      string
		wantErr bool
	}{{"1e-4", false}, {"0.5", false}, {"NaN", true}, {"inf", true}, {"-1", true}, {"x", true}} {
		if _, err := parseFloat(tc.in); (err != nil) != tc.wantErr {
			t.Errorf("parseFloat(%q) error %v", tc.in, err)
		}
	}
}

func TestDiagramGolden(t *testing.T) {
	for _, name := range []string{"vanilla", "conv"} {
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t)
			e := NewEditor()
			e.preset.SetSelected(name)
			d := e.Diagram()
			w := test.NewTempWindow(t, d)
			w.SetPadded(false)
			w.Resize(d.MinSize())
			test.AssertImageMatches(t, "diagram_"+name+".png", w.Canvas().Capture())
		})
	}
}

func slicesEqual(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestEditorShowsEngineMessagesByTheirField(t *testing.T) {
	for _, tc := range []struct {
		name  string
		entry func(e *Editor) *escEntry
		text  string
		key   string // the field whose message shows the error; "" when valid
	}{
		{"no epochs", func(e *Editor) *escEntry { return e.epochs }, "0", "epochs"},
		{"no batch", func(e *Editor) *escEntry { return e.batchSize }, "0", "batch"},
		{"huge batch", func(e *Editor) *escEntry { return e.batchSize }, "100000", "batch"},
		{"huge noise", func(e *Editor) *escEntry { return e.noise }, "50", "noise"},
		{"many epochs", func(e *Editor) *escEntry { return e.epochs }, "5000", ""}, // the editor kept its own limit of 1000
		{"big batch", func(e *Editor) *escEntry { return e.batchSize }, "60001", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newTestEditor(t)
			tc.entry(e).SetText(tc.text)
			_, want := e.Spec().Check()
			if tc.key == "" {
				if !e.Valid() || want != nil {
					t.Fatalf("%s = %s: %v, engine %v", tc.name, tc.text, e.Problem(), want)
				}
				return
			}
			if want == nil || e.Valid() {
				t.Fatalf("the engine accepts %s = %s (%v); editor valid %v", tc.name, tc.text, want, e.Valid())
			}
			msg := e.msgs[tc.key]
			if !msg.Visible() || msg.Text != specErrReason(want) || msg.Importance != widget.DangerImportance {
				t.Errorf("the %s field shows %q (visible %v), want the engine's %q", tc.key, msg.Text, msg.Visible(), specErrReason(want))
			}
			for k, m := range e.msgs {
				if k != tc.key && m.Visible() {
					t.Errorf("the %s field shows %q too", k, m.Text)
				}
			}
			if !strings.Contains(e.status.Text, specErrReason(want)) {
				t.Errorf("status %q", e.status.Text)
			}
			// Putting the value right clears the message.
			e.preset.SetSelected("sparse")
			if msg.Visible() || !e.Valid() {
				t.Errorf("after loading a preset: %q, valid %v", msg.Text, e.Valid())
			}
		})
	}
}

func TestEditorWarnsOfFarLearningRates(t *testing.T) {
	for _, tc := range []struct {
		optimizer, lr string
		warn          bool
	}{
		{"adam", "1000", true},
		{"adam", "1e-9", true},
		{"adam", "0.001", false},
		{"adam", "", false},
		{"sgd", "1", false},
		{"adadelta", "1", false},
	} {
		t.Run(tc.optimizer+" "+tc.lr, func(t *testing.T) {
			e := newTestEditor(t)
			e.optimizer.SetSelected(tc.optimizer)
			e.learningRate.SetText(tc.lr)
			want := e.Spec().Optimizer.LearningRateWarning()
			if (want != "") != tc.warn {
				t.Fatalf("the engine's warning: %q", want)
			}
			if !e.Valid() {
				t.Fatalf("a learning rate of %s makes the design invalid: %v", tc.lr, e.Problem())
			}
			msg := e.msgs["lr"]
			if !tc.warn {
				if msg.Visible() || e.status.Importance != widget.SuccessImportance || !strings.HasPrefix(e.status.Text, "✔") {
					t.Errorf("no warning expected: field %q, status %q", msg.Text, e.status.Text)
				}
				return
			}
			if e.Warning() != want || !msg.Visible() || msg.Text != want || msg.Importance != widget.WarningImportance {
				t.Errorf("the learning-rate field shows %q (visible %v), want %q", msg.Text, msg.Visible(), want)
			}
			if e.status.Importance != widget.WarningImportance || strings.Contains(e.status.Text, "✔") || !strings.Contains(e.status.Text, want) {
				t.Errorf("status %q (importance %v)", e.status.Text, e.status.Importance)
			}
		})
	}
}

func TestEditorOptimizerChangeKeepsTypedLearningRate(t *testing.T) {
	e := newTestEditor(t)
	e.learningRate.SetText("0.05")
	for _, name := range []string{"sgd", "rmsprop", "adam"} {
		e.optimizer.SetSelected(name)
		if got := e.Spec().Optimizer; got.Name != name || got.LearningRate != 0.05 || e.learningRate.Text != "0.05" {
			t.Errorf("after choosing %s: %+v, field %q", name, got, e.learningRate.Text)
		}
	}
	// A learning rate that came with a preset belongs to its optimizer.
	spec := e.Spec()
	spec.Optimizer = network.OptimizerSpec{Name: "adadelta", LearningRate: 2}
	e.SetSpec(spec)
	e.optimizer.SetSelected("adam")
	if got := e.Spec().Optimizer; got.LearningRate != 0 || e.learningRate.Text != "" || e.Warning() != "" {
		t.Errorf("after choosing adam over a preset's adadelta: %+v, field %q, warning %q", got, e.learningRate.Text, e.Warning())
	}
}

func TestEditorShowsLongLayerErrorsWhole(t *testing.T) {
	e := newTestEditor(t)
	e.preset.SetSelected("conv")
	e.setType(1, network.TypeDense) // a dense layer on an image
	bad := specErrLayer(e.specErr)
	want := specErrReason(e.specErr)
	if bad != 1 || len(want) < 50 {
		t.Fatalf("error on layer %d: %q", bad, want)
	}
	if got := e.rows[bad].status.Text; got != want {
		t.Errorf("the row says %q, want %q", got, want)
	}
	box := e.Diagram().Boxes()[bad+1]
	if !box.Bad || box.Detail != want {
		t.Errorf("the diagram's box says %q, want %q", box.Detail, want)
	}
	r := test.WidgetRenderer(e.Diagram()).(*diagramRenderer)
	var lines []string
	for _, l := range r.details[bad+1] {
		lines = append(lines, l.Text)
		if w := fyne.MeasureText(l.Text, l.TextSize, l.TextStyle).Width; w > r.boxW {
			t.Errorf("line %q is %v wide, the box %v", l.Text, w, r.boxW)
		}
	}
	if len(lines) < 2 || strings.Join(lines, " ") != want {
		t.Errorf("the box's lines %q, want %q", lines, want)
	}
	if r.boxW > diagramBoxMinWidth {
		t.Errorf("the boxes are %v wide, more than %v", r.boxW, diagramBoxMinWidth)
	}
}
