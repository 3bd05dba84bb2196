//go:build !amd64 || purego

package network

// hasSIMDKernels reports whether this build contains the AVX2 kernels of
// kernels_amd64.s: ReLU bias and backward, 2×2 max pooling, 2× upsampling
// backward. Each has a portable Go loop (…Go) it must match bit for bit.
const hasSIMDKernels = false

// useSIMDKernels is always false without the assembly kernels.
var useSIMDKernels = false

// biasReLU sets y = max(y + b, 0) for rows of len(b) values.
func biasReLU(y, b []float32) { biasReLUGo(y, b) }

// reluBackwardBias writes dz = dy·relu'(z) in place of dy given the ReLU
// outputs y, and adds every row of len(db) values of dz into db.
func reluBackwardBias(dy, y, db []float32) { reluBackwardBiasGo(dy, y, db) }

// upsample2Row sets each of the len(dst)/c pixels of dst (c channels) to
// the sum of its 2×2 block in the gradient rows top and bot (2·len(dst)
// values each), adding top-left, top-right, bottom-left, bottom-right.
func upsample2Row(dst, top, bot []float32, c int) { upsample2RowGo(dst, top, bot, c) }

// pool2x2Row pools len(y)/c consecutive output pixels (c channels) whose
// full 2×2 windows start at x[first], x[first+2c], …, second rows rowLen
// values further, writing the maxima into y and their indices into arg as
// pool2x2Go does for each pixel.
func pool2x2Row(y []float32, arg []int32, x []float32, first, rowLen, c int) {
	pool2x2RowGo(y, arg, x, first, rowLen, c)
}
