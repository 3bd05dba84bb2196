package network

import (
	"math/rand/v2"
)

// TypeGaussianNoise is the spec type of a training-noise layer.
const TypeGaussianNoise = "gaussian_noise"

func init() {
	registerLayer(LayerType{
		Name: TypeGaussianNoise, order: 8, build: newGaussianNoise,
		Fields: []LayerField{
			floatSetting("noise", "stddev", 0, maxNoise, func(l *LayerSpec) *float64 { return &l.Noise }),
		},
		Default: LayerSpec{Noise: 0.2},
		torch:   torchNoise,
		keras: func(ls LayerSpec) kerasLayer {
			return kerasLayer{class: "GaussianNoise", args: []string{pyFloat(ls.Noise)}, clip: true, notes: []string{
				"# Training noise, clipped to [0, 1] like the studio's " + TypeGaussianNoise,
				"# (the clip is a no-op at inference on [0, 1] inputs).",
			}}
		},
	})
}

// gaussianNoise corrupts its inputs while training: y = clip(x + noise·N(0,1),
// 0, 1) with fresh noise from the layer's own seeded generator on every
// batch, for denoising autoencoders on [0,1] images. At inference it passes
// its input through unchanged. Backward passes the gradient where the output
// was not clipped and zero where it was.
type gaussianNoise struct {
	base
	noise  float32
	rng    *rand.Rand
	train  bool
	y, dx  []float32
	inside []bool // per value, whether x + noise was within [0,1]
}

func newGaussianNoise(ls LayerSpec, ctx buildContext) (Layer, error) {
	if err := inRangeFloat("noise", ls.Noise, 0, maxNoise); err != nil {
		return nil, err
	}
	return &gaussianNoise{
		base:  base{name: ctx.name, typ: "gaussian_noise", in: ctx.in, out: ctx.in},
		noise: float32(ls.Noise),
		rng:   rand.New(rand.NewPCG(ctx.rng.Uint64(), ctx.rng.Uint64())),
	}, nil
}

// Params returns nil: the noise layer has no parameters.
func (l *gaussianNoise) Params() []*Param { return nil }

// Forward adds clipped noise to n samples when train is true.
func (l *gaussianNoise) Forward(x []float32, n int, train bool) []float32 {
	checkLen(l.name, "forward", x, n*l.in.Size())
	l.train = train && l.noise > 0
	if !l.train {
		return x
	}
	l.y = grow(l.y, len(x))
	if cap(l.inside) < len(x) {
		l.inside = make([]bool, len(x))
	}
	l.inside = l.inside[:len(x)]
	for i, v := range x {
		v += l.noise * float32(l.rng.NormFloat64())
		l.inside[i] = v >= 0 && v <= 1
		l.y[i] = min(max(v, 0), 1)
	}
	return l.y
}

// Backward passes dy where the last training output was not clipped.
func (l *gaussianNoise) Backward(dy []float32) []float32 {
	if !l.train {
		return dy
	}
	checkLen(l.name, "backward", dy, len(l.y))
	l.dx = grow(l.dx, len(dy))
	for i, g := range dy {
		if !l.inside[i] {
			g = 0
		}
		l.dx[i] = g
	}
	return l.dx
}
