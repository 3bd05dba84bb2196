package network

func init() {
	presets["vae"] = vaeSpec
	presets["conv-vae"] = convVAESpec
	presetOrder = append(presetOrder, "vae", "conv-vae")
}

// vaeLoss is the loss of the variational presets: binary cross-entropy
// summed over each image, on the scale of the KL term, as in the Keras
// blog.
const vaeLoss = SummedBinaryCrossentropy

// vaeSpec is the variational autoencoder of the Keras blog "Building
// Autoencoders in Keras": Dense 512 relu, a 2-D variational code (mean and
// log-variance heads, sampled while training), Dense 512 relu and Dense 784
// sigmoid; loss 784 · mean binary cross-entropy + KL per image; Adam, batch
// 128, 10 epochs.
func vaeSpec() Spec {
	return Spec{
		Name:  "vae",
		Input: Shape{784},
		Layers: []LayerSpec{
			{Type: TypeDense, Units: 512, Activation: string(ReLU)},
			{Type: TypeVariational, Units: 2, Code: true},
			{Type: TypeDense, Units: 512, Activation: string(ReLU)},
			{Type: TypeDense, Units: 784, Activation: string(Sigmoid)},
		},
		Loss:      string(vaeLoss),
		Optimizer: OptimizerSpec{Name: "adam"},
		Train:     TrainSpec{Epochs: 10, BatchSize: 128},
	}
}

// convVAESpec is the variational autoencoder built the same way on the
// tutorial's convolutional encoder: its three conv+pool stages down to
// 4×4×8, flattened into a 2-D variational code, a Dense 128 relu back to
// 4×4×8 and the conv preset's decoder; the loss, optimizer and training of
// vaeSpec.
func convVAESpec() Spec {
	return Spec{
		Name:  "conv-vae",
		Input: Shape{28, 28, 1},
		Layers: []LayerSpec{
			conv3(16, ReLU, paddingSame), pool2(false),
			conv3(8, ReLU, paddingSame), pool2(false),
			conv3(8, ReLU, paddingSame), pool2(false),
			{Type: TypeFlatten},
			{Type: TypeVariational, Units: 2, Code: true},
			{Type: TypeDense, Units: 128, Activation: string(ReLU)},
			{Type: TypeReshape, Shape: Shape{4, 4, 8}},
			conv3(8, ReLU, paddingSame), up2(),
			conv3(8, ReLU, paddingSame), up2(),
			conv3(16, ReLU, paddingValid), up2(),
			conv3(1, Sigmoid, paddingSame),
		},
		Loss:      string(vaeLoss),
		Optimizer: OptimizerSpec{Name: "adam"},
		Train:     TrainSpec{Epochs: 10, BatchSize: 128},
	}
}

// Variational reports whether s has a variational code layer, so that its
// codes follow N(0, I) and its decoder can be sampled from that prior.
func (s Spec) Variational() bool {
	for _, l := range s.Layers {
		if l.Type == TypeVariational && l.Code {
			return true
		}
	}
	return false
}
