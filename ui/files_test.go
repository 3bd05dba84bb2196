package ui

import (
	"bytes"
	"encoding/csv"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"autoencoder-studio/network"
)

// trainTiny trains the editor's vanilla design for epochs epochs and returns
// the finished run.
func trainTiny(t *testing.T, s *Studio, loop *eventLoop, epochs string) *Run {
	t.Helper()
	s.Editor().epochs.SetText(epochs)
	s.StartTraining()
	r := s.Runs().Selected()
	loop.until(t, "the run to finish", 30*time.Second, func() bool { return !r.Status.Active() })
	if r.Status != RunDone {
		t.Fatalf("run ended %v: %v", r.Status, r.Err)
	}
	return r
}

func TestSaveOpenAndContinue(t *testing.T) {
	s, loop, _ := newTestStudio(t, 512, 128)
	s.prefs = test.NewTempApp(t).Preferences()
	r := trainTiny(t, s, loop, "1")
	path := filepath.Join(t.TempDir(), fileName(r.Name)+modelExt)
	if err := s.SaveRun(r, path); err != nil {
		t.Fatal(err)
	}
	if got := s.recentFiles(); len(got) != 1 || got[0] != path {
		t.Errorf("recent files %v, want [%s]", got, path)
	}

	opened, err := s.OpenRunFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The opened copy is named after the saved run (made unique in the list).
	if opened == r || !strings.HasPrefix(opened.Name, r.Name) || len(opened.History) != 1 || opened.History[0] != r.History[0] || opened.FitSeed != r.FitSeed {
		t.Fatalf("opened run %+v differs from the saved one", opened)
	}
	// Other tabs run the models on their own goroutines (and let go of
	// their buffers, which rebuilds them): read them under the runs' locks.
	r.Lock()
	opened.Lock()
	for i, p := range r.Model().Params() {
		for j, v := range p.Value {
			if opened.Model().Params()[i].Value[j] != v {
				opened.Unlock()
				r.Unlock()
				t.Fatalf("%s[%d] changed through the file", p.Name, j)
			}
		}
	}
	opened.Unlock()
	r.Unlock()
	if len(s.recentFiles()) != 1 {
		t.Errorf("opening a recent file listed it twice: %v", s.recentFiles())
	}

	// Continue training the opened run: the epochs go on from 2.
	if s.Runs().Selected() != opened || !s.train.CanContinue() || s.train.resume.Disabled() {
		t.Fatal("cannot continue the opened run")
	}
	s.train.Continue()
	loop.until(t, "the continued run", 30*time.Second, func() bool { return !opened.Status.Active() })
	if opened.Status != RunDone || len(opened.History) != 2 || opened.History[1].Epoch != 2 {
		t.Fatalf("after Continue: %v, history %+v", opened.Status, opened.History)
	}
	if opened.History[1].ValLoss >= opened.History[0].ValLoss {
		t.Errorf("continuing did not lower the validation loss: %+v", opened.History)
	}
	// The original run was not touched.
	if len(r.History) != 1 {
		t.Errorf("continuing the copy changed the original: %+v", r.History)
	}
}

func TestOpenBadFiles(t *testing.T) {
	s, loop, _ := newTestStudio(t, 256, 64)
	s.prefs = test.NewTempApp(t).Preferences()
	r := trainTiny(t, s, loop, "1")
	dir := t.TempDir()
	good := filepath.Join(dir, "good.aes")
	if err := s.SaveRun(r, good); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(good)
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(i*7 + i/13)
	}
	before := len(s.Runs().All())
	for name, content := range map[string][]byte{
		"truncated.aes": b[:len(b)/2],
		"random.aes":    random,
		"empty.aes":     nil,
	} {
		path := filepath.Join(dir, name)
		os.WriteFile(path, content, 0o644)
		if _, err := s.OpenRunFile(path); err == nil {
			t.Errorf("%s opened without an error", name)
		} else if !strings.Contains(err.Error(), name) {
			t.Errorf("%s: error %q does not name the file", name, err)
		}
	}
	if _, err := s.OpenRunFile(filepath.Join(dir, "missing.aes")); err == nil {
		t.Error("a missing file opened")
	}
	if len(s.Runs().All()) != before {
		t.Error("a bad file added a run")
	}
	// Saving a run that has no model says so.
	if err := saveRunFile(&Run{Name: "x", Status: RunTraining}, filepath.Join(dir, "x.aes")); err == nil {
		t.Error("saved a run without a model")
	}
}

func TestExports(t *testing.T) {
	s, loop, _ := newTestStudio(t, 256, 64)
	r := trainTiny(t, s, loop, "2")
	loop.until(t, "the gallery", 10*time.Second, func() bool { return s.gallery.applied == s.gallery.gen && len(s.gallery.last.originals) > 0 })
	for _, e := range exports {
		t.Run(e.label, func(t *testing.T) {
			var b bytes.Buffer
			if err := e.write(s, &b); err != nil {
				t.Fatal(err)
			}
			switch e.ext {
			case ".png":
				img, err := png.Decode(&b)
				if err != nil {
					t.Fatal(err)
				}
				if bb := img.Bounds(); bb.Dx() < 100 || bb.Dy() < 100 || distinctColours(img) < 8 {
					t.Errorf("%v image with %d colours", bb, distinctColours(img))
				}
			case ".csv":
				rows, err := csv.NewReader(&b).ReadAll()
				if err != nil || len(rows) != 3 || rows[2][0] != "2" {
					t.Errorf("CSV %v (%v)", rows, err)
				}
			case ".py":
				if !strings.Contains(b.String(), "layers.Dense(64") || !strings.Contains(b.String(), "autoencoder.compile(") {
					t.Errorf("Keras code:\n%s", b.String())
				}
			}
		})
	}
	path := filepath.Join(t.TempDir(), "h.csv")
	if err := writeExport(s, exports[1], path); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); !strings.HasPrefix(string(b), "epoch,") {
		t.Errorf("history file starts %q", b)
	}
	if err := writeLossPNG(&bytes.Buffer{}, nil); err == nil {
		t.Error("exported a loss plot without a run")
	}
	_ = r
}

func distinctColours(img image.Image) int {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, a := img.At(x, y).RGBA()
			seen[color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(bl >> 8), uint8(a >> 8)}] = true
		}
	}
	return len(seen)
}

// writeDigitPNG draws a ring, a thick digit-like stroke, into a PNG file.
func writeDigitPNG(t *testing.T, path string, shift int) {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 64, 64))
	for y := range 64 {
		for x := range 64 {
			d := math.Hypot(float64(x-32-shift), float64(y-30))
			if d > 12 && d < 18 {
				img.SetGray(x, y, color.Gray{255})
			}
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}

func TestOwnData(t *testing.T) {
	dir := t.TempDir()
	for i := range 12 {
		writeDigitPNG(t, filepath.Join(dir, "0_ring"+string(rune('a'+i))+".png"), i%5-2)
	}
	os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("not an image"), 0o644)
	o, err := loadOwnData(dir)
	if err != nil {
		t.Fatal(err)
	}
	if o.train.Len()+o.val.Len() != 12 || o.val.Len() < 1 || len(o.skipped) != 1 || !strings.Contains(o.skippedText(5), "notes.txt") {
		t.Fatalf("own data: %s; skipped %q", o.describe(), o.skippedText(5))
	}

	s, loop, _ := newTestStudio(t, 0, 0)
	s.UseOwnData(o)
	if !strings.Contains(s.dataBar.label.Text, filepath.Base(dir)) || s.dataBar.pick.Selected != filepath.Base(dir)+" (folder)" {
		t.Errorf("data bar says %q", s.dataBar.label.Text)
	}
	r := trainTiny(t, s, loop, "1")
	if r.Dataset != filepath.Base(dir) || r.Progress.Batches != 1 {
		t.Errorf("run trained on %q in %d batches", r.Dataset, r.Progress.Batches)
	}
	s.UseOwnData(nil)
	if !strings.HasPrefix(s.dataBar.label.Text, "MNIST") || s.dataBar.pick.Selected != "MNIST" {
		t.Errorf("back to MNIST: %q", s.dataBar.label.Text)
	}
	// A run cannot continue on other data than it trained on.
	s.train.Continue()
	if s.train.Training() || r.Err == nil || !strings.Contains(r.Err.Error(), "switch back to "+filepath.Base(dir)) {
		t.Errorf("continuing on MNIST a run trained on %s: training %v, error %v", r.Dataset, s.train.Training(), r.Err)
	}
	if _, err := loadOwnData(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing folder loaded")
	}
}

// addModelRun adds a run named name with an untrained vanilla model and one
// epoch of history, as if opened from a file, and selects it.
func addModelRun(t *testing.T, s *Studio, name string) *Run {
	t.Helper()
	spec, err := network.Preset("vanilla")
	if err != nil {
		t.Fatal(err)
	}
	m, err := network.Build(spec, 1)
	if err != nil {
		t.Fatal(err)
	}
	return s.Runs().AddTrained(name, m, []network.Epoch{{Epoch: 1, TrainLoss: 0.2, ValLoss: 0.3}})
}

// TestSaveDialogReportsPath saves the selected run through File ▸ Save run:
// over an existing file (after asking), to a typed absolute path in another
// folder, and with a name without extension; each save says where it wrote.
func TestSaveDialogReportsPath(t *testing.T) {
	s, loop, w := newDialogStudio(t)
	c := w.Canvas()
	dir := s.dialogs.lastDir
	r := addModelRun(t, s, "vanilla #1")
	save := func(typed string, replace bool) string { return saveTyped(t, s, loop, c, typed, replace) }
	check := func(path string) { checkSavedRun(t, s, r, path) }

	// The box proposes the last folder and the run's name.
	s.SaveDialog()
	if b := s.topDialog().box; b.entry.Text != filepath.Join(dir, "vanilla-1.aes") {
		t.Errorf("the box proposes %q", b.entry.Text)
	}
	pressDialogKey(c, fyne.KeyEscape)

	old := filepath.Join(dir, "run1.aes")
	os.WriteFile(old, []byte("an older run"), 0o644)
	if msg := save("run1", true); msg != "Saved vanilla #1 to "+old {
		t.Errorf("report %q", msg)
	}
	check(old)

	other := filepath.Join(t.TempDir(), "x")
	os.Mkdir(other, 0o755)
	abs := filepath.Join(other, "run1.aes")
	if msg := save(abs, false); msg != "Saved vanilla #1 to "+abs {
		t.Errorf("report %q", msg)
	}
	check(abs)
	if s.dialogs.lastDir != other {
		t.Errorf("the last folder is %q, want %q", s.dialogs.lastDir, other)
	}

	if msg := save("noext", false); msg != "Saved vanilla #1 to "+filepath.Join(other, "noext.aes") {
		t.Errorf("report %q", msg)
	}
	if names := folderNames(t, other); !slices.Equal(names, []string{"noext.aes", "run1.aes"}) {
		t.Errorf("the folder holds %q", names)
	}
	if names := folderNames(t, dir); !slices.Equal(names, []string{"run1.aes"}) {
		t.Errorf("the first folder holds %q", names)
	}
}

// saveTyped saves the selected run through File ▸ Save run…, typing typed
// into the save box and confirming the replacement of an existing file if
// replace; it closes the report and returns what it said.
func saveTyped(t *testing.T, s *Studio, loop *eventLoop, c fyne.Canvas, typed string, replace bool) string {
	t.Helper()
	s.SaveDialog()
	m := s.topDialog()
	if m == nil || m.box == nil {
		t.Fatal("Save run showed no save box")
	}
	b := m.box
	if c.Focused() != b.entry {
		t.Fatalf("the path entry does not have the focus (%T)", c.Focused())
	}
	b.entry.SetText(typed)
	pressDialogKey(c, fyne.KeyReturn)
	if replace {
		if b.replace == nil || b.confirm == nil {
			t.Fatalf("saving over %s did not ask", typed)
		}
		test.Tap(b.replace)
	}
	loop.until(t, "the save to "+typed, 20*time.Second, func() bool { return s.dialogs.saved != "" })
	msg := s.dialogs.saved
	s.dialogs.saved = ""
	if m := s.topDialog(); m == nil || m.text != msg || !slices.Contains(overlayLabels(c), msg) {
		t.Errorf("no dialog says %q", msg)
	}
	pressDialogKey(c, fyne.KeyReturn)
	if s.dialogOpen() {
		t.Fatal("Enter did not close the report")
	}
	return msg
}

// checkSavedRun checks that run r was saved to path and that path is the
// run's file and the most recent one.
func checkSavedRun(t *testing.T, s *Studio, r *Run, path string) {
	t.Helper()
	f, err := network.LoadRunFile(path)
	if err != nil || f.Meta.Name != r.Name || len(f.History) != 1 {
		t.Fatalf("the saved file: %v", err)
	}
	if r.File != path || s.recentFiles()[0] != path {
		t.Errorf("run file %q, recent %q; want %s", r.File, s.recentFiles(), path)
	}
}

// TestExportRendersOnce exports through File ▸ Export: the export is
// rendered once, before the save box opens, and written as rendered; an
// export with nothing to show says so without asking where.
func TestExportRendersOnce(t *testing.T) {
	s, loop, _ := newDialogStudio(t)
	renders := 0
	e := export{label: "Test…", name: "test sheet", stem: "-sheet", ext: ".txt", write: func(_ *Studio, w io.Writer) error {
		renders++
		_, err := io.WriteString(w, "rendered")
		return err
	}}
	s.ExportDialog(e)
	b := s.topDialog().box
	if renders != 1 || b == nil || b.entry.Text != filepath.Join(s.dialogs.lastDir, "model-sheet.txt") {
		t.Fatalf("%d renders before asking; box %v", renders, b)
	}
	path := filepath.Join(s.dialogs.lastDir, "out")
	b.entry.SetText(path)
	b.submit()
	loop.until(t, "the export", 10*time.Second, func() bool { return s.dialogs.saved != "" })
	if got, _ := os.ReadFile(path + ".txt"); string(got) != "rendered" || renders != 1 {
		t.Errorf("wrote %q after %d renders", got, renders)
	}
	if want := "Saved the test sheet to " + path + ".txt"; s.dialogs.saved != want {
		t.Errorf("report %q, want %q", s.dialogs.saved, want)
	}
	pressDialogKey(s.window.Canvas(), fyne.KeyReturn)

	s.ExportDialog(exports[0]) // a loss plot, with no run selected
	m := s.topDialog()
	if m == nil || m.box != nil || !strings.HasPrefix(m.text, "export the loss plot: no run selected") {
		t.Fatalf("exporting nothing: %+v", m)
	}
}

// TestImportFolderSkipsFIFO imports a folder holding a FIFO beside its
// images, as File ▸ Import image folder does once a folder is chosen: the
// import finishes, trains on the images and names the FIFO among the
// skipped files.
func TestImportFolderSkipsFIFO(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no FIFOs")
	}
	dir := t.TempDir()
	for i := range 3 {
		writeDigitPNG(t, filepath.Join(dir, "1_ring"+string(rune('a'+i))+".png"), i-1)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "pipe.png"), 0o644); err != nil {
		t.Skip(err)
	}
	s, loop, _ := newDialogStudio(t)
	s.importFolder(dir)
	m := waitForDialog(t, s, loop, "skipped")
	if !strings.Contains(m.text, "pipe.png: not a regular file") || !strings.HasSuffix(s.dataBar.label.Text, "(1 file(s) skipped)") {
		t.Errorf("after the import: %q; data bar %q", m.text, s.dataBar.label.Text)
	}
	if s.data.name() != filepath.Base(dir) {
		t.Errorf("training on %q", s.data.name())
	}
}

func TestFileName(t *testing.T) {
	for in, want := range map[string]string{"vanilla #2": "vanilla-2", "my model!": "my-model", "a/b": "a-b"} {
		if got := fileName(in); got != want {
			t.Errorf("fileName(%q) = %q, want %q", in, got, want)
		}
	}
}

// writeExport writes export e to the file at path atomically, as the
// export dialog does once a path is chosen.
func writeExport(s *Studio, e export, path string) error {
	data, err := renderExport(s, e)
	if err != nil {
		return err
	}
	return writeBytesAtomic(path, data)
}
