//go:build amd64 && !purego

package vec

import "golang.org/x/sys/cpu"

// useAsm is the one dispatch decision of the package: every kernel, the
// element-wise ones of vec.go and the row kernels of conv.go, runs its
// AVX2 assembly only while it is true. It is set once at start-up from the
// CPU features (AVX2 and FMA); tests toggle it to exercise the pure-Go
// kernels too.
var useAsm = cpu.X86.HasAVX2 && cpu.X86.HasFMA

// bceAsm reports whether BCESum has an assembly kernel in this build.
const bceAsm = true

// bceSumBulk is BCESum over a multiple of 8 values, in vec_amd64.s.
//
//go:noescape
func bceSumBulk(p, y []float32, eps float32) float64
