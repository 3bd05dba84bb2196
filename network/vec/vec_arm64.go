//go:build arm64 && !purego

package vec

import "golang.org/x/sys/cpu"

// useAsm is the one dispatch decision of the package: every kernel, the
// element-wise ones of vec.go and the row kernels of conv.go, runs its NEON
// assembly only while it is true. Advanced SIMD is part of every arm64
// target Go supports, so it is true in practice; tests toggle it to
// exercise the pure-Go kernels too.
var useAsm = cpu.ARM64.HasASIMD

// bceAsm reports whether BCESum has an assembly kernel in this build: not
// on arm64, where it runs in Go.
const bceAsm = false

func bceSumBulk(p, y []float32, eps float32) float64 { panic("vec: no BCE kernel on arm64") }

// useAVX512 is always false: this build has no AVX-512 kernels.
var useAVX512 = false

// wide returns 0: this build has no AVX-512 kernels.
func wide(n int) int { return 0 }

// sigmoidBulk512 is never called in this build (wide is 0).
func sigmoidBulk512(x []float32) { sigmoidBulk(x) }
