package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"image/png"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/network/atomicfile"
	"autoencoder-studio/network/training"
	"autoencoder-studio/ui/render"
)

// trainOptions are the flags of the train command.
type trainOptions struct {
	preset, specFile, out string
	data                  string // a built-in dataset or a folder of images
	epochs, batch         int
	lr                    float64
	seed                  uint64
	limit                 int
	quiet                 bool
	set                   map[string]bool // the flags given on the command line
}

func runTrain(args []string, stdout, stderr io.Writer) error {
	var o trainOptions
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.preset, "preset", "vanilla", "tutorial preset to train: "+strings.Join(network.PresetNames(), ", "))
	fs.StringVar(&o.specFile, "spec", "", "train the architecture in this JSON spec file instead of a preset")
	fs.IntVar(&o.epochs, "epochs", 0, "number of epochs (0: the preset's)")
	fs.IntVar(&o.batch, "batch", 0, "batch size (0: the preset's)")
	fs.Float64Var(&o.lr, "lr", 0, "learning rate (0: the optimizer's Keras default)")
	fs.Uint64Var(&o.seed, "seed", 0, "seed for weights and shuffling; the same seed repeats a run exactly")
	fs.StringVar(&o.out, "out", "", "folder for the results (default runs/NAME)")
	fs.StringVar(&o.data, "data", "mnist", "what to train on: mnist, fashion (Fashion-MNIST) or a folder of images")
	fs.IntVar(&o.limit, "limit", 0, "train on only the first N training images (0: all, 60,000 for mnist and fashion)")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: autoencoder-studio train [flags]

Trains an autoencoder on the images --data names and writes into the
output folder the files below. --data is one of
  mnist    MNIST's 60,000 training digits, validated on its 10,000 test
           digits (the default)
  fashion  Fashion-MNIST's 60,000 training pictures of clothes, validated
           on its 10,000 test pictures
  DIR      the PNG, JPEG and GIF images of a folder, a tenth of them kept
           for validation (write ./mnist for a folder called mnist)
Output:
  history.csv          loss per epoch (train, validation, regulariser, validation MSE, seconds)
  loss.png             training and validation loss curves
  reconstructions.png  10 validation images above their reconstructions
                       (denoising: noisy input, reconstruction, clean original)
  codes.png            each of those images' code drawn as a picture
  manifold.png         (vae, conv-vae) 15×15 images decoded over the 2-D code
  model.aes            the trained model (spec, weights, history)

Flags:
`)
		fs.PrintDefaults()
	}
	if ok, err := parseFlags(fs, args); !ok {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "train: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	o.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	spec, err := o.spec()
	if err != nil {
		return err
	}
	if o.out == "" {
		o.out = filepath.Join("runs", safeName(spec.Name))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return train(ctx, spec, o, stdout, stderr)
}

// spec returns the spec the options select, with the flag overrides applied.
func (o trainOptions) spec() (network.Spec, error) {
	var s network.Spec
	if o.specFile != "" {
		b, err := os.ReadFile(o.specFile)
		if err != nil {
			return s, err
		}
		if s, err = network.UnmarshalSpec(b); err != nil {
			return s, fmt.Errorf("%s: %w", o.specFile, err)
		}
		if s.Name == "" {
			s.Name = strings.TrimSuffix(filepath.Base(o.specFile), filepath.Ext(o.specFile))
		}
	} else {
		var err error
		if s, err = network.Preset(o.preset); err != nil {
			return s, err
		}
	}
	if o.limit < 0 {
		return s, fmt.Errorf("--limit must not be negative, got %d", o.limit)
	}
	// A flag given overrides the spec, whatever its value: the engine's
	// check then names the allowed range (--epochs 0, --lr NaN).
	if o.set["epochs"] {
		s.Train.Epochs = o.epochs
	}
	if o.set["batch"] {
		s.Train.BatchSize = o.batch
	}
	if o.set["lr"] {
		if o.lr == 0 {
			return s, errors.New("--lr must be a finite number above 0, got 0 (leave it out for the optimizer's default)")
		}
		s.Optimizer.LearningRate = o.lr
	}
	if _, err := s.Check(); err != nil {
		return s, flagError(err)
	}
	return s, nil
}

// flagNames maps the spec fields the flags set to the flags.
var flagNames = map[string]string{"epochs": "--epochs", "batch_size": "--batch", "learning_rate": "--lr"}

// flagError prefixes a spec error about a field a flag sets with the flag.
func flagError(err error) error {
	var se *network.SpecError
	if errors.As(err, &se) && se.Layer < 0 {
		if f, ok := flagNames[se.Field]; ok {
			return fmt.Errorf("%s: %w", f, err)
		}
	}
	return err
}

// safeName turns a spec's name into a folder name that stays inside runs/:
// path separators, dots at the start and other unsafe characters become
// "-"; an empty result becomes "model".
func safeName(name string) string {
	f := strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_', r == '.':
			return r
		}
		return '-'
	}, name)
	f = strings.Trim(f, "-.")
	if f == "" {
		return "model"
	}
	return f
}

func train(ctx context.Context, spec network.Spec, o trainOptions, stdout, stderr io.Writer) error {
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	bar := newProgressBar(stderr, o.quiet)
	name, trainSet, valSet, skipped, err := dataset.Open(o.data)
	if err != nil {
		return fmt.Errorf("--data: %w", err)
	}
	for _, e := range skipped {
		fmt.Fprintf(stderr, "skipped %s\n", e)
	}
	res, fitErr := training.Run(ctx, training.Job{
		Spec:        spec,
		Seed:        o.seed,
		TrainLimit:  o.limit,
		Data:        func() (*dataset.Set, *dataset.Set, error) { return trainSet, valSet, nil },
		DatasetName: name,
		Start: func(m *network.Model, train, val network.Data) {
			opt := m.Optimizer().Config().WithDefaults()
			fmt.Fprintf(stdout, "%s: %d parameters, code %s, %s, %s (learning rate %g); %s of batch %d on %d %s images, validated on %d\n",
				spec.Name, m.ParamCount(), m.CodeShape(), spec.Loss, opt.Name, opt.LearningRate,
				plural(spec.Train.Epochs, "epoch"), min(spec.Train.BatchSize, train.N), train.N, name, val.N)
			if w := opt.LearningRateWarning(); w != "" {
				fmt.Fprintf(stderr, "warning: %s\n", w)
			}
		},
		Progress: func(p network.Progress) {
			if p.EpochDone {
				bar.clear()
				e := p.History[len(p.History)-1]
				if spec.Variational() { // the loss is hundreds: fewer decimals, and its KL part
					fmt.Fprintf(stdout, "epoch %d/%d  loss %.3f  val_loss %.3f (reconstruction %.3f + KL %.3f)  val_mse %.5f  %.2fs\n",
						e.Epoch, p.Epochs, e.TrainLoss, e.ValLoss, e.ValRecon(), e.ValReg, e.ValMSE, e.Seconds)
					return
				}
				fmt.Fprintf(stdout, "epoch %d/%d  loss %.5f  val_loss %.5f  val_mse %.5f  %.2fs\n",
					e.Epoch, p.Epochs, e.TrainLoss, e.ValLoss, e.ValMSE, e.Seconds)
				return
			}
			bar.show(p)
		},
	})
	bar.clear()
	if res == nil || len(res.History) == 0 {
		return fitErr
	}
	if err := writeResults(o.out, spec, res); err != nil {
		return errors.Join(err, fitErr)
	}
	fmt.Fprintf(stdout, "wrote %s\n", strings.Join(resultFiles(o.out, spec.Variational()), ", "))
	return fitErr
}

func resultFiles(dir string, variational bool) []string {
	var out []string
	files := []string{"history.csv", "loss.png", "reconstructions.png", "codes.png", "model.aes"}
	if variational {
		files = slices.Insert(files, 4, "manifold.png")
	}
	for _, f := range files {
		out = append(out, filepath.Join(dir, f))
	}
	return out
}

// writeResults writes the model file first, the one thing that cannot be
// made again without training, then the history CSV and the figures. Every
// file is written atomically, so a full disk or a kill leaves no empty or
// half-written file; a file that fails does not stop the others.
func writeResults(dir string, spec network.Spec, res *training.Result) error {
	m, history := res.Model, res.History
	errs := []error{res.Save(filepath.Join(dir, "model.aes"))}
	write := func(name string, f func(io.Writer) error) {
		errs = append(errs, atomicfile.Write(filepath.Join(dir, name), 0o644, f))
	}
	write("history.csv", func(w io.Writer) error { return network.WriteHistoryCSV(w, history) })
	if p, err := render.LossPlot(spec.Name+" loss", render.HistorySeries("", history, nil), false); err != nil {
		errs = append(errs, err)
	} else {
		write("loss.png", func(w io.Writer) error { return render.WritePNG(w, p, 640, 420) })
	}
	recon, codes := figures(m, res.Val, 10)
	write("reconstructions.png", func(w io.Writer) error { return png.Encode(w, recon) })
	write("codes.png", func(w io.Writer) error { return png.Encode(w, codes) })
	if spec.Variational() && m.InputShape().Size() == 784 {
		if img, _, err := manifold(m, res.Val.X, res.Val.N, manifoldSide); err != nil {
			errs = append(errs, fmt.Errorf("manifold: %w", err))
		} else {
			write("manifold.png", func(w io.Writer) error { return png.Encode(w, img) })
		}
	}
	return errors.Join(errs...)
}

// plural returns "1 epoch" or "5 epochs".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// progressBar draws a one-line progress bar on a terminal, or a plain line
// every few seconds elsewhere (logs, CI).
type progressBar struct {
	w        io.Writer
	off, tty bool
	last     time.Time
	drawn    bool
}

func newProgressBar(w io.Writer, quiet bool) *progressBar {
	tty := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil {
			tty = st.Mode()&os.ModeCharDevice != 0
		}
	}
	return &progressBar{w: w, off: quiet, tty: tty}
}

func (b *progressBar) show(p network.Progress) {
	if b.off || (!b.tty && time.Since(b.last) < 5*time.Second) {
		return
	}
	b.last = time.Now()
	const width = 30
	done := width * p.Batch / max(p.Batches, 1)
	bar := strings.Repeat("=", done) + strings.Repeat(" ", width-done)
	line := fmt.Sprintf("epoch %d/%d [%s] %d/%d  loss %.5f  %.0f samples/s  ETA %s",
		p.Epoch, p.Epochs, bar, p.Batch, p.Batches, p.Loss, p.SamplesPerSec, p.ETA.Round(time.Second))
	if b.tty {
		fmt.Fprintf(b.w, "\r%s\x1b[K", line)
		b.drawn = true
	} else {
		fmt.Fprintln(b.w, line)
	}
}

func (b *progressBar) clear() {
	if b.drawn {
		fmt.Fprint(b.w, "\r\x1b[K")
		b.drawn = false
	}
}
