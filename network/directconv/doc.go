// Package directconv computes the stride-1 convolutions of an autoencoder
// directly over a zero-padded NHWC image, without an im2col matrix: the
// forward sum of every output pixel's window and the kernel gradient.
//
// # Layout
//
// The input is one padded image xp of rows of wp pixels with c channels
// each. Output pixel p (0 ≤ p < n) covers the k×k window whose top-left
// cell is pixel p of xp, so the window of pixel p reads
//
//	xp[p·c + ky·wp·c + kx·c + ch]   for ky, kx < k and ch < c.
//
// Numbering the output pixels along the padded rows in this way makes every
// pixel one stride further than the one before, also across rows. The last
// k−1 pixels of each padded row are not output pixels of the layer: their
// sums are computed and ignored by the caller (Forward), or their output
// gradients are zero (KernelGrad). That costs (k−1)/wp more arithmetic and
// lets the kernels run over long, uniform ranges of pixels.
//
// The kernel w is laid out as Keras's [k, k, c, f]: w[((ky·k+kx)·c+ch)·f+o].
//
// # Kernels
//
// Forward and KernelGrad run AVX-512 assembly (AVX-512F and VL) or AVX2
// assembly (AVX2 and FMA), the best the CPU has, chosen at start-up from
// golang.org/x/sys/cpu, when the shape fits one of them, and the pure-Go
// reference otherwise (other CPUs, other architectures and the
// purego build tag). Fast reports whether a shape runs in assembly; a layer
// uses this package only then, as the reference is slower than im2col with
// a blocked matrix multiply.
//
//   - Output channels in 16-lane zmm (f a multiple of 16) or 8-lane ymm
//     (the last 8 of a multiple of 8): Forward computes 12 output pixels at
//     a time, one accumulator each, loading a kernel row once per input
//     value and broadcasting the input values straight from memory
//     ({1to16} operands). KernelGrad keeps 3×8 (or, for one input
//     channel, 3×3) kernel rows in 24 accumulators while it streams the
//     pixels, one output-gradient load per pixel.
//   - One output channel and 16 or 32 input channels (the last layer of an
//     autoencoder): Forward holds the whole 3×3 kernel in 9 or 18 zmm
//     registers and takes each pixel's window as 9 or 18 dot-product
//     loads, summed across lanes at the end; KernelGrad accumulates the
//     window rows under a broadcast output gradient.
//
// Without AVX-512, AVX2 kernels (16 ymm registers, a VBROADCASTSS per
// input value) take the same shapes: Forward 6 pixels at a time for 16
// lanes and 12 for 8, KernelGrad 3×4 or 3×3 kernel rows per pass, and for
// one output channel two pixels per kernel load and 9 accumulators per
// pass over the window rows.
//
// The summation order differs from the reference's, so results agree to
// rounding, not bit for bit.
package directconv
