package network

import (
	"errors"
	"fmt"
)

// TypeFlatten and TypeReshape are the spec types of the layers that
// reshape each sample: to a flat vector, or to the spec's Shape.
const (
	TypeFlatten = "flatten"
	TypeReshape = "reshape"
)

func init() {
	registerLayer(LayerType{
		Name: TypeFlatten, order: 6, build: newFlatten, torch: torchReshape,
		keras: func(LayerSpec) kerasLayer { return kerasLayer{class: "Flatten"} },
	})
	registerLayer(LayerType{
		Name: TypeReshape, order: 7, build: newReshape,
		Fields: []LayerField{{Name: "shape", Label: "shape", Kind: ShapeField,
			ref: func(l *LayerSpec) any { return &l.Shape }}},
		Default: LayerSpec{Shape: Shape{7, 7, 16}},
		torch:   torchReshape,
		keras: func(ls LayerSpec) kerasLayer {
			return kerasLayer{class: "Reshape", args: []string{pyTuple(ls.Shape)}}
		},
	})
}

// reshape gives each sample a new shape with the same number of values,
// without copying: Forward returns its input and Backward its output
// gradient. It backs both the flatten and the reshape layer types.
type reshape struct {
	base
	n int
}

func newFlatten(ls LayerSpec, ctx buildContext) (Layer, error) {
	return &reshape{base: base{name: ctx.name, typ: "flatten", in: ctx.in, out: Shape{ctx.in.Size()}}}, nil
}

func newReshape(ls LayerSpec, ctx buildContext) (Layer, error) {
	if len(ls.Shape) == 0 {
		return nil, errors.New("needs a target shape")
	}
	if err := ls.Shape.valid(); err != nil {
		return nil, err
	}
	if ls.Shape.Size() != ctx.in.Size() {
		return nil, fmt.Errorf("cannot reshape %d values into %s (%d values)", ctx.in.Size(), ls.Shape, ls.Shape.Size())
	}
	out := append(Shape(nil), ls.Shape...)
	return &reshape{base: base{name: ctx.name, typ: "reshape", in: ctx.in, out: out}}, nil
}

// Params returns nil: reshaping has no parameters.
func (l *reshape) Params() []*Param { return nil }

// Forward returns x itself.
func (l *reshape) Forward(x []float32, n int, train bool) []float32 {
	checkLen(l.name, "forward", x, n*l.in.Size())
	l.n = n
	return x
}

// Backward returns dy itself.
func (l *reshape) Backward(dy []float32) []float32 {
	checkLen(l.name, "backward", dy, l.n*l.out.Size())
	return dy
}
