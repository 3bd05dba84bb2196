package network

import "testing"

func TestCodeStats(t *testing.T) {
	for _, tc := range []struct {
		codes       []float32
		mean, zeros float64
	}{
		{nil, 0, 0},
		{[]float32{0, 0, 0, 4}, 1, 0.75},
		{[]float32{1, 2, 3}, 2, 0},
	} {
		if m, z := CodeStats(tc.codes); m != tc.mean || z != tc.zeros {
			t.Errorf("CodeStats(%v) = %v, %v; want %v, %v", tc.codes, m, z, tc.mean, tc.zeros)
		}
	}
}
