package network

import (
	"fmt"
	"testing"
)

// BenchmarkPresetLayers measures the forward and backward pass of every
// layer of the convolutional presets at batch 128, in model order, so that
// a change to one layer can be judged by its share of a training step.
func BenchmarkPresetLayers(b *testing.B) {
	for _, name := range []string{"conv", "denoising"} {
		s, _ := Preset(name)
		m, err := Build(s, 1)
		if err != nil {
			b.Fatal(err)
		}
		const n = 128
		x := make([]float32, n*784)
		for i := range x {
			x[i] = float32(i%13) / 13
		}
		outs := [][]float32{x}
		for _, l := range m.Layers() {
			outs = append(outs, append([]float32(nil), l.Forward(outs[len(outs)-1], n, true)...))
		}
		for i, l := range m.Layers() {
			in := outs[i]
			dy0 := make([]float32, len(outs[i+1]))
			for j := range dy0 {
				dy0[j] = 0.01 * float32(j%7-3)
			}
			dy := make([]float32, len(dy0))
			for _, dir := range []string{"forward", "backward"} {
				b.Run(fmt.Sprintf("%s/%d-%s-%v/%s", name, i, l.Type(), l.InShape(), dir), func(b *testing.B) {
					l.Forward(in, n, true)
					for b.Loop() {
						if dir == "forward" {
							l.Forward(in, n, true)
						} else {
							b.StopTimer()
							copy(dy, dy0)
							b.StartTimer()
							l.Backward(dy)
						}
					}
				})
			}
		}
	}
}
