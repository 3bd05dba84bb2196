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

// useAVX512 makes the kernels that have an AVX-512 version (Sigmoid) run
// it; it is set at start-up from the CPU features and only matters while
// useAsm is true.
var useAVX512 = cpu.X86.HasAVX512F

// sigmoidBulk512 is Sigmoid over a multiple of 16 values, in
// vec_avx512_amd64.s.
//
//go:noescape
func sigmoidBulk512(x []float32)

// wide returns how many of n values (a multiple of 8 taken by the AVX2
// kernels) the AVX-512 kernels take: the largest multiple of 16, or none.
func wide(n int) int {
	if !useAsm || !useAVX512 {
		return 0
	}
	return n &^ 15
}
