//go:build !(amd64 || arm64) || purego

package vec

// HasAsm reports whether this build contains the assembly kernels.
const HasAsm = false

// useAsm, the dispatch flag of every kernel, is always false in builds
// without the assembly kernels.
var useAsm = false

// bulk returns how many of n values the bulk kernels take: none here.
func bulk(n int) int { return 0 }

// The bulk kernels of a build without assembly are never called; they
// exist so that vec.go compiles the same everywhere.

func sigmoidBulk(x []float32)                            { sigmoidGo(x) }
func reluBulk(x []float32)                               { reluGo(x) }
func reluBackwardBulk(dz, dy, y []float32)               { reluBackwardGo(dz, dy, y) }
func sigmoidBackwardBulk(dz, dy, y []float32)            { sigmoidBackwardGo(dz, dy, y) }
func addBulk(dst, src []float32)                         { addGo(dst, src) }
func sumSqDiffBulk(p, y []float32) float64               { return sumSqDiffGo(p, y) }
func mseGradBulk(g, p, y []float32, inv float32) float64 { return mseGradGo(g, p, y, inv) }
func mseSigmoidGradBulk(dz, p, y []float32, inv float32) float64 {
	return mseSigmoidGradGo(dz, p, y, inv)
}
func adamBulk(w, g, m, v []float32, b1, b2, lrt, eps float32) { adamGo(w, g, m, v, b1, b2, lrt, eps) }
func adadeltaBulk(w, g, a, d []float32, rho, eps, lr float32) { adadeltaGo(w, g, a, d, rho, eps, lr) }
func rmspropBulk(w, g, a []float32, rho, eps, lr float32)     { rmspropGo(w, g, a, rho, eps, lr) }

// The row kernels of a build without assembly are never called either.

func biasReLUAsm(y *float32, rows int, b *float32, blocks int) { panic(errNoAsm) }
func reluBackwardBiasAsm(dy, y *float32, rows int, db *float32, blocks int) {
	panic(errNoAsm)
}
func upsample2RowAsm(dst, top, bot *float32, pixels, blocks int) { panic(errNoAsm) }
func pool2x2RowAsm(y *float32, arg *int32, x *float32, first, rowLen, pixels, blocks int) {
	panic(errNoAsm)
}

// errNoAsm is the panic value of the row kernels of a build without assembly.
const errNoAsm = "vec: assembly kernel called in a build without assembly"

// bceAsm is false: BCESum runs in Go.
const bceAsm = false

func bceSumBulk(p, y []float32, eps float32) float64 { return bceSumGo(p, y, eps) }

// useAVX512 is always false: this build has no AVX-512 kernels.
var useAVX512 = false

// wide returns 0: this build has no AVX-512 kernels.
func wide(n int) int { return 0 }

// sigmoidBulk512 is never called in this build (wide is 0).
func sigmoidBulk512(x []float32) { sigmoidBulk(x) }
