package vec

import "math"

// BCESum returns the binary cross-entropy summed over p against targets y,
// −Σ t·ln q + (1−t)·ln(1−q) with q = p clipped to [eps, 1−eps] and t = y,
// in float64. The logarithms are float32 (Logf, within 2 ulp) and each
// value's term is the same float32 computation in assembly and in Go, so
// only the order of the float64 sum differs. A NaN in p gives a NaN sum.
func BCESum(p, y []float32, eps float32) float64 {
	y = y[:len(p)]
	n := 0
	var s float64
	if useAsm && bceAsm {
		n = len(p) &^ 7
		if n > 0 {
			s = bceSumBulk(p[:n], y[:n], eps)
		}
	}
	return s + bceSumGo(p[n:], y[n:], eps)
}

// bceSumGo is BCESum's reference.
func bceSumGo(p, y []float32, eps float32) float64 {
	hi := 1 - eps
	var s float64
	for i, v := range p {
		q := min(max(v, eps), hi)
		t := y[i]
		term := float32(t*Logf(q)) + float32((1-t)*Logf(1-q))
		if q != q {
			term = float32(math.NaN())
		}
		s -= float64(term)
	}
	return s
}

// The constants of Logf (Cephes's logf): the polynomial p0…p8 of the
// mantissa, and ln 2 split into q2 + q1 for the exponent.
const (
	logSqrtHalf = 0.707106781186547524
	logP0       = 7.0376836292e-2
	logP1       = -1.1514610310e-1
	logP2       = 1.1676998740e-1
	logP3       = -1.2420140846e-1
	logP4       = 1.4249322787e-1
	logP5       = -1.6668057665e-1
	logP6       = 2.0000714765e-1
	logP7       = -2.4999993993e-1
	logP8       = 3.3333331174e-1
	logQ1       = -2.12194440e-4
	logQ2       = 0.693359375
)

// Logf returns the natural logarithm of a positive, normal float32 x
// within 2 ulp, by Cephes's method: x = m·2^e with m in [√½, √2), and
// ln x = (m−1) − (m−1)²/2 + (m−1)³·P(m−1) + e·ln 2. It is the exact float32
// operation sequence of the assembly kernels, one rounding per operation.
// For zero, negative, subnormal, infinite or NaN x the result is
// meaningless; BCESum clips its arguments first.
func Logf(x float32) float32 {
	b := math.Float32bits(x)
	e := float32(int32(b>>23) - 126)
	m := math.Float32frombits(b&0x807fffff | 0x3f000000) // in [0.5, 1)
	lt := m < logSqrtHalf
	t := float32(0)
	if lt {
		t = m
		e--
	}
	m = float32(m-1) + t
	z := float32(m * m)
	y := float32(logP0 * m)
	for _, c := range [...]float32{logP1, logP2, logP3, logP4, logP5, logP6, logP7, logP8} {
		y = float32(float32(y+c) * m)
	}
	y = float32(y * z)
	y = float32(y + float32(e*logQ1))
	y = float32(y - float32(0.5*z))
	r := float32(m + y)
	return float32(r + float32(e*logQ2))
}

// logTab holds the constants of the vectorised Logf, each broadcast to 8
// lanes (see vec_amd64.s for the layout).
var logTab = func() (t [16][8]uint32) {
	for k, v := range [16]uint32{
		0x807fffff, 0x3f000000, 126, math.Float32bits(logSqrtHalf), math.Float32bits(1),
		math.Float32bits(logP0), math.Float32bits(logP1), math.Float32bits(logP2),
		math.Float32bits(logP3), math.Float32bits(logP4), math.Float32bits(logP5),
		math.Float32bits(logP6), math.Float32bits(logP7), math.Float32bits(logP8),
		math.Float32bits(logQ1), math.Float32bits(logQ2),
	} {
		for i := range t[k] {
			t[k][i] = v
		}
	}
	return t
}()
