package design

import (
	"errors"
	"fmt"

	"autoencoder-studio/network"
)

// MaxDenseLayers is the most hidden layers WithDenseStack puts before the
// code.
const MaxDenseLayers = 8

// IsDenseStack reports whether s is a stack of dense layers over a flat
// input, the designs the tutorial's layer-count and node-count knobs apply
// to.
func IsDenseStack(s network.Spec) bool {
	if len(s.Input) != 1 || len(s.Layers) == 0 {
		return false
	}
	for _, l := range s.Layers {
		if l.Type != network.TypeDense {
			return false
		}
	}
	return true
}

// DenseStack returns the tutorial's knobs of a dense design: how many
// hidden layers come before the code and the width of the first one (0 when
// there are none).
func DenseStack(s network.Spec) (layers, nodes int) {
	c := CodeIndex(s)
	if c <= 0 {
		return 0, 0
	}
	return c, s.Layers[0].Units
}

// WithDenseStack regenerates a dense design with the given number of hidden
// layers before the code, the first nodes wide and each next one half as
// wide (never narrower than the code), mirrored after the code and closed
// by a sigmoid layer the size of the input. The code layer keeps its
// settings (a dense code of 32 ReLU units when s has none).
func WithDenseStack(s network.Spec, layers, nodes int) (network.Spec, error) {
	switch {
	case len(s.Input) != 1:
		return s, errors.New("layers and nodes per layer apply to dense designs over a flat input")
	case layers < 0 || layers > MaxDenseLayers:
		return s, fmt.Errorf("number of layers must be in [0, %d], got %d", MaxDenseLayers, layers)
	case layers > 0 && nodes < 1:
		return s, fmt.Errorf("nodes per layer must be at least 1, got %d", nodes)
	}
	code := network.LayerSpec{Type: network.TypeDense, Units: 32, Activation: string(network.ReLU)}
	if c := CodeIndex(s); c >= 0 && s.Layers[c].Type == network.TypeDense {
		code = s.Layers[c]
	}
	code.Code = true
	code.Name = ""
	out := s.Clone()
	out.Layers = nil
	for i := range layers {
		out.Layers = append(out.Layers, network.LayerSpec{Type: network.TypeDense, Units: max(nodes>>i, code.Units), Activation: string(network.ReLU)})
	}
	out.Layers = append(out.Layers, code)
	return MirrorDecoder(out)
}
