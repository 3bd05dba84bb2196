//go:build !(amd64 || arm64) || purego

package gemm

// hasAsm reports whether this build contains an assembly micro-kernel.
const hasAsm = false

// useAsm is always false in builds without the assembly kernel.
var useAsm = false

// microKernel runs the pure-Go 6×16 micro-kernel; see kernelGeneric.
func microKernel(kc int, a []float32, rsA, csA int, b []float32, c []float32, ldc int, alpha, beta float32) {
	kernelGeneric(kc, a, rsA, csA, b, c, ldc, alpha, beta)
}
