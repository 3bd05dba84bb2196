package network

import (
	"math"
	"math/rand/v2"
)

// glorotUniform fills w with values drawn uniformly from [-l, l] with
// l = sqrt(6 / (fanIn + fanOut)), Keras's default kernel initializer.
func glorotUniform(w []float32, fanIn, fanOut int, rng *rand.Rand) {
	limit := math.Sqrt(6 / float64(fanIn+fanOut))
	for i := range w {
		w[i] = float32((2*rng.Float64() - 1) * limit)
	}
}
