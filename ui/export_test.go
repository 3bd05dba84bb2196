package ui

import (
	"archive/zip"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"autoencoder-studio/network"
	"autoencoder-studio/network/pyexport"
)

// TestPythonExportDialog exports the selected run for Python through the
// save box and checks the zip holds the weights, programs and digits in
// one folder named after the file; without a run it says what is missing.
func TestPythonExportDialog(t *testing.T) {
	s, loop, w := newDialogStudio(t)
	c := w.Canvas()

	s.PythonExportDialog()
	if m := s.topDialog(); m == nil || m.box != nil || !strings.Contains(m.text, "no run selected") {
		t.Fatalf("without a run the export showed %+v", m)
	}
	pressDialogKey(c, fyne.KeyReturn)

	addModelRun(t, s, "vanilla #1")
	s.PythonExportDialog()
	m := s.topDialog()
	if m == nil || m.box == nil {
		t.Fatal("no save box")
	}
	if got := filepath.Base(m.box.entry.Text); got != "vanilla-1_python.zip" {
		t.Errorf("the box proposes %q", got)
	}
	path := filepath.Join(t.TempDir(), "for-notebook")
	m.box.entry.SetText(path)
	pressDialogKey(c, fyne.KeyReturn)
	loop.until(t, "the export", 20*time.Second, func() bool { return s.dialogs.saved != "" })
	if want := "Saved the weights and Python code of vanilla #1 to " + path + ".zip"; s.dialogs.saved != want {
		t.Errorf("report %q, want %q", s.dialogs.saved, want)
	}
	zr, err := zip.OpenReader(path + ".zip")
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	var want []string
	for _, f := range []string{network.TorchWeightsFile, network.KerasWeightsFile, pyexport.PyTorchProgram, network.TorchDigitsFile, pyexport.KerasProgram} {
		want = append(want, "for-notebook/"+f)
	}
	if !slices.Equal(names, want) {
		t.Errorf("the zip holds %v, want %v", names, want)
	}
}
