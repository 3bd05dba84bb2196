package network

import "autoencoder-studio/network/directconv"

// directBufs are one worker's buffers of the direct method: the padded
// input image, the forward sums of the padded output rows, and for the
// backward pass the output gradient along the padded rows (zero in the
// columns that are not outputs), the padded output gradient that the input
// gradient convolves, and its sums.
type directBufs struct {
	xp, z, dzf, dzp, dxz []float32
}

// directGeom is the layout of the direct method for one image: the input
// padded to hp×wp (its first pixel at row padT, column padL), n output
// pixels along rows of wp pixels rounded up to whole kernel blocks (nr),
// and for the input gradient the output gradient padded to rows of wq
// pixels (its first pixel at row qT, column qL) with nq (nqr) pixels.
type directGeom struct {
	wp, n, nr       int
	wq, qT, qL      int
	nq, nqr         int
	xpLen, dzpLen   int
	padT, padL      int
	inRow, outRow   int // values of one input and one output row
	inImg, outImg   int // values of one input and one output image
	c, f, k         int
	inH, outH, outW int
}

// roundBlock rounds n up to whole directconv blocks.
func roundBlock(n int) int { return (n + directconv.Block - 1) / directconv.Block * directconv.Block }

// newDirectGeom returns the direct layout of a stride-1 convolution.
func newDirectGeom(g *convGeom, f int) directGeom {
	k := g.k
	d := directGeom{
		wp: g.outW + k - 1, padT: g.padT, padL: g.padL,
		c: g.inC, f: f, k: k, inH: g.inH, outH: g.outH, outW: g.outW,
		inRow: g.inW * g.inC, outRow: g.outW * f,
		inImg: g.imageSize(), outImg: g.outH * g.outW * f,
	}
	d.n = g.outH * d.wp
	d.nr = roundBlock(d.n)
	d.xpLen = directconv.InLen(d.nr, d.wp, k, g.inC)
	// The input gradient is the stride-1 convolution of the output
	// gradient, padded by k-1-pad, with the kernel rotated by 180°.
	d.wq, d.qT, d.qL = g.inW+k-1, k-1-g.padT, k-1-g.padL
	d.nq = g.inH * d.wq
	d.nqr = roundBlock(d.nq)
	d.dzpLen = directconv.InLen(d.nqr, d.wq, k, f)
	return d
}

// canDirect reports whether the direct method computes this layer in
// assembly: a stride-1 3×3 convolution whose forward, kernel gradient and
// (when needed) input gradient shapes directconv takes.
func (l *conv2D) canDirect() bool {
	g := &l.g
	if g.stride != 1 || !directconv.Fast(g.k, g.inC, l.filters) {
		return false
	}
	return !l.needDx || directconv.Fast(g.k, l.filters, g.inC)
}

// setDirect switches the direct method on (when the layer can use it) or
// off, and reports whether it is on.
func (l *conv2D) setDirect(on bool) bool {
	l.direct = on && l.canDirect()
	if l.direct {
		l.dg = newDirectGeom(&l.g, l.filters)
		l.fwd, l.bwd = l.forwardDirect, l.backwardDirect
	} else {
		l.fwd, l.bwd = l.forwardWorkers, l.backwardWorkers
	}
	return l.direct
}

// growZeroed returns buf if it holds n values, else a new zeroed slice:
// the borders of the padded buffers are written once, as zeros.
func growZeroed(buf []float32, n int) []float32 {
	if len(buf) == n {
		return buf
	}
	return make([]float32, n)
}

// prepareDirect sizes the per-worker direct buffers.
func (l *conv2D) prepareDirect(backward bool) {
	for len(l.dbufs) < l.p {
		l.dbufs = append(l.dbufs, directBufs{})
	}
	d := &l.dg
	for w := range l.p {
		b := &l.dbufs[w]
		b.xp = growZeroed(b.xp, d.xpLen)
		if !backward {
			b.z = growZeroed(b.z, d.nr*d.f)
			continue
		}
		b.dzf = growZeroed(b.dzf, d.n*d.f)
		if l.needDx {
			b.dzp = growZeroed(b.dzp, d.dzpLen)
			b.dxz = growZeroed(b.dxz, d.nqr*d.c)
		}
	}
}

// padInput copies image x into the interior of the padded buffer xp.
func (d *directGeom) padInput(xp, x []float32) {
	for iy := range d.inH {
		copy(xp[((iy+d.padT)*d.wp+d.padL)*d.c:], x[iy*d.inRow:(iy+1)*d.inRow])
	}
}

// forwardDirect runs the direct forward pass of workers [w0, w1): per
// image, pad, sum every window, then copy the output rows out of the padded
// rows and add bias and activation.
func (l *conv2D) forwardDirect(w0, w1 int) {
	d := &l.dg
	for w := w0; w < w1; w++ {
		lo, hi := workerRange(l.n, l.p, w)
		b := &l.dbufs[w]
		for s := lo; s < hi; s++ {
			d.padInput(b.xp, l.x[s*d.inImg:(s+1)*d.inImg])
			directconv.Forward(b.z, b.xp, l.w.Value, d.nr, d.wp, d.k, d.c, d.f)
			y := l.y[s*d.outImg : (s+1)*d.outImg]
			for oy := range d.outH {
				copy(y[oy*d.outRow:(oy+1)*d.outRow], b.z[oy*d.wp*d.f:])
			}
			biasAct(y, l.b.Value, l.act) // while the image is in cache
		}
	}
}

// backwardDirect runs the direct backward pass of workers [w0, w1), image
// by image while each is in cache: the output gradient through the
// activation and the bias gradient, the kernel gradient from the padded
// input and the output gradient along its padded rows, and the input
// gradient as the convolution of the padded output gradient with the
// rotated kernel.
func (l *conv2D) backwardDirect(w0, w1 int) {
	d := &l.dg
	for w := w0; w < w1; w++ {
		lo, hi := workerRange(l.n, l.p, w)
		b := &l.dbufs[w]
		dw, db := l.dw[w], l.db[w]
		clear(dw)
		clear(db)
		for s := lo; s < hi; s++ {
			dz := l.dy[s*d.outImg : (s+1)*d.outImg]
			actBackwardBias(l.act, dz, l.y[s*d.outImg:(s+1)*d.outImg], db)
			for oy := range d.outH {
				copy(b.dzf[oy*d.wp*d.f:], dz[oy*d.outRow:(oy+1)*d.outRow])
			}
			d.padInput(b.xp, l.x[s*d.inImg:(s+1)*d.inImg])
			directconv.KernelGrad(dw, b.xp, b.dzf, d.n, d.wp, d.k, d.c, d.f)
			if !l.needDx {
				continue
			}
			for oy := range d.outH {
				copy(b.dzp[((oy+d.qT)*d.wq+d.qL)*d.f:], dz[oy*d.outRow:(oy+1)*d.outRow])
			}
			directconv.Forward(b.dxz, b.dzp, l.wf, d.nqr, d.wq, d.k, d.f, d.c)
			dx := l.dx[s*d.inImg : (s+1)*d.inImg]
			for iy := range d.inH {
				copy(dx[iy*d.inRow:(iy+1)*d.inRow], b.dxz[iy*d.wq*d.c:])
			}
		}
	}
}
