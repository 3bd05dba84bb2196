package network

import (
	"fmt"
	"math"
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
			t := float64(y[i])
			s -= t*math.Log(q) + (1-t)*math.Log(1-q)
		}
	default:
		for i, v := range p {
			d := float64(v) - float64(y[i])
			s += d * d
		}
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
		for i, v := range p {
			g[i] = 2 * (v - y[i]) * inv
		}
	}
}
