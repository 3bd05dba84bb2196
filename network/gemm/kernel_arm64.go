//go:build arm64 && !purego

package gemm

import "golang.org/x/sys/cpu"

// useAsm selects the NEON micro-kernel. Advanced SIMD is part of every
// arm64 target Go supports, so this is true in practice; tests toggle it to
// exercise the pure-Go kernel too.
var useAsm = cpu.ARM64.HasASIMD
