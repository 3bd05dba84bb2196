package vec

import "math"

// The references round every float32 product on its own: a conversion
// float32(a*b) keeps the compiler from fusing a*b+c into one multiply-add,
// which Go allows and does on arm64 (and on amd64 with GOAMD64=v3). The
// assembly kernels, which never fuse, then match the references bit for bit
// on every architecture, and so do the results of one build and another.

// expConst holds the float32 constants of Cephes's single-precision exp,
// shared by the reference and, broadcast, by the assembly.
const (
	expLog2e = 1.44269504088896341
	expC1    = 0.693359375
	expC2    = -2.12194440e-4
	expHi    = 88.3762626647949
	expP0    = 1.9875691500e-4
	expP1    = 1.3981999507e-3
	expP2    = 8.3334519073e-3
	expP3    = 4.1665795894e-2
	expP4    = 1.6666665459e-1
	expP5    = 5.0000001201e-1
)

// Expf returns e^x in float32 with a relative error below 2e-7 (Cephes's
// single-precision exp: range reduction by ln 2 and a degree-5 polynomial).
// Inputs are clamped to ±88.3, where float32 e^x would overflow or become
// denormal; that is harmless for the activations that use it.
func Expf(x float32) float32 {
	x = min(max(x, -expHi), expHi)
	fx := float32(x*expLog2e) + 0.5
	n := float32(int32(fx))
	if n > fx {
		n-- // floor for negative fx
	}
	x = x - float32(n*expC1) - float32(n*expC2)
	y := float32(expP0)
	y = float32(y*x) + expP1
	y = float32(y*x) + expP2
	y = float32(y*x) + expP3
	y = float32(y*x) + expP4
	y = float32(y*x) + expP5
	y = float32(y*x*x) + x + 1
	return y * math.Float32frombits(uint32(int32(n)+127)<<23)
}

// SigmoidScalar is the logistic function 1/(1+e^-v), finite for every input.
func SigmoidScalar(v float32) float32 { return 1 / (1 + Expf(-v)) }

func sigmoidGo(x []float32) {
	for i, v := range x {
		x[i] = SigmoidScalar(v)
	}
}

func reluGo(x []float32) {
	for i, v := range x {
		x[i] = max(v, 0)
	}
}

// reluMask returns all ones if y > 0 and zero otherwise: for y ≤ 0 (−0
// included) and for NaN, the derivative of TensorFlow's ReluGrad
// (gradient·(y > 0)). It works on the bits, without a branch: as an int32,
// y > 0 exactly when its bits lie in [1, bits(+Inf)], which it tests with
// the signs of two int64 differences.
func reluMask(y float32) uint32 {
	s := int64(int32(math.Float32bits(y)))
	return uint32((-s & (s - 0x7f800001)) >> 63)
}

// reluBackwardGo is the reference of ReLUBackward and of the masking in
// ReLUBackwardBias.
func reluBackwardGo(dz, dy, y []float32) {
	dz, y = dz[:len(dy)], y[:len(dy)]
	for i, g := range dy {
		dz[i] = math.Float32frombits(math.Float32bits(g) & reluMask(y[i]))
	}
}

func sigmoidBackwardGo(dz, dy, y []float32) {
	dz, y = dz[:len(dy)], y[:len(dy)]
	for i, g := range dy {
		dz[i] = g * y[i] * (1 - y[i])
	}
}

func addGo(dst, src []float32) {
	src = src[:len(dst)]
	for i, v := range src {
		dst[i] += v
	}
}

func sumSqDiffGo(p, y []float32) float64 {
	y = y[:len(p)]
	var s float64
	for i, v := range p {
		d := float64(v) - float64(y[i])
		s += d * d
	}
	return s
}

func mseGradGo(g, p, y []float32, inv float32) float64 {
	g, y = g[:len(p)], y[:len(p)]
	var s float64
	for i, v := range p {
		d := float64(v) - float64(y[i])
		s += d * d
		g[i] = 2 * (v - y[i]) * inv
	}
	return s
}

func mseSigmoidGradGo(dz, p, y []float32, inv float32) float64 {
	dz, y = dz[:len(p)], y[:len(p)]
	var s float64
	for i, v := range p {
		d := float64(v) - float64(y[i])
		s += d * d
		g := 2 * (v - y[i]) * inv
		dz[i] = g * v * (1 - v)
	}
	return s
}

func sqrt32(x float32) float32 { return float32(math.Sqrt(float64(x))) }

func adamGo(w, g, m, v []float32, b1, b2, lrt, eps float32) {
	g, m, v = g[:len(w)], m[:len(w)], v[:len(w)]
	for i, gi := range g {
		mi := float32(b1*m[i]) + float32((1-b1)*gi)
		vi := float32(b2*v[i]) + float32((1-b2)*gi*gi)
		m[i], v[i] = mi, vi
		w[i] -= lrt * mi / (sqrt32(vi) + eps)
	}
}

func adadeltaGo(w, g, a, d []float32, rho, eps, lr float32) {
	g, a, d = g[:len(w)], a[:len(w)], d[:len(w)]
	for i, gi := range g {
		a[i] = float32(rho*a[i]) + float32((1-rho)*gi*gi)
		u := gi * sqrt32(d[i]+eps) / sqrt32(a[i]+eps)
		d[i] = float32(rho*d[i]) + float32((1-rho)*u*u)
		w[i] -= float32(lr * u)
	}
}

func rmspropGo(w, g, a []float32, rho, eps, lr float32) {
	g, a = g[:len(w)], a[:len(w)]
	for i, gi := range g {
		a[i] = float32(rho*a[i]) + float32((1-rho)*gi*gi)
		w[i] -= lr * gi / (sqrt32(a[i]) + eps)
	}
}

// biasReLUGo is the reference of BiasReLU.
func biasReLUGo(y, b []float32) {
	f := len(b)
	for i := 0; i < len(y); i += f {
		row := y[i : i+f]
		for j, v := range b[:len(row)] {
			row[j] = max(row[j]+v, 0)
		}
	}
}

// reluBackwardBiasGo is the reference of ReLUBackwardBias.
func reluBackwardBiasGo(dy, y, db []float32) {
	reluBackwardGo(dy, dy, y)
	f := len(db)
	for i := 0; i < len(dy); i += f {
		row := dy[i : i+f]
		for j, v := range row {
			db[j] += v
		}
	}
}

// upsample2RowGo is the reference of Upsample2Row.
func upsample2RowGo(d, top, bot []float32, c int) {
	for ix := range len(d) / c {
		o := ix * c
		t0, t1 := top[2*o:2*o+c], top[2*o+c:2*o+2*c]
		b0, b1 := bot[2*o:2*o+c], bot[2*o+c:2*o+2*c]
		dd := d[o : o+c]
		for ch := range dd {
			dd[ch] = t0[ch] + t1[ch] + b0[ch] + b1[ch]
		}
	}
}

// pool2x2RowGo is the reference of Pool2x2Row.
func pool2x2RowGo(y []float32, arg []int32, x []float32, first, rowLen, c int) {
	for j := range len(y) / c {
		pool2x2Go(y[j*c:(j+1)*c], arg[j*c:(j+1)*c], x, first+2*j*c, rowLen)
	}
}

// pool2x2Go sets y and arg (c = len(y) channels) to the maxima of the full
// 2×2 window whose top-left cell starts at x[first] (rows rowLen values
// apart) and to their indices. It keeps the running maximum in registers
// and visits the cells in row order with the comparisons of a general
// pooling loop, so the results are identical to one (ties go to the
// earlier cell; NaN propagates as max does).
func pool2x2Go(y []float32, arg []int32, x []float32, first, rowLen int) {
	c := len(y)
	arg = arg[:c]
	r0 := x[first : first+2*c]
	r1 := x[first+rowLen : first+rowLen+2*c]
	i0, i1 := int32(first), int32(first+rowLen)
	for ch := range c {
		m, a := r0[ch], i0+int32(ch)
		v := r0[c+ch]
		if v > m {
			a = i0 + int32(c+ch)
		}
		m = max(v, m)
		v = r1[ch]
		if v > m {
			a = i1 + int32(ch)
		}
		m = max(v, m)
		v = r1[c+ch]
		if v > m {
			a = i1 + int32(c+ch)
		}
		y[ch], arg[ch] = max(v, m), a
	}
}
