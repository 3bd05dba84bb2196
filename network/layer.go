package network

import (
	"fmt"
	"math/rand/v2"
)

// Layer is one stage of a model. A layer is built for a fixed per-sample
// input shape and processes batches of any size. The slices it returns are
// owned by the layer and stay valid until its next Forward or Backward call.
type Layer interface {
	// Name returns the layer's unique name in its model, such as "dense_1".
	Name() string
	// Type returns the spec type, such as "dense".
	Type() string
	// InShape and OutShape return the per-sample input and output shapes.
	InShape() Shape
	OutShape() Shape
	// Params returns the trainable parameters, in a fixed order.
	Params() []*Param
	// Forward computes the outputs for a batch of n samples x. train selects
	// training behaviour (dropout, noise). The layer keeps x and its output
	// for Backward.
	Forward(x []float32, n int, train bool) []float32
	// Backward takes the loss gradient with respect to the last Forward
	// output, writes the parameters' gradients (overwriting them) and returns
	// the gradient with respect to the last Forward input (nil when the layer
	// was built without needInputGrad). It may modify dy.
	Backward(dy []float32) []float32
}

// Param is a trainable tensor with its gradient and kernel regulariser.
type Param struct {
	Name  string
	Shape Shape
	Value []float32
	Grad  []float32
	// Reg is the kernel regulariser: its penalty is added to the loss and
	// its gradient to Grad.
	Reg Regularizer
}

// Limits that keep a mistyped size from exhausting memory: no parameter may
// hold more than maxParamValues values, and no model more than maxModelValues.
const (
	maxParamValues = 1 << 24
	maxModelValues = 1 << 26
)

// tooLarge is the panic value newParam uses for an oversized parameter;
// Build recovers it into an error naming the layer.
type tooLarge struct {
	name string
	size int
}

// newParam allocates a zero parameter of the given shape. It panics with
// tooLarge if the shape holds more than maxParamValues values.
func newParam(name string, shape Shape, reg Regularizer) *Param {
	n := shape.Size()
	if n > maxParamValues || n < 0 {
		panic(tooLarge{name, n})
	}
	return &Param{Name: name, Shape: shape, Value: make([]float32, n), Grad: make([]float32, n), Reg: reg}
}

// buildContext carries what layer constructors need besides their spec.
type buildContext struct {
	name string
	in   Shape
	rng  *rand.Rand
	// needInputGrad is false when no layer before this one has parameters,
	// so Backward may skip the input gradient and return nil.
	needInputGrad bool
}

// layerBuilder builds a layer from its spec for the input shape in ctx, or
// returns an error saying why the spec does not fit.
type layerBuilder func(ls LayerSpec, ctx buildContext) (Layer, error)

// layerTypes maps spec type names to their builders.
var layerTypes = map[string]layerBuilder{}

// registerLayer makes a layer type available to specs.
func registerLayer(typ string, b layerBuilder) {
	if _, dup := layerTypes[typ]; dup {
		panic(fmt.Sprintf("network: layer type %q registered twice", typ))
	}
	layerTypes[typ] = b
}

// LayerTypes returns the layer types a spec may use, in a stable order.
func LayerTypes() []string {
	order := []string{"dense", "dropout", "conv2d", "conv2d_transpose", "maxpool2d", "upsample2d", "flatten", "reshape", "gaussian_noise"}
	var out []string
	for _, t := range order {
		if _, ok := layerTypes[t]; ok {
			out = append(out, t)
		}
	}
	return out
}

// base holds the fields every layer shares.
type base struct {
	name    string
	typ     string
	in, out Shape
}

func (b *base) Name() string    { return b.name }
func (b *base) Type() string    { return b.typ }
func (b *base) InShape() Shape  { return b.in }
func (b *base) OutShape() Shape { return b.out }
