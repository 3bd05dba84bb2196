//go:build arm64 && !purego

package gemm

import "golang.org/x/sys/cpu"

// builtKernels lists the micro-kernels of this build, slowest first.
var builtKernels = []kernelKind{kernelGo, kernelNEON}

// canRun reports whether this CPU can run kernel k. Advanced SIMD is part
// of every arm64 target Go supports, so NEON is chosen in practice.
func canRun(k kernelKind) bool {
	switch k {
	case kernelGo:
		return true
	case kernelNEON:
		return cpu.ARM64.HasASIMD
	}
	return false
}

// microKernel runs the selected 6×16 micro-kernel; see kernel6x16.
func microKernel(kc int, a []float32, rsA, csA int, b []float32, rsB int, c []float32, ldc int, alpha, beta float32) {
	if kernel == kernelNEON {
		kernel6x16(kc, &a[0], rsA, csA, &b[0], rsB, &c[0], ldc, alpha, beta)
		return
	}
	kernelGeneric(kc, a, rsA, csA, b, rsB, c, ldc, alpha, beta)
}

// packPanel16 packs the k×16 block of b at b[0], rows ldb apart, into d.
func packPanel16(d, b []float32, k, ldb int) { packPanel16Go(d, b, k, ldb) }

// packPanel16T packs nothing here: packB transposes in Go.
func packPanel16T(d, b []float32, k, ldb int) int { return 0 }
