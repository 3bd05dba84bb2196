package gemm

import (
	"fmt"
	"strings"
)

// kernelKind names one implementation of the 6×16 micro-kernel.
type kernelKind int

const (
	kernelGo     kernelKind = iota // kernelGeneric, portable Go (kernel_generic.go)
	kernelAVX2                     // kernel6x16 on amd64: AVX2 and FMA3 (kernel_amd64.s)
	kernelAVX512                   // kernel6x16AVX512: AVX-512F (kernel_avx512_amd64.s)
	kernelNEON                     // kernel6x16 on arm64: Advanced SIMD (kernel_arm64.s)
)

// kernelInfo gives each kernelKind its name and the CPU features it needs.
var kernelInfo = [...]struct{ name, needs string }{
	kernelGo:     {"go", "nothing"},
	kernelAVX2:   {"avx2", "AVX2 and FMA"},
	kernelAVX512: {"avx512", "AVX-512F"},
	kernelNEON:   {"neon", "Advanced SIMD"},
}

// String returns the kernel's short name ("go", "avx2", "avx512", "neon").
func (k kernelKind) String() string { return kernelInfo[k].name }

// needs describes the CPU features the kernel requires.
func (k kernelKind) needs() string { return kernelInfo[k].needs }

// kernel is the micro-kernel microKernel runs: the last of builtKernels
// (the fastest) that this CPU can run, chosen at start-up. Tests and
// benchmarks set it to exercise every path.
var kernel = bestKernel()

// bestKernel returns the last kernel of builtKernels that canRun.
func bestKernel() kernelKind {
	best := kernelGo
	for _, k := range builtKernels {
		if canRun(k) {
			best = k
		}
	}
	return best
}

// Kernels returns the names of the micro-kernels this CPU and build run,
// slowest first: "go", then "avx2" and "avx512" or "neon" where available.
func Kernels() []string {
	var names []string
	for _, k := range builtKernels {
		if canRun(k) {
			names = append(names, k.String())
		}
	}
	return names
}

// UseKernel makes Sgemm use the micro-kernel name, one of Kernels, and
// returns a function that restores the previous one; a benchmark uses it
// to time a slower instruction set on the same machine. It returns an
// error naming the kernels there are for a kernel this CPU or build cannot
// run. It must not run while another goroutine multiplies.
func UseKernel(name string) (restore func(), err error) {
	for _, k := range builtKernels {
		if k.String() == name && canRun(k) {
			old := kernel
			kernel = k
			return func() { kernel = old }, nil
		}
	}
	return nil, fmt.Errorf("gemm: no %q micro-kernel runs here (have %s)", name, strings.Join(Kernels(), ", "))
}

// Kernel returns the name of the micro-kernel Sgemm runs.
func Kernel() string { return kernel.String() }
