package ui

import (
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/test"

	"autoencoder-studio/network"
	"autoencoder-studio/ui/render"
)

// maxContentWidth is the widest the studio's content may want to be: the
// 1280-pixel screen of the tests.
const maxContentWidth = 1280

// pressKey types key k on canvas c as the desktop driver does: to the
// focused widget, or else to the canvas's key handler.
func pressKey(c fyne.Canvas, k fyne.KeyName) {
	ev := &fyne.KeyEvent{Name: k}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
		return
	}
	if h := c.OnTypedKey(); h != nil {
		h(ev)
	}
}

// addRuns adds n finished vanilla runs with untrained models.
func addRuns(t *testing.T, s *Studio, n int) []*Run {
	t.Helper()
	var out []*Run
	for i := range n {
		out = append(out, addRun(t, s, "vanilla", uint64(i+1), []network.Epoch{{Epoch: 1, ValLoss: 0.1, ValMSE: 0.05}}))
	}
	return out
}

func TestManyRunsKeepTheWindowWidth(t *testing.T) {
	s, loop, w := newTestStudio(t, 512, 128)
	addRuns(t, s, 50)
	loop.drain()
	w.Resize(fyne.NewSize(maxContentWidth, 800))
	if got := s.Content().MinSize().Width; got > maxContentWidth {
		t.Errorf("with 50 runs the content wants %v wide, more than %v", got, maxContentWidth)
	}
	for i, it := range s.pages.Objects {
		if got := it.MinSize().Width; got > maxContentWidth-runsListMinWidth {
			t.Errorf("tab %s wants %v wide", screens[i].title, got)
		}
	}
	if got := s.list.content.Size().Width; got < runsListMinWidth {
		t.Errorf("the list of runs is %v wide, less than %v", got, runsListMinWidth)
	}
	// The divider moves: the list can be made wider, and no narrower than
	// its minimum.
	split := s.content.(*container.Split)
	split.SetOffset(0.25)
	if got, want := s.list.content.Size().Width, float32(0.2*maxContentWidth); got < want {
		t.Errorf("dragged to 25%%, the list of runs is %v wide, want at least %v", got, want)
	}
	split.SetOffset(0)
	if got := s.list.content.Size().Width; got < runsListMinWidth {
		t.Errorf("dragged to the left edge, the list of runs is %v wide", got)
	}
}

func TestRunPickerWrapsAndScrolls(t *testing.T) {
	s, loop, w := newTestStudio(t, 512, 128)
	runs := addRuns(t, s, 50)
	loop.drain()
	w.Resize(fyne.NewSize(maxContentWidth, 800))
	for _, tc := range []struct {
		name string
		tab  int
		pick *runPicker
	}{{"gallery", tabGallery, s.gallery.pick}, {"compare", tabCompare, s.compare.pick}} {
		t.Run(tc.name, func(t *testing.T) {
			s.tabs.SelectIndex(tc.tab)
			widest := float32(0)
			for _, r := range runs {
				widest = max(widest, tc.pick.check(r).MinSize().Width)
			}
			if got := tc.pick.content.MinSize().Width; got > widest+scrollBarRoom() {
				t.Errorf("the picker of 50 runs wants %v wide, its widest checkbox %v", got, widest)
			}
			area := tc.pick.content.Size()
			if area.Width > maxContentWidth || area.Width < 400 {
				t.Fatalf("picker laid out %v wide", area.Width)
			}
			rowH := tc.pick.check(runs[0]).MinSize().Height
			if area.Height > pickerRows*rowH+pickerRows*4 {
				t.Errorf("the picker is %v high, more than %d rows of %v", area.Height, pickerRows, rowH)
			}
			rows := map[float32]bool{}
			for _, r := range runs {
				c := tc.pick.check(r)
				if right := c.Position().X + c.Size().Width; right > area.Width {
					t.Errorf("%s's checkbox ends at %v, past the picker's %v", r.Name, right, area.Width)
				}
				rows[c.Position().Y] = true
			}
			if len(rows) < 2 {
				t.Errorf("50 checkboxes on %d row(s)", len(rows))
			}
		})
	}
}

func TestRunPickerKnowsRunsByID(t *testing.T) {
	s, loop, _ := newTestStudio(t, 512, 128)
	a, b := addRun(t, s, "vanilla", 1, nil), addRun(t, s, "vanilla", 2, nil)
	loop.drain()
	p := s.compare.pick
	if got := p.runs(s.runs.Trained()); len(got) != 2 {
		t.Fatalf("ticked %d runs, want both", len(got))
	}
	// Renaming keeps the tick and shows the new name.
	if err := s.runs.Rename(a, "renamed"); err != nil {
		t.Fatal(err)
	}
	if c := p.check(a); c == nil || c.Text != "renamed" || !c.Checked {
		t.Fatalf("after the rename: checkbox %+v", c)
	}
	// Two runs under the same name (as the old studio made them) stay two.
	b.Name = a.Name
	s.runs.Changed(b)
	p.check(a).SetChecked(false)
	if got := p.runs(s.runs.Trained()); len(got) != 1 || got[0] != b {
		t.Errorf("unticking %s (#%d) left %v ticked", a.Name, a.ID, got)
	}
}

func TestUniqueRunNames(t *testing.T) {
	spec, err := network.Preset("vanilla")
	if err != nil {
		t.Fatal(err)
	}
	model := func() *network.Model {
		m, err := network.Build(spec, 1)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	rs := NewRuns()
	var got []string
	for _, add := range []func() *Run{
		func() *Run { return rs.Add(spec) },                                         // vanilla #1
		func() *Run { return rs.AddOpened("vanilla #1", "/a/v.aes", model(), nil) }, // taken: the file
		func() *Run { return rs.AddOpened("vanilla #1", "/b/v.aes", model(), nil) }, // that too: a number
		func() *Run { return rs.AddTrained("vanilla #1", model(), nil) },            // no file: a number
		func() *Run { return rs.AddOpened("other", "/a/o.aes", model(), nil) },      // free
	} {
		got = append(got, add().Name)
	}
	want := []string{"vanilla #1", "vanilla #1 (v.aes)", "vanilla #1 (v.aes) (2)", "vanilla #1 (2)", "other"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("names %q, want %q", got, want)
	}
	// A new run's number is skipped if a run was renamed to it.
	if err := rs.Rename(rs.All()[4], "vanilla #6"); err != nil {
		t.Fatal(err)
	}
	if r := rs.Add(spec); r.ID != 6 || r.Name != "vanilla #6 (2)" {
		t.Errorf("run %d is called %q", r.ID, r.Name)
	}
}

func TestOpenSameFileTwice(t *testing.T) {
	s, loop, _ := newTestStudio(t, 512, 128)
	s.prefs = test.NewTempApp(t).Preferences()
	spec, err := network.Preset("vanilla")
	if err != nil {
		t.Fatal(err)
	}
	m, err := network.Build(spec, 1)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "vanilla-1.aes")
	if err := network.SaveRunFile(path, m, []network.Epoch{{Epoch: 1, ValLoss: 0.1}}, network.Meta{Name: "vanilla #1"}); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for range 3 {
		r, err := s.OpenRunFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if names[r.Name] {
			t.Errorf("opening %s again gave another run called %q", path, r.Name)
		}
		names[r.Name] = true
	}
	loop.drain()
	if len(s.runs.All()) != 3 || len(s.compare.pick.runs(s.runs.Trained())) != 3 {
		t.Errorf("%d runs, %d of them ticked in Compare", len(s.runs.All()), len(s.compare.pick.runs(s.runs.Trained())))
	}
}

func TestRunsRemoveAndRename(t *testing.T) {
	spec, err := network.Preset("vanilla")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name    string
		do      func(rs *Runs, a, b *Run) error
		wantErr error  // nil: succeeds
		names   string // the names after
		sel     string // the selected run after
	}{
		{"rename", func(rs *Runs, a, b *Run) error { return rs.Rename(a, "  mine ") }, nil, "mine|b #2", "b #2"},
		{"rename to itself", func(rs *Runs, a, b *Run) error { return rs.Rename(a, "a #1") }, nil, "a #1|b #2", "b #2"},
		{"rename to empty", func(rs *Runs, a, b *Run) error { return rs.Rename(a, " ") }, errNameEmpty, "a #1|b #2", "b #2"},
		{"rename to another's name", func(rs *Runs, a, b *Run) error { return rs.Rename(a, "b #2") }, errors.New(`another run is called "b #2"`), "a #1|b #2", "b #2"},
		{"rename while training", func(rs *Runs, a, b *Run) error { a.Status = RunTraining; return rs.Rename(a, "x") }, errRunActive, "a #1|b #2", "b #2"},
		{"remove selected", func(rs *Runs, a, b *Run) error { return rs.Remove(b) }, nil, "a #1", "a #1"},
		{"remove other", func(rs *Runs, a, b *Run) error { return rs.Remove(a) }, nil, "b #2", "b #2"},
		{"remove while training", func(rs *Runs, a, b *Run) error { b.Status = RunPaused; return rs.Remove(b) }, errRunActive, "a #1|b #2", "b #2"},
		{"remove a removed run", func(rs *Runs, a, b *Run) error { return rs.Remove(&Run{ID: 9, Name: "gone"}) }, errRunUnknown, "a #1|b #2", "b #2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rs := NewRuns()
			spec.Name = "a"
			a := rs.Add(spec)
			spec.Name = "b"
			b := rs.Add(spec)
			a.Status, b.Status = RunDone, RunDone
			heard := 0
			rs.OnChange(func(*Run) { heard++ })
			err := tc.do(rs, a, b)
			switch {
			case tc.wantErr == nil && err != nil:
				t.Fatalf("error %v", err)
			case tc.wantErr != nil && (err == nil || !errors.Is(err, tc.wantErr) && !strings.Contains(err.Error(), tc.wantErr.Error())):
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
			var names []string
			for _, r := range rs.All() {
				names = append(names, r.Name)
			}
			if got := strings.Join(names, "|"); got != tc.names {
				t.Errorf("runs %s, want %s", got, tc.names)
			}
			if sel := rs.Selected(); sel == nil || sel.Name != tc.sel {
				t.Errorf("selected %v, want %s", sel, tc.sel)
			}
			if err != nil && heard != 0 {
				t.Errorf("a refused change told the listeners %d times", heard)
			}
		})
	}
}

// dialogOf returns the studio's dialog on top, failing the test if none.
func dialogOf[D dialog.Dialog](t *testing.T, s *Studio) D {
	t.Helper()
	m := s.topDialog()
	if m == nil {
		t.Fatal("no dialog shown")
	}
	d, ok := m.d.(D)
	if !ok {
		t.Fatalf("the dialog shown is a %T", m.d)
	}
	return d
}

func TestRunsPanelRemoveAndRename(t *testing.T) {
	s, loop, w := newTestStudio(t, 8192, 128)
	s.SetWindow(w)
	a, b := addRun(t, s, "vanilla", 1, nil), addRun(t, s, "sparse", 2, nil)
	s.runs.Select(a)
	s.runs.Select(b) // the latent space follows the list of runs
	s.tabs.SelectIndex(tabLatent)
	loop.until(t, "the latent space of "+b.Name, 20*time.Second, func() bool { return s.latent.res != nil && s.latent.res.run == b })
	s.tabs.SelectIndex(tabDraw)
	s.draw.pad.Tapped(&fyne.PointEvent{Position: fyne.NewPos(140, 140)})
	loop.until(t, "the drawing", 10*time.Second, func() bool { return s.draw.applied == s.draw.gen && len(s.draw.cells) == 2 })

	renameThroughDialog(t, s, w, a, b)

	// Remove b after confirming: every tab forgets it.
	s.list.remove.OnTapped()
	dialogOf[*dialog.ConfirmDialog](t, s).Confirm()
	loop.drain()
	if s.runs.ByID(b.ID) != nil || s.runs.Selected() != a {
		t.Fatalf("after removing: runs %v, selected %v", s.runs.All(), s.runs.Selected())
	}
	if len(s.gallery.pick.checks) != 1 || s.compare.pick.check(b) != nil || len(s.compare.pick.runs(s.runs.Trained())) != 1 {
		t.Error("the pickers still offer the removed run")
	}
	if s.latent.res != nil && s.latent.res.run == b {
		t.Error("the latent tab keeps the removed run's codes")
	}
	if s.latent.runSel.Selected != a.Name {
		t.Errorf("the latent tab shows %q", s.latent.runSel.Selected)
	}
	loop.until(t, "the drawing", 10*time.Second, func() bool { return s.draw.applied == s.draw.gen })
	if _, ok := s.draw.cells[b.ID]; ok || len(s.draw.outputs.Objects) != 1 {
		t.Errorf("the draw tab keeps a cell for the removed run (%d shown)", len(s.draw.outputs.Objects))
	}

	checkNoRenameWhileTraining(t, s, loop)
}

// renameThroughDialog renames run b through the Rename dialog: a's name is
// refused, a new one taken, and the gallery and latent tabs follow.
func renameThroughDialog(t *testing.T, s *Studio, w fyne.Window, a, b *Run) {
	t.Helper()
	s.list.rename.OnTapped()
	rename := dialogOf[*dialog.FormDialog](t, s)
	entry, ok := w.Canvas().Focused().(*keyEntry)
	if !ok || entry.Text != b.Name {
		t.Fatalf("the rename dialog's entry does not have the focus: %T", w.Canvas().Focused())
	}
	entry.SetText(a.Name)
	pressKey(w.Canvas(), fyne.KeyReturn)
	if !s.dialogOpen() || b.Name != "sparse #2" {
		t.Fatalf("renamed to another run's name: %q", b.Name)
	}
	entry.SetText("my sparse")
	rename.Submit()
	if s.dialogOpen() || b.Name != "my sparse" {
		t.Fatalf("after renaming: dialog open %v, name %q", s.dialogOpen(), b.Name)
	}
	if c := s.gallery.pick.check(b); c == nil || c.Text != "my sparse" {
		t.Errorf("the gallery's checkbox is %+v", c)
	}
	if i := s.latent.runSel.SelectedIndex(); i < 0 || s.latent.runSel.Options[i] != "my sparse" {
		t.Errorf("latent space run %q of %q", s.latent.runSel.Selected, s.latent.runSel.Options)
	}
}

// checkNoRenameWhileTraining trains the editor's design and checks that
// the run can be neither renamed nor removed until it stops.
func checkNoRenameWhileTraining(t *testing.T, s *Studio, loop *eventLoop) {
	t.Helper()
	s.StartTraining()
	r := s.runs.Selected()
	if !s.list.rename.Disabled() || !s.list.remove.Disabled() {
		t.Error("Rename and Remove are enabled for a run in training")
	}
	if err := s.runs.Remove(r); !errors.Is(err, errRunActive) {
		t.Errorf("removing a run in training: %v", err)
	}
	s.train.Stop()
	loop.until(t, "the stop", 30*time.Second, func() bool { return !r.Status.Active() })
	if s.list.rename.Disabled() || s.list.remove.Disabled() {
		t.Error("Rename and Remove stay disabled after the run stopped")
	}
}

func TestEscapeStopsTrainingWhateverHasTheFocus(t *testing.T) {
	for _, tc := range []struct {
		name   string
		tab    int  // the tab shown when the widget takes the focus
		before bool // it takes it before training starts
		focus  func(s *Studio) fyne.Focusable
	}{
		{"field typed in before Train", tabDesign, true, func(s *Studio) fyne.Focusable { return s.editor.epochs }},
		{"text field", tabDesign, false, func(s *Studio) fyne.Focusable { return s.editor.epochs }},
		{"layer field", tabDesign, false, func(s *Studio) fyne.Focusable { return s.editor.rows[0].entries["units"] }},
		{"digit index field", tabLatent, false, func(s *Studio) fyne.Focusable { return s.latent.entryA }},
		{"button", tabTrain, false, func(s *Studio) fyne.Focusable { return s.train.pause }},
		{"checkbox", tabTrain, false, func(s *Studio) fyne.Focusable { return s.train.logY }},
		{"list of runs", tabTrain, false, func(s *Studio) fyne.Focusable { return s.list.list }},
		{"nothing", tabTrain, false, func(s *Studio) fyne.Focusable { return nil }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, loop, w := newTestStudio(t, 8192, 128)
			c := w.Canvas()
			s.AddShortcuts(c)
			focus := func() {
				t.Helper()
				s.tabs.SelectIndex(tc.tab)
				if f := tc.focus(s); f != nil {
					c.Focus(f)
					if c.Focused() != f {
						t.Fatalf("could not focus the %s", tc.name)
					}
				}
			}
			if tc.before {
				focus()
			}
			s.StartTraining()
			r, job := s.runs.Selected(), s.train.job
			loop.until(t, "a batch", 30*time.Second, func() bool { return r.Progress.Batch >= 1 })
			if !tc.before {
				focus()
			}
			pressKey(c, fyne.KeyEscape)
			select {
			case <-job.done:
			case <-time.After(10 * time.Second):
				t.Fatalf("Escape with the %s focused did not stop the run", tc.name)
			}
			loop.until(t, "the stop", 5*time.Second, func() bool { return r.Status == RunStopped })
		})
	}
}

func TestOpenedRunShowsReconstructions(t *testing.T) {
	spec, err := network.Preset("vanilla")
	if err != nil {
		t.Fatal(err)
	}
	m, err := network.Build(spec, 3)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "v.aes")
	hist := []network.Epoch{{Epoch: 1, ValLoss: 0.2}, {Epoch: 2, ValLoss: 0.1}}
	if err := network.SaveRunFile(path, m, hist, network.Meta{Name: "saved", Dataset: "MNIST"}); err != nil {
		t.Fatal(err)
	}
	// A new session: the file is the only run.
	s, loop, _ := newTestStudio(t, 512, 128)
	r, err := s.OpenRunFile(path)
	if err != nil {
		t.Fatal(err)
	}
	loop.until(t, "the reconstructions", 20*time.Second, func() bool {
		img := s.train.recon.Image
		return img != nil && img.Bounds().Dx() >= previewDigits*28 && img == r.recon
	})
	if n := inked(s.train.recon.Image); n < 50 {
		t.Errorf("the reconstructions have %d inked pixels", n)
	}
	if got := progressText(r); strings.Contains(got, "batch") || !strings.Contains(got, "epoch 2/2") {
		t.Errorf("progress bar says %q", got)
	}
	// Another run without pictures does not show these.
	other := addRun(t, s, "sparse", 1, nil)
	if s.train.recon.Image == r.recon {
		t.Errorf("%s shows the reconstructions of %s", other.Name, r.Name)
	}
}

// TestTrainPlotShowsSelectedRun checks that the Train tab's plot, the one
// picture of loss curves the runs share, draws the curves of the run
// selected.
func TestTrainPlotShowsSelectedRun(t *testing.T) {
	s, loop, _ := newTestStudio(t, 512, 128)
	first := trainTiny(t, s, loop, "1")
	second := trainTiny(t, s, loop, "1")
	plotted := func(r *Run) bool {
		f, ok := s.train.plot.Figure().(*render.Loss)
		_, drawn := s.train.plot.drawing()
		return ok && drawn && strings.HasPrefix(f.Title, r.Name+" ") && len(f.Series) == 3 && len(f.Series[0].X) == len(r.History)
	}
	loop.until(t, "the plot of "+second.Name, 10*time.Second, func() bool { return plotted(second) })
	s.runs.Select(first)
	loop.until(t, "the plot of "+first.Name, 10*time.Second, func() bool { return plotted(first) })
}

// liveHeap returns the bytes of live heap objects after a collection.
func liveHeap() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

func TestIdleRunsKeepOnlyTheirWeights(t *testing.T) {
	if testing.Short() {
		t.Skip("trains three convolutional runs")
	}
	s, loop, _ := newTestStudio(t, 1024, 500)
	s.Editor().preset.SetSelected("conv")
	s.Editor().epochs.SetText("1")
	settle := func() uint64 {
		t.Helper()
		// Every tab that runs the models through batches: the gallery,
		// the drawing, the comparison (and its AUCs) and the latent space.
		for _, tab := range []int{tabGallery, tabDraw, tabCompare, tabLatent, tabTrain} {
			s.tabs.SelectIndex(tab)
			loop.until(t, screens[tab].title, 20*time.Second, func() bool {
				return s.gallery.applied == s.gallery.gen && s.compare.applied == s.compare.gen && !s.compare.scoring() &&
					(tab != tabDraw || s.draw.applied == s.draw.gen) && (tab != tabLatent || s.latent.res != nil)
			})
		}
		time.Sleep(200 * time.Millisecond) // the workers free the buffers when idle
		loop.drain()
		return liveHeap()
	}
	var heaps []uint64
	var params int
	for range 3 {
		r := trainTiny(t, s, loop, "1")
		r.Lock() // the comparison may be releasing the model's buffers
		params = r.Model().ParamCount()
		r.Unlock()
		heaps = append(heaps, settle())
	}
	// Weights, their gradients and two Adadelta slots: 16 bytes a parameter.
	perRun := (int64(heaps[2]) - int64(heaps[0])) / 2
	if limit := int64(16*params) + 1<<20; perRun > limit {
		t.Errorf("each idle run holds %d KB of heap, more than %d KB for its %d parameters", perRun>>10, limit>>10, params)
	}
	t.Logf("heap after each run: %v MB; %d KB a run of %d parameters", []uint64{heaps[0] >> 20, heaps[1] >> 20, heaps[2] >> 20}, perRun>>10, params)
}
