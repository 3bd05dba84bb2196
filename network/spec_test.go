package network

import (
	"errors"
	"strings"
	"testing"
)

func TestPresetsBuild(t *testing.T) {
	for _, tc := range []struct {
		name   string
		params int
		code   Shape
	}{
		// Parameter counts of the Keras tutorial's models.
		{"vanilla", 101200, Shape{64}},
		{"multilayer", 218192, Shape{64}},
		{"sparse", 50992, Shape{32}},
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
			// A spec survives a JSON round trip unchanged.
			b, err := MarshalSpec(s)
			if err != nil {
				t.Fatal(err)
			}
			back, err := UnmarshalSpec(b)
			if err != nil {
				t.Fatal(err)
			}
			b2, _ := MarshalSpec(back)
			if string(b) != string(b2) {
				t.Errorf("round trip changed the spec:\n%s\n%s", b, b2)
			}
		})
	}
	if _, err := Preset("resnet"); err == nil || !strings.Contains(err.Error(), `unknown preset "resnet"`) {
		t.Errorf("unknown preset error: %v", err)
	}
}

func TestSpecErrors(t *testing.T) {
	dense := func(units int, code bool) LayerSpec {
		return LayerSpec{Type: "dense", Units: units, Activation: "relu", Code: code}
	}
	good := func() Spec {
		return Spec{Input: Shape{784}, Loss: "mse", Optimizer: OptimizerSpec{Name: "adam"},
			Layers: []LayerSpec{dense(64, true), dense(784, false)}, Train: TrainSpec{Epochs: 1, BatchSize: 32}}
	}
	for _, tc := range []struct {
		name  string
		edit  func(*Spec)
		layer int
		want  string
	}{
		{"zero units", func(s *Spec) { s.Layers[0].Units = 0 }, 0, "dense_1: units must be in [1, 65536], got 0"},
		{"bad activation", func(s *Spec) { s.Layers[1].Activation = "swish" }, 1, `dense_2: unknown activation "swish"`},
		{"unknown type", func(s *Spec) { s.Layers[1].Type = "lstm" }, 1, `lstm_1: unknown layer type "lstm"`},
		{"dense on image", func(s *Spec) { s.Input = Shape{28, 28, 1} }, 0, "dense_1: dense needs a flat input, got 28×28×1"},
		{"no code", func(s *Spec) { s.Layers[0].Code = false }, -1, "no layer is marked as the code"},
		{"two codes", func(s *Spec) { s.Layers[1].Code = true }, 1, "dense_2: a second code layer: dense_1 is already the code"},
		{"code last", func(s *Spec) { s.Layers = s.Layers[:1]; s.Layers[0].Units = 784 }, -1, "the code layer is the last layer"},
		{"wrong output", func(s *Spec) { s.Layers[1].Units = 100 }, -1, "output 100 has 100 values but the input 784 has 784"},
		{"negative l1", func(s *Spec) { s.Layers[0].ActivityRegularizer.L1 = -1 }, 0, "dense_1: l1 must be a number in [0, 10], got -1"},
		{"dropout rate", func(s *Spec) {
			s.Layers = append([]LayerSpec{{Type: "dropout", Rate: 1}}, s.Layers...)
		}, 0, "dropout_1: rate must be in [0, 1), got 1"},
		{"duplicate name", func(s *Spec) { s.Layers[1].Name = "dense_1" }, 1, "dense_1: name already used"},
		{"bad loss", func(s *Spec) { s.Loss = "hinge" }, -1, `unknown loss "hinge"`},
		{"bad optimizer", func(s *Spec) { s.Optimizer.Beta2 = 2 }, -1, "adam: beta_2 must be in [0, 1), got 2"},
		{"empty input", func(s *Spec) { s.Input = nil }, -1, "input: empty shape"},
		{"no layers", func(s *Spec) { s.Layers = nil }, -1, "no layers"},
		{"huge layer", func(s *Spec) { s.Input = Shape{1 << 20}; s.Layers[0].Units = 1 << 16 }, 0, "dense_1: dense_1/kernel would hold 68719476736 values"},
		{"huge model", func(s *Spec) {
			for range 8 {
				s.Layers = append([]LayerSpec{dense(4000, false)}, s.Layers...)
			}
			s.Layers[0].Units = 784
		}, 5, "parameters, more than the 67108864 this studio trains"},
		{"huge input", func(s *Spec) { s.Input = Shape{1 << 20, 1 << 20} }, -1, "holds more than"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := good()
			tc.edit(&s)
			_, err := s.Check()
			var se *SpecError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SpecError", err)
			}
			if se.Layer != tc.layer || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q at layer %d, want %q at layer %d", err, se.Layer, tc.want, tc.layer)
			}
		})
	}
	if _, err := good().Check(); err != nil {
		t.Fatalf("good spec: %v", err)
	}
}

func TestUnmarshalSpecRejectsGarbage(t *testing.T) {
	for _, in := range []string{"", "{", `{"input":[784],"layers":[{"type":"dense","units":-3}]}`, `[]`} {
		if _, err := UnmarshalSpec([]byte(in)); err == nil {
			t.Errorf("UnmarshalSpec(%q) accepted it", in)
		}
	}
}
