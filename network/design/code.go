package design

import (
	"errors"
	"fmt"

	"autoencoder-studio/network"
)

// Blank returns the starting point of a design made from scratch: a
// single dense code layer of 32 units over a flat MNIST input, closed by a
// sigmoid layer of 784.
func Blank() network.Spec {
	return network.Spec{
		Name:  "custom",
		Input: network.Shape{784},
		Layers: []network.LayerSpec{
			{Type: network.TypeDense, Units: 32, Activation: string(network.ReLU), Code: true},
			{Type: network.TypeDense, Units: 784, Activation: string(network.Sigmoid)},
		},
		Loss:      string(network.BinaryCrossentropy),
		Optimizer: network.OptimizerSpec{Name: "adam"},
		Train:     network.TrainSpec{Epochs: 5, BatchSize: 128},
	}
}

// CodeIndex returns the index of the code layer of s, or -1.
func CodeIndex(s network.Spec) int {
	for i, l := range s.Layers {
		if l.Code {
			return i
		}
	}
	return -1
}

// codeSizeLayer returns the index of the layer whose width sets the code
// size: the last layer with weights up to the code layer, or -1.
func codeSizeLayer(s network.Spec) int {
	for i := CodeIndex(s); i >= 0; i-- {
		if network.HasWeights(s.Layers[i].Type) {
			return i
		}
	}
	return -1
}

// CodeSize returns the width (dense units or convolution filters) that
// sets the code size, or 0 when the design has none.
func CodeSize(s network.Spec) int {
	i := codeSizeLayer(s)
	if i < 0 {
		return 0
	}
	if hasUnits(s.Layers[i].Type) {
		return s.Layers[i].Units
	}
	return s.Layers[i].Filters
}

// WithCodeSize returns s with the width that sets its code size set to n.
// It returns an error when n is below 1 or no layer sets the code size.
func WithCodeSize(s network.Spec, n int) (network.Spec, error) {
	if n < 1 {
		return s, fmt.Errorf("code size must be at least 1, got %d", n)
	}
	i := codeSizeLayer(s)
	if i < 0 {
		return s, errors.New("no dense or convolution layer sets the code size: mark a code layer first")
	}
	s = s.Clone()
	if hasUnits(s.Layers[i].Type) {
		s.Layers[i].Units = n
	} else {
		s.Layers[i].Filters = n
	}
	return s, nil
}

// hasUnits reports whether layers of type typ are as wide as their units
// (dense and variational layers) rather than their filters.
func hasUnits(typ string) bool { return typ == network.TypeDense || typ == network.TypeVariational }

// LayerName returns the name layer i of s gets when built (see
// network.Spec.LayerName).
func LayerName(s network.Spec, i int) string { return s.LayerName(i) }
