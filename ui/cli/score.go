package cli

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/network/atomicfile"
	"autoencoder-studio/ui/render"
)

// scoreFPR is the share of the model's own test images the reported
// threshold flags.
const scoreFPR = 0.05

// scoreNoise is the noise factor of --against noise, the Keras tutorial's.
const scoreNoise = 0.5

// scoreExtremes is how many most and least anomalous images of each set
// extremes.png shows.
const scoreExtremes = 16

func runScore(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(stderr)
	modelFile := fs.String("model", "", "the trained model (.aes)")
	against := fs.String("against", "", "the other images: fashion, mnist, noise (the model's own test images with noise) or a folder of images")
	own := fs.String("own", "", "the folder of images the model trained on, when it trained on a folder (its validation tenth is scored)")
	out := fs.String("out", "", "the folder to write into (default: the model's folder)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: autoencoder-studio score --model FILE --against fashion|mnist|noise|DIR [--out DIR]

Uses a trained autoencoder as an anomaly detector: an image unlike those it
was trained on is reconstructed worse. Scores every test image of the
model's own dataset (the one it trained on) and every image of the other
set by its reconstruction error (the mean squared error over its pixels),
prints how well the error tells the two apart (the area under the ROC
curve, AUC: 1 is perfect, 0.5 chance) and writes into the output folder:
  hist.png      histograms of the errors of both sets
  roc.png       the ROC curve, marked at the threshold that flags %d%% of
                the own test images
  scores.csv    set, index, label, class and error of every image
  extremes.png  the %d most and least anomalous images of each set

Flags:
`, int(100*scoreFPR), scoreExtremes)
		fs.PrintDefaults()
	}
	if ok, err := parseFlags(fs, args); !ok {
		return err
	}
	if *modelFile == "" || *against == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "score: give the model with --model FILE and the other images with --against")
		fs.Usage()
		return errUsage
	}
	run, err := network.LoadRunFile(*modelFile)
	if err != nil {
		return err
	}
	normal, err := ownTestSet(run.Meta, *own, stderr)
	if err != nil {
		return err
	}
	other, err := otherSet(*against, normal, stderr)
	if err != nil {
		return err
	}
	a, err := network.ScoreAnomalies(run.Model, network.Data{X: normal.Pixels, N: normal.Len()}, network.Data{X: other.Pixels, N: other.Len()})
	if err != nil {
		return err
	}
	dir := *out
	if dir == "" {
		dir = filepath.Dir(*modelFile)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("score: %w", err)
	}
	thr := a.ThresholdFor(scoreFPR)
	fpr, tpr := a.Rates(thr)
	name := run.Meta.Name
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(*modelFile), filepath.Ext(*modelFile))
	}
	fmt.Fprintf(stdout, "%s scored on %d %s images (its own) and %d %s images\n", name, normal.Len(), normal.Name, other.Len(), other.Name)
	fmt.Fprintf(stdout, "mean error: %s %.5f, %s %.5f\n", normal.Name, mean(a.Normal), other.Name, mean(a.Other))
	fmt.Fprintf(stdout, "AUC %.4f\n", a.AUC)
	fmt.Fprintf(stdout, "threshold %.5f flags %.1f%% of %s and %.1f%% of %s\n", thr, 100*fpr, normal.Name, 100*tpr, other.Name)
	files, err := writeScores(dir, name, normal, other, a, thr)
	if len(files) > 0 {
		fmt.Fprintf(stdout, "wrote %s\n", strings.Join(files, ", "))
	}
	return err
}

// ownTestSet returns the images the model should know: the test set of the
// built-in dataset meta records (MNIST for files that record none), or the
// validation part of the folder ownDir. The set is named after its dataset.
func ownTestSet(meta network.Meta, ownDir string, stderr io.Writer) (*dataset.Set, error) {
	if ownDir != "" {
		name, _, val, skipped, err := dataset.Open(ownDir)
		if err != nil {
			return nil, fmt.Errorf("--own: %w", err)
		}
		reportSkipped(stderr, skipped)
		return named(val, name), nil
	}
	ds := meta.Dataset
	if ds == "" {
		ds = dataset.MNISTName
	}
	n, ok := dataset.BuiltinName(ds)
	if !ok {
		return nil, fmt.Errorf("the model trained on %q, a folder of images: give that folder with --own DIR", ds)
	}
	s, err := dataset.BuiltinTest(n)
	if err != nil {
		return nil, err
	}
	return named(s, n), nil
}

// otherSet returns the images to score against the normal ones: a built-in
// dataset's test set, the normal images with noise, or a folder's images.
func otherSet(against string, normal *dataset.Set, stderr io.Writer) (*dataset.Set, error) {
	if strings.EqualFold(against, "noise") {
		return named(dataset.Noisy(normal, scoreNoise, 1), normal.Name+" with noise"), nil
	}
	if n, ok := dataset.BuiltinName(against); ok {
		if n == normal.Name {
			return nil, fmt.Errorf("--against %s: that is the model's own dataset; score against another (mnist, fashion, noise or a folder)", against)
		}
		s, err := dataset.BuiltinTest(n)
		if err != nil {
			return nil, err
		}
		return named(s, n), nil
	}
	if fi, err := os.Stat(against); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("--against %q: not fashion, mnist, noise nor a folder of images", against)
	}
	s, skipped, err := dataset.LoadImageFolder(against)
	reportSkipped(stderr, skipped)
	if err != nil {
		return nil, fmt.Errorf("--against: %w", err)
	}
	return s, nil
}

// named returns a shallow copy of s called name.
func named(s *dataset.Set, name string) *dataset.Set {
	c := *s
	c.Name = name
	return &c
}

func reportSkipped(w io.Writer, skipped []dataset.ImageError) {
	for _, e := range skipped {
		fmt.Fprintf(w, "skipped %s\n", e)
	}
}

func mean(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(max(len(v), 1))
}

// writeScores writes the figures and the CSV of a scoring into dir and
// returns the files written; a file that fails does not stop the others.
func writeScores(dir, name string, normal, other *dataset.Set, a *network.Anomalies, thr float64) ([]string, error) {
	var files []string
	var errs []error
	write := func(file string, f func(io.Writer) error) {
		path := filepath.Join(dir, file)
		if err := atomicfile.Write(path, 0o644, f); err != nil {
			errs = append(errs, fmt.Errorf("write %s: %w", file, err))
			return
		}
		files = append(files, path)
	}
	hist := &render.ErrorHistogram{
		Title:     fmt.Sprintf("%s: reconstruction error, %s vs %s", name, normal.Name, other.Name),
		Names:     []string{normal.Name + " (own test set)", other.Name},
		Hist:      a.Histogram(60),
		Threshold: thr,
	}
	write("hist.png", func(w io.Writer) error { return render.WritePNG(w, hist, 720, 440) })
	fpr, tpr := a.Rates(thr)
	roc := &render.ROCCurve{
		Title:  fmt.Sprintf("%s: %s flagged against %s", name, other.Name, normal.Name),
		Points: a.ROC, AUC: a.AUC, Marked: true, MarkFPR: fpr, MarkTPR: tpr,
	}
	write("roc.png", func(w io.Writer) error { return render.WritePNG(w, roc, 560, 480) })
	write("scores.csv", func(w io.Writer) error {
		cw := csv.NewWriter(w)
		cw.Write([]string{"set", "index", "label", "class", "error"})
		for _, s := range []struct {
			set  *dataset.Set
			errs []float64
		}{{normal, a.Normal}, {other, a.Other}} {
			for i, e := range s.errs {
				label, class := "", ""
				if l := s.set.Label(i); l >= 0 {
					label, class = strconv.Itoa(l), dataset.ClassName(s.set.Name, l)
				}
				cw.Write([]string{s.set.Name, strconv.Itoa(i), label, class, strconv.FormatFloat(e, 'g', 6, 64)})
			}
		}
		cw.Flush()
		return cw.Error()
	})
	write("extremes.png", func(w io.Writer) error {
		return png.Encode(w, render.ExtremeSheet(scoreExtremes, render.ScoredSet{Set: normal, Scores: a.Normal}, render.ScoredSet{Set: other, Scores: a.Other}))
	})
	return files, errors.Join(errs...)
}

// digitImage returns image i of s drawn three times its size.
func digitImage(s *dataset.Set, i int) image.Image {
	return render.Grid([][]render.Tile{{{Pix: s.Image(i), Width: s.Width, Height: s.Height}}}, 3, 0)
}

// shortLabel cuts s to at most n runes, ending it in "." when cut (the
// sheets' bitmap font has no "…").
func shortLabel(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "."
	}
	return s
}
