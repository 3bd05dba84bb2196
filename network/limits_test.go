package network

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// TestSpecBounds checks every number a spec holds at and beyond its bounds:
// the last value inside passes, the first outside fails with the range in
// the message and the field named.
func TestSpecBounds(t *testing.T) {
	dense := func() Spec { s, _ := Preset("vanilla"); return s }
	conv := func() Spec { s, _ := Preset("conv"); return s }
	nan := math.NaN()
	for _, tc := range []struct {
		name  string
		base  func() Spec
		edit  func(*Spec)
		field string
		want  string // "" when the spec must pass
	}{
		{"epochs 1", dense, func(s *Spec) { s.Train.Epochs = 1 }, "", ""},
		{"epochs 0", dense, func(s *Spec) { s.Train.Epochs = 0 }, "epochs", "epochs must be in [1, 10000], got 0"},
		{"epochs max", dense, func(s *Spec) { s.Train.Epochs = MaxEpochs }, "", ""},
		{"epochs over", dense, func(s *Spec) { s.Train.Epochs = MaxEpochs + 1 }, "epochs", "epochs must be in [1, 10000], got 10001"},
		{"batch 0", dense, func(s *Spec) { s.Train.BatchSize = 0 }, "batch_size", "batch_size must be in [1, 65536], got 0"},
		{"batch max", dense, func(s *Spec) { s.Train.BatchSize = MaxBatchSize }, "", ""},
		{"batch over", dense, func(s *Spec) { s.Train.BatchSize = 1_000_000_000 }, "batch_size", "batch_size must be in [1, 65536], got 1000000000"},
		{"batch memory", conv, func(s *Spec) {
			s.Layers[0].Filters = 512
			s.Train.BatchSize = 4096
		}, "batch_size", "a batch of 4096 needs about"},
		{"noise max", dense, func(s *Spec) { s.Train.Noise = 10 }, "", ""},
		{"noise over", dense, func(s *Spec) { s.Train.Noise = 10.5 }, "noise", "noise must be a number in [0, 10], got 10.5"},
		{"noise negative", dense, func(s *Spec) { s.Train.Noise = -0.1 }, "noise", "noise must be a number in [0, 10], got -0.1"},
		{"noise NaN", dense, func(s *Spec) { s.Train.Noise = nan }, "noise", "got NaN"},
		{"lr NaN", dense, func(s *Spec) { s.Optimizer.LearningRate = nan }, "learning_rate", "learning rate must be a finite number above 0, got NaN"},
		{"lr Inf", dense, func(s *Spec) { s.Optimizer.LearningRate = math.Inf(1) }, "learning_rate", "got +Inf"},
		{"lr negative", dense, func(s *Spec) { s.Optimizer.LearningRate = -1e-3 }, "learning_rate", "got -0.001"},
		{"lr 1000", dense, func(s *Spec) { s.Optimizer.LearningRate = 1000 }, "", ""}, // allowed; Fit and the editor warn
		{"beta_1 1", dense, func(s *Spec) { s.Optimizer.Beta1 = 1 }, "beta_1", "beta_1 must be in [0, 1), got 1"},
		{"epsilon NaN", dense, func(s *Spec) { s.Optimizer.Epsilon = nan }, "epsilon", "epsilon must be a number in [0, 1], got NaN"},
		{"momentum NaN", dense, func(s *Spec) { s.Optimizer = OptimizerSpec{Name: "sgd", Momentum: nan} }, "momentum", "got NaN"},
		{"l1 max", dense, func(s *Spec) { s.Layers[0].ActivityRegularizer.L1 = 10 }, "", ""},
		{"l1 over", dense, func(s *Spec) { s.Layers[0].ActivityRegularizer.L1 = 11 }, "l1", "l1 must be a number in [0, 10], got 11"},
		{"l2 NaN", dense, func(s *Spec) { s.Layers[0].KernelRegularizer.L2 = nan }, "l2", "got NaN"},
		{"units max", dense, func(s *Spec) { s.Layers[0].Units = 1 << 14 }, "", ""},
		{"units over", dense, func(s *Spec) { s.Layers[0].Units = 1<<16 + 1 }, "units", "units must be in [1, 65536], got 65537"},
		{"filters over", conv, func(s *Spec) { s.Layers[0].Filters = 1 << 20 }, "filters", "filters must be in [1, 4096], got 1048576"},
		{"filters memory", conv, func(s *Spec) { s.Layers[0].Filters = 4096; s.Layers[0].Kernel = 1 }, "batch_size", "a batch of 128 needs about 4.1 GB"},
		{"kernel over", conv, func(s *Spec) { s.Layers[0].Kernel = 32 }, "kernel", "kernel must be in [1, 31], got 32"},
		{"upsample overflow", conv, func(s *Spec) { s.Layers[layerOf(*s, "upsample2d")].Size = 4611686018427387905 }, "size", "size must be in [1, 32], got 4611686018427387905"},
		{"upsample output", conv, func(s *Spec) {
			s.Layers = append([]LayerSpec{{Type: "upsample2d", Size: 32}, {Type: "upsample2d", Size: 32}, {Type: "maxpool2d", Size: 32}, {Type: "maxpool2d", Size: 32}}, s.Layers...)
		}, "", "upsample2d_2: output shape 28672×28672×1 holds more than 4194304 values"},
		{"pool over", conv, func(s *Spec) { s.Layers[1].Size = 33 }, "size", "size must be in [1, 32], got 33"},
		{"pool stride over", conv, func(s *Spec) { s.Layers[1].Stride = 33 }, "stride", "stride must be in [1, 32], got 33"},
		{"dropout NaN", dense, func(s *Spec) { s.Layers = append([]LayerSpec{{Type: "dropout", Rate: nan}}, s.Layers...) }, "", "rate must be in [0, 1), got NaN"},
		{"name long", dense, func(s *Spec) { s.Name = strings.Repeat("n", MaxNameLen+1) }, "name", "the name has 201 bytes, more than 200"},
		{"layer name long", dense, func(s *Spec) { s.Layers[0].Name = strings.Repeat("n", 20<<20) }, "", "the layer name has 20971520 bytes"},
		{"layers over", dense, func(s *Spec) {
			for range MaxLayers {
				s.Layers = append([]LayerSpec{{Type: "flatten"}}, s.Layers...)
			}
		}, "layers", "the model has 1002 layers, more than the 1000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.base()
			tc.edit(&s)
			_, err := s.Check()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Check() = %v, want it to pass", err)
				}
				return
			}
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("Check() = %v, want a *SpecError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q, want it to contain %q", err, tc.want)
			}
			if tc.field != "" && se.Field != tc.field {
				t.Errorf("error names field %q, want %q", se.Field, tc.field)
			}
		})
	}
}

// layerOf returns the index of the first layer of type typ in s.
func layerOf(s Spec, typ string) int {
	for i, l := range s.Layers {
		if l.Type == typ {
			return i
		}
	}
	panic("no " + typ + " layer")
}

// TestBuildLinear builds a model of the most layers allowed; a build that is
// quadratic in the layer count takes far longer.
func TestBuildLinear(t *testing.T) {
	s, _ := Preset("vanilla")
	for range MaxLayers - len(s.Layers) {
		s.Layers = append(s.Layers, LayerSpec{Type: "flatten"})
	}
	start := time.Now()
	if _, err := Build(s, 1); err != nil {
		t.Fatal(err)
	}
	// Generous: linear building takes milliseconds, even under -race.
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("building %d layers took %v", len(s.Layers), el)
	}
}
