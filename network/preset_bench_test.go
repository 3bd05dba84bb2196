package network

import (
	"testing"

	"autoencoder-studio/network/directconv"
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

// BenchmarkLayer measures every layer type's forward and backward pass on a
// batch of 128 at the shapes the presets use, reporting values/s of output.
func BenchmarkLayer(b *testing.B) {
	for _, tc := range []struct {
		name string
		spec LayerSpec
		in   Shape
	}{
		{"dense/784-64-relu", LayerSpec{Type: "dense", Units: 64, Activation: "relu"}, Shape{784}},
		{"dense/64-784-sigmoid", LayerSpec{Type: "dense", Units: 784, Activation: "sigmoid"}, Shape{64}},
		{"conv2d/28x28x1-16", LayerSpec{Type: "conv2d", Filters: 16, Kernel: 3, Padding: "same", Activation: "relu"}, Shape{28, 28, 1}},
		{"conv2d/14x14x32-32", LayerSpec{Type: "conv2d", Filters: 32, Kernel: 3, Padding: "same", Activation: "relu"}, Shape{14, 14, 32}},
		{"conv2d/28x28x32-1", LayerSpec{Type: "conv2d", Filters: 1, Kernel: 3, Padding: "same", Activation: "sigmoid"}, Shape{28, 28, 32}},
		{"conv2d_transpose/7x7x32-32", LayerSpec{Type: "conv2d_transpose", Filters: 32, Kernel: 3, Stride: 2, Padding: "same", Activation: "relu"}, Shape{7, 7, 32}},
		{"maxpool2d/28x28x32", LayerSpec{Type: "maxpool2d", Size: 2, Padding: "same"}, Shape{28, 28, 32}},
		{"upsample2d/14x14x32", LayerSpec{Type: "upsample2d", Size: 2}, Shape{14, 14, 32}},
		{"dropout/784", LayerSpec{Type: "dropout", Rate: 0.2}, Shape{784}},
		{"gaussian_noise/784", LayerSpec{Type: "gaussian_noise", Noise: 0.5}, Shape{784}},
	} {
		l, err := layerTypes[tc.spec.Type].build(tc.spec, buildContext{name: tc.name, in: tc.in, rng: testRand(), needInputGrad: true})
		if err != nil {
			b.Fatalf("%s: %v", tc.name, err)
		}
		const n = 128
		x := make([]float32, n*tc.in.Size())
		for i := range x {
			x[i] = float32(i%13) / 13
		}
		dy := make([]float32, n*l.OutShape().Size())
		for _, dir := range []string{"forward", "backward"} {
			b.Run(tc.name+"/"+dir, func(b *testing.B) {
				l.Forward(x, n, true)
				b.ReportAllocs()
				for b.Loop() {
					if dir == "forward" {
						l.Forward(x, n, true)
					} else {
						for i := range dy {
							dy[i] = 0.01
						}
						l.Backward(dy)
					}
				}
				b.ReportMetric(float64(len(dy))*float64(b.N)/b.Elapsed().Seconds()/1e6, "Mvalues/s")
			})
		}
	}
}

// BenchmarkConvKernelSets measures a training step of the convolutional
// presets with each of directconv's kernel sets this CPU runs ("go" means
// no direct method: im2col and shift by gemm), reporting seconds per epoch.
func BenchmarkConvKernelSets(b *testing.B) {
	train, _ := mnistSubset(b, 128, 0)
	for _, name := range []string{"conv", "denoising"} {
		for _, set := range directconv.KernelSets() {
			b.Run(name+"/"+set, func(b *testing.B) {
				defer directconv.UseKernels(set)()
				s, _ := Preset(name)
				m, err := Build(s, 1)
				if err != nil {
					b.Fatal(err)
				}
				x := train.X[:128*784]
				m.TrainStep(x, x, 128)
				for b.Loop() {
					m.TrainStep(x, x, 128)
				}
				b.ReportMetric(b.Elapsed().Seconds()/float64(b.N)*469, "s/epoch")
			})
		}
	}
}
