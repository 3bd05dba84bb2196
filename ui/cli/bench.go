package cli

import (
	"context"
	_ "embed"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/network/directconv"
	"autoencoder-studio/network/gemm"
)

// torchScript is the PyTorch side of the bench: a copy of
// ../shared/bench/torch_ref.py (with --limit), which trains the five presets
// with Keras semantics.
//
//go:embed torch_ref.py
var torchScript []byte

// torchStored holds PyTorch 1.13's seconds per epoch on 2 threads for the
// five presets from ../shared/bench/results-torch.md, shown only when
// PyTorch cannot run in this session, labelled with where they come from.
var torchStored = map[string]float64{
	"vanilla": 0.78, "multilayer": 1.38, "conv": 21.46, "sparse": 0.77, "denoising": 55.72,
}

// torchStoredLabel says where torchStored comes from.
const torchStoredLabel = "stored figures of PyTorch 1.13 on 2 threads, measured on another day on a 2-core AMD EPYC (Zen 3), not this machine: compare with care"

// torchLetters are torch_ref.py's names of the presets.
var torchLetters = map[string]string{"vanilla": "a", "multilayer": "b", "conv": "c", "sparse": "d", "denoising": "e"}

// benchUsage opens the bench command's help.
const benchUsage = `Usage: autoencoder-studio bench [flags]

Times full training epochs (60,000 MNIST digits, the preset's batch size,
validation excluded) of each preset on all cores and, whenever Debian's
python3-torch can be imported, PyTorch training the same model with the same
Keras semantics on as many threads, preset by preset in turn so that any
drift of the machine hits both. It prints the medians with their range, the
ratio (PyTorch time / ours: above 1 means we are faster), the effective
GFLOP/s (operations per epoch counted from the layer shapes) as a share of
this machine's measured FMA peak, the memory a trained model keeps and the
peak memory of the process while it trains.

Flags:
`

// benchRow is one preset's measurements.
type benchRow struct {
	name        string
	ours, torch []float64 // seconds of each epoch
	val         float64
	flops       float64 // per epoch
	modelBytes  int64
	peakRSS     int64
}

func runBench(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var tutorial []string // the presets torch_ref.py trains too
	for _, name := range network.PresetNames() {
		if torchLetters[name] != "" {
			tutorial = append(tutorial, name)
		}
	}
	presets := fs.String("presets", strings.Join(tutorial, ","), "comma-separated presets to time (PyTorch times the five tutorial ones)")
	epochs := fs.Int("epochs", 3, "epochs to time per preset (the median is reported)")
	limit := fs.Int("limit", 0, "time epochs over only the first N training digits (0: all 60,000), for a quick check")
	torchFlag := fs.String("torch", "auto", `PyTorch to compare with: "auto" (run it when /usr/bin/python3 imports torch), "off", or a JSON file torch_ref.py wrote`)
	python := fs.String("python", "/usr/bin/python3", "the Python that runs PyTorch")
	isa := fs.String("isa", "", `limit our kernels and PyTorch's to one instruction set: "avx2" on an AVX-512 machine times both as a CPU without AVX-512 would run them (default: the widest this CPU has)`)
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
	var specs []network.Spec
	for _, name := range strings.Split(*presets, ",") {
		s, err := network.Preset(strings.TrimSpace(name))
		if err != nil {
			return err
		}
		specs = append(specs, s)
	}
	restore, err := limitISA(*isa)
	if err != nil {
		return err
	}
	defer restore()
	torch, err := newTorchSide(*torchFlag, *python, *epochs, *limit)
	if err != nil {
		return err
	}
	defer torch.close()
	if *isa != "" && torch.python != "" {
		torch.env = isaEnv[*isa]
		torch.label += ", limited to " + isaNames[*isa] + " (" + strings.Join(torch.env, " ") + ")"
	}
	train, test, err := dataset.MNIST()
	if err != nil {
		return err
	}
	if *limit > 0 {
		train, test = train.Subset(*limit), test.Subset(*limit)
	}
	fmt.Fprintf(stdout, "%s; GOMAXPROCS %d; %s\n", cpuName(), runtime.GOMAXPROCS(0), time.Now().Format("2006-01-02 15:04"))
	peaks := gemm.MeasurePeaks(time.Second, 0)
	best := 0.0
	for _, p := range peaks {
		fmt.Fprintf(stdout, "measured FMA peak, %s: %.1f GFLOP/s on one core, %.1f on %d\n", p.ISA, p.Core, p.Cores, p.Threads)
		if *isa == "" || p.ISA == isaNames[*isa] {
			best = max(best, p.Cores)
		}
	}
	if *isa != "" {
		fmt.Fprintf(stdout, "our kernels limited to %s (--isa %s): %%peak is of the %s peak\n", isaNames[*isa], *isa, isaNames[*isa])
	}
	fmt.Fprintf(stdout, "%d epoch(s) per preset%s; PyTorch: %s\n", *epochs, limitNote(*limit), torch.label)
	var rows []benchRow
	for _, s := range specs {
		row, err := benchPreset(s, train, test, *epochs)
		if err != nil {
			return err
		}
		if row.torch, err = torch.time(s.Name); err != nil {
			return err
		}
		rows = append(rows, row)
	}
	printBench(stdout, rows, best)
	return nil
}

// limitNote says how many digits a limited bench trained on.
func limitNote(limit int) string {
	if limit <= 0 {
		return ""
	}
	return fmt.Sprintf(" on the first %d digits", limit)
}

// benchPreset trains preset spec s for epochs epochs and measures it.
func benchPreset(s network.Spec, train, test *dataset.Set, epochs int) (benchRow, error) {
	row := benchRow{name: s.Name}
	perSample, _, err := network.TrainFLOPs(s)
	if err != nil {
		return row, err
	}
	row.flops = perSample * float64(train.Len())
	tr, va := network.TrainingData(s, train, test)
	resetPeakRSS()
	m, err := network.Build(s, 0)
	if err != nil {
		return row, err
	}
	hist, err := m.Fit(context.Background(), tr, va, network.FitConfig{Epochs: epochs})
	if err != nil {
		return row, fmt.Errorf("%s: %w", s.Name, err)
	}
	row.peakRSS = peakRSS()
	row.modelBytes = idleBytes(m)
	for _, e := range hist {
		row.ours = append(row.ours, e.Seconds)
	}
	row.val = hist[len(hist)-1].ValLoss
	return row, nil
}

// idleBytes returns the heap memory trained model m keeps once idle: the
// live heap with it, its per-batch buffers released, less the live heap
// once it is gone. The caller must not use m afterwards.
func idleBytes(m *network.Model) int64 {
	m.ReleaseBuffers()
	runtime.GC()
	var with, without runtime.MemStats
	runtime.ReadMemStats(&with)
	runtime.KeepAlive(m)
	m = nil
	runtime.GC()
	runtime.ReadMemStats(&without)
	return int64(with.HeapAlloc) - int64(without.HeapAlloc)
}

// printBench prints the table of rows; peak is the machine's measured
// FMA peak on all the cores used, in GFLOP/s (0: unknown).
func printBench(w io.Writer, rows []benchRow, peak float64) {
	const format = "%-11s %-18s %-18s %-19s %8s %6s %9s %8s %9s\n"
	fmt.Fprintf(w, format, "preset", "ours s/epoch", "PyTorch s/epoch", "PyTorch/ours", "GFLOP/s", "%peak", "val loss", "model", "peak RSS")
	for _, r := range rows {
		ours := median(r.ours)
		gflops := r.flops / ours / 1e9
		share := "-"
		if peak > 0 {
			share = fmt.Sprintf("%.0f%%", 100*gflops/peak)
		}
		torch, ratio := "-", "-"
		if len(r.torch) > 0 {
			torch = spread(r.torch, "%.2f")
			t := median(r.torch)
			ratio = fmt.Sprintf("%.2f× (%.2f–%.2f)", t/ours, slices.Min(r.torch)/slices.Max(r.ours), slices.Max(r.torch)/slices.Min(r.ours))
		}
		fmt.Fprintf(w, format, r.name, spread(r.ours, "%.2f"), torch, ratio, fmt.Sprintf("%.1f", gflops), share,
			fmt.Sprintf("%.5f", r.val), megabytes(r.modelBytes), megabytes(r.peakRSS))
	}
}

// spread formats the median of xs with its range.
func spread(xs []float64, f string) string {
	if len(xs) == 1 {
		return fmt.Sprintf(f, xs[0])
	}
	return fmt.Sprintf(f+" ("+f+"–"+f+")", median(xs), slices.Min(xs), slices.Max(xs))
}

// median returns the median of xs (the lower middle for an even count).
func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

// megabytes formats a byte count, or "-" when unknown.
func megabytes(n int64) string {
	if n <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f MB", float64(n)/1e6)
}

// torchSide is the PyTorch half of the bench: a live run of torch_ref.py,
// a JSON file of one, or the stored figures.
type torchSide struct {
	label  string
	python string // set for live runs
	dir    string // holds the script and MNIST for live runs
	epochs int
	limit  int
	blas   string             // the OpenBLAS folder live runs load, or ""
	fixed  map[string]float64 // a file's or the stored medians
	env    []string           // added to live runs' environment (--isa)
}

// isaNames are the instruction sets --isa takes, as MeasurePeaks names them.
var isaNames = map[string]string{"avx2": "AVX2", "avx512": "AVX-512"}

// isaEnv limits PyTorch to an instruction set: its own vectorised
// operators (ATen), oneDNN's convolutions and OpenBLAS's matrix products.
var isaEnv = map[string][]string{
	"avx2":   {"ATEN_CPU_CAPABILITY=avx2", "ONEDNN_MAX_CPU_ISA=AVX2", "DNNL_MAX_CPU_ISA=AVX2", "OPENBLAS_CORETYPE=Haswell"},
	"avx512": {"ATEN_CPU_CAPABILITY=avx512", "ONEDNN_MAX_CPU_ISA=AVX512_CORE", "DNNL_MAX_CPU_ISA=AVX512_CORE", "OPENBLAS_CORETYPE=SkylakeX"},
}

// limitISA makes the matrix products and the direct convolutions use only
// the kernels of instruction set isa ("" leaves the widest), returning a
// function that restores them. The element-wise kernels are AVX2 (or Go)
// whatever isa is.
func limitISA(isa string) (restore func(), err error) {
	if isa == "" {
		return func() {}, nil
	}
	if isaNames[isa] == "" {
		return nil, fmt.Errorf("--isa %q: want avx2 or avx512", isa)
	}
	if !slices.Contains(directconv.KernelSets(), isa) {
		return nil, fmt.Errorf("--isa %s: this CPU or build does not run %s kernels (it runs %s)", isa, isaNames[isa], strings.Join(gemm.Kernels(), ", "))
	}
	undoGemm, err := gemm.UseKernel(isa)
	if err != nil {
		return nil, fmt.Errorf("--isa %s: %w", isa, err)
	}
	undoConv := directconv.UseKernels(isa)
	return func() { undoConv(); undoGemm() }, nil
}

// openBLASDir returns Debian's OpenMP build of OpenBLAS for this machine
// (libopenblas0-openmp), which PyTorch's dense layers need to run at their
// speed: the default libblas.so.3 may be the reference BLAS, ten times
// slower. It returns "" when it is not installed.
func openBLASDir() string {
	triplet := map[string]string{"amd64": "x86_64-linux-gnu", "arm64": "aarch64-linux-gnu"}[runtime.GOARCH]
	dir := filepath.Join("/usr/lib", triplet, "openblas-openmp")
	if _, err := os.Stat(filepath.Join(dir, "libblas.so.3")); triplet == "" || err != nil {
		return ""
	}
	return dir
}

// newTorchSide prepares the PyTorch side the --torch flag asks for.
func newTorchSide(flagValue, python string, epochs, limit int) (*torchSide, error) {
	switch flagValue {
	case "off":
		return &torchSide{label: "off"}, nil
	case "auto":
		version, err := exec.Command(python, "-c", "import torch, numpy; print(torch.__version__)").Output()
		if err != nil {
			return &torchSide{label: fmt.Sprintf("%s cannot import torch (install python3-torch python3-numpy to time it here); showing the %s",
				python, torchStoredLabel), fixed: torchStored}, nil
		}
		dir, err := os.MkdirTemp("", "aes-bench-")
		if err != nil {
			return nil, err
		}
		t := &torchSide{python: python, dir: dir, epochs: epochs, limit: limit, blas: openBLASDir(),
			label: fmt.Sprintf("PyTorch %s timed now on %d threads, alternating with ours preset by preset", strings.TrimSpace(string(version)), runtime.GOMAXPROCS(0))}
		if t.blas != "" {
			t.label += ", with OpenBLAS from " + t.blas
		} else {
			t.label += "; WARNING: no OpenBLAS found (install libopenblas0-openmp), so PyTorch's dense layers may run on the slow reference BLAS"
		}
		if err := os.WriteFile(filepath.Join(dir, "torch_ref.py"), torchScript, 0o644); err != nil {
			t.close()
			return nil, err
		}
		if err := dataset.WriteMNISTFiles(dir); err != nil {
			t.close()
			return nil, err
		}
		return t, nil
	}
	ref, err := readTorchJSON(flagValue)
	if err != nil {
		return nil, err
	}
	return &torchSide{label: flagValue + " (a run of torch_ref.py)", fixed: ref}, nil
}

// close removes the live runs' folder.
func (t *torchSide) close() {
	if t.dir != "" {
		os.RemoveAll(t.dir)
	}
}

// time returns PyTorch's seconds per epoch of preset name: timed now for a
// live side, else the one stored figure (nil when there is none).
func (t *torchSide) time(name string) ([]float64, error) {
	if t.python == "" {
		if v, ok := t.fixed[name]; ok {
			return []float64{v}, nil
		}
		return nil, nil
	}
	letter, ok := torchLetters[name]
	if !ok {
		return nil, nil
	}
	out := filepath.Join(t.dir, name+".json")
	cmd := exec.Command(t.python, filepath.Join(t.dir, "torch_ref.py"), "--models", letter,
		"--threads", strconv.Itoa(runtime.GOMAXPROCS(0)), "--epochs", strconv.Itoa(t.epochs),
		"--limit", strconv.Itoa(t.limit), "--out", out)
	cmd.Env = append(os.Environ(), "MNIST_DIR="+t.dir)
	cmd.Env = append(cmd.Env, t.env...)
	if t.blas != "" {
		cmd.Env = append(cmd.Env, "LD_LIBRARY_PATH="+t.blas)
	}
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("PyTorch's %s: %w\n%s", name, err, msg)
	}
	secs, err := readTorchEpochs(out)
	if err != nil {
		return nil, err
	}
	return secs[name], nil
}

// torchDoc is the part of torch_ref.py's JSON the bench reads.
type torchDoc struct {
	Models []struct {
		Name         string    `json:"name"`
		EpochS       []float64 `json:"epoch_s"`
		EpochSMedian float64   `json:"epoch_s_median"`
	} `json:"models"`
}

func readTorchFile(path string) (torchDoc, error) {
	var doc torchDoc
	b, err := os.ReadFile(path)
	if err != nil {
		return doc, err
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return doc, fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Models) == 0 {
		return doc, fmt.Errorf("%s: no models in the file", path)
	}
	return doc, nil
}

// readTorchJSON reads the per-model median seconds per epoch from the JSON
// that torch_ref.py writes.
func readTorchJSON(path string) (map[string]float64, error) {
	doc, err := readTorchFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]float64{}
	for _, m := range doc.Models {
		out[m.Name] = m.EpochSMedian
	}
	return out, nil
}

// readTorchEpochs reads the seconds of every epoch of each model.
func readTorchEpochs(path string) (map[string][]float64, error) {
	doc, err := readTorchFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string][]float64{}
	for _, m := range doc.Models {
		if len(m.EpochS) == 0 {
			return nil, fmt.Errorf("%s: no epoch times for %s", path, m.Name)
		}
		out[m.Name] = m.EpochS
	}
	return out, nil
}

// cpuName returns the processor's model name from /proc/cpuinfo, or the
// architecture where that cannot be read.
func cpuName() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				return strings.TrimSpace(v) + " (" + runtime.GOARCH + ")"
			}
		}
	}
	return runtime.GOARCH
}

// resetPeakRSS restarts the kernel's count of the process's peak resident
// memory (Linux; elsewhere nothing happens and peakRSS reports 0).
func resetPeakRSS() { _ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

// peakRSS returns the peak resident memory since resetPeakRSS, in bytes,
// or 0 where the kernel does not tell (VmHWM of /proc/self/status).
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			if err != nil {
				return 0
			}
			return kb * 1024
		}
	}
	return 0
}
