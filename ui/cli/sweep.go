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
	"strings"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/network/atomicfile"
	"autoencoder-studio/network/sweep"
	"autoencoder-studio/network/training"
	"autoencoder-studio/ui/render"
)

// sweepDigits is how many test digits every run of a sweep reconstructs in
// sweep.png.
const sweepDigits = 8

func runSweep(args []string, stdout, stderr io.Writer) error {
	var o trainOptions
	var set string
	fs := flag.NewFlagSet("sweep", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.preset, "preset", "vanilla", "tutorial preset to start from: "+strings.Join(network.PresetNames(), ", "))
	fs.StringVar(&o.specFile, "spec", "", "start from the architecture in this JSON spec file instead of a preset")
	fs.StringVar(&set, "set", "", "the setting to sweep and its values, name=v1,v2,… (names: "+strings.Join(sweep.Names(), ", ")+")")
	fs.IntVar(&o.epochs, "epochs", 0, "number of epochs of every run (0: the preset's)")
	fs.IntVar(&o.batch, "batch", 0, "batch size of every run (0: the preset's)")
	fs.Float64Var(&o.lr, "lr", 0, "learning rate of every run (0: the optimizer's Keras default)")
	fs.Uint64Var(&o.seed, "seed", 0, "seed for weights and shuffling, the same for every run")
	fs.StringVar(&o.out, "out", "", "folder for the results (default runs/sweep-NAME-SETTING)")
	fs.StringVar(&o.data, "data", "mnist", "what every run trains on: mnist, fashion (Fashion-MNIST) or a folder of images")
	fs.IntVar(&o.limit, "limit", 0, "train on only the first N training images (0: all)")
	fs.BoolVar(&o.quiet, "quiet", false, "no progress bar")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: autoencoder-studio sweep --set NAME=V1,V2,… [flags]

Trains one run per value of one setting, in turn, all with the same seed
and data (--data: mnist, fashion or a folder of images, as for train), and
writes into the output folder:
  sweep.csv   one line per run: value, name, params, val_mse, val_loss,
              seconds_per_epoch, epochs
  sweep.png   final validation MSE against the value, parameters and seconds
              per epoch, and the same %d validation images reconstructed by
              every run
  NAME/       each run's folder, as the train command writes it

Settings:
`, sweepDigits)
		for _, st := range sweep.Settings() {
			fmt.Fprintf(stderr, "  %-10s %s: %s (e.g. %s)\n", st.Name, st.Title, st.Valid, strings.Join(st.Suggested, ","))
		}
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	if ok, err := parseFlags(fs, args); !ok {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "sweep: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	if set == "" {
		return fmt.Errorf("--set is required: name=v1,v2,… with name one of %s (e.g. --set code=2,4,8,16,32,64)", strings.Join(sweep.Names(), ", "))
	}
	o.set = map[string]bool{}
	fs.Visit(func(f *flag.Flag) { o.set[f.Name] = true })
	sw, err := sweep.Parse(set)
	if err != nil {
		return fmt.Errorf("--set: %w", err)
	}
	base, err := o.spec()
	if err != nil {
		return err
	}
	runs, err := sweep.Expand(base, sw)
	if err != nil {
		return fmt.Errorf("--set: %w", err)
	}
	if o.out == "" {
		o.out = filepath.Join("runs", safeName("sweep-"+base.Name+"-"+sw.Setting))
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	return trainSweep(ctx, base.Name, sw, runs, o, stdout, stderr)
}

// sweepRun is a finished run of a sweep: its result and the reconstruction
// of the first test digits.
type sweepRun struct {
	result sweep.Result
	recon  []float32
}

// trainSweep trains the runs in turn on the same data and seed, writes each
// one's folder and then sweep.csv and sweep.png. A run that fails is
// reported and left out; an interrupt stops the sweep after writing what
// finished.
func trainSweep(ctx context.Context, base string, sw sweep.Sweep, runs []sweep.Run, o trainOptions, stdout, stderr io.Writer) error {
	st, err := sweep.Lookup(sw.Setting)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	name, trainSet, valSet, skipped, err := dataset.Open(o.data)
	if err != nil {
		return fmt.Errorf("--data: %w", err)
	}
	for _, e := range skipped {
		fmt.Fprintf(stderr, "skipped %s\n", e)
	}
	data := func() (*dataset.Set, *dataset.Set, error) { return trainSet, valSet, nil }
	var done []sweepRun
	var original []float32
	var errs []error
	dirs := map[string]string{}
	for i, r := range runs {
		dir := filepath.Join(o.out, safeName(r.Name))
		if prev, ok := dirs[dir]; ok {
			return fmt.Errorf("runs %q and %q would share the folder %s", prev, r.Name, dir)
		}
		dirs[dir] = r.Name
		fmt.Fprintf(stdout, "run %d/%d: %s\n", i+1, len(runs), r.Name)
		ro := o
		ro.out = dir
		res, fitErr := trainOne(ctx, r.Spec, ro, name, data, stdout, stderr)
		if res != nil && len(res.History) > 0 {
			n := min(sweepDigits, res.Val.N)
			size := res.Model.InputShape().Size()
			x := res.Val.X[:n*size]
			if original == nil {
				original = x
				if res.Val.Y != nil {
					original = res.Val.Y[:n*size]
				}
			}
			done = append(done, sweepRun{
				result: sweep.Summarize(r, res.Model.ParamCount(), res.History),
				recon:  append([]float32(nil), res.Model.Predict(x, n)...),
			})
		}
		if fitErr != nil {
			if ctx.Err() != nil {
				errs = append(errs, fitErr)
				break
			}
			fmt.Fprintf(stderr, "%s: %v\n", r.Name, fitErr)
			errs = append(errs, fmt.Errorf("%s: %w", r.Name, fitErr))
		}
	}
	if len(done) == 0 {
		return errors.Join(errs...)
	}
	if err := writeSweep(o.out, st, base, done, original); err != nil {
		errs = append(errs, err)
	} else {
		fmt.Fprintf(stdout, "wrote %s, %s\n", filepath.Join(o.out, "sweep.csv"), filepath.Join(o.out, "sweep.png"))
	}
	return errors.Join(errs...)
}

// trainOne trains one run of a sweep as the train command does and writes
// its folder.
func trainOne(ctx context.Context, spec network.Spec, o trainOptions, dataName string, data func() (*dataset.Set, *dataset.Set, error), stdout, stderr io.Writer) (*training.Result, error) {
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return nil, err
	}
	bar := newProgressBar(stderr, o.quiet)
	res, fitErr := training.Run(ctx, training.Job{
		Spec: spec, Seed: o.seed, TrainLimit: o.limit, Data: data, DatasetName: dataName,
		Start: func(m *network.Model, train, _ network.Data) {
			fmt.Fprintf(stdout, "  %d parameters, code %s; %s of batch %d on %d %s images\n",
				m.ParamCount(), m.CodeShape(), plural(spec.Train.Epochs, "epoch"), min(spec.Train.BatchSize, train.N), train.N, dataName)
		},
		Progress: func(p network.Progress) {
			if p.EpochDone {
				bar.clear()
				e := p.History[len(p.History)-1]
				fmt.Fprintf(stdout, "  epoch %d/%d  loss %.5f  val_loss %.5f  val_mse %.5f  %.2fs\n",
					e.Epoch, p.Epochs, e.TrainLoss, e.ValLoss, e.ValMSE, e.Seconds)
				return
			}
			bar.show(p)
		},
	})
	bar.clear()
	if res == nil || len(res.History) == 0 {
		return res, fitErr
	}
	if err := writeResults(o.out, spec, res); err != nil {
		return res, errors.Join(err, fitErr)
	}
	return res, fitErr
}

// writeSweep writes sweep.csv and sweep.png of the finished runs into dir.
func writeSweep(dir string, st sweep.Setting, base string, done []sweepRun, original []float32) error {
	results := make([]sweep.Result, len(done))
	for i, d := range done {
		results[i] = d.result
	}
	errs := []error{atomicfile.Write(filepath.Join(dir, "sweep.csv"), 0o644, func(w io.Writer) error { return sweep.WriteCSV(w, results) })}
	title := fmt.Sprintf("%s: final validation MSE by %s", base, st.Title)
	mse, params, secs := render.SweepFigures(title, st, results)
	in := done[0].result.Spec.Input
	h, w := 28, in.Size()/28 // a flat input shows as 28 rows
	if len(in) == 3 {
		h, w = in[0], in[1]
	}
	n := len(original) / (h * w)
	rows := []render.DigitRow{{Label: "original", Pix: original, N: n, Width: w, Height: h}}
	for _, d := range done {
		rows = append(rows, render.DigitRow{Label: st.Name + "=" + d.result.Value, Pix: d.recon, N: n, Width: w, Height: h})
	}
	img := render.SweepImage(mse, params, secs, render.DigitRows(rows))
	errs = append(errs, atomicfile.Write(filepath.Join(dir, "sweep.png"), 0o644, func(w io.Writer) error { return png.Encode(w, img) }))
	return errors.Join(errs...)
}
