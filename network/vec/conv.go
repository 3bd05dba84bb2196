package vec

// The row kernels of the convolution path. Each takes whole rows of c (or
// len(b)) values and runs the assembly when the row width is a multiple of
// 8; otherwise, or without assembly, its reference in generic.go.

// BiasReLU sets y = max(y + b, 0) for the rows of len(b) values of y: the
// bias and ReLU of a convolution's output in one pass. A −0 sum becomes +0
// and NaN propagates, as Go's max does. len(y) must be a multiple of len(b).
func BiasReLU(y, b []float32) {
	f := len(b)
	if !useAsm || f%8 != 0 || len(y)%f != 0 || len(y) == 0 {
		biasReLUGo(y, b)
		return
	}
	biasReLUAsm(&y[0], len(y)/f, &b[0], f/8)
}

// ReLUBackwardBias sets dy, in place, to the gradient through a ReLU whose
// outputs are y, as ReLUBackward(dy, dy, y) does (dy passes where y > 0 and
// becomes 0 elsewhere, −0 and NaN included), and adds every row of len(db)
// values of the result into db: the bias gradient. len(dy) must be a
// multiple of len(db), and y must hold at least len(dy) values.
func ReLUBackwardBias(dy, y, db []float32) {
	f := len(db)
	if !useAsm || f%8 != 0 || len(dy)%f != 0 || len(dy) == 0 || len(y) < len(dy) {
		reluBackwardBiasGo(dy, y, db)
		return
	}
	reluBackwardBiasAsm(&dy[0], &y[0], len(dy)/f, &db[0], f/8)
}

// Upsample2Row sets each of the len(dst)/c pixels of dst (c channels) to
// the sum of its 2×2 block in the gradient rows top and bot (2·len(dst)
// values each) of a 2× upsampling, adding top-left, top-right, bottom-left,
// bottom-right in that order.
func Upsample2Row(dst, top, bot []float32, c int) {
	if !useAsm || c%8 != 0 || len(dst) == 0 || len(top) < 2*len(dst) || len(bot) < 2*len(dst) {
		upsample2RowGo(dst, top, bot, c)
		return
	}
	upsample2RowAsm(&dst[0], &top[0], &bot[0], len(dst)/c, c/8)
}

// Pool2x2Row max-pools len(y)/c consecutive output pixels (c channels, x
// pixel-major) over full 2×2 windows: the window of pixel j has its
// top-left cell at x[first+2·j·c] and its second row rowLen values further.
// It writes the maxima into y and their indices in x into arg. Cells are
// visited top-left, top-right, bottom-left, bottom-right; the index moves
// only to a strictly larger value (ties go to the earlier cell), and the
// maximum is Go's max (+0 over −0, NaN propagates).
func Pool2x2Row(y []float32, arg []int32, x []float32, first, rowLen, c int) {
	n := len(y) / c
	if !useAsm || c%8 != 0 || n == 0 || len(arg) < len(y) || first+rowLen+2*n*c > len(x) {
		pool2x2RowGo(y, arg, x, first, rowLen, c)
		return
	}
	pool2x2RowAsm(&y[0], &arg[0], &x[0], first, rowLen, n, c/8)
}
