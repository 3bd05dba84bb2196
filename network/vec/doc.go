// Package vec provides the element-wise float32 kernels of the training hot
// path: activations and their derivatives, fused loss value and gradient
// passes, and the optimizer updates.
//
// Every kernel has a pure-Go reference (generic.go) that defines its result.
// On amd64 with AVX2 and FMA, and unless built with the purego tag, the
// kernels run hand-written 8-wide assembly over the largest multiple of 8
// values and the reference over the tail. The assembly performs the same
// float32 operations in the same order as the reference (no fused
// multiply-add), so element-wise results are bit-identical to it. Only the
// float64 sums returned by the loss kernels are accumulated in a different
// order (four lanes instead of one), which changes them by a few ulps.
//
// Slices passed together must have the same length as the first one; the
// kernels panic (index out of range) when a slice is shorter.
package vec
