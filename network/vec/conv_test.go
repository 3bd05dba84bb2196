package vec

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// reluSpecials are values the row kernels must treat as their Go references
// do: signed zeros, NaN, infinities and denormals.
var reluSpecials = []float32{
	0, float32(math.Copysign(0, -1)), float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)),
	math.SmallestNonzeroFloat32, -math.SmallestNonzeroFloat32, 1, -1,
}

// reluInputs returns n normally distributed values with every special
// value mixed in.
func reluInputs(rng *rand.Rand, n int) []float32 {
	x := make([]float32, n)
	for i := range x {
		x[i] = float32(rng.NormFloat64())
		if rng.IntN(4) == 0 {
			x[i] = reluSpecials[rng.IntN(len(reluSpecials))]
		}
	}
	return x
}

// sameBitsOrNaN reports whether a and b hold the same bit patterns (so −0
// differs from +0), counting any two NaNs as equal: the payload of a NaN
// made by the hardware is not specified by Go. It returns the first index
// that differs.
func sameBitsOrNaN(a, b []float32) (int, bool) {
	for i := range a {
		if a[i] != a[i] && b[i] != b[i] {
			continue
		}
		if math.Float32bits(a[i]) != math.Float32bits(b[i]) {
			return i, false
		}
	}
	return 0, true
}

// TestReLURowKernels checks that BiasReLU and ReLUBackwardBias give bit for
// bit the results of their Go references, with the assembly kernels (where
// built) and without, for widths the kernels take and widths they leave to
// the references.
func TestReLURowKernels(t *testing.T) {
	kernelModes(t, func(t *testing.T) {
		for _, f := range []int{1, 3, 8, 16, 24, 32, 40} {
			for _, rows := range []int{0, 1, 7, 100} {
				t.Run(fmt.Sprintf("f%d_rows%d", f, rows), func(t *testing.T) {
					rng := rand.New(rand.NewPCG(uint64(f), uint64(rows)))
					y := reluInputs(rng, rows*f)
					b := reluInputs(rng, f)
					want := clone(y)
					biasReLUGo(want, b)
					got := clone(y)
					BiasReLU(got, b)
					if i, ok := sameBitsOrNaN(got, want); !ok {
						t.Fatalf("BiasReLU[%d] = %v, want %v", i, got[i], want[i])
					}

					out := clone(want) // ReLU outputs
					dy := reluInputs(rng, rows*f)
					db0 := reluInputs(rng, f)
					wantDz, wantDb := clone(dy), clone(db0)
					reluBackwardBiasGo(wantDz, out, wantDb)
					gotDz, gotDb := clone(dy), clone(db0)
					ReLUBackwardBias(gotDz, out, gotDb)
					if i, ok := sameBitsOrNaN(gotDz, wantDz); !ok {
						t.Fatalf("dz[%d] = %v, want %v", i, gotDz[i], wantDz[i])
					}
					if i, ok := sameBitsOrNaN(gotDb, wantDb); !ok {
						t.Fatalf("db[%d] = %v, want %v", i, gotDb[i], wantDb[i])
					}
				})
			}
		}
	})
}

// TestReLUDerivative pins the one ReLU derivative of the package: dy passes
// where y > 0 (denormals and +Inf included) and is zeroed where y ≤ 0, for
// −0 and for NaN, and ReLUBackward and ReLUBackwardBias agree bit for bit
// with each other and with the Go references, assembly or not. Every value
// is placed at every lane of an 8-wide block and in the tail.
func TestReLUDerivative(t *testing.T) {
	nan := float32(math.NaN())
	negNaN := math.Float32frombits(0xffc00000)
	for _, tc := range []struct {
		y    float32
		pass bool
	}{
		{0, false},
		{float32(math.Copysign(0, -1)), false},
		{nan, false},
		{negNaN, false},
		{math.Float32frombits(0x7f800001), false}, // signalling NaN
		{float32(math.Inf(1)), true},
		{float32(math.Inf(-1)), false},
		{math.SmallestNonzeroFloat32, true},
		{-math.SmallestNonzeroFloat32, false},
		{math.MaxFloat32, true},
		{-math.MaxFloat32, false},
		{1e-30, true},
		{-1e-30, false},
		{1, true},
		{-1, false},
	} {
		t.Run(fmt.Sprintf("%#x", math.Float32bits(tc.y)), func(t *testing.T) {
			kernelModes(t, func(t *testing.T) {
				const n = 19 // two blocks of 8 and a tail of 3
				for at := range n {
					y := make([]float32, n)
					dy := make([]float32, n)
					for i := range y {
						y[i], dy[i] = 1, float32(i+1)
					}
					y[at] = tc.y
					dy[at] = float32(math.Copysign(0, -1)) // a passed −0 stays −0
					if at%2 == 1 {
						dy[at] = -2.5
					}
					want := clone(dy)
					if !tc.pass {
						want[at] = 0
					}

					got := make([]float32, n)
					ReLUBackward(got, dy, y)
					sameBits(t, "ReLUBackward", got, want)
					ref := make([]float32, n)
					reluBackwardGo(ref, dy, y)
					sameBits(t, "reluBackwardGo", ref, want)

					// Rows of 8 run the fused assembly; 19 values as one
					// row run the Go reference.
					for _, f := range []int{8, n} {
						rows := n / f
						dz := clone(dy[:rows*f])
						db := make([]float32, f)
						ReLUBackwardBias(dz, y, db)
						sameBits(t, fmt.Sprintf("ReLUBackwardBias f=%d", f), dz, want[:rows*f])
						refDz := clone(dy[:rows*f])
						refDb := make([]float32, f)
						reluBackwardBiasGo(refDz, y, refDb)
						sameBits(t, fmt.Sprintf("reluBackwardBiasGo f=%d db", f), db, refDb)
					}
				}
			})
		})
	}
}

// TestUpsample2Row checks Upsample2Row against its Go reference, bit for
// bit, for channel counts the assembly takes and ones it leaves to the
// reference.
func TestUpsample2Row(t *testing.T) {
	kernelModes(t, func(t *testing.T) {
		for _, c := range []int{1, 3, 8, 16, 32, 40} {
			for _, w := range []int{1, 4, 14} {
				t.Run(fmt.Sprintf("c%d_w%d", c, w), func(t *testing.T) {
					rng := rand.New(rand.NewPCG(uint64(c), uint64(w)))
					top, bot := reluInputs(rng, 2*w*c), reluInputs(rng, 2*w*c)
					want, got := make([]float32, w*c), make([]float32, w*c)
					upsample2RowGo(want, top, bot, c)
					Upsample2Row(got, top, bot, c)
					if i, ok := sameBitsOrNaN(got, want); !ok {
						t.Fatalf("dx[%d] = %v, want %v", i, got[i], want[i])
					}
				})
			}
		}
	})
}

// TestPool2x2Row checks Pool2x2Row against its Go reference, values bit for
// bit and indices exactly, with ties, signed zeros and NaNs among the
// inputs.
func TestPool2x2Row(t *testing.T) {
	kernelModes(t, func(t *testing.T) {
		for _, c := range []int{1, 8, 16, 32, 12} {
			for _, w := range []int{1, 3, 14} {
				t.Run(fmt.Sprintf("c%d_w%d", c, w), func(t *testing.T) {
					rng := rand.New(rand.NewPCG(uint64(c), uint64(w)))
					rowLen := 2*w*c + c // a row with an odd last column
					x := reluInputs(rng, 3*rowLen)
					for i := range x {
						if rng.IntN(5) == 0 {
							x[i] = float32(rng.IntN(3)) // ties
						}
					}
					first := rowLen
					want, got := make([]float32, w*c), make([]float32, w*c)
					wantArg, gotArg := make([]int32, w*c), make([]int32, w*c)
					pool2x2RowGo(want, wantArg, x, first, rowLen, c)
					Pool2x2Row(got, gotArg, x, first, rowLen, c)
					if i, ok := sameBitsOrNaN(got, want); !ok {
						t.Fatalf("y[%d] = %v, want %v", i, got[i], want[i])
					}
					for i := range gotArg {
						if gotArg[i] != wantArg[i] {
							t.Fatalf("arg[%d] = %d, want %d", i, gotArg[i], wantArg[i])
						}
					}
				})
			}
		}
	})
}

// TestRowKernelsBounds runs the row kernels on rows that start 1 to 3
// values into their buffers, for widths the assembly takes (multiples of
// 8) and one it leaves to the reference, and checks the results bit for bit
// against the references and that nothing outside the rows changed.
func TestRowKernelsBounds(t *testing.T) {
	const guard = 8
	sentinel := float32(-12345.5)
	// place returns x copied into a buffer at offset off, guard sentinels
	// around it, and the copy.
	place := func(x []float32, off int) (buf, in []float32) {
		buf = make([]float32, off+len(x)+guard)
		for i := range buf {
			buf[i] = sentinel
		}
		in = buf[off : off+len(x)]
		copy(in, x)
		return buf, in
	}
	untouched := func(t *testing.T, what string, buf []float32, off, n int) {
		t.Helper()
		for i, v := range buf {
			if (i < off || i >= off+n) && v != sentinel {
				t.Fatalf("%s: buffer[%d] = %v outside the row changed", what, i, v)
			}
		}
	}
	same := func(t *testing.T, what string, got, want []float32) {
		t.Helper()
		if i, ok := sameBitsOrNaN(got, want); !ok {
			t.Fatalf("%s[%d] = %v, want %v", what, i, got[i], want[i])
		}
	}
	kernelModes(t, func(t *testing.T) {
		for _, c := range []int{8, 16, 24, 12} {
			for off := 1; off < 4; off++ {
				t.Run(fmt.Sprintf("c%d_off%d", c, off), func(t *testing.T) {
					rng := rand.New(rand.NewPCG(uint64(c), uint64(off)))
					const rows = 3

					b := reluInputs(rng, c)
					y := reluInputs(rng, rows*c)
					want := clone(y)
					biasReLUGo(want, b)
					buf, got := place(y, off)
					BiasReLU(got, b)
					same(t, "BiasReLU", got, want)
					untouched(t, "BiasReLU", buf, off, len(got))

					dy := reluInputs(rng, rows*c)
					wantDz, wantDb := clone(dy), reluInputs(rng, c)
					gotDb0 := clone(wantDb)
					reluBackwardBiasGo(wantDz, want, wantDb)
					bufDz, gotDz := place(dy, off)
					bufDb, gotDb := place(gotDb0, off)
					ReLUBackwardBias(gotDz, want, gotDb)
					same(t, "ReLUBackwardBias dz", gotDz, wantDz)
					same(t, "ReLUBackwardBias db", gotDb, wantDb)
					untouched(t, "ReLUBackwardBias dz", bufDz, off, len(gotDz))
					untouched(t, "ReLUBackwardBias db", bufDb, off, len(gotDb))

					const w = 3
					top, bot := reluInputs(rng, 2*w*c), reluInputs(rng, 2*w*c)
					wantUp := make([]float32, w*c)
					upsample2RowGo(wantUp, top, bot, c)
					bufUp, gotUp := place(make([]float32, w*c), off)
					Upsample2Row(gotUp, top, bot, c)
					same(t, "Upsample2Row", gotUp, wantUp)
					untouched(t, "Upsample2Row", bufUp, off, len(gotUp))

					rowLen := 2 * w * c
					x := reluInputs(rng, 2*rowLen)
					wantY, wantArg := make([]float32, w*c), make([]int32, w*c)
					pool2x2RowGo(wantY, wantArg, x, 0, rowLen, c)
					bufY, gotY := place(make([]float32, w*c), off)
					gotArg := make([]int32, w*c+guard)
					Pool2x2Row(gotY, gotArg[:w*c], x, 0, rowLen, c)
					same(t, "Pool2x2Row", gotY, wantY)
					untouched(t, "Pool2x2Row", bufY, off, len(gotY))
					for i, a := range gotArg {
						if i < w*c && a != wantArg[i] || i >= w*c && a != 0 {
							t.Fatalf("Pool2x2Row arg[%d] = %d", i, a)
						}
					}
				})
			}
		}
	})
}
