package network

import (
	"errors"
	"fmt"
)

func init() {
	registerLayer("flatten", newFlatten)
	registerLayer("reshape", newReshape)
}

// Reshape gives each sample a new shape with the same number of values,
// without copying: Forward returns its input and Backward its output
// gradient. It backs both the flatten and the reshape layer types.
type Reshape struct {
	base
	n int
}

func newFlatten(ls LayerSpec, ctx buildContext) (Layer, error) {
	return &Reshape{base: base{name: ctx.name, typ: "flatten", in: ctx.in, out: Shape{ctx.in.Size()}}}, nil
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
	return &Reshape{base: base{name: ctx.name, typ: "reshape", in: ctx.in, out: out}}, nil
}

// Params returns nil: reshaping has no parameters.
func (l *Reshape) Params() []*Param { return nil }

// Forward returns x itself.
func (l *Reshape) Forward(x []float32, n int, train bool) []float32 {
	l.checkSize("forward", x, n*l.in.Size())
	l.n = n
	return x
}

// Backward returns dy itself.
func (l *Reshape) Backward(dy []float32) []float32 {
	l.checkSize("backward", dy, l.n*l.out.Size())
	return dy
}
