package vec

// Each kernel runs the bulk kernel (assembly when available) over the
// largest multiple of 8 values that bulk allows and the reference over the
// rest.

// Sigmoid overwrites x with 1/(1+e^-x), element-wise.
func Sigmoid(x []float32) {
	n := bulk(len(x))
	w := wide(n)
	if w > 0 {
		sigmoidBulk512(x[:w])
	}
	if n > w {
		sigmoidBulk(x[w:n])
	}
	sigmoidGo(x[n:])
}

// ReLU overwrites x with max(x, 0), element-wise.
func ReLU(x []float32) {
	n := bulk(len(x))
	if n > 0 {
		reluBulk(x[:n])
	}
	reluGo(x[n:])
}

// ReLUBackward sets dz to dy where y > 0 and to 0 elsewhere, for the
// len(dy) values: the gradient through a ReLU whose output is y. As in
// TensorFlow's ReluGrad, "elsewhere" includes y = −0 and y = NaN: a NaN
// output stops its gradient (the loss is NaN anyway). The mask is applied
// to the bits, so a passed dy keeps its sign, zero sign and NaN payload.
// dz and dy may be the same slice.
func ReLUBackward(dz, dy, y []float32) {
	n := bulk(len(dy))
	if n > 0 {
		reluBackwardBulk(dz[:n], dy[:n], y[:n])
	}
	reluBackwardGo(dz[n:], dy[n:], y[n:])
}

// SigmoidBackward sets dz = dy·y·(1−y), the gradient through a sigmoid whose
// output is y, for the len(dy) values. dz and dy may be the same slice.
func SigmoidBackward(dz, dy, y []float32) {
	n := bulk(len(dy))
	if n > 0 {
		sigmoidBackwardBulk(dz[:n], dy[:n], y[:n])
	}
	sigmoidBackwardGo(dz[n:], dy[n:], y[n:])
}

// Add adds src to dst element-wise over len(dst) values.
func Add(dst, src []float32) {
	n := bulk(len(dst))
	if n > 0 {
		addBulk(dst[:n], src[:n])
	}
	addGo(dst[n:], src[n:])
}

// SumSqDiff returns Σ(p−y)² over len(p) values, accumulated in float64.
func SumSqDiff(p, y []float32) float64 {
	n := bulk(len(p))
	var s float64
	if n > 0 {
		s = sumSqDiffBulk(p[:n], y[:n])
	}
	return s + sumSqDiffGo(p[n:], y[n:])
}

// MSEGrad writes g = 2(p−y)·inv, the gradient of the mean squared error
// when inv is 1/len(p), and returns Σ(p−y)² accumulated in float64.
func MSEGrad(g, p, y []float32, inv float32) float64 {
	n := bulk(len(p))
	var s float64
	if n > 0 {
		s = mseGradBulk(g[:n], p[:n], y[:n], inv)
	}
	return s + mseGradGo(g[n:], p[n:], y[n:], inv)
}

// MSESigmoidGrad is MSEGrad followed by SigmoidBackward with y = p in one
// pass: it writes dz = 2(p−y)·inv·p·(1−p), the mean squared error's gradient
// with respect to the input of a sigmoid whose output is p, and returns
// Σ(p−y)² accumulated in float64.
func MSESigmoidGrad(dz, p, y []float32, inv float32) float64 {
	n := bulk(len(p))
	var s float64
	if n > 0 {
		s = mseSigmoidGradBulk(dz[:n], p[:n], y[:n], inv)
	}
	return s + mseSigmoidGradGo(dz[n:], p[n:], y[n:], inv)
}

// Adam applies the Keras 2 Adam update to the len(w) weights w with
// gradients g and moments m and v:
//
//	m = b1·m + (1−b1)·g
//	v = b2·v + (1−b2)·g²
//	w = w − lrt·m/(√v + eps)
func Adam(w, g, m, v []float32, b1, b2, lrt, eps float32) {
	n := bulk(len(w))
	if n > 0 {
		adamBulk(w[:n], g[:n], m[:n], v[:n], b1, b2, lrt, eps)
	}
	adamGo(w[n:], g[n:], m[n:], v[n:], b1, b2, lrt, eps)
}

// Adadelta applies the Keras 2 Adadelta update to the len(w) weights w with
// gradients g and accumulators a and d:
//
//	a = ρ·a + (1−ρ)·g²
//	u = g·√(d + eps)/√(a + eps)
//	d = ρ·d + (1−ρ)·u²
//	w = w − lr·u
func Adadelta(w, g, a, d []float32, rho, eps, lr float32) {
	n := bulk(len(w))
	if n > 0 {
		adadeltaBulk(w[:n], g[:n], a[:n], d[:n], rho, eps, lr)
	}
	adadeltaGo(w[n:], g[n:], a[n:], d[n:], rho, eps, lr)
}

// RMSprop applies the Keras 2 RMSprop update to the len(w) weights w with
// gradients g and accumulator a:
//
//	a = ρ·a + (1−ρ)·g²
//	w = w − lr·g/(√a + eps)
func RMSprop(w, g, a []float32, rho, eps, lr float32) {
	n := bulk(len(w))
	if n > 0 {
		rmspropBulk(w[:n], g[:n], a[:n], rho, eps, lr)
	}
	rmspropGo(w[n:], g[n:], a[n:], rho, eps, lr)
}
