package network

import (
	"fmt"
	"testing"
)

// BenchmarkTrainStep measures one training step (forward, backward and
// optimizer update) of batch 128 for every preset, reporting samples/s and
// the seconds an epoch of 60,000 digits would take at that rate.
func BenchmarkTrainStep(b *testing.B) {
	train, _ := mnistSubset(b, 128, 0)
	for _, name := range PresetNames() {
		b.Run(name, func(b *testing.B) {
			s, _ := Preset(name)
			m, err := Build(s, 1)
			if err != nil {
				b.Fatal(err)
			}
			x := train.X[:128*784]
			m.TrainStep(x, x, 128)
			b.ReportAllocs()
			for b.Loop() {
				m.TrainStep(x, x, 128)
			}
			perStep := b.Elapsed().Seconds() / float64(b.N)
			b.ReportMetric(128/perStep, "samples/s")
			b.ReportMetric(perStep*469, "s/epoch")
		})
	}
}

// BenchmarkDense measures a dense layer's forward and backward pass on the
// vanilla encoder's shape (batch 128, 784 → 64).
func BenchmarkDense(b *testing.B) {
	for _, dir := range []string{"forward", "backward"} {
		for _, sh := range [][2]int{{784, 64}, {64, 784}} {
			b.Run(fmt.Sprintf("%s/%dx%d", dir, sh[0], sh[1]), func(b *testing.B) {
				l, _ := newDense(LayerSpec{Units: sh[1], Activation: "relu"}, buildContext{name: "d", in: Shape{sh[0]}, rng: testRand(), needInputGrad: true})
				x := make([]float32, 128*sh[0])
				for i := range x {
					x[i] = float32(i%7) / 7
				}
				y := l.Forward(x, 128, true)
				dy := make([]float32, len(y))
				b.ReportAllocs()
				for b.Loop() {
					if dir == "forward" {
						l.Forward(x, 128, true)
					} else {
						for i := range dy {
							dy[i] = 0.01
						}
						l.Backward(dy)
					}
				}
				flops := 2.0 * 128 * float64(sh[0]*sh[1])
				if dir == "backward" {
					flops *= 2
				}
				b.ReportMetric(flops*float64(b.N)/b.Elapsed().Seconds()/1e9, "GFLOP/s")
			})
		}
	}
}
