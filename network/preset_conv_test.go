package network

import (
	"context"
	"errors"
	"testing"
)

func TestConvSpecErrors(t *testing.T) {
	conv := func(f, k, stride int, padding string) LayerSpec {
		return LayerSpec{Type: "conv2d", Filters: f, Kernel: k, Stride: stride, Padding: padding, Activation: "relu"}
	}
	for _, tc := range []struct {
		name   string
		input  Shape
		layers []LayerSpec
		layer  int
		want   string
	}{
		{"valid conv leaves nothing", Shape{8, 8, 1}, []LayerSpec{
			conv(2, 3, 1, "valid"), conv(2, 3, 1, "valid"), conv(2, 3, 1, "valid"), {Type: "maxpool2d"}, conv(2, 3, 1, "valid"),
		}, 4, "conv2d_4: 3×3 valid convolution on a 1×1 input leaves no output"},
		{"named layer", Shape{2, 2, 1}, []LayerSpec{
			{Type: "conv2d", Name: "conv2d_5", Filters: 1, Kernel: 3, Padding: "valid"},
		}, 0, "conv2d_5: 3×3 valid convolution on a 2×2 input leaves no output"},
		{"pool on flat input", Shape{784}, []LayerSpec{{Type: "maxpool2d"}}, 0,
			"maxpool2d_1: needs a height×width×channels input, got 784: add a reshape layer"},
		{"conv on flat input", Shape{784}, []LayerSpec{conv(4, 3, 1, "same")}, 0,
			"conv2d_1: needs a height×width×channels input, got 784: add a reshape layer"},
		{"upsample on flat input", Shape{784}, []LayerSpec{{Type: "upsample2d"}}, 0,
			"upsample2d_1: needs a height×width×channels input, got 784: add a reshape layer"},
		{"reshape size", Shape{784}, []LayerSpec{{Type: "reshape", Shape: Shape{28, 27, 1}}}, 0,
			"reshape_1: cannot reshape 784 values into 28×27×1 (756 values)"},
		{"reshape no shape", Shape{784}, []LayerSpec{{Type: "reshape"}}, 0, "reshape_1: needs a target shape"},
		{"stride 3", Shape{8, 8, 1}, []LayerSpec{conv(4, 3, 3, "same")}, 0, "conv2d_1: stride must be 1 or 2, got 3"},
		{"kernel 0", Shape{8, 8, 1}, []LayerSpec{conv(4, 0, 1, "same")}, 0, "conv2d_1: kernel must be in [1, 31], got 0"},
		{"filters 0", Shape{8, 8, 1}, []LayerSpec{conv(0, 3, 1, "same")}, 0, "conv2d_1: filters must be in [1, 4096], got 0"},
		{"padding full", Shape{8, 8, 1}, []LayerSpec{conv(4, 3, 1, "full")}, 0, `conv2d_1: unknown padding "full" (want same or valid)`},
		{"transpose stride", Shape{8, 8, 1}, []LayerSpec{{Type: "conv2d_transpose", Filters: 1, Kernel: 3, Stride: 4}}, 0,
			"conv2d_transpose_1: stride must be 1 or 2, got 4"},
		{"bad activation", Shape{8, 8, 1}, []LayerSpec{{Type: "conv2d", Filters: 1, Kernel: 3, Activation: "swish"}}, 0,
			`conv2d_1: unknown activation "swish"`},
		{"pool too big", Shape{8, 8, 1}, []LayerSpec{{Type: "maxpool2d", Size: 9}}, 0,
			"maxpool2d_1: 9×9 valid pooling on a 8×8 input leaves no output"},
		{"pool size", Shape{8, 8, 1}, []LayerSpec{{Type: "maxpool2d", Size: -1}}, 0, "maxpool2d_1: size must be in [1, 32], got -1"},
		{"pool padding", Shape{8, 8, 1}, []LayerSpec{{Type: "maxpool2d", Padding: "full"}}, 0,
			`maxpool2d_1: unknown padding "full" (want same or valid)`},
		{"upsample size", Shape{8, 8, 1}, []LayerSpec{{Type: "upsample2d", Size: -2}}, 0, "upsample2d_1: size must be in [1, 32], got -2"},
		{"negative noise", Shape{8, 8, 1}, []LayerSpec{{Type: "gaussian_noise", Noise: -1}}, 0,
			"gaussian_noise_1: noise must be a number in [0, 10], got -1"},
		{"wrong output", Shape{8, 8, 1}, []LayerSpec{
			{Type: "maxpool2d", Code: true}, conv(2, 3, 1, "same"), {Type: "upsample2d"},
		}, -1, "output 8×8×2 has 128 values but the input 8×8×1 has 64"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Spec{Input: tc.input, Layers: tc.layers, Loss: "mse", Optimizer: OptimizerSpec{Name: "adam"}, Train: TrainSpec{Epochs: 1, BatchSize: 32}}
			_, err := s.Check()
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("Check() = %v, want a *SpecError", err)
			}
			if se.Layer != tc.layer {
				t.Errorf("error names layer %d, want %d", se.Layer, tc.layer)
			}
			if got := err.Error(); len(got) < len(tc.want) || got[:len(tc.want)] != tc.want {
				t.Errorf("error %q, want it to start with %q", got, tc.want)
			}
		})
	}
}

func TestConvPresets(t *testing.T) {
	for _, tc := range []struct {
		name   string
		params int
		code   Shape
		noise  float64
	}{
		{"conv", 4385, Shape{4, 4, 8}, 0},
		{"denoising", 28353, Shape{7, 7, 32}, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Preset(tc.name)
			if err != nil {
				t.Fatal(err)
			}
			m, err := Build(s, 1)
			if err != nil {
				t.Fatal(err)
			}
			if m.ParamCount() != tc.params || !m.CodeShape().Equal(tc.code) {
				t.Errorf("%d params, code %s; want %d, %s", m.ParamCount(), m.CodeShape(), tc.params, tc.code)
			}
			if code := m.Layers()[m.CodeLayer()]; code.Type() != "maxpool2d" {
				t.Errorf("code layer is a %s, want the last encoder maxpool2d", code.Type())
			}
			if s.Train.Noise != tc.noise || s.Train.Epochs != 3 || s.Train.BatchSize != 128 || s.Loss != string(BinaryCrossentropy) || s.Optimizer.Name != "adadelta" {
				t.Errorf("training settings %+v, loss %s, optimizer %s", s.Train, s.Loss, s.Optimizer.Name)
			}
			b, err := MarshalSpec(s)
			if err != nil {
				t.Fatal(err)
			}
			back, err := UnmarshalSpec(b)
			if err != nil {
				t.Fatal(err)
			}
			if b2, _ := MarshalSpec(back); string(b) != string(b2) {
				t.Errorf("round trip changed the spec:\n%s\n%s", b, b2)
			}
		})
	}
}

// TestConvPresetLearns trains the conv preset for one epoch on 2,000 MNIST
// digits and expects the validation loss to fall well below its start.
func TestConvPresetLearns(t *testing.T) {
	if testing.Short() {
		t.Skip("trains on MNIST")
	}
	train, val := mnistSubset(t, 2000, 200)
	s, _ := Preset("conv")
	m, err := Build(s, 1)
	if err != nil {
		t.Fatal(err)
	}
	before := m.Evaluate(val.X, val.X, val.N, 200).Recon
	hist, err := m.Fit(context.Background(), train, val, FitConfig{Epochs: 1, BatchSize: 64, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	after := hist[len(hist)-1].ValLoss
	t.Logf("validation BCE %.4f → %.4f in %.1f s", before, after, hist[0].Seconds)
	if !(after < 0.8*before) {
		t.Errorf("validation BCE %.4f → %.4f: want at least a 20%% drop", before, after)
	}
}

// TestConvFitReproducible checks that two seeded runs of a small conv
// model give bit-identical weights.
func TestConvFitReproducible(t *testing.T) {
	train, val := mnistSubset(t, 256, 64)
	weights := func() []float32 {
		s, _ := Preset("denoising")
		m, err := Build(s, 3)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := m.Fit(context.Background(), train, val, FitConfig{Epochs: 1, BatchSize: 64, Seed: 2}); err != nil {
			t.Fatal(err)
		}
		var w []float32
		for _, p := range m.Params() {
			w = append(w, p.Value...)
		}
		return w
	}
	a, b := weights(), weights()
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("weight %d differs between seeded runs: %v, %v", i, a[i], b[i])
		}
	}
}
