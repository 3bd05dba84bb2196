package vec

import (
	"fmt"
	"testing"
)

// BenchmarkKernels measures the kernels of one training step's largest pass
// (128 samples × 784 values), reporting Mvalues/s.
func BenchmarkKernels(b *testing.B) {
	const n = 128 * 784
	x, y, g := make([]float32, n), make([]float32, n), make([]float32, n)
	m, v := make([]float32, n), make([]float32, n)
	for i := range x {
		x[i] = float32(i%97)/97 - 0.5
		y[i] = float32(i%13) / 13
	}
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"sigmoid", func() { copy(g, x); Sigmoid(g) }},
		{"relu", func() { copy(g, x); ReLU(g) }},
		{"sigmoidBackward", func() { SigmoidBackward(g, x, y) }},
		{"mseSigmoidGrad", func() { MSESigmoidGrad(g, y, x, 1.0/n) }},
		{"adam", func() { Adam(g, x, m, v, 0.9, 0.999, 1e-3, 1e-7) }},
		{"adadelta", func() { Adadelta(g, x, m, v, 0.95, 1e-7, 1) }},
		{"biasReLU32", func() { copy(g, x); BiasReLU(g, x[:32]) }},
		{"reluBackwardBias32", func() { copy(g, x); ReLUBackwardBias(g, y, m[:32]) }},
	} {
		for _, asm := range []bool{true, false} {
			if asm && !useAsm {
				continue
			}
			b.Run(fmt.Sprintf("%s/asm=%v", tc.name, asm), func(b *testing.B) {
				saved := useAsm
				useAsm = asm
				defer func() { useAsm = saved }()
				for b.Loop() {
					tc.f()
				}
				b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mvalues/s")
			})
		}
	}
}
