//go:build !amd64 || purego

package directconv

// kind is the reference: this build has no kernels, and Fast reports
// false.
var kind = kindGo

// canRun reports whether this build runs kernel set k: the reference only.
func canRun(k kernelKind) bool { return k == kindGo }

func forwardAsm(z, xp, w []float32, n, wp, k, c, f int) int { panic("directconv: no assembly kernels") }

func kernelGradAsm(dw, xp, dz []float32, n, wp, k, c, f int) {
	panic("directconv: no assembly kernels")
}
