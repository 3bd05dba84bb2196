package vec

import (
	"math"
	"math/rand/v2"
	"testing"
)

func TestLogf(t *testing.T) {
	// Every 97th float32 from the smallest normal number to the largest.
	worst := 0.0
	for b := uint32(0x00800000); b < 0x7f800000; b += 97 {
		x := math.Float32frombits(b)
		got, want := float64(Logf(x)), math.Log(float64(x))
		ulp := math.Abs(float64(math.Nextafter32(float32(want), float32(math.Inf(1)))) - math.Abs(float64(float32(want))))
		if ulp == 0 {
			ulp = math.SmallestNonzeroFloat32
		}
		if d := math.Abs(got-want) / ulp; d > worst {
			worst = d
			if d > 2 {
				t.Fatalf("Logf(%v) = %v, want %v: %.1f ulp off", x, got, want, d)
			}
		}
	}
	t.Logf("largest error %.2f ulp", worst)
}

func TestBCESum(t *testing.T) {
	const eps = 1e-7
	kernelModes(t, func(t *testing.T) {
		r := rand.New(rand.NewPCG(9, 10))
		for _, n := range testLengths {
			p, y := randSlice(r, n, 0, 1), randSlice(r, n, 0, 1)
			for i := range y {
				switch i % 3 { // MNIST's targets are mostly exactly 0 or 1
				case 0:
					y[i] = 0
				case 1:
					y[i] = 1
				}
			}
			if n > 2 {
				p[0], p[1] = 0, 1 // clipped
			}
			closeSum(t, "BCESum", BCESum(p, y, eps), bceSumGo(p, y, eps))
			var want float64
			for i, v := range p {
				q := min(max(float64(v), eps), 1-eps)
				want -= float64(y[i])*math.Log(q) + (1-float64(y[i]))*math.Log(1-q)
			}
			if math.Abs(BCESum(p, y, eps)-want) > 1e-6*math.Abs(want)+1e-9 {
				t.Fatalf("BCESum of %d values = %.9g, float64 logarithms give %.9g", n, BCESum(p, y, eps), want)
			}
		}
		nan := []float32{0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, float32(math.NaN()), 0.5}
		if s := BCESum(nan, make([]float32, len(nan)), eps); !math.IsNaN(s) {
			t.Errorf("BCESum with a NaN prediction = %v, want NaN", s)
		}
	})
}
