package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strings"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
)

// torchReference holds PyTorch 1.13's seconds per epoch on 2 threads for the
// five presets, measured on a 2-core AMD EPYC (Zen 3) machine of the kind the
// project runs on (../shared/bench/results-torch.md). `bench --torch FILE`
// replaces them with a measurement of the same session.
var torchReference = map[string]float64{
	"vanilla": 0.78, "multilayer": 1.38, "conv": 21.46, "sparse": 0.77, "denoising": 55.72,
}

// benchUsage opens the bench command's help.
const benchUsage = `Usage: autoencoder-studio bench [flags]

Times full training epochs (60,000 MNIST digits, the preset's batch size,
validation excluded) of each preset on all cores and prints seconds per epoch
next to PyTorch 1.13's on 2 threads, with the ratio (PyTorch time / ours:
above 1 means we are faster).

Flags:
`

func runBench(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	presets := fs.String("presets", strings.Join(network.PresetNames(), ","), "comma-separated presets to time")
	epochs := fs.Int("epochs", 1, "epochs to time per preset (the median is reported)")
	limit := fs.Int("limit", 0, "time epochs over only the first N training digits (0: all 60,000), for a quick check")
	torchFile := fs.String("torch", "", "JSON written by shared/bench/torch_ref.py in this session, to compare against instead of the stored reference")
	fs.Usage = func() {
		fmt.Fprint(stderr, benchUsage)
		fs.PrintDefaults()
	}
	if ok, err := parseFlags(fs, args); !ok {
		return err
	}
	if *epochs <= 0 {
		return fmt.Errorf("--epochs must be positive, got %d", *epochs)
	}
	ref, refName := torchReference, "PyTorch 1.13, 2 threads (stored reference)"
	if *torchFile != "" {
		var err error
		if ref, err = readTorchJSON(*torchFile); err != nil {
			return err
		}
		refName = "PyTorch (" + *torchFile + ")"
	}
	train, test, err := dataset.MNIST()
	if err != nil {
		return err
	}
	if *limit > 0 {
		train, test = train.Subset(*limit), test.Subset(*limit)
	}
	fmt.Fprintf(stdout, "GOMAXPROCS %d; %d epoch(s) per preset; comparing with %s\n", runtime.GOMAXPROCS(0), *epochs, refName)
	const row = "%-11s %13s %16s %7s %9s\n"
	fmt.Fprintf(stdout, row, "preset", "ours s/epoch", "PyTorch s/epoch", "ratio", "val loss")
	for _, name := range strings.Split(*presets, ",") {
		s, err := network.Preset(strings.TrimSpace(name))
		if err != nil {
			return err
		}
		ours, val, err := timePreset(s, train, test, *epochs)
		if err != nil {
			return err
		}
		theirs, ok := ref[s.Name]
		ratio := "-"
		if ok && ours > 0 {
			ratio = fmt.Sprintf("%.2f×", theirs/ours)
		}
		fmt.Fprintf(stdout, row, s.Name, fmt.Sprintf("%.2f", ours), fmt.Sprintf("%.2f", theirs), ratio, fmt.Sprintf("%.5f", val))
	}
	return nil
}

// timePreset trains preset spec s for epochs epochs and returns the median
// seconds per epoch and the last validation loss.
func timePreset(s network.Spec, train, test *dataset.Set, epochs int) (median, val float64, err error) {
	m, err := network.Build(s, 0)
	if err != nil {
		return 0, 0, err
	}
	tr, va := network.TrainingData(s, train, test)
	hist, err := m.Fit(context.Background(), tr, va, network.FitConfig{Epochs: epochs})
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %w", s.Name, err)
	}
	secs := make([]float64, len(hist))
	for i, e := range hist {
		secs[i] = e.Seconds
	}
	slices.Sort(secs)
	return secs[len(secs)/2], hist[len(hist)-1].ValLoss, nil
}

// readTorchJSON reads the per-model median seconds per epoch from the JSON
// that shared/bench/torch_ref.py writes.
func readTorchJSON(path string) (map[string]float64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc struct {
		Models []struct {
			Name         string  `json:"name"`
			EpochSMedian float64 `json:"epoch_s_median"`
		} `json:"models"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := map[string]float64{}
	for _, m := range doc.Models {
		out[m.Name] = m.EpochSMedian
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no models in the file", path)
	}
	return out, nil
}
