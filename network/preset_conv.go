package network

func init() {
	presets["conv"] = convSpec
	presets["denoising"] = denoisingSpec
}

// conv3 returns a 3×3 conv2d spec with stride 1.
func conv3(filters int, act Activation, padding string) LayerSpec {
	return LayerSpec{Type: TypeConv2D, Filters: filters, Kernel: 3, Activation: string(act), Padding: padding}
}

// pool2 returns a 2×2 max-pooling spec with same padding.
func pool2(code bool) LayerSpec {
	return LayerSpec{Type: TypeMaxPool2D, Size: 2, Padding: paddingSame, Code: code}
}

// up2 returns a 2× upsampling spec.
func up2() LayerSpec { return LayerSpec{Type: TypeUpSample2D, Size: 2} }

// convSpec is the tutorial's convolutional autoencoder: three conv+pool
// stages down to a 4×4×8 code, three conv+upsample stages back (the last
// conv valid, 16×16 → 14×14), and a sigmoid conv to 28×28×1; adadelta and
// binary cross-entropy. 4,385 parameters.
func convSpec() Spec {
	return Spec{
		Name:  "conv",
		Input: Shape{28, 28, 1},
		Layers: []LayerSpec{
			conv3(16, ReLU, paddingSame), pool2(false),
			conv3(8, ReLU, paddingSame), pool2(false),
			conv3(8, ReLU, paddingSame), pool2(true),
			conv3(8, ReLU, paddingSame), up2(),
			conv3(8, ReLU, paddingSame), up2(),
			conv3(16, ReLU, paddingValid), up2(),
			conv3(1, Sigmoid, paddingSame),
		},
		Loss:      string(BinaryCrossentropy),
		Optimizer: OptimizerSpec{Name: "adadelta"},
		Train:     TrainSpec{Epochs: 3, BatchSize: 128},
	}
}

// denoisingSpec is the tutorial's denoising autoencoder: two 32-filter
// conv+pool stages down to a 7×7×32 code and two conv+upsample stages back,
// trained on fixed noisy inputs (noise factor 0.5) against clean targets.
// 28,353 parameters.
func denoisingSpec() Spec {
	return Spec{
		Name:  "denoising",
		Input: Shape{28, 28, 1},
		Layers: []LayerSpec{
			conv3(32, ReLU, paddingSame), pool2(false),
			conv3(32, ReLU, paddingSame), pool2(true),
			conv3(32, ReLU, paddingSame), up2(),
			conv3(32, ReLU, paddingSame), up2(),
			conv3(1, Sigmoid, paddingSame),
		},
		Loss:      string(BinaryCrossentropy),
		Optimizer: OptimizerSpec{Name: "adadelta"},
		Train:     TrainSpec{Epochs: 3, BatchSize: 128, Noise: 0.5},
	}
}
