package network

import (
	"fmt"

	"autoencoder-studio/network/gemm"
)

// TypeConv2DTranspose is the spec type of a transposed 2-D convolution.
const TypeConv2DTranspose = "conv2d_transpose"

func init() {
	registerLayer(LayerType{
		Name: TypeConv2DTranspose, order: 3, Weights: true, build: newConv2DTranspose,
		Fields: convFields(), Default: convDefault(), keras: kerasConv("Conv2DTranspose"), torch: torchConvTranspose,
	})
}

// conv2DTranspose is a transposed 2-D convolution over NHWC images, as
// Keras's Conv2DTranspose: the gradient of a Conv2D with respect to its
// input, plus a bias and an activation. Its kernel has the Keras shape
// [k, k, filters, inC]. The output is in·stride per side with same padding
// and in·stride + max(k-stride, 0) with valid padding ((in-1)·stride + k for
// k ≥ stride).
//
// Forward multiplies each worker's samples by the transposed kernel into a
// column matrix and scatters it with col2im; Backward gathers with im2col.
// Like Conv2D, the kernel gradient is reduced in worker order.
type conv2DTranspose struct {
	base
	act     Activation
	w, b    *Param
	g       convGeom // the convolution from the output back to the input
	inC     int
	chunk   int
	needDx  bool
	serial  bool // one worker: the layer runs inside a shard (shard.go)
	x, y    []float32
	dy, dx  []float32
	n, p    int
	cols    [][]float32
	dw, db  [][]float32
	fwd, bw func(lo, hi int)
	params  []*Param
}

func newConv2DTranspose(ls LayerSpec, ctx buildContext) (Layer, error) {
	o, err := parseConvOptions(ls)
	if err != nil {
		return nil, err
	}
	h, w, c, err := imageShape(ctx.in)
	if err != nil {
		return nil, err
	}
	outSize := func(in int) int {
		if o.same {
			return in * o.stride
		}
		return in*o.stride + max(o.k-o.stride, 0)
	}
	g := newConvGeom(outSize(h), outSize(w), o.filters, o.k, o.stride, o.same)
	if g.outH != h || g.outW != w {
		panic(fmt.Sprintf("network: conv2d_transpose geometry %+v does not invert %d×%d", g, h, w))
	}
	l := &conv2DTranspose{
		base:   base{name: ctx.name, typ: "conv2d_transpose", in: ctx.in, out: Shape{g.inH, g.inW, o.filters}},
		act:    o.act,
		w:      newParam(ctx.name+"/kernel", Shape{o.k, o.k, o.filters, c}, ls.KernelRegularizer),
		b:      newParam(ctx.name+"/bias", Shape{o.filters}, Regularizer{}),
		g:      g,
		inC:    c,
		chunk:  max(1, colBudget/(g.patches()*g.patchSize())),
		needDx: ctx.needInputGrad,
	}
	l.fwd, l.bw = l.forwardWorkers, l.backwardWorkers
	l.params = []*Param{l.w, l.b}
	// Keras computes the fans from the kernel shape [k, k, filters, inC].
	glorotUniform(l.w.Value, o.k*o.k*o.filters, o.k*o.k*c, ctx.rng)
	return l, nil
}

// Params returns the kernel and the bias.
func (l *conv2DTranspose) Params() []*Param { return l.params }

func (l *conv2DTranspose) prepare(n int) {
	l.n, l.p = n, workers(n)
	if l.serial {
		l.p = 1
	}
	if !l.g.identity() {
		l.cols = growParts(l.cols, l.p, l.chunk*l.g.patches()*l.g.patchSize())
	}
}

// Forward computes act(convᵀ(x, W) + b) for n samples.
func (l *conv2DTranspose) Forward(x []float32, n int, train bool) []float32 {
	checkLen(l.name, "forward", x, n*l.in.Size())
	l.x = x
	l.y = grow(l.y, n*l.out.Size())
	l.prepare(n)
	runWorkers(l.p, l.fwd)
	return l.y
}

func (l *conv2DTranspose) forwardWorkers(w0, w1 int) {
	g, kc, c := &l.g, l.g.patchSize(), l.inC
	in, out := l.in.Size(), l.out.Size()
	for w := w0; w < w1; w++ {
		lo, hi := workerRange(l.n, l.p, w)
		for s0 := lo; s0 < hi; s0 += l.chunk {
			s1 := min(s0+l.chunk, hi)
			rows := (s1 - s0) * g.patches()
			x := l.x[s0*in : s1*in]
			y := l.y[s0*out : s1*out]
			if g.identity() {
				gemm.Sgemm(false, true, rows, kc, c, 1, x, c, l.w.Value, c, 0, y, kc)
			} else {
				col := l.cols[w]
				gemm.Sgemm(false, true, rows, kc, c, 1, x, c, l.w.Value, c, 0, col, kc)
				clear(y)
				step := g.patches() * kc
				for s := s0; s < s1; s++ {
					g.col2im(l.y[s*out:], col[(s-s0)*step:])
				}
			}
			biasAct(y, l.b.Value, l.act)
		}
	}
}

// Backward computes the kernel and bias gradients and the input gradient.
func (l *conv2DTranspose) Backward(dy []float32) []float32 {
	checkLen(l.name, "backward", dy, l.n*l.out.Size())
	l.dy = dy
	if l.needDx {
		l.dx = grow(l.dx, l.n*l.in.Size())
	}
	l.dw = growParts(l.dw, l.p, len(l.w.Grad))
	l.db = growParts(l.db, l.p, len(l.b.Grad))
	runWorkers(l.p, l.bw)
	reduceParts(l.w.Grad, l.dw, l.p)
	reduceParts(l.b.Grad, l.db, l.p)
	if !l.needDx {
		return nil
	}
	return l.dx
}

func (l *conv2DTranspose) backwardWorkers(w0, w1 int) {
	g, kc, c := &l.g, l.g.patchSize(), l.inC
	in, out := l.in.Size(), l.out.Size()
	for w := w0; w < w1; w++ {
		lo, hi := workerRange(l.n, l.p, w)
		var col []float32
		if l.cols != nil {
			col = l.cols[w]
		}
		dw, db := l.dw[w], l.db[w]
		clear(dw)
		clear(db)
		for s0 := lo; s0 < hi; s0 += l.chunk {
			s1 := min(s0+l.chunk, hi)
			rows := (s1 - s0) * g.patches()
			dz := l.dy[s0*out : s1*out]
			actBackwardBias(l.act, dz, l.y[s0*out:s1*out], db)
			a := patchMatrix(g, col, l.dy, s0, s1)
			x := l.x[s0*in : s1*in]
			gemm.Sgemm(true, false, kc, c, rows, 1, a, kc, x, c, 1, dw, c)
			if l.needDx {
				gemm.Sgemm(false, false, rows, c, kc, 1, a, kc, l.w.Value, c, 0, l.dx[s0*in:s1*in], c)
			}
		}
	}
}
