package network

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestBCESumExact checks the binary cross-entropy sum, clipped in float32
// as Keras does and with float32 logarithms, against the formula in
// float64.
func TestBCESumExact(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 1))
	p, y := make([]float32, 1000), make([]float32, 1000)
	for i := range p {
		p[i] = r.Float32()
		switch i % 4 {
		case 0:
			y[i] = 0
		case 1:
			y[i] = 1
		default:
			y[i] = r.Float32()
		}
	}
	p[0], p[1], p[2], p[3] = 0, 1, 1e-9, 1-1e-9
	var want float64
	for i, v := range p {
		q := min(max(v, bceEpsilon), 1-bceEpsilon)
		t := float64(y[i])
		want -= t*math.Log(float64(q)) + (1-t)*math.Log(float64(1-q))
	}
	if got := BinaryCrossentropy.sum(p, y); math.Abs(got-want) > 1e-6*want {
		t.Errorf("sum = %.17g, want %.17g", got, want)
	}
}

// TestMSESumGrad checks the fused MSE value and gradient against the
// separate passes.
func TestMSESumGrad(t *testing.T) {
	r := rand.New(rand.NewPCG(2, 2))
	for _, n := range []int{1, 7, 8, 9, 1000} {
		p, y := make([]float32, n), make([]float32, n)
		for i := range p {
			p[i], y[i] = r.Float32(), r.Float32()
		}
		for _, l := range Losses {
			g1, g2 := make([]float32, n), make([]float32, n)
			l.grad(g1, p, y, 1/float32(n))
			s := l.sumGrad(g2, p, y, 1/float32(n))
			if want := l.sum(p, y); math.Abs(s-want) > 1e-12*want {
				t.Errorf("%s n=%d: sumGrad = %v, want %v", l, n, s, want)
			}
			for i := range g1 {
				if g1[i] != g2[i] {
					t.Fatalf("%s n=%d: g[%d] = %v, want %v", l, n, i, g2[i], g1[i])
				}
			}
		}
	}
}
