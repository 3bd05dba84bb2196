package network

import (
	"fmt"
	"math"
	"sync"

	"autoencoder-studio/network/gemm"
	"autoencoder-studio/network/vec"
)

// Activation is an element-wise activation function applied to a layer's
// output. Its derivative is computed from the output alone, so layers keep
// only their outputs for the backward pass.
type Activation string

// The activations the engine provides, named as in Keras.
const (
	Linear    Activation = "linear"
	ReLU      Activation = "relu"
	Sigmoid   Activation = "sigmoid"
	Tanh      Activation = "tanh"
	LeakyReLU Activation = "leaky_relu"
)

// leakySlope is the slope of LeakyReLU for negative inputs (Keras: alpha 0.3
// for the LeakyReLU layer; 0.2 for tf.nn.leaky_relu). We follow the layer.
const leakySlope = 0.3

// Activations lists every activation in the order an editor offers them.
var Activations = []Activation{ReLU, Sigmoid, Tanh, LeakyReLU, Linear}

// parseActivation maps a spec name to an Activation; "" means linear.
func parseActivation(name string) (Activation, error) {
	if name == "" {
		return Linear, nil
	}
	for _, a := range Activations {
		if string(a) == name {
			return a, nil
		}
	}
	return "", fmt.Errorf("unknown activation %q (want relu, sigmoid, tanh, leaky_relu or linear)", name)
}

// elementwiseGrain is the smallest slice worth splitting across cores for
// the activations that cost a transcendental function per value (sigmoid,
// tanh). The other passes run at memory speed and are never split: handing
// half of them to another core costs more than it saves.
const elementwiseGrain = 1 << 14

// splits reports whether a is worth splitting across cores.
func (a Activation) splits() bool { return a == Sigmoid || a == Tanh }

// actJob carries one parallel activation pass. Jobs are pooled with their
// method values bound once, so a pass allocates nothing.
type actJob struct {
	a         Activation
	dz, dy, y []float32
	fwd, bwd  func(lo, hi int)
}

var actJobs = sync.Pool{New: func() any {
	j := &actJob{}
	j.fwd = func(lo, hi int) { j.a.applySerial(j.y[lo:hi]) }
	j.bwd = func(lo, hi int) { j.a.backwardSerial(j.dz[lo:hi], j.dy[lo:hi], j.y[lo:hi]) }
	return j
}}

// apply overwrites x with a(x), splitting large slices across cores.
func (a Activation) apply(x []float32) {
	if a == Linear || a == "" {
		return
	}
	if len(x) <= elementwiseGrain || !a.splits() {
		a.applySerial(x)
		return
	}
	j := actJobs.Get().(*actJob)
	j.a, j.y = a, x
	gemm.Parallel(len(x), elementwiseGrain, j.fwd)
	j.y = nil
	actJobs.Put(j)
}

func (a Activation) applySerial(x []float32) {
	switch a {
	case ReLU:
		vec.ReLU(x)
	case Sigmoid:
		vec.Sigmoid(x)
	case Tanh:
		for i, v := range x {
			x[i] = float32(math.Tanh(float64(v)))
		}
	case LeakyReLU:
		for i, v := range x {
			if v < 0 {
				x[i] = leakySlope * v
			}
		}
	}
}

// backward writes dz = dy * a'(z) into dz, where y = a(z) is the layer output.
// dz and dy may be the same slice. Large slices are split across cores.
func (a Activation) backward(dz, dy, y []float32) {
	if len(dy) <= elementwiseGrain || a != Tanh {
		a.backwardSerial(dz, dy, y)
		return
	}
	j := actJobs.Get().(*actJob)
	j.a, j.dz, j.dy, j.y = a, dz, dy, y
	gemm.Parallel(len(dy), elementwiseGrain, j.bwd)
	j.dz, j.dy, j.y = nil, nil, nil
	actJobs.Put(j)
}

func (a Activation) backwardSerial(dz, dy, y []float32) {
	dz = dz[:len(dy)]
	y = y[:len(dy)]
	switch a {
	case ReLU:
		vec.ReLUBackward(dz, dy, y)
	case Sigmoid:
		vec.SigmoidBackward(dz, dy, y)
	case Tanh:
		for i, g := range dy {
			dz[i] = g * (1 - y[i]*y[i])
		}
	case LeakyReLU:
		for i, g := range dy {
			if y[i] < 0 {
				g *= leakySlope
			}
			dz[i] = g
		}
	default:
		copy(dz, dy)
	}
}
