package network

import "testing"

func TestTrainFLOPs(t *testing.T) {
	for _, tc := range []struct {
		name          string
		s             Spec
		train, foward float64
	}{
		// 784-64-784: forward 2·784·64 twice; training adds both weight
		// gradients and the second layer's input gradient.
		{"vanilla", mustPreset(t, "vanilla"), 5 * 2 * 784 * 64, 2 * 2 * 784 * 64},
		// 784-512-(2 heads of 2)-512-784: the heads cost a dense layer of 4.
		{"vae", mustPreset(t, "vae"), 2*(2*784*512) + 3*(2*512*4) + 3*(2*2*512) + 3*(2*512*784),
			2*784*512 + 2*512*4 + 2*2*512 + 2*512*784},
		// A 3×3 conv of 28×28×1 onto 16 maps, then a 1×1 conv to one.
		{"convs", Spec{Input: Shape{28, 28, 1}, Loss: "mse", Optimizer: OptimizerSpec{Name: "adam"}, Train: TrainSpec{Epochs: 1, BatchSize: 32}, Layers: []LayerSpec{
			{Type: TypeConv2D, Filters: 16, Kernel: 3, Padding: "same", Code: true},
			{Type: TypeConv2D, Filters: 1, Kernel: 1}}},
			2*(2*9*28*28*16) + 3*(2*16*28*28), 2*9*28*28*16 + 2*16*28*28},
		// A transposed 3×3 conv of 7×7×8 into 14×14×4, then a strided 1×1 conv back.
		{"conv transpose", Spec{Input: Shape{7, 7, 8}, Loss: "mse", Optimizer: OptimizerSpec{Name: "adam"}, Train: TrainSpec{Epochs: 1, BatchSize: 32}, Layers: []LayerSpec{
			{Type: TypeConv2DTranspose, Filters: 4, Kernel: 3, Stride: 2, Padding: "same", Code: true},
			{Type: TypeConv2D, Filters: 8, Kernel: 1, Stride: 2, Padding: "same"}}},
			2*(2*9*7*7*8*4) + 3*(2*4*7*7*8), 2*9*7*7*8*4 + 2*4*7*7*8},
	} {
		train, fwd, err := TrainFLOPs(tc.s)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if train != tc.train || fwd != tc.foward {
			t.Errorf("%s: TrainFLOPs = %g, %g; want %g, %g", tc.name, train, fwd, tc.train, tc.foward)
		}
	}
	if _, _, err := TrainFLOPs(Spec{}); err == nil {
		t.Error("an empty spec has FLOPs")
	}
}

func mustPreset(t *testing.T, name string) Spec {
	t.Helper()
	s, err := Preset(name)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
