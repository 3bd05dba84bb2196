//go:build !amd64 || purego

package gemm

// fmaLoops lists the FMA throughput loops this build has: none without the
// amd64 assembly.
func fmaLoops() []fmaLoop { return nil }
