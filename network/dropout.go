package network

import (
	"fmt"
	"math/rand/v2"
)

// TypeDropout is the spec type of a dropout layer.
const TypeDropout = "dropout"

func init() {
	rate := floatSetting("rate", "rate", 0, 1, func(l *LayerSpec) *float64 { return &l.Rate })
	rate.MaxOpen = true
	registerLayer(LayerType{
		Name: TypeDropout, order: 1, build: newDropout,
		Fields:  []LayerField{rate},
		Default: LayerSpec{Rate: 0.2},
		torch:   torchDropout,
		keras: func(ls LayerSpec) kerasLayer {
			return kerasLayer{class: "Dropout", args: []string{pyFloat(ls.Rate)}}
		},
	})
}

// dropout sets a random fraction rate of its inputs to zero during training
// and scales the rest by 1/(1-rate), so that inference needs no scaling
// (inverted dropout, as in Keras). It passes inputs through unchanged when
// not training.
type dropout struct {
	base
	rate  float32
	rng   *rand.Rand
	mask  []float32
	y, dx []float32
	train bool
}

func newDropout(ls LayerSpec, ctx buildContext) (Layer, error) {
	if !(ls.Rate >= 0 && ls.Rate < 1) {
		return nil, fmt.Errorf("rate must be in [0, 1), got %g", ls.Rate)
	}
	return &dropout{
		base: base{name: ctx.name, typ: "dropout", in: ctx.in, out: ctx.in},
		rate: float32(ls.Rate),
		rng:  rand.New(rand.NewPCG(ctx.rng.Uint64(), ctx.rng.Uint64())),
	}, nil
}

// Params returns nil: dropout has no parameters.
func (d *dropout) Params() []*Param { return nil }

// Forward applies a fresh random mask when train is true.
func (d *dropout) Forward(x []float32, n int, train bool) []float32 {
	checkLen(d.name, "forward", x, n*d.in.Size())
	d.train = train && d.rate > 0
	if !d.train {
		return x
	}
	d.mask = grow(d.mask, len(x))
	d.y = grow(d.y, len(x))
	keep := 1 / (1 - d.rate)
	for i, v := range x {
		m := float32(0)
		if d.rng.Float32() >= d.rate {
			m = keep
		}
		d.mask[i] = m
		d.y[i] = v * m
	}
	return d.y
}

// Backward multiplies dy by the last mask.
func (d *dropout) Backward(dy []float32) []float32 {
	if !d.train {
		return dy
	}
	d.dx = grow(d.dx, len(dy))
	for i, g := range dy {
		d.dx[i] = g * d.mask[i]
	}
	return d.dx
}
