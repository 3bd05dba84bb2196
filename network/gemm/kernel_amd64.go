//go:build amd64 && !purego

package gemm

import "golang.org/x/sys/cpu"

// builtKernels lists the micro-kernels of this build, slowest first.
var builtKernels = []kernelKind{kernelGo, kernelAVX2, kernelAVX512}

// canRun reports whether this CPU (and OS, for the AVX-512 register state)
// can run kernel k.
func canRun(k kernelKind) bool {
	switch k {
	case kernelGo:
		return true
	case kernelAVX2:
		return cpu.X86.HasAVX2 && cpu.X86.HasFMA
	case kernelAVX512:
		return cpu.X86.HasAVX512F
	}
	return false
}

// kernel6x16AVX512 is kernel6x16 with 16-lane AVX-512 vectors: the same
// tile, packing and beta == 0 semantics. It is implemented in
// kernel_avx512_amd64.s.
//
//go:noescape
func kernel6x16AVX512(kc int, a *float32, rsA, csA int, b *float32, rsB int, c *float32, ldc int, alpha, beta float32)

// microKernel runs the selected 6×16 micro-kernel; see kernel6x16.
func microKernel(kc int, a []float32, rsA, csA int, b []float32, rsB int, c []float32, ldc int, alpha, beta float32) {
	switch kernel {
	case kernelAVX512:
		kernel6x16AVX512(kc, &a[0], rsA, csA, &b[0], rsB, &c[0], ldc, alpha, beta)
	case kernelAVX2:
		kernel6x16(kc, &a[0], rsA, csA, &b[0], rsB, &c[0], ldc, alpha, beta)
	default:
		kernelGeneric(kc, a, rsA, csA, b, rsB, c, ldc, alpha, beta)
	}
}

// copyPanel16 copies k rows of 16 floats, ldb apart in src, into dst
// contiguously (kernel_amd64.s): a whole panel of packB without a memmove
// call per row.
//
//go:noescape
func copyPanel16(dst, src *float32, k, ldb int)

// packPanel16 packs the k×16 block of b at b[0], rows ldb apart, into d.
func packPanel16(d, b []float32, k, ldb int) {
	_ = d[k*nr-1]
	_ = b[(k-1)*ldb+nr-1]
	copyPanel16(&d[0], &b[0], k, ldb)
}

// transposePanel16 packs 8·blocks k steps of a whole panel of a transposed
// B (kernel_amd64.s, AVX): dst[p*16+j] = src[j*ldb+p].
//
//go:noescape
func transposePanel16(dst, src *float32, blocks, ldb int)

// hasAVX reports whether transposePanel16 can run.
var hasAVX = cpu.X86.HasAVX

// packPanel16T packs the whole panel of a transposed B whose 16 stored
// rows start at b[0], ldb apart: d[p*16+j] = b[j*ldb+p] for p < k. It
// returns the k steps it packed, a multiple of 8; the caller packs the
// rest.
func packPanel16T(d, b []float32, k, ldb int) int {
	blocks := k / 8
	if !hasAVX || blocks == 0 {
		return 0
	}
	_ = d[blocks*8*nr-1]
	_ = b[15*ldb+blocks*8-1]
	transposePanel16(&d[0], &b[0], blocks, ldb)
	return blocks * 8
}
