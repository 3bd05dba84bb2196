//go:build (amd64 || arm64) && !purego

package vec

import "math"

// HasAsm reports whether this build contains the assembly kernels (AVX2 on
// amd64, NEON on arm64).
const HasAsm = true

// bulk returns how many of n values the assembly kernels take: the largest
// multiple of 8, or none when useAsm is false.
func bulk(n int) int {
	if !useAsm {
		return 0
	}
	return n &^ 7
}

// expTab holds the constants of the vectorised Expf, each broadcast to 8
// lanes (see vec_amd64.s for the layout; vec_arm64.s loads the first 4).
var expTab = func() (t [15][8]float32) {
	for k, v := range [15]float32{
		math.Float32frombits(0x80000000), // sign mask
		expHi, -expHi, expLog2e, 0.5, expC1, expC2,
		expP0, expP1, expP2, expP3, expP4, expP5,
		1,
		math.Float32frombits(127), // exponent bias as int32
	} {
		for i := range t[k] {
			t[k][i] = v
		}
	}
	return t
}()

// The bulk kernels take slices whose length is a multiple of 8; the other
// slices must be at least as long as the first. They are implemented in
// vec_amd64.s and vec_arm64.s.

//go:noescape
func sigmoidBulk(x []float32)

//go:noescape
func reluBulk(x []float32)

//go:noescape
func reluBackwardBulk(dz, dy, y []float32)

//go:noescape
func sigmoidBackwardBulk(dz, dy, y []float32)

//go:noescape
func addBulk(dst, src []float32)

//go:noescape
func sumSqDiffBulk(p, y []float32) float64

//go:noescape
func mseGradBulk(g, p, y []float32, inv float32) float64

//go:noescape
func mseSigmoidGradBulk(dz, p, y []float32, inv float32) float64

//go:noescape
func adamBulk(w, g, m, v []float32, b1, b2, lrt, eps float32)

//go:noescape
func adadeltaBulk(w, g, a, d []float32, rho, eps, lr float32)

//go:noescape
func rmspropBulk(w, g, a []float32, rho, eps, lr float32)

// The row kernels of conv_amd64.s and conv_arm64.s take rows of 8·blocks
// values; see conv.go for their contracts.

//go:noescape
func biasReLUAsm(y *float32, rows int, b *float32, blocks int)

//go:noescape
func reluBackwardBiasAsm(dy, y *float32, rows int, db *float32, blocks int)

//go:noescape
func upsample2RowAsm(dst, top, bot *float32, pixels, blocks int)

//go:noescape
func pool2x2RowAsm(y *float32, arg *int32, x *float32, first, rowLen, pixels, blocks int)
