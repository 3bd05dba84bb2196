package network

import (
	"slices"
	"testing"
)

func TestPermute(t *testing.T) {
	// A 2×3 matrix transposed, and a 2×1×3 array moved to 3×2×1.
	for _, tc := range []struct {
		x           []float32
		shape, perm []int
		want        []float32
		wantShape   []int
	}{
		{[]float32{1, 2, 3, 4, 5, 6}, []int{2, 3}, []int{1, 0}, []float32{1, 4, 2, 5, 3, 6}, []int{3, 2}},
		{[]float32{1, 2, 3, 4, 5, 6}, []int{2, 1, 3}, []int{2, 0, 1}, []float32{1, 4, 2, 5, 3, 6}, []int{3, 2, 1}},
		{[]float32{1, 2, 3}, []int{3}, []int{0}, []float32{1, 2, 3}, []int{3}},
	} {
		got, gotShape := permute(tc.x, tc.shape, tc.perm)
		if !slices.Equal(got, tc.want) || !slices.Equal(gotShape, tc.wantShape) {
			t.Errorf("permute(%v, %v, %v) = %v %v, want %v %v", tc.x, tc.shape, tc.perm, got, gotShape, tc.want, tc.wantShape)
		}
	}
}
