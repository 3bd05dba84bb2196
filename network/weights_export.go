package network

import (
	"fmt"
	"strings"
)

// Framework names a library whose layout exported weights follow.
type Framework string

// The frameworks weights export to.
const (
	// PyTorch names weights as PyTorchCode's module's state_dict
	// (attribute.weight, attribute.bias), with Linear weights out×in, Conv2d
	// weights OIHW and ConvTranspose2d weights IOHW.
	PyTorch Framework = "pytorch"
	// Keras names weights as the studio does (layer/kernel, layer/bias),
	// in Keras's layout, which is the studio's own: Dense kernels in×out,
	// Conv2D kernels HWIO, Conv2DTranspose kernels HW(out)(in).
	Keras Framework = "keras"
)

// KerasWeightsFile is the file KerasCode's program loads trained weights
// from, when it is beside the program.
const KerasWeightsFile = "weights_keras.npz"

// WeightArray is one exported parameter: its name and shape in the target
// framework and its values in row-major (C) order.
type WeightArray struct {
	Name   string
	Shape  []int
	Values []float32
}

// WeightArrays returns every parameter of m named and laid out as
// framework f expects, in the model's order (each layer's kernel, then its
// bias). The values are copies. Optimizer state is not part of it.
func WeightArrays(m *Model, f Framework) ([]WeightArray, error) {
	if f != PyTorch && f != Keras {
		return nil, fmt.Errorf("unknown framework %q: want %s or %s", f, PyTorch, Keras)
	}
	attrs := torchAttrs(m.Summary())
	var out []WeightArray
	for i, l := range m.layers {
		typ := m.spec.Layers[i].Type
		for _, p := range l.Params() {
			a := WeightArray{Name: p.Name, Shape: append([]int(nil), p.Shape...), Values: append([]float32(nil), p.Value...)}
			if f == PyTorch {
				// layer/kernel becomes attr.weight; a variational layer's
				// layer/mean/kernel becomes attr.mean.weight.
				sub := strings.ReplaceAll(strings.TrimPrefix(p.Name, l.Name()+"/"), "/", ".")
				kernel := strings.HasSuffix(sub, "kernel")
				head := strings.TrimSuffix(strings.TrimSuffix(sub, "kernel"), "bias")
				a.Name = attrs[i] + "." + head + "bias"
				if kernel {
					a.Name = attrs[i] + "." + head + "weight"
					a.Values, a.Shape = permute(a.Values, a.Shape, torchKernelOrder(typ, len(a.Shape)))
				}
			}
			out = append(out, a)
		}
	}
	return out, nil
}

// torchKernelOrder is the axis permutation from the studio's kernel layout
// to PyTorch's for a layer type: in×out to out×in; HWIO to OIHW; for a
// transposed convolution HW(out)(in) to (in)(out)HW.
func torchKernelOrder(typ string, rank int) []int {
	switch {
	case (typ == TypeDense || typ == TypeVariational) && rank == 2:
		return []int{1, 0}
	case (typ == TypeConv2D || typ == TypeConv2DTranspose) && rank == 4:
		return []int{3, 2, 0, 1}
	}
	panic(fmt.Sprintf("network: no PyTorch layout for a rank-%d %s kernel", rank, typ))
}

// permute returns the row-major values and the shape of the array x of
// the given shape with its axes reordered: axis k of the result is axis
// perm[k] of x.
func permute(x []float32, shape, perm []int) ([]float32, []int) {
	n := len(shape)
	outShape := make([]int, n)
	for k, a := range perm {
		outShape[k] = shape[a]
	}
	// stride[a] is the step in x of one step along x's axis a.
	stride := make([]int, n)
	s := 1
	for a := n - 1; a >= 0; a-- {
		stride[a] = s
		s *= shape[a]
	}
	out := make([]float32, 0, len(x))
	idx := make([]int, n) // index into the result
	for range x {
		src := 0
		for k, a := range perm {
			src += idx[k] * stride[a]
		}
		out = append(out, x[src])
		for k := n - 1; k >= 0; k-- {
			if idx[k]++; idx[k] < outShape[k] {
				break
			}
			idx[k] = 0
		}
	}
	return out, outShape
}
