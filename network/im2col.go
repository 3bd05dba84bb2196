package network

import "fmt"

// Padding modes of convolution and pooling layers, named as in Keras.
const (
	paddingSame  = "same"
	paddingValid = "valid"
)

// parsePadding maps a spec padding to same (true) or valid (false); "" means
// valid, the Keras default.
func parsePadding(p string) (same bool, err error) {
	switch p {
	case paddingSame:
		return true, nil
	case paddingValid, "":
		return false, nil
	}
	return false, fmt.Errorf("unknown padding %q (want same or valid)", p)
}

// windowOutput returns the number of positions of a window of size k moved
// with the given stride over in cells, and the padding before the first
// cell, with TensorFlow's rules:
//
//	same:  out = ceil(in/stride), total pad = max((out-1)·stride + k - in, 0),
//	       pad before = total/2 (the odd cell goes after)
//	valid: out = floor((in-k)/stride) + 1, no padding (0 when k > in)
func windowOutput(in, k, stride int, same bool) (out, before int) {
	out, before, _ = windowPadding(in, k, stride, same)
	return out, before
}

// windowPadding is windowOutput with the padding after the image too.
func windowPadding(in, k, stride int, same bool) (out, before, after int) {
	if same {
		out = (in + stride - 1) / stride
		total := max((out-1)*stride+k-in, 0)
		return out, total / 2, total - total/2
	}
	if k > in {
		return 0, 0, 0
	}
	return (in-k)/stride + 1, 0, 0
}

// imageShape returns the height, width and channels of a per-sample shape,
// or an error telling the user to reshape a flat input.
func imageShape(s Shape) (h, w, c int, err error) {
	if len(s) != 3 {
		return 0, 0, 0, fmt.Errorf("needs a height×width×channels input, got %s: add a reshape layer", s)
	}
	return s[0], s[1], s[2], nil
}

// convGeom is the geometry shared by im2col and col2im: an image of
// inH×inW×inC (NHWC, one sample) seen through a k×k window moved with a
// stride over an outH×outW grid, with padT rows and padL columns of zeros
// before the image. One patch is a row of k·k·inC values ordered (ky, kx, c),
// the order of a Keras kernel [k, k, inC, filters] flattened to a matrix of
// k·k·inC rows.
type convGeom struct {
	inH, inW, inC int
	outH, outW    int
	k, stride     int
	padT, padL    int
}

// newConvGeom returns the geometry of a k×k window with the given stride
// and padding over an h×w×c image.
func newConvGeom(h, w, c, k, stride int, same bool) convGeom {
	g := convGeom{inH: h, inW: w, inC: c, k: k, stride: stride}
	g.outH, g.padT = windowOutput(h, k, stride, same)
	g.outW, g.padL = windowOutput(w, k, stride, same)
	return g
}

// adjoint returns the geometry of the stride-1 convolution of an output
// gradient (outH×outW×f) that gives the input gradient (inH×inW): the same
// k×k window with k-1-pad cells of padding before, cut to the input size.
// It panics unless the stride is 1.
func (g *convGeom) adjoint(f int) convGeom {
	if g.stride != 1 {
		panic("network: adjoint geometry of a strided convolution")
	}
	return convGeom{
		inH: g.outH, inW: g.outW, inC: f,
		outH: g.inH, outW: g.inW,
		k: g.k, stride: 1,
		padT: g.k - 1 - g.padT, padL: g.k - 1 - g.padL,
	}
}

// imageSize returns the number of values of one image.
func (g *convGeom) imageSize() int { return g.inH * g.inW * g.inC }

// patches returns the number of window positions, the rows of a column
// matrix.
func (g *convGeom) patches() int { return g.outH * g.outW }

// patchSize returns the number of values of one patch, the columns of a
// column matrix.
func (g *convGeom) patchSize() int { return g.k * g.k * g.inC }

// identity reports whether the column matrix of an image is the image
// itself (a 1×1 window with stride 1), so im2col and col2im can be skipped.
func (g *convGeom) identity() bool { return g.k == 1 && g.stride == 1 }

// kxRange returns the window columns [kx0, kx1) that fall inside the image
// for output column ox, and the image column of kx0.
func (g *convGeom) kxRange(ox int) (kx0, kx1, ix0 int) {
	ix := ox*g.stride - g.padL
	kx0 = max(0, -ix)
	kx1 = min(g.k, g.inW-ix)
	return kx0, max(kx0, kx1), ix + kx0
}

// im2col writes the patches of image x (one sample) into col, a
// patches()×patchSize() row-major matrix; cells outside the image are zero.
func (g *convGeom) im2col(col, x []float32) {
	k, c := g.k, g.inC
	rowLen := k * c
	col = col[:g.patches()*g.patchSize()]
	x = x[:g.imageSize()]
	r := 0
	for oy := range g.outH {
		iy0 := oy*g.stride - g.padT
		rowsInside := iy0 >= 0 && iy0+k <= g.inH
		for ox := range g.outW {
			kx0, kx1, ix0 := g.kxRange(ox)
			if rowsInside && c == 1 && k == 3 && kx1-kx0 == 3 {
				// A whole 3×3 window of a one-channel image: the first
				// layer of the presets.
				p := (*[9]float32)(col[r : r+9])
				s0 := iy0*g.inW + ix0
				a, b, d := x[s0:s0+3], x[s0+g.inW:s0+g.inW+3], x[s0+2*g.inW:s0+2*g.inW+3]
				p[0], p[1], p[2] = a[0], a[1], a[2]
				p[3], p[4], p[5] = b[0], b[1], b[2]
				p[6], p[7], p[8] = d[0], d[1], d[2]
				r += 9
				continue
			}
			for ky := range k {
				dst := col[r : r+rowLen]
				r += rowLen
				iy := iy0 + ky
				if iy < 0 || iy >= g.inH || kx0 == kx1 {
					clear(dst)
					continue
				}
				src := (iy*g.inW + ix0) * c
				if kx0 == 0 && kx1 == k {
					copyRow(dst, x[src:src+rowLen])
					continue
				}
				clear(dst[:kx0*c])
				copyRow(dst[kx0*c:kx1*c], x[src:src+(kx1-kx0)*c])
				clear(dst[kx1*c:])
			}
		}
	}
}

// copyRow copies src into dst (of the same length). The row lengths of
// the engine's 3×3 windows over 1, 8, 16 and 32 channels are copied as
// fixed-size arrays, which the compiler turns into a few vector moves; other
// short rows use a loop, which beats a memmove call, and long ones copy.
func copyRow(dst, src []float32) {
	switch len(src) {
	case 3:
		*(*[3]float32)(dst) = *(*[3]float32)(src)
	case 8:
		*(*[8]float32)(dst) = *(*[8]float32)(src)
	case 16:
		*(*[16]float32)(dst) = *(*[16]float32)(src)
	case 24:
		*(*[24]float32)(dst) = *(*[24]float32)(src)
	case 32:
		*(*[32]float32)(dst) = *(*[32]float32)(src)
	case 48:
		*(*[48]float32)(dst) = *(*[48]float32)(src)
	case 64:
		*(*[64]float32)(dst) = *(*[64]float32)(src)
	case 96:
		*(*[96]float32)(dst) = *(*[96]float32)(src)
	default:
		if len(src) > 32 {
			copy(dst, src)
			return
		}
		dst = dst[:len(src)]
		for i, v := range src {
			dst[i] = v
		}
	}
}

// addRow adds src into dst (of the same length), with the 8-value rows of
// 8-filter convolutions unrolled.
func addRow(dst, src []float32) {
	if len(src) == 8 {
		d, s := (*[8]float32)(dst), (*[8]float32)(src)
		d[0], d[1], d[2], d[3] = d[0]+s[0], d[1]+s[1], d[2]+s[2], d[3]+s[3]
		d[4], d[5], d[6], d[7] = d[4]+s[4], d[5]+s[5], d[6]+s[6], d[7]+s[7]
		return
	}
	dst = dst[:len(src)]
	for i, v := range src {
		dst[i] += v
	}
}

// col2im adds the patches in col (patches()×patchSize()) back into image x,
// each value to the cell it came from: the adjoint of im2col. x must be
// cleared first when it should hold only the sum of the patches.
func (g *convGeom) col2im(x, col []float32) {
	k, c := g.k, g.inC
	rowLen := k * c
	col = col[:g.patches()*g.patchSize()]
	x = x[:g.imageSize()]
	r := 0
	for oy := range g.outH {
		iy0 := oy*g.stride - g.padT
		for ox := range g.outW {
			kx0, kx1, ix0 := g.kxRange(ox)
			for ky := range k {
				src := col[r : r+rowLen]
				r += rowLen
				iy := iy0 + ky
				if iy < 0 || iy >= g.inH || kx0 == kx1 {
					continue
				}
				d := (iy*g.inW + ix0) * c
				dst := x[d : d+(kx1-kx0)*c]
				for i, v := range src[kx0*c : kx1*c] {
					dst[i] += v
				}
			}
		}
	}
}

// shiftGather sets each output row y[o] (f values, patches()×f in all) to
// the sum over the window positions (ky, kx) inside the image of the slice
// z[p, (ky·k+kx)·f : +f] of the input pixel p the position covers; z holds
// inH·inW rows of ld ≥ k·k·f values. It is the forward pass of a
// convolution computed as z = x·W' with W' the kernel as an inC × ld matrix.
func (g *convGeom) shiftGather(y, z []float32, f, ld int) {
	k := g.k
	kkf := ld
	y = y[:g.patches()*f]
	z = z[:g.inH*g.inW*kkf]
	if f == 1 {
		g.shiftGather1(y, z, ld)
		return
	}
	for oy := range g.outH {
		iy0 := oy*g.stride - g.padT
		for ox := range g.outW {
			kx0, kx1, ix0 := g.kxRange(ox)
			yo := y[(oy*g.outW+ox)*f : (oy*g.outW+ox+1)*f]
			clear(yo)
			for ky := range k {
				iy := iy0 + ky
				if iy < 0 || iy >= g.inH {
					continue
				}
				for kx := kx0; kx < kx1; kx++ {
					p := iy*g.inW + ix0 + kx - kx0
					addRow(yo, z[p*kkf+(ky*k+kx)*f:p*kkf+(ky*k+kx+1)*f])
				}
			}
		}
	}
}

// shiftScatter is the adjoint of shiftGather: it sets dz (inH·inW rows of
// ld ≥ k·k·f values) to the output gradients dy (patches()×f) at the slices
// shiftGather reads, and to zero elsewhere.
func (g *convGeom) shiftScatter(dz, dy []float32, f, ld int) {
	k := g.k
	kkf := ld
	dz = dz[:g.inH*g.inW*kkf]
	dy = dy[:g.patches()*f]
	clear(dz)
	if f == 1 {
		g.shiftScatter1(dz, dy, ld)
		return
	}
	for oy := range g.outH {
		iy0 := oy*g.stride - g.padT
		for ox := range g.outW {
			kx0, kx1, ix0 := g.kxRange(ox)
			src := dy[(oy*g.outW+ox)*f : (oy*g.outW+ox+1)*f]
			for ky := range k {
				iy := iy0 + ky
				if iy < 0 || iy >= g.inH {
					continue
				}
				for kx := kx0; kx < kx1; kx++ {
					p := iy*g.inW + ix0 + kx - kx0
					copyRow(dz[p*kkf+(ky*k+kx)*f:p*kkf+(ky*k+kx+1)*f], src)
				}
			}
		}
	}
}

// shiftGather1 is shiftGather for one filter: each output is a scalar sum,
// kept in a register and added in the same (ky, kx) order.
func (g *convGeom) shiftGather1(y, z []float32, ld int) {
	k := g.k
	for oy := range g.outH {
		iy0 := oy*g.stride - g.padT
		ky0, ky1 := max(0, -iy0), min(k, g.inH-iy0)
		yr := y[oy*g.outW : (oy+1)*g.outW]
		for ox := range yr {
			kx0, kx1, ix0 := g.kxRange(ox)
			var sum float32
			for ky := ky0; ky < ky1; ky++ {
				i := ((iy0+ky)*g.inW+ix0)*ld + ky*k + kx0
				for range kx1 - kx0 {
					sum += z[i]
					i += ld + 1
				}
			}
			yr[ox] = sum
		}
	}
}

// shiftScatter1 is shiftScatter for one filter, writing scalars into the
// already cleared dz.
func (g *convGeom) shiftScatter1(dz, dy []float32, ld int) {
	k := g.k
	for oy := range g.outH {
		iy0 := oy*g.stride - g.padT
		ky0, ky1 := max(0, -iy0), min(k, g.inH-iy0)
		dr := dy[oy*g.outW : (oy+1)*g.outW]
		for ox, v := range dr {
			kx0, kx1, ix0 := g.kxRange(ox)
			for ky := ky0; ky < ky1; ky++ {
				i := ((iy0+ky)*g.inW+ix0)*ld + ky*k + kx0
				for range kx1 - kx0 {
					dz[i] = v
					i += ld + 1
				}
			}
		}
	}
}

// colBudget is the number of float32 values a worker's column buffer holds
// at most (1 MiB) unless a single sample needs more.
const colBudget = 1 << 18
