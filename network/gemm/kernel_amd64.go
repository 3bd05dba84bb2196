//go:build amd64 && !purego

package gemm

import "golang.org/x/sys/cpu"

// useAsm selects the AVX2/FMA micro-kernel. It is set once at start-up from
// the CPU features; tests toggle it to exercise the pure-Go kernel too.
var useAsm = cpu.X86.HasAVX2 && cpu.X86.HasFMA
