package dataset

import "math/rand/v2"

// AddNoise writes src plus Gaussian noise of standard deviation factor into
// dst, clipped to [0,1], as the denoising autoencoder of the Keras tutorial
// does (noise factor 0.5). dst and src may be the same slice; dst must be at
// least as long as src.
func AddNoise(dst, src []float32, factor float32, rng *rand.Rand) {
	dst = dst[:len(src)]
	for i, v := range src {
		v += factor * float32(rng.NormFloat64())
		dst[i] = min(max(v, 0), 1)
	}
}

// Noisy returns a copy of s with Gaussian noise of the given factor added to
// every pixel and clipped to [0,1]. The same seed gives the same noise.
func Noisy(s *Set, factor float32, seed uint64) *Set {
	out := *s
	out.Name = s.Name + "-noisy"
	out.Pixels = make([]float32, len(s.Pixels))
	AddNoise(out.Pixels, s.Pixels, factor, rand.New(rand.NewPCG(seed, 0x6e6f697365)))
	return &out
}
