package network

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// reluSpecials are values the ReLU kernels must treat as the Go loops do:
// signed zeros, NaN, infinities and denormals.
var reluSpecials = []float32{
	0, float32(math.Copysign(0, -1)), float32(math.NaN()), float32(math.Inf(1)), float32(math.Inf(-1)),
	float32(math.SmallestNonzeroFloat32), -float32(math.SmallestNonzeroFloat32), 1, -1,
}

// reluInputs returns rows×f random values with every special value mixed in.
func reluInputs(rng *rand.Rand, n int) []float32 {
	x := make([]float32, n)
	randomize(rng, x)
	for i := range x {
		if rng.IntN(4) == 0 {
			x[i] = reluSpecials[rng.IntN(len(reluSpecials))]
		}
	}
	return x
}

// sameBits reports whether a and b hold the same bit patterns (so -0
// differs from +0), counting any two NaNs as equal: the payload of a NaN
// made by the hardware is not specified by Go.
func sameBits(a, b []float32) (int, bool) {
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

// TestReLUKernels checks that biasReLU and reluBackwardBias give bit-for-bit
// the results of the portable loops, with the assembly kernels (where
// built) and without, for widths the kernels take and widths they leave to
// the loops.
func TestReLUKernels(t *testing.T) {
	for _, f := range []int{1, 3, 8, 16, 24, 32, 40} {
		for _, rows := range []int{0, 1, 7, 100} {
			t.Run(fmt.Sprintf("f%d_rows%d", f, rows), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(uint64(f), uint64(rows)))
				y := reluInputs(rng, rows*f)
				b := reluInputs(rng, f)
				want := append([]float32(nil), y...)
				biasReLUGo(want, b)
				got := append([]float32(nil), y...)
				biasReLU(got, b)
				if i, ok := sameBits(got, want); !ok {
					t.Fatalf("biasReLU[%d] = %v, want %v", i, got[i], want[i])
				}

				out := append([]float32(nil), want...) // ReLU outputs
				dy := reluInputs(rng, rows*f)
				db0 := reluInputs(rng, f)
				wantDz, wantDb := append([]float32(nil), dy...), append([]float32(nil), db0...)
				reluBackwardBiasGo(wantDz, out, wantDb)
				gotDz, gotDb := append([]float32(nil), dy...), append([]float32(nil), db0...)
				reluBackwardBias(gotDz, out, gotDb)
				if i, ok := sameBits(gotDz, wantDz); !ok {
					t.Fatalf("dz[%d] = %v, want %v", i, gotDz[i], wantDz[i])
				}
				if i, ok := sameBits(gotDb, wantDb); !ok {
					t.Fatalf("db[%d] = %v, want %v", i, gotDb[i], wantDb[i])
				}
			})
		}
	}
	if !hasSIMDKernels || !useSIMDKernels {
		t.Log("AVX2 kernels not in use: compared the portable loops with themselves")
	}
}

// TestUpsample2Row checks upsample2Row (the AVX2 kernel where built)
// against the portable loop, bit for bit, for channel counts it takes and
// ones it leaves to the loop.
func TestUpsample2Row(t *testing.T) {
	for _, c := range []int{1, 3, 8, 16, 32, 40} {
		for _, w := range []int{1, 4, 14} {
			t.Run(fmt.Sprintf("c%d_w%d", c, w), func(t *testing.T) {
				rng := rand.New(rand.NewPCG(uint64(c), uint64(w)))
				top, bot := reluInputs(rng, 2*w*c), reluInputs(rng, 2*w*c)
				want, got := make([]float32, w*c), make([]float32, w*c)
				upsample2RowGo(want, top, bot, c)
				upsample2Row(got, top, bot, c)
				if i, ok := sameBits(got, want); !ok {
					t.Fatalf("dx[%d] = %v, want %v", i, got[i], want[i])
				}
			})
		}
	}
}

// TestPool2x2Row checks pool2x2Row (the AVX2 kernel where built) against
// the portable loop, values bit for bit and indices exactly, with ties,
// signed zeros and NaNs among the inputs.
func TestPool2x2Row(t *testing.T) {
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
				pool2x2Row(got, gotArg, x, first, rowLen, c)
				if i, ok := sameBits(got, want); !ok {
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
}
