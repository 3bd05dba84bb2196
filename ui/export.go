package ui

import (
	"bytes"
	"errors"
	"fmt"
	"image/png"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/software"

	"autoencoder-studio/network"
	"autoencoder-studio/network/atomicfile"
	"autoencoder-studio/network/pyexport"
	"autoencoder-studio/ui/render"
)

// export is one thing the File ▸ Export menu writes.
type export struct {
	label string // the menu item
	name  string // what the export is, in messages: "loss plot"
	stem  string // what the proposed file name adds to the run's: "-loss"
	ext   string // the file extension
	// write writes the export for the studio's current state, or returns
	// an error saying what is missing. It reads the studio, so it runs on
	// the UI goroutine.
	write func(s *Studio, w io.Writer) error
}

// exports lists the File ▸ Export entries.
var exports = []export{
	{"Loss plot (PNG)…", "loss plot", "-loss", ".png", func(s *Studio, w io.Writer) error { return writeLossPNG(w, s.runs.Selected()) }},
	{"History (CSV)…", "history", "-history", ".csv", func(s *Studio, w io.Writer) error { return writeHistoryCSV(w, s.runs.Selected()) }},
	{"Gallery (PNG)…", "gallery", "-gallery", ".png", func(s *Studio, w io.Writer) error { return writeGalleryPNG(w, s.gallery.last) }},
	{"Model diagram (PNG)…", "model diagram", "-diagram", ".png", func(s *Studio, w io.Writer) error { return writeDiagramPNG(w, s.exportSpec()) }},
	{"Keras code (Python)…", "Keras code", "", ".py", func(s *Studio, w io.Writer) error { return writeKeras(w, s.exportSpec()) }},
}

// errNoRun is returned by exports that need a selected run.
var errNoRun = errors.New("no run selected: train a model or open one, then select it in the list of runs")

// exportSpec is the architecture the diagram and Keras exports describe:
// the selected run's, or else the editor's design.
func (s *Studio) exportSpec() network.Spec {
	if r := s.runs.Selected(); r != nil {
		return r.Spec
	}
	return s.editor.Spec()
}

// writeLossPNG writes run r's training and validation loss curves.
func writeLossPNG(w io.Writer, r *Run) error {
	if r == nil {
		return errNoRun
	}
	if len(r.History) == 0 {
		return fmt.Errorf("%s has no finished epoch to plot yet", r.Name)
	}
	p, err := render.LossPlot(r.Name+" loss", render.HistorySeries("", r.History, nil), false)
	if err != nil {
		return err
	}
	return render.WritePNG(w, p, 900, 560)
}

// writeHistoryCSV writes run r's history, one line per epoch.
func writeHistoryCSV(w io.Writer, r *Run) error {
	if r == nil {
		return errNoRun
	}
	return network.WriteHistoryCSV(w, r.History)
}

// writeKeras writes Python code that builds spec with Keras.
func writeKeras(w io.Writer, spec network.Spec) error {
	code, err := network.KerasCode(spec)
	if err != nil {
		return err
	}
	_, err = io.WriteString(w, code)
	return err
}

// writeDiagramPNG draws the model diagram of spec, as the Design tab shows
// it, with the software renderer.
func writeDiagramPNG(w io.Writer, spec network.Spec) error {
	info, err := checkSpec(spec)
	d := NewDiagram()
	d.SetBoxes(diagramBoxes(spec, info, err))
	img := software.Render(d, fyne.CurrentApp().Settings().Theme())
	return png.Encode(w, img)
}

// writeGalleryPNG writes the pictures the gallery shows as one sheet: the
// original digits, then for each run its noisy inputs, reconstructions
// (with their errors) and codes.
func writeGalleryPNG(w io.Writer, res galleryResult) error {
	if len(res.originals) == 0 {
		return errors.New("the gallery shows no digits yet: open the Gallery tab with a trained run")
	}
	rows := []render.SheetRow{{Label: "original", Images: res.originals, Captions: res.captions()}}
	for _, gr := range res.rows {
		if gr.noisy != nil {
			rows = append(rows, render.SheetRow{Label: gr.run.Name + " input", Images: gr.noisy})
		}
		mse := make([]string, len(gr.mse))
		for i, v := range gr.mse {
			mse[i] = fmt.Sprintf("MSE %.4f", v)
		}
		rows = append(rows, render.SheetRow{Label: gr.run.Name, Images: gr.recon, Captions: mse})
		if len(gr.codes) > 0 {
			rows = append(rows, render.SheetRow{Label: "code " + gr.code.String(), Images: gr.codes})
		}
	}
	return png.Encode(w, render.Sheet(rows))
}

// ExportDialog renders export e once, from the studio as it is now, then
// asks where to save it and writes it there atomically, off the UI
// goroutine. If there is nothing to export it says so without asking. It
// does nothing while another dialog is shown.
func (s *Studio) ExportDialog(e export) {
	if s.window == nil || s.dialogOpen() {
		return
	}
	data, err := renderExport(s, e)
	if err != nil {
		s.showError(err)
		return
	}
	name := "model"
	if r := s.runs.Selected(); r != nil && fileName(r.Name) != "" {
		name = fileName(r.Name)
	}
	s.saveAs(saveRequest{
		title: "Export the " + e.name,
		what:  "the " + e.name,
		file:  name + e.stem + e.ext,
		ext:   e.ext,
		write: func(path string) error { return writeBytesAtomic(path, data) },
	})
}

// renderExport returns the bytes of export e for the studio's current
// state.
func renderExport(s *Studio, e export) ([]byte, error) {
	var b bytes.Buffer
	if err := e.write(s, &b); err != nil {
		return nil, fmt.Errorf("export the %s: %w", e.name, err)
	}
	return b.Bytes(), nil
}

// pythonExportLabel is the File ▸ Export item of PythonExportDialog.
const pythonExportLabel = "Weights and Python code (.zip)…"

// PythonExportDialog asks where to save the selected run's trained weights
// (.npz, in PyTorch's and Keras's layouts), its PyTorch and Keras programs
// and test digits as one .zip (see pyexport.Zip), then writes it off the
// UI goroutine. Without a trained run it says so without asking.
func (s *Studio) PythonExportDialog() {
	if s.window == nil || s.dialogOpen() {
		return
	}
	r := s.runs.Selected()
	write, err := pythonZipWriter(r)
	if err != nil {
		s.showError(fmt.Errorf("export for Python: %w", err))
		return
	}
	name := fileName(r.Name)
	if name == "" {
		name = "model"
	}
	s.saveAs(saveRequest{
		title: "Export " + r.Name + " for Python",
		what:  "the weights and Python code of " + r.Name,
		file:  name + "_python.zip",
		ext:   ".zip",
		write: write,
	})
}

// pythonZipWriter returns the write function of PythonExportDialog for run
// r, or an error when r has no trained model to export.
func pythonZipWriter(r *Run) (func(path string) error, error) {
	if r == nil {
		return nil, errNoRun
	}
	if r.model == nil || r.Status.Active() {
		return nil, fmt.Errorf("%s: %w", r.Name, errNoModel)
	}
	m := r.model
	return func(path string) error {
		digits, _, err := pyexport.Digits(m, pyexport.DefaultDigits)
		if err != nil {
			return err
		}
		folder := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		var buf bytes.Buffer
		r.Lock() // the export runs the model
		err = pyexport.Zip(&buf, m, folder, digits)
		r.Unlock()
		if err != nil {
			return err
		}
		return atomicfile.WriteFile(path, buf.Bytes(), 0o644)
	}, nil
}
