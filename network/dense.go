package network

import (
	"fmt"

	"autoencoder-studio/network/gemm"
	"autoencoder-studio/network/vec"
)

// TypeDense is the spec type of a fully connected layer.
const TypeDense = "dense"

func init() {
	registerLayer(LayerType{
		Name: TypeDense, order: 0, Weights: true, build: newDense,
		Fields: []LayerField{
			intSetting("units", "units", 0, 1, maxUnits, func(l *LayerSpec) *int { return &l.Units }),
			activationSetting(),
		},
		Default: LayerSpec{Units: 64, Activation: string(ReLU)},
		torch:   torchDense,
		keras: func(ls LayerSpec) kerasLayer {
			return kerasLayer{class: "Dense", args: []string{fmt.Sprint(ls.Units)}}
		},
	})
}

// denseLayer is a fully connected layer: y = act(x·W + b), with W of shape
// inputs×units as in Keras.
type denseLayer struct {
	base
	act     Activation
	w, b    *Param
	x, y    []float32
	n       int
	dx      []float32
	inSize  int
	outSize int
	needDx  bool
	params  []*Param
}

func newDense(ls LayerSpec, ctx buildContext) (Layer, error) {
	if len(ctx.in) != 1 {
		return nil, fmt.Errorf("dense needs a flat input, got %s: add a flatten layer before it", ctx.in)
	}
	if err := inRange("units", ls.Units, 1, maxUnits); err != nil {
		return nil, err
	}
	act, err := parseActivation(ls.Activation)
	if err != nil {
		return nil, err
	}
	in := ctx.in[0]
	d := &denseLayer{
		base:   base{name: ctx.name, typ: "dense", in: ctx.in, out: Shape{ls.Units}},
		act:    act,
		w:      newParam(ctx.name+"/kernel", Shape{in, ls.Units}, ls.KernelRegularizer),
		b:      newParam(ctx.name+"/bias", Shape{ls.Units}, Regularizer{}),
		inSize: in, outSize: ls.Units, needDx: ctx.needInputGrad,
	}
	d.params = []*Param{d.w, d.b}
	glorotUniform(d.w.Value, in, ls.Units, ctx.rng)
	return d, nil
}

// Params returns the kernel and the bias.
func (d *denseLayer) Params() []*Param { return d.params }

// Forward computes act(x·W + b) for n samples: the product, then the bias
// and the activation in one pass for ReLU.
func (d *denseLayer) Forward(x []float32, n int, train bool) []float32 {
	checkLen(d.name, "forward", x, n*d.inSize)
	d.x, d.n = x, n
	d.y = grow(d.y, n*d.outSize)
	gemm.Sgemm(false, false, n, d.outSize, d.inSize, 1, x, d.inSize, d.w.Value, d.outSize, 0, d.y, d.outSize)
	if d.act == ReLU {
		vec.BiasReLU(d.y, d.b.Value)
		return d.y
	}
	for i := range n {
		vec.Add(d.y[i*d.outSize:(i+1)*d.outSize], d.b.Value)
	}
	d.act.apply(d.y)
	return d.y
}

// Backward computes the kernel and bias gradients and the input gradient.
func (d *denseLayer) Backward(dy []float32) []float32 {
	checkLen(d.name, "backward", dy, d.n*d.outSize)
	if d.act == ReLU {
		// The ReLU's backward pass and the bias gradient in one sweep.
		clear(d.b.Grad)
		vec.ReLUBackwardBias(dy, d.y, d.b.Grad)
		return d.backwardProducts(dy)
	}
	d.act.backward(dy, dy, d.y)
	return d.backwardLinear(dy)
}

// backwardLinear is Backward for dz, the gradient with respect to the
// layer's pre-activation x·W + b (the activation's backward pass done).
func (d *denseLayer) backwardLinear(dz []float32) []float32 {
	db := d.b.Grad
	clear(db)
	for i := range d.n {
		vec.Add(db, dz[i*d.outSize:(i+1)*d.outSize])
	}
	return d.backwardProducts(dz)
}

// backwardProducts is backwardLinear once the bias gradient is in place:
// the kernel gradient xᵀ·dz and, when needed, the input gradient dz·Wᵀ.
func (d *denseLayer) backwardProducts(dy []float32) []float32 {
	n := d.n
	gemm.Sgemm(true, false, d.inSize, d.outSize, n, 1, d.x, d.inSize, dy, d.outSize, 0, d.w.Grad, d.outSize)
	if !d.needDx {
		return nil
	}
	d.dx = grow(d.dx, n*d.inSize)
	gemm.Sgemm(false, true, n, d.inSize, d.outSize, 1, dy, d.outSize, d.w.Value, d.outSize, 0, d.dx, d.inSize)
	return d.dx
}
