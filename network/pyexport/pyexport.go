// Package pyexport carries a trained model to Python: its weights as NumPy
// .npz files in PyTorch's and Keras's layouts, a PyTorch program that
// rebuilds the model, loads them and reconstructs test digits, and the
// Keras program that does the same with model.set_weights.
package pyexport

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"path"
	"path/filepath"
	"strings"

	"codeberg.org/sbinet/npyio/npz"

	"autoencoder-studio/dataset"
	"autoencoder-studio/network"
	"autoencoder-studio/network/atomicfile"
)

// Format selects the files Write writes.
type Format string

// The export formats.
const (
	// NPZ is the weights alone, in both layouts.
	NPZ Format = "npz"
	// PyTorch is the PyTorch weights, program and test digits.
	PyTorch Format = "pytorch"
	// Keras is the Keras weights and program.
	Keras Format = "keras"
	// All is every file of the other formats.
	All Format = "all"
)

// Formats lists the formats, as the CLI's --format takes them.
func Formats() []string { return []string{string(NPZ), string(PyTorch), string(Keras), string(All)} }

// Program files Write writes beside the weights.
const (
	PyTorchProgram = "autoencoder_pytorch.py"
	KerasProgram   = "autoencoder_keras.py"
)

// File is one file of an export: its name and contents.
type File struct {
	Name string
	Data []byte
}

// Files returns the files of format f for model m, in the order Write
// writes them. digits holds inputs of the model, which the PyTorch
// program reconstructs: they are saved with the model's own
// reconstructions, so that the program can show how closely PyTorch
// agrees. It runs the model, so the caller must own it.
func Files(m *network.Model, f Format, digits []float32) ([]File, error) {
	type part struct {
		name string
		data func() ([]byte, error)
	}
	var parts []part
	code := func(gen func(network.Spec) (string, error)) func() ([]byte, error) {
		return func() ([]byte, error) {
			c, err := gen(m.Spec())
			return []byte(c), err
		}
	}
	switch f {
	case NPZ, PyTorch, Keras, All:
	default:
		return nil, fmt.Errorf("unknown export format %q: want one of %s", f, strings.Join(Formats(), ", "))
	}
	if f == NPZ || f == PyTorch || f == All {
		parts = append(parts, part{network.TorchWeightsFile, func() ([]byte, error) { return WeightsNPZ(m, network.PyTorch) }})
	}
	if f == NPZ || f == Keras || f == All {
		parts = append(parts, part{network.KerasWeightsFile, func() ([]byte, error) { return WeightsNPZ(m, network.Keras) }})
	}
	if f == PyTorch || f == All {
		parts = append(parts, part{PyTorchProgram, code(network.PyTorchCode)},
			part{network.TorchDigitsFile, func() ([]byte, error) { return DigitsNPZ(m, digits) }})
	}
	if f == Keras || f == All {
		parts = append(parts, part{KerasProgram, code(network.KerasCode)})
	}
	files := make([]File, 0, len(parts))
	for _, p := range parts {
		data, err := p.data()
		if err != nil {
			return nil, fmt.Errorf("export %s: %w", p.name, err)
		}
		files = append(files, File{p.name, data})
	}
	return files, nil
}

// Write writes the files of format f for model m (see Files) into dir,
// which must exist, each replaced atomically, and returns their names.
func Write(dir string, m *network.Model, f Format, digits []float32) ([]string, error) {
	files, err := Files(m, f, digits)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, file := range files {
		if err := atomicfile.WriteFile(filepath.Join(dir, file.Name), file.Data, 0o644); err != nil {
			return names, fmt.Errorf("export %s: %w", file.Name, err)
		}
		names = append(names, file.Name)
	}
	return names, nil
}

// Zip writes every file of the All format for model m (see Files) into a
// zip archive, inside a folder named folder, so that unpacking it gives
// one folder a student can run the programs in.
func Zip(w io.Writer, m *network.Model, folder string, digits []float32) error {
	files, err := Files(m, All, digits)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	for _, f := range files {
		fw, err := zw.Create(path.Join(folder, f.Name))
		if err != nil {
			return fmt.Errorf("zip %s: %w", f.Name, err)
		}
		if _, err := fw.Write(f.Data); err != nil {
			return fmt.Errorf("zip %s: %w", f.Name, err)
		}
	}
	return zw.Close()
}

// WeightsNPZ returns the .npz archive of m's weights in framework fw's
// names and layout (see network.WeightArrays), as float32 arrays.
func WeightsNPZ(m *network.Model, fw network.Framework) ([]byte, error) {
	arrays, err := network.WeightArrays(m, fw)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w := npz.NewWriter(&buf)
	for _, a := range arrays {
		if err := w.Write(a.Name, nested(a.Values, a.Shape)); err != nil {
			w.Close()
			return nil, fmt.Errorf("write %s: %w", a.Name, err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// DigitsNPZ returns the .npz archive of the inputs x of m, shaped (n,
// input shape…), and of m's reconstructions of them, shaped as its output,
// under the keys x and y.
func DigitsNPZ(m *network.Model, x []float32) ([]byte, error) {
	in := m.InputShape()
	n := len(x) / in.Size()
	if n < 1 || len(x) != n*in.Size() {
		return nil, fmt.Errorf("%d values are not whole inputs of shape %s", len(x), in)
	}
	y := append([]float32(nil), m.Predict(x, n)...)
	info := m.Summary()
	out := info[len(info)-1].Out
	var buf bytes.Buffer
	w := npz.NewWriter(&buf)
	for _, a := range []struct {
		name  string
		v     []float32
		shape network.Shape
	}{{"x", x, in}, {"y", y, out}} {
		if err := w.Write(a.name, nested(a.v, append([]int{n}, a.shape...))); err != nil {
			w.Close()
			return nil, fmt.Errorf("write %s: %w", a.name, err)
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// nested returns the row-major values v of the given shape as the nested
// Go slices from which npyio takes an array's shape: []float32 for one
// axis, [][]float32 for two, and so on up to four. The slices share v.
func nested(v []float32, shape []int) any {
	switch len(shape) {
	case 1:
		return v
	case 2:
		return split(v, shape[1])
	case 3:
		rows := split(v, shape[1]*shape[2])
		out := make([][][]float32, len(rows))
		for i, r := range rows {
			out[i] = split(r, shape[2])
		}
		return out
	case 4:
		blocks := split(v, shape[1]*shape[2]*shape[3])
		out := make([][][][]float32, len(blocks))
		for i, b := range blocks {
			rows := split(b, shape[2]*shape[3])
			out[i] = make([][][]float32, len(rows))
			for j, r := range rows {
				out[i][j] = split(r, shape[3])
			}
		}
		return out
	}
	panic(fmt.Sprintf("pyexport: no nesting for a rank-%d array", len(shape)))
}

// split cuts v into consecutive slices of width values.
func split(v []float32, width int) [][]float32 {
	out := make([][]float32, 0, len(v)/width)
	for i := 0; i+width <= len(v); i += width {
		out = append(out, v[i:i+width:i+width])
	}
	return out
}

// DefaultDigits is how many test digits an export carries for the PyTorch
// program to reconstruct.
const DefaultDigits = 100

// Digits returns the first n MNIST test digits shaped as m's input, or,
// for a model whose input does not hold 784 values, n inputs of uniform
// noise in [0, 1) from a fixed seed, with a note saying so.
func Digits(m *network.Model, n int) (x []float32, note string, err error) {
	size := m.InputShape().Size()
	if size != 784 {
		rng := rand.New(rand.NewPCG(1, 2))
		x = make([]float32, n*size)
		for i := range x {
			x[i] = rng.Float32()
		}
		return x, fmt.Sprintf("the model's input %s is not an MNIST digit: the PyTorch program reconstructs random inputs", m.InputShape()), nil
	}
	test, err := dataset.MNISTTest()
	if err != nil {
		return nil, "", err
	}
	n = min(n, test.Len())
	return append([]float32(nil), test.Pixels[:n*784]...), "", nil
}
