package network

import (
	"math/rand/v2"
	"testing"
)

func TestGaussianNoise(t *testing.T) {
	build := func() Layer {
		l, err := newGaussianNoise(LayerSpec{Type: "gaussian_noise", Noise: 0.5},
			buildContext{name: "gaussian_noise_1", in: Shape{10, 10, 1}, rng: rand.New(rand.NewPCG(1, 2)), needInputGrad: true})
		if err != nil {
			t.Fatal(err)
		}
		return l
	}
	x := make([]float32, 2*100)
	for i := range x {
		x[i] = float32(i%7) / 6
	}
	t.Run("inference", func(t *testing.T) {
		l := build()
		if y := l.Forward(x, 2, false); &y[0] != &x[0] {
			t.Error("noise layer changed inputs at inference")
		}
		checkLayerGradients(t, l, 2, 1)
	})
	t.Run("train", func(t *testing.T) {
		a, b := build(), build()
		y := a.Forward(x, 2, true)
		y2 := b.Forward(x, 2, true)
		changed, clipped := 0, 0
		for i, v := range y {
			if v != y2[i] {
				t.Fatal("two layers built from the same seed drew different noise")
			}
			if v < 0 || v > 1 {
				t.Fatalf("y[%d] = %v outside [0,1]", i, v)
			}
			if v != x[i] {
				changed++
			}
			if v == 0 || v == 1 {
				clipped++
			}
		}
		if changed < 150 || clipped < 20 {
			t.Errorf("%d of 200 values changed, %d clipped", changed, clipped)
		}
		dy := make([]float32, len(y))
		for i := range dy {
			dy[i] = 1
		}
		dx := a.Backward(dy)
		for i, g := range dx {
			if want := float32(1); y[i] == 0 || y[i] == 1 {
				if g != 0 {
					t.Fatalf("dx[%d] = %v where the output was clipped to %v", i, g, y[i])
				}
			} else if g != want {
				t.Fatalf("dx[%d] = %v, want 1", i, g)
			}
		}
		if y3 := a.Forward(x, 2, true); y3[0] == y2[0] && y3[1] == y2[1] && y3[2] == y2[2] {
			t.Error("the second batch drew the same noise as the first")
		}
	})
}
