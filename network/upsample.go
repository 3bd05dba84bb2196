package network

import (
	"autoencoder-studio/network/gemm"
	"autoencoder-studio/network/vec"
)

// TypeUpSample2D is the spec type of 2-D nearest-neighbour upsampling.
const TypeUpSample2D = "upsample2d"

func init() {
	registerLayer(LayerType{
		Name: TypeUpSample2D, order: 5, build: newUpSample2D,
		Fields: []LayerField{
			intSetting("size", "factor", 2, 1, maxWindow, func(l *LayerSpec) *int { return &l.Size }),
		},
		Default: LayerSpec{Size: 2},
		torch:   torchUpSample,
		keras: func(ls LayerSpec) kerasLayer {
			return kerasLayer{class: "UpSampling2D", args: []string{"size=" + pyPair(upsampleFactor(ls))}}
		},
	})
}

// upsampleFactor returns the factor of an upsample2d spec (0 means 2).
func upsampleFactor(ls LayerSpec) int {
	if ls.Size == 0 {
		return 2
	}
	return ls.Size
}

// upSample2D repeats every pixel of an NHWC image size times along height
// and width (nearest-neighbour upsampling, Keras's UpSampling2D). Backward
// sums the gradients of each size×size block.
type upSample2D struct {
	base
	size     int
	needDx   bool
	x, y     []float32
	dy, dx   []float32
	n        int
	fwd, bwd func(lo, hi int)
}

func newUpSample2D(ls LayerSpec, ctx buildContext) (Layer, error) {
	size := upsampleFactor(ls)
	if err := inRange("size", size, 1, maxWindow); err != nil {
		return nil, err
	}
	h, w, c, err := imageShape(ctx.in)
	if err != nil {
		return nil, err
	}
	l := &upSample2D{
		base:   base{name: ctx.name, typ: "upsample2d", in: ctx.in, out: Shape{h * size, w * size, c}},
		size:   size,
		needDx: ctx.needInputGrad,
	}
	l.fwd, l.bwd = l.forwardSamples, l.backwardSamples
	return l, nil
}

// Params returns nil: upsampling has no parameters.
func (l *upSample2D) Params() []*Param { return nil }

// Forward upsamples n samples.
func (l *upSample2D) Forward(x []float32, n int, train bool) []float32 {
	checkLen(l.name, "forward", x, n*l.in.Size())
	l.x, l.n = x, n
	l.y = grow(l.y, n*l.out.Size())
	gemm.Parallel(n, poolGrain, l.fwd)
	return l.y
}

func (l *upSample2D) forwardSamples(lo, hi int) {
	h, w, c, f := l.in[0], l.in[1], l.in[2], l.size
	in, out := l.in.Size(), l.out.Size()
	row := w * f * c // values of one output row
	for s := lo; s < hi; s++ {
		x, y := l.x[s*in:(s+1)*in], l.y[s*out:(s+1)*out]
		for iy := range h {
			first := y[iy*f*row : iy*f*row+row]
			for ix := range w {
				src := x[(iy*w+ix)*c : (iy*w+ix+1)*c]
				for r := range f {
					copy(first[(ix*f+r)*c:], src)
				}
			}
			for r := 1; r < f; r++ {
				copy(y[(iy*f+r)*row:], first)
			}
		}
	}
}

// Backward sums the gradient of each block into the pixel it repeats.
func (l *upSample2D) Backward(dy []float32) []float32 {
	checkLen(l.name, "backward", dy, l.n*l.out.Size())
	if !l.needDx {
		return nil
	}
	l.dy = dy
	l.dx = grow(l.dx, l.n*l.in.Size())
	gemm.Parallel(l.n, poolGrain, l.bwd)
	return l.dx
}

func (l *upSample2D) backwardSamples(lo, hi int) {
	h, w, c, f := l.in[0], l.in[1], l.in[2], l.size
	in, out := l.in.Size(), l.out.Size()
	row := w * f * c
	if f == 2 {
		for s := lo; s < hi; s++ {
			upsample2Backward(l.dx[s*in:(s+1)*in], l.dy[s*out:(s+1)*out], h, w, c)
		}
		return
	}
	for s := lo; s < hi; s++ {
		dx, dy := l.dx[s*in:(s+1)*in], l.dy[s*out:(s+1)*out]
		clear(dx)
		for iy := range h {
			for r := range f {
				src := dy[(iy*f+r)*row : (iy*f+r+1)*row]
				for ix := range w {
					d := dx[(iy*w+ix)*c : (iy*w+ix+1)*c]
					for q := range f {
						for ch, v := range src[(ix*f+q)*c : (ix*f+q+1)*c] {
							d[ch] += v
						}
					}
				}
			}
		}
	}
}

// upsample2Backward sets each pixel of dx (h×w×c) to the sum of its 2×2
// block of dy (2h×2w×c) in one pass, without clearing dx first. The four
// values are added in the order of the general loop (top-left, top-right,
// bottom-left, bottom-right), so the result is bit-identical to it.
func upsample2Backward(dx, dy []float32, h, w, c int) {
	row := 2 * w * c
	dx = dx[:h*w*c]
	dy = dy[:2*h*row]
	for iy := range h {
		vec.Upsample2Row(dx[iy*w*c:(iy+1)*w*c], dy[2*iy*row:(2*iy+1)*row], dy[(2*iy+1)*row:(2*iy+2)*row], c)
	}
}
