//go:build amd64 && !purego

package network

import "golang.org/x/sys/cpu"

// hasSIMDKernels reports whether this build contains the AVX2 kernels of
// kernels_amd64.s: ReLU bias and backward, 2×2 max pooling, 2× upsampling
// backward. Each has a portable Go loop (…Go) it must match bit for bit.
const hasSIMDKernels = true

// useSIMDKernels selects the AVX2 kernels; it is set at start-up from the
// CPU features. kernels_test.go compares every kernel with its Go loop.
var useSIMDKernels = cpu.X86.HasAVX2

// biasReLUAVX2 sets y = max(y + b, 0) for rows rows of 8·blocks values,
// b holding 8·blocks values.
//
//go:noescape
func biasReLUAVX2(y *float32, rows int, b *float32, blocks int)

// reluBackwardBiasAVX2 masks dy by the ReLU outputs y as reluBackwardBiasGo
// does and adds every row of the result into db (8·blocks values).
//
//go:noescape
func reluBackwardBiasAVX2(dy, y *float32, rows int, db *float32, blocks int)

// biasReLU sets y = max(y + b, 0) for rows of len(b) values.
func biasReLU(y, b []float32) {
	f := len(b)
	if !useSIMDKernels || f%8 != 0 || len(y)%f != 0 || len(y) == 0 {
		biasReLUGo(y, b)
		return
	}
	biasReLUAVX2(&y[0], len(y)/f, &b[0], f/8)
}

// reluBackwardBias writes dz = dy·relu'(z) in place of dy given the ReLU
// outputs y, and adds every row of len(db) values of dz into db.
func reluBackwardBias(dy, y, db []float32) {
	f := len(db)
	if !useSIMDKernels || f%8 != 0 || len(dy)%f != 0 || len(dy) == 0 || len(y) < len(dy) {
		reluBackwardBiasGo(dy, y, db)
		return
	}
	reluBackwardBiasAVX2(&dy[0], &y[0], len(dy)/f, &db[0], f/8)
}

// upsample2RowAVX2 sums the 2×2 blocks of one row pair of a 2× upsampled
// gradient: see upsample2Row.
//
//go:noescape
func upsample2RowAVX2(dst, top, bot *float32, pixels, blocks int)

// upsample2Row sets each of the len(dst)/c pixels of dst (c channels) to
// the sum of its 2×2 block in the gradient rows top and bot (2·len(dst)
// values each), adding top-left, top-right, bottom-left, bottom-right.
func upsample2Row(dst, top, bot []float32, c int) {
	if !useSIMDKernels || c%8 != 0 || len(dst) == 0 || len(top) < 2*len(dst) || len(bot) < 2*len(dst) {
		upsample2RowGo(dst, top, bot, c)
		return
	}
	upsample2RowAVX2(&dst[0], &top[0], &bot[0], len(dst)/c, c/8)
}

// pool2x2AVX2 pools a run of full 2×2 windows: see pool2x2Row.
//
//go:noescape
func pool2x2AVX2(y *float32, arg *int32, x *float32, first, rowLen, pixels, blocks int)

// pool2x2Row pools len(y)/c consecutive output pixels (c channels) whose
// full 2×2 windows start at x[first], x[first+2c], …, second rows rowLen
// values further, writing the maxima into y and their indices into arg as
// pool2x2Go does for each pixel.
func pool2x2Row(y []float32, arg []int32, x []float32, first, rowLen, c int) {
	n := len(y) / c
	if !useSIMDKernels || c%8 != 0 || n == 0 || len(arg) < len(y) || first+rowLen+2*n*c > len(x) {
		pool2x2RowGo(y, arg, x, first, rowLen, c)
		return
	}
	pool2x2AVX2(&y[0], &arg[0], &x[0], first, rowLen, n, c/8)
}
