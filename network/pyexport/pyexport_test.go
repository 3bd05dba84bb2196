package pyexport

import (
	"archive/zip"
	"bytes"
	"context"
	"image/png"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"codeberg.org/sbinet/npyio/npy"
	"codeberg.org/sbinet/npyio/npz"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
)

// torchPython returns Debian's python3 when it can import torch and numpy
// (make deps installs python3-torch and python3-numpy), or skips the test.
func torchPython(t *testing.T) string {
	t.Helper()
	const python = "/usr/bin/python3"
	if out, err := exec.Command(python, "-c", "import torch, numpy").CombinedOutput(); err != nil {
		t.Skipf("%s cannot import torch and numpy (install python3-torch python3-numpy): %v %s", python, err, out)
	}
	return python
}

// layoutSpecs are designs beyond the presets that use every layer type and
// every padding case PyTorch spells differently from TensorFlow: strided
// and even-sized "same" windows that pad only the end, transposed
// convolutions whose kernel is smaller than, equal to or larger than the
// stride, "same" pooling of an odd size, and reshapes between images and
// vectors.
func layoutSpecs() []network.Spec {
	adam := network.OptimizerSpec{Name: "adam", LearningRate: 0.001}
	train := network.TrainSpec{Epochs: 1, BatchSize: 64}
	return []network.Spec{{
		Name:  "padding",
		Input: network.Shape{28, 28, 1},
		Layers: []network.LayerSpec{
			{Type: network.TypeConv2D, Filters: 8, Kernel: 3, Stride: 2, Padding: "same", Activation: "relu"},
			{Type: network.TypeConv2D, Filters: 6, Kernel: 4, Padding: "same", Activation: "tanh"},
			{Type: network.TypeMaxPool2D, Size: 3, Stride: 2, Padding: "same"},
			{Type: network.TypeFlatten},
			{Type: network.TypeDense, Units: 16, Activation: "leaky_relu", Code: true},
			{Type: network.TypeDense, Units: 7 * 7 * 4, Activation: "relu"},
			{Type: network.TypeReshape, Shape: network.Shape{7, 7, 4}},
			{Type: network.TypeConv2DTranspose, Filters: 8, Kernel: 3, Stride: 2, Padding: "same", Activation: "relu"},
			{Type: network.TypeConv2DTranspose, Filters: 4, Kernel: 2, Stride: 2, Padding: "valid"},
			{Type: network.TypeConv2D, Filters: 1, Kernel: 3, Padding: "same", Activation: "sigmoid"},
		},
		Loss: "binary_crossentropy", Optimizer: adam, Train: train,
	}, {
		Name:  "valid & training-only",
		Input: network.Shape{784},
		Layers: []network.LayerSpec{
			{Type: network.TypeGaussianNoise, Noise: 0.3},
			{Type: network.TypeReshape, Shape: network.Shape{28, 28, 1}},
			{Type: network.TypeConv2D, Filters: 4, Kernel: 5, Padding: "valid", Activation: "relu"},
			{Type: network.TypeMaxPool2D, Size: 2},
			{Type: network.TypeConv2D, Filters: 4, Kernel: 3, Stride: 2, Padding: "valid", Code: true},
			{Type: network.TypeConv2DTranspose, Filters: 4, Kernel: 1, Stride: 2, Padding: "valid", Activation: "relu"},
			{Type: network.TypeConv2DTranspose, Filters: 2, Kernel: 3, Stride: 2, Padding: "same"},
			{Type: network.TypeUpSample2D, Size: 2},
			{Type: network.TypeMaxPool2D, Size: 2, Padding: "same"},
			{Type: network.TypeFlatten},
			{Type: network.TypeDropout, Rate: 0.1},
			{Type: network.TypeDense, Units: 784, Activation: "sigmoid"},
		},
		Loss: "mse", Optimizer: adam, Train: train,
	}}
}

// TestPyTorchRoundTrip trains each preset and each layoutSpecs design
// briefly, exports it, runs the exported PyTorch program on 100 test
// digits and checks that its reconstructions are the studio's to within
// 1e-4, and that the Keras program still parses.
func TestPyTorchRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("trains seven models and runs PyTorch on each")
	}
	python := torchPython(t)
	trainSet, err := dataset.MNISTTrain()
	if err != nil {
		t.Fatal(err)
	}
	testSet, err := dataset.MNISTTest()
	if err != nil {
		t.Fatal(err)
	}
	const nTrain, nDigits = 256, 100
	specs := layoutSpecs()
	for _, name := range network.PresetNames() {
		s, err := network.Preset(name)
		if err != nil {
			t.Fatal(err)
		}
		specs = append(specs, s)
	}
	for _, s := range specs {
		t.Run(s.Name, func(t *testing.T) {
			m, err := network.Build(s, 1)
			if err != nil {
				t.Fatal(err)
			}
			train := network.Data{X: trainSet.Pixels[:nTrain*784], N: nTrain}
			if _, err := m.Fit(context.Background(), train, network.Data{}, network.FitConfig{Epochs: 1, BatchSize: 64, Seed: 1}); err != nil {
				t.Fatalf("train: %v", err)
			}
			dir := t.TempDir()
			x := testSet.Pixels[:nDigits*784]
			files, err := Write(dir, m, All, x)
			if err != nil {
				t.Fatal(err)
			}
			want := []string{network.TorchWeightsFile, network.KerasWeightsFile, PyTorchProgram, network.TorchDigitsFile, KerasProgram}
			if !slices.Equal(files, want) {
				t.Errorf("wrote %v, want %v", files, want)
			}
			out, err := exec.Command(python, filepath.Join(dir, PyTorchProgram)).CombinedOutput()
			if err != nil {
				t.Fatalf("the PyTorch program failed: %v\n%s\n%s", err, out, readFile(t, filepath.Join(dir, PyTorchProgram)))
			}
			got := readNPY(t, filepath.Join(dir, network.TorchOutputFile))
			ours := m.Predict(x, nDigits)
			if len(got) != len(ours) {
				t.Fatalf("PyTorch gave %d values, the studio %d", len(got), len(ours))
			}
			worst, at := 0.0, 0
			for i := range ours {
				if d := math.Abs(float64(got[i] - ours[i])); d > worst || math.IsNaN(d) {
					worst, at = d, i
				}
			}
			if !(worst <= 1e-4) {
				t.Errorf("PyTorch's reconstruction differs from ours by %g at value %d (%g against %g)\n%s", worst, at, got[at], ours[at], out)
			}
			if s.Input.Size() == 784 {
				img, err := png.Decode(bytes.NewReader(readFile(t, filepath.Join(dir, network.TorchPNGFile))))
				if err != nil {
					t.Fatalf("the program's PNG: %v", err)
				}
				if b := img.Bounds(); b.Dx() != 10*28 || b.Dy() != 2*28 {
					t.Errorf("PNG is %v, want 2 rows of 10 digits", b)
				}
			}
			if out, err := exec.Command(python, "-c", "import ast,sys; ast.parse(open(sys.argv[1]).read())", filepath.Join(dir, KerasProgram)).CombinedOutput(); err != nil {
				t.Errorf("python does not parse the Keras program: %v\n%s", err, out)
			}
		})
	}
}

// TestWeightsNPZLayouts reads the exported archives back and checks the
// names, shapes and a transposed value of each layout.
func TestWeightsNPZLayouts(t *testing.T) {
	s, err := network.Preset("conv")
	if err != nil {
		t.Fatal(err)
	}
	m, err := network.Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	// The first conv kernel is 3×3×1×16 (HWIO) and the first dense of the
	// vanilla preset 784×64 (in×out); check the value at kh=1, kw=2, o=5.
	k := m.Params()[0]
	for _, tc := range []struct {
		fw    network.Framework
		name  string
		shape []int
		index int // of the studio's value (kh=1, kw=2, i=0, o=5) in this layout
	}{
		{network.Keras, k.Name, []int{3, 3, 1, 16}, ((1*3+2)*1+0)*16 + 5},
		{network.PyTorch, "conv2d_1.weight", []int{16, 1, 3, 3}, ((5*1+0)*3+1)*3 + 2},
	} {
		data, err := WeightsNPZ(m, tc.fw)
		if err != nil {
			t.Fatal(err)
		}
		r, err := npz.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		if got := len(r.Keys()); got != len(m.Params()) {
			t.Errorf("%s: %d arrays for %d parameters: %v", tc.fw, got, len(m.Params()), r.Keys())
		}
		h := r.Header(tc.name)
		if h == nil {
			t.Fatalf("%s: no array %q in %v", tc.fw, tc.name, r.Keys())
		}
		if !slices.Equal(h.Descr.Shape, tc.shape) || strings.Trim(h.Descr.Type, "'") != "<f4" {
			t.Errorf("%s: %s is %v %s, want %v <f4", tc.fw, tc.name, h.Descr.Shape, h.Descr.Type, tc.shape)
		}
		var v []float32
		if err := r.Read(tc.name, &v); err != nil {
			t.Fatal(err)
		}
		if want := k.Value[((1*3+2)*1+0)*16+5]; v[tc.index] != want {
			t.Errorf("%s: value %g at %d, want %g", tc.fw, v[tc.index], tc.index, want)
		}
	}
}

func TestWriteRejects(t *testing.T) {
	s, _ := network.Preset("vanilla")
	m, err := network.Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Write(t.TempDir(), m, "onnx", nil); err == nil {
		t.Error("an unknown format was accepted")
	}
	if _, err := Write(t.TempDir(), m, PyTorch, make([]float32, 100)); err == nil {
		t.Error("digits of the wrong size were accepted")
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readNPY(t *testing.T, path string) []float32 {
	t.Helper()
	var v []float32
	if err := npy.Read(bytes.NewReader(readFile(t, path)), &v); err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return v
}

func TestZipHoldsEveryFileInOneFolder(t *testing.T) {
	s, _ := network.Preset("vanilla")
	m, err := network.Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	x := make([]float32, 3*784)
	want, err := Files(m, All, x)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Zip(&buf, m, "vanilla_python", x); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(want) {
		t.Fatalf("%d files in the zip, want %d", len(zr.File), len(want))
	}
	for i, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name != "vanilla_python/"+want[i].Name || !bytes.Equal(got, want[i].Data) {
			t.Errorf("zip entry %d is %s (%d bytes), want vanilla_python/%s (%d bytes)", i, f.Name, len(got), want[i].Name, len(want[i].Data))
		}
	}
}
