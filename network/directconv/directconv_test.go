package directconv

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// shape is one convolution the tests run.
type shape struct{ n, wp, k, c, f int }

// shapes covers every kernel: lane groups of 16 and 8, one and many input
// channels (T3 and T8 chunks), one output channel of 16 and 32 inputs,
// pixel counts with and without a partial block, and shapes no kernel takes.
var shapes = []shape{
	{n: 28 * 30, wp: 30, k: 3, c: 1, f: 16},
	{n: 28 * 30, wp: 30, k: 3, c: 1, f: 32},
	{n: 14 * 16, wp: 16, k: 3, c: 16, f: 8},
	{n: 7 * 9, wp: 9, k: 3, c: 8, f: 8},
	{n: 14 * 16, wp: 16, k: 3, c: 8, f: 16},
	{n: 14 * 16, wp: 16, k: 3, c: 32, f: 32},
	{n: 28 * 30, wp: 30, k: 3, c: 16, f: 1},
	{n: 28 * 30, wp: 30, k: 3, c: 32, f: 1},
	{n: 27, wp: 9, k: 3, c: 16, f: 1}, // an odd pixel count: AVX2 takes pairs
	{n: 28 * 30, wp: 30, k: 3, c: 1, f: 32},
	{n: 5, wp: 6, k: 3, c: 3, f: 24},
	{n: 37, wp: 10, k: 3, c: 3, f: 24},
	{n: 40, wp: 8, k: 3, c: 2, f: 8},
	{n: 26, wp: 9, k: 3, c: 16, f: 40},
	{n: 30, wp: 8, k: 2, c: 4, f: 16},
	{n: 30, wp: 8, k: 3, c: 8, f: 1},
	{n: 30, wp: 8, k: 3, c: 5, f: 7},
}

// randoms returns n values in [-1, 1).
func randoms(rng *rand.Rand, n int) []float32 {
	v := make([]float32, n)
	for i := range v {
		v[i] = 2*rng.Float32() - 1
	}
	return v
}

// naive computes Forward and KernelGrad from the definition in float64.
func naive(xp, w, dz []float32, s shape) (z, dw []float64) {
	z = make([]float64, s.n*s.f)
	dw = make([]float64, len(w))
	for p := range s.n {
		for ky := range s.k {
			for kx := range s.k {
				for ch := range s.c {
					x := float64(xp[p*s.c+ky*s.wp*s.c+kx*s.c+ch])
					for o := range s.f {
						wi := ((ky*s.k+kx)*s.c+ch)*s.f + o
						z[p*s.f+o] += x * float64(w[wi])
						dw[wi] += x * float64(dz[p*s.f+o])
					}
				}
			}
		}
	}
	return z, dw
}

// closeTo fails unless got matches want within a tolerance scaled by the
// terms summed.
func closeTo(t *testing.T, what string, got []float32, want []float64, terms int) {
	t.Helper()
	tol := 1e-6 * float64(terms)
	for i, w := range want {
		if d := math.Abs(float64(got[i]) - w); d > tol*(1+math.Abs(w)) || math.IsNaN(float64(got[i])) {
			t.Fatalf("%s[%d] = %v, want %v", what, i, got[i], w)
		}
	}
}

// withAsm runs fn with each kernel set the CPU has and the reference,
// naming each.
func withAsm(t *testing.T, fn func(t *testing.T)) {
	t.Helper()
	for _, k := range []kernelKind{kindGo, kindAVX2, kindAVX512} {
		t.Run(k.String(), func(t *testing.T) {
			if !canRun(k) {
				t.Skipf("this CPU or build cannot run the %s kernels: they are untested here", k)
			}
			defer func(old kernelKind) { kind = old }(kind)
			kind = k
			fn(t)
		})
	}
}

func TestForwardAndKernelGrad(t *testing.T) {
	withAsm(t, func(t *testing.T) {
		for _, s := range shapes {
			t.Run(fmt.Sprintf("n%d_wp%d_k%d_c%d_f%d", s.n, s.wp, s.k, s.c, s.f), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(uint64(s.n), uint64(s.c*100+s.f)))
				xp := randoms(rng, InLen(s.n, s.wp, s.k, s.c))
				w := randoms(rng, s.k*s.k*s.c*s.f)
				dz := randoms(rng, s.n*s.f)
				zWant, dwWant := naive(xp, w, dz, s)

				z := make([]float32, s.n*s.f+s.f)
				for i := range z {
					z[i] = float32(math.NaN())
				}
				Forward(z, xp, w, s.n, s.wp, s.k, s.c, s.f)
				closeTo(t, "z", z, zWant, s.k*s.k*s.c)
				if !math.IsNaN(float64(z[s.n*s.f])) {
					t.Errorf("Forward wrote past n pixels: z[%d] = %v", s.n*s.f, z[s.n*s.f])
				}

				// KernelGrad adds: start from 1 everywhere.
				dw := make([]float32, len(w))
				for i := range dw {
					dw[i] = 1
					dwWant[i]++
				}
				KernelGrad(dw, xp, dz, s.n, s.wp, s.k, s.c, s.f)
				closeTo(t, "dw", dw, dwWant, s.n)
			})
		}
	})
}

func TestFast(t *testing.T) {
	if !canRun(kindAVX512) {
		t.Skip("this CPU has no AVX-512F and VL: Fast is not what this test expects")
	}
	defer func(old kernelKind) { kind = old }(kind)
	kind = kindAVX512
	for _, tc := range []struct {
		k, c, f int
		want    bool
	}{
		{3, 1, 16, true},
		{3, 16, 8, true},
		{3, 3, 24, true},
		{3, 16, 1, true},
		{3, 32, 1, true},
		{3, 8, 1, false},
		{3, 5, 7, false},
		{5, 8, 16, false},
	} {
		if got := Fast(tc.k, tc.c, tc.f); got != tc.want {
			t.Errorf("Fast(%d, %d, %d) = %v, want %v", tc.k, tc.c, tc.f, got, tc.want)
		}
	}
}

func TestShapePanics(t *testing.T) {
	for _, tc := range []struct {
		name string
		fn   func()
	}{
		{"short input", func() { Forward(make([]float32, 16), make([]float32, 8), make([]float32, 9*16), 1, 3, 3, 1, 16) }},
		{"short output", func() { Forward(make([]float32, 15), make([]float32, 9), make([]float32, 9*16), 1, 3, 3, 1, 16) }},
		{"kernel size", func() { KernelGrad(make([]float32, 9), make([]float32, 9), make([]float32, 16), 1, 3, 3, 1, 16) }},
		{"window wider than row", func() { Forward(make([]float32, 16), make([]float32, 99), make([]float32, 9*16), 1, 2, 3, 1, 16) }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			tc.fn()
		})
	}
}

func TestFastAVX2(t *testing.T) {
	if !canRun(kindAVX2) {
		t.Skip("this CPU has no AVX2 and FMA")
	}
	defer func(old kernelKind) { kind = old }(kind)
	kind = kindAVX2
	for _, tc := range []struct {
		k, c, f int
		want    bool
	}{
		{3, 1, 16, true}, {3, 16, 8, true}, {3, 3, 24, true}, {3, 16, 1, true}, {3, 32, 1, true}, {3, 8, 1, false}, {5, 8, 16, false},
	} {
		if got := Fast(tc.k, tc.c, tc.f); got != tc.want {
			t.Errorf("AVX2: Fast(%d, %d, %d) = %v, want %v", tc.k, tc.c, tc.f, got, tc.want)
		}
	}
}

func TestUseKernels(t *testing.T) {
	sets := KernelSets()
	if sets[0] != "go" {
		t.Fatalf("KernelSets() = %v, want the reference first", sets)
	}
	for _, name := range sets {
		restore := UseKernels(name)
		if got := kind.String(); got != name {
			t.Errorf("UseKernels(%q): kind %s", name, got)
		}
		restore()
	}
	defer func() {
		if recover() == nil {
			t.Error("UseKernels of an unknown set did not panic")
		}
	}()
	UseKernels("sse")
}
