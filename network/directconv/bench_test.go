package directconv

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// BenchmarkKernels measures Forward and KernelGrad with each kernel set the
// CPU runs, on one padded image of each convolution of the conv and
// denoising presets, in GFLOP/s on one core. The pixels are rounded up to
// whole blocks, as the layers do.
func BenchmarkKernels(b *testing.B) {
	for _, s := range []shape{
		{n: 28 * 30, wp: 30, k: 3, c: 1, f: 16},
		{n: 28 * 30, wp: 30, k: 3, c: 1, f: 32},
		{n: 14 * 16, wp: 16, k: 3, c: 16, f: 8},
		{n: 14 * 16, wp: 16, k: 3, c: 8, f: 16},
		{n: 7 * 9, wp: 9, k: 3, c: 8, f: 8},
		{n: 14 * 16, wp: 16, k: 3, c: 32, f: 32},
		{n: 28 * 30, wp: 30, k: 3, c: 16, f: 1},
		{n: 28 * 30, wp: 30, k: 3, c: 32, f: 1},
		{n: 28 * 30, wp: 30, k: 3, c: 1, f: 16}, // dx of the 16 → 1 layer
	} {
		s.n = (s.n + Block - 1) / Block * Block
		rng := rand.New(rand.NewPCG(1, 2))
		xp := randoms(rng, InLen(s.n, s.wp, s.k, s.c))
		w := randoms(rng, s.k*s.k*s.c*s.f)
		z := make([]float32, s.n*s.f)
		flops := float64(2 * s.n * s.k * s.k * s.c * s.f)
		for _, op := range []string{"forward", "kernelgrad"} {
			for _, k := range []kernelKind{kindAVX2, kindAVX512} {
				if !canRun(k) {
					continue
				}
				restore := UseKernels(k.String())
				fast := Fast(s.k, s.c, s.f)
				restore()
				if !fast {
					continue // the layers do not use this set for the shape
				}
				b.Run(fmt.Sprintf("c%d-f%d-%dpx/%s/%s", s.c, s.f, s.n, op, k), func(b *testing.B) {
					defer func(old kernelKind) { kind = old }(kind)
					kind = k
					for b.Loop() {
						if op == "forward" {
							Forward(z, xp, w, s.n, s.wp, s.k, s.c, s.f)
						} else {
							KernelGrad(w, xp, z, s.n, s.wp, s.k, s.c, s.f)
						}
					}
					b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
				})
			}
		}
	}
}
