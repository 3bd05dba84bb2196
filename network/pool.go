package network

import (
	"fmt"
	"math"

	"autoencoder-studio/network/gemm"
	"autoencoder-studio/network/vec"
)

// TypeMaxPool2D is the spec type of 2-D max pooling.
const TypeMaxPool2D = "maxpool2d"

func init() {
	stride := intSetting("stride", "stride", 0, 1, maxWindow, func(l *LayerSpec) *int { return &l.Stride })
	stride.Advanced = true // defaults to the pool size
	registerLayer(LayerType{
		Name: TypeMaxPool2D, order: 4, build: newMaxPool2D,
		Fields: []LayerField{
			intSetting("size", "pool", 2, 1, maxWindow, func(l *LayerSpec) *int { return &l.Size }),
			paddingSetting(),
			stride,
		},
		Default: LayerSpec{Size: 2, Padding: paddingSame},
		torch:   torchMaxPool,
		keras: func(ls LayerSpec) kerasLayer {
			size, stride := poolWindow(ls)
			return kerasLayer{class: "MaxPooling2D", args: []string{"pool_size=" + pyPair(size), "strides=" + pyPair(stride), "padding=" + pyStr(padding(ls.Padding))}}
		},
	})
}

// poolWindow returns the pool size and stride of a maxpool2d spec, with
// their defaults: a size of 2 and a stride equal to the size.
func poolWindow(ls LayerSpec) (size, stride int) {
	size, stride = ls.Size, ls.Stride
	if size == 0 {
		size = 2
	}
	if stride == 0 {
		stride = size
	}
	return size, stride
}

// PoolStride returns the stride of a maxpool2d spec, its default (the pool
// size) filled in: the factor by which it shrinks an image's sides.
func PoolStride(ls LayerSpec) int {
	_, stride := poolWindow(ls)
	return stride
}

// poolGrain is the number of samples below which pooling and upsampling run
// on one goroutine.
const poolGrain = 8

// maxPool2D takes the maximum of each size×size window of every channel, as
// Keras's MaxPooling2D: the stride defaults to the pool size and the padding
// to valid. With same padding the padded cells never win (they count as
// -∞), so a 7×7 input pooled by 2 gives 4×4. Forward records the index of
// each maximum, and Backward routes each gradient to it (summing where
// overlapping windows share a maximum).
type maxPool2D struct {
	base
	g        convGeom // window geometry, with inC channels pooled separately
	needDx   bool
	x, y     []float32
	dy, dx   []float32
	arg      []int32 // per output, the index of its maximum within the sample
	n        int
	fwd, bwd func(lo, hi int)
}

func newMaxPool2D(ls LayerSpec, ctx buildContext) (Layer, error) {
	size, stride := poolWindow(ls)
	if err := inRange("size", size, 1, maxWindow); err != nil {
		return nil, err
	}
	if err := inRange("stride", stride, 1, maxWindow); err != nil {
		return nil, err
	}
	same, err := parsePadding(ls.Padding)
	if err != nil {
		return nil, err
	}
	h, w, c, err := imageShape(ctx.in)
	if err != nil {
		return nil, err
	}
	g := newConvGeom(h, w, c, size, stride, same)
	if g.outH == 0 || g.outW == 0 {
		return nil, fmt.Errorf("%d×%d valid pooling on a %d×%d input leaves no output", size, size, h, w)
	}
	l := &maxPool2D{
		base:   base{name: ctx.name, typ: "maxpool2d", in: ctx.in, out: Shape{g.outH, g.outW, c}},
		g:      g,
		needDx: ctx.needInputGrad,
	}
	l.fwd, l.bwd = l.forwardSamples, l.backwardSamples
	return l, nil
}

// Params returns nil: pooling has no parameters.
func (l *maxPool2D) Params() []*Param { return nil }

// Forward pools n samples.
func (l *maxPool2D) Forward(x []float32, n int, train bool) []float32 {
	checkLen(l.name, "forward", x, n*l.in.Size())
	l.x, l.n = x, n
	l.y = grow(l.y, n*l.out.Size())
	if cap(l.arg) < len(l.y) {
		l.arg = make([]int32, len(l.y))
	}
	l.arg = l.arg[:len(l.y)]
	gemm.Parallel(n, poolGrain, l.fwd)
	return l.y
}

// forwardSamples pools samples [lo, hi).
func (l *maxPool2D) forwardSamples(lo, hi int) {
	g := &l.g
	c, in, out := g.inC, l.in.Size(), l.out.Size()
	for s := lo; s < hi; s++ {
		x := l.x[s*in : (s+1)*in]
		y := l.y[s*out : (s+1)*out]
		arg := l.arg[s*out : (s+1)*out]
		for oy := range g.outH {
			iy0 := oy*g.stride - g.padT
			ky0, ky1 := max(0, -iy0), min(g.k, g.inH-iy0)
			ox0 := 0
			if g.k == 2 && g.stride == 2 && g.padT == 0 && g.padL == 0 && ky1-ky0 == 2 {
				// The full windows of the row, in one run.
				ox0 = min(g.outW, g.inW/2)
				o := oy * g.outW * c
				vec.Pool2x2Row(y[o:o+ox0*c], arg[o:o+ox0*c], x, iy0*g.inW*c, g.inW*c, c)
			}
			for ox := ox0; ox < g.outW; ox++ {
				kx0, kx1, ix0 := g.kxRange(ox)
				o := (oy*g.outW + ox) * c
				yo, ao := y[o:o+c], arg[o:o+c]
				first := ((iy0+ky0)*g.inW + ix0) * c
				if ky1-ky0 == 2 && kx1-kx0 == 2 {
					vec.Pool2x2Row(yo, ao, x, first, g.inW*c, c) // one full window
					continue
				}
				for ch := range yo {
					yo[ch], ao[ch] = float32(math.Inf(-1)), int32(first+ch)
				}
				for ky := ky0; ky < ky1; ky++ {
					for kx := kx0; kx < kx1; kx++ {
						i := ((iy0+ky)*g.inW + ix0 + kx - kx0) * c
						for ch, v := range x[i : i+c] {
							// Written for a conditional move, not a branch.
							m, a := yo[ch], ao[ch]
							if v > m {
								a = int32(i + ch)
							}
							yo[ch], ao[ch] = max(v, m), a
						}
					}
				}
			}
		}
	}
}

// Backward routes each output gradient to the input that was the maximum.
func (l *maxPool2D) Backward(dy []float32) []float32 {
	checkLen(l.name, "backward", dy, len(l.y))
	if !l.needDx {
		return nil
	}
	l.dx = grow(l.dx, l.n*l.in.Size())
	l.dy = dy
	gemm.Parallel(l.n, poolGrain, l.bwd)
	return l.dx
}

// backwardSamples routes the gradients of samples [lo, hi).
func (l *maxPool2D) backwardSamples(lo, hi int) {
	in, out := l.in.Size(), l.out.Size()
	for s := lo; s < hi; s++ {
		dx := l.dx[s*in : (s+1)*in]
		clear(dx)
		for j, a := range l.arg[s*out : (s+1)*out] {
			dx[a] += l.dy[s*out+j]
		}
	}
}
