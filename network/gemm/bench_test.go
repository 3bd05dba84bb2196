package gemm

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/blas32"
)

// benchShape is one GEMM the autoencoder runs (batch 128, 784 ↔ 64 dense).
type benchShape struct {
	name           string
	transA, transB bool
	m, n, k        int
}

var benchShapes = []benchShape{
	{"fwdEnc_128x784x64", false, false, 128, 64, 784},      // X(128×784)·W(784×64)
	{"fwdDec_128x64x784", false, false, 128, 784, 64},      // H(128×64)·W(64×784)
	{"wGrad_784x128x64_tA", true, false, 784, 64, 128},     // Xᵀ(784×128)·dY(128×64)
	{"inGrad_128x784x64_tB", false, true, 128, 64, 784},    // dY(128×784)·Wᵀ, W 64×784
	{"inGradEnc_128x64x784_tB", false, true, 128, 784, 64}, // dH(128×64)·Wᵀ, W 784×64
	{"wGradML_784x128x128_tA", true, false, 784, 128, 128}, // multilayer's first weight gradient
	{"wGradDec_128x784x64_tA", true, false, 64, 784, 128},  // Hᵀ(64×128)·dY(128×784)
	{"mlFwd1_128x784x128", false, false, 128, 128, 784},
	{"mlFwd2_128x128x64", false, false, 128, 64, 128},
	{"mlFwd4_128x128x784", false, false, 128, 784, 128},
	{"mlWGrad4_128x128x784_tA", true, false, 128, 784, 128},
	{"mlInGrad4_128x784x128_tB", false, true, 128, 128, 784},
	{"mlInGrad2_128x64x128_tB", false, true, 128, 128, 64},
	{"square_512x512x512", false, false, 512, 512, 512},
	{"tiny_4x4x4", false, false, 4, 4, 4},
	{"single_1x784x64", false, false, 1, 64, 784}, // one-sample inference
}

// operands returns random A, B and a zero C for the shape, row-major with
// minimal leading dimensions.
func (s benchShape) operands() (a []float32, lda int, b []float32, ldb int, c []float32) {
	r := rand.New(rand.NewPCG(1, 1))
	lda, ldb = s.k, s.n
	if s.transA {
		lda = s.m
	}
	if s.transB {
		ldb = s.k
	}
	return randSlice(r, s.m*s.k), lda, randSlice(r, s.k*s.n), ldb, make([]float32, s.m*s.n)
}

func reportGFLOPS(b *testing.B, s benchShape) {
	flops := 2 * float64(s.m) * float64(s.n) * float64(s.k)
	b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}

func BenchmarkSgemm(b *testing.B) {
	for _, s := range benchShapes {
		b.Run(s.name, func(b *testing.B) {
			a, lda, bb, ldb, c := s.operands()
			b.ReportAllocs()
			for b.Loop() {
				Sgemm(s.transA, s.transB, s.m, s.n, s.k, 1, a, lda, bb, ldb, 0, c, s.n)
			}
			reportGFLOPS(b, s)
		})
	}
}

// BenchmarkSgemmKernel measures each micro-kernel this CPU can run on the
// shapes that reach the packed path, as sub-benchmarks shape/kernel in one
// run, so the kernels are compared on the same machine state. Run it with
// GOMAXPROCS=1 (-cpu 1) for one-core figures.
func BenchmarkSgemmKernel(b *testing.B) {
	for _, s := range benchShapes[:6] {
		b.Run(s.name, func(b *testing.B) {
			a, lda, bb, ldb, c := s.operands()
			for _, k := range builtKernels {
				b.Run(k.String(), func(b *testing.B) {
					if !canRun(k) {
						b.Skipf("CPU lacks %s", k.needs())
					}
					defer useKernel(k)()
					for b.Loop() {
						Sgemm(s.transA, s.transB, s.m, s.n, s.k, 1, a, lda, bb, ldb, 0, c, s.n)
					}
					reportGFLOPS(b, s)
				})
			}
		})
	}
}

// BenchmarkMicroKernel measures each micro-kernel alone on one 6×16 tile
// with kc = 256 from a packed A panel and a B panel (22 KiB together, so
// both stay in L1): the kernel's own rate, to hold against the FMA peak
// without packing and edge tiles.
func BenchmarkMicroKernel(b *testing.B) {
	const kc = 256
	r := rand.New(rand.NewPCG(2, 2))
	a, bp, c := randSlice(r, mr*kc), randSlice(r, kc*nr), make([]float32, mr*nr)
	for _, k := range builtKernels {
		b.Run(k.String(), func(b *testing.B) {
			if !canRun(k) {
				b.Skipf("CPU lacks %s", k.needs())
			}
			defer useKernel(k)()
			for b.Loop() {
				microKernel(kc, a, 1, mr, bp, nr, c, nr, 1, 1)
			}
			b.ReportMetric(2*mr*nr*kc*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
		})
	}
}

// BenchmarkGonumSgemm is the baseline: the same shapes through gonum blas32.
func BenchmarkGonumSgemm(b *testing.B) {
	for _, s := range benchShapes {
		b.Run(s.name, func(b *testing.B) {
			a, lda, bb, ldb, c := s.operands()
			ta, tb := blas.NoTrans, blas.NoTrans
			ar, ac, br, bc := s.m, s.k, s.k, s.n
			if s.transA {
				ta, ar, ac = blas.Trans, s.k, s.m
			}
			if s.transB {
				tb, br, bc = blas.Trans, s.n, s.k
			}
			A := blas32.General{Rows: ar, Cols: ac, Stride: lda, Data: a}
			B := blas32.General{Rows: br, Cols: bc, Stride: ldb, Data: bb}
			C := blas32.General{Rows: s.m, Cols: s.n, Stride: s.n, Data: c}
			for b.Loop() {
				blas32.Gemm(ta, tb, 1, A, B, 0, C)
			}
			reportGFLOPS(b, s)
		})
	}
}

// BenchmarkParallel measures the dispatch overhead of Parallel.
func BenchmarkParallel(b *testing.B) {
	for _, n := range []int{2, 1 << 16} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			x := make([]float32, n)
			fn := func(lo, hi int) {
				for i := lo; i < hi; i++ {
					x[i]++
				}
			}
			b.ReportAllocs()
			for b.Loop() {
				Parallel(n, 1, fn)
			}
		})
	}
}

// BenchmarkSgemmBInPlace compares reading B in place with packing it on
// the shapes where it can be read in place, as sub-benchmarks shape/mode in
// one run.
func BenchmarkSgemmBInPlace(b *testing.B) {
	for _, s := range benchShapes {
		if !readsBInPlace(s.transB, s.n, s.n) || s.m <= skinnyRows || 2*s.m*s.n*s.k <= tinyFlops {
			continue
		}
		b.Run(s.name, func(b *testing.B) {
			a, lda, bb, ldb, c := s.operands()
			for _, inPlace := range []bool{false, true} {
				b.Run(map[bool]string{false: "packed", true: "in_place"}[inPlace], func(b *testing.B) {
					defer func(old bool) { directB = old }(directB)
					directB = inPlace
					for b.Loop() {
						Sgemm(s.transA, s.transB, s.m, s.n, s.k, 1, a, lda, bb, ldb, 0, c, s.n)
					}
					reportGFLOPS(b, s)
				})
			}
		})
	}
}
