// Package gemm provides the single-precision matrix multiply that every layer
// of the network package runs on, plus the worker pool (Parallel) the engine
// uses for its other data-parallel loops.
//
// All matrices are row-major. Sgemm computes C = alpha*op(A)*op(B) + beta*C
// where op(X) is X or Xᵀ.
//
// # Design
//
// Sgemm follows the Goto/BLIS scheme with a 6×16 register tile (MR=6 rows,
// NR=16 columns = two 8-lane ymm vectors or one 16-lane zmm; 12 accumulator
// registers either way):
//
//   - op(B) is packed once per call into NR-wide, zero-padded column panels
//     (panel q holds B(p, 16q+j) at p*16+j for all k), so the kernel streams
//     it with aligned-stride vector loads and edge columns need no masking.
//     Very wide problems are cut into column slabs so the packed copy stays
//     under 16 MiB. A B that is not transposed and is a whole number of
//     panels wide is read in place instead, 16 contiguous floats per k step
//     and row (the kernels take B's row stride), unless its rows are more
//     than 4 KiB or a multiple of 1 KiB apart (readsBInPlace): a dense
//     layer's forward pass then no longer copies its weights at every call.
//   - A is read in place when it is not transposed: the kernel broadcasts
//     A(i, p) straight from the six source rows, which avoids the cost of
//     packing A (it dominates for the engine's thin n=64 shapes). A
//     transposed A is packed into MR-tall panels (6 contiguous floats per k),
//     and so is the last, partial row panel (zero-padded).
//   - k is cut into blocks of at most 384 (kcMax, evenly sized) so a 6×kc
//     A panel stays in L1 while the kernel sweeps the column panels of an L2
//     block of about 192 KiB of packed B (l2BlockFloats). The first k block
//     applies beta, later ones accumulate with beta=1.
//   - Edge tiles are computed into a 6×16 scratch tile and only the valid
//     part is merged into C.
//   - Products of at most 1024 flops, and those with one or two rows of C
//     (single-sample inference), skip packing and go to gonum's blas32.Gemm,
//     which is faster there.
//
// # Kernels
//
// On amd64 there are two hand-written assembly micro-kernels over the same
// tile and packing. kernel_amd64.s uses AVX2 and FMA3: two 8-lane ymm
// vectors per row, VBROADCASTSS + VFMADD231PS, k unrolled by 4.
// kernel_avx512_amd64.s uses AVX-512F: one 16-lane zmm per row, one 64-byte
// load of B per k step and six VFMADD231PS whose A operand is an embedded
// {1to16} broadcast from memory, with two sets of six accumulators (even and
// odd k steps, summed at the end) to cover the FMA latency, k unrolled by 4.
// At start-up the package picks the AVX-512 kernel when
// golang.org/x/sys/cpu reports AVX-512F (which includes the OS saving the
// zmm state), else the AVX2 one when it reports AVX2 and FMA. On arm64 it is
// NEON assembly (kernel_arm64.s) over the same 6×16 tile and packing: 24
// of the 32 vector registers hold the tile (four 4-lane vectors per row),
// each k step loads 16 floats of B with one LD1 and the six A values with
// scalar loads, and issues 24 by-element FMLA (k unrolled by 4). Otherwise,
// on other architectures, or when built with the purego tag
// (go build -tags purego), the portable Go kernel kernelGeneric is used. All
// compute the same tile with the same beta == 0 semantics (old C never read),
// though not with the same summation order. The choice is the kernelKind in
// the variable kernel, which the tests switch to run every kernel the CPU
// can run.
//
// # Parallelism
//
// A call with at least minParFlops flops and GOMAXPROCS > 1 is split into
// tasks claimed in order from an atomic counter by the caller and the idle
// workers of the persistent pool behind Parallel: first the pack tasks
// (B panel ranges, A panel ranges), then about two compute tasks per worker
// over a grid of row-panel × column-panel ranges of C. A compute task waits
// only for pack tasks that have already been claimed, so the scheme cannot
// deadlock even when one goroutine ends up running every task (nested or
// concurrent use with a busy pool). Jobs and their pack buffers are recycled
// through a sync.Pool, so steady-state calls do not allocate.
package gemm
