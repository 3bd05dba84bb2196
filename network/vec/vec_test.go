package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

var testLengths = []int{0, 1, 7, 8, 9, 15, 16, 17, 1000}

// kernelModes runs f with the assembly kernels (AVX2 alone, then with the AVX-512 ones, where built and the CPU has them) and without.
func kernelModes(t *testing.T, f func(t *testing.T)) {
	t.Helper()
	type mode struct {
		name        string
		asm, avx512 bool
	}
	modes := []mode{{"purego", false, false}}
	if HasAsm && useAsm {
		modes = append(modes, mode{"asm", true, false})
		if useAVX512 {
			modes = append(modes, mode{"asm_avx512", true, true})
		}
	}
	savedAsm, saved512 := useAsm, useAVX512
	defer func() { useAsm, useAVX512 = savedAsm, saved512 }()
	for _, m := range modes {
		useAsm, useAVX512 = m.asm, m.avx512
		t.Run(m.name, f)
	}
}

// randSlice returns n values in [lo, hi) with a few special values mixed in.
func randSlice(r *rand.Rand, n int, lo, hi float32) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = lo + (hi-lo)*r.Float32()
		switch r.IntN(40) {
		case 0:
			x[i] = 0
		case 1:
			x[i] = float32(math.Copysign(0, -1))
		}
	}
	return x
}

func sameBits(t *testing.T, what string, got, want []float32) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s: len %d, want %d", what, len(got), len(want))
	}
	for i := range got {
		if math.Float32bits(got[i]) != math.Float32bits(want[i]) {
			t.Fatalf("%s[%d] of %d = %v (%#x), want %v (%#x)", what, i, len(got), got[i], math.Float32bits(got[i]), want[i], math.Float32bits(want[i]))
		}
	}
}

func closeSum(t *testing.T, what string, got, want float64) {
	t.Helper()
	if math.Abs(got-want) > 1e-12*math.Abs(want)+1e-300 {
		t.Fatalf("%s = %.17g, want %.17g", what, got, want)
	}
}

func clone(x []float32) []float32 { return append([]float32(nil), x...) }

func TestUnary(t *testing.T) {
	for _, tc := range []struct {
		name   string
		lo, hi float32
		f, ref func([]float32)
	}{
		{"sigmoid", -100, 100, Sigmoid, sigmoidGo},
		{"sigmoid_small", -8, 8, Sigmoid, sigmoidGo},
		{"relu", -1, 1, ReLU, reluGo},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kernelModes(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(1, 2))
				for _, n := range testLengths {
					x := randSlice(r, n, tc.lo, tc.hi)
					want := clone(x)
					tc.ref(want)
					tc.f(x)
					sameBits(t, tc.name, x, want)
				}
			})
		})
	}
}

func TestSigmoidSpecial(t *testing.T) {
	kernelModes(t, func(t *testing.T) {
		in := []float32{0, -0.0, 88.3, -88.3, 88.4, -88.4, 89, -89, 1e30, -1e30,
			float32(math.Inf(1)), float32(math.Inf(-1)), 1e-30, -1e-30, 0.5, -0.5}
		x := clone(in)
		Sigmoid(x)
		for i, v := range in {
			if want := SigmoidScalar(v); math.Float32bits(x[i]) != math.Float32bits(want) {
				t.Errorf("Sigmoid(%v) = %v, want %v", v, x[i], want)
			}
		}
		nan := make([]float32, 9)
		nan[3] = float32(math.NaN())
		Sigmoid(nan)
		if !math.IsNaN(float64(nan[3])) {
			t.Errorf("Sigmoid(NaN) = %v, want NaN", nan[3])
		}
	})
}

func TestExpf(t *testing.T) {
	for _, x := range []float32{-80, -10, -1, -0.1, 0, 0.1, 1, 10, 80} {
		got, want := float64(Expf(x)), math.Exp(float64(x))
		if math.Abs(got-want) > 3e-7*want {
			t.Errorf("Expf(%v) = %v, want %v", x, got, want)
		}
	}
}

func TestBackward(t *testing.T) {
	for _, tc := range []struct {
		name   string
		lo, hi float32
		f, ref func(dz, dy, y []float32)
	}{
		{"relu", -1, 1, ReLUBackward, reluBackwardGo},
		{"sigmoid", 0, 1, SigmoidBackward, sigmoidBackwardGo},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kernelModes(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(3, 4))
				for _, n := range testLengths {
					dy := randSlice(r, n, -1, 1)
					y := randSlice(r, n, tc.lo, tc.hi)
					want := make([]float32, n)
					tc.ref(want, dy, y)
					got := make([]float32, n)
					tc.f(got, dy, y)
					sameBits(t, tc.name, got, want)
					tc.f(dy, dy, y) // in place
					sameBits(t, tc.name+" in place", dy, want)
				}
			})
		})
	}
}

func TestAdd(t *testing.T) {
	kernelModes(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(5, 6))
		for _, n := range testLengths {
			dst, src := randSlice(r, n, -1, 1), randSlice(r, n, -1, 1)
			want := clone(dst)
			addGo(want, src)
			Add(dst, src)
			sameBits(t, "add", dst, want)
		}
	})
}

func TestLoss(t *testing.T) {
	kernelModes(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(7, 8))
		for _, n := range testLengths {
			p, y := randSlice(r, n, 0, 1), randSlice(r, n, 0, 1)
			inv := 1 / float32(max(n, 1))
			closeSum(t, "SumSqDiff", SumSqDiff(p, y), sumSqDiffGo(p, y))

			want, got := make([]float32, n), make([]float32, n)
			ws := mseGradGo(want, p, y, inv)
			closeSum(t, "MSEGrad", MSEGrad(got, p, y, inv), ws)
			sameBits(t, "MSEGrad", got, want)

			ws = mseSigmoidGradGo(want, p, y, inv)
			closeSum(t, "MSESigmoidGrad", MSESigmoidGrad(got, p, y, inv), ws)
			sameBits(t, "MSESigmoidGrad", got, want)
			// The fused pass equals the two passes it replaces.
			g := make([]float32, n)
			mseGradGo(g, p, y, inv)
			sigmoidBackwardGo(g, g, p)
			sameBits(t, "MSESigmoidGrad vs two passes", got, g)
		}
	})
}

func TestOptimizers(t *testing.T) {
	kernelModes(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(9, 10))
		for _, n := range testLengths {
			w, g := randSlice(r, n, -1, 1), randSlice(r, n, -0.1, 0.1)
			s1, s2 := randSlice(r, n, 0, 0.01), randSlice(r, n, 0, 0.01)
			for i := range s1 {
				s1[i] = float32(math.Abs(float64(s1[i])))
				s2[i] = float32(math.Abs(float64(s2[i])))
			}
			{
				w1, m1, v1 := clone(w), randSlice(r, n, -0.01, 0.01), clone(s2)
				w2, m2, v2 := clone(w1), clone(m1), clone(v1)
				adamGo(w1, g, m1, v1, 0.9, 0.999, 0.00123, 1e-7)
				Adam(w2, g, m2, v2, 0.9, 0.999, 0.00123, 1e-7)
				sameBits(t, "adam w", w2, w1)
				sameBits(t, "adam m", m2, m1)
				sameBits(t, "adam v", v2, v1)
			}
			{
				w1, a1, d1 := clone(w), clone(s1), clone(s2)
				w2, a2, d2 := clone(w1), clone(a1), clone(d1)
				adadeltaGo(w1, g, a1, d1, 0.95, 1e-7, 1)
				Adadelta(w2, g, a2, d2, 0.95, 1e-7, 1)
				sameBits(t, "adadelta w", w2, w1)
				sameBits(t, "adadelta a", a2, a1)
				sameBits(t, "adadelta d", d2, d1)
			}
			{
				w1, a1 := clone(w), clone(s1)
				w2, a2 := clone(w1), clone(a1)
				rmspropGo(w1, g, a1, 0.9, 1e-7, 0.001)
				RMSprop(w2, g, a2, 0.9, 1e-7, 0.001)
				sameBits(t, "rmsprop w", w2, w1)
				sameBits(t, "rmsprop a", a2, a1)
			}
		}
	})
}

// TestKernelsEdges runs every element-wise kernel over each length from 0
// to 33 (every tail length around the 8-value blocks) on slices that start
// 0 to 3 values into their buffers, and checks the results bit for bit
// against the references (float64 sums to closeSum's tolerance) and that no
// value outside the slices changed.
func TestKernelsEdges(t *testing.T) {
	const guard = 8
	sentinel := float32(-12345.5)
	type args [][]float32
	for _, tc := range []struct {
		name   string
		ranges [][2]float32 // the range of each argument's values
		f, ref func(s args) float64
	}{
		{"Sigmoid", [][2]float32{{-100, 100}},
			func(s args) float64 { Sigmoid(s[0]); return 0 },
			func(s args) float64 { sigmoidGo(s[0]); return 0 }},
		{"ReLU", [][2]float32{{-1, 1}},
			func(s args) float64 { ReLU(s[0]); return 0 },
			func(s args) float64 { reluGo(s[0]); return 0 }},
		{"ReLUBackward", [][2]float32{{0, 0}, {-1, 1}, {-1, 1}},
			func(s args) float64 { ReLUBackward(s[0], s[1], s[2]); return 0 },
			func(s args) float64 { reluBackwardGo(s[0], s[1], s[2]); return 0 }},
		{"SigmoidBackward", [][2]float32{{0, 0}, {-1, 1}, {0, 1}},
			func(s args) float64 { SigmoidBackward(s[0], s[1], s[2]); return 0 },
			func(s args) float64 { sigmoidBackwardGo(s[0], s[1], s[2]); return 0 }},
		{"Add", [][2]float32{{-1, 1}, {-1, 1}},
			func(s args) float64 { Add(s[0], s[1]); return 0 },
			func(s args) float64 { addGo(s[0], s[1]); return 0 }},
		{"SumSqDiff", [][2]float32{{0, 1}, {0, 1}},
			func(s args) float64 { return SumSqDiff(s[0], s[1]) },
			func(s args) float64 { return sumSqDiffGo(s[0], s[1]) }},
		{"MSEGrad", [][2]float32{{0, 0}, {0, 1}, {0, 1}},
			func(s args) float64 { return MSEGrad(s[0], s[1], s[2], 0.03) },
			func(s args) float64 { return mseGradGo(s[0], s[1], s[2], 0.03) }},
		{"MSESigmoidGrad", [][2]float32{{0, 0}, {0, 1}, {0, 1}},
			func(s args) float64 { return MSESigmoidGrad(s[0], s[1], s[2], 0.03) },
			func(s args) float64 { return mseSigmoidGradGo(s[0], s[1], s[2], 0.03) }},
		{"Adam", [][2]float32{{-1, 1}, {-0.1, 0.1}, {-0.01, 0.01}, {0, 0.01}},
			func(s args) float64 { Adam(s[0], s[1], s[2], s[3], 0.9, 0.999, 0.00123, 1e-7); return 0 },
			func(s args) float64 { adamGo(s[0], s[1], s[2], s[3], 0.9, 0.999, 0.00123, 1e-7); return 0 }},
		{"Adadelta", [][2]float32{{-1, 1}, {-0.1, 0.1}, {0, 0.01}, {0, 0.01}},
			func(s args) float64 { Adadelta(s[0], s[1], s[2], s[3], 0.95, 1e-7, 1); return 0 },
			func(s args) float64 { adadeltaGo(s[0], s[1], s[2], s[3], 0.95, 1e-7, 1); return 0 }},
		{"RMSprop", [][2]float32{{-1, 1}, {-0.1, 0.1}, {0, 0.01}},
			func(s args) float64 { RMSprop(s[0], s[1], s[2], 0.9, 1e-7, 0.001); return 0 },
			func(s args) float64 { rmspropGo(s[0], s[1], s[2], 0.9, 1e-7, 0.001); return 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kernelModes(t, func(t *testing.T) {
				r := rand.New(rand.NewPCG(11, 12))
				for n := range 34 {
					for off := range 4 {
						// bufs holds the arguments with guard values around
						// them; want the reference's results on copies.
						bufs, got, want := make(args, len(tc.ranges)), make(args, len(tc.ranges)), make(args, len(tc.ranges))
						for i, rg := range tc.ranges {
							bufs[i] = make([]float32, off+n+guard)
							for j := range bufs[i] {
								bufs[i][j] = sentinel
							}
							got[i] = bufs[i][off : off+n]
							copy(got[i], randSlice(r, n, rg[0], rg[1]))
							want[i] = clone(got[i])
						}
						gs, ws := tc.f(got), tc.ref(want)
						closeSum(t, fmt.Sprintf("n=%d off=%d sum", n, off), gs, ws)
						for i := range got {
							sameBits(t, fmt.Sprintf("n=%d off=%d arg %d", n, off, i), got[i], want[i])
							for j, v := range bufs[i] {
								if (j < off || j >= off+n) && v != sentinel {
									t.Fatalf("n=%d off=%d: arg %d: buffer[%d] = %v outside the slice changed", n, off, i, j, v)
								}
							}
						}
					}
				}
			})
		})
	}
}
