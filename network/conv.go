package network

import (
	"fmt"

	"autoencoder-studio/network/gemm"
)

// TypeConv2D is the spec type of a 2-D convolution.
const TypeConv2D = "conv2d"

func init() {
	registerLayer(LayerType{
		Name: TypeConv2D, order: 2, Weights: true, build: newConv2D,
		Fields: convFields(), Default: convDefault(), keras: kerasConv("Conv2D"), torch: torchConv,
	})
}

// convFields returns the settings of conv2d and conv2d_transpose.
func convFields() []LayerField {
	return []LayerField{
		intSetting("filters", "filters", 0, 1, maxFilters, func(l *LayerSpec) *int { return &l.Filters }),
		intSetting("kernel", "k", 0, 1, maxKernel, func(l *LayerSpec) *int { return &l.Kernel }),
		intSetting("stride", "stride", 1, 1, 2, func(l *LayerSpec) *int { return &l.Stride }),
		paddingSetting(),
		activationSetting(),
	}
}

// convDefault returns the settings an editor gives a new convolution.
func convDefault() LayerSpec {
	return LayerSpec{Filters: 16, Kernel: 3, Padding: paddingSame, Activation: string(ReLU)}
}

// kerasConv returns the Keras code of a convolution of the Keras class.
func kerasConv(class string) func(LayerSpec) kerasLayer {
	return func(ls LayerSpec) kerasLayer {
		return kerasLayer{class: class, args: []string{fmt.Sprint(ls.Filters), pyPair(ls.Kernel),
			"strides=" + pyPair(max(ls.Stride, 1)), "padding=" + pyStr(padding(ls.Padding))}}
	}
}

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
	if err := inRange("filters", o.filters, 1, maxFilters); err != nil {
		return o, err
	}
	if err := inRange("kernel", o.k, 1, maxKernel); err != nil {
		return o, err
	}
	switch {
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

// conv2D is a 2-D convolution over NHWC images, as Keras's Conv2D:
// y = act(conv(x, W) + b) with a kernel W of shape [k, k, inC, filters],
// stride 1 or 2 and TensorFlow's same or valid padding.
//
// The batch is split into one sample range per worker, each with its own
// buffer, and computed with gemm.Sgemm in one of two ways, roughly
// whichever moves fewer values:
//
//   - im2col (2·filters ≥ inC): the patches of a chunk of samples form a
//     column matrix (patches × k·k·inC), multiplied by the kernel.
//   - shift (2·filters < inC): every input pixel is multiplied by the whole
//     kernel, Z = x·W' with W' the kernel as an inC × k·k·filters matrix,
//     and each output sums the k·k slices of Z its window covers. For the
//     last layer of an autoencoder (32 channels to 1) Z is 32 times smaller
//     than the column matrix. Z's rows are padded to whole 16-column gemm
//     panels (ldz), so that a 9-column product has no edge tiles.
//
// In backward, with im2col, the kernel gradient is accumulated transposed
// (dWᵀ += dzᵀ·col, the column matrix packed as gemm's B operand) when the
// patches have at least 64 values, and for a stride-1 convolution whose
// input channels fill 16-wide panels the input gradient is itself a
// convolution, dx = im2col(dz)·W↻ with the kernel rotated by 180° (gt, wf),
// which writes dx directly instead of scattering dz·Wᵀ with col2im. ReLU's
// bias add and its backward mask plus bias-gradient sum run as fused row
// kernels (vec.BiasReLU, vec.ReLUBackwardBias; AVX2 where available).
//
// Where directconv has assembly for the shape (AVX-512; 3×3 stride-1
// kernels with 8k output channels, or one output channel from 16 or 32),
// a third method replaces both: the direct method (conv_direct.go) pads
// each image and sums every window in registers, with no column matrix,
// and computes the input gradient as the same kind of convolution of the
// padded output gradient with the rotated kernel.
//
// The kernel gradient is summed per worker and the partial sums added in
// worker order, so a seeded run is reproducible for a given GOMAXPROCS.
type conv2D struct {
	base
	act     Activation
	w, b    *Param
	g       convGeom
	filters int
	chunk   int  // samples per column buffer
	shift   bool // compute by the shift method rather than im2col
	needDx  bool
	params  []*Param
	wr, dwr []float32 // shift: the kernel as inC × ldz; dwr: the reduced shift or transposed kernel gradient
	ldz     int       // shift: k·k·filters rounded up to whole 16-column gemm panels
	mz      int       // shift: rows of the transposed kernel gradient, k·k·filters up to whole 6-row gemm panels
	gt      convGeom  // im2col stride 1: the convolution of dy that gives dx
	wf      []float32 // im2col stride 1: the flipped kernel as k·k·filters × inC
	gather  bool      // compute dx as im2col(dy)·wf rather than col2im(dy·Wᵀ)
	dwT     bool      // im2col: accumulate the kernel gradient transposed
	direct  bool      // compute by directconv's kernels (see setDirect)
	serial  bool      // one worker: the layer runs inside a shard (shard.go)
	dg      directGeom
	dbufs   []directBufs // direct: per worker buffers

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
	l := &conv2D{
		base:    base{name: ctx.name, typ: "conv2d", in: ctx.in, out: Shape{g.outH, g.outW, o.filters}},
		act:     o.act,
		w:       newParam(ctx.name+"/kernel", Shape{o.k, o.k, c, o.filters}, ls.KernelRegularizer),
		b:       newParam(ctx.name+"/bias", Shape{o.filters}, Regularizer{}),
		g:       g,
		filters: o.filters,
		needDx:  ctx.needInputGrad,
	}
	l.params = []*Param{l.w, l.b}
	l.setShift(2*o.filters < c) // at 16 → 8 channels im2col is still a little faster
	l.setDirect(true)
	glorotUniform(l.w.Value, o.k*o.k*c, o.k*o.k*o.filters, ctx.rng)
	return l, nil
}

// Params returns the kernel and the bias.
func (l *conv2D) Params() []*Param { return l.params }

// setShift chooses the shift method (true) or im2col, either by gemm, and
// sizes the chunks; it switches the direct method off.
func (l *conv2D) setShift(shift bool) {
	g := &l.g
	l.shift = shift && !g.identity()
	l.direct = false
	l.fwd, l.bwd = l.forwardWorkers, l.backwardWorkers
	l.cols = nil
	kkf := g.k * g.k * l.filters
	l.ldz = (kkf + 15) &^ 15
	if l.mz = (kkf + 5) / 6 * 6; l.mz > l.ldz {
		l.mz = kkf
	}
	// dx = im2col(dz)·wf has inC columns: worth it when they fill whole
	// 16-wide gemm panels.
	l.gather = !l.shift && !g.identity() && g.stride == 1 && g.inC%16 == 0
	if l.gather {
		l.gt = g.adjoint(l.filters)
	}
	// The column matrix is cheaper to pack as gemm's B operand (16-wide
	// panels) than as a transposed A, unless it is too narrow to fill them.
	l.dwT = !l.shift && g.patchSize() >= 64
	if l.shift {
		l.chunk = max(1, colBudget/(g.inH*g.inW*l.ldz))
	} else {
		l.chunk = max(1, colBudget/(g.patches()*g.patchSize()))
	}
}

// bufSize returns the values of one worker's buffer.
func (l *conv2D) bufSize() int {
	g := &l.g
	if l.direct {
		return 0
	}
	if l.shift {
		return l.chunk * g.inH * g.inW * l.ldz
	}
	if g.identity() {
		return 0
	}
	n := g.patches() * g.patchSize()
	if l.gather && l.needDx {
		n = max(n, l.gt.patches()*l.gt.patchSize())
	}
	return l.chunk * n
}

// flipKernel writes into wf the kernel rotated by 180° with its channel
// axes swapped, as a k·k·filters × inC matrix: the kernel of the stride-1
// convolution of the output gradient that gives the input gradient.
func (l *conv2D) flipKernel() {
	k, c, f := l.g.k, l.g.inC, l.filters
	l.wf = grow(l.wf, len(l.w.Value))
	for q := range k * k {
		src := l.w.Value[(k*k-1-q)*c*f : (k*k-q)*c*f] // rows (channel) × f
		dst := l.wf[q*f*c : (q+1)*f*c]                // rows (filter) × c
		for ch := range c {
			for o, v := range src[ch*f : (ch+1)*f] {
				dst[o*c+ch] = v
			}
		}
	}
}

// prepare sizes the per-worker buffers for n samples.
func (l *conv2D) prepare(n int) {
	l.n, l.p = n, workers(n)
	if l.serial {
		l.p = 1
	}
	l.cols = growParts(l.cols, l.p, l.bufSize())
}

// Forward computes act(conv(x, W) + b) for n samples.
func (l *conv2D) Forward(x []float32, n int, train bool) []float32 {
	checkLen(l.name, "forward", x, n*l.in.Size())
	l.x = x
	l.y = grow(l.y, n*l.out.Size())
	l.prepare(n)
	switch {
	case l.direct:
		l.prepareDirect(false)
	case l.shift:
		l.permuteKernel()
	}
	runWorkers(l.p, l.fwd)
	return l.y
}

// permuteKernel copies the kernel [k·k, inC, filters] into wr as an
// inC × ldz matrix: row ch holds the k·k·filters values of channel ch,
// then zeros up to ldz. The padding makes every column panel of the shift
// products a whole 16-wide gemm panel (a 1-filter 3×3 kernel has 9
// columns, which would otherwise make every tile an edge tile).
func (l *conv2D) permuteKernel() {
	kk, c, f, ld := l.g.k*l.g.k, l.g.inC, l.filters, l.ldz
	l.wr = grow(l.wr, c*ld)
	for ch := range c {
		row := l.wr[ch*ld : (ch+1)*ld]
		for q := range kk {
			copy(row[q*f:(q+1)*f], l.w.Value[(q*c+ch)*f:(q*c+ch+1)*f])
		}
		clear(row[kk*f:])
	}
}

// unpermuteGrad copies dwr (mz × inC, the transposed gradient of wr) into
// the kernel gradient.
func (l *conv2D) unpermuteGrad() {
	kk, c, f := l.g.k*l.g.k, l.g.inC, l.filters
	for q := range kk {
		for ch := range c {
			dst := l.w.Grad[(q*c+ch)*f : (q*c+ch+1)*f]
			for o := range dst {
				dst[o] = l.dwr[(q*f+o)*c+ch]
			}
		}
	}
}

// gradSize returns the values of one worker's partial kernel gradient.
func (l *conv2D) gradSize() int {
	if l.shift && !l.direct {
		return l.mz * l.g.inC
	}
	return len(l.w.Grad)
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
func (l *conv2D) forwardWorkers(w0, w1 int) {
	g, f, kc := &l.g, l.filters, l.g.patchSize()
	out := l.out.Size()
	in, ldz, pix := g.imageSize(), l.ldz, g.inH*g.inW
	for w := w0; w < w1; w++ {
		lo, hi := workerRange(l.n, l.p, w)
		col := l.cols[w]
		for s0 := lo; s0 < hi; s0 += l.chunk {
			s1 := min(s0+l.chunk, hi)
			y := l.y[s0*out : s1*out]
			if l.shift {
				z := col[:(s1-s0)*pix*ldz]
				gemm.Sgemm(false, false, (s1-s0)*pix, ldz, g.inC, 1, l.x[s0*in:s1*in], g.inC, l.wr, ldz, 0, z, ldz)
				for s := s0; s < s1; s++ {
					g.shiftGather(l.y[s*out:(s+1)*out], z[(s-s0)*pix*ldz:], f, ldz)
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
func (l *conv2D) Backward(dy []float32) []float32 {
	checkLen(l.name, "backward", dy, l.n*l.out.Size())
	l.dy = dy
	if l.needDx {
		l.dx = grow(l.dx, l.n*l.in.Size())
	}
	l.dw = growParts(l.dw, l.p, l.gradSize())
	if (l.gather || l.direct) && l.needDx {
		l.flipKernel()
	}
	if l.direct {
		l.prepareDirect(true)
	}
	l.db = growParts(l.db, l.p, len(l.b.Grad))
	runWorkers(l.p, l.bwd)
	switch {
	case l.direct:
		reduceParts(l.w.Grad, l.dw, l.p)
	case l.shift:
		l.dwr = grow(l.dwr, l.gradSize())
		reduceParts(l.dwr, l.dw, l.p)
		l.unpermuteGrad()
	case l.dwT:
		l.dwr = grow(l.dwr, l.gradSize())
		reduceParts(l.dwr, l.dw, l.p)
		transposeInto(l.w.Grad, l.dwr, l.filters, l.g.patchSize())
	default:
		reduceParts(l.w.Grad, l.dw, l.p)
	}
	reduceParts(l.b.Grad, l.db, l.p)
	if !l.needDx {
		return nil
	}
	return l.dx
}

// transposeInto writes the transpose of the r×c matrix src into dst.
func transposeInto(dst, src []float32, r, c int) {
	dst, src = dst[:r*c], src[:r*c]
	for i := range r {
		for j, v := range src[i*c : (i+1)*c] {
			dst[j*r+i] = v
		}
	}
}

// backwardWorkers runs the backward pass of workers [w0, w1).
func (l *conv2D) backwardWorkers(w0, w1 int) {
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
			actBackwardBias(l.act, dz, l.y[s0*out:s1*out], db)
			if l.shift {
				l.shiftBackward(col, dw, s0, s1)
				continue
			}
			a := patchMatrix(g, col, l.x, s0, s1)
			if l.dwT {
				gemm.Sgemm(true, false, f, kc, rows, 1, dz, f, a, kc, 1, dw, kc)
			} else {
				gemm.Sgemm(true, false, kc, f, rows, 1, a, kc, dz, f, 1, dw, f)
			}
			if !l.needDx {
				continue
			}
			dx := l.dx[s0*in : s1*in]
			if l.gather {
				// dx = im2col(dz)·wf: a product with the long inner
				// dimension k·k·filters that writes dx directly.
				b := patchMatrix(&l.gt, col, l.dy, s0, s1)
				gemm.Sgemm(false, false, (s1-s0)*l.gt.patches(), g.inC, l.gt.patchSize(), 1, b, l.gt.patchSize(), l.wf, g.inC, 0, dx, g.inC)
				continue
			}
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
// gradient adds dZᵀ·x into dwr (mz × inC: its first k·k·filters rows are
// the transposed gradient of W') and dx = dZ·W'ᵀ. dZ has ldz columns whose
// padding stays zero. Taking dZ rather than x as the transposed operand,
// mz rows tall, gives gemm only whole 6-row panels to pack.
func (l *conv2D) shiftBackward(buf, dwr []float32, s0, s1 int) {
	g, f, ldz := &l.g, l.filters, l.ldz
	in, out, kkf, pix := g.imageSize(), l.out.Size(), g.k*g.k*f, g.inH*g.inW
	rows := (s1 - s0) * pix
	dz := buf[:rows*ldz]
	for s := s0; s < s1; s++ {
		g.shiftScatter(dz[(s-s0)*pix*ldz:], l.dy[s*out:(s+1)*out], f, ldz)
	}
	x := l.x[s0*in : s1*in]
	gemm.Sgemm(true, false, l.mz, g.inC, rows, 1, dz, ldz, x, g.inC, 1, dwr, g.inC)
	if l.needDx {
		gemm.Sgemm(false, true, rows, g.inC, kkf, 1, dz, ldz, l.wr, ldz, 0, l.dx[s0*in:s1*in], g.inC)
	}
}
