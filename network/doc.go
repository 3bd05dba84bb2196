// Package network is a small, pure-Go, float32 neural-network engine for
// autoencoders, with the semantics of Keras 2.
//
// A model is built from a declarative Spec: an input shape and a stack of
// layers, one of them marked as the code (bottleneck) layer, plus a loss and
// an optimizer. Build checks that every layer fits the shape it is given and
// returns an error that names the first layer that does not. The resulting
// Model encodes, decodes and predicts batches, and Fit trains it with
// shuffled mini-batches, a validation set, a per-epoch History, progress
// reports, cancellation through a context and a guard against NaN losses.
//
// Every layer type registers itself once, in its own file, as a LayerType:
// its settings (LayerField: JSON name, kind, default, allowed range or
// choices, an editor's label), whether it has weights, the settings a new
// layer starts with, how it builds and how it is written as Keras code.
// LayerTypes and LayerTypeOf give editors, the diagram, the Keras export and
// the spec check one source of truth; the Type… constants (TypeDense,
// TypeConv2D, …) name the types in code. The optimizers are described the
// same way by OptimizerTypes, with their defaults from NewDefaultConfig.
// The subpackage design edits specs as the studio's editor does.
//
// Data are batches of samples stored one after another in a []float32; a
// sample of shape H×W×C is stored row-major with channels last (NHWC), so a
// flat 784-vector and a 28×28×1 image share the same memory.
//
// Keras 2 semantics are kept throughout: Glorot-uniform kernels and zero
// biases; losses averaged over the outputs and the batch, with binary
// cross-entropy clipping its inputs to [1e-7, 1-1e-7]; activity regularisers
// summed per sample and averaged over the batch; the optimizers' update
// formulas and default hyper-parameters of Keras 2 (see OptimizerSpec.WithDefaults).
//
// The heavy lifting is done by two subpackages: gemm (matrix products and
// the worker pool) and vec (every other kernel: the element-wise passes,
// that is activations, fused loss value and gradient and optimizer updates,
// and the row kernels of the convolution layers, that is bias plus ReLU,
// ReLU backward plus bias gradient, 2×2 max pooling and 2× upsampling
// backward), each with AVX2 assembly on amd64 and a pure-Go fallback
// selected by the purego build tag.
//
// Errors a user can cause (a spec that does not fit, a corrupt model file, a
// diverging training run) are returned as errors. Programmer errors inside the
// engine, such as a batch of the wrong length, panic with a ShapeError.
package network
