package network

import (
	"fmt"
	"strings"
)

// presetOrder lists the presets in the order of the Keras tutorial.
var presetOrder = []string{"vanilla", "multilayer", "conv", "sparse", "denoising"}

// presets maps a preset name to a function returning a fresh spec.
var presets = map[string]func() Spec{
	"vanilla":    vanillaSpec,
	"multilayer": multilayerSpec,
	"sparse":     sparseSpec,
}

// PresetNames returns the names of the available presets in tutorial order.
func PresetNames() []string {
	var out []string
	for _, n := range presetOrder {
		if _, ok := presets[n]; ok {
			out = append(out, n)
		}
	}
	return out
}

// Preset returns the spec of the named tutorial autoencoder.
func Preset(name string) (Spec, error) {
	f, ok := presets[name]
	if !ok {
		return Spec{}, fmt.Errorf("unknown preset %q (want one of %s)", name, strings.Join(PresetNames(), ", "))
	}
	return f(), nil
}

// denseAE returns a dense autoencoder spec over 784 inputs with the given
// hidden sizes; the middle one is the code.
func denseAE(name string, hidden []int, codeReg Regularizer, epochs int) Spec {
	s := Spec{
		Name:      name,
		Input:     Shape{784},
		Loss:      string(MSE),
		Optimizer: OptimizerSpec{Name: "adam"},
		Train:     TrainSpec{Epochs: epochs, BatchSize: 128},
	}
	mid := len(hidden) / 2
	for i, h := range hidden {
		l := LayerSpec{Type: TypeDense, Units: h, Activation: string(ReLU)}
		if i == mid {
			l.Code = true
			l.ActivityRegularizer = codeReg
		}
		s.Layers = append(s.Layers, l)
	}
	s.Layers = append(s.Layers, LayerSpec{Type: TypeDense, Units: 784, Activation: string(Sigmoid)})
	return s
}

// vanillaSpec is the tutorial's simplest autoencoder: 784-64-784.
func vanillaSpec() Spec { return denseAE("vanilla", []int{64}, Regularizer{}, 5) }

// multilayerSpec is the tutorial's deep autoencoder: 784-128-64-128-784.
func multilayerSpec() Spec { return denseAE("multilayer", []int{128, 64, 128}, Regularizer{}, 5) }

// sparseSpec is the tutorial's sparse autoencoder: 784-32-784 with an L1
// activity regulariser of 1e-4 on the code.
func sparseSpec() Spec { return denseAE("sparse", []int{32}, Regularizer{L1: 1e-4}, 15) }
