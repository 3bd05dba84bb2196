package ui

import (
	"math/rand/v2"
	"slices"
	"testing"

	"autoencoder-studio/dataset"
)

func TestNoisyInput(t *testing.T) {
	clean := []float32{0, 0.25, 0.5, 0.75, 1, 0.5}
	if got := noisyInput(clean, 0, 1, 2); &got[0] != &clean[0] {
		t.Error("noise factor 0 copied the input")
	}
	got := noisyInput(clean, 0.5, 1, 2)
	want := make([]float32, len(clean))
	dataset.AddNoise(want, clean, 0.5, rand.New(rand.NewPCG(1, 2)))
	if !slices.Equal(got, want) || slices.Equal(got, clean) {
		t.Errorf("noisyInput = %v, want dataset.AddNoise's %v", got, want)
	}
	if again := noisyInput(clean, 0.5, 1, 2); !slices.Equal(again, got) {
		t.Error("the same seeds gave other noise")
	}
	if clean[1] != 0.25 {
		t.Error("noisyInput changed its input")
	}
}

func TestPerEpoch(t *testing.T) {
	for _, tc := range []struct {
		s    float64
		want string
	}{{0.042, "0.042 s/epoch"}, {1.63, "1.6 s/epoch"}, {14.38, "14 s/epoch"}, {56.2, "56 s/epoch"}} {
		if got := perEpoch(tc.s); got != tc.want {
			t.Errorf("perEpoch(%v) = %q, want %q", tc.s, got, tc.want)
		}
	}
}
