//go:build (amd64 || arm64) && !purego

package gemm

// hasAsm reports whether this build contains assembly micro-kernels
// (AVX2/FMA and AVX-512 on amd64, NEON on arm64).
const hasAsm = true

// kernel6x16 computes the 6×16 tile C = alpha*A*B + beta*C over kc steps,
// where A(r,p) = a[r*rsA+p*csA] and B(p,j) = b[p*rsB+j]: a packed panel
// when rsB == 16, or 16 columns of B read in place. When beta == 0, C is
// not read. ldc, rsA, csA and rsB are in elements. It is implemented in
// kernel_amd64.s (AVX2 and FMA3) and kernel_arm64.s (NEON).
//
//go:noescape
func kernel6x16(kc int, a *float32, rsA, csA int, b *float32, rsB int, c *float32, ldc int, alpha, beta float32)
