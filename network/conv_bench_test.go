package network

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkConvPresetStep measures one training step (forward, backward and
// adadelta update) of a batch of 128 digits for the conv and denoising
// presets. Multiply ms/op by 469 for the seconds of an MNIST epoch.
func BenchmarkConvPresetStep(b *testing.B) {
	for _, name := range []string{"conv", "denoising"} {
		b.Run(name, func(b *testing.B) {
			s, _ := Preset(name)
			m, err := Build(s, 1)
			if err != nil {
				b.Fatal(err)
			}
			const n = 128
			rng := rand.New(rand.NewPCG(1, 1))
			x := make([]float32, n*784)
			for i := range x {
				x[i] = rng.Float32()
			}
			m.TrainStep(x, x, n) // warm up the buffers
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				m.TrainStep(x, x, n)
			}
			b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "samples/s")
		})
	}
}
