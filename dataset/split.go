package dataset

import "math/rand/v2"

// Split shuffles the images of s with the given seed and returns two new
// sets: the first holds all but a fraction valFrac of them, the second the
// rest, at least one image each when s has two or more. Labels follow their
// images. Split panics if valFrac is not in (0, 1).
func (s *Set) Split(valFrac float64, seed uint64) (train, val *Set) {
	if !(valFrac > 0 && valFrac < 1) {
		panic("dataset: Split needs a validation fraction in (0, 1)")
	}
	n := s.Len()
	perm := rand.New(rand.NewPCG(seed, 0x73706c6974)).Perm(n)
	nVal := int(float64(n)*valFrac + 0.5)
	nVal = min(max(nVal, 1), n-1)
	if n < 2 {
		nVal = 0
	}
	pick := func(name string, idx []int) *Set {
		out := &Set{Name: name, Height: s.Height, Width: s.Width, Pixels: make([]float32, 0, len(idx)*s.Size())}
		if s.Labels != nil {
			out.Labels = make([]uint8, 0, len(idx))
		}
		for _, i := range idx {
			out.Pixels = append(out.Pixels, s.Image(i)...)
			if s.Labels != nil {
				out.Labels = append(out.Labels, s.Labels[i])
			}
		}
		return out
	}
	return pick(s.Name+"-train", perm[nVal:]), pick(s.Name+"-val", perm[:nVal])
}
