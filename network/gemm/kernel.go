package gemm

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
