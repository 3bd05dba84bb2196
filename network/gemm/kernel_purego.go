//go:build !(amd64 || arm64) || purego

package gemm

// hasAsm reports whether this build contains assembly micro-kernels.
const hasAsm = false

// builtKernels lists the micro-kernels of this build: only the portable one.
var builtKernels = []kernelKind{kernelGo}

// canRun reports whether kernel k can run: only kernelGo in this build.
func canRun(k kernelKind) bool { return k == kernelGo }

// microKernel runs the pure-Go 6×16 micro-kernel; see kernelGeneric.
func microKernel(kc int, a []float32, rsA, csA int, b []float32, rsB int, c []float32, ldc int, alpha, beta float32) {
	kernelGeneric(kc, a, rsA, csA, b, rsB, c, ldc, alpha, beta)
}

// packPanel16 packs the k×16 block of b at b[0], rows ldb apart, into d.
func packPanel16(d, b []float32, k, ldb int) { packPanel16Go(d, b, k, ldb) }

// packPanel16T packs nothing here: packB transposes in Go.
func packPanel16T(d, b []float32, k, ldb int) int { return 0 }
