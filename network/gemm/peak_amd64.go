//go:build !purego

package gemm

import "golang.org/x/sys/cpu"

//go:noescape
func fmaLoopAVX2(n int)

//go:noescape
func fmaLoopAVX512(n int)

// fmaLoops lists the FMA throughput loops this CPU can run.
func fmaLoops() []fmaLoop {
	var out []fmaLoop
	if cpu.X86.HasAVX2 && cpu.X86.HasFMA {
		out = append(out, fmaLoop{"AVX2", 12 * 8 * 2, fmaLoopAVX2})
	}
	if cpu.X86.HasAVX512F {
		out = append(out, fmaLoop{"AVX-512", 12 * 16 * 2, fmaLoopAVX512})
	}
	return out
}
