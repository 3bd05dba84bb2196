package cli

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"autoencoder-studio/network"
	"autoencoder-studio/network/directconv"
	"autoencoder-studio/network/gemm"
)

func run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestTrainWritesResults(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := run(t, "train", "--preset", "vanilla", "--epochs", "2", "--limit", "1000", "--seed", "3", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	for _, want := range []string{"vanilla: 101200 parameters, code 64", "epoch 1/2  loss", "epoch 2/2  loss", "wrote "} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	f, err := os.Open(filepath.Join(dir, "history.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(f).ReadAll()
	f.Close()
	if err != nil || len(rows) != 3 || rows[0][0] != "epoch" || rows[2][0] != "2" {
		t.Errorf("history.csv = %v (%v)", rows, err)
	}
	for name, size := range map[string][2]int{
		"loss.png":            {640, 420},
		"reconstructions.png": {10*56 + 11*4, 2*56 + 3*4},
	} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if b := img.Bounds(); b.Dx() != size[0] || b.Dy() != size[1] {
			t.Errorf("%s is %dx%d, want %dx%d", name, b.Dx(), b.Dy(), size[0], size[1])
		}
	}
	m, hist, err := network.LoadFile(filepath.Join(dir, "model.aes"))
	if err != nil || len(hist) != 2 || m.ParamCount() != 101200 {
		t.Errorf("model.aes: %v, %d epochs", err, len(hist))
	}
}

func TestDenoisingFigureHasThreeRows(t *testing.T) {
	s, err := network.Preset("denoising")
	if err != nil {
		t.Skip("denoising preset not available")
	}
	m, err := network.Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float32, 12*784)
	y := make([]float32, 12*784)
	recon, codes := figures(m, network.Data{X: x, Y: y, N: 12}, 10)
	if h := recon.Bounds().Dy(); h != 3*56+4*4 {
		t.Errorf("denoising reconstruction figure is %d px tall, want three rows", h)
	}
	// Each code row: the digit, then 32 feature maps of 7×7.
	if w := codes.Bounds().Dx(); w < 33*7 {
		t.Errorf("codes figure only %d px wide for 32 feature maps", w)
	}
}

func TestCommandErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"train", "--preset", "resnet"}, 1, `unknown preset "resnet"`},
		{[]string{"train", "--bogus"}, 2, "flag provided but not defined: -bogus"},
		{[]string{"train", "--epochs", "-1"}, 1, "--epochs: epochs must be in [1, 10000], got -1"},
		{[]string{"train", "--epochs", "0"}, 1, "--epochs: epochs must be in [1, 10000], got 0"},
		{[]string{"train", "--batch", "0"}, 1, "--batch: batch_size must be in [1, 65536], got 0"},
		{[]string{"train", "--batch", "1000000000"}, 1, "--batch: batch_size must be in [1, 65536], got 1000000000"},
		{[]string{"train", "--lr", "NaN"}, 1, "--lr: optimizer adam: learning rate must be a finite number above 0, got NaN"},
		{[]string{"train", "--lr", "-1"}, 1, "--lr: optimizer adam: learning rate must be a finite number above 0, got -1"},
		{[]string{"train", "--lr", "0"}, 1, "--lr must be a finite number above 0, got 0"},
		{[]string{"train", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{"train", "--spec", "/does/not/exist.json"}, 1, "no such file"},
		{[]string{"fly"}, 2, `unknown command "fly"`},
		{[]string{"presets", "x"}, 2, "usage: autoencoder-studio presets"},
	} {
		code, _, errOut := run(t, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d and %q", tc.args, code, errOut, tc.code, tc.want)
		}
	}
}

func TestTrainSpecFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte(`{"input":[784],"loss":"mse","optimizer":{"name":"adam"},"layers":[{"type":"dense","units":0,"code":true},{"type":"dense","units":784}]}`), 0o644)
	code, _, errOut := run(t, "train", "--spec", bad)
	if code != 1 || !strings.Contains(errOut, "dense_1: units must be in [1, 65536], got 0") {
		t.Errorf("bad spec: exit %d, %q", code, errOut)
	}
}

func TestHelpAndPresets(t *testing.T) {
	code, out, _ := run(t, "help")
	if code != 0 || !strings.Contains(out, "train") || !strings.Contains(out, "presets") {
		t.Errorf("help: exit %d\n%s", code, out)
	}
	code, out, _ = run(t, "presets")
	if code != 0 || !strings.Contains(out, "vanilla") || !strings.Contains(out, "101200 params") {
		t.Errorf("presets: exit %d\n%s", code, out)
	}
	if code, _, errOut := run(t, "train", "--help"); code != 0 || !strings.Contains(errOut, "reconstructions.png") {
		t.Errorf("train --help: exit %d\n%s", code, errOut)
	}
	for _, tc := range []struct {
		args    []string
		command bool
		files   int
	}{
		{nil, false, 0},
		{[]string{"-psn_0_12345"}, false, 0},
		{[]string{"train"}, true, 0},
		{[]string{"run1.aes"}, false, 1},
		{[]string{"/home/x/My Runs/run1.AES", "b.aes"}, false, 2},
		{[]string{"run1.aes", "train"}, true, 0},
		{[]string{"train", "--out", "x.aes"}, true, 0},
	} {
		if got := IsCommand(tc.args); got != tc.command {
			t.Errorf("IsCommand(%q) = %v, want %v", tc.args, got, tc.command)
		}
		if got := len(ModelFiles(tc.args)); got != tc.files {
			t.Errorf("ModelFiles(%q) has %d files, want %d", tc.args, got, tc.files)
		}
	}
}

func TestBenchCompares(t *testing.T) {
	dir := t.TempDir()
	ref := filepath.Join(dir, "torch.json")
	os.WriteFile(ref, []byte(`{"models":[{"name":"sparse","epoch_s_median":1000}]}`), 0o644)
	code, out, errOut := run(t, "bench", "--presets", "sparse", "--limit", "2000", "--torch", ref)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	// Against a 1000 s reference an epoch of ours is far faster: the ratio is large.
	if !strings.Contains(out, "sparse") || !strings.Contains(out, "1000.00") || !strings.Contains(out, "×") {
		t.Errorf("bench output:\n%s", out)
	}
	if code, _, errOut := run(t, "bench", "--torch", filepath.Join(dir, "missing.json")); code != 1 || !strings.Contains(errOut, "no such file") {
		t.Errorf("missing reference: exit %d, %s", code, errOut)
	}
}

// TestBenchTimesPyTorchNow runs the bench with PyTorch timed in the same
// session, where Debian's python3-torch is installed.
func TestBenchTimesPyTorchNow(t *testing.T) {
	if err := exec.Command("/usr/bin/python3", "-c", "import torch, numpy").Run(); err != nil {
		t.Skip("/usr/bin/python3 cannot import torch: install python3-torch python3-numpy")
	}
	code, out, errOut := run(t, "bench", "--presets", "vanilla", "--epochs", "2", "--limit", "1000")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var row []string
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 && f[0] == "vanilla" {
			row = f
		}
	}
	if !strings.Contains(out, "timed now") || len(row) < 8 {
		t.Fatalf("bench output:\n%s", out)
	}
	// ours "0.01 (0.01–0.01)", then PyTorch's median: a number, not "-".
	if _, err := strconv.ParseFloat(row[3], 64); err != nil {
		t.Errorf("no PyTorch time in %q", row)
	}
	if !strings.Contains(out, "%peak") || !strings.Contains(out, " MB") {
		t.Errorf("no peak share or memory in:\n%s", out)
	}
	code, out, _ = run(t, "bench", "--presets", "sparse", "--epochs", "1", "--limit", "500", "--torch", "off")
	if code != 0 || !strings.Contains(out, "PyTorch: off") {
		t.Errorf("--torch off: exit %d\n%s", code, out)
	}
}

func TestKerasExport(t *testing.T) {
	code, out, errOut := run(t, "keras", "--preset", "conv")
	if code != 0 || !strings.Contains(out, `layers.Conv2D(16, (3, 3)`) || !strings.Contains(out, "keras.optimizers.Adadelta") {
		t.Errorf("keras --preset conv: exit %d %s\n%s", code, errOut, out)
	}
	dir := t.TempDir()
	if code, _, errOut := run(t, "train", "--preset", "vanilla", "--epochs", "1", "--limit", "256", "--out", dir, "--quiet"); code != 0 {
		t.Fatal(errOut)
	}
	code, out, _ = run(t, "keras", "--model", filepath.Join(dir, "model.aes"))
	if code != 0 || !strings.Contains(out, "layers.Dense(64") {
		t.Errorf("keras --model: exit %d\n%s", code, out)
	}
	if code, _, errOut := run(t, "keras", "--preset", "conv", "--spec", "x.json"); code != 2 || !strings.Contains(errOut, "exactly one") {
		t.Errorf("two sources: exit %d %s", code, errOut)
	}
}

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := run(t, "train", "--preset", "vanilla", "--epochs", "1", "--limit", "256", "--out", dir, "--quiet"); code != 0 {
		t.Fatal(errOut)
	}
	model := filepath.Join(dir, "model.aes")
	for _, tc := range []struct {
		format string
		want   []string
	}{
		{"npz", []string{"weights_pytorch.npz", "weights_keras.npz"}},
		{"pytorch", []string{"weights_pytorch.npz", "autoencoder_pytorch.py", "test_digits.npz"}},
		{"keras", []string{"weights_keras.npz", "autoencoder_keras.py"}},
	} {
		out := filepath.Join(t.TempDir(), tc.format)
		code, stdout, errOut := run(t, "export", "--model", model, "--format", tc.format, "--out", out)
		if code != 0 {
			t.Fatalf("export --format %s: exit %d %s", tc.format, code, errOut)
		}
		var want []string
		for _, f := range tc.want {
			want = append(want, filepath.Join(out, f))
		}
		if got := strings.Fields(stdout); !slices.Equal(got, want) {
			t.Errorf("export --format %s printed %v, want %v", tc.format, got, want)
		}
		for _, f := range want {
			if st, err := os.Stat(f); err != nil || st.Size() == 0 {
				t.Errorf("export --format %s: %s missing or empty (%v)", tc.format, f, err)
			}
		}
	}
	// The default folder is beside the model.
	if code, stdout, errOut := run(t, "export", "--model", model); code != 0 || !strings.HasPrefix(stdout, filepath.Join(dir, "model_python")+string(filepath.Separator)) {
		t.Errorf("export with the default folder: exit %d %q %s", code, stdout, errOut)
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"export"}, 2, "--model"},
		{[]string{"export", "--model", model, "--format", "onnx"}, 1, `unknown export format "onnx"`},
		{[]string{"export", "--model", filepath.Join(dir, "nothing.aes")}, 1, "nothing.aes"},
	} {
		if code, _, errOut := run(t, tc.args...); code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("%v: exit %d %q, want %d and %q", tc.args, code, errOut, tc.code, tc.msg)
		}
	}
}

// TestBenchISA checks --isa: avx2 times our AVX2 kernels against the AVX2
// peak (where the CPU has them) and restores the widest kernels after, and
// an instruction set it does not know is refused by name.
func TestBenchISA(t *testing.T) {
	if code, _, errOut := run(t, "bench", "--isa", "avx9", "--torch", "off"); code != 1 || !strings.Contains(errOut, `"avx9"`) {
		t.Errorf("--isa avx9: exit %d, %s", code, errOut)
	}
	if !slices.Contains(gemm.Kernels(), "avx2") || !slices.Contains(directconv.KernelSets(), "avx2") {
		t.Skip("this CPU or build runs no AVX2 kernels")
	}
	gemmBefore, convBefore := gemm.Kernel(), directconv.KernelSet()
	code, out, errOut := run(t, "bench", "--isa", "avx2", "--presets", "conv", "--epochs", "1", "--limit", "256", "--torch", "off")
	if code != 0 || !strings.Contains(out, "limited to AVX2 (--isa avx2)") || !strings.Contains(out, "\nconv ") {
		t.Fatalf("--isa avx2: exit %d %s\n%s", code, errOut, out)
	}
	if gemm.Kernel() != gemmBefore || directconv.KernelSet() != convBefore {
		t.Errorf("after --isa avx2 the kernels are %s and %s, want %s and %s back", gemm.Kernel(), directconv.KernelSet(), gemmBefore, convBefore)
	}
	restore, err := limitISA("avx2")
	if err != nil {
		t.Fatal(err)
	}
	if gemm.Kernel() != "avx2" || directconv.KernelSet() != "avx2" {
		t.Errorf("limitISA(avx2) runs %s and %s", gemm.Kernel(), directconv.KernelSet())
	}
	restore()
}
