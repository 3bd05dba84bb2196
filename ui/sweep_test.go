package ui

import (
	"bytes"
	"fmt"
	"image/png"
	"math"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"autoencoder-studio/network/design"
	"autoencoder-studio/network/sweep"
	"autoencoder-studio/ui/render"
)

// TestSweepDialogQueuesAndViewFillsIn sweeps the code size of the vanilla
// design through the Design tab's Sweep… dialog and follows the Sweep view
// as the queued runs finish.
func TestSweepDialogQueuesAndViewFillsIn(t *testing.T) {
	s, loop, w := newTestStudio(t, 1024, 64)
	s.SetWindow(w)
	s.Editor().epochs.SetText("1")
	test.Tap(s.editor.sweep)
	d := dialogOf[*dialog.FormDialog](t, s)
	f := s.sweep.form
	if f.setting.Selected != "code size" || f.values.Text != "2, 4, 8, 16, 32, 64" {
		t.Fatalf("the dialog offers %q = %q, want the code size prefilled", f.setting.Selected, f.values.Text)
	}
	// Vanilla is a dense stack without hidden layers: layers apply, nodes
	// per layer do not.
	if opts := strings.Join(f.setting.Options, ","); !strings.Contains(opts, "layers before the code") || strings.Contains(opts, "nodes") {
		t.Errorf("vanilla is offered %q", opts)
	}
	f.values.SetText("2, x")
	if err := f.values.Validate(); err == nil || !strings.Contains(err.Error(), `"x" is not a whole number`) {
		t.Errorf("a bad value validates: %v", err)
	}
	if !strings.Contains(f.valid.Text, "whole numbers") {
		t.Errorf("the dialog does not say which values are valid: %q", f.valid.Text)
	}
	f.values.SetText("2, 16")
	if err := f.values.Validate(); err != nil || !strings.Contains(f.valid.Text, "2 runs") {
		t.Fatalf("good values: %v, %q", err, f.valid.Text)
	}
	d.Submit()
	loop.drain()

	p := s.sweep
	g := p.shown
	if g == nil || len(g.runs) != 2 || s.tabs.SelectedIndex() != tabSweep {
		t.Fatalf("sweep %+v, tab %d: the dialog did not queue a sweep and show it", g, s.tabs.SelectedIndex())
	}
	first, second := g.runs[0], g.runs[1]
	if design.CodeSize(first.Spec) != 2 || design.CodeSize(second.Spec) != 16 || first.Group != g.name || !strings.HasPrefix(second.Summary(), g.name) {
		t.Errorf("runs %q (code %d), %q (code %d), groups %q, %q", first.Name, design.CodeSize(first.Spec), second.Name, design.CodeSize(second.Spec), first.Group, second.Summary())
	}
	// On a fast machine the first run may be done by now; while it
	// trains, the second must wait.
	if first.Status == RunWaiting || (first.Status.Active() && (s.train.job == nil || s.train.job.run != first || second.Status != RunWaiting)) {
		t.Fatalf("the first run does not train first, or the second does not wait (%v, %v)", first.Status, second.Status)
	}
	mse := func() *render.SweepPlot { return p.mse.Figure().(*render.SweepPlot) }
	if first.Status.Active() && (!math.IsNaN(mse().Y[0]) || !math.IsNaN(mse().Y[1])) {
		t.Errorf("MSE %v before any run finished", mse().Y)
	}
	if params := p.params.Figure().(*render.SweepPlot); params.Y[0] >= params.Y[1] || params.Y[0] <= 0 {
		t.Errorf("parameters %v: the wider code must have more, and both be known before training", params.Y)
	}

	loop.until(t, "the first run", 60*time.Second, func() bool { return !first.Status.Active() })
	if y := mse().Y[0]; y != first.History[len(first.History)-1].ValMSE {
		t.Errorf("the view shows MSE %g for the first run, its history ends at %g", y, first.History[0].ValMSE)
	}
	loop.until(t, "the second run and its digits", 60*time.Second, func() bool {
		return !second.Status.Active() && p.applied == p.gen && p.last.recons[1] != nil
	})
	if y := mse().Y; y[1] != second.History[0].ValMSE || !(y[1] < y[0]) {
		t.Errorf("MSE %v: want the runs' own, falling from code 2 to code 16", y)
	}
	if p.last.original == nil || p.last.recons[0] == nil || len(p.digits.Objects) != 3 {
		t.Errorf("digits: original %v, %d rows shown; want the originals and a row per run", p.last.original != nil, len(p.digits.Objects))
	}
	if rows := p.sheetRows(); len(rows) != 3 || rows[1].Label != "code=2" || rows[2].Label != "code=16" {
		t.Errorf("PNG export rows %+v", rows)
	}
	var buf bytes.Buffer
	a, b, c := p.figures(g)
	if err := writeSweepPNG(&buf, a, b, c, p.sheetRows()); err != nil {
		t.Fatal(err)
	}
	if img, err := png.Decode(&buf); err != nil || img.Bounds().Dy() < 3*56 || img.Bounds().Dx() < render.SweepWidth {
		t.Errorf("PNG export: %v, %v", err, img.Bounds())
	}
	var csvBuf bytes.Buffer
	if err := sweep.WriteCSV(&csvBuf, p.results(g)); err != nil || !strings.Contains(csvBuf.String(), "16,vanilla code=16,") {
		t.Errorf("CSV export %q, %v", csvBuf.String(), err)
	}
	if p.csvBtn.Disabled() || p.pngBtn.Disabled() {
		t.Error("export disabled with trained runs")
	}
	if res := p.results(g); res[0].Name != "vanilla code=2" || res[1].ValMSE != second.History[0].ValMSE || res[1].Epochs != 1 {
		t.Errorf("CSV results %+v", res)
	}
}

// TestSweepDialogSkipsDenseSettingsForConv checks that a convolutional
// design is not offered the dense stack's settings, and says so.
func TestSweepDialogSkipsDenseSettingsForConv(t *testing.T) {
	s, _, w := newTestStudio(t, 256, 64)
	s.SetWindow(w)
	s.Editor().preset.SetSelected("conv")
	test.Tap(s.editor.sweep)
	dialogOf[*dialog.FormDialog](t, s)
	opts := strings.Join(s.sweep.form.setting.Options, ",")
	if strings.Contains(opts, "layers before") || strings.Contains(opts, "nodes") || !strings.Contains(opts, "code size") {
		t.Errorf("conv is offered %q", opts)
	}
}

// TestSweepLeavesOutCancelledRuns cancels queued runs of a sweep and
// checks that the view leaves them out and says so.
func TestSweepLeavesOutCancelledRuns(t *testing.T) {
	s, loop, _ := newTestStudio(t, 8192, 64)
	base := s.editor.Spec()
	sw := sweep.Sweep{Setting: "code", Values: []string{"4", "8", "16"}}
	runs, err := sweep.Expand(base, sw)
	if err != nil {
		t.Fatal(err)
	}
	s.sweep.Queue(base, sw, runs)
	g := s.sweep.shown
	for _, r := range g.runs[1:] {
		if err := s.train.CancelQueued(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.train.CancelQueued(g.runs[0]); err == nil {
		t.Error("the run in training was cancelled as if queued")
	}
	res := s.sweep.results(g)
	if res[0].Params == 0 || res[1].Params != 0 || res[2].Params != 0 {
		t.Errorf("parameters %d, %d, %d: want the cancelled runs left out", res[0].Params, res[1].Params, res[2].Params)
	}
	if !strings.Contains(s.sweep.note.Text, "(2 cancelled)") {
		t.Errorf("note %q does not count the cancelled runs", s.sweep.note.Text)
	}
	s.train.Stop()
	loop.until(t, "the stop and the digits", 30*time.Second, func() bool {
		return !g.runs[0].Status.Active() && s.sweep.applied == s.sweep.gen
	})
	if s.train.job != nil {
		t.Errorf("%s started after its cancel", s.train.job.run.Name)
	}
	if n := len(s.sweep.digits.Objects); n != 4 {
		t.Fatalf("%d digit rows, want the originals and one per value", n)
	}
	last := s.sweep.digits.Objects[3].(*fyne.Container)
	if !strings.Contains(fmt.Sprint(labelsIn(last)), "(cancelled)") {
		t.Errorf("the last row says %v", labelsIn(last))
	}
}

// labelsIn returns the texts of the labels in o and its children.
func labelsIn(o fyne.CanvasObject) []string {
	switch o := o.(type) {
	case *widget.Label:
		return []string{o.Text}
	case *fyne.Container:
		var out []string
		for _, c := range o.Objects {
			out = append(out, labelsIn(c)...)
		}
		return out
	}
	return nil
}
