package cli

import (
	"errors"
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"strings"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/network/atomicfile"
	"autoencoder-studio/ui/render"
)

// Layout of the feature pictures.
const (
	featureCols  = 8 // units per row of units.png
	featureTop   = 9 // images exciting a unit most, in top9.png
	featureScale = 2 // pixels per weight of a unit's picture
)

func runFeatures(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("features", flag.ContinueOnError)
	fs.SetOutput(stderr)
	modelFile := fs.String("model", "", "the trained model (.aes)")
	data := fs.String("data", "", "the images to measure the units on: mnist, fashion or a folder (default: the model's own test set)")
	own := fs.String("own", "", "the folder of images the model trained on, when it trained on a folder")
	index := fs.Int("image", 0, "the image whose feature maps maps.png shows (conv models)")
	out := fs.String("out", "", "the folder to write into (default: the model's folder)")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: autoencoder-studio features --model FILE [--out DIR]

Draws what a trained autoencoder learned. For a model whose first layer
with weights is dense (vanilla, multilayer, sparse), each unit of that
layer as a picture of its input weights, normalised as in Stanford's UFLDL
course (mid grey: weight 0; white and black: the unit's strongest positive
and negative weights), writing
  units.png   every unit, sorted by how often it fires (output above 0;
              above 0.5 for sigmoid units) on the test images, with that rate
  top9.png    each unit, in the same order, beside the %d test images that
              excite it most
For a model with convolutions, writing
  filters.png every filter of every convolution, a row per filter and a
              column per input channel
  maps.png    the feature maps of one test image (--image) through every
              layer whose output is an image

Flags:
`, featureTop)
		fs.PrintDefaults()
	}
	if ok, err := parseFlags(fs, args); !ok {
		return err
	}
	if *modelFile == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "features: give the model with --model FILE")
		fs.Usage()
		return errUsage
	}
	run, err := network.LoadRunFile(*modelFile)
	if err != nil {
		return err
	}
	var set *dataset.Set
	if strings.EqualFold(*data, "noise") {
		return errors.New("--data noise: give the images to measure the units on: mnist, fashion or a folder")
	}
	if *data != "" {
		set, err = otherSet(*data, &dataset.Set{}, stderr)
	} else {
		set, err = ownTestSet(run.Meta, *own, stderr)
	}
	if err != nil {
		return err
	}
	if *index < 0 || *index >= set.Len() {
		return fmt.Errorf("--image %d: want 0…%d", *index, set.Len()-1)
	}
	dir := *out
	if dir == "" {
		dir = filepath.Dir(*modelFile)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("features: %w", err)
	}
	m := run.Model
	var files []string
	var errs []error
	write := func(file string, img image.Image) {
		path := filepath.Join(dir, file)
		if err := atomicfile.Write(path, 0o644, func(w io.Writer) error { return png.Encode(w, img) }); err != nil {
			errs = append(errs, fmt.Errorf("write %s: %w", file, err))
			return
		}
		files = append(files, path)
	}
	wrote := false
	if layer, ok := m.FirstDense(); ok {
		units, top9, summary, err := unitSheets(m, layer, set)
		if err != nil {
			return err
		}
		fmt.Fprintln(stdout, summary)
		write("units.png", units)
		write("top9.png", top9)
		wrote = true
	}
	if filters := m.ConvFilters(); len(filters) > 0 {
		write("filters.png", render.FilterSheet(filters))
		maps, err := m.FeatureMaps(set.Image(*index))
		if err != nil {
			return err
		}
		write("maps.png", render.MapSheet(maps, set.Image(*index), set.Width, set.Height,
			fmt.Sprintf("%s #%d", set.Name, *index), classOf(set, *index)))
		fmt.Fprintf(stdout, "%d convolutions; feature maps of %s image %d (%s)\n", len(filters), set.Name, *index, classOf(set, *index))
		wrote = true
	}
	if !wrote {
		return errors.New("the model has neither a dense layer on its pixels nor convolutions: no features to draw")
	}
	if len(files) > 0 {
		fmt.Fprintf(stdout, "wrote %s\n", strings.Join(files, ", "))
	}
	return errors.Join(errs...)
}

// classOf returns the class name of image i of s, or "unlabelled".
func classOf(s *dataset.Set, i int) string {
	if c := dataset.ClassName(s.Name, s.Label(i)); c != "" {
		return c
	}
	return "unlabelled"
}

// unitSheets draws the units of dense layer i sorted by firing rate on
// set: all of them in a grid, and each beside the images exciting it most.
func unitSheets(m *network.Model, layer int, set *dataset.Set) (units, top9 image.Image, summary string, err error) {
	imgs, err := m.UnitFeatures(layer)
	if err != nil {
		return nil, nil, "", err
	}
	act, err := m.Activity(network.Data{X: set.Pixels, N: set.Len()}, layer, featureTop)
	if err != nil {
		return nil, nil, "", err
	}
	in := m.Layers()[layer].InShape().Size()
	h, w := imageSize(m, in)
	unitPic := func(u int) image.Image {
		return render.Grid([][]render.Tile{{{Pix: imgs[u], Width: w, Height: h}}}, featureScale, 0)
	}
	caption := func(u int) string { return fmt.Sprintf("#%d %.0f%%", u, 100*act.Rates[u]) }
	var grid []render.SheetRow
	for r := 0; r < len(act.Order); r += featureCols {
		row := render.SheetRow{}
		if r == 0 {
			row.Label = "by firing rate"
		}
		for _, u := range act.Order[r:min(r+featureCols, len(act.Order))] {
			row.Images = append(row.Images, unitPic(u))
			row.Captions = append(row.Captions, caption(u))
		}
		grid = append(grid, row)
	}
	var tops []render.SheetRow
	for _, u := range act.Order {
		row := render.SheetRow{Label: fmt.Sprintf("unit %d, %.0f%%", u, 100*act.Rates[u]), Images: []image.Image{unitPic(u)}, Captions: []string{""}}
		for _, i := range act.Top[u] {
			row.Images = append(row.Images, digitImage(set, i))
			row.Captions = append(row.Captions, dataset.ClassName(set.Name, set.Label(i)))
		}
		tops = append(tops, row)
	}
	dead := 0
	for _, r := range act.Rates {
		if r == 0 {
			dead++
		}
	}
	first, last := act.Rates[act.Order[0]], act.Rates[act.Order[len(act.Order)-1]]
	summary = fmt.Sprintf("%s: %d units firing on %.1f%%…%.1f%% of %d %s images (%d never)",
		m.Layers()[layer].Name(), len(imgs), 100*last, 100*first, set.Len(), set.Name, dead)
	return render.Sheet(grid), render.Sheet(tops), summary, nil
}

// imageSize returns the height and width a unit's n input weights are drawn
// at: the model's input image, or a square, or one row.
func imageSize(m *network.Model, n int) (h, w int) {
	if in := m.InputShape(); len(in) == 3 && in[0]*in[1] == n {
		return in[0], in[1]
	}
	for s := 1; s*s <= n; s++ {
		if s*s == n {
			return s, s
		}
	}
	return 1, n
}
