package dataset

import "testing"

func TestSplit(t *testing.T) {
	s := &Set{Name: "x", Height: 1, Width: 2, Labels: []uint8{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}}
	for i := range 10 {
		s.Pixels = append(s.Pixels, float32(i), float32(i))
	}
	train, val := s.Split(0.2, 1)
	if train.Len() != 8 || val.Len() != 2 {
		t.Fatalf("split 10 into %d and %d, want 8 and 2", train.Len(), val.Len())
	}
	seen := map[int]bool{}
	for _, part := range []*Set{train, val} {
		for i := range part.Len() {
			img := part.Image(i)
			if img[0] != img[1] || int(img[0]) != part.Label(i) {
				t.Fatalf("image %v lost its label %d", img, part.Label(i))
			}
			seen[part.Label(i)] = true
		}
	}
	if len(seen) != 10 {
		t.Errorf("split kept %d of 10 images", len(seen))
	}
	again, _ := s.Split(0.2, 1)
	if again.Label(0) != train.Label(0) || again.Label(7) != train.Label(7) {
		t.Error("the same seed split differently")
	}
	tiny := &Set{Height: 1, Width: 1, Pixels: []float32{1, 2}}
	if a, b := tiny.Split(0.1, 1); a.Len() != 1 || b.Len() != 1 {
		t.Errorf("two images split into %d and %d", a.Len(), b.Len())
	}
}
