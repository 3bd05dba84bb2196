package network

import (
	"fmt"

	"autoencoder-studio/network/gemm"
)

func init() { registerLayer("conv2d", newConv2D) }

// convOptions holds the checked hyper-parameters shared by conv2d and
// conv2d_transpose.
type convOptions struct {
	filters, k, stride int
	same               bool
	act                Activation
}

// parseConvOptions checks a convolution spec: filters and kernel at least 1,
// stride 1 or 2 (0 means 1), padding same or valid, a known activation.
func parseConvOptions(ls LayerSpec) (convOptions, error) {
	o := convOptions{filters: ls.Filters, k: ls.Kernel, stride: ls.Stride}
	if o.stride == 0 {
		o.stride = 1
	}
	var err error
	switch {
	case o.filters < 1:
		return o, fmt.Errorf("filters must be at least 1, got %d", ls.Filters)
	case o.k < 1:
		return o, fmt.Errorf("kernel must be at least 1, got %d", ls.Kernel)
	case o.stride != 1 && o.stride != 2:
		return o, fmt.Errorf("stride must be 1 or 2, got %d", ls.Stride)
	}
	if o.same, err = parsePadding(ls.Padding); err != nil {
		return o, err
	}
	if o.act, err = parseActivation(ls.Activation); err != nil {
		return o, err
	}
	return o, nil
}

// Conv2D is a 2-D convolution over NHWC images, as Keras's Conv2D:
// y = act(conv(x, W) + b) with a kernel W of shape [k, k, inC, filters],
// stride 1 or 2 and TensorFlow's same or valid padding.
//
// The batch is split into one sample range per worker, each with its own
// buffer, and computed with gemm.Sgemm in one of two ways, whichever moves
// fewer values:
//
//   - im2col (filters ≥ inC): the patches of a chunk of samples form a
//     column matrix (patches × k·k·inC), multiplied by the kernel.
//   - shift (filters < inC): every input pixel is multiplied by the whole
//     kernel, Z = x·W' with W' the kernel as an inC × k·k·filters matrix,
//     and each output sums the k·k slices of Z its window covers. For the
//     last layer of an autoencoder (32 channels to 1) Z is 32 times smaller
//     than the column matrix.
//
// The kernel gradient is summed per worker and the partial sums added in
// worker order, so a seeded run is reproducible for a given GOMAXPROCS.
type Conv2D struct {
	base
	act     Activation
	w, b    *Param
	g       convGeom
	filters int
	chunk   int  // samples per column buffer
	shift   bool // compute by the shift method rather than im2col
	needDx  bool
	params  []*Param
	wr, dwr []float32 // shift: the kernel as inC × k·k·filters, and its gradient

	x, y, dy, dx []float32
	n, p         int
	cols         [][]float32 // per worker column buffers
	dw, db       [][]float32 // per worker partial gradients
	fwd, bwd     func(lo, hi int)
}

func newConv2D(ls LayerSpec, ctx buildContext) (Layer, error) {
	o, err := parseConvOptions(ls)
	if err != nil {
		return nil, err
	}
	h, w, c, err := imageShape(ctx.in)
	if err != nil {
		return nil, err
	}
	g := newConvGeom(h, w, c, o.k, o.stride, o.same)
	if g.outH == 0 || g.outW == 0 {
		return nil, fmt.Errorf("%d×%d valid convolution on a %d×%d input leaves no output", o.k, o.k, h, w)
	}
	l := &Conv2D{
		base:    base{name: ctx.name, typ: "conv2d", in: ctx.in, out: Shape{g.outH, g.outW, o.filters}},
		act:     o.act,
		w:       newParam(ctx.name+"/kernel", Shape{o.k, o.k, c, o.filters}, ls.KernelRegularizer),
		b:       newParam(ctx.name+"/bias", Shape{o.filters}, Regularizer{}),
		g:       g,
		filters: o.filters,
		needDx:  ctx.needInputGrad,
	}
	l.params = []*Param{l.w, l.b}
	l.setShift(o.filters < c)
	l.fwd, l.bwd = l.forwardWorkers, l.backwardWorkers
	glorotUniform(l.w.Value, o.k*o.k*c, o.k*o.k*o.filters, ctx.rng)
	return l, nil
}

// Params returns the kernel and the bias.
func (l *Conv2D) Params() []*Param { return l.params }

// setShift chooses the shift method (true) or im2col and sizes the chunks.
func (l *Conv2D) setShift(shift bool) {
	g := &l.g
	l.shift = shift && !g.identity()
	l.cols = nil
	if l.shift {
		l.chunk = max(1, colBudget/(g.inH*g.inW*g.k*g.k*l.filters))
	} else {
		l.chunk = max(1, colBudget/(g.patches()*g.patchSize()))
	}
}

// bufSize returns the values of one worker's buffer.
func (l *Conv2D) bufSize() int {
	g := &l.g
	if l.shift {
		return l.chunk * g.inH * g.inW * g.k * g.k * l.filters
	}
	if g.identity() {
		return 0
	}
	return l.chunk * g.patches() * g.patchSize()
}

// prepare sizes the per-worker buffers for n samples.
func (l *Conv2D) prepare(n int) {
	l.n, l.p = n, workers(n)
	l.cols = growParts(l.cols, l.p, l.bufSize())
}

// Forward computes act(conv(x, W) + b) for n samples.
func (l *Conv2D) Forward(x []float32, n int, train bool) []float32 {
	l.checkSize("forward", x, n*l.in.Size())
	l.x = x
	l.y = grow(l.y, n*l.out.Size())
	l.prepare(n)
	if l.shift {
		l.permuteKernel()
	}
	runWorkers(l.p, l.fwd)
	return l.y
}

// permuteKernel copies the kernel [k·k, inC, filters] into wr as an
// inC × (k·k·filters) matrix.
func (l *Conv2D) permuteKernel() {
	kk, c, f := l.g.k*l.g.k, l.g.inC, l.filters
	l.wr = grow(l.wr, len(l.w.Value))
	for q := range kk {
		for ch := range c {
			copy(l.wr[ch*kk*f+q*f:ch*kk*f+(q+1)*f], l.w.Value[(q*c+ch)*f:(q*c+ch+1)*f])
		}
	}
}

// unpermuteGrad copies dwr (inC × k·k·filters) into the kernel gradient.
func (l *Conv2D) unpermuteGrad() {
	kk, c, f := l.g.k*l.g.k, l.g.inC, l.filters
	for q := range kk {
		for ch := range c {
			copy(l.w.Grad[(q*c+ch)*f:(q*c+ch+1)*f], l.dwr[ch*kk*f+q*f:ch*kk*f+(q+1)*f])
		}
	}
}

// patchMatrix returns the column matrix of samples [s0, s1) of x: x itself
// for a 1×1 stride-1 kernel, otherwise im2col into col.
func patchMatrix(g *convGeom, col, x []float32, s0, s1 int) []float32 {
	in := g.imageSize()
	if g.identity() {
		return x[s0*in : s1*in]
	}
	step := g.patches() * g.patchSize()
	for s := s0; s < s1; s++ {
		g.im2col(col[(s-s0)*step:], x[s*in:])
	}
	return col[:(s1-s0)*step]
}

// forwardWorkers runs the forward pass of workers [w0, w1).
func (l *Conv2D) forwardWorkers(w0, w1 int) {
	g, f, kc := &l.g, l.filters, l.g.patchSize()
	out := l.out.Size()
	in, kkf, pix := g.imageSize(), g.k*g.k*f, g.inH*g.inW
	for w := w0; w < w1; w++ {
		lo, hi := workerRange(l.n, l.p, w)
		col := l.cols[w]
		for s0 := lo; s0 < hi; s0 += l.chunk {
			s1 := min(s0+l.chunk, hi)
			y := l.y[s0*out : s1*out]
			if l.shift {
				z := col[:(s1-s0)*pix*kkf]
				gemm.Sgemm(false, false, (s1-s0)*pix, kkf, g.inC, 1, l.x[s0*in:s1*in], g.inC, l.wr, kkf, 0, z, kkf)
				for s := s0; s < s1; s++ {
					g.shiftGather(l.y[s*out:(s+1)*out], z[(s-s0)*pix*kkf:], f)
				}
			} else {
				a := patchMatrix(g, col, l.x, s0, s1)
				gemm.Sgemm(false, false, (s1-s0)*g.patches(), f, kc, 1, a, kc, l.w.Value, f, 0, y, f)
			}
			biasAct(y, l.b.Value, l.act)
		}
	}
}

// Backward computes the kernel and bias gradients and the input gradient.
func (l *Conv2D) Backward(dy []float32) []float32 {
	l.checkSize("backward", dy, l.n*l.out.Size())
	l.dy = dy
	if l.needDx {
		l.dx = grow(l.dx, l.n*l.in.Size())
	}
	l.dw = growParts(l.dw, l.p, len(l.w.Grad))
	l.db = growParts(l.db, l.p, len(l.b.Grad))
	runWorkers(l.p, l.bwd)
	if l.shift {
		l.dwr = grow(l.dwr, len(l.w.Grad))
		reduceParts(l.dwr, l.dw, l.p)
		l.unpermuteGrad()
	} else {
		reduceParts(l.w.Grad, l.dw, l.p)
	}
	reduceParts(l.b.Grad, l.db, l.p)
	if !l.needDx {
		return nil
	}
	return l.dx
}

// backwardWorkers runs the backward pass of workers [w0, w1).
func (l *Conv2D) backwardWorkers(w0, w1 int) {
	g, f, kc := &l.g, l.filters, l.g.patchSize()
	in, out := l.in.Size(), l.out.Size()
	for w := w0; w < w1; w++ {
		lo, hi := workerRange(l.n, l.p, w)
		col := l.cols[w]
		dw, db := l.dw[w], l.db[w]
		clear(dw)
		clear(db)
		for s0 := lo; s0 < hi; s0 += l.chunk {
			s1 := min(s0+l.chunk, hi)
			rows := (s1 - s0) * g.patches()
			dz := l.dy[s0*out : s1*out]
			actBackward(l.act, dz, l.y[s0*out:s1*out])
			addRows(db, dz)
			if l.shift {
				l.shiftBackward(col, dw, s0, s1)
				continue
			}
			a := patchMatrix(g, col, l.x, s0, s1)
			gemm.Sgemm(true, false, kc, f, rows, 1, a, kc, dz, f, 1, dw, f)
			if !l.needDx {
				continue
			}
			dx := l.dx[s0*in : s1*in]
			if g.identity() {
				gemm.Sgemm(false, true, rows, kc, f, 1, dz, f, l.w.Value, f, 0, dx, kc)
				continue
			}
			gemm.Sgemm(false, true, rows, kc, f, 1, dz, f, l.w.Value, f, 0, col, kc)
			clear(dx)
			step := g.patches() * kc
			for s := s0; s < s1; s++ {
				g.col2im(l.dx[s*in:], col[(s-s0)*step:])
			}
		}
	}
}

// shiftBackward computes the shift-method gradients of samples [s0, s1)
// whose output gradient l.dy is already through the activation: dZ scatters
// each output gradient to the k·k slices its window covers, the kernel
// gradient adds xᵀ·dZ into dwr (inC × k·k·filters) and dx = dZ·W'ᵀ.
func (l *Conv2D) shiftBackward(buf, dwr []float32, s0, s1 int) {
	g, f := &l.g, l.filters
	in, out, kkf, pix := g.imageSize(), l.out.Size(), g.k*g.k*f, g.inH*g.inW
	rows := (s1 - s0) * pix
	dz := buf[:rows*kkf]
	for s := s0; s < s1; s++ {
		g.shiftScatter(dz[(s-s0)*pix*kkf:], l.dy[s*out:(s+1)*out], f)
	}
	x := l.x[s0*in : s1*in]
	gemm.Sgemm(true, false, g.inC, kkf, rows, 1, x, g.inC, dz, kkf, 1, dwr, kkf)
	if l.needDx {
		gemm.Sgemm(false, true, rows, g.inC, kkf, 1, dz, kkf, l.wr, kkf, 0, l.dx[s0*in:s1*in], g.inC)
	}
}
