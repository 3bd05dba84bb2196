// Package vec provides the float32 kernels of the training hot path other
// than the matrix products of gemm: the element-wise ones (vec.go), that is
// activations and their derivatives, fused loss value and gradient passes
// and the optimizer updates, and the row kernels of the convolution layers
// (conv.go): bias plus ReLU, ReLU backward plus bias gradient, 2×2 max
// pooling and 2× upsampling backward.
//
// Every kernel has a pure-Go reference (generic.go) that defines its result.
// Unless built with the purego tag, the kernels run hand-written assembly
// 8 values at a time: AVX2 on amd64 with AVX2 and FMA (vec_amd64.s,
// conv_amd64.s), NEON on arm64 (vec_arm64.s, conv_arm64.s; two 4-lane
// registers per block). The element-wise kernels run it over the largest
// multiple of 8 values and the reference over the tail, the row kernels
// over rows whose width is a multiple of 8 and the reference otherwise. One
// flag, set at start-up from the CPU features, makes that choice for all of
// them. Sigmoid also has an AVX-512 kernel (vec_avx512_amd64.s), run over
// the largest multiple of 16 values where the CPU has AVX-512F: its long
// chain of dependent operations fills the scheduler, and 16 lanes an entry
// run it 1.6 times as fast on a Zen 4. The other kernels stay AVX2: an
// AVX-512 Adam, bound by the divider that Zen 4 splits in two for 512-bit
// operands, was slower.
//
// The assembly performs the same float32 operations in the same order as
// the reference (no fused multiply-add), so float32 results are
// bit-identical to it. The references round each product explicitly
// (float32(a*b)), since Go may otherwise fuse a*b+c, as it does on arm64.
// Only the float64 sums returned by the loss kernels are accumulated in a
// different order (lanes instead of one sum), which changes them by a few
// ulps.
//
// There is one ReLU derivative: a gradient passes where the ReLU's output
// y is > 0 and is zeroed where y ≤ 0 (−0 included) and where y is NaN, as
// TensorFlow's ReluGrad (gradient·(y > 0)) does. ReLUBackward and
// ReLUBackwardBias apply it bit for bit alike, assembly or not.
//
// Slices passed together to an element-wise kernel must have the same
// length as the first one; the kernels panic (index out of range) when a
// slice is shorter. The row kernels state their shapes in their docs.
package vec
