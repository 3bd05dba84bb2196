//go:build !amd64 || purego

package directconv

// useAsm is false: this build has no kernels, and Fast reports false.
var useAsm = false

// hasAsm is false: see useAsm.
const hasAsm = false

func forwardAsm(z, xp, w []float32, n, wp, k, c, f int) int { panic("directconv: no assembly kernels") }

func kernelGradAsm(dw, xp, dz []float32, n, wp, k, c, f int) {
	panic("directconv: no assembly kernels")
}
