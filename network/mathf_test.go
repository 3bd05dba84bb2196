package network

import (
	"math"
	"testing"
)

func TestExpf(t *testing.T) {
	worst := 0.0
	for x := -87.0; x <= 88.0; x += 0.001237 {
		got, want := float64(expf(float32(x))), math.Exp(float64(float32(x)))
		worst = max(worst, math.Abs(got-want)/want)
	}
	if worst > 3e-7 {
		t.Errorf("expf relative error up to %.3g, want below 3e-7", worst)
	}
	for _, tc := range []struct{ x, lo, hi float32 }{
		{-1000, 0, 1e-37}, {1000, 1e38, math.MaxFloat32}, {0, 1, 1},
	} {
		if got := expf(tc.x); got < tc.lo || got > tc.hi || math.IsNaN(float64(got)) {
			t.Errorf("expf(%v) = %v, want in [%v, %v]", tc.x, got, tc.lo, tc.hi)
		}
	}
}

func TestSigmoid(t *testing.T) {
	for _, x := range []float32{-200, -20, -3, -0.5, 0, 0.25, 4, 30, 200} {
		got, want := float64(sigmoid(x)), 1/(1+math.Exp(-float64(x)))
		if math.Abs(got-want) > 1e-7*max(want, 1e-30)+1e-38 && math.Abs(got-want) > 2e-7 {
			t.Errorf("sigmoid(%v) = %v, want %v", x, got, want)
		}
	}
}

func BenchmarkSigmoid(b *testing.B) {
	x := make([]float32, 128*784)
	for i := range x {
		x[i] = float32(i%200-100) / 20
	}
	for b.Loop() {
		Sigmoid.applySerial(x)
	}
	b.ReportMetric(float64(len(x))*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mvalues/s")
}
