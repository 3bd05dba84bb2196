package network

import (
	"fmt"

	"autoencoder-studio/network/vec"
)

// Loss names a reconstruction loss.
type Loss string

// The losses the engine provides, named as in Keras.
const (
	MSE                Loss = "mse"
	BinaryCrossentropy Loss = "binary_crossentropy"
	// SummedBinaryCrossentropy is binary cross-entropy summed over each
	// image's values and averaged over the images: Keras's
	// original_dim * binary_crossentropy, the reconstruction term of the
	// variational autoencoder in the Keras blog, on the scale of its KL
	// term (which is summed over the code).
	SummedBinaryCrossentropy Loss = "summed_binary_crossentropy"
)

// Losses lists the losses a spec may name, in the order an editor offers
// them.
var Losses = []Loss{MSE, BinaryCrossentropy, SummedBinaryCrossentropy}

// bceEpsilon is Keras's backend epsilon: binary cross-entropy clips its
// predictions to [bceEpsilon, 1-bceEpsilon].
const bceEpsilon = 1e-7

func parseLoss(name string) (Loss, error) {
	switch Loss(name) {
	case MSE, BinaryCrossentropy, SummedBinaryCrossentropy:
		return Loss(name), nil
	case "bce":
		return BinaryCrossentropy, nil
	}
	return "", fmt.Errorf("unknown loss %q (want mse, binary_crossentropy or summed_binary_crossentropy)", name)
}

// perValue returns the loss a summed loss sums: binary_crossentropy for
// summed_binary_crossentropy, l itself for the others.
func (l Loss) perValue() Loss {
	if l == SummedBinaryCrossentropy {
		return BinaryCrossentropy
	}
	return l
}

// Summed reports whether the loss is summed over each sample's values
// (and averaged over samples) rather than averaged over every value.
func (l Loss) Summed() bool { return l == SummedBinaryCrossentropy }

// Value returns the loss of predictions p against targets y, averaged over
// every value (all outputs of all samples), accumulated in float64. A
// summed loss gives its per-value mean here too: the model multiplies it by
// the sample size.
func (l Loss) Value(p, y []float32) float64 {
	return l.sum(p, y) / float64(len(p))
}

// sum returns the loss summed over every value.
func (l Loss) sum(p, y []float32) float64 {
	y = y[:len(p)]
	var s float64
	switch l.perValue() {
	case BinaryCrossentropy:
		s = vec.BCESum(p, y, bceEpsilon)
	default:
		s = vec.SumSqDiff(p, y)
	}
	return s
}

// grad writes into g the gradient of inv times the loss summed over every
// value of p against y, with respect to p (inv = 1/len(p) for the mean over
// every value). Where binary cross-entropy clips a prediction its gradient
// is zero, as with Keras's clip.
func (l Loss) grad(g, p, y []float32, inv float32) {
	g = g[:len(p)]
	y = y[:len(p)]
	switch l.perValue() {
	case BinaryCrossentropy:
		const lo, hi = bceEpsilon, 1 - bceEpsilon
		for i, v := range p {
			if v < lo || v > hi {
				g[i] = 0
				continue
			}
			g[i] = (v - y[i]) / (v * (1 - v)) * inv
		}
	default:
		vec.MSEGrad(g, p, y, inv)
	}
}

// sumGrad writes the gradient as grad does and returns the loss summed over
// every value as sum does, in one pass where the loss allows.
func (l Loss) sumGrad(g, p, y []float32, inv float32) float64 {
	if l == MSE {
		return vec.MSEGrad(g, p, y, inv)
	}
	l.grad(g, p, y, inv)
	return l.sum(p, y)
}
