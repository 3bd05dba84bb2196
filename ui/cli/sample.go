package cli

import (
	"flag"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/network/atomicfile"
	"autoencoder-studio/ui/render"
)

// Manifold grid sizes: the figure train writes, and the range sample
// accepts.
const (
	manifoldSide         = 15
	minManifold, maxGrid = 2, 30
)

func runSample(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("sample", flag.ContinueOnError)
	fs.SetOutput(stderr)
	modelFile := fs.String("model", "", "the trained model to sample (.aes)")
	n := fs.Int("n", 64, "how many digits to decode, laid out in a square (at most 900)")
	out := fs.String("out", "samples.png", "the PNG to write")
	seed := fs.Uint64("seed", 1, "seed of the codes drawn from the prior")
	grid := fs.Bool("grid", false, "decode a grid over the latent plane (the manifold) even for a variational model")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: autoencoder-studio sample --model FILE [--n 64] [--out FILE.png]

Decodes new digits with a trained model's decoder and writes them as one
picture. A variational model (vae, conv-vae) decodes codes drawn from its
prior N(0, I). Any other model, or --grid, decodes an even grid over its
latent plane: the code itself for codes of two values, else the plane of
the test digits' codes' first two principal components.

Flags:
`)
		fs.PrintDefaults()
	}
	if ok, err := parseFlags(fs, args); !ok {
		return err
	}
	if *modelFile == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "sample: give the model with --model FILE")
		fs.Usage()
		return errUsage
	}
	if *n < 1 || *n > maxGrid*maxGrid {
		return fmt.Errorf("--n must be in [1, %d], got %d", maxGrid*maxGrid, *n)
	}
	run, err := network.LoadRunFile(*modelFile)
	if err != nil {
		return err
	}
	m := run.Model
	if m.InputShape().Size() != 784 {
		return fmt.Errorf("sample: %s takes %s inputs, not 28×28 images", *modelFile, m.InputShape())
	}
	side := int(math.Ceil(math.Sqrt(float64(*n))))
	var img image.Image
	what := ""
	if m.Variational() && !*grid {
		pix, _ := m.SamplePrior(*n, *seed)
		pix = append(pix, make([]float32, (side*side-*n)*784)...) // blank cells to fill the square
		img = render.Mosaic(pix, side, side, 28, 28)
		what = fmt.Sprintf("%d digits decoded from codes drawn from N(0, I)", *n)
	} else {
		// The plane is fitted on the test images of the dataset the model
		// trained on; a folder of one's own is not at hand, so MNIST's.
		test, err := dataset.BuiltinTest(run.Meta.Dataset)
		if err != nil {
			test, err = dataset.MNISTTest()
		}
		if err != nil {
			return fmt.Errorf("sample: %w", err)
		}
		side = max(side, minManifold)
		var plane *network.LatentPlane
		if img, plane, err = manifold(m, test.Pixels, test.Len(), side); err != nil {
			return fmt.Errorf("sample: %w", err)
		}
		what = fmt.Sprintf("a %d×%d grid over %s", side, side, planeText(plane))
	}
	if err := atomicfile.Write(*out, 0o644, func(w io.Writer) error { return png.Encode(w, img) }); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s: %s\n", *out, what)
	return nil
}

// manifold decodes a side×side grid over the latent plane of m fitted on
// the codes of n inputs x, as the Keras blog's figure, and returns it with
// the plane.
func manifold(m *network.Model, x []float32, n, side int) (image.Image, *network.LatentPlane, error) {
	plane, err := m.PlaneOf(x, n)
	if err != nil {
		return nil, nil, err
	}
	xs, ys := plane.Grid(side)
	return render.Mosaic(m.DecodePlane(plane, xs, ys), side, side, 28, 28), plane, nil
}

// planeText says what a latent plane is, for messages.
func planeText(p *network.LatentPlane) string {
	switch {
	case p.PCA != nil:
		return fmt.Sprintf("the plane of the codes' first two principal components (%d-value codes)", p.Dim)
	case p.Variational && p.Dim == 2:
		return "the 2-D code at the Gaussian prior's quantiles 5% to 95%"
	}
	return fmt.Sprintf("the %d-D code", p.Dim)
}
