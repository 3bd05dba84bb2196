package network

import (
	"fmt"
	"math"

	"autoencoder-studio/network/vec"
)

// Loss names a reconstruction loss.
type Loss string

// The losses the engine provides, named as in Keras.
const (
	MSE                Loss = "mse"
	BinaryCrossentropy Loss = "binary_crossentropy"
)

// bceEpsilon is Keras's backend epsilon: binary cross-entropy clips its
// predictions to [bceEpsilon, 1-bceEpsilon].
const bceEpsilon = 1e-7

func parseLoss(name string) (Loss, error) {
	switch Loss(name) {
	case MSE, BinaryCrossentropy:
		return Loss(name), nil
	case "bce":
		return BinaryCrossentropy, nil
	}
	return "", fmt.Errorf("unknown loss %q (want mse or binary_crossentropy)", name)
}

// Value returns the loss of predictions p against targets y, averaged over
// every value (all outputs of all samples), accumulated in float64.
func (l Loss) Value(p, y []float32) float64 {
	return l.sum(p, y) / float64(len(p))
}

// sum returns the loss summed over every value.
func (l Loss) sum(p, y []float32) float64 {
	y = y[:len(p)]
	var s float64
	switch l {
	case BinaryCrossentropy:
		for i, v := range p {
			q := min(max(float64(v), bceEpsilon), 1-bceEpsilon)
			// Most MNIST targets are exactly 0 or 1, where one term is
			// zero times a finite log: skipping its log gives the same sum.
			switch t := float64(y[i]); t {
			case 0:
				s -= math.Log(1 - q)
			case 1:
				s -= math.Log(q)
			default:
				s -= t*math.Log(q) + (1-t)*math.Log(1-q)
			}
		}
	default:
		s = vec.SumSqDiff(p, y)
	}
	return s
}

// grad writes into g the gradient of Value(p, y) with respect to p, scaled so
// that the loss is the mean over len(p) values. Where binary cross-entropy
// clips a prediction its gradient is zero, as with Keras's clip.
func (l Loss) grad(g, p, y []float32) {
	g = g[:len(p)]
	y = y[:len(p)]
	inv := 1 / float32(len(p))
	switch l {
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
func (l Loss) sumGrad(g, p, y []float32) float64 {
	if l == MSE {
		return vec.MSEGrad(g, p, y, 1/float32(len(p)))
	}
	l.grad(g, p, y)
	return l.sum(p, y)
}
